import Foundation
import NewsroomCore
import Testing

/// The core's part of the bugs found using the tool as a newsroom would (issue 11).
@Suite("Found in use: times, lines, editors")
struct FoundInUseTests {
    let newYork = NewsroomTime(zone: ZoneRules.named("America/New_York")!)
    let utc = NewsroomTime(zone: .utc)
    let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-29

    @Test("an unknown zone is a configuration error that names it and what to install, never UTC")
    func missingZone() throws {
        #expect(throws: NewsroomError.self) { try ZoneRules.required("Nowhere/Atlantis") }
        do {
            _ = try ZoneRules.required("Nowhere/Atlantis")
        } catch {
            #expect(error.kind == .configuration)
            #expect(error.message.contains("Nowhere/Atlantis") && error.message.contains("tzdata"), "\(error.message)")
        }
        #expect(try ZoneRules.required("Asia/Baghdad").identifier == "Asia/Baghdad")
    }

    @Test("times the tool cannot show with a four-digit year are refused at input", arguments: [
        ("9999-12-31 23:00", "is after"),
        ("+3000000d", "is after"),
        ("10000-01-01 00:00", "is not a time"),
        ("0001-01-01 00:00+05:00", "is before the year 1"),
        ("0000-06-01 10:00", "is before the year 1"),
    ])
    func unrepresentable(input: String, fragment: String) {
        do {
            let date = try newYork.parse(input, now: now, field: "at")
            Issue.record("\(input) was taken as \(date)")
        } catch {
            #expect(error.message.hasPrefix("at: ") && error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("the edges of the range are taken, and shown with four-digit years in any zone")
    func edges() throws {
        #expect(try utc.parse("9999-12-30 23:59", now: now, field: "at") <= NewsroomTime.latest)
        #expect(try utc.parse("0001-01-02 00:00", now: now, field: "at") == NewsroomTime.earliest)
        let kiritimati = NewsroomTime(zone: ZoneRules.named("Pacific/Kiritimati")!)  // UTC+14
        let midway = NewsroomTime(zone: ZoneRules.named("Pacific/Midway")!)          // UTC−11
        #expect(kiritimati.human(NewsroomTime.latest).hasPrefix("9999-12-31"))
        #expect(midway.human(NewsroomTime.earliest).hasPrefix("0001-01-01"))
        // Beyond the range (what another client may have stored), expanded years, not garbage.
        #expect(utc.iso(Date(timeIntervalSince1970: 253_402_300_800 + 3600)) == "+10000-01-01T01:00:00+00:00")
        #expect(utc.human(Date(timeIntervalSince1970: -62_198_755_200)).hasPrefix("-0001-01-01"))
    }

    @Test("a ticker window may not end past the latest time")
    func tickerEnd() {
        let start = NewsroomTime.latest.addingTimeInterval(-3600)
        #expect(throws: NewsroomError.self) {
            try TickerRules.checkWindow(startsAt: start, endsAt: start.addingTimeInterval(7200), now: start)
        }
        #expect(throws: Never.self) {
            try TickerRules.checkWindow(startsAt: start, endsAt: start.addingTimeInterval(1800), now: start)
        }
    }

    @Test("a wall time the clocks show twice carries its offset; other times do not")
    func repeatedHour() {
        // 2026-11-01 01:30 happens at 05:30Z (EDT) and at 06:30Z (EST) in New York.
        let first = Date(timeIntervalSince1970: 1_793_511_000)
        #expect(newYork.human(first) == "2026-11-01 01:30:00 -04:00")
        #expect(newYork.human(first.addingTimeInterval(3600)) == "2026-11-01 01:30:00 -05:00")
        #expect(newYork.human(first.addingTimeInterval(-7200)) == "2026-10-31 23:30:00")
        #expect(newYork.human(first.addingTimeInterval(7200)) == "2026-11-01 02:30:00")
        #expect(utc.human(first) == "2026-11-01 05:30:00")
    }

    @Test("a line cancelled at 15:00 was live at 14:30, and is cancelled from 15:00 on")
    func cancelledLater() {
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        let item = TickerItem(
            id: TickerItemID(rawValue: 1), text: "خبر", urgent: false, startsAt: start, endsAt: start.addingTimeInterval(7200),
            storyID: nil, createdBy: Handle(rawValue: "omar"), createdAt: start, cancelledAt: start.addingTimeInterval(3600),
            cancelledBy: Handle(rawValue: "omar")
        )
        #expect(item.state(at: start.addingTimeInterval(-60)) == .upcoming)
        #expect(item.state(at: start.addingTimeInterval(1800)) == .live)
        #expect(item.state(at: start.addingTimeInterval(3600)) == .cancelled)
        #expect(item.state(at: start.addingTimeInterval(9000)) == .cancelled)
    }

    @Test("one-line fields refuse every line break: LF, NEL, U+2028, U+2029", arguments: ["\n", "\u{85}", "\u{2028}", "\u{2029}"])
    func lineBreaks(breaker: String) {
        do {
            _ = try EditorialText.line("قبل\(breaker)بعد", .headline)
            Issue.record("a line with \(breaker.unicodeScalars.first!.value) was taken")
        } catch {
            #expect(error.message.contains("must be a single line"), "\(error.message)")
        }
        // In a body they are taken where they are lines, and trimmed at its ends.
        #expect(throws: Never.self) { try EditorialText.body("قبل\n\nبعد") }
    }

    @Test("a UTF-8 byte-order mark at the start of a body file is not text")
    func byteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("نص".utf8)
        #expect(try EditorialText.decodeUTF8(bytes) == "نص")
        // Only at the start: elsewhere U+FEFF is a character like any other.
        let inner = Array("أ".utf8) + [0xEF, 0xBB, 0xBF] + Array("ب".utf8)
        #expect(try EditorialText.decodeUTF8(inner).unicodeScalars.contains("\u{FEFF}"))
    }

    @Test("a story is not submitted to, nor restored with, an editor who is no longer active")
    func inactiveEditor() throws {
        let gone = Handle(rawValue: "gone")
        let draft = StoryFacts(id: StoryID(rawValue: 7), status: .draft, author: layla.handle, editor: gone, editorActive: false)
        do {
            _ = try Workflow.authorize(.submit, story: draft, by: .staff(layla))
            Issue.record("submitted to an inactive editor")
        } catch {
            #expect(error.kind == .invalidState && error.message.contains("story assign 7 --editor"), "\(error.message)")
        }
        var spiked = draft
        spiked.status = .spiked
        do {
            _ = try Workflow.authorize(.restore, story: spiked, by: .staff(omar))
            Issue.record("restored to an inactive editor")
        } catch {
            #expect(error.message.contains("story restore 7 --editor"), "\(error.message)")
        }
        var active = draft
        active.editorActive = true
        #expect(try Workflow.authorize(.submit, story: active, by: .staff(layla)) == .inReview)
        spiked.editorActive = true
        #expect(try Workflow.authorize(.restore, story: spiked, by: .staff(omar)) == .draft)
    }
}
