import Foundation
import NewsroomCore
import Testing
import TestRandom

@Suite("Time zone rules read from the tz database")
struct ZoneRulesTests {
    static let zones = [
        "Asia/Baghdad", "America/New_York", "Europe/London", "Europe/Amsterdam", "Asia/Kolkata", "Australia/Sydney",
        "Pacific/Chatham", "America/Sao_Paulo", "Africa/Cairo", "Asia/Tehran", "America/St_Johns", "Pacific/Apia",
        "Europe/Dublin", "Africa/Casablanca", "UTC", "Asia/Gaza", "America/Santiago", "Australia/Lord_Howe",
    ]

    /// Since 1970, where the tz database promises its zones agree (before that, ICU's copy
    /// folds some zones together: it has Amsterdam on Brussels time in 1900).
    @Test("offsets agree with Foundation's TimeZone from 1970 to 2100, every zone", arguments: zones)
    func agreesWithFoundation(zone identifier: String) throws {
        let rules = try #require(ZoneRules.named(identifier))
        let oracle = try #require(TimeZone(identifier: identifier))
        var random = SeededGenerator(state: UInt64(abs(identifier.hashValue % 10_000)) + 1)
        for _ in 0..<3000 {
            let instant = Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_800, using: &random)))
            #expect(rules.offset(at: instant) == oracle.secondsFromGMT(for: instant), "\(identifier) at \(instant)")
        }
        // Around every change in 2026, to the second.
        var instant = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        while instant.timeIntervalSince1970 < 1_798_761_600, let next = oracle.nextDaylightSavingTimeTransition(after: instant) {
            for delta in [-1.0, 0, 1] {
                let moment = next.addingTimeInterval(delta)
                #expect(rules.offset(at: moment) == oracle.secondsFromGMT(for: moment), "\(identifier) at \(moment)")
            }
            instant = next.addingTimeInterval(1)
        }
    }

    @Test("history before 1970 comes from the system's tz database, as PostgreSQL's does")
    func history() throws {
        let amsterdam = try #require(ZoneRules.named("Europe/Amsterdam"))
        #expect(amsterdam.offset(at: Date(timeIntervalSince1970: -2_208_988_800)) == 1172)  // +00:19:32 in 1900
        let baghdad = try #require(ZoneRules.named("Asia/Baghdad"))
        #expect(baghdad.offset(at: Date(timeIntervalSince1970: 1_691_076_420)) == 10_800)  // the sample's day: +03
    }

    @Test("unknown names and names that try to leave the database are refused")
    func unknown() {
        #expect(ZoneRules.named("Mars/Olympus") == nil)
        #expect(ZoneRules.named("../../etc/passwd") == nil)
        #expect(ZoneRules.named("/etc/localtime") == nil)
        #expect(ZoneRules.named("") == nil)
        #expect(ZoneRules.named("UTC")?.offset(at: Date()) == 0)
    }
}
