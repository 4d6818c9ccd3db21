import Foundation
import Testing
import TestSupport

/// `newsroom watch` (issue 18): the desk's events as they happen, from the database's record.
@Suite("watch: the desk's events as they happen")
struct WatchTests {
    static func events(_ watch: RunningNewsroom) -> [[String: Any]] {
        watch.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    @Test("each event within a second of its commit, in order, one JSON object a line; a section's watcher sees its section only")
    func events() throws {
        try NewsroomFixture.with { newsroom in
            let earlier = try newsroom.draft(headline: "قبل المتابعة")
            let watch = try NewsroomBinary.start(["watch", "--json"], database: newsroom.database.conninfo)
            let security = try NewsroomBinary.start(["watch", "--section", "security"], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 10) { watch.stderr.contains("watching") && security.stderr.contains("watching") },
                    "\(watch.stderr) \(security.stderr)")

            func seen(_ condition: @escaping ([String: Any]) -> Bool) -> TimeInterval? {
                let started = Date()
                guard RunningNewsroom.eventually(seconds: 3, { Self.events(watch).contains(where: condition) }) else { return nil }
                return Date().timeIntervalSince(started)
            }
            let id = try newsroom.draft(headline: "خبر للمتابعة")
            let created = seen { $0["action"] as? String == "create" && $0["story"] as? Int == Int(id)! }
            #expect(created.map { $0 < 1.0 } == true, "the creation within a second (\(String(describing: created)))")
            try newsroom.steps([
                ("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id]),
                ("omar", ["story", "note", id, "--text", "راجعتُ الأرقام"]), ("omar", ["story", "approve", id]),
                ("omar", ["story", "publish", id]), ("omar", ["ticker", "schedule", "--text", "خبر عاجل", "--story", id]),
            ])
            #expect(seen { $0["kind"] as? String == "ticker" && $0["action"] as? String == "schedule" } != nil, "\(watch.stdout)")
            let story = Self.events(watch).filter { $0["story"] as? Int == Int(id)! }
            #expect(story.map { "\($0["kind"]!):\($0["action"]!)" } == [
                "story:create", "story:assign", "story:submit", "note:note", "story:approve", "story:publish", "ticker:schedule",
            ], "\(story)")
            let published = try #require(story.first { $0["action"] as? String == "publish" })
            #expect(published["actor"] as? String == "omar" && published["status"] as? String == "published" && published["section"] as? String == "politics")
            #expect(published["text"] as? String == "خبر للمتابعة", "the headline as stored")
            #expect((published["at"] as? String)?.range(of: #"[+-][0-9]{2}:[0-9]{2}$"#, options: .regularExpression) != nil)
            #expect(!Self.events(watch).contains { $0["story"] as? Int == Int(earlier)! }, "what happened before it started is not told")

            // The security desk's watcher: its story, none of politics'.
            let theirs = try newsroom.draft(headline: "خبر أمني", section: "security")
            #expect(RunningNewsroom.eventually(seconds: 3) { security.stdout.contains("story \(theirs) (security, draft)") }, "\(security.stdout)")
            #expect(!security.stdout.contains("story \(id) "), "\(security.stdout)")
            for running in [watch, security] {
                running.signal(SIGTERM)
                #expect(running.wait(seconds: 10) == 0)
            }
        }
    }
}
