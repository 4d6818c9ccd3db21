/// Why an image could not be read or made, as a person can act on it.
public struct ImageError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The bytes are not JPEG, PNG or WebP.
        case notAnImage
        /// The bytes begin as an image but do not decode: truncated, corrupt, or hostile.
        case unreadable
        /// libvips could not start, or could not make a rendition.
        case failed
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
