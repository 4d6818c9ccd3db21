#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An item in the wire queue, by its number there.
public struct WireItemID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: WireItemID, b: WireItemID) -> WireItemID.Comparison { a.rawValue < b.rawValue }
    public typealias Comparison = Bool

    public static func parse(_ text: String) throws(NewsroomError) -> WireItemID {
        guard let value = Digits.positiveInteger(text) else {
            throw .invalid("wire item", "\"\(text)\" is not a wire item's number; `newsroom wire list` shows them")
        }
        return WireItemID(rawValue: Int64(value))
    }
}

/// A source's name, as the newsroom calls an agency's feed: `afp-arabic`, `ina`.
public struct WireSourceName: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: WireSourceName, b: WireSourceName) -> Bool { a.rawValue < b.rawValue }

    public static let rule = "2 to 40 characters: lower-case letters a-z, digits or '-', starting with a letter (e.g. afp-arabic)"

    public static func parse(_ text: String) throws(NewsroomError) -> WireSourceName {
        let bytes = Array(text.utf8)
        let allowed = bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        guard (2...40).contains(bytes.count), allowed, let first = bytes.first, first >= 0x61, first <= 0x7A else {
            throw .invalid("source", "\"\(text)\" is not a source name; use \(rule)")
        }
        return WireSourceName(rawValue: text)
    }
}

/// Whether an agency may still be used: NewsML-G2's `pubStatus`, ninjs's `pubstatus`.
public enum WirePubStatus: String, Sendable, CaseIterable {
    case usable, withheld, canceled
}

/// What an agency sent, read from its file and not yet checked by the newsroom's text rules.
public struct WireDocument: Sendable, Equatable {
    public enum Format: String, Sendable { case newsmlG2 = "newsml-g2", ninjs }
    /// The body as it came: marked up (read into the body format's blocks) or plain text.
    public enum Body: Sendable, Equatable {
        case blocks([ArticleBlock])
        case text(String)
    }

    public var format: Format
    public var guid: String
    public var version: Int
    public var versionCreated: Date?
    public var firstCreated: Date?
    public var pubStatus: WirePubStatus
    /// The agency's signals (`sig:update`, `sig:correction`, `sig:kill`…), as qcodes.
    public var signals: [String]
    public var urgency: Int?
    public var headline: String
    public var slugline: String?
    public var dateline: String?
    public var located: String?
    public var creditline: String?
    public var byline: String?
    public var language: String?
    public var subjects: [String]
    public var body: Body

    public init(format: Format, guid: String, version: Int = 1, headline: String, body: Body = .text("")) {
        self.format = format
        self.guid = guid
        self.version = version
        self.headline = headline
        self.body = body
        self.pubStatus = .usable
        self.signals = []
        self.subjects = []
    }

    /// A kill: the agency says the item may no longer be used, by its status or its signal.
    public var isKill: Bool {
        pubStatus != .usable || signals.contains { $0.lowercased().hasSuffix(":kill") || $0.lowercased() == "kill" }
    }
}

/// An item version as the newsroom keeps it: every text through the rules a story's follows.
public struct WireVersion: Sendable, Equatable {
    public var document: WireDocument
    /// In the body format, valid as a story's body (or empty).
    public var body: String
    public var bodyText: String
    /// Why the body is plain text: the agency's markup was refused by the body format.
    public var bodyNote: String?
    public var killed: Bool { document.isKill }

    public init(document: WireDocument, body: String, bodyText: String, bodyNote: String?) {
        self.document = document
        self.body = body
        self.bodyText = bodyText
        self.bodyNote = bodyNote
    }
}

/// The wire's rules: who does what, the limits, and how an agency's document becomes a version.
public enum WireRules {
    /// A file larger than this is refused unless its source says otherwise (5 MB).
    public static let defaultMaxBytes = 5_000_000
    public static let maxBytesRange = 1_000...100_000_000
    public static let pollRange = 1...86_400
    public static let settleRange = 0...3_600
    /// Days the queue keeps an item no story was taken from (the setting `wire.retention`).
    public static let defaultRetentionDays = 30
    public static let retentionRange = 1...3_650
    /// The staff record the wire writes its notes as; it can never sign in (0032).
    public static let wireHandle = Handle(rawValue: "agency.wire")

    public static func authorizeManagingSources(by actor: Actor) throws(NewsroomError) {
        guard case .staff(let member) = actor, member.active, member.role == .chief || member.role == .admin else {
            throw NewsroomError(.notAllowed, "\(actor.name) may not add or change wire sources: chiefs and admins may")
        }
    }

    public static func authorizeTaking(by actor: Actor) throws(NewsroomError) {
        guard case .staff(let member) = actor, member.active, member.role.writes else {
            throw NewsroomError(.notAllowed, "\(actor.name) may not take wire items: reporters, editors and chiefs may")
        }
    }

    /// Where a source is: a folder by its absolute path, or an http(s) address with a host.
    public enum Place: Sendable { case folder, url }
    /// A source's location in bytes of UTF-8, at most.
    public static let locationBytes = 2_000

    /// A source as it may be stored (0032 and 0035 check the same): its times and size within
    /// their ranges; its location at most `locationBytes` bytes with no control character; a
    /// folder absolute; an address `http://` or `https://`, a host (its first character not
    /// `/`, `?`, `#` or a space) and no space anywhere.
    public static func checkSource(_ place: Place, location: String, pollSeconds: Int, settleSeconds: Int, maxBytes: Int) throws(NewsroomError) {
        func within(_ value: Int, _ range: ClosedRange<Int>, _ field: String, _ unit: String) throws(NewsroomError) {
            guard range.contains(value) else {
                throw .invalid(field, "\(value) is not from \(range.lowerBound) to \(range.upperBound)\(unit)")
            }
        }
        try within(pollSeconds, pollRange, "poll", " seconds")
        try within(settleSeconds, settleRange, "settle", " seconds")
        try within(maxBytes, maxBytesRange, "max-bytes", " bytes")
        let field = place == .folder ? "folder" : "url"
        guard location.utf8.count <= locationBytes else { throw .invalid(field, "is longer than \(locationBytes) bytes") }
        guard !location.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(field, "contains a control character")
        }
        switch place {
        case .folder:
            guard location.hasPrefix("/") else { throw .invalid(field, "\(location) is not an absolute path; give one starting with /") }
        case .url:
            let rest = location.hasPrefix("http://") ? location.dropFirst(7) : location.hasPrefix("https://") ? location.dropFirst(8) : nil
            guard let rest, let first = rest.first, !"/?# ".contains(first), !location.contains(" ") else {
                throw .invalid(field, "\(location) is not an http:// or https:// address with a host and without spaces")
            }
        }
    }

    /// `wire.retention`: whole days, 1 to 3650, stored in ASCII digits (Arabic-Indic ones are read).
    public static func retention(_ value: String) throws(NewsroomError) -> String {
        guard let days = Digits.positiveInteger(value), retentionRange.contains(Int(days)) else {
            throw .invalid("wire.retention", "\"\(value)\" is not a number of days from \(retentionRange.lowerBound) to \(retentionRange.upperBound)")
        }
        return String(days)
    }

    /// The document through the newsroom's text rules: lines NFC and within their limits, the
    /// body in the body format. Markup the format refuses is kept as the text it holds, with a note.
    public static func version(of document: WireDocument) throws(WireRefusal) -> WireVersion {
        var checked = document
        guard !document.guid.trimmingWhitespace().isEmpty else { throw WireRefusal(.missing, "the item has no guid (NewsML-G2 guid, ninjs uri)") }
        guard document.version >= 1 else { throw WireRefusal(.missing, "the item's version \(document.version) is not a positive number") }
        do {
            checked.guid = try EditorialText.line(document.guid, .wireGuid, field: "guid")
            checked.headline = try EditorialText.line(document.headline, .headline, field: "headline")
        } catch {
            if document.headline.trimmingWhitespace().isEmpty { throw WireRefusal(.missing, "the item has no headline") }
            throw WireRefusal(.text, error.message)
        }
        func optional(_ text: String?, _ kind: LineKind, _ field: String) throws(WireRefusal) -> String? {
            guard let text, !text.trimmingWhitespace().isEmpty else { return nil }
            do { return try EditorialText.line(text, kind, field: field) } catch { throw WireRefusal(.text, error.message) }
        }
        checked.slugline = try optional(document.slugline, .wireLine, "slugline")
        checked.dateline = try optional(document.dateline, .dateline, "dateline")
        checked.located = try optional(document.located, .wireLine, "located")
        checked.creditline = try optional(document.creditline, .wireLine, "creditline")
        checked.byline = try optional(document.byline, .wireLine, "byline")
        if let urgency = document.urgency, !(1...9).contains(urgency) { checked.urgency = nil }
        if let language = document.language, !SiteRules.isLanguageTag(language) { checked.language = nil }
        let (body, note) = try self.body(document.body)
        let text = body.isEmpty ? "" : ArticleBody.reading(body).visibleText
        return WireVersion(document: checked, body: body, bodyText: text, bodyNote: note)
    }

    static func body(_ body: WireDocument.Body) throws(WireRefusal) -> (String, String?) {
        switch body {
        case .blocks(let blocks):
            let source = ArticleSource.write(blocks)
            if source.isEmpty { return ("", nil) }
            do { return (try EditorialText.body(source), nil) } catch {
                let text = ArticleBody(blocks: blocks).visibleText
                let plain = try textBody(text)
                return (plain, "the agency's markup was kept as text: \(firstLine(error.message))")
            }
        case .text(let text):
            return (try textBody(text), nil)
        }
    }

    /// Plain text as a body: a paragraph a line, each escaped so that no sign reads as markup.
    static func textBody(_ text: String) throws(WireRefusal) -> String {
        let paragraphs = EditorialText.normalize(text).split(separator: "\n").map { ArticleSource.lines(ArticleSource.escape(String($0)).trimmingWhitespace()) }
        let source = paragraphs.filter { !$0.isEmpty }.joined(separator: "\n")
        guard !source.isEmpty else { return "" }
        do { return try EditorialText.body(source) } catch { throw WireRefusal(.text, error.message) }
    }

    static func firstLine(_ text: String) -> String {
        String(text.prefix { $0 != "\n" }.prefix(600))
    }
}

/// Why a file was refused: its kind (for the reason file and the tests) and what to do.
public struct WireRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case tooLarge = "too large"
        case malformed
        case dtd = "DTD or entity"
        case charset
        case undecodable
        case schema
        case notAnItem = "not an item"
        case missing
        case text
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// What the wire tells a story's desk when the item it was taken from changes.
public enum WireNotice {
    /// The note's text: which version, what the agency signalled, and the words that changed.
    public static func text(source: WireSourceName, guid: String, from old: Int, to new: Int, killed: Bool, storyOut: Bool,
                            signals: [String], oldText: String, newText: String) -> String {
        var lines: [String] = []
        if killed {
            lines.append("KILL: \(source) has killed \(guid) (version \(new)).")
            lines.append(storyOut
                ? "This story is out and was taken from it: a chief decides whether to withdraw it (newsroom story withdraw)."
                : "This story was taken from it: do not publish it as it stands.")
        } else {
            lines.append("\(source) sent version \(new) of \(guid); this story was taken from version \(old).")
        }
        if !signals.isEmpty { lines.append("Signals: \(signals.joined(separator: ", "))") }
        let runs = WordDiff.runs(from: oldText, to: newText)
        if WordDiff.changed(runs) {
            let diff = runs.filter { $0.change != .same }.map { ($0.change == .inserted ? "+ " : "- ") + $0.text.trimmingWhitespace() }
            lines.append("Words changed:")
            lines += diff.filter { $0.count > 2 }.map { String($0.prefix(400)) }
        }
        var text = lines.joined(separator: "\n")
        if text.utf8.count > 15_000 {
            text = String(decoding: text.utf8.prefix(14_900), as: UTF8.self).trimmingWhitespace() + "\n…"
        }
        return EditorialText.normalize(text)
    }
}
