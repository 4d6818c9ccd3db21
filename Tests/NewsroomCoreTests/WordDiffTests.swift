import NewsroomCore
import Testing
import TestRandom

@Suite("word diff: what a desk reads as a change")
struct WordDiffTests {
    func rebuilt(_ runs: [WordDiff.Run]) -> (old: String, new: String) {
        (runs.filter { $0.change != .inserted }.map(\.text).joined(), runs.filter { $0.change != .deleted }.map(\.text).joined())
    }

    @Test("a word replaced: the rest stands as written")
    func wordReplaced() {
        let runs = WordDiff.runs(from: "الحكومة تعلن الخطة الجديدة", to: "الحكومة تقرر الخطة الجديدة")
        #expect(runs == [.init(.same, "الحكومة "), .init(.deleted, "تعلن"), .init(.inserted, "تقرر"), .init(.same, " الخطة الجديدة")])
        #expect(WordDiff.plain(runs) == "الحكومة [-تعلن-]{+تقرر+} الخطة الجديدة")
        #expect(WordDiff.changed(runs))
    }

    @Test("a vowel mark is part of its word; tatweel and joiners too")
    func marksBelongToWords() {
        let runs = WordDiff.runs(from: "قال الوزير", to: "قالَ الوزير")
        #expect(runs == [.init(.deleted, "قال"), .init(.inserted, "قالَ"), .init(.same, " الوزير")])
        let stretched = WordDiff.runs(from: "بـ18 صوتا", to: "بـ19 صوتا")
        #expect(stretched == [.init(.deleted, "بـ18"), .init(.inserted, "بـ19"), .init(.same, " صوتا")])
    }

    @Test("words added and removed, punctuation apart, lines kept")
    func insertionsAndDeletions() {
        let runs = WordDiff.runs(from: "أعلنت الحكومة، أمس، خطتها.\nوقال الوزير", to: "أعلنت الحكومة خطتها الجديدة.\nوقال الوزير")
        #expect(rebuilt(runs).old == "أعلنت الحكومة، أمس، خطتها.\nوقال الوزير")
        #expect(rebuilt(runs).new == "أعلنت الحكومة خطتها الجديدة.\nوقال الوزير")
        #expect(WordDiff.plain(runs) == "أعلنت الحكومة[-، أمس،-] خطتها{+ الجديدة+}.\nوقال الوزير")
    }

    @Test("two changes a space apart read as one")
    func neighbouringChanges() {
        let runs = WordDiff.runs(from: "قال وزير المالية اليوم", to: "قالت وزيرة الخارجية اليوم")
        #expect(runs == [.init(.deleted, "قال وزير المالية"), .init(.inserted, "قالت وزيرة الخارجية"), .init(.same, " اليوم")])
    }

    @Test("nothing changed; everything changed; empty either side")
    func edges() {
        #expect(WordDiff.runs(from: "نص", to: "نص") == [.init(.same, "نص")])
        #expect(!WordDiff.changed(WordDiff.runs(from: "نص", to: "نص")))
        #expect(WordDiff.runs(from: "", to: "") == [])
        #expect(WordDiff.runs(from: "", to: "خبر") == [.init(.inserted, "خبر")])
        #expect(WordDiff.runs(from: "خبر", to: "") == [.init(.deleted, "خبر")])
        #expect(WordDiff.runs(from: "أ ب", to: "ج د") == [.init(.deleted, "أ ب"), .init(.inserted, "ج د")])
    }

    @Test("any two texts: the runs give back both, exactly (also past the table's limit)")
    func rebuildsBoth() {
        var generator = SeededGenerator(state: 17)
        let words = ["الحكومة", "قالَ", "بـ18", "وزير", "،", ".", " ", "\n", "2014", "«", "»", "CEO", "‌", "ﻻ"]
        for round in 0..<300 {
            func text() -> String {
                (0..<Int(generator.next() % (round < 297 ? 40 : 2_500))).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined()
            }
            let old = text(), new = text()
            let runs = WordDiff.runs(from: old, to: new)
            #expect(rebuilt(runs) == (old, new), "round \(round)")
            #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.change != $1.change }, "neighbouring runs differ in kind")
        }
    }
}
