import Foundation
import NewsroomCore
import Testing

@Suite("Times and durations as people type them")
struct NewsroomTimeTests {
    let baghdad = NewsroomTime(zone: ZoneRules.named("Asia/Baghdad")!)
    let newYork = NewsroomTime(zone: ZoneRules.named("America/New_York")!)
    let now = Date(timeIntervalSince1970: 1_691_076_420)  // 2023-08-03 15:27 UTC, 18:27 in Baghdad

    @Test("now, relative, ISO with offset, and wall time in the newsroom's zone")
    func formats() throws {
        #expect(try baghdad.parse("now", now: now, field: "at") == now)
        #expect(try baghdad.parse("+90m", now: now, field: "at") == now.addingTimeInterval(5400))
        #expect(try baghdad.parse("+2h", now: now, field: "at") == now.addingTimeInterval(7200))
        #expect(try baghdad.parse("+1d", now: now, field: "at") == now.addingTimeInterval(86_400))
        #expect(try baghdad.parse("+1h30m", now: now, field: "at") == now.addingTimeInterval(5400))
        #expect(try baghdad.parse("-2h", now: now, field: "since") == now.addingTimeInterval(-7200))
        #expect(try baghdad.parse("-1d", now: now, field: "since") == now.addingTimeInterval(-86_400))
        #expect(try baghdad.parse("2023-08-03 18:27", now: now, field: "at") == now)
        #expect(try baghdad.parse("2023-08-03T18:27:00+03:00", now: now, field: "at") == now)
        #expect(try baghdad.parse("2023-08-03 15:27Z", now: now, field: "at") == now)
        #expect(try newYork.parse("2023-08-03 18:27+03", now: now, field: "at") == now)
        #expect(try baghdad.parse("٢٠٢٣-٠٨-٠٣ ١٨:٢٧", now: now, field: "at") == now)
    }

    @Test("refused: nonsense, impossible dates, and wall times a daylight-saving change skips or repeats")
    func refusals() {
        let cases: [(NewsroomTime, String, String)] = [
            (baghdad, "tomorrow", "is not a time"),
            (baghdad, "2023-02-30 10:00", "not a real date"),
            (baghdad, "2023-08-03 24:00", "not a real date"),
            (baghdad, "+", "is not a time"),
            (baghdad, "+5x", "is not a time"),
            (baghdad, "-", "is not a time"),
            (newYork, "2026-03-08 02:30", "does not exist in America/New_York"),
            (newYork, "2026-11-01 01:30", "happens twice"),
        ]
        for (time, input, fragment) in cases {
            do {
                _ = try time.parse(input, now: now, field: "at")
                Issue.record("\(input) must be refused")
            } catch {
                #expect(error.message.hasPrefix("at: "))
                #expect(error.message.contains(fragment), "\(error.message)")
            }
        }
    }

    @Test("durations: positive, bounded")
    func durations() throws {
        #expect(try NewsroomTime.duration("90m", field: "for") == 5400)
        #expect(try NewsroomTime.duration("٢h", field: "for") == 7200)
        for bad in ["0m", "", "h", "5", "-5m", "1y", "999999d", "99999999999999999999s"] {
            #expect(throws: NewsroomError.self, "\(bad)") { try NewsroomTime.duration(bad, field: "for") }
        }
    }

    @Test("ISO output carries the zone's offset; human output is wall time")
    func output() {
        #expect(baghdad.iso(now) == "2023-08-03T18:27:00+03:00")
        #expect(NewsroomTime(zone: ZoneRules.named("UTC")!).iso(now) == "2023-08-03T15:27:00+00:00")
        #expect(NewsroomTime(zone: ZoneRules.named("Asia/Kolkata")!).iso(now.addingTimeInterval(0.25)) == "2023-08-03T20:57:00.250000+05:30")
        #expect(newYork.iso(now) == "2023-08-03T11:27:00-04:00")
        #expect(baghdad.human(now) == "2023-08-03 18:27:00")
    }
}
