import Foundation
import Testing
import TestSupport

/// Faults that need the server itself stopped and started. They run on their own, after
/// the rest of the suite (scripts/test runs them in a second pass), because stopping the
/// shared test cluster would break every test running beside them.
@Suite("faults: the server stops and starts", .serialized)
struct FaultTests {
    /// `scripts/db start|stop` on the test cluster (scripts/test sets NEWSROOM_TEST_HOME).
    func cluster(_ verb: String) throws {
        guard let home = ProcessInfo.processInfo.environment["NEWSROOM_TEST_HOME"] else {
            throw FixtureFailure(message: "NEWSROOM_TEST_HOME is not set: run the tests with scripts/test")
        }
        let script = Samples.folder.deletingLastPathComponent().appendingPathComponent("scripts/db").path
        let environment = ProcessInfo.processInfo.environment.merging(["NEWSROOM_HOME": home]) { _, new in new }
        let result = try Spawn.run(script, [verb], environment: environment)
        guard result.status == 0 else { throw FixtureFailure(message: "scripts/db \(verb) failed: \(result.output)") }
    }

    @Test("server down: exit 69 naming the socket and the fix; after a restart the next command just works")
    func downAndRestarted() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            try cluster("stop")
            defer { try? cluster("start") }
            let down = try newsroom.run(["story", "show", id])
            #expect(down.status == 69, "\(down)")
            #expect(down.stderr.contains(try TestCluster.host()))
            #expect(down.stderr.contains("scripts/db start"))
            #expect(down.stderr.split(separator: "\n").count <= 2)
            try cluster("start")
            let up = try newsroom.run(["story", "show", id, "--json"])
            #expect(up.status == 0, "\(up)")
            try newsroom.steps([("omar", ["story", "spike", id])])
        }
    }

    @Test("the server stops in the middle of a write: exit non-zero, and the write is wholly absent")
    func stoppedMidWrite() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            let holder = try newsroom.holdStoryLock(id)
            let before = try newsroom.database.snapshot()
            let (command, waiting) = try newsroom.startBlocked(["story", "spike", id], as: "omar")
            #expect(waiting)
            try cluster("stop")
            defer { try? cluster("start") }
            let status = command.wait(seconds: 15)
            withExtendedLifetime(holder) {}  // the lock must hold until the server is gone
            #expect(status == 69, "exit \(String(describing: status)): \(command.stderr)")
            try cluster("start")
            #expect(try newsroom.database.snapshot() == before)
        }
    }

    @Test("watch rides out a server restart and tells what happened while it was away, from the record")
    func watchAcrossRestart() throws {
        try NewsroomFixture.with { newsroom in
            let watch = try NewsroomBinary.start(["watch", "--json"], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 10) { watch.stderr.contains("watching") })
            try cluster("stop")
            #expect(RunningNewsroom.eventually(seconds: 10) { watch.stderr.contains("unreachable") }, "\(watch.stderr)")
            try cluster("start")
            // Written before the watcher is back (its retries wait at least half a second).
            let id = try newsroom.draft(headline: "خبر أثناء الانقطاع")
            #expect(RunningNewsroom.eventually(seconds: 40) { watch.stderr.contains("connected again") }, "\(watch.stderr)")
            #expect(RunningNewsroom.eventually(seconds: 10) { watch.stdout.contains("\"story\":\(id)") }, "\(watch.stdout)")
            #expect(watch.stdout.components(separatedBy: "\"story\":\(id)").count == 2, "told once")
            watch.signal(SIGTERM)
            #expect(watch.wait(seconds: 10) == 0)
        }
    }

    @Test("the scheduler rides out a server restart and publishes what falls due after it")
    func schedulerAcrossRestart() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            try newsroom.steps([
                ("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id]),
                ("omar", ["story", "approve", id]),
            ])
            let scheduler = try NewsroomBinary.start(["scheduler", "run"], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 10) { scheduler.stderr.contains("watching") })
            try cluster("stop")
            #expect(RunningNewsroom.eventually(seconds: 10) { scheduler.stderr.contains("unreachable") }, "\(scheduler.stderr)")
            try cluster("start")
            #expect(RunningNewsroom.eventually(seconds: 40) { scheduler.stderr.components(separatedBy: "watching").count == 3 }, "\(scheduler.stderr)")
            try newsroom.steps([("omar", ["story", "publish", id, "--at", "+1s"])])
            #expect(RunningNewsroom.eventually(seconds: 10) { scheduler.stdout.contains("published story \(id)") })
            scheduler.signal(SIGTERM)
            #expect(scheduler.wait(seconds: 10) == 0)
        }
    }
}
