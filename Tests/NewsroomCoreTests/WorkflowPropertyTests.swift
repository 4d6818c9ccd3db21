import NewsroomCore
import Testing
import TestRandom

@Suite("Workflow: random sequences of commands")
struct WorkflowPropertyTests {
    @Test("no sequence reaches a state the table does not allow, and history replays to the current state")
    func randomSequences() throws {
        var reached: Set<StoryStatus> = []
        for seed in UInt64(1)...UInt64(40) {
            reached.formUnion(walk(seed: seed))
        }
        // The random walks must actually explore the whole lifecycle, or they prove nothing.
        #expect(reached == Set(StoryStatus.allCases), "reached only \(reached)")
    }

    /// 60 stories, each driven by 60 random commands from random people; returns the statuses reached.
    func walk(seed: UInt64) -> Set<StoryStatus> {
        var random = SeededGenerator(state: seed)
        let people = [layla, sami, omar, nadia, huda, adam, gone]
        let allowedTriples = Set(lifecycleTable.map { "\($0.0.rawValue)/\($0.1?.rawValue ?? "-")/\($0.2.rawValue)" })

        var reached: Set<StoryStatus> = []
        for _ in 0..<60 {
            var story: StoryFacts? = nil
            var history: [(from: StoryStatus?, to: StoryStatus)] = []
            for _ in 0..<60 {
                // Mostly moves the story's state offers (so the walk gets far), sometimes any at all.
                let offered = story.map { Workflow.actions(from: $0.status) } ?? [.create]
                let action = Int.random(in: 0..<10, using: &random) < 7
                    ? offered.randomElement(using: &random) ?? .create
                    : StoryAction.allCases.randomElement(using: &random)!
                // Half the time someone close to the story acts (its author, its editor, the chief).
                let close = people.filter { $0.handle == story?.author || $0.handle == story?.editor || $0.role == .chief }
                let actor = (Bool.random(using: &random) ? close : people).randomElement(using: &random)!
                let decision = try? Workflow.authorize(action, story: story, by: .staff(actor))
                guard let to = decision else { continue }
                // Every accepted command is a row of the table, done by someone it allows.
                #expect(allowedTriples.contains("\(action.rawValue)/\(story?.status.rawValue ?? "-")/\(to.rawValue)"))
                #expect(actor.active)
                if action == .approve { #expect(story?.author != actor.handle) }
                if action == .withdraw || action == .publishSkippingReview { #expect(actor.role == .chief) }

                var next = story ?? StoryFacts(id: StoryID(rawValue: 1), status: to, author: actor.handle, editor: nil)
                if action == .assign {
                    let candidate = people.randomElement(using: &random)!
                    guard (try? Workflow.checkAssignee(candidate, for: next)) != nil else { continue }
                    next.editor = candidate.handle
                }
                history.append((story?.status, to))
                next.status = to
                story = next
                reached.insert(to)
                // A story in review always has an editor: submit requires one, and none is ever removed.
                if next.status == .inReview { #expect(next.editor != nil) }
            }
            // Replay: each entry starts where the previous one ended, and the last is now.
            var replayed: StoryStatus? = nil
            for entry in history {
                #expect(entry.from == replayed)
                replayed = entry.to
            }
            #expect(replayed == story?.status)
        }
        return reached
    }
}
