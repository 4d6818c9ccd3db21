import ArgumentParser
import NewsroomCommandLine
import NewsroomCore

extension Newsroom {
    /// Hands over to `newsroom-media`, as `serve` does to `newsroom-server`: libvips and its
    /// hundred libraries load only for photos, never for every other command.
    struct Media: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "media", _superCommandName: "newsroom",
            abstract: "The newsroom's photos: add, show, list, edit, delete (runs newsroom-media).",
            discussion: "See newsroom media --help for its commands."
        )

        // `newsroom --as H media …` and `--database`: passed on.
        @OptionGroup var global: GlobalOptions

        @Argument(parsing: .captureForPassthrough, help: "The media command and its options (add, show, list, edit, delete, original, preview).")
        var words: [String] = []

        func run() throws { try handOver(to: "newsroom-media", words, global, scriptVerb: "media") }
    }
}

extension Newsroom {
    /// Hands over to `newsroom-wire`: libxml2, Foundation's JSON and libcurl load only for the wire.
    struct Wire: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wire", _superCommandName: "newsroom",
            abstract: "Agency copy: sources, the worker, the wire queue, taking an item into a draft (runs newsroom-wire).",
            discussion: "See newsroom wire --help for its commands."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(parsing: .captureForPassthrough, help: "The wire command and its options (source, run, list, show, search, take).")
        var words: [String] = []

        func run() throws { try handOver(to: "newsroom-wire", words, global, scriptVerb: "wire") }
    }
}

/// A companion binary takes the words, with `--as` and `--database` passed on in front.
private func handOver(to binary: String, _ words: [String], _ global: GlobalOptions, scriptVerb: String) throws {
    try reportingFailures {
        var passed = words
        if let database = global.database { passed = ["--database", database] + passed }
        if let actingAs = global.actingAs { passed = ["--as", actingAs] + passed }
        try Companion.handOver(to: binary, passed, scriptVerb: scriptVerb)
    }
}

extension Newsroom.StoryCommand {
    struct Photo: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "photo", _superCommandName: "newsroom story",
            abstract: "Set or take away a story's lead photo (a change to the story, as an edit is).",
            discussion: """
                Whoever may edit the story may. An approved or scheduled story goes back to review; a published one takes                 --correction NOTE. Photos in the body are written there: ![alt](media:ID) on a line of its own. A story that                 is out keeps the rule: each photo has alt text and a credit.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The story's number.", transform: parseStoryID) var id: StoryID
        @Option(help: "The photo to lead with.", transform: { try MediaID.parse($0) }) var lead: MediaID?
        @Flag(name: .customLong("no-lead"), help: "Take the lead photo away.") var noLead = false
        @Option(help: "For a published story: what readers are told changed.") var correction: String?

        func run(_ context: CommandContext) throws {
            guard (lead != nil) != noLead else { throw ValidationError("give --lead MEDIA or --no-lead") }
            let note = try correction.map { try EditorialText.note($0, field: "correction") }
            let store = context.store()
            let outcome = try store.setLeadPhoto(id, lead, correction: note, by: try context.actor(store))
            let what = lead.map { "lead photo \($0)" } ?? "no lead photo"
            guard outcome.changed else { return print("story \(id): \(what) already; nothing changed") }
            let move = outcome.from == outcome.story.status ? outcome.story.status.rawValue : "\(outcome.from.rawValue) → \(outcome.story.status.rawValue)"
            print("story \(id): \(what); \(move), version \(outcome.story.version)")
        }
    }
}
