#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One change readers could see, from the database's durable record of them (numbered in
/// commit order): what a server follows, and what a purge worker tells the caches in front.
public struct ReaderChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A story published, corrected, moved or withdrawn.
        case story
        /// A ticker line scheduled.
        case ticker
        /// Something every page shows: a section's or a byline's name, a site setting, a
        /// ticker line cancelled, ended or changed.
        case site
    }

    public var id: Int64
    public var kind: Kind
    public var storyID: StoryID?
    /// The sections whose pages showed or show the story (two after a move).
    public var sections: [SectionSlug]
    /// When the story was first published (which month of the archive lists it).
    public var publishedAt: Date?
    /// Whether the live strip may read differently after it.
    public var ticker: Bool

    public init(id: Int64, kind: Kind, storyID: StoryID?, sections: [SectionSlug], publishedAt: Date?, ticker: Bool) {
        self.id = id
        self.kind = kind
        self.storyID = storyID
        self.sections = sections
        self.publishedAt = publishedAt
        self.ticker = ticker
    }
}
