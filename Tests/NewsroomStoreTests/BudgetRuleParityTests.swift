import Foundation
import NewsroomCore
import PostgresClient
import Testing
import TestSupport

/// The budget's rules in the core (BudgetRules, Priority) and in Migrations/0020 are one rule.
@Suite("budget rules: the core and the database agree")
struct BudgetRuleParityTests {
    @Test("priorities: the database stores exactly the core's")
    func priorities() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            let id = Int64(try newsroom.draft())!
            for candidate in Priority.allCases.map(\.rawValue) + ["urgent", "TOP", "", "normal "] {
                let stored = (try? connection.query("INSERT INTO story_budget (story_id, priority, set_by) VALUES ($1, $2, 'omar')", [id, candidate])) != nil
                #expect(stored == (Priority(rawValue: candidate) != nil), "\(candidate)")
            }
        }
    }

    @Test("who plans a story: every staff member, on their own story and another's")
    func planners() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            let story = Int64(try newsroom.draft(by: "layla"))!
            let staff = try connection.query("SELECT handle, name, role, active FROM staff ORDER BY handle").map { row in
                StaffMember(handle: Handle(rawValue: try row.decode("handle")), name: try row.decode("name"),
                            role: Role(rawValue: try row.decode("role"))!, active: try row.decode("active"))
            }
            #expect(Set(staff.map(\.role)) == Set(Role.allCases), "every role is tried")
            var allowed = 0
            for member in staff {
                let core = (try? BudgetRules.authorize(storyAuthor: Handle(rawValue: "layla"), by: .staff(member))) != nil
                let database = (try? connection.query(
                    "INSERT INTO story_budget (story_id, line, set_by) VALUES ($1, 'سطر', $2)", [story, member.handle.rawValue]
                )) != nil
                #expect(core == database, "\(member.handle) (\(member.role), active \(member.active)): core \(core), database \(database)")
                if core { allowed += 1 }
            }
            #expect(allowed >= 3 && allowed < staff.count, "some may, some may not")
        }
    }
}
