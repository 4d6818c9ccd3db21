#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Where a server listens, as both servers take it (`--listen HOST:PORT`), and what to say
/// when it cannot.
public enum Listening {
    /// `127.0.0.1:8080`, `[::1]:80`, `0.0.0.0:0` (any free port); nil for anything else.
    public static func hostAndPort(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        return (host, port)
    }

    /// What a person is told when binding `listen` failed with `error`, or nil when the
    /// error is not about the address.
    public static func refusal(_ error: IOError, listen: String) -> String? {
        let reason: String
        switch error.errnoCode {
        case EADDRINUSE: reason = "another program listens there"
        case EACCES: reason = "this user may not use that port"
        case EADDRNOTAVAIL: reason = "this machine has no such address"
        default: return nil
        }
        return "cannot listen on \(listen): \(reason); choose another with --listen HOST:PORT"
    }
}
