#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// An agency feed the worker takes items from.
public struct WireSource: Sendable, Equatable {
    public enum Kind: String, Sendable { case folder, url }
    public var name: WireSourceName
    public var kind: Kind
    public var location: String
    public var pollSeconds: Int
    public var settleSeconds: Int
    public var maxBytes: Int
    public var active: Bool
    public var etag: String?
    public var lastModified: String?
    public var polledAt: Date?
    public var items: Int

    public init(name: WireSourceName, kind: Kind, location: String, pollSeconds: Int = 60, settleSeconds: Int = 2,
                maxBytes: Int = WireRules.defaultMaxBytes) {
        self.name = name
        self.kind = kind
        self.location = location
        self.pollSeconds = pollSeconds
        self.settleSeconds = settleSeconds
        self.maxBytes = maxBytes
        self.active = true
        self.items = 0
    }
}

/// What storing one version did: a new item, a later version (and the stories told), an earlier
/// one kept as history, or nothing (this version was stored already: the same file again).
public enum WireIngest: Sendable, Equatable {
    case new(WireItemID)
    case updated(WireItemID, from: Int, notified: [StoryID])
    case older(WireItemID, current: Int)
    case already(WireItemID)

    public var item: WireItemID {
        switch self {
        case .new(let id), .updated(let id, _, _), .older(let id, _), .already(let id): id
        }
    }
}

extension NewsroomStore {
    // MARK: Sources

    public func addWireSource(_ source: WireSource, by actor: Actor) throws {
        try check {
            try WireRules.authorizeManagingSources(by: actor)
            try WireRules.checkSource(source.kind == .folder ? .folder : .url, location: source.location, pollSeconds: source.pollSeconds,
                                      settleSeconds: source.settleSeconds, maxBytes: source.maxBytes)
        }
        try write(by: actor) {
            let taken = try connection.query("SELECT 1 FROM wire_sources WHERE name = $1", [source.name.rawValue])
            if !taken.isEmpty {
                throw NewsroomError(.conflict, "there is a wire source \(source.name) already; choose another name, or see `newsroom wire source list`")
            }
            try connection.query(
                """
                INSERT INTO wire_sources (name, kind, location, poll_seconds, settle_seconds, max_bytes, added_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """,
                [source.name.rawValue, source.kind.rawValue, source.location, source.pollSeconds, source.settleSeconds, source.maxBytes, actor.name]
            )
        }
    }

    /// Stops (or starts again) taking items from a source; its items stay in the queue.
    public func setWireSource(_ name: WireSourceName, active: Bool, by actor: Actor) throws -> Bool {
        try check { try WireRules.authorizeManagingSources(by: actor) }
        return try write(by: actor) {
            guard let row = try connection.query("SELECT active FROM wire_sources WHERE name = $1 FOR UPDATE", [name.rawValue]).first else {
                throw NewsroomError.notFound("wire source", name.rawValue, hint: "`newsroom wire source list` shows them")
            }
            guard try row.decode("active", as: Bool.self) != active else { return false }
            try connection.query("UPDATE wire_sources SET active = $2 WHERE name = $1", [name.rawValue, active])
            return true
        }
    }

    public func wireSources() throws -> [WireSource] {
        try connection.query(
            """
            SELECT s.*, (SELECT count(*) FROM wire_items i WHERE i.source = s.name) AS items FROM wire_sources s ORDER BY s.name
            """
        ).map { row in
            var source = WireSource(
                name: WireSourceName(rawValue: try row.decode("name")), kind: WireSource.Kind(rawValue: try row.decode("kind")) ?? .folder,
                location: try row.decode("location"), pollSeconds: try row.decode("poll_seconds"), settleSeconds: try row.decode("settle_seconds"),
                maxBytes: try row.decode("max_bytes"))
            source.active = try row.decode("active")
            source.etag = try row.decode("etag")
            source.lastModified = try row.decode("last_modified")
            source.polledAt = try row.decode("polled_at")
            source.items = Int(try row.decode("items", as: Int64.self))
            return source
        }
    }

    /// What an endpoint answered last, for the next poll's conditional request (the worker's own).
    public func recordWirePoll(_ name: WireSourceName, etag: String?, lastModified: String?) throws {
        try connection.query(
            "UPDATE wire_sources SET etag = coalesce($2, etag), last_modified = coalesce($3, last_modified), polled_at = now() WHERE name = $1",
            [name.rawValue, etag, lastModified]
        )
    }

    /// One worker at a time works a source (a second worker, at the same time, passes it by);
    /// the primary keys keep an item once even without this.
    public func claimWireSource(_ name: WireSourceName) throws -> Bool {
        try connection.queryOne("SELECT pg_try_advisory_lock(hashtext('newsroom wire ' || $1)) AS claimed", [name.rawValue]).decode("claimed")
    }

    public func releaseWireSource(_ name: WireSourceName) throws {
        try connection.query("SELECT pg_advisory_unlock(hashtext('newsroom wire ' || $1))", [name.rawValue])
    }

    // MARK: Ingest

    /// Stores one version of an item, once: the item by its source and guid, the version by
    /// its number (a second delivery, or a second worker at the same time, changes nothing).
    /// A later version becomes the queue's copy, and each story taken from the item is told
    /// (a note by the wire, with the words that changed; a kill of a published story is urgent).
    public func ingest(_ version: WireVersion, from source: WireSourceName, origin: String) throws -> WireIngest {
        try connection.transaction {
            let document = version.document
            var existing = try currentItem(source, document.guid)
            if existing == nil {
                let inserted = try connection.query(
                    """
                    INSERT INTO wire_items (source, guid, version, version_created, urgency, pub_status, killed_at, headline,
                                            headline_terms, terms, headline_words)
                    SELECT $1, $2, $3, coalesce($4, now()), $5, $6, CASE WHEN $6 <> 'usable' THEN now() END, $7,
                           r.headline_terms, r.terms, r.headline_words
                      FROM story_search_row($7, $8, $9) r
                    ON CONFLICT (source, guid) DO NOTHING RETURNING id
                    """,
                    [source.rawValue, document.guid, document.version, document.versionCreated, document.urgency,
                     Self.status(of: document).rawValue, document.headline, document.dateline, version.bodyText]
                )
                if let row = inserted.first {
                    let id = WireItemID(rawValue: try row.decode("id"))
                    try insertVersion(id, version, origin: origin)
                    return .new(id)
                }
                existing = try currentItem(source, document.guid)  // another worker's, committed meanwhile
            }
            guard let (id, current, killed) = existing else { throw NewsroomError(.unavailable, "wire item \(document.guid) vanished while it was stored") }
            guard try insertVersion(id, version, origin: origin) else {
                // This version is stored already. A kill sent again under the same number still kills.
                if document.isKill && !killed && document.version == current {
                    try connection.query("UPDATE wire_items SET pub_status = $2, killed_at = now(), updated_at = now() WHERE id = $1",
                                         [id.rawValue, Self.status(of: document).rawValue])
                    return .updated(id, from: current, notified: try tellStories(id, version, previous: current))
                }
                return .already(id)
            }
            guard document.version > current else { return .older(id, current: current) }
            try connection.query(
                """
                UPDATE wire_items w SET version = $2, version_created = coalesce($3, now()), urgency = $4, pub_status = $5,
                       killed_at = CASE WHEN $5 = 'usable' THEN NULL ELSE coalesce(w.killed_at, now()) END, headline = $6,
                       headline_terms = r.headline_terms, terms = r.terms, headline_words = r.headline_words, updated_at = now()
                  FROM story_search_row($6, $7, $8) r WHERE w.id = $1
                """,
                [id.rawValue, document.version, document.versionCreated, document.urgency, Self.status(of: document).rawValue,
                 document.headline, document.dateline, version.bodyText]
            )
            return .updated(id, from: current, notified: try tellStories(id, version, previous: current))
        }
    }

    /// A kill signal under a usable status is a kill still: stored as canceled.
    static func status(of document: WireDocument) -> WirePubStatus {
        document.isKill && document.pubStatus == .usable ? .canceled : document.pubStatus
    }

    func currentItem(_ source: WireSourceName, _ guid: String) throws -> (WireItemID, Int, Bool)? {
        guard let row = try connection.query(
            "SELECT id, version, killed_at IS NOT NULL AS killed FROM wire_items WHERE source = $1 AND guid = $2 FOR UPDATE",
            [source.rawValue, guid]
        ).first else { return nil }
        return (WireItemID(rawValue: try row.decode("id")), Int(try row.decode("version", as: Int32.self)), try row.decode("killed"))
    }

    /// False when this version was stored already.
    @discardableResult
    func insertVersion(_ id: WireItemID, _ version: WireVersion, origin: String) throws -> Bool {
        let d = version.document
        return !(try connection.query(
            """
            INSERT INTO wire_versions (item_id, version, format, version_created, first_created, pub_status, signals, urgency, headline,
                                       slugline, dateline, located, creditline, byline, language, subjects, body, body_text, body_note, origin)
            VALUES ($1, $2, $3, coalesce($4, now()), $5, $6, $7::text[], $8, $9, $10, $11, $12, $13, $14, $15, $16::text[], $17, $18, $19, $20)
            ON CONFLICT (item_id, version) DO NOTHING RETURNING version
            """,
            [id.rawValue, d.version, d.format.rawValue, d.versionCreated, d.firstCreated, Self.status(of: d).rawValue, PostgresTextArray(d.signals),
             d.urgency, d.headline, d.slugline, d.dateline, d.located, d.creditline, d.byline, d.language, PostgresTextArray(d.subjects),
             version.body, version.bodyText, version.bodyNote, String(origin.prefix(2000))]
        ).isEmpty)
    }

    /// Notes by the wire on every story taken from the item, each with its notice (a desk event).
    func tellStories(_ id: WireItemID, _ version: WireVersion, previous: Int) throws -> [StoryID] {
        let rows = try connection.query(
            """
            SELECT o.story_id, s.status, i.source, i.guid, p.body_text AS old_text
              FROM story_wire_origins o JOIN stories s ON s.id = o.story_id JOIN wire_items i ON i.id = o.item_id
              JOIN wire_versions p ON p.item_id = o.item_id AND p.version = $2
             WHERE o.item_id = $1 ORDER BY o.story_id
            """,
            [id.rawValue, previous]
        )
        var told: [StoryID] = []
        for row in rows {
            let story = StoryID(rawValue: try row.decode("story_id"))
            let status = try StoryStatus.parse(try row.decode("status"))
            let killed = version.killed
            let out = status == .published || status == .scheduled
            let text = WireNotice.text(
                source: WireSourceName(rawValue: try row.decode("source")), guid: try row.decode("guid"), from: previous,
                to: version.document.version, killed: killed, storyOut: out, signals: version.document.signals,
                oldText: try row.decode("old_text"), newText: version.bodyText)
            let kind = killed ? "kill" : "update"
            let done = try connection.query(
                "SELECT 1 FROM wire_notices WHERE story_id = $1 AND item_id = $2 AND kind = $3 AND version = $4",
                [story.rawValue, id.rawValue, kind, version.document.version])
            guard done.isEmpty else { continue }
            let note: Int64 = try connection.queryOne(
                "INSERT INTO story_notes (story_id, author, text) VALUES ($1, $2, $3) RETURNING id",
                [story.rawValue, WireRules.wireHandle.rawValue, text]
            ).decode("id")
            try connection.query(
                "INSERT INTO wire_notices (story_id, item_id, kind, version, urgent, note_id) VALUES ($1, $2, $3, $4, $5, $6)",
                [story.rawValue, id.rawValue, kind, version.document.version, killed && out, note]
            )
            told.append(story)
        }
        return told
    }

    /// Items older than the retention that no story was taken from go (with their versions).
    public func purgeWireQueue(now: Date? = nil) throws -> Int {
        let days = Int(try setting(.wireRetention)) ?? WireRules.defaultRetentionDays
        return Int(try connection.queryOne(
            """
            WITH gone AS (
                DELETE FROM wire_items i WHERE i.updated_at < coalesce($2, now()) - make_interval(days => $1)
                   AND NOT EXISTS (SELECT 1 FROM story_wire_origins o WHERE o.item_id = i.id) RETURNING 1)
            SELECT count(*) AS gone FROM gone
            """,
            [days, now]
        ).decode("gone", as: Int64.self))
    }
}
