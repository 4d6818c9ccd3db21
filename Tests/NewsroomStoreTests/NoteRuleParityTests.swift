import Foundation
import NewsroomCore
import PostgresClient
import Testing
import TestSupport

/// DeskNotes.text and the database's `story_note_text` are one rule: the body's rules and the
/// byte limit, which the samples straddle with characters of one, two, three and four bytes.
@Suite("note text: Swift and the database agree")
struct NoteRuleParityTests {
    static var samples: [String] {
        let limit = DeskNotes.byteLimit
        var samples = LineRuleParityTests.bodies + ["ملاحظة", "سطر\n\nسطر", " ملاحظة", "ملاحظة\n", "\tملاحظة", "a\u{7}b"]
        for (character, width) in [("a", 1), ("ع", 2), ("€", 3), ("🗞", 4)] {
            let fits = limit / width
            samples += [String(repeating: character, count: fits), String(repeating: character, count: fits + 1)]
        }
        return samples
    }

    @Test("accepted by Swift as is ⇔ accepted by the domain")
    func parity() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            var disagreements: [String] = []
            var accepted = 0
            for sample in Self.samples {
                let kept = try? DeskNotes.text(sample)
                let swift = kept.map { Array($0.utf8) == Array(sample.utf8) } ?? false
                let database = (try? connection.query("SELECT $1::story_note_text AS t", [sample])) != nil
                if swift { accepted += 1 }
                if swift != database {
                    disagreements.append("\(sample.prefix(20)) (\(sample.utf8.count) bytes): Swift \(swift), database \(database)")
                }
            }
            #expect(disagreements.isEmpty, "\(disagreements)")
            #expect(accepted >= 6, "the samples are not all refused")
        }
    }
}
