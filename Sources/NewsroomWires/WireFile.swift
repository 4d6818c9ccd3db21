internal import CLibXML2
import NewsroomCore

/// One delivered file (or HTTP response) read into the agency's documents: NewsML-G2 XML or
/// ninjs JSON, told apart by their first sign. Refused whole, with the reason, when it is too
/// large, hostile or not an item; nothing outside the bytes is ever read.
public enum WireFile {
    /// `charset`: what the transport declared (HTTP's Content-Type); XML declares its own.
    public static func documents(_ bytes: [UInt8], maxBytes: Int, charset: String? = nil) throws(WireRefusal) -> [WireDocument] {
        guard bytes.count <= maxBytes else {
            throw WireRefusal(.tooLarge, "it is \(bytes.count) bytes, over the source's limit of \(maxBytes) (wire source add --max-bytes)")
        }
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { throw WireRefusal(.malformed, "the file is empty") }
        switch bytes[start] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var json = Array(bytes[start...])
            if let charset, !Charset.isUTF8(charset) { json = try Charset.utf8(json, from: charset) }
            return try NinjsReader.documents(json)
        case UInt8(ascii: "<"):
            return try NewsMLReader.documents(try XMLTree(bytes))
        default:
            throw WireRefusal(.malformed, "it is neither XML (NewsML-G2) nor JSON (ninjs): it starts with byte 0x\(String(bytes[start], radix: 16, uppercase: true))")
        }
    }
}

/// An Atom feed of items (RFC 4287), as agencies' HTTP APIs list them: each entry's item, inline
/// (`content` holding a newsItem or ninjs) or linked (`content src`, an `enclosure` or
/// `alternate` link), newest last as they are to be taken.
public enum AtomFeed {
    public enum Entry: Sendable, Equatable {
        case inline([UInt8])
        case link(String)
    }

    /// Nil when the bytes are not an Atom feed (an item itself).
    public static func entries(_ bytes: [UInt8]) throws(WireRefusal) -> [Entry]? {
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }), first == UInt8(ascii: "<") else { return nil }
        let tree = try XMLTree(bytes)
        guard let root = tree.root, root.name == "feed" else { return nil }
        var entries: [Entry] = []
        for entry in root.all("entry") {
            if let content = entry.first("content") {
                if let src = content.attribute("src") { entries.append(.link(src)); continue }
                if let item = content.elements.first { entries.append(.inline(serialize(item))); continue }
                let text = content.text.trimmingWhitespace()
                if text.hasPrefix("{") { entries.append(.inline(Array(text.utf8))); continue }
            }
            let links = entry.all("link")
            if let link = links.first(where: { $0.attribute("rel") == "enclosure" }) ?? links.first(where: { ($0.attribute("rel") ?? "alternate") == "alternate" }),
               let href = link.attribute("href") {
                entries.append(.link(href))
            }
        }
        return entries.reversed()
    }

    /// An element as a document of its own (its namespaces declared on it).
    static func serialize(_ node: XMLNode) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { return [] }
        defer { xmlBufferFree(buffer) }
        let copy = xmlDocCopyNode(node.pointer, nil, 1)
        defer { xmlFreeNode(copy) }
        _ = xmlNodeDump(buffer, nil, copy, 0, 0)
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".utf8) + Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
}
