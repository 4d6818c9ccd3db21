#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// A photo ready to store: the original as it came, its words, and its renditions already made
/// (by NewsroomPhotos, from the core's RenditionPlan). The store knows no image code.
public struct NewPhoto: Sendable {
    public var format: String
    public var width: Int
    public var height: Int
    public var original: [UInt8]
    public var text: PhotoText
    public var takenOn: String?
    public var focus: FocalPoint
    public var embedded: [String: String]
    public var renditions: [PreparedRendition]

    public init(format: String, width: Int, height: Int, original: [UInt8], text: PhotoText, takenOn: String?, focus: FocalPoint,
                embedded: [String: String], renditions: [PreparedRendition]) {
        self.format = format; self.width = width; self.height = height; self.original = original; self.text = text
        self.takenOn = takenOn; self.focus = focus; self.embedded = embedded; self.renditions = renditions
    }
}

public struct PreparedRendition: Sendable {
    public var name: String
    public var format: String
    public var width: Int
    public var height: Int
    public var bytes: [UInt8]

    public init(name: String, format: String, width: Int, height: Int, bytes: [UInt8]) {
        self.name = name; self.format = format; self.width = width; self.height = height; self.bytes = bytes
    }
}

/// Changes to a photo's record; nil leaves a field, `.some(nil)` clears it.
public struct PhotoChanges: Sendable {
    public var alt: String??
    public var caption: String??
    public var credit: String??
    public var takenOn: String??
    /// With the crops made around it (they replace the old ones).
    public var focus: (FocalPoint, [PreparedRendition])?

    public init(alt: String?? = nil, caption: String?? = nil, credit: String?? = nil, takenOn: String?? = nil, focus: (FocalPoint, [PreparedRendition])? = nil) {
        self.alt = alt; self.caption = caption; self.credit = credit; self.takenOn = takenOn; self.focus = focus
    }
}

extension NewsroomStore {
    static let photoColumns = """
        m.id, m.format, m.width, m.height, m.byte_count, m.alt, m.caption, m.credit, m.taken_on::text AS taken_on,
        m.focus_x::float8 AS focus_x, m.focus_y::float8 AS focus_y, m.embedded::text AS embedded, m.added_by, m.added_at,
        m.erased_at IS NOT NULL AS erased,
        ARRAY(SELECT p.story_id || ':' || p.role FROM story_photos p WHERE p.media_id = m.id ORDER BY p.story_id, p.role) AS uses
        """

    /// Stores a photo, its original and renditions in one transaction; returns its number.
    public func addPhoto(_ photo: NewPhoto, by actor: Actor) throws -> MediaID {
        try check { try PhotoRules.authorizeAdding(by: actor) }
        return try write(by: actor) {
            let embedded = String(decoding: try JSONEncoder.sorted.encode(photo.embedded), as: UTF8.self)
            let id = MediaID(rawValue: try connection.queryOne(
                """
                INSERT INTO media (format, width, height, byte_count, alt, caption, credit, taken_on, focus_x, focus_y, embedded, added_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9, $10, $11::jsonb, $12) RETURNING id
                """,
                [photo.format, photo.width, photo.height, photo.original.count, photo.text.alt, photo.text.caption, photo.text.credit,
                 photo.takenOn, photo.focus.x, photo.focus.y, embedded, actor.name]
            ).decode("id"))
            try connection.query("INSERT INTO media_originals (media_id, bytes) VALUES ($1, $2)",
                                 parameters: [.init(id.rawValue), .bytes(photo.original)])
            try insertRenditions(photo.renditions, of: id)
            return id
        }
    }

    func insertRenditions(_ renditions: [PreparedRendition], of id: MediaID) throws {
        for rendition in renditions {
            try connection.query(
                "INSERT INTO media_renditions (media_id, name, format, width, height, bytes) VALUES ($1, $2, $3, $4, $5, $6)",
                parameters: [.init(id.rawValue), .init(rendition.name), .init(rendition.format), .init(rendition.width),
                             .init(rendition.height), .bytes(rendition.bytes)]
            )
        }
    }

    public func photo(_ id: MediaID) throws -> Photo {
        guard let row = try connection.query("SELECT \(Self.photoColumns) FROM media m WHERE m.id = $1", [id.rawValue]).first else {
            throw NewsroomError.notFound("photo", String(id.rawValue), hint: "see newsroom media list")
        }
        return try Self.photo(from: row)
    }

    /// Photos newest first; with a story, that story's (lead first).
    public func listPhotos(story: StoryID? = nil, limit: Int = 50, after: MediaID? = nil) throws -> [Photo] {
        if let story { _ = try self.story(story) }
        return try connection.query(
            """
            SELECT \(Self.photoColumns) FROM media m
             WHERE ($1::bigint IS NULL OR m.id IN (SELECT p.media_id FROM story_photos p WHERE p.story_id = $1))
               AND ($2::bigint IS NULL OR m.id < $2)
             ORDER BY m.id DESC LIMIT $3
            """,
            [story?.rawValue, after?.rawValue, limit]
        ).map(Self.photo(from:))
    }

    /// Changes a photo's words, day or focal point (its crops made again around it).
    public func editPhoto(_ id: MediaID, _ changes: PhotoChanges, by actor: Actor) throws -> Photo {
        try check { try PhotoRules.authorizeAdding(by: actor) }
        return try write(by: actor) {
            let current = try photo(id)
            if current.erased { throw NewsroomError(.invalidState, "photo \(id) was erased under an order; it changes no more") }
            let next = PhotoText(alt: changes.alt ?? current.text.alt, caption: changes.caption ?? current.text.caption,
                                 credit: changes.credit ?? current.text.credit)
            try check {
                // Words a story already out relies on stay (the database refuses it too).
                let out = try storiesOut(using: id)
                if !out.isEmpty, next.alt == nil || next.credit == nil {
                    throw NewsroomError(.invalidState, "photo \(id) is in story \(out.map(String.init).joined(separator: ", ")), which is out or scheduled: "
                        + "it keeps its alt text and credit (change them, never clear them)")
                }
            }
            try connection.query(
                """
                UPDATE media SET alt = $2, caption = $3, credit = $4, taken_on = CASE WHEN $5 THEN $6::date ELSE taken_on END,
                       focus_x = coalesce($7, focus_x), focus_y = coalesce($8, focus_y), updated_at = now() WHERE id = $1
                """,
                [id.rawValue, next.alt, next.caption, next.credit, changes.takenOn != nil, changes.takenOn ?? nil,
                 changes.focus?.0.x, changes.focus?.0.y]
            )
            if let (_, crops) = changes.focus {
                try connection.query("DELETE FROM media_renditions WHERE media_id = $1 AND name = ANY ($2::text[])",
                                     [id.rawValue, PostgresTextArray(crops.map(\.name))])
                try insertRenditions(crops, of: id)
            }
            return try photo(id)
        }
    }

    /// Deletes a photo no story uses (a chief), with its original and renditions.
    public func deletePhoto(_ id: MediaID, by actor: Actor) throws {
        try write(by: actor) {
            let current = try photo(id)
            try check { try PhotoRules.authorizeDeleting(current, by: actor) }
            try connection.query("DELETE FROM media WHERE id = $1", [id.rawValue])
        }
    }

    /// The original file, for staff (never the reader site).
    public func photoOriginal(_ id: MediaID) throws -> [UInt8] {
        guard let bytes = try connection.queryBytes("SELECT bytes FROM media_originals WHERE media_id = $1", [id.rawValue]) else {
            throw NewsroomError.notFound("photo", String(id.rawValue), hint: "see newsroom media list")
        }
        return bytes
    }

    /// The photo's smallest JPEG width, for staff (the desk's thumbnails), whatever its stories.
    public func photoThumbnail(_ id: MediaID) throws -> [UInt8] {
        guard let bytes = try connection.queryBytes(
            "SELECT bytes FROM media_renditions WHERE media_id = $1 AND format = 'jpeg' AND name LIKE 'w%' ORDER BY width LIMIT 1", [id.rawValue]
        ) else {
            throw NewsroomError.notFound("photo", String(id.rawValue), hint: "see newsroom media list")
        }
        return bytes
    }

    /// The stories scheduled or published with this photo.
    func storiesOut(using id: MediaID) throws -> [Int64] {
        try connection.query(
            "SELECT DISTINCT s.id FROM story_photos p JOIN stories s ON s.id = p.story_id WHERE p.media_id = $1 AND s.status IN ('scheduled', 'published') ORDER BY s.id",
            [id.rawValue]
        ).map { try $0.decode("id") }
    }

    static func photo(from row: PostgresRow) throws -> Photo {
        let embeddedText: String = try row.decode("embedded")
        let embedded = (try? JSONDecoder().decode([String: String].self, from: Data(embeddedText.utf8))) ?? [:]
        let uses: [String] = try row.decode("uses")
        return Photo(
            id: MediaID(rawValue: try row.decode("id")), format: try row.decode("format"),
            width: try row.decode("width"), height: try row.decode("height"), byteCount: try row.decode("byte_count"),
            text: PhotoText(alt: try row.decode("alt"), caption: try row.decode("caption"), credit: try row.decode("credit")),
            takenOn: try row.decode("taken_on"),
            focus: (try? FocalPoint(x: try row.decode("focus_x"), y: try row.decode("focus_y"))) ?? .centre,
            addedBy: Handle(rawValue: try row.decode("added_by")), addedAt: try row.decode("added_at"), embedded: embedded,
            usedBy: uses.compactMap { use in
                let parts = use.split(separator: ":")
                guard parts.count == 2, let story = Int64(parts[0]), let role = PhotoUse.Role(rawValue: String(parts[1])) else { return nil }
                return PhotoUse(story: StoryID(rawValue: story), role: role)
            },
            erased: try row.decode("erased")
        )
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
