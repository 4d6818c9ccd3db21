import Imaging
import NewsroomCore
import NewsroomStore

/// A file becoming a photo of the newsroom: the core's rules checked on its bytes and header
/// before anything is decoded, its own metadata read for the desk, and every rendition of the
/// core's plan made without any of it. Nothing is stored here: the store takes the result.
public enum PhotoIntake {
    /// What the command (or the desk) gave; nil fields are pre-filled from the file where its
    /// text passes the newsroom's rules.
    public struct Given: Sendable {
        public var text: PhotoText
        public var takenOn: String?
        public var focus: FocalPoint?

        public init(text: PhotoText = PhotoText(), takenOn: String? = nil, focus: FocalPoint? = nil) {
            self.text = text
            self.takenOn = takenOn
            self.focus = focus
        }
    }

    public static func prepare(_ bytes: [UInt8], given: Given) throws(NewsroomError) -> NewPhoto {
        let source = try open(bytes)
        let metadata = source.metadata()
        let focus = given.focus ?? .centre
        let renditions = try render(source, focus: focus, kinds: [.width, .crop, .social])
        func prefilled(_ value: String?, _ kind: LineKind) -> String? {
            guard let value, let text = try? EditorialText.line(value, kind) else { return nil }
            return text
        }
        let text = PhotoText(
            alt: given.text.alt,
            caption: given.text.caption ?? prefilled(metadata.caption, .photoCaption),
            credit: given.text.credit ?? prefilled(metadata.credit, .photoCredit) ?? prefilled(metadata.creator, .photoCredit)
        )
        return NewPhoto(
            format: source.format.rawValue, width: source.uprightWidth, height: source.uprightHeight, original: bytes, text: text,
            takenOn: given.takenOn ?? metadata.created.flatMap(PhotoRules.day), focus: focus, embedded: described(metadata), renditions: renditions
        )
    }

    /// The crops and social card again, around a new focal point (the widths do not change).
    public static func crops(of original: [UInt8], focus: FocalPoint) throws(NewsroomError) -> [PreparedRendition] {
        try render(try open(original), focus: focus, kinds: [.crop, .social])
    }

    /// The header read and the rules checked before any pixel is decoded.
    static func open(_ bytes: [UInt8]) throws(NewsroomError) -> SourceImage {
        let format = ImageFormat.identify(bytes)
        try PhotoRules.checkUpload(byteCount: bytes.count, format: format?.rawValue, what: ImageFormat.describe(bytes), width: 1, height: 1, frames: 1)
        let source: SourceImage
        do {
            source = try SourceImage(bytes)
        } catch {
            throw NewsroomError.invalid("file", error.message)
        }
        try PhotoRules.checkUpload(byteCount: bytes.count, format: format?.rawValue, what: "", width: source.width, height: source.height, frames: source.frames)
        return source
    }

    static func render(_ source: SourceImage, focus: FocalPoint, kinds: Set<PlannedRendition.Kind>) throws(NewsroomError) -> [PreparedRendition] {
        do {
            let working = try source.working(maxWidth: RenditionPlan.workingWidth)
            var renditions: [PreparedRendition] = []
            for planned in RenditionPlan.plan(width: working.width, height: working.height, focus: focus) where kinds.contains(planned.kind) {
                let cut = ImageCut(left: planned.left, top: planned.top, width: planned.areaWidth, height: planned.areaHeight,
                                   outputWidth: planned.width, outputHeight: planned.height)
                for name in planned.formats {
                    let format: ImageFormat = name == "webp" ? .webp : .jpeg
                    let made = try working.render(cut, as: format, quality: format == .webp ? RenditionPlan.quality.webp : RenditionPlan.quality.jpeg)
                    renditions.append(PreparedRendition(name: planned.name, format: format.rawValue, width: made.width, height: made.height, bytes: made.bytes))
                }
            }
            return renditions
        } catch {
            throw NewsroomError.invalid("file", error.message)
        }
    }

    /// The file's own words as the desk sees them (kept with the photo; never served).
    static func described(_ metadata: EmbeddedMetadata) -> [String: String] {
        var fields: [String: String] = [:]
        fields["caption"] = metadata.caption
        fields["credit"] = metadata.credit
        fields["creator"] = metadata.creator
        fields["copyright"] = metadata.copyright
        fields["created"] = metadata.created
        fields["camera"] = metadata.camera
        if metadata.hadLocation { fields["location"] = "a GPS position: in the original only, never served" }
        if metadata.hadSerialNumber { fields["serial number"] = "a camera or lens serial: in the original only, never served" }
        return fields.compactMapValues { value in
            // Only text the newsroom could store; anything else is left out, not guessed at.
            (try? EditorialText.line(value, .photoCaption)) ?? nil
        }
    }
}
