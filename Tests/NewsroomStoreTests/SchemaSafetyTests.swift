import Foundation
import NewsroomStore
import PostgresClient
import Testing
import TestSupport

/// What the catalogue of a migrated database must say of every function the migrations made,
/// read from the catalogue itself (never a hand-kept list), so a function added or replaced
/// later without it fails here.
@Suite("the schema's functions: pinned, linted, and no temporary tables for logins")
struct SchemaSafetyTests {
    /// SQL and plpgsql functions of the newsroom's schemas (not an extension's).
    static let ourFunctions = """
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        JOIN pg_language l ON l.oid = p.prolang
       WHERE n.nspname IN (current_schema(), 'reader') AND l.lanname IN ('sql', 'plpgsql')
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
      """

    @Test("every SQL and plpgsql function runs on search_path = pg_catalog, <schema>, pg_temp, pg_temp last")
    func pinnedSearchPath() throws {
        try TestCluster.withDatabase { database in
            let connection = try database.connect()
            let rows = try connection.query(
                "SELECT p.oid::regprocedure::text AS routine, coalesce(p.proconfig, '{}') AS config, current_schema() AS schema \(Self.ourFunctions) ORDER BY 1"
            )
            #expect(rows.count > 80, "the schema has its functions")
            var unpinned: [String] = []
            for row in rows {
                let expected = "search_path=pg_catalog, \(try row.decode("schema", as: String.self)), pg_temp"
                let config: [String] = try row.decode("config")
                // The path, and besides it only a planner setting a migration says why it needs (0034).
                let others = config.filter { !$0.hasPrefix("search_path=") }
                if config.filter({ $0.hasPrefix("search_path=") }) != [expected] || !Set(others).isSubset(of: Self.plannerSettings) {
                    unpinned.append("\(try row.decode("routine", as: String.self)): \(config.isEmpty ? "no setting" : config.joined(separator: " "))")
                }
            }
            #expect(unpinned.isEmpty, "functions not on the pinned path: \(unpinned)")
        }
    }

    static let plannerSettings: Set<String> = ["enable_seqscan=off"]

    /// What any login may call with the owner's rights: only what tells the caller about its
    /// own session (the row-level policies and the tool ask them). Trigger functions cannot be
    /// called; everything else that runs as the owner is revoked from PUBLIC.
    static let callableByAnyone: Set<String> = ["newsroom_session()", "newsroom_session_is_staff()", "newsroom_session_staff()"]

    @Test("no function that runs with the owner's rights is callable by any login, but those that tell a login about itself")
    func definersRevoked() throws {
        try TestCluster.withDatabase { database in
            let callable = try database.connect().query(
                """
                SELECT p.oid::regprocedure::text AS routine \(Self.ourFunctions)
                   AND p.prosecdef AND p.prorettype <> 'trigger'::regtype AND has_function_privilege('public', p.oid, 'EXECUTE') ORDER BY 1
                """
            ).map { try $0.decode("routine", as: String.self) }
            #expect(Set(callable) == Self.callableByAnyone, "\(callable)")
        }
    }

    @Test("a migrated database lets no login but the owner create temporary tables")
    func noTemporaryForPublic() throws {
        // A fresh database: one copied from a template gets the default privileges anew
        // (the groups' setup revokes them again there; ShadowTableTests shows it).
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            #expect(try connection.queryOne("SELECT has_database_privilege('public', current_database(), 'TEMPORARY') AS t").decode("t", as: Bool.self))
            try Migrator().migrate(connection)
            #expect(try connection.queryOne("SELECT has_database_privilege('public', current_database(), 'TEMPORARY') AS t").decode("t", as: Bool.self) == false)
            #expect(try connection.queryOne("SELECT has_database_privilege(current_user, current_database(), 'TEMPORARY') AS t").decode("t", as: Bool.self))
        }
    }

    /// plpgsql is checked only when it runs; plpgsql_check (Debian's postgresql-NN-plpgsql-check)
    /// reads every statement against the schema now. A trigger function is checked on the
    /// tables it fires on (with their transition tables), and passes when one of them gives no
    /// error: a function shared by several tables reads a column only where the table has it.
    @Test("plpgsql_check finds no error in any plpgsql function")
    func plpgsqlCheck() throws {
        try TestCluster.withDatabase { database in
            let connection = try database.connect()
            try connection.executeScript("CREATE EXTENSION IF NOT EXISTS plpgsql_check")
            let rows = try connection.query(
                """
                SELECT f.routine, t.relid, bool_and(c.message IS NULL) AS clean, string_agg(c.message || ' (line ' || coalesce(c.lineno::text, '?') || ')', '; ') AS messages
                  FROM (SELECT p.oid, p.oid::regprocedure::text AS routine \(Self.ourFunctions) AND l.lanname = 'plpgsql') f
                  LEFT JOIN LATERAL (SELECT tg.tgrelid AS relid, tg.tgoldtable, tg.tgnewtable FROM pg_trigger tg WHERE tg.tgfoid = f.oid AND NOT tg.tgisinternal
                                     UNION ALL SELECT 0, NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgfoid = f.oid)) t ON true
                  LEFT JOIN LATERAL (SELECT x.message, x.lineno
                                       FROM plpgsql_check_function_tb(f.oid, t.relid::regclass, oldtable => t.tgoldtable, newtable => t.tgnewtable,
                                                                      fatal_errors => false, other_warnings => false, extra_warnings => false) x
                                      WHERE x.level = 'error') c ON true
                 GROUP BY f.routine, t.relid
                """
            )
            #expect(rows.count > 40, "the schema has its plpgsql functions")
            var clean: [String: Bool] = [:], errors: [String: [String]] = [:]
            for row in rows {
                let routine: String = try row.decode("routine")
                let ok: Bool = try row.decode("clean")
                clean[routine] = (clean[routine] ?? false) || ok
                if !ok, let messages = try row.decode("messages", as: String?.self) { errors[routine, default: []].append(messages) }
            }
            let failing = clean.filter { !$0.value }.keys.sorted().map { "\($0): \(errors[$0] ?? [])" }
            #expect(failing.isEmpty, "\(failing)")
        }
    }
}
