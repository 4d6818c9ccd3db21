#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a reader may see of the newsroom: published stories, that a story was withdrawn and
/// when, the ticker strip as it stands. Never an editor, a note or an earlier text.

/// A published story as readers get it.
public struct PublishedStory: Sendable, Equatable {
    public var id: StoryID
    public var section: Section
    public var headline: String
    public var dateline: String?
    public var body: String
    /// The byline: the author's name as the newsroom keeps it.
    public var authorName: String
    public var version: Int
    public var publishedAt: Date
    /// The last correction's time, or the publication's.
    public var modifiedAt: Date
    /// Corrections made after publication, oldest first.
    public var corrections: [Correction]
    /// Its lead photo and the body's, each with its served sizes.
    public var photos: [ReaderPhoto] = []
    /// The agency item it was taken from (`wire take`): for partners' provenance (ninjs altids).
    public var agency: AgencyOrigin?

    /// The photo that stands for it (social cards, search engines, feeds): its lead, else the body's first.
    public var leadPhoto: ReaderPhoto? { photos.first { $0.role == .lead } }
    public var representativePhoto: ReaderPhoto? { leadPhoto ?? photos.first }

    /// The photos by number, for the body's photo blocks.
    public var photosByID: [MediaID: ReaderPhoto] {
        Dictionary(photos.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public init(id: StoryID, section: Section, headline: String, dateline: String?, body: String, authorName: String,
                version: Int, publishedAt: Date, modifiedAt: Date, corrections: [Correction]) {
        self.id = id
        self.section = section
        self.headline = headline
        self.dateline = dateline
        self.body = body
        self.authorName = authorName
        self.version = version
        self.publishedAt = publishedAt
        self.modifiedAt = modifiedAt
        self.corrections = corrections
    }
}

/// A correction as readers are told of it: when, and the version it made.
public struct Correction: Sendable, Equatable {
    public var at: Date
    public var version: Int
    public init(at: Date, version: Int) {
        self.at = at
        self.version = version
    }
}

/// A published story in a listing: no body.
public struct StorySummary: Sendable, Equatable {
    public var id: StoryID
    public var section: Section
    public var headline: String
    public var dateline: String?
    public var authorName: String
    public var publishedAt: Date

    public init(id: StoryID, section: Section, headline: String, dateline: String?, authorName: String, publishedAt: Date) {
        self.id = id
        self.section = section
        self.headline = headline
        self.dateline = dateline
        self.authorName = authorName
        self.publishedAt = publishedAt
    }

    /// Where a listing that ended with this story goes on.
    public var cursor: ListingCursor { ListingCursor(publishedAt: publishedAt, id: id) }
}

/// What a reader who asks for a story id gets. Anything else (a draft, a story in review or
/// scheduled, a spiked one, an id never used) is `.notFound`: readers cannot tell them apart.
public enum ReaderStoryLookup: Sendable, Equatable {
    case published(PublishedStory)
    case withdrawn(at: Date, version: Int)
    case notFound
}


/// Where a newest-first listing goes on: the last story shown, by publication time and id
/// (keyset paging; a story published or withdrawn meanwhile never shifts the pages).
/// Written in links as `MICROSECONDS-ID`.
public struct ListingCursor: Sendable, Hashable {
    public var publishedAt: Date
    public var id: StoryID

    public init(publishedAt: Date, id: StoryID) {
        self.publishedAt = publishedAt
        self.id = id
    }

    public var text: String {
        let micros = Int64((publishedAt.timeIntervalSince1970 * 1_000_000).rounded())
        return "\(micros)-\(id.rawValue)"
    }

    public static func parse(_ text: String, field: String = "before") throws(NewsroomError) -> ListingCursor {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 19 && $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let micros = Int64(parts[0]), let id = Int64(parts[1]), id > 0,
              micros <= Int64(NewsroomTime.latest.timeIntervalSince1970) * 1_000_000
        else {
            throw .invalid(field, "\"\(text)\" is not a place in a listing; use the value from an \"older\" link (MICROSECONDS-ID)")
        }
        return ListingCursor(publishedAt: Date(timeIntervalSince1970: Double(micros) / 1_000_000), id: StoryID(rawValue: id))
    }
}

/// Where a published story's copy came from: an agency's item, by its source, guid and version.
public struct AgencyOrigin: Sendable, Equatable {
    public var source: String
    public var guid: String
    public var version: Int
    public var creditline: String?

    public init(source: String, guid: String, version: Int, creditline: String?) {
        self.source = source
        self.guid = guid
        self.version = version
        self.creditline = creditline
    }
}
