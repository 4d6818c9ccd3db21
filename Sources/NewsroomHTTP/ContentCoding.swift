/// The content codings a request accepts (RFC 9110 §12.5.3), read from its header's bytes.
public enum ContentCoding {
    /// `gzip` (or `x-gzip`, or `*`) listed without a zero `q`. Read in place: no strings are
    /// made for a header most requests send the same.
    public static func acceptsGzip(_ header: String?) -> Bool {
        guard var header else { return false }
        var found = false
        header.withUTF8 { bytes in
            var index = 0
            while index < bytes.count, !found {
                // One item: a coding, then parameters after ';', up to ','.
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
                var codingEnd = index
                while codingEnd < end, bytes[codingEnd] != UInt8(ascii: ";") { codingEnd += 1 }
                let coding = trimmed(bytes, index, codingEnd)
                if isCoding(bytes, coding, "gzip") || isCoding(bytes, coding, "x-gzip") || isCoding(bytes, coding, "*") {
                    found = !hasZeroQuality(bytes, codingEnd, end)
                }
                index = end + 1
            }
        }
        return found
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var lower = start, upper = end
        while lower < upper, bytes[lower] == 32 || bytes[lower] == 9 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 32 || bytes[upper - 1] == 9 { upper -= 1 }
        return lower..<upper
    }

    private static func isCoding(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        for offset in 0..<range.count where bytes[range.lowerBound + offset] | 0x20 != name.utf8Start[offset] | 0x20 { return false }
        return true
    }

    /// `;q=0`, `;q=0.0`, `;q=0.000` among the parameters.
    private static func hasZeroQuality(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end {
            guard bytes[index] == UInt8(ascii: ";") else { index += 1; continue }
            var next = index + 1
            while next < end, bytes[next] != UInt8(ascii: ";") { next += 1 }
            let parameter = trimmed(bytes, index + 1, next)
            if parameter.count >= 3, bytes[parameter.lowerBound] | 0x20 == UInt8(ascii: "q"), bytes[parameter.lowerBound + 1] == UInt8(ascii: "=") {
                let value = (parameter.lowerBound + 2)..<parameter.upperBound
                return bytes[value.lowerBound] == UInt8(ascii: "0")
                    && value.dropFirst().allSatisfy { bytes[$0] == UInt8(ascii: ".") || bytes[$0] == UInt8(ascii: "0") }
            }
            index = next
        }
        return false
    }
}
