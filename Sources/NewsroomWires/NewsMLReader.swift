#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore

/// IPTC NewsML-G2: a `newsItem`, or a `newsMessage` carrying several in its `itemSet`. What the
/// queue keeps of each (guid, version, status, signals, urgency, headline, slugline, dateline,
/// located, credit line, byline, subjects) and its text: inline XHTML or NITF (`inlineXML`) read
/// into the body format, or `inlineData` as text. Items of other classes (concepts, planning,
/// packages) are not copy and refuse the file.
enum NewsMLReader {
    static func documents(_ tree: XMLTree) throws(WireRefusal) -> [WireDocument] {
        guard let root = tree.root else { throw WireRefusal(.malformed, "the file has no root element") }
        switch root.name {
        case "newsItem":
            return [try item(root)]
        case "newsMessage":
            var items: [WireDocument] = []
            for set in root.all("itemSet") {
                for element in set.all("newsItem") { items.append(try item(element)) }
            }
            guard !items.isEmpty else { throw WireRefusal(.notAnItem, "the newsMessage carries no newsItem in its itemSet") }
            return items
        default:
            throw WireRefusal(.notAnItem, "its root element is <\(root.name)>, not a NewsML-G2 <newsItem> or <newsMessage> (nor ninjs JSON)")
        }
    }

    static func item(_ item: XMLNode) throws(WireRefusal) -> WireDocument {
        let guid = item.attribute("guid")?.trimmingWhitespace() ?? ""
        guard !guid.isEmpty else { throw WireRefusal(.missing, "a newsItem has no guid attribute") }
        let meta = item.first("itemMeta")
        let content = item.first("contentMeta")
        let headline = content?.all("headline").first.map(\.line) ?? ""
        guard !headline.isEmpty else { throw WireRefusal(.missing, "newsItem \(guid) has no headline (contentMeta/headline)") }
        var versionText = item.attribute("version")?.trimmingWhitespace() ?? "1"
        if versionText.isEmpty { versionText = "1" }
        guard let version = Int(versionText), version >= 1 else {
            throw WireRefusal(.missing, "newsItem \(guid) has version \"\(versionText)\", not a positive whole number")
        }
        var document = WireDocument(format: .newsmlG2, guid: guid, version: version, headline: headline)
        document.versionCreated = meta?.first("versionCreated").flatMap { WireTime.parse($0.line) }
        document.firstCreated = meta?.first("firstCreated").flatMap { WireTime.parse($0.line) }
        if let status = meta?.first("pubStatus")?.attribute("qcode") {
            document.pubStatus = WirePubStatus(rawValue: code(status)) ?? .usable
        }
        document.signals = meta?.all("signal").compactMap { $0.attribute("qcode") ?? $0.attribute("uri") } ?? []
        document.urgency = content?.first("urgency").flatMap { Int($0.line) }
        document.slugline = content?.first("slugline")?.line
        document.dateline = content?.first("dateline")?.line
        document.located = content?.first("located").flatMap { located in located.first("name")?.line ?? located.attribute("qcode") }
        document.creditline = content?.first("creditline")?.line
            ?? item.first("rightsInfo")?.first("copyrightNotice")?.line
        document.byline = content?.first("by")?.line
            ?? content?.first("creator").flatMap { $0.first("name")?.line }
        document.language = item.attribute("lang") ?? content?.first("language")?.attribute("tag")
        document.subjects = content?.all("subject").compactMap { subject in
            let name = subject.first("name")?.line
            let qcode = subject.attribute("qcode")
            return [qcode, name].compactMap { $0 }.joined(separator: " ").nilIfEmpty
        } ?? []
        document.body = body(item.first("contentSet"))
        return document
    }

    /// The first text content: inline XML (XHTML's body, NITF's body.content) or inline data.
    static func body(_ contentSet: XMLNode?) -> WireDocument.Body {
        guard let contentSet else { return .text("") }
        for element in contentSet.elements {
            if element.name == "inlineXML" {
                let root = element.elements.first
                let content = root.flatMap { $0.descendant("body.content") ?? $0.descendant("body") } ?? root ?? element
                return .blocks(MarkupBody.blocks(content))
            }
            if element.name == "inlineData" {
                let type = element.attribute("contenttype")?.lowercased() ?? "text/plain"
                if type.contains("html") { return .blocks(MarkupBody.blocks(html: element.text)) }
                return .text(element.text)
            }
        }
        return .text("")
    }

    /// `stat:canceled` → `canceled`.
    static func code(_ qcode: String) -> String {
        String(qcode.split(separator: ":").last ?? "").lowercased()
    }
}

/// Times as agencies write them: ISO 8601 with an offset, or a date alone.
enum WireTime {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingWhitespace().uppercased()  // RFC 3339 allows t and z
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if trimmed.count == 10, let date = try? Date(trimmed + "T00:00:00Z", strategy: .iso8601) { return date }
        return nil
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
