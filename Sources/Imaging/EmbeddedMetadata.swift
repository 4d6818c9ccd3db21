/// What a photo's file says of itself, read before every rendition is made without it:
/// IPTC IIM and XMP (caption, credit, creator, copyright, date created), EXIF (date taken,
/// camera), and whether it carried what could expose a source (a position, serial numbers).
/// Text that is not valid UTF-8 is left out, never guessed at.
public struct EmbeddedMetadata: Sendable, Equatable {
    public var caption: String?
    public var credit: String?
    public var creator: String?
    public var copyright: String?
    /// As the file states it: `YYYY-MM-DD`, with a time where it gives one.
    public var created: String?
    public var camera: String?
    /// A GPS position was in the file (removed from every rendition; kept in the original).
    public var hadLocation = false
    /// A camera's or lens's serial number was in the file.
    public var hadSerialNumber = false

    init(exif field: (String) -> String?, xmp: [UInt8]?, iptc: [UInt8]?) {
        let iim = iptc.map(IPTCReader.read) ?? [:]
        let packet = xmp.map(XMPReader.read) ?? [:]
        func exif(_ name: String) -> String? { field(name).flatMap(Self.exifASCII) }
        // XMP first, as IPTC and the Metadata Working Group advise: IIM's fields are short
        // (a credit is cut at 32 bytes) and older.
        caption = packet[.caption] ?? iim[.caption] ?? exif("exif-ifd0-ImageDescription")
        credit = packet[.credit] ?? iim[.credit]
        creator = packet[.creator] ?? iim[.creator] ?? exif("exif-ifd0-Artist")
        copyright = packet[.rights] ?? iim[.copyright] ?? exif("exif-ifd0-Copyright")
        created = (exif("exif-ifd2-DateTimeOriginal").map(Self.exifDate) ?? packet[.created] ?? iim[.created].map(Self.iimDate))
            .flatMap { $0.isEmpty ? nil : $0 }
        let make = exif("exif-ifd0-Make"), model = exif("exif-ifd0-Model")
        camera = (make.map { make in model.map { $0.hasPrefix(make) ? $0 : make + " " + $0 } ?? make } ?? model)?.nilIfEmpty
        hadLocation = field("exif-ifd3-GPSLatitude") != nil || field("exif-ifd3-GPSLongitude") != nil
            || packet[.location] != nil
        hadSerialNumber = ["exif-ifd2-BodySerialNumber", "exif-ifd2-LensSerialNumber", "exif-ifd2-CameraSerialNumber"]
            .contains { field($0) != nil } || packet[.serial] != nil
        for key in [\Self.caption, \.credit, \.creator, \.copyright] {
            self[keyPath: key] = self[keyPath: key].map { $0.trimmingSpaces() }.flatMap(\.nilIfEmpty)
        }
    }

    /// An EXIF ASCII field as libvips prints it: "RAW (READABLE, ASCII, n components, m bytes)",
    /// where the raw value is the first m − 1 bytes (its terminating NUL counted in m).
    static func exifASCII(_ printed: String) -> String? {
        let parts = printed.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[parts.count - 3] == " ASCII", parts[parts.count - 2].hasSuffix(" components"),
              parts[parts.count - 1].hasPrefix(" "), parts[parts.count - 1].hasSuffix(" bytes)"),
              let count = Int(parts[parts.count - 1].dropFirst().dropLast(" bytes)".count))
        else { return nil }
        let bytes = Array(printed.utf8)
        guard count >= 1, count - 1 <= bytes.count else { return nil }
        var raw = Array(bytes[0..<(count - 1)])
        while raw.last == 0 { raw.removeLast() }
        guard let text = String(validating: raw, as: UTF8.self), !text.contains("\u{0}") else { return nil }
        return text
    }

    /// EXIF's "2026:12:01 10:11:12" as "2026-12-01T10:11:12" (a camera's own clock, no zone).
    static func exifDate(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10, scalars[4] == ":", scalars[7] == ":" else { return "" }
        scalars[4] = "-"; scalars[7] = "-"
        if scalars.count >= 19, scalars[10] == " " { scalars[10] = "T"; scalars = Array(scalars[0..<19]) } else { scalars = Array(scalars[0..<10]) }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    /// IIM's CCYYMMDD as "CCYY-MM-DD".
    static func iimDate(_ text: String) -> String {
        let digits = Array(text.utf8)
        guard digits.count == 8, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return "" }
        let s = String(decoding: digits, as: UTF8.self)
        return "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.suffix(2))"
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }

    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace || first.value < 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace || last.value < 0x20 { scalars.removeLast() }
        return String(scalars)
    }
}
