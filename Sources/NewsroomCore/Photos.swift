#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// A photo's number in the newsroom's media library, as people type and read it.
public struct MediaID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: MediaID, b: MediaID) -> Bool { a.rawValue < b.rawValue }

    public static func parse(_ text: String, field: String = "media id") throws(NewsroomError) -> MediaID {
        guard let value = Digits.positiveInteger(text) else {
            throw .invalid(field, "\"\(text)\" is not a photo number; use a whole number from 1 to \(Int64.max)")
        }
        return MediaID(rawValue: value)
    }
}

/// Where the editor says a photo's subject is, as fractions of its upright width and height
/// from the top left (the centre unless given): crops keep it in frame.
public struct FocalPoint: Sendable, Equatable {
    public let x: Double
    public let y: Double
    public static let centre = FocalPoint(uncheckedX: 0.5, y: 0.5)

    init(uncheckedX x: Double, y: Double) { self.x = x; self.y = y }

    /// Both from 0 to 1.
    public init(x: Double, y: Double) throws(NewsroomError) {
        guard x.isFinite, y.isFinite, (0...1).contains(x), (0...1).contains(y) else {
            throw .invalid("focus", "\(x),\(y) is outside the photo; give X,Y as fractions from 0 to 1 (0.5,0.5 is the centre)")
        }
        self.x = x
        self.y = y
    }

    /// `X,Y`, e.g. `0.3,0.4`.
    public static func parse(_ text: String) throws(NewsroomError) -> FocalPoint {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let x = Double(parts[0].trimmedOfWhitespace()), let y = Double(parts[1].trimmedOfWhitespace()) else {
            throw .invalid("focus", "\"\(text)\" is not a point; give X,Y as fractions from 0 to 1, e.g. 0.5,0.4")
        }
        return try FocalPoint(x: x, y: y)
    }
}

/// A photo's own words: alt text, caption and credit, each one line of the newsroom's text
/// (`LineKind.photoAlt`, `.photoCaption`, `.photoCredit`; the database checks the same).
public struct PhotoText: Sendable, Equatable {
    public var alt: String?
    public var caption: String?
    public var credit: String?

    public init(alt: String? = nil, caption: String? = nil, credit: String? = nil) {
        self.alt = alt
        self.caption = caption
        self.credit = credit
    }

    /// Each given field normalised and checked; an empty one clears it (nil).
    public static func checked(alt: String?, caption: String?, credit: String?) throws(NewsroomError) -> (alt: String??, caption: String??, credit: String??) {
        func one(_ value: String?, _ kind: LineKind) throws(NewsroomError) -> String?? {
            guard let value else { return .none }
            let text = try EditorialText.line(value, kind, required: false)
            return .some(text.isEmpty ? nil : text)
        }
        return (try one(alt, .photoAlt), try one(caption, .photoCaption), try one(credit, .photoCredit))
    }
}

/// What the newsroom knows of one photo, as every front end shows it.
public struct Photo: Sendable, Equatable {
    public var id: MediaID
    public var format: String
    /// Upright, as readers see it.
    public var width: Int
    public var height: Int
    public var byteCount: Int
    public var text: PhotoText
    /// The day it was taken, as the command or the file said (`YYYY-MM-DD`).
    public var takenOn: String?
    public var focus: FocalPoint
    public var addedBy: Handle
    public var addedAt: Date
    /// What the file said of itself when it came in (the desk's; never served).
    public var embedded: [String: String]
    /// The stories that use it, and how.
    public var usedBy: [PhotoUse]
    public var erased: Bool

    public init(id: MediaID, format: String, width: Int, height: Int, byteCount: Int, text: PhotoText, takenOn: String?, focus: FocalPoint,
                addedBy: Handle, addedAt: Date, embedded: [String: String], usedBy: [PhotoUse], erased: Bool) {
        self.id = id; self.format = format; self.width = width; self.height = height; self.byteCount = byteCount
        self.text = text; self.takenOn = takenOn; self.focus = focus; self.addedBy = addedBy; self.addedAt = addedAt
        self.embedded = embedded; self.usedBy = usedBy; self.erased = erased
    }
}

/// A story's use of a photo: its lead, or a block of its body.
public struct PhotoUse: Sendable, Equatable, Hashable {
    public enum Role: String, Sendable, CaseIterable { case lead, body }
    public var story: StoryID
    public var role: Role
    public init(story: StoryID, role: Role) { self.story = story; self.role = role }
}

/// A photo as readers get it: a published story's, with the sizes it is served at.
public struct ReaderPhoto: Sendable, Equatable {
    public var id: MediaID
    public var role: PhotoUse.Role
    public var width: Int
    public var height: Int
    public var alt: String
    public var caption: String?
    public var credit: String
    public var renditions: [ReaderRendition]

    public init(id: MediaID, role: PhotoUse.Role, width: Int, height: Int, alt: String, caption: String?, credit: String, renditions: [ReaderRendition]) {
        self.id = id; self.role = role; self.width = width; self.height = height
        self.alt = alt; self.caption = caption; self.credit = credit; self.renditions = renditions
    }

    /// The widths for `srcset`, narrowest first.
    public func widths(_ format: String) -> [ReaderRendition] {
        renditions.filter { $0.name.hasPrefix("w") && $0.format == format }.sorted { $0.width < $1.width }
    }

    public func rendition(_ name: String, _ format: String = "jpeg") -> ReaderRendition? {
        renditions.first { $0.name == name && $0.format == format }
    }
}

/// One served file of a photo, at its content-addressed path (`/media/HASH-w640.webp`): the
/// bytes never change under an address, so caches keep it for a year.
public struct ReaderRendition: Sendable, Equatable {
    public var name: String
    public var format: String
    public var width: Int
    public var height: Int
    public var hash: String

    public init(name: String, format: String, width: Int, height: Int, hash: String) {
        self.name = name; self.format = format; self.width = width; self.height = height; self.hash = hash
    }

    public var path: String { "/media/\(hash)-\(name).\(Self.fileExtension(format))" }

    public var mediaType: String { Self.mediaType(format) }

    /// A rendition's format (`jpeg`, `webp`) as a file name ends and as HTTP names it.
    public static func fileExtension(_ format: String) -> String { format == "jpeg" ? "jpg" : format }
    public static func mediaType(_ format: String) -> String { "image/\(format)" }

    /// A path's hash, name and format, if it is one of these.
    public static func parsePath(_ file: Substring) -> (hash: String, name: String, format: String)? {
        guard let dash = file.firstIndex(of: "-"), let dot = file.lastIndex(of: "."), dash < dot else { return nil }
        let hash = file[..<dash], name = file[file.index(after: dash)..<dot], ext = file[file.index(after: dot)...]
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }),
              !name.isEmpty, name.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }),
              let format = ["jpeg", "webp"].first(where: { fileExtension($0) == ext }) else { return nil }
        return (String(hash), String(name), format)
    }
}
