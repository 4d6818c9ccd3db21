import Foundation
import NewsroomCore
import Testing

@Suite("search queries as typed")
struct SearchQueryTests {
    @Test("words, phrases in three kinds of quotes, exclusions and prefixes; format characters dropped")
    func clauses() throws {
        let query = try SearchQuery.parse("\u{200F}الحكومة \"الرقم السري\" -داعش «بنك داعش» -\"نظام الكفالة\" حكو* *")
        #expect(query.clauses == [
            .init(.word, "الحكومة"), .init(.phrase, "الرقم السري"), .init(.word, "داعش", excludes: true),
            .init(.phrase, "بنك داعش"), .init(.phrase, "نظام الكفالة", excludes: true), .init(.prefix, "حكو"), .init(.word, "*"),
        ])
        #expect(!query.text.unicodeScalars.contains("\u{200F}"))
    }

    @Test("refused: empty, too long, unclosed quotes, only exclusions, too many clauses")
    func refusals() {
        for text in ["", "  \u{202E} ", String(repeating: "ب", count: SearchQuery.maximumLength + 1), "\"الرقم", "«الرقم", "-داعش",
                     Array(repeating: "كلمة", count: SearchQuery.maximumClauses + 1).joined(separator: " ")] {
            #expect(throws: NewsroomError.self, "\(text.debugDescription)") { try SearchQuery.parse(text) }
        }
        #expect(throws: NewsroomError.self) { try SearchRequest(query: try SearchQuery.parse("بنك"), limit: 0) }
        #expect(throws: NewsroomError.self) { try SearchRequest(query: try SearchQuery.parse("بنك"), from: Date(timeIntervalSince1970: 10), to: Date(timeIntervalSince1970: 5)) }
    }

    @Test("marked text: runs alternate unmarked and marked, and join back to the text")
    func marked() {
        let text = MarkedText(pieces: ["", "الحُكومَة", " قالت ", "البنك", ""])
        #expect(text.runs.map(\.marked) == [true, false, true])
        #expect(text.plain == "الحُكومَة قالت البنك")
    }
}
