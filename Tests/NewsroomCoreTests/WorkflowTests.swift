import Foundation
import NewsroomCore
import Testing

/// The lifecycle table from the issue, written out independently of `Workflow`, so
/// the tests compare two spellings of the same rules.
let lifecycleTable: [(StoryAction, StoryStatus?, StoryStatus)] = [
    (.create, nil, .draft),
    (.edit, .draft, .draft),
    (.edit, .inReview, .inReview),
    (.edit, .approved, .inReview),
    (.edit, .scheduled, .inReview),
    (.correct, .published, .published),
    (.assign, .draft, .draft),
    (.assign, .inReview, .inReview),
    (.submit, .draft, .inReview),
    (.return, .inReview, .draft),
    (.approve, .inReview, .approved),
    (.publish, .approved, .published),
    (.schedule, .approved, .scheduled),
    (.unschedule, .scheduled, .approved),
    (.publishSkippingReview, .draft, .published),
    (.publishSkippingReview, .inReview, .published),
    (.publishScheduled, .scheduled, .published),
    (.withdraw, .published, .withdrawn),
    (.setExpiry, .scheduled, .scheduled),
    (.setExpiry, .published, .published),
    (.expire, .published, .withdrawn),
    (.erase, .draft, .spiked), (.erase, .inReview, .spiked), (.erase, .approved, .spiked), (.erase, .scheduled, .spiked),
    (.erase, .published, .withdrawn), (.erase, .withdrawn, .withdrawn), (.erase, .spiked, .spiked),
    (.spike, .draft, .spiked),
    (.spike, .inReview, .spiked),
    (.spike, .approved, .spiked),
    (.restore, .spiked, .draft),
]

@Suite("Workflow: the lifecycle table")
struct WorkflowTableTests {
    @Test("every row of the table is allowed and leads where the table says")
    func everyRow() {
        for (action, from, to) in lifecycleTable {
            #expect(Workflow.target(of: action, from: from) == to, "\(action) from \(String(describing: from))")
        }
    }

    @Test("every move the table does not list is refused")
    func everythingElseRefused() {
        let allowed = Set(lifecycleTable.map { "\($0.0.rawValue)/\($0.1?.rawValue ?? "-")" })
        let origins: [StoryStatus?] = [nil] + StoryStatus.allCases.map { $0 }
        for action in StoryAction.allCases {
            for from in origins where !allowed.contains("\(action.rawValue)/\(from?.rawValue ?? "-")") {
                #expect(Workflow.target(of: action, from: from) == nil, "\(action) from \(String(describing: from))")
            }
        }
    }

    @Test("a refused move names the current state and what can be done from it")
    func refusalMessage() throws {
        do {
            _ = try Workflow.authorize(.approve, story: facts(.draft), by: .staff(omar))
            Issue.record("approving a draft must be refused")
        } catch {
            #expect(error.kind == .invalidState)
            #expect(error.message.contains("story 7 is draft"))
            #expect(error.message.contains("story submit"))
            #expect(error.message.contains("story spike"))
        }
        #expect(throws: NewsroomError.self) { try Workflow.authorize(.edit, story: facts(.published), by: .staff(omar)) }
        #expect(throws: NewsroomError.self) { try Workflow.authorize(.restore, story: facts(.withdrawn), by: .staff(huda)) }
    }

    @Test("the allowed status changes are exactly the table's")
    func allowedMoves() {
        let fromTable = Set(lifecycleTable.compactMap { action, from, to -> Workflow.Move? in
            guard let from, from != to else { return nil }
            return Workflow.Move(from: from, to: to)
        })
        #expect(Workflow.allowedMoves == fromTable)
    }
}

@Suite("Workflow: who may")
struct WorkflowPermissionTests {
    func allowed(_ action: StoryAction, _ status: StoryStatus?, by member: StaffMember, author: StaffMember = layla, editor: StaffMember? = omar) -> Bool {
        let story = status.map { facts($0, author: author, editor: editor) }
        return (try? Workflow.authorize(action, story: story, by: .staff(member))) != nil
    }

    @Test("drafts are created by reporters, editors and chiefs, not admins")
    func create() {
        #expect(allowed(.create, nil, by: layla))
        #expect(allowed(.create, nil, by: omar))
        #expect(allowed(.create, nil, by: huda))
        #expect(!allowed(.create, nil, by: adam))
    }

    @Test("a draft is edited by its author, editors and chiefs; later only the assigned editor or a chief")
    func edit() {
        #expect(allowed(.edit, .draft, by: layla))
        #expect(!allowed(.edit, .draft, by: sami))
        #expect(allowed(.edit, .draft, by: nadia))
        #expect(allowed(.edit, .draft, by: huda))
        for status in [StoryStatus.inReview, .approved, .scheduled] {
            #expect(allowed(.edit, status, by: omar))
            #expect(allowed(.edit, status, by: huda))
            #expect(!allowed(.edit, status, by: nadia), "\(status)")
            #expect(!allowed(.edit, status, by: layla), "\(status)")
        }
        #expect(allowed(.correct, .published, by: nadia))
        #expect(!allowed(.correct, .published, by: layla))
    }

    @Test("submit needs the author or an editor, and an assigned editor")
    func submit() {
        #expect(allowed(.submit, .draft, by: layla))
        #expect(!allowed(.submit, .draft, by: sami))
        #expect(allowed(.submit, .draft, by: nadia))
        #expect(!allowed(.submit, .draft, by: layla, editor: nil))
    }

    @Test("approve: the assigned editor or a chief, never the author")
    func approve() {
        #expect(allowed(.approve, .inReview, by: omar))
        #expect(allowed(.approve, .inReview, by: huda))
        #expect(!allowed(.approve, .inReview, by: nadia))
        #expect(!allowed(.approve, .inReview, by: layla))
        #expect(!allowed(.approve, .inReview, by: huda, author: huda))
        #expect(!allowed(.approve, .inReview, by: omar, author: omar, editor: omar))
    }

    @Test("return: the assigned editor or a chief")
    func sendBack() {
        #expect(allowed(.return, .inReview, by: omar))
        #expect(allowed(.return, .inReview, by: huda))
        #expect(!allowed(.return, .inReview, by: nadia))
        #expect(!allowed(.return, .inReview, by: layla))
    }

    @Test("publish, schedule, unschedule, assign, spike, restore: editors and chiefs")
    func editorial() {
        let cases: [(StoryAction, StoryStatus)] = [
            (.publish, .approved), (.schedule, .approved), (.unschedule, .scheduled), (.assign, .draft),
            (.assign, .inReview), (.spike, .draft), (.spike, .inReview), (.spike, .approved), (.restore, .spiked),
        ]
        for (action, status) in cases {
            #expect(allowed(action, status, by: nadia), "\(action)")
            #expect(allowed(action, status, by: huda), "\(action)")
            #expect(!allowed(action, status, by: layla), "\(action)")
            #expect(!allowed(action, status, by: adam), "\(action)")
        }
    }

    @Test("skipping review and withdrawing: the chief only")
    func chiefOnly() {
        #expect(allowed(.publishSkippingReview, .draft, by: huda))
        #expect(allowed(.publishSkippingReview, .inReview, by: huda))
        #expect(!allowed(.publishSkippingReview, .draft, by: omar))
        #expect(allowed(.withdraw, .published, by: huda))
        #expect(!allowed(.withdraw, .published, by: omar))
    }

    @Test("inactive staff and the bare database owner can do nothing editorial")
    func inactiveAndOwner() {
        for (action, from, _) in lifecycleTable {
            #expect(!allowed(action, from, by: gone), "\(action)")
            let story = from.map { facts($0) }
            #expect((try? Workflow.authorize(action, story: story, by: .databaseOwner(role: "newsroom"))) == nil)
        }
    }

    @Test("only active editors and chiefs can be assigned")
    func assignee() {
        #expect((try? Workflow.checkAssignee(omar, for: nil)) != nil)
        #expect((try? Workflow.checkAssignee(huda, for: nil)) != nil)
        #expect(throws: NewsroomError.self) { try Workflow.checkAssignee(layla, for: nil) }
        #expect(throws: NewsroomError.self) { try Workflow.checkAssignee(adam, for: nil) }
        #expect(throws: NewsroomError.self) { try Workflow.checkAssignee(gone, for: nil) }
    }

    @Test("administration: staff by admins, sections and settings by admins and chiefs; the owner sets up")
    func administration() {
        #expect((try? Administration.authorizeStaffChanges(by: .staff(adam))) != nil)
        #expect((try? Administration.authorizeStaffChanges(by: .databaseOwner(role: "x"))) != nil)
        #expect(throws: NewsroomError.self) { try Administration.authorizeStaffChanges(by: .staff(huda)) }
        #expect((try? Administration.authorize(.settings, by: .staff(huda), doing: "x")) != nil)
        #expect(throws: NewsroomError.self) { try Administration.authorize(.settings, by: .staff(omar), doing: "x") }
        #expect(throws: NewsroomError.self) {
            try Administration.authorize(.settings, by: .staff(StaffMember(handle: Handle(rawValue: "ex"), name: "x", role: .admin, active: false)), doing: "x")
        }
    }

    @Test("what each action does to a story is data: the times it stamps and what becomes of a schedule")
    func effects() throws {
        let publish = try #require(Workflow.effects(of: .publish, from: .approved))
        #expect(publish.to == .published && publish.stamps == [.published] && publish.schedule == .keep)
        let correct = try #require(Workflow.effects(of: .correct, from: .published))
        #expect(correct.stamps.isEmpty && correct.schedule == .keep)  // a correction keeps when it first went out
        #expect(Workflow.effects(of: .schedule, from: .approved)?.schedule == .set)
        #expect(Workflow.effects(of: .unschedule, from: .scheduled)?.schedule == .clear)
        #expect(Workflow.effects(of: .edit, from: .scheduled)?.schedule == .clear)  // back to review drops the schedule
        #expect(Workflow.effects(of: .withdraw, from: .published)?.stamps == [.withdrawn])
        #expect(Workflow.effects(of: .submit, from: .draft)?.stamps == [.submitted])
        #expect(Workflow.effects(of: .approve, from: .inReview)?.stamps == [.approved])
        #expect(Workflow.effects(of: .publishScheduled, from: .scheduled)?.stamps == [.published])
        #expect(Workflow.effects(of: .approve, from: .draft) == nil)
        // An expiry: set by the actions that set it, kept while the story is out and by the
        // scheduler's expire, dropped by a withdrawal and by anything that takes it back.
        for action in [StoryAction.publish, .schedule] { #expect(Workflow.effects(of: action, from: .approved)?.expiry == .set) }
        #expect(Workflow.effects(of: .setExpiry, from: .published)?.expiry == .set)
        #expect(Workflow.effects(of: .expire, from: .published)?.expiry == .keep)
        #expect(Workflow.effects(of: .expire, from: .published)?.stamps == [.withdrawn])
        #expect(Workflow.effects(of: .publishScheduled, from: .scheduled)?.expiry == .keep)
        #expect(Workflow.effects(of: .correct, from: .published)?.expiry == .keep)
        #expect(Workflow.effects(of: .withdraw, from: .published)?.expiry == .clear)
        #expect(Workflow.effects(of: .unschedule, from: .scheduled)?.expiry == .clear)
        #expect(Workflow.effects(of: .edit, from: .scheduled)?.expiry == .clear)
        // One entry per row of the table, and nothing else.
        #expect(Workflow.actionTable.count == lifecycleTable.count)
    }

    @Test("an expiry: editors and chiefs set it, for a time to come after publication; only the scheduler carries it out")
    func expiry() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var published = facts(.published)
        func decide(_ request: StoryRequest, _ story: StoryFacts, by actor: Actor) -> Bool { (try? Workflow.decide(request, story: story, by: actor)) != nil }
        #expect(decide(StoryRequest(.setExpiry, expireAt: now.addingTimeInterval(60), now: now), published, by: .staff(omar)))
        #expect(decide(StoryRequest(.setExpiry, now: now), published, by: .staff(huda)), "cancelled: no time")
        #expect(!decide(StoryRequest(.setExpiry, expireAt: now.addingTimeInterval(60), now: now), published, by: .staff(layla)))
        #expect(!decide(StoryRequest(.setExpiry, expireAt: now.addingTimeInterval(-1), now: now), published, by: .staff(omar)))
        #expect(!decide(StoryRequest(.setExpiry, expireAt: now.addingTimeInterval(60), now: now), facts(.approved), by: .staff(omar)))
        #expect(!decide(StoryRequest(.approve, expireAt: now.addingTimeInterval(60), now: now), facts(.inReview), by: .staff(omar)))
        // A scheduled story expires after it goes out.
        var scheduled = facts(.scheduled)
        scheduled.publishAt = now.addingTimeInterval(3600)
        #expect(!decide(StoryRequest(.setExpiry, expireAt: now.addingTimeInterval(1800), now: now), scheduled, by: .staff(omar)))
        #expect(decide(StoryRequest(.setExpiry, expireAt: now.addingTimeInterval(7200), now: now), scheduled, by: .staff(omar)))
        #expect(!decide(StoryRequest(.schedule, publishAt: now.addingTimeInterval(3600), expireAt: now.addingTimeInterval(60), now: now), facts(.approved), by: .staff(omar)))
        // Carrying it out is the scheduler's alone; withdrawal stays a chief's.
        for person in [omar, huda] { #expect(!decide(StoryRequest(.expire), published, by: .staff(person))) }
        #expect(decide(StoryRequest(.expire), published, by: .scheduler))
        #expect(!decide(StoryRequest(.withdraw, note: "x"), published, by: .scheduler))
        #expect(!decide(StoryRequest(.withdraw, note: "x"), published, by: .staff(omar)))
        published.status = .withdrawn
        #expect(!decide(StoryRequest(.expire), published, by: .scheduler), "once")
    }

    @Test("an erasure: a chief orders it, an admin confirms an order given; the story then refuses everything")
    func erasure() throws {
        var published = facts(.published)
        #expect((try? Workflow.authorizeErasureOrder(story: published, by: .staff(huda))) != nil)
        for person in [omar, adam, layla] { #expect(throws: NewsroomError.self) { try Workflow.authorizeErasureOrder(story: published, by: .staff(person)) } }
        #expect(throws: NewsroomError.self) { try Workflow.decide(StoryRequest(.erase, order: "أمر 1"), story: published, by: .staff(adam)) }  // not given yet
        published.erasureOrders = ["أمر 1"]
        #expect(Workflow.effects(of: .erase, from: .published)?.stamps == [.withdrawn])
        #expect(Workflow.effects(of: .erase, from: .withdrawn)?.stamps == [], "a withdrawal keeps its time")
        #expect((try? Workflow.decide(StoryRequest(.erase, order: "أمر 1"), story: published, by: .staff(adam))) != nil)
        #expect(throws: NewsroomError.self) { try Workflow.decide(StoryRequest(.erase, order: "أمر 2"), story: published, by: .staff(adam)) }
        for person in [huda, omar] {
            #expect(throws: NewsroomError.self) { try Workflow.decide(StoryRequest(.erase, order: "أمر 1"), story: published, by: .staff(person)) }
        }
        #expect(!Workflow.actions(from: .published).contains(.erase), "never offered as a next step")
        published.erased = true
        published.status = .withdrawn
        for action in StoryAction.allCases where action != .create {
            #expect(throws: NewsroomError.self) { try Workflow.authorize(action, story: published, by: .staff(huda)) }
        }
        #expect(throws: NewsroomError.self) { try Workflow.authorizeErasureOrder(story: published, by: .staff(huda)) }
    }

    @Test("deciding a request: the note, the editor to assign, the time to publish at")
    func decide() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let inReview = facts(.inReview)
        #expect(throws: NewsroomError.self) { try Workflow.decide(StoryRequest(.return), story: inReview, by: .staff(omar)) }
        #expect((try? Workflow.decide(StoryRequest(.return, note: "اختصر"), story: inReview, by: .staff(omar))) != nil)
        let approved = facts(.approved)
        #expect(throws: NewsroomError.self) {
            try Workflow.decide(StoryRequest(.schedule, publishAt: now.addingTimeInterval(-1), now: now), story: approved, by: .staff(omar))
        }
        #expect((try? Workflow.decide(StoryRequest(.schedule, publishAt: now.addingTimeInterval(60), now: now), story: approved, by: .staff(omar))) != nil)
        let draft = facts(.draft)
        #expect(throws: NewsroomError.self) { try Workflow.decide(StoryRequest(.assign), story: draft, by: .staff(huda)) }
        #expect(throws: NewsroomError.self) { try Workflow.decide(StoryRequest(.assign, assignee: layla), story: draft, by: .staff(huda)) }  // its author
        #expect((try? Workflow.decide(StoryRequest(.assign, assignee: nadia), story: draft, by: .staff(huda))) != nil)
        // Filing for someone else: editors and chiefs, for an active writer.
        #expect(throws: NewsroomError.self) { try Workflow.authorizeDraft(forAnother: true, by: .staff(layla)) }
        #expect((try? Workflow.authorizeDraft(forAnother: true, by: .staff(omar))) != nil)
        #expect(throws: NewsroomError.self) { try Workflow.checkAuthor(adam) }
        #expect(throws: NewsroomError.self) { try Workflow.checkAuthor(gone) }
    }
}
