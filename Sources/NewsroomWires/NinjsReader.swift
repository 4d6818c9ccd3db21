import Foundation  // JSONSerialization: a document's fields are checked one by one, as the schema does
import NewsroomCore

/// IPTC ninjs 1.x (`headline`, `body_html`/`body_text`/`body_richtext`, `byline`) and 2.x/3.x
/// (`headlines`, `bodies`, `by`), one document or an array of them. Each document is checked
/// against what IPTC's schemas require of the fields read here (a `uri`; strings, numbers and
/// arrays where the schema says so; `pubstatus` of its three values); a document that fails is
/// refused, as the schema would refuse it (a test holds the two to agreement).
enum NinjsReader {
    static func documents(_ bytes: [UInt8]) throws(WireRefusal) -> [WireDocument] {
        let value: Any
        do { value = try JSONSerialization.jsonObject(with: Data(bytes), options: []) } catch {
            throw WireRefusal(.malformed, "it is not JSON that can be read (\(error.localizedDescription)); ninjs is UTF-8 JSON")
        }
        if let list = value as? [Any] {
            guard !list.isEmpty else { throw WireRefusal(.notAnItem, "the JSON array holds no ninjs document") }
            var documents: [WireDocument] = []
            for (index, element) in list.enumerated() {
                guard let object = element as? [String: Any] else { throw WireRefusal(.schema, "element \(index) of the array is not a ninjs object") }
                documents.append(try document(object, at: "element \(index): "))
            }
            return documents
        }
        guard let object = value as? [String: Any] else { throw WireRefusal(.schema, "the JSON is not a ninjs object") }
        return [try document(object, at: "")]
    }

    static func document(_ object: [String: Any], at place: String) throws(WireRefusal) -> WireDocument {
        var checker = Checker(object: object, place: place)
        let uri = try checker.string("uri", required: true) ?? ""
        let unknown = NinjsSchema.unknownFields(object.keys)
        guard unknown.isEmpty else {
            throw checker.refusal("\(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) \(unknown.count == 1 ? "is no field" : "are no fields") of ninjs 1.x or 2.x (IPTC's schemas allow no others)")
        }
        try checker.checkTypes()
        let version = try checker.string("version")
        let pubstatus = try checker.string("pubstatus")
        let urgency = try checker.number("urgency")
        let type = try checker.string("type")
        if let type, !["text", "audio", "video", "picture", "graphic", "composite", "component", "event"].contains(type) {
            throw checker.refusal("type \"\(type)\" is not one of ninjs's types")
        }
        if let type, type != "text", type != "composite" {
            throw WireRefusal(.notAnItem, "\(place)ninjs item \(uri) is of type \(type), not text; the queue takes copy")
        }
        var headline = try checker.string("headline") ?? ""
        for entry in try checker.objects("headlines") where headline.isEmpty {
            if let value = entry["value"] as? String, (entry["role"] as? String).map({ $0 == "main" }) ?? true { headline = value }
        }
        if headline.isEmpty { headline = try checker.string("headline_main") ?? "" }
        guard !headline.trimmingWhitespace().isEmpty else { throw WireRefusal(.missing, "\(place)ninjs item \(uri) has no headline") }
        guard let pubStatus = pubstatus.map({ WirePubStatus(rawValue: $0) }) ?? .usable else {
            throw checker.refusal("pubstatus \"\(pubstatus ?? "")\" is not usable, withheld or canceled")
        }
        let versionNumber: Int
        if let version {
            guard let number = Int(version.trimmingWhitespace()), number >= 1 else {
                throw WireRefusal(.missing, "\(place)ninjs item \(uri) has version \"\(version)\", not a positive whole number")
            }
            versionNumber = number
        } else {
            versionNumber = 1
        }
        var document = WireDocument(format: .ninjs, guid: uri, version: versionNumber, headline: headline)
        document.pubStatus = pubStatus
        document.urgency = urgency.map { Int($0) }
        document.versionCreated = try checker.string("versioncreated").flatMap(WireTime.parse)
        document.firstCreated = try checker.string("firstcreated").flatMap(WireTime.parse)
        document.slugline = try checker.string("slugline")
        let by = try checker.string("by"), byline = try checker.string("byline")
        document.byline = by ?? byline
        document.located = try checker.string("located")
        document.language = try checker.string("language")
        document.creditline = try checker.string("copyrightnotice")
        // 2.x's `subjects` (uri, name), 1.x's `subject` (code, name).
        document.subjects = try (checker.objects("subjects") + checker.objects("subject")).compactMap { subject in
            [subject["uri"] as? String ?? subject["code"] as? String, subject["name"] as? String].compactMap { $0 }.joined(separator: " ").nilIfEmpty
        }
        document.body = try body(&checker)
        return document
    }

    /// The richest body there is: HTML (ninjs 2's `bodies` by content type, 1's `body_html`
    /// or `body_richtext`), else the text.
    static func body(_ checker: inout Checker) throws(WireRefusal) -> WireDocument.Body {
        var text: String? = nil
        for entry in try checker.objects("bodies") {
            guard let value = entry["value"] as? String else { continue }
            let type = (entry["contenttype"] as? String ?? "text/plain").lowercased()
            if type.contains("html") { return .blocks(MarkupBody.blocks(html: value)) }
            text = text ?? value
        }
        for key in ["body_html", "body_richtext"] {
            if let html = try checker.string(key) { return .blocks(MarkupBody.blocks(html: html)) }
        }
        for key in ["body_text", "body_main"] {
            if let plain = try checker.string(key) { return .text(plain) }
        }
        if let text { return .text(text) }
        return .text("")
    }

    /// What the schemas require of the fields read here, with the schema's words in refusals.
    struct Checker {
        let object: [String: Any]
        let place: String

        func refusal(_ what: String) -> WireRefusal {
            WireRefusal(.schema, "\(place)the ninjs document fails IPTC's schema: \(what)")
        }

        func string(_ key: String, required: Bool = false) throws(WireRefusal) -> String? {
            guard let value = object[key], !(value is NSNull) else {
                if required { throw refusal("it has no \"\(key)\"") }
                return nil
            }
            guard let string = value as? String else { throw refusal("\"\(key)\" is not a string") }
            return string
        }

        /// The plain fields' types and formats, read here or not, as the schemas check them.
        func checkTypes() throws(WireRefusal) {
            for key in object.keys.sorted() {
                if NinjsSchema.stringFields.contains(key) || NinjsSchema.version1Prefixes.contains(where: key.hasPrefix), let text = try string(key) {
                    if NinjsSchema.dateTimeFields.contains(key), !NinjsSchema.isDateTime(text) {
                        throw refusal("\"\(key)\" is \"\(text)\", not a date-time of RFC 3339 (such as 2023-08-03T12:00:00+03:00)")
                    }
                    if key == "uri", !NinjsSchema.isURI(text) { throw refusal("\"uri\" is \"\(text)\", not an absolute URI") }
                }
                if NinjsSchema.numberFields.contains(key) { _ = try number(key) }
            }
        }

        func number(_ key: String) throws(WireRefusal) -> Double? {
            guard let value = object[key] else { return nil }
            // JSON's true and false come as NSNumbers too; their type code is a char's.
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else {
                throw refusal("\"\(key)\" is not a number")
            }
            return number.doubleValue
        }

        /// An array of objects (`headlines`, `bodies`, `subjects`, `subject`); each must be an object.
        func objects(_ key: String) throws(WireRefusal) -> [[String: Any]] {
            guard let value = object[key] else { return [] }
            guard let list = value as? [Any] else { throw refusal("\"\(key)\" is not an array") }
            var objects: [[String: Any]] = []
            for element in list {
                guard let entry = element as? [String: Any] else { throw refusal("an element of \"\(key)\" is not an object") }
                if ["headlines", "bodies"].contains(key), !(entry["value"] is String) { throw refusal("an element of \"\(key)\" has no string \"value\"") }
                objects.append(entry)
            }
            return objects
        }
    }
}
