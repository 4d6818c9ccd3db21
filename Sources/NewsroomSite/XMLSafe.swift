/// What XML 1.0 (and HTML's parser) cannot carry never leaves the site: C0 controls but tab,
/// LF and CR, DEL and the C1 controls, and Unicode's noncharacters (U+FDD0–U+FDEF, every
/// U+nFFFE and U+nFFFF). The core refuses them in new text (EditorialText); a text stored
/// before that rule may still hold one, and each becomes U+FFFD here, so one story can never
/// make a feed, a sitemap or a page malformed. Works on the UTF-8 bytes; text without such a
/// character (Arabic included) is returned as it is after one pass.
enum XMLSafe {
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    static func clean(_ value: String) -> String {
        var value = value
        return value.withUTF8 { bytes in
            guard let first = bytes.indices.first(where: { forbiddenLength(bytes, at: $0) > 0 }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 8)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            var index = first
            while index < bytes.count {
                let length = forbiddenLength(bytes, at: index)
                if length > 0 {
                    out.append(contentsOf: replacement)
                    index += length
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The length in bytes of a forbidden character starting at `index`, or 0.
    @inline(__always)
    static func forbiddenLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        func next(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch byte {
        case 0x09, 0x0A, 0x0D: return 0
        case 0x00..<0x20, 0x7F: return 1
        case 0xC2: return (0x80...0x9F).contains(next(1)) ? 2 : 0
        case 0xEF:
            let (b1, b2) = (next(1), next(2))
            return (b1 == 0xB7 && (0x90...0xAF).contains(b2)) || (b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)) ? 3 : 0
        case 0xF0...0xF4:
            let (b1, b2, b3) = (next(1), next(2), next(3))
            return b1 & 0x0F == 0x0F && b2 == 0xBF && (b3 == 0xBE || b3 == 0xBF) ? 4 : 0
        default: return 0
        }
    }
}
