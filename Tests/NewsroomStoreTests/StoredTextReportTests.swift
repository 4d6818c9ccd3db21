import Foundation
import NewsroomStore
import PostgresClient
import Testing
import TestSupport

/// A rule that tightens keeps what was stored before and says where it is (0028).
@Suite("migrating past a tightened text rule")
struct StoredTextReportTests {
    @Test("newsroom migrate names, on stderr, the stored texts that hold a noncharacter, and changes none of them")
    func reportsNoncharacters() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            // A newsroom at 0027, with a story and a staff name as such a database could hold them.
            let before = Migration.bundled.filter { $0.name < "0028" }
            try Migrator(migrations: before).migrate(connection)
            try connection.executeScript("""
                SET session_replication_role = replica;  -- rows as stored, without the triggers' bookkeeping
                INSERT INTO sections (slug, name) VALUES ('politics', 'سياسة');
                INSERT INTO staff (handle, name, role) VALUES ('layla', E'ليلى\\uFFFE', 'reporter');
                INSERT INTO stories (id, section, author) OVERRIDING SYSTEM VALUE VALUES (41, 'politics', 'layla');
                INSERT INTO story_texts (story_id, version, headline, body) VALUES (41, 1, 'خبر', E'فقرة\\uFDD0');
                RESET session_replication_role;
                """)
            let run = try NewsroomBinary.run(["migrate"], database: database.conninfo)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("applied 0028"), "\(run.stdout)")
            #expect(run.stderr.contains("WARNING:") && run.stderr.contains("hold a Unicode noncharacter"), "\(run.stderr)")
            #expect(run.stderr.contains("staff.name (handle layla)") && run.stderr.contains("story_texts.body (story_id 41)"), "\(run.stderr)")
            let kept: String = try connection.queryOne("SELECT body FROM story_texts WHERE story_id = 41").decode("body")
            #expect(kept.unicodeScalars.contains(Unicode.Scalar(0xFDD0)!), "kept as it was")
            // And from now on the database refuses such a text, as the core does.
            do {
                try connection.query("SELECT $1::story_body AS b", ["نص" + String(Character(Unicode.Scalar(0xFFFF)!))])
                Issue.record("a body with U+FFFF was accepted")
            } catch {
                #expect((error as? PostgresError)?.serverError?.constraint == "story_body_has_no_noncharacter", "\(error)")
            }
        }
    }
}
