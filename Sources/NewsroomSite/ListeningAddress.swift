import Synchronization

/// Where the server is listening, as a site address (`http://127.0.0.1:18282`): canonical
/// links, Open Graph and feeds use it while the `site.base_url` setting is not set, so they
/// never point at a port nothing serves. Known only once the socket is bound (port 0 takes
/// any free port), hence shared and set later.
public final class ListeningAddress: Sendable {
    private let url: Mutex<String?>

    public init(_ url: String? = nil) { self.url = Mutex(url) }

    public var value: String? { url.withLock { $0 } }

    public func set(_ value: String) { url.withLock { $0 = value } }
}
