import Foundation

/// Photos for tests, made by the tools a picture desk has (ImageMagick draws them, exiftool
/// writes and reads their metadata), never by the code under test.
public enum TestPhotos {
    /// What a source's camera and photographer leave in a file: each must reach no reader.
    public static let secrets = ["Ali Hassan Secret", "SN123456789", "LENS987654", "مصدر سري", "Nikon Z9 Spy"]

    /// A JPEG of `width` × `height` (a fractal, so that it compresses as a photo does), with
    /// GPS, serial numbers, a creator, a caption and a credit in EXIF, XMP and IPTC, an EXIF
    /// thumbnail of the original, and an orientation (6: stored turned, shown upright).
    public static func sensitiveJPEG(in folder: URL, width: Int = 2400, height: Int = 1600, orientation: Int = 6) throws -> URL {
        let file = folder.appendingPathComponent("camera-\(width)x\(height).jpg")
        let thumbnail = folder.appendingPathComponent("thumb.jpg")
        try tool("/usr/bin/convert", ["-size", "\(width)x\(height)", "-seed", "7", "plasma:fractal", "-quality", "90", file.path])
        try tool("/usr/bin/convert", ["-size", "160x120", "xc:red", thumbnail.path])
        try tool("exiftool", [
            "-q", "-overwrite_original", "-charset", "iptc=UTF8", "-codedcharacterset=UTF8",
            "-Artist=Ali Hassan Secret", "-Copyright=Ali Hassan Secret", "-Make=Nikon", "-Model=Nikon Z9 Spy",
            "-SerialNumber=SN123456789", "-LensSerialNumber=LENS987654", "-DateTimeOriginal=2026:12:01 10:11:12",
            "-GPSLatitude=33.3152", "-GPSLatitudeRef=N", "-GPSLongitude=44.3661", "-GPSLongitudeRef=E", "-Orientation#=\(orientation)",
            "-XMP-dc:Creator=Ali Hassan Secret", "-XMP-dc:Description=مصدر سري يظهر في الصورة", "-XMP-photoshop:Credit=وكالة الأنباء العراقية",
            "-IPTC:By-line=Ali Hassan Secret", "-IPTC:Caption-Abstract=مصدر سري في شارع الرشيد", "-IPTC:Credit=INA",
            "-IPTC:DateCreated=20261201", "-ThumbnailImage<=\(thumbnail.path)", file.path,
        ])
        return file
    }

    /// A plain picture with no metadata.
    public static func plain(in folder: URL, name: String, size: String = "1200x800", format: String = "jpg") throws -> URL {
        let file = folder.appendingPathComponent("\(name).\(format)")
        try tool("/usr/bin/convert", ["-size", size, "-seed", "3", "plasma:fractal", "-strip", file.path])
        return file
    }

    /// exiftool's groups and tags for a file (`-G1`), for checking what it carries.
    public static func tags(_ file: URL) throws -> [String: Any] {
        let output = try tool("exiftool", ["-json", "-a", "-G1", "-b", "-x", "System:all", file.path])
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]
        return parsed?.first ?? [:]
    }

    @discardableResult
    public static func tool(_ command: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problems = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureFailure(message: "\(command) \(arguments.joined(separator: " ")): \(String(decoding: problems, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

extension TestPhotos {
    /// A folder of its own for a test's files, removed after `body`.
    public static func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-photos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }
}

extension TestPhotos {
    /// PNG's chunk checksum (CRC-32, as zlib computes it), to forge a header for a test.
    public static func crc32<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
