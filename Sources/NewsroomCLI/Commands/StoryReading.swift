import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import NewsroomSite
import NewsroomStore
import NewsroomViews
import TerminalText
import NewsroomCommandLine

// Reading stories: one, a list, its history, two versions' differences, an export.
extension Newsroom.StoryCommand {
    struct Show: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "show", _superCommandName: "newsroom story", abstract: "Show a story, now or as of an earlier version.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The story's number.", transform: parseStoryID) var id: StoryID
        @Option(help: "Show it as it was at this version.", transform: parseVersion) var version: Int?
        @Flag(help: "Print JSON (the body as written and as HTML).") var json = false
        @Flag(help: "Print the body as readers see it (links as their words and <address>, quotations indented) instead of as written.")
        var rendered = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            let story = try version.map { try store.story(id, asOf: $0) } ?? store.story(id)
            let presenter = Presenter(time: try store.time())
            let origin = try store.wireOrigin(of: id)
            if json {
                guard case .object(let fields) = presenter.json.story(story) else { return }
                return Output.print(.object(fields + [("wire", presenter.json.wireOrigin(origin))]))
            }
            let name = try store.listSections().first { $0.slug == story.section }?.name
            print(presenter.card(story, sectionName: name, rendered: rendered))
            if let origin {
                let state = origin.killed ? "; KILLED by the agency since" : origin.currentVersion > origin.version ? "; the agency has sent version \(origin.currentVersion) since" : ""
                print("wire: \(origin.source) \(origin.guid), version \(origin.version) (item \(origin.item), taken by \(origin.takenBy))\(state)")
                if let credit = origin.creditline { print("credit: \u{2068}\(credit)\u{2069}") }
            }
        }
    }

    struct Export: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", _superCommandName: "newsroom story",
            abstract: "Print a published or withdrawn story as partners take it (IPTC ninjs 2.2, or an Atom entry).",
            discussion: """
                A withdrawn story is its cancellation: in ninjs pubstatus canceled with its identity, version and \
                time; in Atom its RFC 6721 tombstone. None of its text.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The story's number.", transform: parseStoryID) var id: StoryID
        @Option(help: "The format: ninjs or atom-entry.") var format = "ninjs"

        func validate() throws {
            guard ["ninjs", "atom-entry"].contains(format) else {
                throw ValidationError("--format \"\(format)\" is not a format this command writes; use ninjs or atom-entry")
            }
        }

        func run(_ context: CommandContext) throws {
            let reader = ReaderStore(session: context.session)
            let settings = try reader.settings()
            let lookup = try reader.story(id)
            let refusal = NewsroomError.notFound("story", String(id.rawValue), hint: "only published and withdrawn stories are exported (see newsroom story show)")
            if format == "atom-entry" {
                guard let document = FeedWriter(settings: settings).entryDocument(lookup, id: id) else { throw refusal }
                return print(document, terminator: "")
            }
            guard let document = NinjsWriter(settings: settings).document(lookup, id: id) else { throw refusal }
            Output.print(document)
        }
    }

    struct List: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "list", _superCommandName: "newsroom story", abstract: "List stories, most recently changed first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this status (draft, in_review, approved, scheduled, published, withdrawn, spiked).") var status: String?
        @Option(help: "Only this section's slug.") var section: String?
        @Option(help: "Only stories this editor is assigned.") var editor: String?
        @Option(help: "Only this author's stories.") var author: String?
        @Option(help: "Only stories last changed on this day in the newsroom's time zone (today, yesterday or YYYY-MM-DD).") var day: String?
        @Option(help: "At most this many (default 100).", transform: parseLimit) var limit = 100
        @Option(help: "Continue after this story (the last of the previous page).", transform: parseStoryID) var after: StoryID?
        @Flag(help: "Only stories taken from a wire item the agency has since killed.") var wireKilled = false
        @Flag(help: "Print JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            var filter = StoryFilter(
                status: try status.map { try StoryStatus.parse($0) },
                section: try section.map { try SectionSlug.parse($0) },
                editor: try editor.map { try Handle.parse($0, field: "editor") },
                author: try author.map { try Handle.parse($0, field: "author") },
                day: try day.map { try store.time().day($0, now: try store.now(), field: "day") },
                limit: limit,
                after: after
            )
            filter.wireKilled = wireKilled
            let page = try store.stories(filter)
            let stories = page.items
            let presenter = Presenter(time: try store.time())
            defer { if page.hasMore, let last = stories.last { Output.noteMore("stories", shown: stories.count, lastID: last.id.description) } }
            if json { return Output.print(.array(stories.map(presenter.json.story))) }
            print(stories.isEmpty ? "no stories" : presenter.table(stories))
        }
    }

    struct History: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "history", _superCommandName: "newsroom story", abstract: "Everything that happened to a story, oldest first.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The story's number.", transform: parseStoryID) var id: StoryID
        @Flag(help: "Print JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            let history = try store.history(id)
            let presenter = Presenter(time: try store.time())
            if json { return Output.print(.array(history.map(presenter.json.history))) }
            print(presenter.table(history))
        }
    }

    struct Diff: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff", _superCommandName: "newsroom story",
            abstract: "What changed in a story's text between two versions, word by word.",
            discussion: """
                Without options: the latest change of text. Removed words are shown as [-words-], added ones as                     {+words+} (as git's word diff writes them), the rest as stored; --json gives each run with its change.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The story's number.", transform: parseStoryID) var id: StoryID
        @Option(help: "The older version (default: the one before the last change of text).", transform: parseVersion) var from: Int?
        @Option(help: "The newer version (default: the current one).", transform: parseVersion) var to: Int?
        @Flag(help: "Print JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let diff = try context.store().diff(id, from: from, to: to)
            if json { return Output.print(NewsroomJSON.diff(diff)) }
            print(Presenter.diff(diff))
        }
    }
}

extension Presenter {
    /// A diff for a terminal or a pipe: the one-line fields isolated as table cells are, the
    /// body as stored, each with [-removed-] and {+added+} words.
    static func diff(_ diff: StoryDiff) -> String {
        guard diff.changed else { return "story \(diff.id): versions \(diff.from) and \(diff.to) read the same" }
        func line(_ runs: [WordDiff.Run]) -> String {
            guard WordDiff.changed(runs) else { return runs.isEmpty ? "(none)" : "(unchanged)" }
            return Display.isolated(WordDiff.plain(runs))
        }
        var lines = ["story \(diff.id): version \(diff.from) → \(diff.to)"]
        if diff.sections.from != diff.sections.to { lines.append("section: \(diff.sections.from) → \(diff.sections.to)") }
        lines.append("headline: " + line(diff.headline))
        lines.append("dateline: " + line(diff.dateline))
        lines.append(WordDiff.changed(diff.body) ? "body:\n" + WordDiff.plain(diff.body) : "body: (unchanged)")
        return lines.joined(separator: "\n")
    }
}
