#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a person typed into a search, read as clauses: words, "quoted phrases" (also «…» and
/// “…”), `-excluded` words or phrases, and `prefix*` words. Only the syntax is read here;
/// what counts as the same word (marks, alef forms, ال and و, plurals) is decided once, by
/// the database's own functions (Migrations/0017_search.sql), for stories and queries alike.
public struct SearchQuery: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case word, phrase, prefix
    }

    public struct Clause: Sendable, Equatable {
        public var kind: Kind
        public var text: String
        public var excludes: Bool

        public init(_ kind: Kind, _ text: String, excludes: Bool = false) {
            self.kind = kind
            self.text = text
            self.excludes = excludes
        }
    }

    public let clauses: [Clause]
    /// The query as typed, without invisible format characters.
    public let text: String

    /// Longer queries are refused: a search is a few words, not a pasted article.
    public static let maximumLength = 200
    public static let maximumClauses = 20

    /// The quotes that open a phrase, with the one that closes each.
    static let quotes: [Character: Character] = ["\"": "\"", "«": "»", "“": "”", "”": "”"]

    /// Invisible format characters (bidi marks, embeddings, isolates, zero widths) say
    /// nothing about what to find and can hide a `-` or a quote: dropped before reading.
    static func isFormatControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0x061C, 0xFEFF: true
        default: false
        }
    }

    public static func parse(_ typed: String) throws(NewsroomError) -> SearchQuery {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: typed.unicodeScalars.filter { !isFormatControl($0) })
        let text = String(scalars).trimmingWhitespace()
        guard !text.isEmpty else {
            throw NewsroomError.invalid("search", "say what to look for: one or more words, \"a phrase\", -excluded, prefix*")
        }
        // A NUL or another control is never a word (and libpq could not even carry a NUL).
        if let (offset, bad) = text.unicodeScalars.enumerated().first(where: { _, scalar in
            !scalar.properties.isWhitespace && EditorialText.isNeverText(scalar)
        }) {
            let kind = EditorialText.isNoncharacter(bad) ? "a noncharacter" : "a control character"
            throw NewsroomError.invalid("search", "the query contains \(kind) (\(bad.codePoint)) at character \(offset + 1); remove it")
        }
        guard text.count <= maximumLength else {
            throw NewsroomError.invalid("search", "the query is \(text.count) characters long; at most \(maximumLength), a few words")
        }
        var clauses: [Clause] = []
        var rest = Substring(text)
        while true {
            rest = rest.drop(while: { $0.isWhitespace })
            guard let first = rest.first else { break }
            var excludes = false
            if first == "-" || first == "−", rest.count > 1, let next = rest.dropFirst().first, !next.isWhitespace {
                excludes = true
                rest = rest.dropFirst()
            }
            if let opening = rest.first, let closing = quotes[opening] {
                let inside = rest.dropFirst()
                guard let end = inside.firstIndex(of: closing) else {
                    throw NewsroomError.invalid("search", "a phrase opened with \(opening) is not closed; close it with \(closing) or remove the quote")
                }
                let phrase = String(inside[..<end]).trimmingWhitespace()
                if !phrase.isEmpty { clauses.append(Clause(.phrase, phrase, excludes: excludes)) }
                rest = inside[inside.index(after: end)...]
                continue
            }
            let word = rest.prefix { !$0.isWhitespace && quotes[$0] == nil }
            rest = rest[word.endIndex...]
            if word.isEmpty {  // a closing quote with no opening one: not a word
                rest = rest.dropFirst()
                continue
            }
            if word.count > 1, word.hasSuffix("*") {
                clauses.append(Clause(.prefix, String(word.dropLast()), excludes: excludes))
            } else {
                clauses.append(Clause(.word, String(word), excludes: excludes))
            }
        }
        guard clauses.count <= maximumClauses else {
            throw NewsroomError.invalid("search", "the query has \(clauses.count) words and phrases; at most \(maximumClauses)")
        }
        guard clauses.contains(where: { !$0.excludes }) else {
            throw NewsroomError.invalid("search", "say what to find as well as what to leave out (-word)")
        }
        return SearchQuery(clauses: clauses, text: text)
    }

    /// When nothing in the query is left to look for once marks and punctuation are set
    /// aside (the database says so): the person's refusal.
    public static var nothingToFind: NewsroomError {
        NewsroomError.invalid("search", "the query has no letters or digits to look for")
    }
}

/// What to search and how much of it.
public struct SearchRequest: Sendable, Equatable {
    public var query: SearchQuery
    public var section: SectionSlug?
    /// Empty: every status (staff); readers only ever see published stories.
    public var statuses: [StoryStatus]
    /// Stories whose time (last change for staff, publication for readers) is in [from, to).
    public var from: Date?
    public var to: Date?
    public var limit: Int

    public static let maximumLimit = 100

    public init(query: SearchQuery, section: SectionSlug? = nil, statuses: [StoryStatus] = [], from: Date? = nil, to: Date? = nil,
                limit: Int = 20) throws(NewsroomError) {
        guard (1...Self.maximumLimit).contains(limit) else {
            throw NewsroomError.invalid("limit", "\(limit) is not between 1 and \(Self.maximumLimit)")
        }
        if let from, let to, from >= to {
            throw NewsroomError.invalid("from", "it must be earlier than --to")
        }
        self.query = query
        self.section = section
        self.statuses = statuses
        self.from = from
        self.to = to
        self.limit = limit
    }
}

/// Text as written with the query's words marked: pieces alternately unmarked and marked,
/// the first unmarked (maybe empty). Marks sit on the words as the writer typed them, vowel
/// marks and all.
public struct MarkedText: Sendable, Equatable {
    public let pieces: [String]

    public init(pieces: [String]) { self.pieces = pieces }

    /// Each piece with whether it is marked, in order, empty pieces left out.
    public var runs: [(text: String, marked: Bool)] {
        pieces.enumerated().compactMap { index, piece in piece.isEmpty ? nil : (piece, index % 2 == 1) }
    }

    public var plain: String { pieces.joined() }
    public var isMarked: Bool { pieces.count > 1 }
}

/// One story a search found.
public struct SearchHit: Sendable, Equatable {
    /// Why it is where it is: a headline match ranks above a match in the text alone.
    public enum Tier: String, Sendable { case headline, text }

    public let id: StoryID
    public let headline: MarkedText
    public let section: SectionSlug
    public let status: StoryStatus
    public let time: Date
    public let snippet: MarkedText
    public let tier: Tier

    public init(id: StoryID, headline: MarkedText, section: SectionSlug, status: StoryStatus, time: Date, snippet: MarkedText, tier: Tier) {
        self.id = id
        self.headline = headline
        self.section = section
        self.status = status
        self.time = time
        self.snippet = snippet
        self.tier = tier
    }
}

public struct SearchResults: Sendable, Equatable {
    public let hits: [SearchHit]
    /// Nothing matched the words; these are headlines spelled close to them.
    public let closeSpellings: Bool
    /// The headlines' words that stood in for the query's (folded), when the search knew them.
    public let spellings: [String]
    /// How each tier was searched ("headline: walk", "text: index", …), for tracing.
    public let plan: [String]

    public init(hits: [SearchHit], closeSpellings: Bool, spellings: [String] = [], plan: [String] = []) {
        self.hits = hits
        self.closeSpellings = closeSpellings
        self.spellings = spellings
        self.plan = plan
    }
}
