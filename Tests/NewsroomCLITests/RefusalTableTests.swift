import Foundation
import Testing
import TestSupport

/// Runs every row of docs/refusals.md's "Bad input" table, so the document stays true.
@Suite("docs/refusals.md, row by row")
struct RefusalTableTests {
    struct Row: CustomStringConvertible, Sendable {
        let actor: String
        let command: String
        let exit: Int32
        let fragment: String
        var description: String { "\(actor): \(command)" }
    }

    static let rows: [Row] = {
        let url = Samples.folder.deletingLastPathComponent().appendingPathComponent("docs/refusals.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let section = text.components(separatedBy: "## Bad input").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
        return section.split(separator: "\n").compactMap { line -> Row? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 6, let exit = Int32(cells[3]), cells[2].hasPrefix("`") else { return nil }
            return Row(actor: cells[1], command: String(cells[2].dropFirst().dropLast()), exit: exit, fragment: String(cells[4].dropFirst().dropLast()))
        }
    }()

    @Test("the table is there and has the cases the hardening issue lists")
    func tableIsRead() {
        #expect(Self.rows.count >= 60)
        for needle in ["{invalid-utf8}", "{nul}", "{empty}", "{folder}", "{missing}", "{unreadable}", "{too-large}", "U+202E", "does not exist in", "is taken", "18446744073709551616"] {
            #expect(Self.rows.contains { $0.command.contains(needle) || $0.fragment.contains(needle) }, "\(needle)")
        }
    }

    @Test("each row: its exit code, its message in one or two lines, and no change anywhere", arguments: rows)
    func row(_ row: Row) throws {
        let files = try TestFiles()
        defer { try? FileManager.default.removeItem(at: files.folder) }
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            try connection.executeScript("UPDATE settings SET value = 'America/New_York' WHERE key = 'timezone'")
            let draft = try newsroom.draft()
            let review = try newsroom.draft()
            let published = try newsroom.draft()
            try newsroom.steps([
                ("huda", ["story", "assign", review, "--editor", "omar"]), ("layla", ["story", "submit", review]),
                ("huda", ["story", "publish", published, "--skip-review", "--reason", "عاجل"]),
            ])
            let line = try newsroom.run(["ticker", "schedule", "--text", "خبر"], as: "omar").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            var places = files.places
            places["{draft}"] = draft
            places["{review}"] = review
            places["{published}"] = published
            places["{line}"] = line
            places["{long-headline}"] = String(repeating: "ع", count: 251)
            places["{long-ticker}"] = String(repeating: "ع", count: 201)
            places["{long-note}"] = String(repeating: "ع", count: 8_001)
            // A thread of notes on the draft, and a reply in it.
            let note: Int64 = try connection.queryOne(
                "INSERT INTO story_notes (story_id, author, text) VALUES ($1, 'omar', 'هل الاسم صحيح؟') RETURNING id", [Int64(draft)!]
            ).decode("id")
            let reply: Int64 = try connection.queryOne(
                "INSERT INTO story_notes (story_id, reply_to, author, text) VALUES ($1, $2, 'layla', 'نعم') RETURNING id", [Int64(draft)!, note]
            ).decode("id")
            places["{note}"] = String(note)
            places["{reply}"] = String(reply)

            let arguments = try ShellWords.split(row.command).map { word in places.reduce(word) { $0.replacingOccurrences(of: $1.key, with: $1.value) } }
            let fragment = places.reduce(row.fragment) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
            let before = try newsroom.database.snapshot()
            let run = try newsroom.run(arguments, as: row.actor)
            #expect(run.status == row.exit, "\(run)")
            #expect(run.stderr.contains(fragment), "expected «\(fragment)» in: \(run.stderr)")
            let lines = run.stderr.split(separator: "\n")
            #expect(!lines.isEmpty && lines.count <= 2, "\(run.stderr)")
            #expect(run.stdout.isEmpty, "\(run.stdout)")
            #expect(try newsroom.database.snapshot() == before)
        }
    }
}

/// The files the table's rows name.
struct TestFiles {
    let folder: URL
    let places: [String: String]

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-files-\(UUID().uuidString)")
        self.folder = folder
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a-folder"), withIntermediateDirectories: true)
        func file(_ name: String, _ bytes: [UInt8]) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
        places = [
            "{invalid-utf8}": try file("invalid.txt", Array("ok\nabc".utf8) + [0xFF] + Array("def".utf8)),
            "{nul}": try file("nul.txt", [0x61, 0x62, 0x00, 0x63]),
            "{empty}": try file("empty.txt", []),
            "{blank}": try file("blank.txt", Array("  \n\n\t \n".utf8)),
            "{too-large}": try file("large.txt", [UInt8](repeating: 0x61, count: 1_000_001)),
            "{bidi-body}": try file("bidi.txt", Array("سطر\n\nفقرة \u{202E}مقلوبة".utf8)),
            "{folder}": folder.appendingPathComponent("a-folder").path,
            "{missing}": folder.appendingPathComponent("missing.txt").path,
            // Root reads any file whatever its mode; reading this one fails for everybody (EIO).
            "{unreadable}": "/proc/self/mem",
        ]
    }
}

/// Splits a command line as a shell would for simple cases: words, "double quotes" with
/// \" \\ \n and \u{…} escapes inside.
enum ShellWords {
    struct Unclosed: Error {}

    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" { quoted = false; continue }
                if character == "\\", let next = characters.popFirst() {
                    switch next {
                    case "n": current.append("\n")
                    case "u":
                        guard characters.first == "{", let close = characters.firstIndex(of: "}") else { current.append("\\u"); continue }
                        let hex = String(characters[characters.index(after: characters.startIndex)..<close])
                        if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) { current.unicodeScalars.append(scalar) }
                        characters = characters[characters.index(after: close)...]
                    default: current.append(next)
                    }
                    continue
                }
                current.append(character)
            } else if character == "\"" {
                quoted = true
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quoted { throw Unclosed() }
        if inWord { words.append(current) }
        return words
    }
}
