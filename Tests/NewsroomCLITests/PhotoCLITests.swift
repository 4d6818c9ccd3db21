import Foundation
import PostgresClient
import Testing
import TestSupport

/// Photos through `newsroom media` (issue 30): what a file says of itself is read for the desk
/// and reaches no reader; hostile files are refused with nothing stored.
@Suite("photos: metadata read then stripped, the sizes served, hostile files refused")
struct PhotoCLITests {
    /// Every rendition of a photo: name, format, width, height, bytes.
    static func renditions(_ newsroom: NewsroomFixture, of id: String) throws -> [(name: String, format: String, width: Int, height: Int, bytes: [UInt8])] {
        let connection = try newsroom.database.connect()
        return try connection.query("SELECT name, format, width, height FROM media_renditions WHERE media_id = $1 ORDER BY name, format", [Int64(id)!]).map { row in
            let name: String = try row.decode("name"), format: String = try row.decode("format")
            let bytes = try connection.queryBytes("SELECT bytes FROM media_renditions WHERE media_id = $1 AND name = $2 AND format = $3",
                                                  [Int64(id)!, name, format]) ?? []
            return (name, format, try row.decode("width"), try row.decode("height"), bytes)
        }
    }

    @Test("a camera's file with GPS, serials, a creator and a thumbnail: the desk sees what it said; no served byte carries any of it")
    func metadataNeverServed() throws {
        try NewsroomFixture.with { newsroom in
            try TestPhotos.withFolder { folder in
                let file = try TestPhotos.sensitiveJPEG(in: folder)
                let added = try newsroom.run(["media", "add", file.path, "--alt", "شارع الرشيد في الصباح"], as: "layla")
                #expect(added.status == 0, "\(added)")
                let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(added.stderr.contains("no --credit") == false, "the file's credit filled it: \(added.stderr)")

                let shown = try newsroom.run(["media", "show", id, "--json"], as: "omar")
                let photo = try #require(try JSONSerialization.jsonObject(with: shown.stdoutData) as? [String: Any])
                #expect(photo["width"] as? Int == 1600 && photo["height"] as? Int == 2400, "upright, as its orientation says: \(photo)")
                #expect(photo["caption"] as? String == "مصدر سري يظهر في الصورة", "the caption from XMP")
                #expect(photo["credit"] as? String == "وكالة الأنباء العراقية", "the credit from XMP (IIM's is cut at 32 bytes)")
                #expect(photo["taken_on"] as? String == "2026-12-01")
                let embedded = try #require(photo["embedded"] as? [String: String])
                #expect(embedded["creator"] == "Ali Hassan Secret" && embedded["camera"] == "Nikon Z9 Spy", "\(embedded)")
                #expect(embedded["location"] != nil && embedded["serial number"] != nil, "the desk is told what was in the file: \(embedded)")

                let renditions = try Self.renditions(newsroom, of: id)
                #expect(Set(renditions.map(\.name)) == ["w320", "w640", "w1024", "w1600", "16x9", "4x3", "1x1", "social"], "none wider than the photo's 1600")
                #expect(renditions.filter { $0.name.hasPrefix("w") }.count == 8, "each width in WebP and JPEG")
                for rendition in renditions {
                    let what = "\(rendition.name).\(rendition.format)"
                    if rendition.name.hasPrefix("w") {
                        #expect(rendition.width == Int(rendition.name.dropFirst()) && abs(rendition.height - rendition.width * 3 / 2) <= 1, "\(what)")
                    }
                    // No byte sequence of any secret, in UTF-8 or as the metadata blocks that carry them.
                    let markers = TestPhotos.secrets + ["Exif\0\0", "http://ns.adobe.com/xap", "Photoshop 3.0", "8BIM", "EXIF", "XMP ", "ICCP"]
                    for marker in markers {
                        let needle = Array(marker.utf8)
                        let found = rendition.bytes.count >= needle.count && (0...(rendition.bytes.count - needle.count)).contains {
                            rendition.bytes[$0..<($0 + needle.count)].elementsEqual(needle)
                        }
                        #expect(!found, "\(what) carries \(marker)")
                    }
                    // exiftool, a picture desk's own reader, finds nothing but the image itself.
                    let copy = folder.appendingPathComponent(what)
                    try Data(rendition.bytes).write(to: copy)
                    let tags = try TestPhotos.tags(copy)
                    let groups = Set(tags.keys.compactMap { $0.split(separator: ":").first.map(String.init) })
                    #expect(groups.isSubset(of: ["SourceFile", "ExifTool", "File", "RIFF", "Composite", "JFIF"]), "\(what): \(groups.sorted())")
                    #expect(tags["File:MIMEType"] as? String == (rendition.format == "jpeg" ? "image/jpeg" : "image/webp"))
                }
                // The original is the staff's, byte for byte, with everything in it.
                let original = folder.appendingPathComponent("original.jpg")
                let written = try newsroom.run(["media", "original", id, "--output", original.path], as: "omar")
                let same = try Data(contentsOf: original) == Data(contentsOf: file)
                #expect(written.status == 0 && same, "\(written)")
            }
        }
    }

    @Test("hostile and wrong files: each refused with what it is and what to do, and nothing stored")
    func hostileFiles() throws {
        try NewsroomFixture.with { newsroom in
            try TestPhotos.withFolder { folder in
                func file(_ name: String, _ bytes: [UInt8]) throws -> String {
                    let url = folder.appendingPathComponent(name)
                    try Data(bytes).write(to: url)
                    return url.path
                }
                let jpeg = Array(try Data(contentsOf: try TestPhotos.plain(in: folder, name: "good")))
                // A PNG whose header declares 50,000 × 50,000 pixels, in a few hundred bytes.
                let bomb = try TestPhotos.plain(in: folder, name: "bomb-source", size: "10x10", format: "png")
                var png = Array(try Data(contentsOf: bomb))
                png.replaceSubrange(16..<24, with: [0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50])  // IHDR width and height
                let crc = TestPhotos.crc32(png[12..<29])  // the chunk's type and data, as PNG sums them
                png.replaceSubrange(29..<33, with: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
                let gif = try TestPhotos.plain(in: folder, name: "moving", size: "20x20", format: "gif")
                let animated = folder.appendingPathComponent("animated.webp")
                try TestPhotos.tool("/usr/bin/convert", ["-size", "50x50", "xc:red", "-size", "50x50", "xc:blue", "-loop", "0", "-delay", "20", animated.path])
                let huge = folder.appendingPathComponent("huge.jpg")
                _ = FileManager.default.createFile(atPath: huge.path, contents: Data(jpeg))
                let handle = try FileHandle(forWritingTo: huge)
                try handle.truncate(atOffset: 51 * 1_048_576)  // sparse: 51 MB without writing them
                try handle.close()
                let cases: [(String, String)] = [
                    (try file("page.jpg", Array("<!doctype html><script>alert(1)</script>".utf8)), "is an HTML page, not a photo"),
                    (gif.path, "is a GIF, not a photo"),
                    (animated.path, "is animated (2 frames)"),
                    (try file("empty.jpg", []), "an empty file"),
                    (try file("cut.jpg", Array(jpeg.prefix(jpeg.count / 3))), "truncated or damaged"),
                    (try file("header.jpg", Array(jpeg.prefix(40))), "truncated or damaged"),
                    (try file("bomb.png", png), "declares 50000 × 50000 pixels, over the limit of 80 megapixels"),
                    (huge.path, "the limit is 50 MB"),
                    (folder.path, "is a folder; give a photo's file"),
                    (folder.appendingPathComponent("missing.jpg").path, "does not exist"),
                ]
                for (path, message) in cases {
                    let run = try newsroom.run(["media", "add", path, "--alt", "صورة"], as: "layla")
                    #expect(run.status == 1 && run.stderr.contains(message), "\(path): \(run)")
                }
                #expect(try newsroom.count("SELECT count(*) FROM media") == 0, "nothing stored")

                // A polyglot: a JPEG that is also a ZIP and carries HTML. It is a photo; what is
                // served is made from its pixels, so neither rides along.
                let polyglot = jpeg + Array("PK\u{03}\u{04}<html><script>alert(1)</script></html>".utf8)
                let added = try newsroom.run(["media", "add", try file("polyglot.jpg", polyglot), "--alt", "صورة", "--credit", "واع"], as: "layla")
                #expect(added.status == 0, "\(added)")
                for rendition in try Self.renditions(newsroom, of: added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    let text = String(decoding: rendition.bytes, as: UTF8.self)
                    #expect(!text.contains("<script") && !text.contains("PK\u{03}\u{04}"), "\(rendition.name).\(rendition.format)")
                }
                let reporterDeletes = try newsroom.run(["media", "delete", "1"], as: "layla")
                #expect(reporterDeletes.status == 1 && reporterDeletes.stderr.contains("only an active chief may"), "\(reporterDeletes)")
                let admin = try newsroom.run(["media", "add", try file("good.jpg", jpeg)], as: "adam")
                #expect(admin.status == 1 && admin.stderr.contains("reporters, editors and chiefs may"), "\(admin)")
            }
        }
    }

    @Test("a story with a photo lacking alt text or a credit does not go out; given them, it does; its photo keeps them; a new focal point recrops")
    func goingOut() throws {
        try NewsroomFixture.with { newsroom in
            try TestPhotos.withFolder { folder in
                let file = try TestPhotos.plain(in: folder, name: "street", size: "1600x900")
                let added = try newsroom.run(["media", "add", file.path, "--caption", "شارع الرشيد"], as: "layla")
                #expect(added.status == 0 && added.stderr.contains("has no --alt and no --credit yet"), "\(added)")
                let photo = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                let body = "فقرة أولى.\n\n![شارع الرشيد صباحاً](media:\(photo))\n\nفقرة ثانية."
                let created = try newsroom.run(["draft", "create", "--headline", "خبر مصور", "--section", "politics", "--body-file", "-"],
                                               as: "layla", stdin: Data(body.utf8))
                let story = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(created.status == 0, "\(created)")
                let missing = try newsroom.run(["draft", "create", "--headline", "خبر", "--section", "politics", "--body-file", "-"],
                                               as: "layla", stdin: Data("![](media:999)".utf8))
                #expect(missing.status == 1 && missing.stderr.contains("no photo 999"), "\(missing)")
                let listed = try newsroom.run(["media", "list", "--story", story, "--json"], as: "omar")
                #expect(listed.stdout.contains("\"id\": \(photo)"), "\(listed)")

                let refused = try newsroom.run(["story", "publish", story, "--skip-review", "--reason", "عاجل"], as: "huda")
                #expect(refused.status == 1 && refused.stderr.contains("photo \(photo) has no alt text or credit"), "\(refused)")
                #expect(try newsroom.count("SELECT count(*) FROM stories WHERE status = 'published'") == 0)
                let described = try newsroom.run(["media", "edit", photo, "--alt", "شارع مزدحم", "--credit", "رويترز"], as: "layla")
                #expect(described.status == 0, "\(described)")
                let published = try newsroom.run(["story", "publish", story, "--skip-review", "--reason", "عاجل"], as: "huda")
                #expect(published.status == 0, "\(published)")
                let cleared = try newsroom.run(["media", "edit", photo, "--credit", ""], as: "layla")
                #expect(cleared.status == 1 && cleared.stderr.contains("keeps its alt text and credit"), "\(cleared)")

                let hashBefore = try Self.renditions(newsroom, of: photo).first { $0.name == "1x1" }?.bytes
                let moved = try newsroom.run(["media", "edit", photo, "--focus", "0.05,0.5"], as: "omar")
                #expect(moved.status == 0 && moved.stdout.contains("0.05,0.5"), "\(moved)")
                let after = try Self.renditions(newsroom, of: photo)
                #expect(after.first { $0.name == "1x1" }?.bytes != hashBefore, "the square crop moved with the focal point")
                #expect(after.count == 12, "four widths in two formats stay, the four crops are replaced, not added")
                let uncorrected = try newsroom.run(["story", "photo", story, "--lead", photo], as: "omar")
                #expect(uncorrected.status == 1 && uncorrected.stderr.contains("correct"), "a published story's lead is a correction: \(uncorrected)")
                let lead = try newsroom.run(["story", "photo", story, "--lead", photo, "--correction", "صورة أوضح"], as: "omar")
                #expect(lead.status == 0 && lead.stdout.contains("lead photo \(photo); published, version"), "\(lead)")
                let history = try newsroom.run(["story", "history", story], as: "omar")
                #expect(history.stdout.contains("صورة أوضح; lead photo \(photo)"), "\(history.stdout)")
                // An approved story whose lead changes goes back to review, as after an edit.
                let other = try newsroom.draft()
                try newsroom.steps([("huda", ["story", "assign", other, "--editor", "omar"]), ("layla", ["story", "submit", other]), ("omar", ["story", "approve", other])])
                let back = try newsroom.run(["story", "photo", other, "--lead", photo], as: "omar")
                #expect(back.status == 0 && back.stdout.contains("approved → in_review"), "\(back)")
                #expect(try newsroom.count("SELECT count(*) FROM story_photos WHERE story_id = $1", [Int64(story)!]) == 2)
            }
        }
    }

    @Test("erasure by order takes the story's own photos with it (files and words), and leaves a photo another story uses")
    func erasure() throws {
        try NewsroomFixture.with { newsroom in
            try TestPhotos.withFolder { folder in
                func add(_ name: String) throws -> String {
                    let run = try newsroom.run(["media", "add", try TestPhotos.plain(in: folder, name: name).path, "--alt", "شاهد", "--credit", "واع"], as: "layla")
                    return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                let own = try add("own"), shared = try add("shared")
                func publish(_ body: String) throws -> String {
                    let run = try newsroom.run(["draft", "create", "--headline", "شهادة", "--section", "politics", "--body-file", "-"], as: "layla", stdin: Data(body.utf8))
                    let id = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                    try newsroom.steps([("huda", ["story", "publish", id, "--skip-review", "--reason", "عاجل"])])
                    return id
                }
                let story = try publish("فقرة.\n\n![](media:\(own))\n![](media:\(shared))")
                _ = try publish("أخرى.\n\n![](media:\(shared))")
                try newsroom.steps([("huda", ["story", "erase", story, "--order", "أمر 7"]), ("adam", ["story", "erase", story, "--order", "أمر 7", "--confirm"])])
                #expect(try newsroom.count("SELECT count(*) FROM media_renditions WHERE media_id = $1", [Int64(own)!]) == 0)
                #expect(try newsroom.count("SELECT count(*) FROM media_originals WHERE media_id = $1 AND octet_length(bytes) = 0", [Int64(own)!]) == 1)
                #expect(try newsroom.count("SELECT count(*) FROM media WHERE id = $1 AND erased_at IS NOT NULL AND alt IS NULL AND embedded = '{}'", [Int64(own)!]) == 1)
                #expect(try newsroom.count("SELECT count(*) FROM media_renditions WHERE media_id = $1", [Int64(shared)!]) == 10, "another story's photo stays (three widths in two formats, four crops)")
                let history = try newsroom.run(["story", "history", story], as: "huda")
                #expect(history.stdout.contains("1 photo only it used"), "\(history)")
                let edit = try newsroom.run(["media", "edit", own, "--alt", "x"], as: "layla")
                #expect(edit.status == 1 && edit.stderr.contains("erased under an order"), "\(edit)")
            }
        }
    }

    @Test("newsroom media hands over to newsroom-media: preview needs no database; a mistake is a usage error (64) in two lines")
    func handOver() throws {
        try NewsroomFixture.with { newsroom in
            try TestPhotos.withFolder { folder in
                let file = try TestPhotos.plain(in: folder, name: "preview", size: "700x500")
                let out = folder.appendingPathComponent("out")
                let preview = try newsroom.run(["media", "preview", file.path, "--output", out.path, "--focus", "0.2,0.8"])
                #expect(preview.status == 0 && preview.stdout.contains("w640.webp\t640×457"), "\(preview)")
                let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
                #expect(files == ["16x9.jpg", "1x1.jpg", "4x3.jpg", "social.jpg", "w320.jpg", "w320.webp", "w640.jpg", "w640.webp"], "\(files)")
                #expect(try newsroom.count("SELECT count(*) FROM media") == 0, "a preview stores nothing")
                let wrong = try newsroom.run(["media", "bogus"])
                #expect(wrong.status == 64 && wrong.stderr.contains("See 'newsroom media --help'"), "\(wrong)")
                let help = try newsroom.run(["media", "--help"])
                #expect(help.status == 0 && help.stdout.contains("preview"), "\(help)")
                // The point of the hand-over: newsroom itself never loads libvips's libraries.
                let linked = try TestPhotos.tool("ldd", [try NewsroomBinary.path()])
                #expect(!linked.contains("libvips") && !linked.contains("libiptcdata"), "\(linked)")
            }
        }
    }
}
