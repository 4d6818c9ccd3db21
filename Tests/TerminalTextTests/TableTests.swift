import Foundation
import Testing
import TerminalText

@Suite("Terminal tables with Arabic text")
struct TableTests {
    @Test("width: vowel marks, joiners and direction marks take no column; wide characters take two")
    func widths() {
        #expect(Display.width("سياسة") == 5)
        #expect(Display.width("مَرْحَبًا") == 5)           // tashkeel adds nothing
        #expect(Display.width("ن\u{200C}ها\u{200F}") == 3)  // ZWNJ and RLM add nothing
        #expect(Display.width("بـ18") == 4)                 // tatweel is visible
        #expect(Display.width(Display.isolated("أمن")) == 3)
        #expect(Display.width("新聞") == 4)
    }

    @Test("columns stay aligned, user text is isolated, padding stays outside the isolate")
    func alignment() {
        var table = Table(headers: ["NAME", "ROLE"])
        table.rows = [
            [.user("مَرْحَبًا"), .plain("chief")],
            [.user("عمر"), .plain("editor")],
            [.user("ab"), .plain("reporter")],
        ]
        let lines = table.rendered().split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        // "ROLE" starts in the same terminal column on every line.
        let columns = lines.map { line -> Int in
            let prefix = line.components(separatedBy: ["chief", "editor", "reporter", "ROLE"].first { line.contains($0) }!)[0]
            return Display.width(prefix)
        }
        #expect(Set(columns).count == 1, "\(columns)")
        #expect(lines[1].hasPrefix("\u{2068}مَرْحَبًا\u{2069} "))
        #expect(!lines.contains { $0.hasSuffix(" ") })
    }

    @Test("a card aligns its labels and isolates user values")
    func card() {
        var card = Card()
        card.add("Headline", .user("العراق يخنق"))
        card.add("Editor", .plain("omar"))
        #expect(card.rendered() == "Headline: \u{2068}العراق يخنق\u{2069}\nEditor:   omar")
    }
}
