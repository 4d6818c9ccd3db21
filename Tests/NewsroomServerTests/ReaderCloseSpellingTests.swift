import Foundation
import PostgresClient
import TestSupport
import Testing

/// Readers' close spellings (Migrations/0029): the staff's rule of edit distance, over the
/// words of published headlines only.
@Suite("reader site: close spellings from published headlines only")
struct ReaderCloseSpellingTests {
    @Test("a one-letter typo finds the published story; a draft's word is never offered, through the API or the login's own SQL")
    func publishedOnly() throws {
        try NewsroomFixture.with { newsroom in
            let published = try ReaderServerTests.publishSample(newsroom, headline: "مطار جديد في الموصل")
            _ = try newsroom.draft(headline: "مشروع سري للمطار")
            let owner = try newsroom.database.connect()
            let login = "reader_close_\(newsroom.database.name)".lowercased()
            try owner.executeScript("DROP ROLE IF EXISTS \(quoteIdentifier(login)); CREATE ROLE \(quoteIdentifier(login)) LOGIN")
            defer { _ = try? owner.executeScript("DROP OWNED BY \(quoteIdentifier(login)); DROP ROLE IF EXISTS \(quoteIdentifier(login))") }
            try owner.query("SELECT newsroom_grant_reader($1)", [login])
            let conninfo = newsroom.database.conninfo + " user=\(login)"

            let server = try ReaderServer(database: conninfo)
            func answer(_ query: String) throws -> (hits: [String], spellings: [String], close: Bool) {
                let reply = try server.get("/api/v1/search?q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                #expect(reply.status == 200, "\(query): \(reply.status) \(reply.text)")
                let object = try JSONSerialization.jsonObject(with: reply.body) as! [String: Any]
                return ((object["hits"] as! [[String: Any]]).map { ($0["id"] as! NSNumber).stringValue },
                        object["spellings"] as? [String] ?? [], object["close_spellings"] as? Bool ?? false)
            }
            // جدبد: one letter of four from جديد.
            let typo = try answer("جدبد")
            #expect(typo.hits == [published] && typo.close && typo.spellings == ["جديد"], "\(typo)")
            // سرى is the draft's word سري folded; مشروغ one letter from its مشروع: neither is offered.
            for query in ["سرى", "مشروغ", "سرب"] {
                let drafted = try answer(query)
                #expect(drafted.hits.isEmpty && drafted.spellings.isEmpty && !drafted.close, "\(query): \(drafted)")
            }
            // The login's own SQL learns no more than the site shows.
            let reader = try PostgresConnection(conninfo: conninfo)
            let spellings: [String] = try reader.queryOne("SELECT spellings FROM reader.search_close($1)", ["مشروغ"]).decode("spellings")
            #expect(spellings.isEmpty)
            #expect(throws: PostgresError.self) { try reader.query("SELECT * FROM search_words LIMIT 1") }
            #expect(throws: PostgresError.self) { try reader.query("SELECT * FROM newsroom_search_close('مشروغ')") }
        }
    }
}
