import Foundation
@_spi(RuleParity) @testable import NewsroomStore
import NewsroomCore
import PostgresClient
import Testing
import TestSupport

/// The core and the database are one rule book. Every case below is generated from the
/// core's own tables (StoryAction × StoryStatus × Role × relation to the story; the ticker's
/// and the administration's rules; LineKind's limits) and tried twice: the core decides it,
/// and the same attempt goes through the store's own write path with the core's checks
/// switched off, so only the database can refuse it. They must agree. When a rule changes on
/// one side only, this suite fails and says which case.
@Suite("One rule, one truth: the database refuses exactly what the core refuses")
struct RuleParityTests {
    /// What one side said about one attempt.
    enum Verdict: Equatable, CustomStringConvertible {
        case allowed
        case refused(String)

        var isAllowed: Bool { self == .allowed }
        var description: String {
            switch self {
            case .allowed: "allowed"
            case .refused(let why): "refused (\(why))"
            }
        }
    }

    /// The core's verdict.
    static func core(_ body: () throws -> Void) -> Verdict {
        do {
            try body()
            return .allowed
        } catch {
            return .refused("\(error)")
        }
    }

    /// The database's verdict on an attempt made with the core's checks off, in a dry run
    /// (constraints deferred to commit are checked too, then everything rolls back). Its
    /// refusals must be its own: an integrity error (SQLSTATE class 23) with its message.
    static func database(_ body: () throws -> Void) throws -> Verdict {
        do {
            try body()
            return .allowed
        } catch let error as PostgresError {
            guard let server = error.serverError, server.sqlState.code.hasPrefix("23") else {
                throw error
            }
            return .refused(server.message)
        }
    }

    /// A newsroom (the fixture's staff and sections) and two stores on one session: one that
    /// keeps the rules and commits (to set things up), one that leaves them to the database
    /// and rolls back.
    struct Newsroom {
        let store: NewsroomStore
        let bypass: NewsroomStore
        let staff: [String: StaffMember]
        let owner: Actor

        init(_ fixture: NewsroomFixture) throws {
            let session = NewsroomSession(connection: try fixture.database.connect())
            store = NewsroomStore(session: session)
            bypass = NewsroomStore(session: session, dryRun: true)
            bypass.checksRules = false
            staff = Dictionary(uniqueKeysWithValues: try store.listStaff().map { ($0.handle.rawValue, $0) })
            owner = try store.resolveActor(as: nil)
        }

        func actor(_ handle: String) -> Actor { .staff(staff[handle]!) }

        /// Who acts in the matrices: each role, someone inactive, and the database owner.
        var actors: [Actor] { ["huda", "omar", "layla", "adam", "gone"].map(actor) + [owner] }

        /// A story by `author`, with `editor` assigned, moved to `status` by the people the
        /// rules allow.
        func story(_ status: StoryStatus, author: String, editor: String?) throws -> StoryID {
            let chief = actor("huda")
            let id = try store.createDraft(
                NewDraft(headline: "خبر للمقارنة", section: SectionSlug(rawValue: "politics"), dateline: nil, body: "نص.", author: Handle(rawValue: author)),
                by: chief
            )
            func move(_ action: StoryAction, by who: Actor = chief, note: String? = nil, editor: String? = nil, at: Date? = nil) throws {
                _ = try store.transition(id, TransitionRequest(action, note: note, editor: editor.map(Handle.init(rawValue:)), publishAt: at), by: who)
            }
            if let editor { try move(.assign, editor: editor) }
            switch status {
            case .draft: break
            case .spiked: try move(.spike)
            default:
                try move(.submit)
                if status == .inReview { break }
                try move(.approve, by: actor(editor!))
                switch status {
                case .scheduled: try move(.schedule, at: try store.now().addingTimeInterval(86_400))
                case .published: try move(.publish)
                case .withdrawn:
                    try move(.publish)
                    try move(.withdraw, note: "سحب")
                default: break
                }
            }
            return id
        }

        func facts(_ id: StoryID) throws -> StoryFacts {
            let story = try store.story(id)
            var facts = StoryFacts(id: id, status: story.status, author: story.author, editor: story.editor, embargoUntil: story.embargoUntil)
            facts.publishAt = story.publishAt
            if let editor = story.editor { facts.editorActive = staff[editor.rawValue]?.active ?? true }
            return facts
        }
    }

    @Test("every action, from every status, by every role and relation to the story")
    func workflow() throws {
        try NewsroomFixture.with { fixture in
            let connection = try fixture.database.connect()
            // gone is assigned while still active, then leaves: stories with an inactive editor.
            try connection.executeScript("UPDATE staff SET active = true WHERE handle = 'gone'")
            var newsroom = try Newsroom(fixture)
            var stories: [(StoryID, String)] = []
            let people: [(author: String, editor: String?)] = [
                ("layla", "nadia"), ("omar", "nadia"), ("huda", "nadia"), ("sami", "omar"), ("sami", "huda"),
            ]
            for status in StoryStatus.allCases {
                for (author, editor) in people {
                    stories.append((try newsroom.story(status, author: author, editor: editor), "\(status.rawValue) by \(author), editor \(editor ?? "none")"))
                }
            }
            for status in [StoryStatus.draft, .spiked] {
                stories.append((try newsroom.story(status, author: "sami", editor: nil), "\(status.rawValue) by sami, no editor"))
                stories.append((try newsroom.story(status, author: "sami", editor: "gone"), "\(status.rawValue) by sami, editor gone (inactive)"))
            }
            try connection.executeScript("UPDATE staff SET active = false WHERE handle = 'gone'")
            newsroom = try Newsroom(fixture)

            var disagreements: [String] = []
            var tally = (allowed: 0, refused: 0)
            func compare(_ what: String, core: Verdict, database: Verdict) {
                if core.isAllowed != database.isAllowed {
                    disagreements.append("\(what): core \(core), database \(database)")
                }
                if core.isAllowed { tally.allowed += 1 } else { tally.refused += 1 }
            }

            let now = try newsroom.store.now()
            let later = now.addingTimeInterval(2 * 86_400)
            for (id, described) in stories {
                let facts = try newsroom.facts(id)
                for actor in newsroom.actors {
                    for action in StoryAction.allCases where action != .create {
                        let note: String? = "سبب"
                        let assignee = action == .assign ? "nadia" : nil
                        let expiry = action == .setExpiry ? later.addingTimeInterval(86_400) : nil
                        let coreVerdict = Self.core {
                            _ = try Workflow.decide(
                                StoryRequest(action, note: note, assignee: assignee.map { newsroom.staff[$0]! }, publishAt: later, expireAt: expiry, now: now),
                                story: facts, by: actor
                            )
                        }
                        let databaseVerdict = try Self.database {
                            if action == .edit || action == .correct {
                                _ = try newsroom.bypass.edit(id, changes: StoryChanges(headline: "عنوان آخر"), correction: action == .correct ? note : nil, ifVersion: nil, by: actor)
                            } else {
                                _ = try newsroom.bypass.transition(
                                    id, TransitionRequest(action, note: note, editor: assignee.map(Handle.init(rawValue:)), publishAt: later, expireAt: expiry),
                                    by: actor
                                )
                            }
                        }
                        compare("\(action.rawValue) on \(described) (story \(id)) by \(actor.name)", core: coreVerdict, database: databaseVerdict)
                    }
                }
                // The inputs an action needs: a note saying why, a time in the future.
                let chief = newsroom.actor("huda")
                for action in StoryAction.allCases where action.requiresNote && action != .correct {
                    let coreVerdict = Self.core { _ = try Workflow.decide(StoryRequest(action), story: facts, by: chief) }
                    let databaseVerdict = try Self.database { _ = try newsroom.bypass.transition(id, TransitionRequest(action), by: chief) }
                    compare("\(action.rawValue) without a note on \(described) by huda", core: coreVerdict, database: databaseVerdict)
                }
                let past = now.addingTimeInterval(-60)
                compare(
                    "schedule for a past time on \(described) by huda",
                    core: Self.core { _ = try Workflow.decide(StoryRequest(.schedule, publishAt: past, now: now), story: facts, by: chief) },
                    database: try Self.database { _ = try newsroom.bypass.transition(id, TransitionRequest(.schedule, publishAt: past), by: chief) }
                )
                // An expiry in the past, and one before a scheduled story goes out (a day from now).
                for (what, expiry) in [("in the past", past), ("before its publication", now.addingTimeInterval(3600))] {
                    compare(
                        "set_expiry \(what) on \(described) by huda",
                        core: Self.core { _ = try Workflow.decide(StoryRequest(.setExpiry, expireAt: expiry, now: now), story: facts, by: chief) },
                        database: try Self.database { _ = try newsroom.bypass.transition(id, TransitionRequest(.setExpiry, expireAt: expiry), by: chief) }
                    )
                }
                // Who may be assigned: the author, a reporter, someone inactive.
                for candidate in ["layla", "omar", "sami", "adam", "gone"] where facts.status == .draft {
                    compare(
                        "assign \(candidate) on \(described) by huda",
                        core: Self.core { _ = try Workflow.decide(StoryRequest(.assign, assignee: newsroom.staff[candidate]!), story: facts, by: chief) },
                        database: try Self.database {
                            _ = try newsroom.bypass.transition(id, TransitionRequest(.assign, editor: Handle(rawValue: candidate)), by: chief)
                        }
                    )
                }
            }
            // Filing a draft, for oneself or for someone else.
            for actor in newsroom.actors {
                for author in [nil, "layla", "huda", "adam", "gone"] {
                    let forAnother = author != nil && author != actor.name
                    let coreVerdict = Self.core {
                        try Workflow.authorizeDraft(forAnother: forAnother, by: actor)
                        if forAnother { try Workflow.checkAuthor(newsroom.staff[author!]!) }
                    }
                    let databaseVerdict = try Self.database {
                        _ = try newsroom.bypass.createDraft(
                            NewDraft(headline: "خبر", section: SectionSlug(rawValue: "politics"), dateline: nil, body: "", author: author.map(Handle.init(rawValue:))),
                            by: actor
                        )
                    }
                    compare("create for \(author ?? "oneself") by \(actor.name)", core: coreVerdict, database: databaseVerdict)
                }
            }
            #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.joined(separator: "\n"))")
            #expect(tally.allowed > 100 && tally.refused > 1000, "\(tally)")
        }
    }

    @Test("the database's table of actions is the core's")
    func actionTable() throws {
        try NewsroomFixture.with { fixture in
            let connection = try fixture.database.connect()
            let rows = try connection.query("SELECT action, coalesce(from_status, '-') AS f, to_status, needs_note FROM story_actions")
            let database = Set(try rows.map {
                "\(try $0.decode("action", as: String.self)) \(try $0.decode("f", as: String.self))→\(try $0.decode("to_status", as: String.self)) note:\(try $0.decode("needs_note", as: Bool.self))"
            })
            let core = Set(Workflow.actionTable.map { "\($0.action.rawValue) \($0.from?.rawValue ?? "-")→\($0.to.rawValue) note:\($0.action.requiresNote)" })
            #expect(database == core, "only in the database: \(database.subtracting(core)); only in the core: \(core.subtracting(database))")
        }
    }

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

    /// Lines at each kind's limits: letters alone, with vowel marks (two and three code points
    /// to a character), emoji with skin tones, flags, ZWJ sequences, and stacked marks.
    static func samples(for kind: LineKind) -> [String] {
        let units = ["ب", "بَ", "بَّ", "👍🏽", "🇮🇶", "👩‍💻", "👨‍👩‍👧‍👦", "بًّٰ"]
        var samples: [String] = []
        for unit in units {
            for count in [kind.limit, kind.limit + 1] {
                samples.append(String(repeating: unit, count: count))
            }
        }
        // Exactly at the code-point ceiling and one over, in fewer characters than the limit.
        let marks = "\u{64B}\u{651}\u{670}"  // tanween, shadda, dagger alef: 4 code points a character with the letter
        let full = String(repeating: "ب" + marks, count: kind.limit)
        samples.append(full)
        samples.append(full + "\u{652}")
        samples.append(String(repeating: "ب" + marks + "\u{652}", count: kind.limit / 2))
        return samples.map(EditorialText.normalize)
    }

    @Test("every kind of line at its limits: the core and the database agree", arguments: LineKind.allCases)
    func lengths(kind: LineKind) throws {
        try NewsroomFixture.with { fixture in
            let newsroom = try Newsroom(fixture)
            let chief = newsroom.actor("huda")
            let draft = try newsroom.story(.draft, author: "layla", editor: nil)
            let now = try newsroom.store.now()
            var disagreements: [String] = []
            var tally = (allowed: 0, refused: 0)
            for sample in Self.samples(for: kind) {
                let characters = sample.count, codePoints = sample.unicodeScalars.count
                let core = Self.core { _ = try EditorialText.line(sample, kind) }
                let database = try Self.database {
                    switch kind {
                    case .headline:
                        _ = try newsroom.bypass.createDraft(NewDraft(headline: sample, section: SectionSlug(rawValue: "politics"), dateline: nil, body: "", author: nil), by: chief)
                    case .dateline:
                        _ = try newsroom.bypass.createDraft(NewDraft(headline: "خبر", section: SectionSlug(rawValue: "politics"), dateline: sample, body: "", author: nil), by: chief)
                    case .staffName:
                        try newsroom.bypass.addStaff(StaffMember(handle: Handle(rawValue: "new"), name: sample, role: .reporter), by: newsroom.owner)
                    case .sectionName:
                        try newsroom.bypass.addSection(Section(slug: SectionSlug(rawValue: "sport"), name: sample), by: newsroom.owner)
                    case .note:
                        _ = try newsroom.bypass.transition(draft, TransitionRequest(.spike, note: sample), by: chief)
                    case .budgetLine:
                        _ = try newsroom.bypass.setBudget(draft, BudgetChange(line: .some(sample)), by: chief)
                    case .erasureOrder:
                        _ = try newsroom.bypass.orderErasure(draft, order: sample, by: chief)
                    case .tickerText:
                        let item = NewTickerItem(text: sample, urgent: false, startsAt: now, endsAt: now.addingTimeInterval(3600), storyID: nil)
                        _ = try newsroom.bypass.scheduleTickerItem(item, now: now, by: chief)
                    }
                }
                let what = "\(kind.rawValue) of \(characters) characters, \(codePoints) code points"
                // The core counts characters and code points; the database, code points only.
                if core.isAllowed != (characters <= kind.limit && codePoints <= kind.codePointLimit) {
                    disagreements.append("\(what): the core says \(core)")
                }
                if database.isAllowed != (codePoints <= kind.codePointLimit) {
                    disagreements.append("\(what): the database says \(database)")
                }
                if core.isAllowed && !database.isAllowed {
                    disagreements.append("\(what): the core allows it and the database refuses it")
                }
                if core.isAllowed { tally.allowed += 1 } else { tally.refused += 1 }
            }
            #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
            #expect(tally.allowed >= 5 && tally.refused >= 5, "\(tally)")
        }
    }
}

extension RuleParityTests {
    @Test("an embargo: publishing before it, scheduling before it, and after it: the core and the database agree")
    func embargo() throws {
        try NewsroomFixture.with { fixture in
            let newsroom = try Newsroom(fixture)
            let omar = newsroom.actor("omar"), huda = newsroom.actor("huda")
            let now = try newsroom.store.now()
            // An approved story under an embargo an hour away (scheduled with it, then unscheduled).
            let held = try newsroom.story(.approved, author: "layla", editor: "omar")
            let embargo = now.addingTimeInterval(3_600)
            _ = try newsroom.store.transition(held, TransitionRequest(.schedule, publishAt: embargo, embargoUntil: embargo), by: omar)
            _ = try newsroom.store.transition(held, TransitionRequest(.unschedule), by: omar)
            let heldFacts = try newsroom.facts(held)
            #expect(heldFacts.embargoUntil != nil, "unscheduling keeps the embargo")
            let cases: [(String, StoryRequest, TransitionRequest, Bool)] = [
                ("publish now", StoryRequest(.publish, now: now), TransitionRequest(.publish), false),
                ("schedule before it", StoryRequest(.schedule, publishAt: embargo.addingTimeInterval(-600), now: now),
                 TransitionRequest(.schedule, publishAt: embargo.addingTimeInterval(-600)), false),
                ("schedule after it", StoryRequest(.schedule, publishAt: embargo.addingTimeInterval(600), now: now),
                 TransitionRequest(.schedule, publishAt: embargo.addingTimeInterval(600)), true),
            ]
            for (what, decision, attempt, allowed) in cases {
                let core = Self.core { _ = try Workflow.decide(decision, story: heldFacts, by: omar) }
                let database = try Self.database { _ = try newsroom.bypass.transition(held, attempt, by: omar) }
                #expect(core.isAllowed == allowed, "\(what): the core says \(core)")
                #expect(database.isAllowed == allowed, "\(what): the database says \(database)")
            }
            // Past its embargo a story publishes, and its withdrawal drops it, on both sides.
            let past = try newsroom.story(.approved, author: "layla", editor: "omar")
            // Its embargo passed a minute ago (the clock moved on: written as a restore would, triggers aside).
            try fixture.database.connect().executeScript("""
                SET session_replication_role = replica;
                UPDATE stories SET embargo_until = now() - interval '1 minute' WHERE id = \(past.rawValue);
                """)
            let pastFacts = try newsroom.facts(past)
            #expect(Self.core { _ = try Workflow.decide(StoryRequest(.publish, now: now), story: pastFacts, by: omar) }.isAllowed)
            #expect(try Self.database { _ = try newsroom.bypass.transition(past, TransitionRequest(.publish), by: omar) }.isAllowed)
            _ = try newsroom.store.transition(past, TransitionRequest(.publish), by: omar)
            #expect(try Self.database { _ = try newsroom.bypass.transition(past, TransitionRequest(.withdraw, note: "سحب"), by: huda) }.isAllowed)
        }
    }
}
