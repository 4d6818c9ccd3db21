import Foundation
import NewsroomCore
import NewsroomWires
import Testing
import TestRandom
import TestSupport

/// Agency files read as the worker reads them: IPTC's own examples, Arabic items of our own,
/// legacy charsets, and hostile files; no database.
@Suite("wire files: NewsML-G2 and ninjs read into the body format; hostile files refused")
struct WireFileTests {
    static let folder = Repository.root.appendingPathComponent("Tests/Fixtures/wire")

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))) }

    static func read(_ bytes: [UInt8], charset: String? = nil) throws -> [WireVersion] {
        try WireFile.documents(bytes, maxBytes: WireRules.defaultMaxBytes, charset: charset).map { try WireRules.version(of: $0) }
    }

    static func refusal(_ bytes: [UInt8], maxBytes: Int = WireRules.defaultMaxBytes) -> WireRefusal? {
        do { _ = try WireFile.documents(bytes, maxBytes: maxBytes).map { try WireRules.version(of: $0) }; return nil } catch let refusal as WireRefusal { return refusal } catch { return nil }
    }

    @Test("the Arabic newsItem: every field, the body in the body format with its subheading, quotation, list and link, text byte for byte")
    func arabicNewsItem() throws {
        let version = try #require(try Self.read(try Self.bytes("arabic-newsitem-v1.xml")).first)
        let d = version.document
        #expect(d.guid == "urn:newsml:ina.iq:20230803:diyala-kafala" && d.version == 1 && d.format == .newsmlG2)
        let headline = try String(contentsOf: Samples.folder.appendingPathComponent("article-headline.txt"), encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(d.headline == headline, "the headline byte for byte")
        #expect(d.dateline == "بغداد اليوم - ديالى" && d.located == "ديالى" && d.creditline == "بغداد اليوم" && d.urgency == 3)
        #expect(d.slugline == "العراق-داعش-تمويل" && d.language == "ar" && d.pubStatus == .usable && !d.isKill)
        #expect(d.subjects == ["medtop:16000000 نزاع وحرب وسلام"])
        let body = ArticleBody.reading(version.body)
        #expect(version.bodyNote == nil, "the markup is the body format's: \(version.bodyNote ?? "")")
        #expect(body.blocks.contains { if case .subheading(2, _) = $0 { true } else { false } }, "متى ظهر؟ as a subheading")
        #expect(body.blocks.contains { if case .quotation(_, let by) = $0 { by.map(ArticleInline.text) == "صادق الحسيني" } else { false } })
        #expect(body.blocks.contains { if case .list(let list) = $0 { list.items.count == 2 } else { false } })
        #expect(version.body.contains("[موقع **بغداد اليوم**](https://baghdadtoday.news/ar/news/228722)"), "\(version.body)")
        let sample = try String(contentsOf: Samples.folder.appendingPathComponent("article-body.txt"), encoding: .utf8)
        let firstParagraph = try #require(sample.split(separator: "\n").first).trimmingCharacters(in: .whitespaces)
        #expect(version.bodyText.hasPrefix(firstParagraph), "the sample's text unchanged, quotes and all")
        #expect(try EditorialText.body(version.body) == version.body, "a body the newsroom stores as it is")
    }

    @Test("IPTC's examples: LISTING 1 and 2 (NewsML-G2 2.35 and 2.24), NITF; ninjs 1.6 and 2.2")
    func iptcExamples() throws {
        let first = try #require(try Self.read(try Self.bytes("iptc/LISTING_1_A_NewsML-G2_News_Item.xml")).first)
        #expect(first.document.guid == "urn:newsml:acmenews.com:20161018:US-FINANCE-FED" && first.document.version == 11)
        #expect(first.document.headline == "Fed to halt QE to avert \"bubble\"" && first.document.signals == ["sig:update"])
        #expect(first.document.located == "Berlin" && first.document.byline == "Meredith Jameson")
        let second = try #require(try Self.read(try Self.bytes("iptc/LISTING_2_NewsML-G2_Text_Document.xml")).first)
        #expect(second.bodyText.hasPrefix("(New York, NY - October 21) Et, sent luptat luptat, commy Nim zzriureet"), "NITF's body.content, white space as one space")
        #expect(!second.bodyText.contains("Staff Reporter"), "NITF's body.head (its byline) is not the body")
        let ninjs1 = try #require(try Self.read(try Self.bytes("iptc/ninjs-1.6_004_simple_text_article.json")).first)
        #expect(ninjs1.document.headline == "Captain of wrecked cruise ship on trial in Italy" && ninjs1.document.byline == "Paulo Santalucia and Frances d'Emilio")
        #expect(ArticleBody.reading(ninjs1.body).blocks.count == 4, "body_richtext's four paragraphs")
        let ninjs2 = try #require(try Self.read(try Self.bytes("iptc/ninjs-2.2_005_complex_text_article.json")).first)
        #expect(ninjs2.document.located == "Grossetto, Italy" && ninjs2.document.creditline?.hasPrefix("Copyright 2013") == true)
    }

    @Test("Arabic ninjs 1.x and 2.x: HTML bodies read, entities decoded, the list numbered")
    func arabicNinjs() throws {
        let two = try #require(try Self.read(try Self.bytes("arabic-ninjs-2.json")).first)
        #expect(two.document.headline == "افتتاح رصيف جديد في ميناء أم قصر" && two.document.urgency == 2 && two.document.byline == "مراسل البصرة")
        #expect(two.body == "افتتح اليوم رصيف جديد في **ميناء أم قصر**.\n\n### السعة\n\nويستقبل السفن الكبيرة \\& ناقلات الحاويات.", "\(two.body)")
        let one = try #require(try Self.read(try Self.bytes("arabic-ninjs-1.json")).first)
        #expect(one.document.version == 4 && one.body.contains("1. دور نشر عربية\n2. دور نشر أجنبية"), "\(one.body)")
    }

    @Test("Windows-1256 and ISO-8859-6 decoded by the declared charset; undecodable bytes and unknown charsets refused, saying which")
    func legacyCharsets() throws {
        let template = try String(contentsOf: Self.folder.appendingPathComponent("arabic-legacy-template.xml"), encoding: .utf8)
        for charset in ["windows-1256", "ISO-8859-6"] {
            let text = template.replacingOccurrences(of: "ENCODING", with: charset)
            let encoded = try #require(Self.iconv(Array(text.utf8), to: charset), "iconv encodes \(charset)")
            #expect(encoded.count < text.utf8.count, "one byte a letter in \(charset)")
            let version = try #require(try Self.read(encoded).first)
            #expect(version.document.headline == "الكويت تستضيف مؤتمر الطاقة", "\(charset)")
            #expect(version.bodyText == "افتتح اليوم في الكويت مؤتمر الطاقة العربي بمشاركة عشرين دولة.\n\nوقال الوزير إن المؤتمر يبحث امن الطاقة.", "\(charset): \(version.bodyText)")
        }
        // 0xA1 is no character of ISO-8859-6; 0xFF is never UTF-8.
        let iso = Array(template.replacingOccurrences(of: "ENCODING", with: "ISO-8859-6").replacingOccurrences(of: "الكويت تستضيف", with: "X").utf8)
        var undefined = try #require(Self.iconv(iso, to: "ISO-8859-6"))
        undefined.insert(0xA1, at: try #require(undefined.firstIndex(of: UInt8(ascii: "X"))))
        let notISO = Self.refusal(undefined)
        #expect(notISO?.kind == .undecodable && notISO?.message.contains("ISO-8859-6") == true, "\(String(describing: notISO))")
        var badUTF8 = Array(template.replacingOccurrences(of: "ENCODING", with: "UTF-8").utf8)
        badUTF8.insert(0xFF, at: 400)
        let refused = Self.refusal(badUTF8)
        #expect(refused?.kind == .undecodable && refused?.message.contains("UTF-8") == true, "\(String(describing: refused))")
        let unknown = Self.refusal(Array(template.replacingOccurrences(of: "ENCODING", with: "x-klingon").utf8))
        #expect(unknown?.kind == .charset, "\(String(describing: unknown))")
    }

    @Test("a kill is the status canceled or withheld, or the kill signal; an update signal is no kill")
    func kills() throws {
        let update = try String(contentsOf: Self.folder.appendingPathComponent("arabic-newsitem-v2.xml"), encoding: .utf8)
        #expect(try #require(try Self.read(Array(update.utf8)).first).killed == false)
        let signalled = try #require(try Self.read(Array(update.replacingOccurrences(of: "sig:update", with: "sig:kill").utf8)).first)
        #expect(signalled.killed && signalled.document.pubStatus == .usable)
        #expect(try #require(try Self.read(try Self.bytes("arabic-newsitem-kill.xml")).first).document.pubStatus == .canceled)
        let withheld = update.replacingOccurrences(of: "stat:usable", with: "stat:withheld")
        #expect(withheld != update, "the item states its status")
        #expect(try #require(try Self.read(Array(withheld.utf8)).first).killed)
    }

    static func iconv(_ bytes: [UInt8], to charset: String) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", charset]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        input.fileHandleForWriting.write(Data(bytes))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? [UInt8](data) : nil
    }
}
