#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import NewsroomViews

/// The reader API's JSON: only what a reader may see, with the field names of the newsroom's
/// other JSON (`id`, `headline`, `section`, `dateline`, `body`, `version`, `published_at`,
/// `updated_at`…). Never an editor, a note or an earlier text.
struct APIWriter {
    let json: NewsroomJSON
    let baseURL: String

    func story(_ story: PublishedStory) -> JSON {
        .object([
            ("id", .number(story.id.rawValue)),
            ("status", .string("published")),
            ("url", .string(baseURL + "/stories/\(story.id.rawValue)")),
            ("headline", .string(story.headline)),
            ("section", .string(story.section.slug.rawValue)),
            ("section_name", .string(story.section.name)),
            ("dateline", .string(story.dateline)),
            ("body", .string(story.body)),
            ("byline", .string(story.authorName)),
            ("version", .number(Int64(story.version))),
            ("published_at", json.iso(story.publishedAt)),
            ("updated_at", json.iso(story.modifiedAt)),
            ("corrections", .array(story.corrections.map { .object([("at", json.iso($0.at)), ("version", .number(Int64($0.version)))]) })),
            ("photos", .array(story.photos.map(photo))),
        ])
    }

    /// A photo with its words and the files it is served at (absolute addresses).
    func photo(_ photo: ReaderPhoto) -> JSON {
        .object([
            ("id", .number(photo.id.rawValue)),
            ("role", .string(photo.role.rawValue)),
            ("alt", .string(photo.alt)),
            ("caption", .string(photo.caption)),
            ("credit", .string(photo.credit)),
            ("width", .number(Int64(photo.width))),
            ("height", .number(Int64(photo.height))),
            ("renditions", .array(photo.renditions.map { rendition in
                .object([("name", .string(rendition.name)), ("type", .string(rendition.mediaType)), ("width", .number(Int64(rendition.width))),
                         ("height", .number(Int64(rendition.height))), ("url", .string(baseURL + rendition.path))])
            })),
        ])
    }

    func withdrawn(_ id: StoryID, at: Date) -> JSON {
        .object([("id", .number(id.rawValue)), ("status", .string("withdrawn")), ("withdrawn_at", json.iso(at))])
    }

    func summary(_ story: StorySummary) -> JSON {
        .object([
            ("id", .number(story.id.rawValue)),
            ("url", .string(baseURL + "/stories/\(story.id.rawValue)")),
            ("headline", .string(story.headline)),
            ("section", .string(story.section.slug.rawValue)),
            ("section_name", .string(story.section.name)),
            ("dateline", .string(story.dateline)),
            ("byline", .string(story.authorName)),
            ("published_at", json.iso(story.publishedAt)),
        ])
    }

    /// The newsroom's search JSON, each hit with its address.
    func search(_ results: SearchResults, query: SearchQuery) -> JSON {
        json.search(results, query: query) { [baseURL] in baseURL + "/stories/\($0.rawValue)" }
    }

    func listing(_ stories: [StorySummary], next: String?) -> JSON {
        .object([("stories", .array(stories.map(summary))), ("next", .string(next))])
    }

    func ticker(_ lines: [TickerLine]) -> JSON {
        .object([("ticker", .array(lines.map { line in
            .object([
                ("id", .number(line.id.rawValue)),
                ("text", .string(line.text)),
                ("urgent", .bool(line.urgent)),
                ("starts_at", json.iso(line.startsAt)),
                ("ends_at", json.iso(line.endsAt)),
                ("story_id", line.storyID.map { .number($0.rawValue) } ?? .null),
            ])
        }))])
    }

    func sections(_ sections: [Section]) -> JSON {
        .object([("sections", .array(sections.map(NewsroomJSON.section)))])
    }

    static func error(status: Int, parameter: String?, message: String) -> JSON {
        .object([("error", .object([
            ("status", .number(Int64(status))),
            ("parameter", .string(parameter)),
            ("message", .string(message)),
        ]))])
    }
}
