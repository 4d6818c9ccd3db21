import CivilTime

/// What a photo must be to come in, and to go out with a story: one table of limits, which
/// the database's checks mirror (Migrations/0031; a test reads both).
public enum PhotoRules {
    /// The largest file taken, in bytes (50 MB: a full-size camera JPEG is 6–25 MB).
    public static let byteLimit = 50 * 1_048_576
    /// The most pixels a photo may declare (80 megapixels), checked on the header before
    /// anything is decoded: a small file may claim 50,000 × 50,000.
    public static let megapixelLimit = 80
    public static var pixelLimit: Int { megapixelLimit * 1_000_000 }

    /// Adding and describing photos: an active reporter, editor or chief (those who write).
    public static func authorizeAdding(by actor: Actor) throws(NewsroomError) {
        guard case .staff(let member) = actor, member.active, member.role.writes else {
            throw NewsroomError(.notAllowed, "\(actor.name) may not add or describe photos: reporters, editors and chiefs may")
        }
    }

    /// Deleting a photo: an active chief, of a photo no story uses.
    public static func authorizeDeleting(_ photo: Photo, by actor: Actor) throws(NewsroomError) {
        guard case .staff(let member) = actor, member.active, member.role == .chief else {
            throw NewsroomError(.notAllowed, "\(actor.name) may not delete photo \(photo.id): only an active chief may")
        }
        if !photo.usedBy.isEmpty {
            let stories = Set(photo.usedBy.map(\.story)).sorted().map { "\($0)" }.joined(separator: ", ")
            throw NewsroomError(.invalidState, "photo \(photo.id) is used by story \(stories); take it out of the story first (its body, or story photo ID --no-lead)")
        }
    }

    /// A day a photo was taken, `YYYY-MM-DD` (digits of either kind), if it is a real one; a
    /// stated date-time gives its day.
    public static func day(_ text: String) -> String? {
        let digits = Array(Digits.asciiDigits(text.trimmingWhitespace()).utf8.prefix(10))
        guard digits.count == 10, digits[4] == 0x2D, digits[7] == 0x2D,
              digits.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || ($0.element >= 0x30 && $0.element <= 0x39) }),
              let year = Int64(String(decoding: digits[0..<4], as: UTF8.self)), year >= 1800,
              let month = Int64(String(decoding: digits[5..<7], as: UTF8.self)),
              let dayOfMonth = Int64(String(decoding: digits[8..<10], as: UTF8.self)),
              (1...12).contains(month), (1...31).contains(dayOfMonth),
              CivilDate.from(days: CivilDate.days(year: year, month: month, day: dayOfMonth)) == (year, month, dayOfMonth)
        else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }

    /// A file's size, before it is read whole (the CLI knows a file's size from the system).
    public static func checkSize(_ byteCount: Int) throws(NewsroomError) {
        if byteCount > byteLimit {
            throw .invalid("file", "is \(byteCount / 1_048_576) MB; the limit is \(byteLimit / 1_048_576) MB: export it smaller (a JPEG at quality 90 is plenty)")
        }
    }

    /// Before a file is decoded: its size, what it is, what it declares.
    public static func checkUpload(byteCount: Int, format: String?, what: String, width: Int, height: Int, frames: Int) throws(NewsroomError) {
        try checkSize(byteCount)
        guard format != nil else {
            throw .invalid("file", "is \(what), not a photo; the newsroom takes JPEG, PNG and WebP (convert HEIC or AVIF to JPEG first)")
        }
        guard width >= 1, height >= 1 else { throw .invalid("file", "declares no pixels; it is damaged") }
        if width * height > pixelLimit {
            throw .invalid("file", "declares \(width) × \(height) pixels, over the limit of \(megapixelLimit) megapixels: resize it before adding it")
        }
        if frames > 1 {
            throw .invalid("file", "is animated (\(frames) frames); the newsroom's photos are still: export the frame you want as a JPEG")
        }
    }

    /// A story goes out (published, scheduled, by the scheduler, without review) only when each
    /// of its photos has alt text and a credit. `photos`: the story's, with their words.
    public static func checkReadyToPublish(_ story: StoryID, photos: [(id: MediaID, text: PhotoText)]) throws(NewsroomError) {
        var missing: [String] = []
        for (id, text) in photos.sorted(by: { $0.id < $1.id }) {
            let lacks = [text.alt == nil ? "alt text" : nil, text.credit == nil ? "credit" : nil].compactMap { $0 }
            if !lacks.isEmpty { missing.append("photo \(id) has no \(lacks.joined(separator: " or "))") }
        }
        guard missing.isEmpty else {
            let first = photos.sorted(by: { $0.id < $1.id }).first { $0.text.alt == nil || $0.text.credit == nil }!.id
            throw NewsroomError(.invalidState, "story \(story) cannot go out yet: \(missing.joined(separator: "; ")); "
                + "add them with newsroom media edit \(first) --alt \"…\" --credit \"…\"")
        }
    }
}

/// The sizes every photo is served at, planned from its upright working copy: widths for
/// `srcset` (never enlarged), three crops around the focal point for search engines' article
/// images (16:9, 4:3, 1:1), and the 1200 × 630 social card.
public struct PlannedRendition: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case width, crop, social }
    /// `w640`, `16x9`, `4x3`, `1x1`, `social`.
    public var name: String
    public var kind: Kind
    /// The area of the working copy, and the size it is scaled to.
    public var left: Int, top: Int, areaWidth: Int, areaHeight: Int
    public var width: Int, height: Int
    /// `jpeg`, `webp`.
    public var formats: [String]
}

public enum RenditionPlan {
    public static let widths = [320, 640, 1024, 1600, 2048]
    public static let crops = [(16, 9), (4, 3), (1, 1)]
    public static let cropWidth = 1200
    public static let social = (width: 1200, height: 630)
    public static let quality = (jpeg: 82, webp: 78)

    /// The widest copy any rendition needs: the working copy is decoded at most this wide.
    public static var workingWidth: Int { widths.max()! }

    public static func plan(width: Int, height: Int, focus: FocalPoint) -> [PlannedRendition] {
        var plan: [PlannedRendition] = []
        let fitting = widths.filter { $0 <= width }
        for target in fitting.isEmpty ? [width] : fitting {
            let scaled = max(1, (height * target + width / 2) / width)
            plan.append(PlannedRendition(name: "w\(target)", kind: .width, left: 0, top: 0, areaWidth: width, areaHeight: height,
                                         width: target, height: scaled, formats: ["webp", "jpeg"]))
        }
        for (across, down) in crops {
            plan.append(cut(width: width, height: height, across: across, down: down, widest: cropWidth, focus: focus,
                            name: "\(across)x\(down)", kind: .crop))
        }
        plan.append(cut(width: width, height: height, across: social.width, down: social.height, widest: social.width, focus: focus,
                        name: "social", kind: .social))
        return plan
    }

    /// The largest area of the aspect `across`:`down` that fits, centred on the focal point as
    /// far as the edges allow, scaled to at most `widest` wide (never enlarged).
    static func cut(width: Int, height: Int, across: Int, down: Int, widest: Int, focus: FocalPoint, name: String, kind: PlannedRendition.Kind) -> PlannedRendition {
        var areaWidth = width, areaHeight = max(1, width * down / across)
        if areaHeight > height { areaHeight = height; areaWidth = max(1, height * across / down) }
        let left = clamp(Int((focus.x * Double(width)).rounded()) - areaWidth / 2, 0, width - areaWidth)
        let top = clamp(Int((focus.y * Double(height)).rounded()) - areaHeight / 2, 0, height - areaHeight)
        let outWidth = min(widest, areaWidth)
        let outHeight = max(1, (outWidth * down + across / 2) / across)
        return PlannedRendition(name: name, kind: kind, left: left, top: top, areaWidth: areaWidth, areaHeight: areaHeight,
                                width: outWidth, height: min(outHeight, areaHeight), formats: ["jpeg"])
    }

    private static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { min(max(value, low), high) }
}
