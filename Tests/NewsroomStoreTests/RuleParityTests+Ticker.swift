import Foundation
@_spi(RuleParity) @testable import NewsroomStore
import NewsroomCore
import PostgresClient
import Testing
import TestSupport

// The ticker's and the administration's rules, both ways.
extension RuleParityTests {
    @Test("the ticker: who may schedule, cancel and extend, which lines, and which windows")
    func ticker() throws {
        try NewsroomFixture.with { fixture in
            let newsroom = try Newsroom(fixture)
            let chief = newsroom.actor("huda")
            let start = try newsroom.store.now()
            func line(from start: Date, for seconds: TimeInterval) -> NewTickerItem {
                NewTickerItem(text: "خبر عاجل", urgent: false, startsAt: start, endsAt: start.addingTimeInterval(seconds), storyID: nil)
            }
            let live = try newsroom.store.scheduleTickerItem(line(from: start, for: 3600), now: start, by: chief)
            let upcoming = try newsroom.store.scheduleTickerItem(line(from: start.addingTimeInterval(3600), for: 3600), now: start, by: chief)
            let cancelled = try newsroom.store.scheduleTickerItem(line(from: start, for: 3600), now: start, by: chief)
            _ = try newsroom.store.cancelTickerItem(cancelled, reason: nil, by: chief)
            // A line that ran yesterday, as it was written then (today's checks refuse a start in the past).
            let connection = try fixture.database.connect()
            let ended: Int64 = try connection.transaction {
                try connection.query("SELECT set_config('session_replication_role', 'replica', true)")
                return try connection.queryOne(
                    "INSERT INTO ticker_items (text, starts_at, ends_at, created_by) VALUES ('أمس', now() - interval '1 day', now() - interval '23 hours', 'omar') RETURNING id"
                ).decode("id")
            }
            let items = try [live, upcoming, cancelled, TickerItemID(rawValue: ended)].map { try newsroom.store.tickerItem($0) }
            let now = try newsroom.store.now()  // after the cancellation: the cancelled line is over

            var disagreements: [String] = []
            var tally = (allowed: 0, refused: 0)
            func compare(_ what: String, core: Verdict, database: Verdict) {
                if core.isAllowed != database.isAllowed { disagreements.append("\(what): core \(core), database \(database)") }
                if core.isAllowed { tally.allowed += 1 } else { tally.refused += 1 }
            }
            for actor in newsroom.actors {
                let item = line(from: now, for: 3600)
                compare(
                    "schedule by \(actor.name)",
                    core: Self.core {
                        try TickerRules.authorizeChange(by: actor, doing: "schedule ticker lines")
                        try TickerRules.checkWindow(startsAt: item.startsAt, endsAt: item.endsAt, now: now)
                    },
                    database: try Self.database { _ = try newsroom.bypass.scheduleTickerItem(item, now: now, by: actor) }
                )
                for item in items {
                    let state = item.state(at: now).rawValue
                    compare(
                        "cancel a \(state) line by \(actor.name)",
                        core: Self.core {
                            try TickerRules.authorizeChange(by: actor, doing: "cancel ticker lines")
                            try TickerRules.checkCancel(item, now: now)
                        },
                        database: try Self.database { _ = try newsroom.bypass.cancelTickerItem(item.id, reason: "خطأ", by: actor) }
                    )
                    for extra: TimeInterval in [3600, -600, 8 * 86_400] {
                        let until = item.endsAt.addingTimeInterval(extra)
                        compare(
                            "extend a \(state) line by \(extra) s by \(actor.name)",
                            core: Self.core {
                                try TickerRules.authorizeChange(by: actor, doing: "extend ticker lines")
                                try TickerRules.checkExtension(item, until: until, now: now, describe: { "\($0)" })
                            },
                            database: try Self.database { _ = try newsroom.bypass.extendTickerItem(item.id, until: until, by: actor) }
                        )
                    }
                }
            }
            // Windows at their boundaries (a second's margin from the clock, which moves on).
            let week = TickerRules.longestWindow
            let windows: [(String, Date, Date)] = [
                ("starting 30 s ago", now.addingTimeInterval(-30), now.addingTimeInterval(3600)),
                ("starting 90 s ago", now.addingTimeInterval(-90), now.addingTimeInterval(3600)),
                ("ending as it starts", now.addingTimeInterval(60), now.addingTimeInterval(60)),
                ("ending before it starts", now.addingTimeInterval(60), now.addingTimeInterval(30)),
                ("lasting exactly the longest window", now.addingTimeInterval(60), now.addingTimeInterval(60 + week)),
                ("lasting a second more", now.addingTimeInterval(60), now.addingTimeInterval(61 + week)),
                ("ending at the latest time", NewsroomTime.latest.addingTimeInterval(-3600), NewsroomTime.latest),
                ("ending a second after it", NewsroomTime.latest.addingTimeInterval(-3600), NewsroomTime.latest.addingTimeInterval(1)),
            ]
            for (name, start, end) in windows {
                let item = NewTickerItem(text: "نافذة", urgent: true, startsAt: start, endsAt: end, storyID: nil)
                compare(
                    "a window \(name)",
                    core: Self.core { try TickerRules.checkWindow(startsAt: start, endsAt: end, now: now) },
                    database: try Self.database { _ = try newsroom.bypass.scheduleTickerItem(item, now: now, by: chief) }
                )
            }
            #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.joined(separator: "\n"))")
            #expect(tally.allowed >= 10 && tally.refused >= 40, "\(tally)")
        }
    }

    @Test("running the newsroom: staff, sections and settings, by every role")
    func administration() throws {
        try NewsroomFixture.with { fixture in
            let newsroom = try Newsroom(fixture)
            var disagreements: [String] = []
            for actor in newsroom.actors {
                for change in AdministrativeChange.allCases {
                    let coreVerdict = Self.core { try Administration.authorize(change, by: actor, doing: change.rawValue) }
                    let attempts: [(String, () throws -> Void)] = switch change {
                    case .staff: [
                        ("add", { try newsroom.bypass.addStaff(StaffMember(handle: Handle(rawValue: "new"), name: "جديد", role: .reporter), by: actor) }),
                        ("deactivate", { _ = try newsroom.bypass.deactivateStaff(Handle(rawValue: "sami"), by: actor) }),
                    ]
                    case .sections: [("add", { try newsroom.bypass.addSection(Section(slug: SectionSlug(rawValue: "sport"), name: "رياضة"), by: actor) })]
                    case .settings: [("set", { try newsroom.bypass.setSetting(.tickerDuration, to: "2h", by: actor) })]
                    }
                    for (verb, attempt) in attempts {
                        let databaseVerdict = try Self.database(attempt)
                        if coreVerdict.isAllowed != databaseVerdict.isAllowed {
                            disagreements.append("\(change.rawValue) \(verb) by \(actor.name): core \(coreVerdict), database \(databaseVerdict)")
                        }
                    }
                }
            }
            #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
        }
    }
}
