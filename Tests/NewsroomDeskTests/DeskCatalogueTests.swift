import Foundation
import NewsroomCore
import Testing
@testable import NewsroomDesk

@Suite("the desk's words: every label and every refusal of the core in Arabic and English")
struct DeskCatalogueTests {
    @Test("every label has both texts, and the Arabic one is Arabic")
    func labels() {
        for label in Label.allCases {
            let arabic = Words(.ar)(label), english = Words(.en)(label)
            #expect(!arabic.isEmpty && !english.isEmpty, "\(label)")
            #expect(arabic.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "\(label): \(arabic)")
            #expect(arabic != english, "\(label)")
        }
    }

    /// Every refusal the workflow's rules give, over every move, state, role and standing
    /// (author, assigned editor, another, inactive, the owner), with and without a note.
    static func workflowRefusals() -> [String] {
        let members: [StaffMember] = [
            StaffMember(handle: Handle(rawValue: "layla"), name: "ليلى", role: .reporter),
            StaffMember(handle: Handle(rawValue: "sami"), name: "سامي", role: .reporter),
            StaffMember(handle: Handle(rawValue: "omar"), name: "عمر", role: .editor),
            StaffMember(handle: Handle(rawValue: "nadia"), name: "نادية", role: .editor),
            StaffMember(handle: Handle(rawValue: "huda"), name: "هدى", role: .chief),
            StaffMember(handle: Handle(rawValue: "adam"), name: "آدم", role: .admin),
            StaffMember(handle: Handle(rawValue: "gone"), name: "غائب", role: .editor, active: false),
        ]
        let actors: [Actor] = members.map { .staff($0) } + [.databaseOwner(role: "newsroom"), .scheduler]
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var messages: Set<String> = []
        for status in StoryStatus.allCases {
            for editor in [nil, Handle(rawValue: "omar"), Handle(rawValue: "gone")] {
                var facts = StoryFacts(id: StoryID(rawValue: 7), status: status, author: Handle(rawValue: "layla"), editor: editor,
                                       editorActive: editor?.rawValue != "gone")
                for embargo in [nil, now.addingTimeInterval(3600)] {
                    facts.embargoUntil = embargo
                    for action in StoryAction.allCases {
                        for actor in actors {
                            for note in [nil, "سبب"] {
                                for assignee in [nil] + members {
                                    for at in [nil, now.addingTimeInterval(-60), now.addingTimeInterval(600)] {
                                        let request = StoryRequest(action, note: note, assignee: assignee, publishAt: at, expireAt: at, now: now, time: NewsroomTime(zone: .utc))
                                        do { _ = try Workflow.decide(request, story: facts, by: actor) } catch { messages.insert(error.message) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            _ = (try? Workflow.decide(StoryRequest(.submit), story: nil, by: actors[0]))
        }
        for actor in actors { do { try Workflow.authorizeDraft(forAnother: true, by: actor) } catch { messages.insert(error.message) } }
        for actor in actors { do { try LeaseRules.authorizeTakeOver(by: actor) } catch { messages.insert(error.message) } }
        let lease = EditLease(story: StoryID(rawValue: 7), holder: Handle(rawValue: "omar"), since: now, expiresAt: now.addingTimeInterval(600), takenFrom: nil)
        messages.insert(LeaseRules.refusal(lease, time: NewsroomTime(zone: .utc)).message)
        return messages.sorted()
    }

    /// What the text rules refuse, for every kind of line.
    static func textRefusals() -> [String] {
        var messages: Set<String> = []
        for kind in LineKind.allCases {
            for text in ["", "a\nb", "a\u{0007}b", "\u{200B}", "a\u{202E}b", "a\u{202C}", String(repeating: "ب", count: kind.limit + 1),
                         String(repeating: "a\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}", count: kind.limit), "a\u{FFFE}"] {
                do { _ = try EditorialText.line(text, kind) } catch { messages.insert(error.message) }
            }
        }
        for body in ["", "  ", "نص\u{202E}", "\u{202C}نص"] {
            do { _ = try EditorialText.body(body) } catch { messages.insert(error.message) }
        }
        return messages.sorted()
    }

    enum Rules: String, CaseIterable { case workflow, text }

    @Test("every refusal of the workflow, the lease and the text rules has its Arabic", arguments: Rules.allCases)
    func refusals(_ rules: Rules) {
        let messages = rules == .workflow ? Self.workflowRefusals() : Self.textRefusals()
        #expect(messages.count > 5)
        for message in messages {
            #expect(RefusalCatalogue.translatesFully(message), "no Arabic for: \(message)")
        }
    }

    @Test("a translation keeps what varies (numbers, names) and translates the rule inside")
    func pieces() throws {
        let arabic = try #require(RefusalCatalogue.translate("layla (reporter) may not approve story 12: nobody approves their own story; its assigned editor or another chief must"))
        #expect(arabic.contains("layla") && arabic.contains("12") && arabic.contains("لا يوافق أحد على قصته"))
        #expect(RefusalCatalogue.translate("headline: is 300 characters long; the limit is 250") == "العنوان: طوله 300 حرفاً والحد 250")
        #expect(!RefusalCatalogue.translatesFully("something the core never says"))
    }
}
