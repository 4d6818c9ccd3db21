// Writes a Swift file that carries each migration's name, SHA-256 and exact bytes.
// Usage: MigrationEmbedder OUTPUT.swift MIGRATIONS_FOLDER
// It lists the folder itself: the build re-runs it when the folder changes, but the
// plugin's own file list is only refreshed when SwiftPM re-plans, which adding a file
// outside the targets does not trigger.
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let outputPath = arguments.first, let folder = arguments.last else {
    fail("usage: MigrationEmbedder OUTPUT.swift MIGRATIONS_FOLDER (given: \(arguments.joined(separator: " ")))")
}
let paths: [String]
do {
    paths = try FileManager.default.contentsOfDirectory(atPath: folder)
        .filter { $0.hasSuffix(".sql") }
        .sorted()
        .map { folder + "/" + $0 }
} catch {
    fail("\(folder): cannot list: \(error)")
}

var entries: [String] = []
var seenNumbers: Set<String> = []
for path in paths {
    let url = URL(fileURLWithPath: path)
    let name = url.deletingPathExtension().lastPathComponent
    // NNNN_short_name: the number orders them, the rest says what it does.
    let parts = name.split(separator: "_", maxSplits: 1)
    guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
          parts[1].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
    else { fail("\(path): a migration is named NNNN_short_name.sql (four digits, lower-case words joined by _)") }
    guard seenNumbers.insert(String(parts[0])).inserted else { fail("\(path): another migration has number \(parts[0])") }
    guard let bytes = FileManager.default.contents(atPath: path) else { fail("\(path): cannot read") }
    guard String(data: bytes, encoding: .utf8) != nil else { fail("\(path): not valid UTF-8") }
    entries.append(
        "        Migration(name: \"\(name)\", checksum: \"\(SHA256.hex(of: [UInt8](bytes)))\", base64: \"\(bytes.base64EncodedString())\"),"
    )
}

let source = """
    // Generated at build time by MigrationEmbedder from Migrations/*.sql. Do not edit.
    extension Migration {
        /// Every migration this binary knows, in the order they apply.
        public static let bundled: [Migration] = [
    \(entries.joined(separator: "\n"))
        ]
    }

    """
// Written only when it changes: the build runs this on every build (see
// embedded_migrations_fresh in scripts/lib/common.sh), and an unchanged file recompiles nothing.
do {
    if (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) != Data(source.utf8) {
        try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
    }
} catch {
    fail("cannot write \(outputPath): \(error)")
}
