import Foundation
import NewsroomCore
import Testing
@testable import NewsroomDesk

/// The refusals of the desk's other pages, made by the core's own rules over every actor and
/// a spread of bad values: the ticker, notes, photos, administration, and what forms carry.
@Suite("the desk's words: every refusal of the ticker, notes, photos and administration in Arabic")
struct DeskRuleCatalogueTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let members: [StaffMember] = Role.allCases.map { StaffMember(handle: Handle(rawValue: "p-\($0.rawValue)"), name: "ن", role: $0) }
        + [StaffMember(handle: Handle(rawValue: "gone"), name: "غ", role: .editor, active: false)]
    static let actors: [Actor] = members.map { .staff($0) } + [.databaseOwner(role: "newsroom"), .scheduler]

    static func collect(_ messages: inout Set<String>, _ body: () throws -> Void) {
        do { try body() } catch let error as NewsroomError { messages.insert(error.message) } catch {}
    }

    static func ticker() -> [String] {
        var messages: Set<String> = []
        for actor in actors { collect(&messages) { try TickerRules.authorizeChange(by: actor, doing: "schedule ticker lines") } }
        for text in ["", "a\nb", String(repeating: "خ", count: 300)] { collect(&messages) { _ = try TickerRules.text(text) } }
        let hour: TimeInterval = 3600
        for (start, end) in [(-7200.0, hour), (hour, hour), (0, 9 * 86_400), (0, 400 * 365 * 86_400 * 30)] {
            collect(&messages) { try TickerRules.checkWindow(startsAt: now.addingTimeInterval(start), endsAt: now.addingTimeInterval(end), now: now) }
        }
        let item = TickerItem(id: TickerItemID(rawValue: 4), text: "سطر", urgent: false, startsAt: now.addingTimeInterval(-hour), endsAt: now.addingTimeInterval(hour),
                              storyID: nil, createdBy: Handle(rawValue: "omar"), createdAt: now)
        var ended = item
        ended.endsAt = now.addingTimeInterval(-60)
        var cancelled = item
        cancelled.cancelledAt = now.addingTimeInterval(-60)
        for line in [ended, cancelled] {
            collect(&messages) { try TickerRules.checkCancel(line, now: now) }
            collect(&messages) { try TickerRules.checkExtension(line, until: now.addingTimeInterval(hour), now: now, describe: { "\($0)" }) }
        }
        for until in [now, now.addingTimeInterval(8 * 86_400)] {
            collect(&messages) { try TickerRules.checkExtension(item, until: until, now: now, describe: { _ in "١٤:٠٠" }) }
        }
        for status in StoryStatus.allCases {
            collect(&messages) { try TickerRules.checkLink(story: StoryID(rawValue: 9), status: status, publishAt: now.addingTimeInterval(hour), itemStartsAt: now) }
        }
        for text in ["", "x", "-3"] { collect(&messages) { _ = try TickerItemID.parse(text) } }
        return messages.sorted()
    }

    static func notes() -> [String] {
        var messages: Set<String> = []
        for actor in actors { collect(&messages) { try DeskNotes.authorize(by: actor) } }
        for text in ["", "a\u{0007}", String(repeating: "م", count: 3000)] { collect(&messages) { _ = try DeskNotes.text(text) } }
        let first = StoryNote(id: NoteID(rawValue: 1), story: StoryID(rawValue: 7), replyTo: nil, author: Handle(rawValue: "omar"), at: now, text: "ملاحظة", mentions: [])
        let reply = StoryNote(id: NoteID(rawValue: 2), story: StoryID(rawValue: 7), replyTo: NoteID(rawValue: 1), author: Handle(rawValue: "huda"), at: now, text: "رد", mentions: [])
        for resolution in [nil, NoteThread.Resolution(resolved: true, by: Handle(rawValue: "omar"), at: now), NoteThread.Resolution(resolved: false, by: Handle(rawValue: "huda"), at: now)] {
            let thread = NoteThread(note: first, replies: [], resolution: resolution)
            for note in [first, reply] {
                for resolving in [true, false] { collect(&messages) { try DeskNotes.checkMove(of: note, resolving: resolving, thread: thread) } }
            }
        }
        for text in ["", "x"] { collect(&messages) { _ = try NoteID.parse(text) } }
        return messages.sorted()
    }

    static func photos() -> [String] {
        var messages: Set<String> = []
        for actor in actors { collect(&messages) { try PhotoRules.authorizeAdding(by: actor) } }
        let photo = Photo(id: MediaID(rawValue: 3), format: "jpeg", width: 10, height: 10, byteCount: 10, text: PhotoText(), takenOn: nil, focus: .centre,
                          addedBy: Handle(rawValue: "layla"), addedAt: now, embedded: [:], usedBy: [PhotoUse(story: StoryID(rawValue: 7), role: .lead)], erased: false)
        var unused = photo
        unused.usedBy = []
        for actor in actors { for p in [photo, unused] { collect(&messages) { try PhotoRules.authorizeDeleting(p, by: actor) } } }
        for size in [0, PhotoRules.byteLimit + 1] { collect(&messages) { try PhotoRules.checkSize(size) } }
        for (format, width, height, frames) in [(nil, 1, 1, 1), ("gif", 1, 1, 1), ("jpeg", 20_000, 20_000, 1), ("png", 10, 10, 3), ("jpeg", 0, 0, 1)] as [(String?, Int, Int, Int)] {
            collect(&messages) { try PhotoRules.checkUpload(byteCount: 100, format: format, what: "an SVG drawing", width: width, height: height, frames: frames) }
        }
        collect(&messages) { try PhotoRules.checkReadyToPublish(StoryID(rawValue: 7), photos: [(MediaID(rawValue: 3), PhotoText()), (MediaID(rawValue: 4), PhotoText(alt: "ب"))]) }
        for (x, y) in [(-0.1, 0.5), (0.5, 1.5), (Double.nan, 0)] { collect(&messages) { _ = try FocalPoint(x: x, y: y) } }
        for text in ["", "x", "0.5", "2,2"] { collect(&messages) { _ = try FocalPoint.parse(text) } }
        for text in ["", "x", "-1"] { collect(&messages) { _ = try MediaID.parse(text) } }
        for text in ["a\nb", String(repeating: "ص", count: 600)] { collect(&messages) { _ = try PhotoText.checked(alt: text, caption: text, credit: text) } }
        return messages.sorted()
    }

    static func administration() -> [String] {
        var messages: Set<String> = []
        for actor in actors {
            collect(&messages) { try Administration.authorizeStaffChanges(by: actor) }
            for change in AdministrativeChange.allCases { collect(&messages) { try Administration.authorize(change, by: actor, doing: "change \(change.rawValue)") } }
        }
        for key in NewsroomSetting.allCases {
            for value in ["", "x", "Mars/Olympus", "-5", "ltr-ish", "ftp://x", "0", "999999999", "a\nb", String(repeating: "ن", count: 300)] {
                collect(&messages) { _ = try key.validate(value) }
            }
        }
        collect(&messages) { _ = try NewsroomSetting.parse("colour") }
        for text in ["", "Huda", "a b", "ليلى", String(repeating: "a", count: 80)] { collect(&messages) { _ = try Handle.parse(text) } }
        for text in ["", "Politics", "سياسة", "a b"] { collect(&messages) { _ = try SectionSlug.parse(text) } }
        for text in ["", "boss"] { collect(&messages) { _ = try Role.parse(text) } }
        for text in ["", "a\nb", String(repeating: "p", count: 1001)] { collect(&messages) { _ = try Administration.firstPassword(text) } }
        return messages.sorted()
    }

    /// What forms carry besides text: numbers, times, days, statuses.
    static func fields() -> [String] {
        var messages: Set<String> = []
        let time = NewsroomTime(zone: .utc)
        for text in ["", "x", "-1", "0"] { collect(&messages) { _ = try StoryID.parse(text) } }
        for text in ["", "soon", "2026-13-01 10:00", "10000-01-01 00:00"] { collect(&messages) { _ = try time.parse(text, now: now, field: "at") } }
        for text in ["", "x", "2026-02-30", "someday"] { collect(&messages) { _ = try time.day(text, now: now, field: "day") } }
        for text in ["", "x"] { collect(&messages) { _ = try StoryStatus.parse(text) } }
        // The desk's own: a field the form lacks, a number that is none.
        for error in DeskInputError.fixed { messages.insert(error.message) }
        let form = DeskForm(["version": "x", "focus_x": "-2"])
        for name in ["headline", "version", "focus_x"] {
            do { _ = try form.required("headline"); _ = try form.number(name) } catch let error as DeskInputError { messages.insert(error.message) } catch {}
        }
        return messages.sorted()
    }

    enum Rules: String, CaseIterable { case ticker, notes, photos, administration, fields }

    @Test("every refusal of these rules has its Arabic", arguments: Rules.allCases)
    func refusals(_ rules: Rules) {
        let messages: [String] = switch rules {
        case .ticker: Self.ticker()
        case .notes: Self.notes()
        case .photos: Self.photos()
        case .administration: Self.administration()
        case .fields: Self.fields()
        }
        #expect(messages.count > 3, "\(messages)")
        for message in messages {
            #expect(RefusalCatalogue.translatesFully(message), "no Arabic for: \(message)")
        }
    }
}
