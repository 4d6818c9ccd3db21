#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore

extension NewsroomJSON {
    /// A photo of the library, with what its file said of itself and the stories using it.
    public func photo(_ photo: Photo) -> JSON {
        .object([
            ("id", .number(photo.id.rawValue)),
            ("format", .string(photo.format)),
            ("width", .number(Int64(photo.width))),
            ("height", .number(Int64(photo.height))),
            ("bytes", .number(Int64(photo.byteCount))),
            ("alt", .string(photo.text.alt)),
            ("caption", .string(photo.text.caption)),
            ("credit", .string(photo.text.credit)),
            ("taken_on", .string(photo.takenOn)),
            ("focus", .string(PhotoViews.focus(photo.focus))),
            ("added_by", .string(photo.addedBy.rawValue)),
            ("added_at", iso(photo.addedAt)),
            ("erased", .bool(photo.erased)),
            ("embedded", .object(photo.embedded.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("used_by", .array(photo.usedBy.map { .object([("story", .number($0.story.rawValue)), ("role", .string($0.role.rawValue))]) })),
        ])
    }
}

extension NewsroomViewModels {
    public func photoCard(_ photo: Photo) -> ViewCard {
        var card = ViewCard()
        card.add("Photo", .plain("\(photo.id)  ·  \(photo.format)  ·  \(photo.width) × \(photo.height)  ·  \(PhotoViews.size(photo.byteCount))"))
        card.add("Alt text", .user(photo.text.alt))
        card.add("Caption", .user(photo.text.caption))
        card.add("Credit", .user(photo.text.credit))
        card.add("Taken on", .plain(photo.takenOn ?? "—"))
        card.add("Focus", .plain(PhotoViews.focus(photo.focus)))
        card.add("Added", .plain("\(time(photo.addedAt)) by \(photo.addedBy)"))
        card.add("Used by", .plain(photo.usedBy.isEmpty ? "no story" : photo.usedBy.map { "story \($0.story) (\($0.role.rawValue))" }.joined(separator: ", ")))
        for (key, value) in photo.embedded.sorted(by: { $0.key < $1.key }) {
            card.add("File's \(key)", .user(value))
        }
        if photo.erased { card.add("Erased", .plain("under an order: its files are gone")) }
        return card
    }

    public func photoTable(_ photos: [Photo]) -> ViewTable {
        ViewTable(headers: ["ID", "Size", "Alt", "Credit", "Caption", "Used by"], rows: photos.map { photo in
            [.plain(String(photo.id.rawValue)), .plain("\(photo.width)×\(photo.height)"), .user(photo.text.alt), .user(photo.text.credit),
             .user(photo.text.caption), .plain(photo.usedBy.map { String($0.story.rawValue) }.joined(separator: ","))]
        })
    }
}

public enum PhotoViews {
    public static func focus(_ point: FocalPoint) -> String { "\(decimal(point.x)),\(decimal(point.y))" }

    /// Up to three decimals, no trailing zeros (0.5, 0.333).
    static func decimal(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        var text = "\(thousandths / 1000)"
        let rest = thousandths % 1000
        if rest > 0 {
            var digits = String(rest)
            while digits.count < 3 { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes * 10 / 1_048_576 / 10).\(bytes * 10 / 1_048_576 % 10) MB" : "\(max(1, bytes / 1024)) KB"
    }
}
