import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite("newsroom: version, help, migrate, unreachable database")
struct FoundationCLITests {
    @Test("--version prints the version")
    func version() throws {
        let run = try NewsroomBinary.run(["--version"], database: nil)
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test("every command has --help", arguments: [[], ["migrate"]])
    func help(command: [String]) throws {
        let run = try NewsroomBinary.run(command + ["--help"], database: nil)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("USAGE"))
    }

    // Leaf commands are parsed directly (start-up), falling back to the whole tree for
    // anything else: help, usage errors and root options must read as if parsed from the root.
    @Test("a leaf command's help, usage errors and root options read as from the root")
    func leafCommandsParseLikeTheTree() throws {
        let help = try NewsroomBinary.run(["story", "show", "--help"], database: nil)
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("USAGE: newsroom story show"), "\(help.stdout)")
        let helpWord = try NewsroomBinary.run(["help", "ticker", "schedule"], database: nil)
        #expect(helpWord.stdout.contains("USAGE: newsroom ticker schedule"), "\(helpWord)")
        let missing = try NewsroomBinary.run(["story", "assign", "5"], database: nil)
        #expect(missing.status == 64, "\(missing)")
        #expect(missing.stderr.contains("--editor"), "\(missing.stderr)")
        #expect(missing.stderr.contains("newsroom --help"), "\(missing.stderr)")
        let unknown = try NewsroomBinary.run(["story", "show", "5", "--colour"], database: nil)
        #expect(unknown.status == 64, "\(unknown)")
        #expect(unknown.stderr.contains("--colour"), "\(unknown.stderr)")
        // A root option before the command still reaches it (here: a database that is not there).
        let rooted = try NewsroomBinary.run(["--database", "host=/nonexistent-socket-dir", "story", "show", "5"], database: nil)
        #expect(rooted.status == 69, "\(rooted)")
        let leafOption = try NewsroomBinary.run(["story", "show", "5", "--database", "host=/nonexistent-socket-dir"], database: nil)
        #expect(leafOption.status == 69, "\(leafOption)")
        #expect(leafOption.stderr == rooted.stderr)
    }

    /// Start-up parses a leaf command on its own (Newsroom.directCommand), which rests on
    /// ArgumentParser's underscored `_superCommandName`. If an upgrade made that shortcut fail,
    /// every command would still work, only slower: this says so instead.
    @Test("leaf commands take the start-up shortcut; anything else takes the full parse")
    func startupShortcut() throws {
        let trace = ["NEWSROOM_TRACE_STARTUP": "1"]
        let leaves: [[String]] = [
            ["story", "show", "5"], ["story", "history", "5"], ["story", "list", "--limit", "3"], ["draft", "create", "--headline", "x", "--section", "politics"],
            ["ticker", "list"], ["staff", "list"], ["scheduler", "status"], ["config", "get", "timezone"], ["migrate", "--status"],
        ]
        for words in leaves {
            let run = try NewsroomBinary.run(words + ["--database", "host=/nonexistent-socket-dir"], database: nil, environment: trace)
            #expect(run.stderr.contains("start-up: direct, \(words[words[0] == "migrate" ? 0 : 1])"), "\(words): \(run.stderr)")
        }
        // The control: a root option first is parsed from the root, and the trace says so.
        let rooted = try NewsroomBinary.run(["--as", "huda", "story", "show", "5"], database: "host=/nonexistent-socket-dir", environment: trace)
        #expect(rooted.stderr.contains("start-up: full parse"), "\(rooted.stderr)")
    }

    @Test("migrate applies, then says it is up to date; --status lists")
    func migrate() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let first = try NewsroomBinary.run(["migrate"], database: database.conninfo)
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout.contains("applied 0001_foundation"))
            let second = try NewsroomBinary.run(["migrate"], database: database.conninfo)
            #expect(second.status == 0)
            #expect(second.stdout.hasPrefix("up to date"))
            let status = try NewsroomBinary.run(["migrate", "--status"], database: database.conninfo)
            #expect(status.stdout.contains("applied  0001_foundation"))
            #expect(!status.stdout.contains("pending"))
        }
    }

    @Test("four migrate processes started at once apply each migration exactly once")
    func concurrentMigrate() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let conninfo = database.conninfo
            let runs = Locked<[NewsroomRun]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                let run = try? NewsroomBinary.run(["migrate"], database: conninfo)
                runs.withLock { $0.append(run ?? NewsroomRun.failed) }
            }
            let results = runs.withLock { $0 }
            #expect(results.allSatisfy { $0.status == 0 }, "\(results)")
            let connection = try database.connect()
            let counts = try connection.query("SELECT name, count(*) AS n FROM newsroom_migrations GROUP BY name")
            #expect(try counts.allSatisfy { try $0.decode("n", as: Int.self) == 1 })
            let appliedLines = results.flatMap { $0.stdout.split(separator: "\n") }.filter { $0.hasPrefix("applied ") }
            #expect(appliedLines.count == counts.count)
        }
    }

    @Test("a binary copied alone to another folder still migrates a new database")
    func migrationsShipInsideTheBinary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("newsroom")
        try FileManager.default.copyItem(atPath: try NewsroomBinary.path(), toPath: copy.path)
        try TestCluster.withDatabase(migrated: false) { database in
            let run = try NewsroomBinary.run(["migrate"], database: database.conninfo, executable: copy.path)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("applied 0001_foundation"))
        }
    }

    @Test("commands refuse an unmigrated database with the instruction to migrate")
    func pendingMigrationsRefused() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let run = try NewsroomBinary.run(["config", "get", "timezone"], database: database.conninfo)
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.contains("run `newsroom migrate`"))
        }
    }

    @Test("an unreachable database exits 69 naming the address and the fix")
    func unreachable() throws {
        let folder = "/tmp/newsroom-nothing-\(UUID().uuidString.prefix(8))"
        let run = try NewsroomBinary.run(["config", "get", "timezone"], database: "host=\(folder) dbname=newsroom")
        #expect(run.status == 69, "\(run)")
        #expect(run.stderr.contains(folder))
        #expect(run.stderr.contains("scripts/db start"))
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").count <= 2)
    }
}
