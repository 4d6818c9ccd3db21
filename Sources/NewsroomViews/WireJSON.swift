#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import NewsroomStore

/// The wire queue as JSON (`newsroom wire … --json`), and a story's origin.
extension NewsroomJSON {
    public func wireItem(_ item: WireItemSummary) -> JSON {
        .object([
            ("id", .number(item.id.rawValue)),
            ("source", .string(item.source.rawValue)),
            ("guid", .string(item.guid)),
            ("version", .number(Int64(item.version))),
            ("version_created", iso(item.versionCreated)),
            ("received_at", iso(item.receivedAt)),
            ("urgency", item.urgency.map { .number(Int64($0)) } ?? .null),
            ("pubstatus", .string(item.pubStatus.rawValue)),
            ("killed", .bool(item.pubStatus != .usable)),
            ("headline", .string(item.headline)),
            ("stories", .array(item.stories.map { .number($0.rawValue) })),
        ])
    }

    public func wireDetail(_ detail: WireItemDetail) -> JSON {
        guard case .object(var fields) = wireItem(detail.summary) else { return .null }
        let document = detail.version.document
        fields += [
            ("format", .string(document.format.rawValue)),
            ("first_created", iso(document.firstCreated)),
            ("signals", .array(document.signals.map { .string($0) })),
            ("slugline", .string(document.slugline)),
            ("dateline", .string(document.dateline)),
            ("located", .string(document.located)),
            ("creditline", .string(document.creditline)),
            ("byline", .string(document.byline)),
            ("language", .string(document.language)),
            ("subjects", .array(document.subjects.map { .string($0) })),
            ("body", .string(detail.version.body)),
            ("body_note", .string(detail.version.bodyNote)),
            ("origin", .string(detail.origin)),
            ("versions", .array(detail.versions.map { version in
                .object([("version", .number(Int64(version.number))), ("received_at", iso(version.receivedAt)),
                         ("pubstatus", .string(version.pubStatus.rawValue)), ("signals", .array(version.signals.map { .string($0) }))])
            })),
        ]
        return .object(fields)
    }

    public func wireOrigin(_ origin: StoryWireOrigin?) -> JSON {
        guard let origin else { return .null }
        return .object([
            ("item", .number(origin.item.rawValue)),
            ("source", .string(origin.source.rawValue)),
            ("guid", .string(origin.guid)),
            ("version", .number(Int64(origin.version))),
            ("creditline", .string(origin.creditline)),
            ("taken_by", .string(origin.takenBy.rawValue)),
            ("taken_at", iso(origin.takenAt)),
            ("current_version", .number(Int64(origin.currentVersion))),
            ("killed", .bool(origin.killed)),
        ])
    }
}
