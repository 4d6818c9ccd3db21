import Foundation
@_spi(RuleParity) @testable import NewsroomStore
import NewsroomCore
import PostgresClient
import Testing
import TestSupport

// Every kind of line at its limits, and the embargo, both ways.
extension RuleParityTests {
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
            let photo = try newsroom.store.addPhoto(Self.tinyPhoto, by: newsroom.actor("layla"))
            if kind == .wireLine || kind == .wireGuid {
                try newsroom.store.addWireSource(WireSource(name: WireSourceName(rawValue: "agency"), kind: .folder, location: "/tmp"), by: chief)
            }
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
                    case .photoAlt:
                        _ = try newsroom.bypass.editPhoto(photo, PhotoChanges(alt: .some(sample)), by: chief)
                    case .photoCaption:
                        _ = try newsroom.bypass.editPhoto(photo, PhotoChanges(caption: .some(sample)), by: chief)
                    case .photoCredit:
                        _ = try newsroom.bypass.editPhoto(photo, PhotoChanges(credit: .some(sample)), by: chief)
                    case .wireLine, .wireGuid:
                        var document = WireDocument(format: .ninjs, guid: kind == .wireGuid ? sample : "urn:x:\(UUID())", headline: "خبر")
                        if kind == .wireLine { document.creditline = sample }
                        let version = WireVersion(document: document, body: "", bodyText: "", bodyNote: nil)
                        _ = try newsroom.bypass.ingest(version, from: WireSourceName(rawValue: "agency"), origin: "test")
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
    /// A photo's record for the rules on its words and on going out: the database checks the
    /// record, not the image (the image's own checks are Imaging's, tested with real files).
    static let tinyPhoto = NewPhoto(format: "jpeg", width: 10, height: 10, original: [0xFF, 0xD8, 0xFF], text: PhotoText(), takenOn: nil,
                                    focus: .centre, embedded: [:], renditions: [])
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
