#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import NewsroomViews

/// IPTC ninjs 2.2 (News in JSON), the shape news agencies and partners exchange: one
/// document per story, its `uri` stable (built from the site's base URL), `version` the
/// story's. A withdrawn story stays reachable as `pubstatus: canceled` with only its
/// identity, version and time, so that a partner's system takes it down rather than keeping
/// what it has.
public struct NinjsWriter: Sendable {
    let time: NewsroomTime
    let baseURL: String
    let language: String
    let markup: ArticleHTML

    public init(settings: SiteSettings, baseURL: String? = nil) {
        self.markup = ArticleHTML(settings: settings)
        self.time = NewsroomTime(zone: settings.zone)
        self.baseURL = baseURL ?? settings.baseURL
        self.language = settings.language
    }

    func uri(_ id: StoryID) -> String { baseURL + "/stories/\(id.rawValue)" }


    public func published(_ story: PublishedStory) -> JSON {
        let body = ArticleBody.reading(story.body)
        var markup = markup
        markup.photos = story.photosByID
        markup.mediaBase = baseURL
        var fields: [(String, JSON)] = [
            ("uri", .string(uri(story.id))),
            ("type", .string("text")),
            ("representationtype", .string("full")),
            ("profile", .string("newsroom-story")),
            ("version", .string(String(story.version))),
            ("firstcreated", .string(time.isoSeconds(story.publishedAt))),
            ("versioncreated", .string(time.isoSeconds(story.modifiedAt))),
            ("pubstatus", .string("usable")),
            ("language", .string(language)),
            ("headlines", .array([.object([("value", .string(story.headline))])])),
            ("bodies", .array([
                .object([("role", .string("main")), ("contenttype", .string("text/plain")), ("value", .string(body.visibleText))]),
                .object([("role", .string("main")), ("contenttype", .string("text/html")), ("value", .string(markup.html(body)))]),
            ])),
            ("by", .string(story.authorName)),
        ]
        if let dateline = story.dateline { fields.append(("located", .string(dateline))) }
        fields.append(("subjects", .array([.object([
            ("name", .string(story.section.name)),
            ("rel", .string("section")),
            ("uri", .string(baseURL + "/sections/\(story.section.slug.rawValue)")),
        ])])))
        if !story.photos.isEmpty { fields.append(("associations", .array(story.photos.map(association)))) }
        if let agency = story.agency {
            // Provenance: the agency item's identity, and its credit line as the rights it came with.
            fields.append(("altids", .array([
                .object([("role", .string("wire:\(agency.source)")), ("value", .string(agency.guid))]),
                .object([("role", .string("wire-version")), ("value", .string(String(agency.version)))]),
            ])))
            if let credit = agency.creditline {
                fields.append(("copyrightnotice", .string(credit)))
                fields.append(("rightsinfo", .object([("encodedrights", .string(credit))])))
            }
        }
        return XMLSafe.clean(.object(fields))
    }

    /// A photo as a ninjs picture: its words, and every rendition with its size and type.
    func association(_ photo: ReaderPhoto) -> JSON {
        var fields: [(String, JSON)] = [
            ("name", .string(photo.role == .lead ? "lead" : "photo-\(photo.id.rawValue)")),
            ("uri", .string(baseURL + "/media/\(photo.id.rawValue)")),
            ("type", .string("picture")),
            ("by", .string(photo.credit)),
            ("descriptions", .array([.object([("role", .string("alt")), ("contenttype", .string("text/plain")), ("value", .string(photo.alt))])]
                + (photo.caption.map { [.object([("role", .string("caption")), ("contenttype", .string("text/plain")), ("value", .string($0))])] } ?? []))),
        ]
        fields.append(("renditions", .array(photo.renditions.map { rendition in
            .object([
                ("name", .string("\(rendition.name)-\(rendition.format)")),
                ("href", .string(baseURL + rendition.path)),
                ("contenttype", .string(rendition.mediaType)),
                ("width", .number(Int64(rendition.width))),
                ("height", .number(Int64(rendition.height))),
            ])
        })))
        return .object(fields)
    }

    public func canceled(_ id: StoryID, version: Int, at: Date) -> JSON {
        .object([
            ("uri", .string(uri(id))),
            ("type", .string("text")),
            ("version", .string(String(version))),
            ("versioncreated", .string(time.isoSeconds(at))),
            ("pubstatus", .string("canceled")),
        ])
    }

    /// The document for what a reader may know of a story, or nil when there is none.
    public func document(_ lookup: ReaderStoryLookup, id: StoryID) -> JSON? {
        switch lookup {
        case .published(let story): published(story)
        case .withdrawn(let at, let version): canceled(id, version: version, at: at)
        case .notFound: nil
        }
    }
}
