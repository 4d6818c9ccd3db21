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
}
