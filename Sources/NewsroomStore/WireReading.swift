#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// An item in the queue as a list shows it.
public struct WireItemSummary: Sendable, Equatable {
    public let id: WireItemID
    public let source: WireSourceName
    public let guid: String
    public let version: Int
    public let versionCreated: Date
    public let receivedAt: Date
    public let urgency: Int?
    public let pubStatus: WirePubStatus
    public let headline: String
    public let stories: [StoryID]
}

/// An item with its current version's text and every version received.
public struct WireItemDetail: Sendable, Equatable {
    public let summary: WireItemSummary
    public let version: WireVersion
    public let origin: String
    public let versions: [(number: Int, receivedAt: Date, pubStatus: WirePubStatus, signals: [String])]

    public static func == (a: WireItemDetail, b: WireItemDetail) -> Bool {
        a.summary == b.summary && a.version == b.version && a.origin == b.origin && a.versions.map(\.number) == b.versions.map(\.number)
    }
}

/// Where a story's copy came from (`wire take`).
public struct StoryWireOrigin: Sendable, Equatable {
    public let item: WireItemID
    public let source: WireSourceName
    public let guid: String
    public let version: Int
    public let creditline: String?
    public let takenBy: Handle
    public let takenAt: Date
    /// The item's newest version now, and whether the agency has killed it.
    public let currentVersion: Int
    public let killed: Bool
}

public struct WireFilter: Sendable {
    public var source: WireSourceName?
    /// This urgency or more urgent (1 is the most).
    public var urgency: Int?
    public var since: Date?
    public var limit: Int

    public init(source: WireSourceName? = nil, urgency: Int? = nil, since: Date? = nil, limit: Int = 50) {
        self.source = source
        self.urgency = urgency
        self.since = since
        self.limit = limit
    }
}

extension NewsroomStore {
    static let wireSummaryColumns = """
        i.id, i.source, i.guid, i.version, i.version_created, i.received_at, i.urgency::integer AS urgency, i.pub_status, i.headline,
        ARRAY(SELECT o.story_id::text FROM story_wire_origins o WHERE o.item_id = i.id ORDER BY o.story_id) AS stories
        """

    /// Newest first (the agency's version time), the more urgent first at the same time.
    public func wireItems(_ filter: WireFilter) throws -> [WireItemSummary] {
        try connection.query(
            """
            SELECT \(Self.wireSummaryColumns) FROM wire_items i
             WHERE ($1::text IS NULL OR i.source = $1) AND ($2::int IS NULL OR i.urgency <= $2)
               AND ($3::timestamptz IS NULL OR i.version_created >= $3)
             ORDER BY i.version_created DESC, i.urgency ASC NULLS LAST, i.id DESC LIMIT $4
            """,
            [filter.source?.rawValue, filter.urgency, filter.since, filter.limit]
        ).map(Self.wireSummary)
    }

    static func wireSummary(_ row: PostgresRow) throws -> WireItemSummary {
        let stories: [String] = try row.decode("stories")
        return WireItemSummary(
            id: WireItemID(rawValue: try row.decode("id")), source: WireSourceName(rawValue: try row.decode("source")), guid: try row.decode("guid"),
            version: Int(try row.decode("version", as: Int32.self)), versionCreated: try row.decode("version_created"),
            receivedAt: try row.decode("received_at"), urgency: try row.decode("urgency", as: Int32?.self).map(Int.init),
            pubStatus: WirePubStatus(rawValue: try row.decode("pub_status")) ?? .usable, headline: try row.decode("headline"),
            stories: stories.compactMap { Int64($0) }.map(StoryID.init(rawValue:)))
    }

    public func wireItem(_ id: WireItemID) throws -> WireItemDetail {
        guard let row = try connection.query(
            """
            SELECT \(Self.wireSummaryColumns), v.format, v.first_created, v.signals, v.slugline, v.dateline, v.located, v.creditline,
                   v.byline, v.language, v.subjects, v.body, v.body_text, v.body_note, v.origin, v.headline AS version_headline
              FROM wire_items i JOIN wire_versions v ON v.item_id = i.id AND v.version = i.version WHERE i.id = $1
            """,
            [id.rawValue]
        ).first else {
            throw NewsroomError.notFound("wire item", id.description, hint: "`newsroom wire list` shows the queue")
        }
        let summary = try Self.wireSummary(row)
        var document = WireDocument(format: WireDocument.Format(rawValue: try row.decode("format")) ?? .ninjs, guid: summary.guid,
                                    version: summary.version, headline: try row.decode("version_headline"))
        document.versionCreated = summary.versionCreated
        document.firstCreated = try row.decode("first_created")
        document.pubStatus = summary.pubStatus
        document.signals = try row.decode("signals")
        document.urgency = summary.urgency
        document.slugline = try row.decode("slugline")
        document.dateline = try row.decode("dateline")
        document.located = try row.decode("located")
        document.creditline = try row.decode("creditline")
        document.byline = try row.decode("byline")
        document.language = try row.decode("language")
        document.subjects = try row.decode("subjects")
        let version = WireVersion(document: document, body: try row.decode("body"), bodyText: try row.decode("body_text"),
                                  bodyNote: try row.decode("body_note"))
        let versions = try connection.query(
            "SELECT version, received_at, pub_status, signals FROM wire_versions WHERE item_id = $1 ORDER BY version", [id.rawValue]
        ).map { row in
            (number: Int(try row.decode("version", as: Int32.self)), receivedAt: try row.decode("received_at", as: Date.self),
             pubStatus: WirePubStatus(rawValue: try row.decode("pub_status")) ?? .usable, signals: try row.decode("signals", as: [String].self))
        }
        return WireItemDetail(summary: summary, version: version, origin: try row.decode("origin"), versions: versions)
    }

    /// The same search as the stories' (its words, stems and ranking), over the queue's items;
    /// with the plans it chose (as `SearchResults.plan`).
    public func searchWire(_ request: SearchRequest) throws -> (hits: [(WireItemSummary, SearchHit)], plan: [String]) {
        let results = try StorySearch(connection: connection, scope: .wire).search(request)
        let ids = results.hits.map(\.id.rawValue)
        guard !ids.isEmpty else { return ([], results.plan) }
        let rows = try connection.query("SELECT \(Self.wireSummaryColumns) FROM wire_items i WHERE i.id = ANY ($1::bigint[])",
                                        [PostgresTextArray(values: ids)])
        let byID = Dictionary(uniqueKeysWithValues: try rows.map(Self.wireSummary).map { ($0.id.rawValue, $0) })
        return (results.hits.compactMap { hit in byID[hit.id.rawValue].map { ($0, hit) } }, results.plan)
    }

    /// A draft made from the item's current version: headline, dateline, body, and where it came
    /// from (source, guid, version, credit line). It goes through review like any other.
    public func takeWireItem(_ id: WireItemID, section: SectionSlug, by actor: Actor) throws -> StoryID {
        try check { try WireRules.authorizeTaking(by: actor) }
        let item = try wireItem(id)
        try check {
            if item.summary.pubStatus != .usable {
                throw NewsroomError(.invalidState, "wire item \(id) is \(item.summary.pubStatus.rawValue) by \(item.summary.source): the agency says it may not be used")
            }
        }
        let document = item.version.document
        let draft = NewDraft(headline: document.headline, section: section, dateline: document.dateline ?? document.located.flatMap {
            try? EditorialText.line($0, .dateline)
        }, body: item.version.body, author: nil)
        return try write(by: actor) {
            let story = try writeDraft(draft, by: actor)
            try connection.query(
                "INSERT INTO story_wire_origins (story_id, item_id, version, creditline, taken_by) VALUES ($1, $2, $3, $4, $5)",
                [story.rawValue, id.rawValue, item.summary.version, document.creditline, actor.name]
            )
            return story
        }
    }

    public func wireOrigin(of story: StoryID) throws -> StoryWireOrigin? {
        guard let row = try connection.query(
            """
            SELECT o.item_id, i.source, i.guid, o.version, o.creditline, o.taken_by, o.taken_at, i.version AS current, i.killed_at IS NOT NULL AS killed
              FROM story_wire_origins o JOIN wire_items i ON i.id = o.item_id WHERE o.story_id = $1
            """,
            [story.rawValue]
        ).first else { return nil }
        return StoryWireOrigin(
            item: WireItemID(rawValue: try row.decode("item_id")), source: WireSourceName(rawValue: try row.decode("source")),
            guid: try row.decode("guid"), version: Int(try row.decode("version", as: Int32.self)), creditline: try row.decode("creditline"),
            takenBy: Handle(rawValue: try row.decode("taken_by")), takenAt: try row.decode("taken_at"),
            currentVersion: Int(try row.decode("current", as: Int32.self)), killed: try row.decode("killed"))
    }
}
