import NewsroomCore
import Testing

/// What an action does besides the status is the core's decision, every part of it: the
/// store writes `StoryEffects` as given and decides nothing in SQL (issue 27: the embargo's
/// fate was an SQL CASE on the status).
@Suite("Workflow: the effects of every move")
struct EffectsTests {
    @Test("a withdrawal, by hand or by expiry, drops the embargo; scheduling sets it; every other move keeps it")
    func embargo() throws {
        for row in Workflow.actionTable {
            let effects = try #require(Workflow.effects(of: row.action, from: row.from))
            let expected: StoryEffects.ScheduleChange = row.to == .withdrawn ? .clear : row.action == .schedule ? .set : .keep
            #expect(effects.embargo == expected, "\(row.action) from \(row.from.map(\.rawValue) ?? "nothing")")
        }
    }

    @Test("the cases by name")
    func named() {
        #expect(Workflow.effects(of: .withdraw, from: .published)?.embargo == .clear)
        #expect(Workflow.effects(of: .expire, from: .published)?.embargo == .clear)
        #expect(Workflow.effects(of: .schedule, from: .approved)?.embargo == .set)
        #expect(Workflow.effects(of: .unschedule, from: .scheduled)?.embargo == .keep)
        #expect(Workflow.effects(of: .publish, from: .approved)?.embargo == .keep)
    }
}
