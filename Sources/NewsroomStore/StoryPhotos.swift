import NewsroomCore
import PostgresClient

/// Which photos a story carries (its lead, its body's) and the rule that it goes out only with
/// each photo's alt text and credit (PhotoRules; the database checks it again at commit).
extension NewsroomStore {
    /// The body's photos, written as the story's: the reader site shows only photos listed here.
    /// A photo the library does not have is refused by name.
    func writeBodyPhotos(_ id: StoryID, _ body: ArticleBody) throws {
        let wanted = Set(body.photos.map(\.id.rawValue)).sorted().map(String.init)
        let ids = PostgresTextArray(wanted)
        if !wanted.isEmpty {
            let missing: [String] = try connection.query(
                "SELECT w::text AS id FROM unnest($1::text[]::bigint[]) w WHERE NOT EXISTS (SELECT 1 FROM media m WHERE m.id = w) ORDER BY w", [ids]
            ).map { try $0.decode("id") }
            if let first = missing.first {
                throw NewsroomError.notFound("photo", first, hint: "the body shows ![alt](media:\(first)); add the photo with newsroom media add FILE, or see newsroom media list")
            }
        }
        try connection.query(
            "DELETE FROM story_photos WHERE story_id = $1 AND role = 'body' AND NOT (media_id = ANY ($2::text[]::bigint[]))", [id.rawValue, ids]
        )
        try connection.query(
            "INSERT INTO story_photos (story_id, media_id, role) SELECT $1, w, 'body' FROM unnest($2::text[]::bigint[]) w ON CONFLICT DO NOTHING",
            [id.rawValue, ids]
        )
    }

    /// The story's photos with their words, for the rule.
    func photoTexts(of id: StoryID) throws -> [(id: MediaID, text: PhotoText)] {
        try connection.query(
            "SELECT DISTINCT m.id, m.alt, m.credit FROM story_photos p JOIN media m ON m.id = p.media_id WHERE p.story_id = $1", [id.rawValue]
        ).map { row in
            (MediaID(rawValue: try row.decode("id")), PhotoText(alt: try row.decode("alt"), credit: try row.decode("credit")))
        }
    }

    /// Before a story goes out, or while it is out and its photos change.
    func checkPhotosReady(_ id: StoryID) throws {
        try check { try PhotoRules.checkReadyToPublish(id, photos: try photoTexts(of: id)) }
    }

    /// Under an erasure order: the story's photos that no other story still uses lose their
    /// files and words, as its text does (a photo another story uses stays theirs). Returns how many.
    func erasePhotos(of id: StoryID) throws -> Int {
        let erased: [Int64] = try connection.query(
            """
            UPDATE media m SET alt = NULL, caption = NULL, credit = NULL, taken_on = NULL, embedded = '{}', erased_at = now(), updated_at = now()
             WHERE m.id IN (SELECT p.media_id FROM story_photos p WHERE p.story_id = $1) AND m.erased_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM story_photos o JOIN stories s ON s.id = o.story_id
                                WHERE o.media_id = m.id AND o.story_id <> $1 AND s.erased_at IS NULL)
            RETURNING m.id
            """,
            [id.rawValue]
        ).map { try $0.decode("id") }
        guard !erased.isEmpty else { return 0 }
        let ids = PostgresTextArray(erased.map(String.init))
        try connection.query("DELETE FROM media_renditions WHERE media_id = ANY ($1::text[]::bigint[])", [ids])
        try connection.query("UPDATE media_originals SET bytes = '\\x'::bytea WHERE media_id = ANY ($1::text[]::bigint[])", [ids])
        return erased.count
    }

    /// Sets (or with nil, takes away) a story's lead photo: a change to the story like an
    /// edit, by whoever may edit it. It makes a version and a history line; an approved or
    /// scheduled story goes back to review (its approval covered the old photo), a published
    /// one takes a correction note. A story that is out keeps the rule: each photo has alt
    /// text and a credit.
    public func setLeadPhoto(_ id: StoryID, _ media: MediaID?, correction: String? = nil, by actor: Actor) throws -> TransitionOutcome {
        try write(by: actor) {
            let (current, facts) = try lock(id, ifVersion: nil)
            let action: StoryAction = correction == nil ? .edit : .correct
            try checkLease(facts, action: action, by: actor)
            let effects = try decide(StoryRequest(action, note: correction), story: facts, by: actor)
            if let media { _ = try photo(media) }
            let lead: Int64? = try connection.query(
                "SELECT media_id FROM story_photos WHERE story_id = $1 AND role = 'lead'", [id.rawValue]
            ).first?.decode("media_id")
            guard lead != media?.rawValue else { return TransitionOutcome(story: current, from: current.status, changed: false) }
            try connection.query("DELETE FROM story_photos WHERE story_id = $1 AND role = 'lead'", [id.rawValue])
            if let media {
                try connection.query("INSERT INTO story_photos (story_id, media_id, role) VALUES ($1, $2, 'lead')", [id.rawValue, media.rawValue])
            }
            if [.scheduled, .published].contains(effects.to) { try checkPhotosReady(id) }
            let row = try connection.queryOne(
                "UPDATE stories s SET \(Self.moveAssignments) WHERE s.id = $1 RETURNING \(Self.moveColumns)",
                [id.rawValue] + Self.moveParameters(effects, editor: nil, publishAt: nil, by: actor)
            )
            let story = try Story(row: row, headline: current.headline, dateline: current.dateline, body: current.body)
            let what = media.map { "lead photo \($0)" } ?? "no lead photo"
            var notes = [correction ?? what]
            if correction != nil { notes.append(what) }
            if current.status != effects.to, effects.to == .inReview { notes.append("back to review") }
            return try conclude(action, story: story, from: current, note: notes.joined(separator: "; "), by: actor,
                                because: "story \(id) went back to review")
        }
    }
}

/// What the reader site reads of photos: the reader views only (0031).
extension ReaderStore {
    /// The photos of published stories, by story: lead first, then the body's. Two queries for
    /// any number of stories (a feed's): the photos, then all their files.
    public func photos(of stories: [StoryID]) throws -> [StoryID: [ReaderPhoto]] {
        guard !stories.isEmpty else { return [:] }
        let rows = try connection.query(
            """
            SELECT p.story_id, p.media_id, p.role, p.width, p.height, p.alt, p.caption, p.credit
              FROM reader.story_photos p
             WHERE p.story_id = ANY ($1::text[]::bigint[]) AND p.alt IS NOT NULL AND p.credit IS NOT NULL
             ORDER BY p.story_id, p.role DESC, p.media_id
            """,
            [PostgresTextArray(stories.map { String($0.rawValue) })]
        )
        guard !rows.isEmpty else { return [:] }
        var files: [Int64: [ReaderRendition]] = [:]
        let media: [Int64] = try rows.map { try $0.decode("media_id") }
        for row in try connection.query(
            "SELECT media_id, name, format, width, height, hash FROM reader.photo_renditions WHERE media_id = ANY ($1::text[]::bigint[]) ORDER BY media_id, name, format",
            [PostgresTextArray(Set(media).map(String.init))]
        ) {
            files[try row.decode("media_id"), default: []].append(ReaderRendition(
                name: try row.decode("name"), format: try row.decode("format"), width: try row.decode("width"),
                height: try row.decode("height"), hash: try row.decode("hash")))
        }
        var photos: [StoryID: [ReaderPhoto]] = [:]
        for row in rows {
            let id: Int64 = try row.decode("media_id")
            photos[StoryID(rawValue: try row.decode("story_id")), default: []].append(ReaderPhoto(
                id: MediaID(rawValue: id), role: PhotoUse.Role(rawValue: try row.decode("role")) ?? .body,
                width: try row.decode("width"), height: try row.decode("height"), alt: try row.decode("alt"),
                caption: try row.decode("caption"), credit: try row.decode("credit"), renditions: files[id] ?? []))
        }
        return photos
    }

    /// The addresses of these stories' photo files, for caches in front to drop.
    public func photoPaths(of stories: [StoryID]) throws -> [String] {
        guard !stories.isEmpty else { return [] }
        return try connection.query(
            "SELECT DISTINCT hash, name, format FROM reader.story_photo_files WHERE story_id = ANY ($1::text[]::bigint[]) ORDER BY hash, name, format",
            [PostgresTextArray(stories.map { String($0.rawValue) })]
        ).map { row in
            ReaderRendition(name: try row.decode("name"), format: try row.decode("format"), width: 0, height: 0, hash: try row.decode("hash")).path
        }
    }

    public enum MediaFileLookup: Sendable, Equatable {
        case found([UInt8])
        /// Only withdrawn stories use it: gone, as they are.
        case gone
        case notFound
    }

    /// A rendition by its address: its bytes while a published story uses the photo.
    public func mediaFile(hash: String, name: String, format: String) throws -> MediaFileLookup {
        if let bytes = try connection.queryBytes(
            "SELECT bytes FROM reader.media_files WHERE hash = $1 AND name = $2 AND format = $3 AND published LIMIT 1", [hash, name, format]
        ) {
            return .found(bytes)
        }
        let gone = try connection.query("SELECT 1 FROM reader.media_files WHERE hash = $1 AND name = $2 AND format = $3 LIMIT 1", [hash, name, format])
        return gone.isEmpty ? .notFound : .gone
    }
}
