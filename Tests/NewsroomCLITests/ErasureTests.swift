import Foundation
import PostgresClient
import Testing
import TestSupport

/// Erasure by order (issue 18): two people, every revision, one more history line, and the
/// database allows exactly that.
@Suite("erasure by order: a chief orders it, an admin confirms it; the text is gone everywhere, the record stays")
struct ErasureTests {
    static let secret = "الشاهد السري"

    /// A published story whose name of a witness must go: three revisions with it, a live
    /// ticker line linked to it.
    func published(_ newsroom: NewsroomFixture) throws -> String {
        let id = try newsroom.draft(headline: "شهادة \(Self.secret) أمام المحكمة")
        func edit(_ body: String, _ extra: [String], as who: String) throws {
            let run = try newsroom.run(["story", "edit", id, "--body-file", "-"] + extra, as: who, stdin: Data(body.utf8))
            guard run.status == 0 else { throw FixtureFailure(message: "story edit: \(run)") }
        }
        try edit("قال \(Self.secret) إنه رأى كل شيء.", ["--dateline", "بغداد"], as: "layla")
        try newsroom.steps([
            ("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id]), ("omar", ["story", "approve", id]),
            ("omar", ["story", "publish", id]),
        ])
        try edit("قال \(Self.secret) أمام المحكمة إنه رأى كل شيء.", ["--correction", "تصحيح"], as: "omar")
        try newsroom.steps([("nadia", ["ticker", "schedule", "--text", "شهادة أمام المحكمة", "--story", id, "--for", "1h"])])
        return id
    }

    @Test("ordered by a chief, confirmed by an admin: text and revisions become the tombstone, withdrawn, ticker ended, history kept plus one line")
    func erase() throws {
        try NewsroomFixture.with { newsroom in
            let id = try published(newsroom)
            let story = Int64(id)!
            let lines = try newsroom.count("SELECT count(*) FROM story_history WHERE story_id = $1", [story])
            let revisions = try newsroom.count("SELECT count(*) FROM story_revisions WHERE story_id = $1", [story])
            #expect(revisions >= 3)
            let order = "محكمة بغداد 2026/123"
            // Another story shares one word of its headline: that word stays a known spelling.
            _ = try newsroom.draft(headline: "جلسة المحكمة غدا")
            let vocabulary = "SELECT count(*) FROM search_words WHERE word = ANY ($1::text[])"
            #expect(try newsroom.count(vocabulary, ["{السري,المحكمه}"]) == 2, "folded headline words are known spellings")

            // Only a chief gives the order; nothing is erased by it alone.
            let editor = try newsroom.run(["story", "erase", id, "--order", order], as: "omar")
            #expect(editor.status == 1 && editor.stderr.contains("only an active chief may"), "\(editor)")
            let tooEarly = try newsroom.run(["story", "erase", id, "--order", order, "--confirm"], as: "adam")
            #expect(tooEarly.status == 1 && tooEarly.stderr.contains("a chief gives it first"), "\(tooEarly)")
            let given = try newsroom.run(["story", "erase", id, "--order", order], as: "huda")
            #expect(given.status == 0 && given.stdout.contains("an admin carries it out with --confirm"), "\(given)")
            #expect(try newsroom.count("SELECT count(*) FROM story_texts WHERE story_id = $1 AND headline LIKE $2", [story, "%\(Self.secret)%"]) == 1)
            let again = try newsroom.run(["story", "erase", id, "--order", order], as: "huda")
            #expect(again.status == 1 && again.stderr.contains("was given already"), "\(again)")

            // The chief cannot carry it out; an admin can, under that order and no other.
            let chief = try newsroom.run(["story", "erase", id, "--order", order, "--confirm"], as: "huda")
            #expect(chief.status == 1 && chief.stderr.contains("an admin confirms"), "\(chief)")
            let other = try newsroom.run(["story", "erase", id, "--order", "أمر آخر", "--confirm"], as: "adam")
            #expect(other.status == 1 && other.stderr.contains("(given: \"\(order)\")"), "\(other)")
            let dry = try newsroom.run(["story", "erase", id, "--order", order, "--confirm", "--dry-run"], as: "adam")
            #expect(dry.status == 0 && dry.stdout.contains("dry run: erase would succeed"), "\(dry)")
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND erased_at IS NULL", [story]) == 1)

            let done = try newsroom.run(["story", "erase", id, "--order", order, "--confirm", "--json"], as: "adam")
            #expect(done.status == 0, "\(done)")
            let json = try #require(try NewsroomFixture.json(done) as? [String: Any])
            #expect(json["status"] as? String == "withdrawn" && json["headline"] as? String == "[erased]" && json["body"] as? String == "[erased]")

            // The text is gone from every place it was kept: the story, every revision, the search terms.
            for (sql, what) in [
                ("SELECT count(*) FROM story_texts WHERE story_id = $1 AND (headline LIKE $2 OR body LIKE $2 OR dateline IS NOT NULL)", "its text"),
                ("SELECT count(*) FROM story_revisions WHERE story_id = $1 AND (headline LIKE $2 OR body LIKE $2 OR dateline IS NOT NULL)", "a revision"),
                ("SELECT count(*) FROM story_search WHERE story_id = $1 AND (terms @@ newsroom_search_query(ARRAY['الشاهد'], ARRAY['word'], ARRAY[false]) OR $2 = '')", "its search terms"),
            ] {
                #expect(try newsroom.count(sql, [story, "%\(Self.secret)%"]) == 0, "\(what) still holds the text")
            }
            #expect(try newsroom.count("SELECT count(*) FROM story_revisions WHERE story_id = $1", [story]) == revisions + 1, "no revision dropped")
            #expect(try newsroom.count(vocabulary, ["{السري}"]) == 0, "the erased name is no longer a suggested spelling")
            #expect(try newsroom.count(vocabulary, ["{المحكمه}"]) == 1, "a word another headline has stays")
            #expect(try newsroom.count("SELECT count(*) FROM story_history WHERE story_id = $1", [story]) == lines + 1, "history keeps every line, plus one")
            let line = try newsroom.database.connect().queryOne(
                "SELECT actor, note FROM story_history WHERE story_id = $1 AND action = 'erase'", [story])
            #expect(try line.decode("actor", as: String.self) == "adam")
            let note: String = try line.decode("note")
            #expect(note.contains("erased under order \(order), given by huda at") && note.contains("revisions"), "\(note)")
            #expect(try newsroom.count("SELECT count(*) FROM ticker_items WHERE story_id = $1 AND ends_at <= now()", [story]) == 1, "its ticker line ended")
            #expect(try newsroom.count("SELECT count(*) FROM reader.stories WHERE id = $1", [story]) == 0)
            let search = try newsroom.run(["search", "الشاهد"], as: "huda")
            #expect(!search.stdout.contains(Self.secret), "\(search)")

            // It changes no more, by the tool or by the database.
            let edit = try newsroom.run(["story", "edit", id, "--headline", "عنوان", "--correction", "x"], as: "huda")
            #expect(edit.status == 1 && edit.stderr.contains("was erased under an order"), "\(edit)")
            let reorder = try newsroom.run(["story", "erase", id, "--order", "أمر ثالث"], as: "huda")
            #expect(reorder.status == 1 && reorder.stderr.contains("was erased under an order"), "\(reorder)")
            let connection = try newsroom.database.connect()
            for (sql, message) in [
                ("UPDATE story_texts SET version = version + 1, headline = 'x' WHERE story_id = \(id)", "its text changes no more"),
                ("UPDATE stories SET editor = 'nadia', version = version + 1 WHERE id = \(id)", "it changes no more"),
                ("UPDATE story_revisions SET headline = 'x' WHERE story_id = \(id)", "a revision changes only to the tombstone"),
                ("DELETE FROM story_revisions WHERE story_id = \(id)", "append-only"),
            ] {
                WhoIsActingTests.refused(connection, sql, message)
            }
        }
    }

    @Test("the database allows only this: no revision rewritten outside an erasure, no erasure without an order, a line or an admin")
    func databaseHoldsIt() throws {
        try NewsroomFixture.with { newsroom in
            let id = try published(newsroom)
            try newsroom.steps([("huda", ["story", "erase", id, "--order", "أمر 1"])])
            let connection = try newsroom.database.connect()
            let erased = "newsroom_erased_text()"
            for (sql, message) in [
                // A revision rewritten, even to the tombstone, while its story is not being erased.
                ("UPDATE story_revisions SET headline = \(erased), body = \(erased), dateline = NULL WHERE story_id = \(id)",
                 "a revision changes only to the tombstone"),
                // Marked erased with no erase line: refused at commit.
                ("""
                 SELECT set_config('newsroom.actor', 'huda', true);
                 UPDATE stories SET status = 'withdrawn', withdrawn_at = now(), version = version + 1, erased_at = now(),
                        erasure_order = (SELECT id FROM story_erasure_orders WHERE story_id = \(id)) WHERE id = \(id);
                 INSERT INTO story_history (story_id, actor, action, from_status, to_status, version, note)
                 SELECT id, 'huda', 'withdraw', 'published', 'withdrawn', version, 'x' FROM stories WHERE id = \(id);
                 UPDATE ticker_items SET ends_at = now(), end_reason = 'x' WHERE story_id = \(id);
                 """, "without an erase line"),
                // An erase line by the chief who gave the order.
                ("""
                 SELECT set_config('newsroom.actor', 'huda', true);
                 UPDATE stories SET status = 'withdrawn', withdrawn_at = now(), version = version + 1, erased_at = now(),
                        erasure_order = (SELECT id FROM story_erasure_orders WHERE story_id = \(id)) WHERE id = \(id);
                 UPDATE story_texts SET version = version + 1, headline = \(erased), body = \(erased), dateline = NULL WHERE story_id = \(id);
                 UPDATE story_revisions SET headline = \(erased), body = \(erased), dateline = NULL WHERE story_id = \(id);
                 INSERT INTO story_history (story_id, actor, action, from_status, to_status, version)
                 SELECT id, 'huda', 'erase', 'published', 'withdrawn', version FROM stories WHERE id = \(id);
                 """, "an admin confirms"),
                // Erased, but its text left as it was.
                ("""
                 SELECT set_config('newsroom.actor', 'adam', true);
                 UPDATE stories SET status = 'withdrawn', withdrawn_at = now(), version = version + 1, erased_at = now(),
                        erasure_order = (SELECT id FROM story_erasure_orders WHERE story_id = \(id)) WHERE id = \(id);
                 INSERT INTO story_history (story_id, actor, action, from_status, to_status, version)
                 SELECT id, 'adam', 'erase', 'published', 'withdrawn', version FROM stories WHERE id = \(id);
                 """, "leaves its text and every revision erased"),
                // Erased with no order at all.
                ("UPDATE stories SET status = 'withdrawn', withdrawn_at = now(), erased_at = now(), version = version + 1 WHERE id = \(id)", "story_erased_under_order"),
                // An order given by an editor, or rewritten afterwards.
                ("INSERT INTO story_erasure_orders (story_id, order_ref, requested_by) VALUES (\(id), 'أمر 2', 'omar')", "only an active chief may"),
                ("UPDATE story_erasure_orders SET order_ref = 'أمر 3' WHERE story_id = \(id)", "append-only"),
            ] {
                WhoIsActingTests.refused(connection, sql, message)
            }
            #expect(try newsroom.count("SELECT count(*) FROM story_texts WHERE story_id = $1 AND headline LIKE $2", [Int64(id)!, "%\(Self.secret)%"]) == 1)
            // The tombstone is one rule: the core's and the database's read alike.
            let tombstone: String = try connection.queryOne("SELECT newsroom_erased_text() AS t").decode("t")
            #expect(tombstone == "[erased]")
            let shown = try newsroom.run(["story", "erase", id, "--order", "أمر 1", "--confirm", "--json"], as: "adam")
            #expect((try NewsroomFixture.json(shown) as? [String: Any])?["headline"] as? String == tombstone, "\(shown)")
        }
    }

    @Test("through their own logins: a chief's gives the order, an admin's carries it out, and neither can do the other's part")
    func logins() throws {
        try NewsroomFixture.with { newsroom in
            let suffix = newsroom.database.name.suffix(12)
            let logins = ["chief": "ec_\(suffix)", "admin": "ea_\(suffix)"]
            let owner = try newsroom.database.connect()
            for login in logins.values { try owner.executeScript("CREATE ROLE \(login) LOGIN") }
            defer { for login in logins.values { _ = try? owner.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)") } }
            try newsroom.steps([
                ("adam", ["staff", "add", "nour", "--name", "نور", "--role", "chief", "--login", logins["chief"]!]),
                ("adam", ["staff", "add", "karim", "--name", "كريم", "--role", "admin", "--login", logins["admin"]!]),
            ])
            let id = try published(newsroom)
            let host = try TestCluster.host()
            func run(_ who: String, _ arguments: [String]) throws -> NewsroomRun {
                try NewsroomBinary.run(arguments, database: "host='\(host)' user=\(logins[who]!) dbname=\(newsroom.database.name)")
            }
            let byAdmin = try run("admin", ["story", "erase", id, "--order", "أمر 9"])
            #expect(byAdmin.status == 1 && byAdmin.stderr.contains("only an active chief may"), "\(byAdmin)")
            #expect(try run("chief", ["story", "erase", id, "--order", "أمر 9"]).status == 0)
            let byChief = try run("chief", ["story", "erase", id, "--order", "أمر 9", "--confirm"])
            #expect(byChief.status == 1 && byChief.stderr.contains("an admin confirms"), "\(byChief)")
            let done = try run("admin", ["story", "erase", id, "--order", "أمر 9", "--confirm"])
            #expect(done.status == 0 && done.stdout.contains("published → withdrawn"), "\(done)")
            let line = try owner.queryOne("SELECT actor, login FROM story_history WHERE story_id = $1 AND action = 'erase'", [Int64(id)!])
            #expect(try line.decode("actor", as: String.self) == "karim")
            #expect(try line.decode("login", as: String.self) == logins["admin"]!)
            #expect(try newsroom.count("SELECT count(*) FROM story_erasure_orders WHERE story_id = $1 AND requested_by = 'nour' AND login = $2",
                                       [Int64(id)!, logins["chief"]!]) == 1)
            #expect(try newsroom.count("SELECT count(*) FROM story_revisions WHERE story_id = $1 AND body <> newsroom_erased_text()", [Int64(id)!]) == 0)

            // An admin's login may act for the chief (it may act as anyone), but then it is one
            // person: the same login cannot confirm the order it gave.
            let other = try published(newsroom)
            let actingForChief = try NewsroomBinary.run(["story", "erase", other, "--order", "أمر 10"],
                                                        database: "host='\(host)' user=\(logins["admin"]!) dbname=\(newsroom.database.name)",
                                                        environment: ["NEWSROOM_AS": "nour"])
            #expect(actingForChief.status == 0, "\(actingForChief)")
            let sameLogin = try run("admin", ["story", "erase", other, "--order", "أمر 10", "--confirm"])
            #expect(sameLogin.status == 1 && sameLogin.stderr.contains("cannot confirm it too"), "\(sameLogin)")
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND erased_at IS NULL AND status = 'published'", [Int64(other)!]) == 1)
            try newsroom.steps([("adam", ["story", "erase", other, "--order", "أمر 10", "--confirm"])])
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND erased_at IS NOT NULL", [Int64(other)!]) == 1)
        }
    }

    @Test("a story never published is spiked, and restoring it is refused; an erasure never waits for an edit lease")
    func unpublished() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft(headline: "مسودة فيها \(Self.secret)")
            try newsroom.steps([("huda", ["story", "erase", id, "--order", "قرار 7"])])
            // layla is editing it right now (a lease): the erasure does not wait.
            let connection = try newsroom.database.connect()
            try connection.executeScript("""
                BEGIN; SELECT set_config('newsroom.actor', 'layla', true);
                INSERT INTO story_leases (story_id, holder, since, expires_at) VALUES (\(id), 'layla', now(), now() + interval '10 minutes');
                COMMIT;
                """)
            let done = try newsroom.run(["story", "erase", id, "--order", "قرار 7", "--confirm"], as: "adam")
            #expect(done.status == 0 && done.stdout.contains("draft → spiked"), "\(done)")
            let restore = try newsroom.run(["story", "restore", id], as: "huda")
            #expect(restore.status == 1 && restore.stderr.contains("was erased under an order"), "\(restore)")
            let history = try newsroom.run(["story", "history", id], as: "huda")
            #expect(history.stdout.contains("erase") && history.stdout.contains("قرار 7"), "\(history)")
        }
    }
}
