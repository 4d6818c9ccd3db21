/// The still-image formats a photo may arrive in, told by their bytes (never by a file's name),
/// and what other files are when they are not one of them, for a message a person can act on.
public enum ImageFormat: String, Sendable, CaseIterable {
    case jpeg, png, webp

    /// libvips's loader for it (the shim's numbering).
    var loader: Int32 {
        switch self {
        case .jpeg: 1
        case .png: 2
        case .webp: 3
        }
    }

    /// The format the bytes begin as: JPEG's SOI marker, PNG's eight-byte signature, a RIFF
    /// container of type WEBP.
    public static func identify(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    /// What a file that is not a photo of ours seems to be, by its first bytes (for the message).
    public static func describe(_ bytes: [UInt8]) -> String {
        func starts(_ text: String) -> Bool { bytes.starts(with: Array(text.utf8)) }
        if bytes.isEmpty { return "an empty file" }
        if starts("GIF87a") || starts("GIF89a") { return "a GIF" }
        if bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            return brand.hasPrefix("avi") ? "an AVIF image" : brand.hasPrefix("hei") || brand.hasPrefix("mif") ? "a HEIC image" : "a video or ISO media file"
        }
        if starts("%PDF") { return "a PDF" }
        if starts("PK\u{03}\u{04}") { return "a ZIP archive (or an office document)" }
        if starts("II*\u{0}") || starts("MM\u{0}*") { return "a TIFF (or a camera's raw file)" }
        if starts("BM") { return "a BMP" }
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        if head.contains("<svg") { return "an SVG drawing" }
        if head.contains("<html") || head.contains("<!doctype") || head.contains("<script") { return "an HTML page" }
        return "of a kind the newsroom does not read"
    }
}
