import Foundation
import Testing
import TestSupport

/// The sample article as a desk writes it in the body format (samples/article-rich.md): a
/// link out and one in, bold and emphasis, a quotation with its attribution, lists, a `###`
/// and a hard line break, through every path a story takes.
@Suite("the rich sample article, in every path")
struct RichArticleTests {
    static var source: String {
        get throws { try String(contentsOf: Samples.folder.appendingPathComponent("article-rich.md"), encoding: .utf8) }
    }

    /// The rich article, published; its id. With `photos`, a lead photo (a camera's file, GPS,
    /// serials and a name in it) and a photo after the first paragraph, as a picture desk adds them.
    static func publish(_ newsroom: NewsroomFixture, photos: Bool = true) throws -> String {
        try publishing(newsroom, photos: photos).id
    }

    /// The same, with the photos' numbers.
    static func publishing(_ newsroom: NewsroomFixture, photos: Bool = true) throws -> (id: String, photos: (lead: String, inline: String)?) {
        var body = try source
        var photoIDs: (lead: String, inline: String)?
        if photos {
            let (lead, inline) = try TestPhotos.withFolder { folder in
                (try addPhoto(newsroom, try TestPhotos.sensitiveJPEG(in: folder), ["--alt", "عناصر من القوات الأمنية في ديالى", "--focus", "0.4,0.3"]),
                 try addPhoto(newsroom, try TestPhotos.plain(in: folder, name: "diyala", size: "1800x1200"),
                              ["--alt", "طريق في ديالى", "--caption", "الطريق الذي سلكه البنك المتنقل", "--credit", "بغداد اليوم"]))
            }
            let lines = body.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            body = lines[0] + "\n\n![](media:\(inline))\n\n" + lines[1]
            photoIDs = (lead, inline)
        }
        let created = try newsroom.run(["draft", "create", "--section", "politics", "--dateline", "بغداد اليوم - ديالى", "--headline",
                                        "العراق يخنق \"الرقم السري\" لبنك داعش المتنقل", "--body-file", "-"], as: "layla", stdin: Data(body.utf8))
        guard created.status == 0 else { throw FixtureFailure(message: "draft create: \(created)") }
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if let (lead, _) = photoIDs {
            let set = try newsroom.run(["story", "photo", id, "--lead", lead], as: "layla")
            guard set.status == 0 else { throw FixtureFailure(message: "story photo: \(set)") }
        }
        try ReaderServerTests.publish(newsroom, id)
        return (id, photoIDs)
    }

    static func addPhoto(_ newsroom: NewsroomFixture, _ file: URL, _ options: [String]) throws -> String {
        let added = try newsroom.run(["media", "add", file.path] + options, as: "layla")
        guard added.status == 0 else { throw FixtureFailure(message: "media add: \(added)") }
        return added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("the CLI keeps the markup byte for byte (show, --json), draws it for a terminal with --rendered, and --json has the HTML")
    func cli() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publish(newsroom, photos: false)
            let written = try Self.source.trimmingCharacters(in: .newlines)
            let json = try newsroom.run(["story", "show", id, "--json"], as: "omar")
            let story = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
            #expect(story["body"] as? String == written, "the body as written, byte for byte")
            let html = try #require(story["body_html"] as? String)
            #expect(html.contains(#"<a href="https://mod.mil.iq/ar/statement?id=2023-08-03" rel="noopener">القوات الأمنية العراقية</a>"#))
            #expect(html.contains("<figcaption dir=\"auto\">— الخبير الأمني احسان الجبوري</figcaption>"))
            let shown = try newsroom.run(["story", "show", id], as: "omar")
            #expect(shown.status == 0 && shown.stdout.contains(written), "story show prints the markup as written")
            let rendered = try newsroom.run(["story", "show", id, "--rendered"], as: "omar")
            #expect(rendered.stdout.contains("القوات الأمنية العراقية <https://mod.mil.iq/ar/statement?id=2023-08-03>"))
            #expect(rendered.stdout.contains("  │ كشف هذا البنك") && rendered.stdout.contains("  — الخبير الأمني احسان الجبوري"))
            #expect(rendered.stdout.contains("  • مسؤول الكفالات") && rendered.stdout.contains("  1. تتبع مصادر التمويل الخارجي"))
            #expect(!rendered.stdout.contains("**") && !rendered.stdout.contains("]("), "no markup left in the rendering")
        }
    }

    @Test("the page carries each element as semantic HTML; the feeds and ninjs carry the HTML and the text; search ignores the addresses")
    func everyPath() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publish(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let page = String(decoding: try server.get("/stories/\(id)").body, as: UTF8.self)
            for expected in [
                #"<p dir="auto">تستمر <a href="https://mod.mil.iq/ar/statement?id=2023-08-03" rel="noopener">القوات الأمنية العراقية</a> في"#,
                "<strong>&quot;البنك المتنقل&quot;</strong>", "<em>أيضًا</em>", #"<a href="/stories/1" rel="noopener">التغطية السابقة</a>"#,
                "<figure class=\"quotation\">\n<blockquote>\n<p dir=\"auto\">كشف هذا البنك", "<figcaption dir=\"auto\">— الخبير الأمني",
                "<ul dir=\"auto\">\n<li>مسؤول الكفالات في منطقة العظيم</li>", "<li>اثنان من معاونيه\n<ul dir=\"auto\">\n<li>أحدهما مكلف بالتوزيع</li>",
                "<ol dir=\"auto\">\n<li>تتبع", "<h3 dir=\"auto\">ما تطلبه اللجنة</h3>", "<p dir=\"auto\">بغداد اليوم<br>قسم التحقيقات</p>",
            ] {
                #expect(page.contains(expected), "the page lacks \(expected)")
            }
            #expect(!page.contains("**") && !page.contains("]("), "no markup is left on the page")
            #expect(page.contains(#"<meta name="description" content="تستمر القوات الأمنية العراقية في"#), "the description is the text")

            let feeds = try FeedTests.check([try server.get("/feed.atom"), try server.get("/feed.rss")])
            for feed in feeds {
                #expect(feed["bozo"] as? Bool == false, "\(feed["bozoException"] ?? "")")
                let entry = try #require((feed["entries"] as? [[String: Any]])?.first)
                let content = try #require((entry["content"] as? [String])?.first)
                #expect(content.contains("<blockquote>") && content.contains("<strong>") && content.contains("<li>"), "\(content)")
                #expect(content.contains("href=\"https://mod.mil.iq/ar/statement?id=2023-08-03\""), "\(content)")
                #expect((entry["summary"] as? String)?.hasPrefix("تستمر القوات الأمنية العراقية في") == true, "\(entry["summary"] ?? "")")
            }
            #expect((feeds[0]["contentDirections"] as? [String]) == ["rtl"])
            #expect((feeds[0]["relaxNG"] as? [String: Any])?["valid"] as? Bool == true, "\(feeds[0]["relaxNG"] ?? "")")

            let ninjs = try server.get("/api/v1/stories/\(id).ninjs").body
            let check = try NinjsTests.validate([ninjs])
            #expect(check.status == 0, "\(check.output)")
            let document = try #require(try JSONSerialization.jsonObject(with: ninjs) as? [String: Any])
            let bodies = try #require(document["bodies"] as? [[String: Any]])
            let plain = try #require(bodies.first { $0["contenttype"] as? String == "text/plain" }?["value"] as? String)
            #expect(plain.contains("تستمر القوات الأمنية العراقية في") && !plain.contains("https://") && !plain.contains("**"))
            #expect(plain.contains("— الخبير الأمني احسان الجبوري"))

            // Search: the link's words are the story's, its address's letters are not.
            let byWords = try newsroom.run(["search", "التغطية السابقة", "--json"], as: "omar")
            #expect(byWords.stdout.contains("\"id\":\(id)") || byWords.stdout.contains("\"id\": \(id)"), "\(byWords.stdout)")
            let byAddress = try newsroom.run(["search", "statement", "--json"], as: "omar")
            #expect(!byAddress.stdout.contains("\(id)"), "\(byAddress.stdout)")
            let answer = try server.get("/api/v1/search?q=" + "البنك المتنقل".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).body
            let found = try #require(try JSONSerialization.jsonObject(with: answer) as? [String: Any])
            let hit = try #require((found["hits"] as? [[String: Any]])?.first { ($0["id"] as? Int).map(String.init) == id }, "\(found)")
            let snippet = try #require(hit["snippet"] as? String)
            #expect(snippet.contains("\"البنك المتنقل\"") && !snippet.contains("**") && !snippet.contains("]("), "the snippet shows the text: \(snippet)")
        }
    }
}
