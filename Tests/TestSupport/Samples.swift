import Foundation

/// The project's own copy of the sample article (samples/ at the top of the repository).
public enum Samples {
    public static var folder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples")
    }

    /// The whole page, byte for byte.
    public static func articlePage() throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent("baghdad-today-2023-08-03.txt"))
    }

    public static var articleFile: URL { folder.appendingPathComponent("baghdad-today-2023-08-03.txt") }
}
