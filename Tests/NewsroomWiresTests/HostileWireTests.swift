import Foundation
import NewsroomCore
import NewsroomWires
import Testing
import TestRandom
import TestSupport

/// Files an attacker or a broken system sends: each refused with its reason, nothing read
/// from outside the file; and the parsers fuzzed for a fixed number of iterations.
@Suite("hostile wire files: XXE, entity bombs, size, missing fields, schema, fuzzing")
struct HostileWireTests {
    static let item = """
        <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1"><contentMeta><headline>HEADLINE</headline></contentMeta></newsItem>
        """

    static func refusal(_ text: String, maxBytes: Int = WireRules.defaultMaxBytes) -> WireRefusal? {
        do { _ = try WireFile.documents(Array(text.utf8), maxBytes: maxBytes).map { try WireRules.version(of: $0) }; return nil } catch let refusal as WireRefusal { return refusal } catch { return nil }
    }

    @Test("external entities (a local file, an http URL) and DTDs are refused, and the secret never appears")
    func externalEntities() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("wire-secret-\(UUID().uuidString)")
        try "TOP-SECRET-CANARY".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let hostile = [
            "<?xml version=\"1.0\"?><!DOCTYPE newsItem [<!ENTITY x SYSTEM \"file://\(secret.path)\">]>" + Self.item.replacingOccurrences(of: "HEADLINE", with: "&x;"),
            "<?xml version=\"1.0\"?><!DOCTYPE newsItem [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]>" + Self.item.replacingOccurrences(of: "HEADLINE", with: "&x;"),
            "<?xml version=\"1.0\"?><!DOCTYPE newsItem SYSTEM \"file://\(secret.path)\">" + Self.item,
            "<?xml version=\"1.0\"?><!DOCTYPE newsItem [<!ENTITY % p SYSTEM \"file://\(secret.path)\"> %p;]>" + Self.item,
        ]
        for text in hostile {
            let refused = Self.refusal(text)
            #expect(refused?.kind == .dtd, "\(text.prefix(90)): \(String(describing: refused))")
            #expect(refused?.description.contains("TOP-SECRET") != true)
        }
    }

    @Test("an entity-expansion bomb is refused at once, without expanding")
    func entityBomb() {
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 { entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">" }
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE newsItem [\(entities)]>" + Self.item.replacingOccurrences(of: "HEADLINE", with: "&lol9;")
        let started = Date()
        #expect(Self.refusal(bomb)?.kind == .dtd)
        #expect(Date().timeIntervalSince(started) < 1, "refused before any expansion")
    }

    @Test("over the size limit, malformed, not an item, no guid, no headline, a headline over the limit: each its own reason")
    func eachReason() {
        #expect(Self.refusal(Self.item.replacingOccurrences(of: "HEADLINE", with: String(repeating: "خبر ", count: 400)), maxBytes: 1_000)?.kind == .tooLarge)
        #expect(Self.refusal(Self.item.replacingOccurrences(of: "</newsItem>", with: ""))?.kind == .malformed)
        #expect(Self.refusal("<conceptItem guid=\"x\"/>")?.kind == .notAnItem)
        #expect(Self.refusal(Self.item.replacingOccurrences(of: "guid=\"urn:x:1\"", with: ""))?.kind == .missing)
        #expect(Self.refusal(Self.item.replacingOccurrences(of: "HEADLINE", with: " "))?.kind == .missing)
        #expect(Self.refusal(Self.item.replacingOccurrences(of: "HEADLINE", with: String(repeating: "ب", count: 251)))?.kind == .text)
        #expect(Self.refusal("%PDF-1.4")?.kind == .malformed)
        #expect(Self.refusal("{\"uri\": 5, \"headline\": \"x\"}")?.kind == .schema)
        #expect(Self.refusal("{\"headline\": \"x\"}")?.kind == .schema, "ninjs requires a uri")
        #expect(Self.refusal("{\"uri\": \"urn:x:u\", \"headline\": \"x\", \"pubstatus\": \"gone\"}")?.kind == .schema)
        #expect(Self.refusal("{\"uri\": \"urn:x:u\", \"headline\": \"x\", \"urgency\": \"high\"}")?.kind == .schema)
        #expect(Self.refusal("{\"uri\": \"urn:x:u\", \"headlines\": [{\"role\": \"main\"}]}")?.kind == .schema)
    }

    @Test("markup the body format refuses (a heading in a list) is kept as its text, with a note")
    func refusedMarkupKeptAsText() throws {
        let html = "{\"uri\": \"urn:x:u\", \"headline\": \"x\", \"body_html\": \"<ul><li><h2>عنوان</h2></li></ul><p>فقرة</p>\"}"
        let version = try #require(try WireFile.documents(Array(html.utf8), maxBytes: 10_000).map { try WireRules.version(of: $0) }.first)
        #expect(version.bodyNote?.contains("kept as text") == true, "\(String(describing: version.bodyNote))")
        #expect(version.bodyText.contains("عنوان") && version.bodyText.contains("فقرة"))
        #expect(try EditorialText.body(version.body) == version.body)
    }

    @Test("fuzzing: 3,000 mutated items and bodies; each is read or refused, never a crash, and what is read is a valid body")
    func fuzz() throws {
        let seeds = try ["arabic-newsitem-v1.xml", "arabic-ninjs-2.json", "arabic-ninjs-1.json", "iptc/LISTING_2_NewsML-G2_Text_Document.xml"].map {
            [UInt8](try Data(contentsOf: WireFileTests.folder.appendingPathComponent($0)))
        }
        var random = SeededGenerator(state: 32)
        let signs = Array("<>&;\"'/![]{}\\*#_-`\u{0}\u{1}\u{202E}\u{FFFE}ب".utf8)
        var read = 0, refused = 0
        for iteration in 0..<3_000 {
            var bytes = seeds[iteration % seeds.count]
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] = signs.randomElement(using: &random)!
                case 1: bytes.insert(contentsOf: signs.shuffled(using: &random).prefix(3), at: at)
                default: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...20, using: &random)))
                }
            }
            do {
                for document in try WireFile.documents(bytes, maxBytes: WireRules.defaultMaxBytes) {
                    let version = try WireRules.version(of: document)
                    if !version.body.isEmpty { #expect(try EditorialText.body(version.body) == version.body) }
                }
                read += 1
            } catch is WireRefusal {
                refused += 1
            }
        }
        #expect(read > 100 && refused > 100, "read \(read), refused \(refused)")
    }
}
