import Foundation
import PostgresClient
import Testing
import TestSupport

/// Photos as readers get them (issue 30): content-addressed files cached for a year, only
/// while a published story uses them, on the page, in feeds, ninjs and JSON-LD.
@Suite("photos served to readers")
struct PhotoServingTests {
    static func hash(_ newsroom: NewsroomFixture, photo: String, name: String = "w640", format: String = "webp") throws -> String {
        try newsroom.database.connect().queryOne(
            "SELECT hash FROM media_renditions WHERE media_id = $1 AND name = $2 AND format = $3", [Int64(photo)!, name, format]
        ).decode("hash")
    }

    /// The addresses a page names for photos: srcset, src and the social card's.
    static func addresses(in page: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: #"(?:https?://[^" ,]+)?/media/[0-9a-f]{64}-[a-z0-9]+\.(?:jpg|webp)"#)
        return Set(pattern.matches(in: page, range: NSRange(page.startIndex..., in: page)).map { String(page[Range($0.range, in: page)!]) })
    }

    @Test("the rich article with a lead and an inline photo: figures, srcset, the card, JSON-LD, every file immutable and clean, feeds and ninjs")
    func everyPath() throws {
        try NewsroomFixture.with { newsroom in
            let (id, photos) = try RichArticleTests.publishing(newsroom)
            let (lead, inline) = try #require(photos)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let page = try server.get("/stories/\(id)").text
            #expect(page.contains("<figure class=\"photo lead\">") && page.contains("fetchpriority=\"high\""), "the lead is not lazy")
            #expect(page.contains("alt=\"عناصر من القوات الأمنية في ديالى\" fetchpriority=\"high\""))
            #expect(page.contains("alt=\"طريق في ديالى\" loading=\"lazy\""), "the body's photo loads lazily")
            #expect(page.contains("<figcaption dir=\"auto\">الطريق الذي سلكه البنك المتنقل <span class=\"credit\">بغداد اليوم</span></figcaption>"))
            #expect(page.contains("<span class=\"credit\">وكالة الأنباء العراقية</span>"), "the lead's credit came from its file")
            #expect(page.contains("<meta property=\"og:image:alt\" content=\"عناصر من القوات الأمنية في ديالى\">"))
            #expect(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
            #expect(page.contains("width=\"1024\" height=\"1536\""), "the lead's size is given: no layout shift")
            let script = try #require(page.range(of: "<script type=\"application/ld+json\">").map { page[$0.upperBound...] })
            let json = String(script[..<script.range(of: "</script>")!.lowerBound])
            let linked = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let images = try #require(linked["image"] as? [String])
            #expect(images.count == 3 && images[0].contains("-16x9.jpg") && images[1].contains("-4x3.jpg") && images[2].contains("-1x1.jpg"), "\(images)")

            let addresses = Self.addresses(in: page)
            // Four widths of each photo (1600 and 1800 wide) in two formats, the card, three crops.
            #expect(addresses.count == 20, "\(addresses.count)")
            for address in addresses {
                let path = address.hasPrefix("http") ? String(address[address.range(of: "/media/")!.lowerBound...]) : address
                let file = try server.get(path)
                #expect(file.status == 200, "\(path)")
                #expect(file.header("Content-Type") == (path.hasSuffix(".webp") ? "image/webp" : "image/jpeg"))
                #expect(file.header("Cache-Control") == "public, max-age=31536000, immutable" && file.header("ETag") != nil)
                #expect(file.header("X-Content-Type-Options") == "nosniff" && file.header("Content-Encoding") == nil)
                let text = String(decoding: file.body, as: UTF8.self)
                #expect(!TestPhotos.secrets.contains { text.contains($0) }, "\(path) carries a secret")
                let again = try server.get(path, headers: ["If-None-Match": file.header("ETag")!])
                #expect(again.status == 304)
            }
            // The original is the staff's: no address of the reader site reaches it.
            let original: String = try newsroom.database.connect().queryOne("SELECT sha256 FROM media_originals WHERE media_id = $1", [Int64(lead)!]).decode("sha256")
            #expect(try server.get("/media/\(original)-w640.jpg").status == 404)
            #expect(try server.get("/media/\(try Self.hash(newsroom, photo: inline))-w1024.webp").status == 404, "a name not its own")

            let feeds = try FeedTests.check([try server.get("/feed.atom"), try server.get("/feed.rss")])
            for feed in feeds {
                #expect(feed["bozo"] as? Bool == false, "\(feed["bozoException"] ?? "")")
                let entry = try #require((feed["entries"] as? [[String: Any]])?.first)
                let media = try #require((entry["media"] as? [[String: Any]])?.first, "\(entry)")
                #expect((media["url"] as? String)?.hasPrefix("http://") == true && media["type"] as? String == "image/jpeg", "\(media)")
                #expect(entry["mediaCredit"] as? [String] == ["وكالة الأنباء العراقية"], "\(entry)")
                let content = try #require((entry["content"] as? [String])?.first)
                #expect(content.contains("<figure class=\"photo lead\">") && content.contains("src=\"http://"), "absolute photo addresses in feeds: \(content.prefix(600))")
            }
            #expect((feeds[0]["relaxNG"] as? [String: Any])?["valid"] as? Bool == true, "\(feeds[0]["relaxNG"] ?? "")")

            let api = try #require(try JSONSerialization.jsonObject(with: try server.get("/api/v1/stories/\(id)").body) as? [String: Any])
            let listed = try #require(api["photos"] as? [[String: Any]])
            #expect(listed.map { $0["role"] as? String } == ["lead", "body"] && listed[1]["caption"] as? String == "الطريق الذي سلكه البنك المتنقل")
            #expect((listed[0]["renditions"] as? [[String: Any]])?.count == 12, "four widths in two formats, four crops")

            let ninjs = try server.get("/api/v1/stories/\(id).ninjs").body
            let check = try NinjsTests.validate([ninjs])
            #expect(check.status == 0, "\(check.output)")
            let document = try #require(try JSONSerialization.jsonObject(with: ninjs) as? [String: Any])
            let associations = try #require(document["associations"] as? [[String: Any]])
            #expect(associations.map { $0["name"] as? String } == ["lead", "photo-\(inline)"])
            for association in associations {
                #expect(association["type"] as? String == "picture")
                let renditions = try #require(association["renditions"] as? [[String: Any]])
                #expect(renditions.allSatisfy { ($0["href"] as? String)?.hasPrefix("http") == true && $0["width"] != nil && $0["contenttype"] != nil })
            }
        }
    }

    @Test("a photo is served while a published story uses it: a draft's is 404, a withdrawn story's 410, a photo shared with a published story stays")
    func onlyPublished() throws {
        try NewsroomFixture.with { newsroom in
            try TestPhotos.withFolder { folder in
                let photo = try RichArticleTests.addPhoto(newsroom, try TestPhotos.plain(in: folder, name: "p"), ["--alt", "صورة", "--credit", "واع"])
                let shared = try RichArticleTests.addPhoto(newsroom, try TestPhotos.plain(in: folder, name: "q", size: "900x600"), ["--alt", "صورة", "--credit", "واع"])
                func story(_ photos: [String]) throws -> String {
                    let body = "فقرة.\n\n" + photos.map { "![](media:\($0))" }.joined(separator: "\n")
                    let run = try newsroom.run(["draft", "create", "--headline", "خبر", "--section", "politics", "--body-file", "-"], as: "layla", stdin: Data(body.utf8))
                    return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                let first = try story([photo, shared]), second = try story([shared])
                let server = try ReaderServer(database: newsroom.database.conninfo)
                let own = "/media/\(try Self.hash(newsroom, photo: photo))-w640.webp"
                let common = "/media/\(try Self.hash(newsroom, photo: shared))-w640.webp"
                #expect(try server.get(own).status == 404, "a draft's photo is not served")
                try ReaderServerTests.publish(newsroom, first)
                try ReaderServerTests.publish(newsroom, second)
                #expect(RunningNewsroom.eventually(seconds: 3) { (try? server.get(own).status) == 200 })
                try newsroom.steps([("huda", ["story", "withdraw", first, "--reason", "خطأ"])])
                #expect(RunningNewsroom.eventually(seconds: 3) { (try? server.get(own).status) == 410 }, "gone, as its story is")
                #expect(try server.get(common).status == 200, "still used by a published story")
                try newsroom.steps([("huda", ["story", "withdraw", second, "--reason", "خطأ"])])
                #expect(RunningNewsroom.eventually(seconds: 3) { (try? server.get(common).status) == 410 })
            }
        }
    }
}

extension PhotoServingTests {
    @Test("a cache in front is told of a story's photo files when the story is published and when it is withdrawn")
    func purged() throws {
        try NewsroomFixture.with { newsroom in
            try TestPhotos.withFolder { folder in
                let photo = try RichArticleTests.addPhoto(newsroom, try TestPhotos.plain(in: folder, name: "p", size: "700x400"), ["--alt", "صورة", "--credit", "واع"])
                let created = try newsroom.run(["draft", "create", "--headline", "خبر", "--section", "politics", "--body-file", "-"],
                                               as: "layla", stdin: Data("فقرة.\n\n![](media:\(photo))".utf8))
                let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                let cache = try HTTPRecorder()
                let worker = try NewsroomBinary.start(["purge", "--hook", "http://127.0.0.1:\(cache.port)/purge?url={url}"], database: newsroom.database.conninfo)
                #expect(RunningNewsroom.eventually(seconds: 10) { worker.stderr.contains("purging") }, "\(worker.stderr)")
                let file = "/media/\(try Self.hash(newsroom, photo: photo))-w640.webp"
                try ReaderServerTests.publish(newsroom, id)
                #expect(RunningNewsroom.eventually(seconds: 3) { cache.targets.contains { $0.contains(PurgeTests.encoded(file)) } }, "\(cache.targets)")
                cache.clear()
                try newsroom.steps([("huda", ["story", "withdraw", id, "--reason", "خطأ"])])
                #expect(RunningNewsroom.eventually(seconds: 3) { cache.targets.contains { $0.contains(PurgeTests.encoded(file)) } }, "\(cache.targets)")
                worker.signal(SIGTERM)
                _ = worker.wait(seconds: 10)
            }
        }
    }
}
