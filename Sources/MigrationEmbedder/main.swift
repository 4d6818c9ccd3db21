// Writes a Swift file that carries each migration's name, SHA-256 and exact bytes.
// Usage: MigrationEmbedder OUTPUT.swift Migrations/0001_x.sql …
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else { fail("usage: MigrationEmbedder OUTPUT FILE…") }

var entries: [String] = []
var seenNumbers: Set<String> = []
for path in arguments.dropFirst() {
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
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
} catch {
    fail("cannot write \(outputPath): \(error)")
}
