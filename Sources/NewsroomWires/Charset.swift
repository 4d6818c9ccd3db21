#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore

/// Text in a declared charset turned into UTF-8 by iconv (the C library's): what an older
/// Arabic system's Windows-1256 or ISO-8859-6 becomes. Bytes the charset does not define
/// refuse the text, saying where; a charset iconv does not know refuses it too.
enum Charset {
    static func isUTF8(_ name: String) -> Bool {
        ["utf-8", "utf8"].contains(name.lowercased())
    }

    static func utf8(_ bytes: [UInt8], from charset: String) throws(WireRefusal) -> [UInt8] {
        if isUTF8(charset) { return bytes }
        guard let converter = Optional(iconv_open("UTF-8", charset)), Int(bitPattern: converter) != -1 else {
            throw WireRefusal(.charset, "its charset \"\(charset)\" is unknown; use UTF-8, windows-1256 or ISO-8859-6")
        }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let total = output.count
        var failedAt: Int? = nil
        let written: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self) as UnsafeMutablePointer<CChar>?
                var inLeft = inBuffer.count
                var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self) as UnsafeMutablePointer<CChar>?
                var outLeft = total
                if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { failedAt = inBuffer.count - inLeft }
                return total - outLeft
            }
        }
        if let failedAt {
            let byte = failedAt < bytes.count ? " (0x" + String(bytes[failedAt], radix: 16, uppercase: true) + ")" : ""
            throw WireRefusal(.undecodable, "byte \(failedAt + 1)\(byte) is not \(charset), the charset it declares")
        }
        return Array(output[..<written])
    }
}
