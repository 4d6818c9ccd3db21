import Foundation
import Testing
import TestSupport

@Suite("newsroom under concurrent commands")
struct ConcurrencyCLITests {
    @Test("two editors acting on one story at the same moment: exactly one wins, history shows one",
          arguments: [["approve"], ["spike"], ["publish", "--skip-review", "--reason", "عاجل"]])
    func oneWinner(action: [String]) throws {
        try NewsroomFixture.with { newsroom in
            for _ in 0..<6 {
                let id = try newsroom.draft()
                try newsroom.steps([("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id])])
                let actors = action == ["spike"] ? ["omar", "nadia"] : ["omar", "huda"]
                let runs = Locked<[NewsroomRun]>([])
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    let actor = action.first == "publish" ? "huda" : actors[index]
                    let run = (try? newsroom.run(["story"] + [action[0], id] + action.dropFirst(), as: actor)) ?? .failed
                    runs.withLock { $0.append(run) }
                }
                let results = runs.withLock { $0 }
                #expect(results.filter { $0.status == 0 }.count == 1, "\(results)")
                #expect(results.allSatisfy { $0.status == 0 || $0.status == 1 || $0.status == 75 }, "\(results)")
                let connection = try newsroom.database.connect()
                let recorded: Int = try connection.queryOne(
                    "SELECT count(*) AS n FROM story_history WHERE story_id = $1 AND action NOT IN ('create', 'assign', 'submit')",
                    [Int(id)!]
                ).decode("n")
                #expect(recorded == 1)
            }
        }
    }

    @Test("--if-version: a stale version is refused with exit 75 and who moved it on")
    func staleVersion() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            let first = try newsroom.run(["story", "edit", id, "--headline", "أ", "--if-version", "1"], as: "layla")
            #expect(first.status == 0, "\(first)")
            let second = try newsroom.run(["story", "edit", id, "--headline", "ب", "--if-version", "١"], as: "omar")
            #expect(second.status == 75)
            #expect(second.stderr.contains("version 2"))
            #expect(second.stderr.contains("edit by layla"))
        }
    }
}
