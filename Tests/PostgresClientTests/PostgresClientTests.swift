import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite("PostgreSQL client over libpq")
struct PostgresClientTests {
    @Test("the sample Arabic article round-trips byte for byte through a parameter and a table")
    func arabicRoundTrip() throws {
        let page = try Samples.articlePage()
        let text = String(decoding: page, as: UTF8.self)
        #expect(Array(text.utf8) == Array(page), "the sample must be valid UTF-8")
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            let echoed: String = try connection.queryOne("SELECT $1::text AS t", [text]).decode("t")
            #expect(Array(echoed.utf8) == Array(page))

            try connection.executeScript("CREATE TABLE article (id int PRIMARY KEY, body text NOT NULL)")
            try connection.query("INSERT INTO article VALUES ($1, $2)", [1, text])
            let stored: String = try connection.queryOne("SELECT body FROM article WHERE id = $1", [1]).decode("body")
            #expect(Array(stored.utf8) == Array(page))
            let length: Int = try connection.queryOne("SELECT octet_length(body) AS n FROM article").decode("n")
            #expect(length == page.count)
        }
    }

    @Test("SQL NULL is nil and an empty string is an empty string")
    func nulls() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            let row = try connection.queryOne("SELECT NULL::text AS missing, ''::text AS empty, $1::text AS bound", [String?.none])
            #expect(try row.decode("missing", as: String?.self) == nil)
            #expect(try row.decode("empty", as: String?.self) == "")
            #expect(try row.decode("bound", as: String?.self) == nil)
            #expect(throws: PostgresError.self) { try row.decode("missing", as: String.self) }
        }
    }

    @Test("text arrays go as one parameter and come back element for element, whatever their text")
    func textArrays() throws {
        let elements = ["", "a b", "\"quoted\"", "back\\slash", "{braces}", "comma,", "NULL", "بَنك", "ـ", " "]
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            let row = try connection.queryOne(
                "SELECT $1::text[] AS echoed, cardinality($1::text[]) AS n, ($1::text[])[7] IS NULL AS null_seven, '{}'::text[] AS empty, $2::bigint[] AS numbers",
                [PostgresTextArray(elements), PostgresTextArray(values: [1, 20, 300])])
            #expect(try row.decode("echoed", as: [String].self) == elements)
            #expect(try row.decode("n", as: Int.self) == elements.count)
            #expect(try row.decode("null_seven", as: Bool.self) == false, "the text NULL is an element, not SQL NULL")
            #expect(try row.decode("empty", as: [String].self) == [])
            #expect(try row.decode("numbers", as: [String].self) == ["1", "20", "300"])
            let withNull = try connection.queryOne("SELECT $1::text[] AS a", [PostgresTextArray(["x", nil])])
            #expect(throws: PostgresError.self) { try withNull.decode("a", as: [String].self) }
        }
    }

    @Test("timestamptz round-trips to the microsecond, whatever the session's time zone")
    func timestamps() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            let instant = Date(timeIntervalSince1970: 1_691_076_420.123456)  // 2023-08-03 15:27:00.123456 UTC
            let back: Date = try connection.queryOne("SELECT $1::timestamptz AS t", [instant]).decode("t")
            #expect(microseconds(back) == microseconds(instant))
            let epoch: String = try connection.queryOne("SELECT extract(epoch FROM $1::timestamptz)::text AS e", [instant]).decode("e")
            #expect(epoch == "1691076420.123456")

            // Offsets with minutes and with seconds (historic local mean time) decode to the same instant.
            for zone in ["Asia/Kolkata", "Asia/Baghdad", "Europe/Amsterdam", "America/St_Johns"] {
                try connection.query("SELECT set_config('TimeZone', $1, false)", [zone])
                let old = Date(timeIntervalSince1970: -2_208_988_800.5)  // 1900-01-01 00:00:00.5 UTC
                for value in [instant, old] {
                    let decoded: Date = try connection.queryOne("SELECT $1::timestamptz AS t", [value]).decode("t")
                    #expect(microseconds(decoded) == microseconds(value), "in \(zone)")
                }
            }
        }
    }

    @Test("a type mismatch names the column")
    func decodingErrorsNameTheColumn() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            let row = try connection.queryOne("SELECT 'x'::text AS headline, 3 AS version, now()::timestamp AS naive")
            #expect(throws: PostgresError.decoding(column: "headline", message: "is text, expected an integer column")) {
                try row.decode("headline", as: Int.self)
            }
            #expect(try row.decode("version", as: Int.self) == 3)
            #expect(throws: PostgresError.missingColumn("nope")) { try row.decode("nope", as: Int.self) }
            do {
                _ = try row.decode("naive", as: Date.self)
                Issue.record("a timestamp without time zone must not decode as a Date")
            } catch let error as PostgresError {
                #expect(error.description.contains("naive"))
            }
        }
    }

    @Test("unique and foreign-key violations come back with SQLSTATE and constraint")
    func constraintViolations() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            try connection.executeScript("""
                CREATE TABLE section (slug text CONSTRAINT section_pkey PRIMARY KEY);
                CREATE TABLE story (id int PRIMARY KEY, section text CONSTRAINT story_section_fkey REFERENCES section);
                INSERT INTO section VALUES ('politics');
                """)
            do {
                try connection.query("INSERT INTO section VALUES ($1)", ["politics"])
                Issue.record("a duplicate key must be refused")
            } catch let error as PostgresError {
                #expect(error.serverError?.sqlState == .uniqueViolation)
                #expect(error.serverError?.constraint == "section_pkey")
                #expect(error.serverError?.detail?.contains("politics") == true)
            }
            do {
                try connection.query("INSERT INTO story VALUES ($1, $2)", [1, "sport"])
                Issue.record("a dangling reference must be refused")
            } catch let error as PostgresError {
                #expect(error.serverError?.sqlState == .foreignKeyViolation)
                #expect(error.serverError?.constraint == "story_section_fkey")
                #expect(error.description.contains("SQLSTATE 23503"))
            }
        }
    }

    @Test("a statement failing inside a transaction rolls back everything before it")
    func transactionRollback() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            try connection.executeScript("CREATE TABLE t (id int PRIMARY KEY)")
            #expect(throws: PostgresError.self) {
                try connection.transaction {
                    try connection.query("INSERT INTO t VALUES ($1)", [1])
                    try connection.query("INSERT INTO t VALUES ($1)", [2])
                    try connection.query("INSERT INTO t VALUES ($1)", [1])
                }
            }
            #expect(!connection.isInTransaction)
            let count: Int = try connection.queryOne("SELECT count(*) AS n FROM t").decode("n")
            #expect(count == 0)

            // A Swift error thrown from the body rolls back too; a dry run always does.
            struct Abandon: Error {}
            #expect(throws: Abandon.self) {
                try connection.transaction {
                    try connection.query("INSERT INTO t VALUES ($1)", [3])
                    throw Abandon()
                }
            }
            let inserted = try connection.transaction(rollback: true) {
                try connection.query("INSERT INTO t VALUES ($1) RETURNING id", [4]).count
            }
            #expect(inserted == 1)
            try connection.transaction { try connection.query("INSERT INTO t VALUES ($1)", [5]) }
            let ids = try connection.query("SELECT id FROM t ORDER BY id").map { try $0.decode("id", as: Int.self) }
            #expect(ids == [5])
        }
    }

    @Test("parameters are never interpreted as SQL")
    func parametersAreData() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            try connection.executeScript("CREATE TABLE t (v text)")
            let hostile = "x'); DROP TABLE t; -- $(rm -rf /) \"quoted\""
            try connection.query("INSERT INTO t VALUES ($1)", [hostile])
            let back: String = try connection.queryOne("SELECT v FROM t").decode("v")
            #expect(back == hostile)
        }
    }

    @Test("a text parameter holding U+0000 is refused with a typed error before libpq, never cut short; nothing is written")
    func nulInParameter() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            try connection.executeScript("CREATE TABLE t (v text)")
            #expect(throws: PostgresError.nulInParameter(position: 2)) {
                try connection.query("INSERT INTO t VALUES ($1), ($2)", ["fine", "a\u{0}b"])
            }
            #expect(throws: PostgresError.nulInParameter(position: 1)) {
                try connection.query("SELECT $1::text[]", [PostgresTextArray(["x", "\u{0}"])])
            }
            #expect(PostgresError.nulInParameter(position: 2).description.contains("$2 holds a NUL character"))
            let count: Int64 = try connection.queryOne("SELECT count(*) AS n FROM t").decode("n")
            #expect(count == 0, "a truncated 'a' would have been written")
        }
    }

    @Test("a socket where no server listens fails with a message naming it")
    func unreachableServer() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-server-\(UUID().uuidString)").path
        do {
            _ = try PostgresConnection(conninfo: "host=\(folder) dbname=x connect_timeout=2")
            Issue.record("connecting to \(folder) must fail")
        } catch {
            guard case .connectionFailed(let message) = error else {
                Issue.record("expected connectionFailed, got \(error)")
                return
            }
            #expect(message.contains(folder))
        }
    }

    @Test("notices are collected, not printed")
    func notices() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            try connection.executeScript("DO $$ BEGIN RAISE NOTICE 'hello from plpgsql'; END $$")
            #expect(connection.notices.contains { $0.contains("hello from plpgsql") })
        }
    }

    @Test("a killed backend is reported as a lost connection")
    func lostConnection() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let victim = try database.connect()
            let killer = try database.connect()
            try killer.query("SELECT pg_terminate_backend($1)", [victim.backendPID])
            do {
                try victim.query("SELECT 1")
                Issue.record("a statement on a killed session must fail")
            } catch let error as PostgresError {
                guard case .connectionLost = error else {
                    Issue.record("expected connectionLost, got \(error)")
                    return
                }
            }
        }
    }

    @Test("LISTEN sees a NOTIFY from another session")
    func notifications() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let listener = try database.connect()
            try listener.executeScript("LISTEN newsroom_test")
            let sender = try database.connect()
            try sender.query("SELECT pg_notify('newsroom_test', $1)", ["سياسة"])
            var received: [PostgresNotification] = []
            for _ in 0..<100 where received.isEmpty {
                received = try listener.notifications()
                if received.isEmpty { usleep(10_000) }
            }
            #expect(received.map(\.payload) == ["سياسة"])
            #expect(received.first?.pid == sender.backendPID)
        }
    }
}

private func microseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
}
