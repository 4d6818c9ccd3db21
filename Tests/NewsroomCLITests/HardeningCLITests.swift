import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite("newsroom hardening: literal text, timeouts, interrupted writes")
struct HardeningCLITests {
    @Test("text that looks like SQL or shell is stored and shown exactly as typed")
    func literalText() throws {
        let hostile = [
            "'; DROP TABLE stories; --",
            "$(rm -rf /) `id` && echo pwned; ls | sh",
            "\"quoted\" \\ backslash %s %n {{template}} <script>alert(1)</script>",
            "ما\u{200E} بـ18 \u{61C}١٢ ن\u{200C}ها لا\u{200D} مَرْحَبًا \u{2067}معزول\u{2069}",
        ]
        try NewsroomFixture.with { newsroom in
            for text in hostile {
                // In a body the text is written as the format's literal text: every ASCII
                // punctuation mark that could be markup behind a backslash (CommonMark's escape).
                let literal = String(text.unicodeScalars.map { "\\`*_[]<>&#!|~()".unicodeScalars.contains($0) ? "\\\($0)" : "\($0)" }.joined())
                let body = "## \(literal)\n\n\(literal)\n\n\(literal)"
                let create = try newsroom.run(
                    ["draft", "create", "--headline", text, "--dateline", text, "--section", "politics", "--body-file", "-"],
                    as: "layla", stdin: Data(body.utf8)
                )
                #expect(create.status == 0, "\(create)")
                let id = create.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                let story = try #require(try NewsroomFixture.json(try newsroom.run(["story", "show", id, "--json"])) as? [String: Any])
                #expect((story["headline"] as? String).map { Array($0.utf8) } == Array(text.utf8))
                #expect(story["dateline"] as? String == text)
                #expect((story["body"] as? String).map { Array($0.utf8) } == Array(body.utf8))
                let line = try newsroom.run(["ticker", "schedule", "--text", text], as: "omar")
                #expect(line.status == 0, "\(line)")
                let item = try #require(try NewsroomFixture.json(try newsroom.run(["ticker", "show", line.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--json"])) as? [String: Any])
                #expect(item["text"] as? String == text)
            }
            #expect(try newsroom.count("SELECT count(*) FROM stories") == hostile.count)
            // Unescaped, the shell's backticks are code and the script tag is HTML: refused, saying which line.
            let code = try newsroom.run(["draft", "create", "--headline", "خبر", "--section", "politics", "--body-file", "-"],
                                        as: "layla", stdin: Data("سطر\n\(hostile[1])".utf8))
            #expect(code.status != 0 && code.stderr.contains("line 2: code cannot be stored"), "\(code)")
        }
    }

    @Test("a server that accepts but never answers: exit 69 after the connect timeout")
    func connectTimeout() throws {
        // A listening socket nobody serves: the kernel completes the handshake, then silence.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        #expect(listen(listener, 8) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = UInt16(bigEndian: address.sin_port)

        let started = Date()
        let run = try NewsroomBinary.run(
            ["story", "list"], database: "host=127.0.0.1 port=\(port) dbname=newsroom user=newsroom",
            environment: ["NEWSROOM_CONNECT_TIMEOUT": "1"]
        )
        #expect(run.status == 69, "\(run)")
        #expect(run.stderr.contains("127.0.0.1"))
        #expect(run.stderr.contains("timeout") || run.stderr.contains("timed out"), "\(run.stderr)")
        // The bound is the behaviour under test: without a connect timeout this would hang.
        #expect(Date().timeIntervalSince(started) < 15)
    }

    /// Holds a lock in a side session while `newsroom` runs `arguments`, then terminates the
    /// command's backend while it waits (a chosen point in its transaction).
    func interrupt(_ newsroom: NewsroomFixture, holding lock: String, _ parameters: [any PostgresEncodable], run arguments: [String], as actor: String) throws -> (NewsroomRun?, Int32?) {
        let holder = try newsroom.database.connect()
        try holder.executeScript("BEGIN")
        try holder.query(lock, parameters)
        let command = try NewsroomBinary.start(
            arguments, database: newsroom.database.conninfo,
            environment: ["NEWSROOM_AS": actor, "NEWSROOM_LOCK_TIMEOUT": "60s"]
        )
        let watcher = try newsroom.database.connect()
        var terminated = false
        _ = try RunningNewsroom.eventually(seconds: 15) {
            let rows = try watcher.query(
                """
                SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
                 WHERE datname = current_database() AND application_name = 'newsroom' AND wait_event_type = 'Lock'
                """
            )
            terminated = !rows.isEmpty
            return terminated
        }
        #expect(terminated, "the command never waited on the lock")
        let status = command.wait(seconds: 15)
        try holder.executeScript("ROLLBACK")
        return (nil, status)
    }

    @Test("a write whose connection dies at any point is wholly absent afterwards", arguments: [
        // (the lock held elsewhere, so the command stops right there)
        "row", "history", "revisions",
    ])
    func interruptedWrites(point: String) throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            try newsroom.steps([("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id])])
            let before = try newsroom.database.snapshot()
            let lock: (String, [any PostgresEncodable]) = switch point {
            case "row": ("SELECT 1 FROM stories WHERE id = $1 FOR UPDATE", [Int(id)!])  // before any write
            case "history": ("LOCK TABLE story_history IN ACCESS EXCLUSIVE MODE", [])  // after the story's UPDATE
            default: ("LOCK TABLE story_revisions IN ACCESS EXCLUSIVE MODE", [])  // inside the revision trigger
            }
            let arguments = point == "revisions" ? ["story", "edit", id, "--headline", "جديد"] : ["story", "approve", id]
            let (_, status) = try interrupt(newsroom, holding: lock.0, lock.1, run: arguments, as: "omar")
            #expect(status == 69, "exit status \(String(describing: status))")
            #expect(try newsroom.database.snapshot() == before)
            // And the same command afterwards just works.
            let again = try newsroom.run(arguments, as: "omar")
            #expect(again.status == 0, "\(again)")
        }
    }

    @Test("a draft created while its history is locked, then cut off, leaves no story")
    func interruptedCreate() throws {
        try NewsroomFixture.with { newsroom in
            let before = try newsroom.database.snapshot()
            let (_, status) = try interrupt(
                newsroom, holding: "LOCK TABLE story_history IN ACCESS EXCLUSIVE MODE", [],
                run: ["draft", "create", "--headline", "خبر", "--section", "politics"], as: "layla"
            )
            #expect(status == 69)
            #expect(try newsroom.database.snapshot() == before)
        }
    }

    @Test("a row held by someone else past lock_timeout: exit 75, 'busy', nothing changed")
    func lockTimeout() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            let holder = try newsroom.holdStoryLock(id)
            let before = try newsroom.database.snapshot()
            let run = try newsroom.run(["story", "spike", id], as: "omar", environment: ["NEWSROOM_LOCK_TIMEOUT": "300ms"])
            #expect(run.status == 75, "\(run)")
            #expect(run.stderr.contains("story \(id) is busy"))
            try holder.executeScript("ROLLBACK")
            #expect(try newsroom.database.snapshot() == before)
        }
    }

    @Test("the lock timeout holds also when the user brings connection options of their own")
    func lockTimeoutWithOwnOptions() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            let holder = try newsroom.holdStoryLock(id)
            for options in [["PGOPTIONS": "-c work_mem=8MB"], [:]] {
                let database = options.isEmpty ? newsroom.database.conninfo + " options='-c work_mem=8MB'" : newsroom.database.conninfo
                let run = try NewsroomBinary.run(
                    ["story", "spike", id], database: database,
                    environment: options.merging(["NEWSROOM_AS": "omar", "NEWSROOM_LOCK_TIMEOUT": "300ms"]) { a, _ in a }
                )
                #expect(run.status == 75, "\(options): \(run)")
            }
            try holder.executeScript("ROLLBACK")
        }
    }

    @Test("SIGINT while a command waits: it stops, and nothing it started is written")
    func interruptSignal() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            let holder = try newsroom.holdStoryLock(id)
            let before = try newsroom.database.snapshot()
            let (command, waiting) = try newsroom.startBlocked(["story", "spike", id], as: "omar")
            #expect(waiting)
            command.signal(SIGINT)
            let status = command.wait(seconds: 10)
            #expect(status != nil && status != 0, "stopped, non-zero: \(String(describing: status))")
            try holder.executeScript("ROLLBACK")
            // The server finds its client gone as soon as it tries to answer; give it a moment.
            #expect(try RunningNewsroom.eventually(seconds: 10) {
                try newsroom.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'newsroom'") == 0
            })
            #expect(try newsroom.database.snapshot() == before)
        }
    }

    @Test("a database newer than the binary is refused before anything is written, naming the migration")
    func databaseAhead() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            try connection.query("INSERT INTO newsroom_migrations (name, checksum) VALUES ($1, $2)", ["0999_from_a_newer_release", "x"])
            let before = try newsroom.database.snapshot()
            let run = try newsroom.run(["draft", "create", "--headline", "x", "--section", "politics"], as: "layla")
            #expect(run.status == 1)
            #expect(run.stderr.contains("0999_from_a_newer_release"))
            #expect(run.stderr.contains("newer"))
            #expect(try newsroom.database.snapshot() == before)
        }
    }
}
