/// Writing HTML safely: every piece of user text goes through `text` or `attribute`, which
/// escape what HTML gives meaning to. Direction is the page's business (`dir`, `bdi`), not
/// the escaper's: bidirectional controls in user text are kept and isolated by the markup.
public struct HTML: Sendable {
    public private(set) var output = ""

    public init(capacity: Int = 8192) {
        output.reserveCapacity(capacity)
    }

    /// Markup written by the site itself (never user text).
    public mutating func raw(_ markup: String) {
        output += markup
    }

    /// User text as element content.
    public mutating func text(_ value: String) {
        output += HTML.escape(value)
    }

    /// `&`, `<`, `>`, `"` and `'` as entities, what XML forbids as U+FFFD (`XMLSafe`),
    /// everything else as it is (valid in HTML and XML alike). Works on the UTF-8 bytes,
    /// copying runs that need nothing in one go.
    public static func escape(_ value: String) -> String {
        var value = XMLSafe.clean(value)
        return value.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            var runStart = 0
            for index in bytes.indices {
                let entity: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                runStart = index + 1
            }
            if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
