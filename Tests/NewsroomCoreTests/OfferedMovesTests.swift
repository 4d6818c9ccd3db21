import Foundation
import Testing
@testable import NewsroomCore

@Suite("what a front end offers: Workflow.offered is exactly the moves authorize allows")
struct OfferedMovesTests {
    @Test("for every state, role and standing, an offered move is authorized and every authorized move (but the scheduler's, an erasure) is offered")
    func offeredIsAuthorized() {
        let members: [StaffMember] = [
            StaffMember(handle: Handle(rawValue: "layla"), name: "ليلى", role: .reporter),
            StaffMember(handle: Handle(rawValue: "omar"), name: "عمر", role: .editor),
            StaffMember(handle: Handle(rawValue: "nadia"), name: "نادية", role: .editor),
            StaffMember(handle: Handle(rawValue: "huda"), name: "هدى", role: .chief),
            StaffMember(handle: Handle(rawValue: "adam"), name: "آدم", role: .admin),
            StaffMember(handle: Handle(rawValue: "gone"), name: "غائب", role: .chief, active: false),
        ]
        for status in StoryStatus.allCases {
            for editor in [nil, Handle(rawValue: "omar")] {
                let facts = StoryFacts(id: StoryID(rawValue: 1), status: status, author: Handle(rawValue: "layla"), editor: editor)
                for member in members {
                    let offered = Set(Workflow.offered(on: facts, to: .staff(member)))
                    for action in StoryAction.allCases {
                        let allowed = (try? Workflow.authorize(action, story: facts, by: .staff(member))) != nil
                        let offerable = allowed && !action.isTheSchedulers && action != .erase && action != .create
                        #expect(offered.contains(action) == offerable, "\(member.handle) \(action) on \(status) (editor \(editor?.rawValue ?? "-"))")
                    }
                }
            }
        }
        let draft = StoryFacts(id: StoryID(rawValue: 1), status: .inReview, author: Handle(rawValue: "layla"), editor: Handle(rawValue: "omar"))
        #expect(!Workflow.offered(on: draft, to: .staff(members[0])).contains(.approve), "nobody is offered approving their own story")
        #expect(Workflow.offered(on: draft, to: .staff(members[5])).isEmpty, "someone inactive is offered nothing")
        #expect(Workflow.offered(on: draft, to: .scheduler).isEmpty && Workflow.offered(on: draft, to: .databaseOwner(role: "o")).isEmpty)
    }
}
