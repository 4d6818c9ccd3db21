import Foundation
import NewsroomCore
import NewsroomWires
import Testing
import TestSupport

/// The test items against IPTC's published schemas (NewsML-G2 2.35 with xmllint, ninjs 1.6 and
/// 2.2 with PyPI's jsonschema), and the ninjs reader held to the schemas: what they refuse, it
/// refuses; what they accept, it reads.
@Suite("wire files against IPTC's schemas")
struct WireSchemaTests {
    static let folder = WireFileTests.folder
    static let newsML = folder.appendingPathComponent("schema/NewsML-G2_2.35-spec-All-Power.xsd").path
    static let ninjs1 = folder.appendingPathComponent("schema/ninjs-schema_1.6.json").path
    /// 2.2 and GeoJSON, which it refers to, are the reader site's (its ninjs is checked with them).
    static let ninjs2Folder = Repository.root.appendingPathComponent("Tests/NewsroomServerTests/Fixtures/ninjs").path

    static func xmllint(_ files: [String]) throws -> Spawn.Result {
        try Spawn.run("/usr/bin/env", ["xmllint", "--noout", "--nonet", "--schema", newsML] + files, environment: ProcessInfo.processInfo.environment)
    }

    /// The schema's errors for each document, in order.
    static func schemaErrors(_ documents: [[String: Any]], version1: Bool) throws -> [[String]] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wire-ninjs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var files: [String] = []
        for (index, document) in documents.enumerated() {
            let file = scratch.appendingPathComponent("\(index).json")
            try JSONSerialization.data(withJSONObject: document).write(to: file)
            files.append(file.path)
        }
        let script = Repository.root.appendingPathComponent("scripts/lib/validate_ninjs.py").path
        let run = try Spawn.run("/usr/bin/env", ["python3", script] + (version1 ? ["--schema", ninjs1] : []) + [ninjs2Folder] + files,
                                environment: ProcessInfo.processInfo.environment)
        let line = try #require(run.output.split(separator: "\n").last, "\(run.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String]], "\(run.output)")
        return files.map { report[$0] ?? ["not reported"] }
    }

    static func object(_ name: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any])
    }

    @Test("the NewsML-G2 items, ours and IPTC's, are valid NewsML-G2 2.35, and a broken one is not")
    func newsMLValid() throws {
        let items = ["arabic-newsitem-v1.xml", "arabic-newsitem-v2.xml", "arabic-newsitem-kill.xml",
                     "iptc/LISTING_1_A_NewsML-G2_News_Item.xml", "iptc/LISTING_2_NewsML-G2_Text_Document.xml"]
        let valid = try Self.xmllint(items.map { Self.folder.appendingPathComponent($0).path })
        #expect(valid.status == 0, "\(valid.output)")
        // The legacy-charset item, in each charset it is delivered in.
        let template = try String(contentsOf: Self.folder.appendingPathComponent("arabic-legacy-template.xml"), encoding: .utf8)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wire-xsd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var files: [String] = []
        for charset in ["windows-1256", "ISO-8859-6"] {
            let bytes = try #require(WireFileTests.iconv(Array(template.replacingOccurrences(of: "ENCODING", with: charset).utf8), to: charset))
            let file = scratch.appendingPathComponent("\(charset).xml")
            try Data(bytes).write(to: file)
            files.append(file.path)
        }
        let legacy = try Self.xmllint(files)
        #expect(legacy.status == 0, "\(legacy.output)")
        // Without its guid the schema refuses an item, as the reader does.
        let v1 = try String(contentsOf: Self.folder.appendingPathComponent("arabic-newsitem-v1.xml"), encoding: .utf8)
        let broken = try #require(v1.range(of: #"guid="[^"]*""#, options: .regularExpression))
        let without = scratch.appendingPathComponent("no-guid.xml")
        try v1.replacingCharacters(in: broken, with: "").write(to: without, atomically: true, encoding: .utf8)
        let refused = try Self.xmllint([without.path])
        #expect(refused.status != 0 && refused.output.contains("guid"), "\(refused.output)")
        #expect(WireFileTests.refusal(Array(try Data(contentsOf: without)))?.kind == .missing)
    }

    @Test("the ninjs items, ours and IPTC's, are valid ninjs 1.6 or 2.2, and the reader reads them")
    func ninjsValid() throws {
        let first = ["arabic-ninjs-1.json", "iptc/ninjs-1.6_004_simple_text_article.json"]
        let second = ["arabic-ninjs-2.json", "iptc/ninjs-2.2_004_simple_text_article.json", "iptc/ninjs-2.2_005_complex_text_article.json"]
        #expect(try Self.schemaErrors(try first.map(Self.object), version1: true).allSatisfy(\.isEmpty))
        #expect(try Self.schemaErrors(try second.map(Self.object), version1: false).allSatisfy(\.isEmpty))
        for name in first + second {
            #expect(throws: Never.self, "\(name)") { _ = try WireFileTests.read(try WireFileTests.bytes(name)) }
        }
    }

    /// Fields changed one at a time in a valid document: each as the schema sees it and as the reader does.
    static var changes1: [(String, Any?)] { [
        ("uri", nil), ("uri", 5), ("pubstatus", "published"), ("pubstatus", "withheld"), ("urgency", "2"), ("urgency", true),
        ("urgency", 9), ("type", "article"), ("headline", 7), ("version", 2), ("byline", 3), ("located", 1), ("body_html", 1),
        ("body_text", ["x"]), ("subject", "x"), ("subject", [["code": "medtop:11000000", "name": "سياسة"]]), ("foo", "bar"),
        ("headline_extra", "عنوان"), ("body_", "x"), ("headlines", [["value": "x"]]), ("slugline", ["x"]), ("copyrightnotice", 1),
        ("versioncreated", "yesterday"), ("versioncreated", "2023-08-03"), ("firstcreated", "2023-08-03t09:00:00z"), ("title", 3),
        ("uri", "not a uri"), ("uri", "https://kuna.net.kw/ar/item?id=5#top"), ("wordcount", "300"), ("ednote", ["x"]),
    ] }
    static var changes2: [(String, Any?)] { [
        ("uri", nil), ("uri", 5), ("pubstatus", "published"), ("pubstatus", "canceled"), ("urgency", "2"), ("type", "article"),
        ("type", "composite"), ("headlines", "x"), ("headlines", ["x"]), ("version", 2), ("by", 3), ("located", 1), ("bodies", [:]),
        ("bodies", ["x"]), ("subject", "x"), ("subjects", [["uri": "medtop:11000000", "name": "سياسة"]]), ("subjects", "x"),
        ("foo", "bar"), ("headline", "عنوان"), ("language", 4), ("versioncreated", 5),
        ("expires", "2023-13-01T00:00:00Z"), ("embargoed", "2023-08-03T12:00:00+03:00"), ("uri", "urn:ninjs:ina.iq:٢٠٢٣"), ("profile", 1),
    ] }

    @Test("ninjs refused by IPTC's schemas is refused by the reader; accepted by them, read by it")
    func readerAgreesWithSchemas() throws {
        for (base, version1, changes) in [("arabic-ninjs-1.json", true, Self.changes1), ("arabic-ninjs-2.json", false, Self.changes2)] {
            let original = try Self.object(base)
            let documents = changes.map { change in
                var document = original
                document[change.0] = change.1
                return document
            }
            let verdicts = try Self.schemaErrors(documents, version1: version1)
            #expect(verdicts.contains(where: \.isEmpty) && verdicts.contains(where: { !$0.isEmpty }), "both kinds are tried")
            for (index, document) in documents.enumerated() {
                let bytes = Array(try JSONSerialization.data(withJSONObject: document))
                let refusal = WireFileTests.refusal(bytes)
                let change = "\(base): \(changes[index].0) = \(String(describing: changes[index].1))"
                if verdicts[index].isEmpty {
                    #expect(refusal == nil, "the schema accepts \(change); the reader said \(String(describing: refusal))")
                } else {
                    #expect(refusal != nil, "the schema refuses \(change) (\(verdicts[index])); the reader read it")
                }
            }
        }
    }

    @Test("the reader's lists of ninjs fields are the schemas' own")
    func fieldListsAreTheSchemas() throws {
        let first = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.ninjs1))) as? [String: Any])
        #expect(Set(try #require(first["properties"] as? [String: Any]).keys) == NinjsSchema.version1)
        let patterns = try #require(first["patternProperties"] as? [String: Any]).keys.sorted()
        #expect(patterns == NinjsSchema.version1Prefixes.map { "^\($0)[a-zA-Z0-9_]+" }.sorted())
        #expect(first["additionalProperties"] as? Bool == false)
        let secondURL = URL(fileURLWithPath: Self.ninjs2Folder).appendingPathComponent("ninjs-schema_2.2.json")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: secondURL)) as? [String: Any])
        let definitions = try #require(second["$defs"] as? [String: Any])
        let ninjsType = try #require(definitions["ninjsType"] as? [String: Any])
        #expect(Set(try #require(ninjsType["properties"] as? [String: Any]).keys) == NinjsSchema.version2)
        #expect(second["unevaluatedProperties"] as? Bool == false && ninjsType["patternProperties"] == nil)
        // The plain fields' types and formats, as either schema gives them.
        let properties = [try #require(first["properties"] as? [String: [String: Any]]), try #require(ninjsType["properties"] as? [String: [String: Any]])]
        func fields(_ test: ([String: Any]) -> Bool) -> Set<String> {
            Set(properties.flatMap { $0.filter { test($0.value) }.keys })
        }
        #expect(fields { $0["type"] as? String == "string" } == NinjsSchema.stringFields)
        #expect(fields { $0["type"] as? String == "number" } == NinjsSchema.numberFields)
        #expect(fields { $0["format"] as? String == "date-time" } == NinjsSchema.dateTimeFields)
        #expect(fields { $0["format"] as? String == "uri" } == ["uri"])
    }
}
