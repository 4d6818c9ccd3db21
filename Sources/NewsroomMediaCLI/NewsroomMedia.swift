import ArgumentParser
import NewsroomCommandLine
import NewsroomCore

/// `newsroom media …`: the photo library. A binary of its own, which `newsroom media` hands
/// over to, so that libvips and its hundred libraries load only for photos, never for every
/// command of the CLI.
@main
struct NewsroomMedia: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsroom media",
        abstract: "The newsroom's photos: add, describe, list and place them.",
        discussion: """
            A photo is read (JPEG, PNG or WebP, at most \(PhotoRules.byteLimit / 1_048_576) MB and \(PhotoRules.megapixelLimit) megapixels), \
            its caption, credit and date taken from its IPTC, XMP or EXIF where not given, and served to readers only as \
            renditions without any of its metadata (no position, no serial numbers, no names). A story goes out only \
            when each of its photos has alt text and a credit. In a body: ![alt](media:ID) on a line of its own; \
            a story's lead photo: newsroom story photo ID --lead MEDIA.
            """,
        subcommands: [Add.self, Show.self, List.self, Edit.self, Delete.self, Original.self, Preview.self]
    )

    // Declared here too so `newsroom-media --as H add …` parses; each command reads its own copy.
    @OptionGroup var global: GlobalOptions

    static func main() { companionMain(help: "media") }
}

/// The words a photo takes, as options (an empty value clears one, on edit).
struct PhotoWords: ParsableArguments {
    @Option(help: "Alt text: what the photo shows, for readers who cannot see it.") var alt: String?
    @Option(help: "The caption shown under it.") var caption: String?
    @Option(help: "Who made it, or the agency (e.g. \"رويترز\").") var credit: String?
    @Option(name: .customLong("taken-on"), help: ArgumentHelp("The day it was taken.", valueName: "YYYY-MM-DD")) var takenOn: String?
    @Option(help: ArgumentHelp("Where its subject is, as fractions of its width and height (crops keep it in frame).", valueName: "X,Y"),
            transform: { try FocalPoint.parse($0) })
    var focus: FocalPoint?

    func checked() throws -> (alt: String??, caption: String??, credit: String??, takenOn: String??) {
        let text = try PhotoText.checked(alt: alt, caption: caption, credit: credit)
        return (text.alt, text.caption, text.credit, try takenOn.map { try Self.day($0) })
    }

    /// A calendar day, or nil for "" (clears it).
    static func day(_ text: String) throws -> String? {
        if text.trimmingWhitespace().isEmpty { return nil }
        guard let date = PhotoRules.day(text) else {
            throw NewsroomError.invalid("taken-on", "\"\(text)\" is not a day; write it as YYYY-MM-DD, e.g. 2026-12-07")
        }
        return date
    }
}
