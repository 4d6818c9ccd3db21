import Foundation

/// The top of the repository the tests were built from (scripts, docs, the README).
public enum Repository {
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// The project's own copy of the sample article (samples/ at the top of the repository).
public enum Samples {
    public static var folder: URL { Repository.root.appendingPathComponent("samples") }

    /// The whole page, byte for byte.
    public static func articlePage() throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent("baghdad-today-2023-08-03.txt"))
    }

    public static var articleFile: URL { folder.appendingPathComponent("baghdad-today-2023-08-03.txt") }
}
