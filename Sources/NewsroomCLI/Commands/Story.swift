import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore
import NewsroomSite
import NewsroomStore
import NewsroomViews
import TerminalText

extension Newsroom {
    struct StoryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "story",
            abstract: "Read stories and move them through review to publication.",
            discussion: """
                draft → in_review → approved → (scheduled →) published → withdrawn; spiked: killed before publication.
                Times: \(NewsroomTime.formats).
                """,
            subcommands: [
                Show.self, List.self, History.self, Diff.self, Notes.self, Note.self, ResolveNote.self, ReopenNote.self, Budget.self, Edit.self,
                Assign.self, Submit.self, Return.self, Approve.self, Publish.self, Unschedule.self,
                Expire.self, Withdraw.self, Erase.self, Spike.self, Restore.self, Export.self,
            ]
        )

        struct Show: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "show", _superCommandName: "newsroom story", abstract: "Show a story, now or as of an earlier version.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The story's number.", transform: parseStoryID) var id: StoryID
            @Option(help: "Show it as it was at this version.", transform: parseVersion) var version: Int?
            @Flag(help: "Print JSON.") var json = false

            func run(_ context: CommandContext) throws {
                let store = context.store()
                let story = try version.map { try store.story(id, asOf: $0) } ?? store.story(id)
                let presenter = Presenter(time: try store.time())
                if json { return Output.print(presenter.json.story(story)) }
                let name = try store.listSections().first { $0.slug == story.section }?.name
                print(presenter.card(story, sectionName: name))
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
            @Option(help: "At most this many (default 100).", transform: parseLimit) var limit = 100
            @Option(help: "Continue after this story (the last of the previous page).", transform: parseStoryID) var after: StoryID?
            @Flag(help: "Print JSON.") var json = false

            func run(_ context: CommandContext) throws {
                let store = context.store()
                let filter = StoryFilter(
                    status: try status.map { try StoryStatus.parse($0) },
                    section: try section.map { try SectionSlug.parse($0) },
                    editor: try editor.map { try Handle.parse($0, field: "editor") },
                    author: try author.map { try Handle.parse($0, field: "author") },
                    limit: limit,
                    after: after
                )
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

        struct Edit: NewsroomCommand {
            static let configuration = CommandConfiguration(
                commandName: "edit", _superCommandName: "newsroom story",
                abstract: "Change a story's headline, dateline, section or body; with no field options, in your editor.",
                discussion: """
                    Editing an approved or scheduled story sends it back to review. A published story takes \
                    --correction NOTE, which is listed in its history. Every change keeps the old text as a revision.
                    With no field options it opens $VISUAL or $EDITOR (as git does) on the headline (first line), \
                    the dateline (second line, empty for none) and, after a blank line, the body, and holds a lease \
                    on the story while the editor is open (the edit.lease setting, default 10m, renewed while it \
                    runs): others are told who is editing it (exit 75). --take-over (editors and chiefs) breaks \
                    another's lease. The text is saved only if the story has not moved on meanwhile; otherwise it \
                    is kept in the file, and the command says where.
                    """
            )
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions
            @Option(help: "A new headline.") var headline: String?
            @Option(help: "A new dateline (empty to remove it).") var dateline: String?
            @Option(help: "Move it to this section.") var section: String?
            @Option(help: "A new body from this file, or - for stdin.") var bodyFile: String?
            @Option(help: "For a published story: what was corrected.") var correction: String?
            @Flag(help: "With the editor: take over another's lease (editors and chiefs).") var takeOver = false

            func run(_ context: CommandContext) throws {
                let interactive = headline == nil && dateline == nil && section == nil && bodyFile == nil
                if interactive {
                    if options.dryRun { throw ValidationError("--dry-run needs the fields to change: --headline, --dateline, --section or --body-file") }
                    if takeOver { try LeaseRules.authorizeTakeOver(by: try context.actor(context.store())) }
                    guard EditorSession.canOpenEditor else {
                        throw ValidationError("say what to change: --headline, --dateline, --section or --body-file (or set EDITOR to edit it in your editor)")
                    }
                    let note = try correction.map { try EditorialText.note($0, field: "correction") }
                    return try EditorSession(id: options.id, takeOver: takeOver, correction: note, options: options).run(context)
                }
                if takeOver { throw ValidationError("--take-over goes with editing in your editor (no field options)") }
                let changes = StoryChanges(
                    headline: try headline.map { try EditorialText.line($0, .headline) },
                    section: try section.map { try SectionSlug.parse($0) },
                    dateline: try dateline.map { value -> String? in
                        let line = try EditorialText.line(value, .dateline, required: false)
                        return line.isEmpty ? nil : line
                    },
                    body: try bodyFile.map { try BodyFile.read($0) }
                )
                guard !changes.isEmpty else {
                    throw ValidationError("say what to change: --headline, --dateline, --section or --body-file")
                }
                let note = try correction.map { try EditorialText.note($0, field: "correction") }
                let store = context.store(dryRun: options.dryRun)
                let outcome = try store.edit(options.id, changes: changes, correction: note, ifVersion: options.ifVersion, by: try context.actor(store))
                try report(outcome, options: options, store: store, verb: note == nil ? "edited" : "corrected")
            }
        }

        struct Assign: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "assign", _superCommandName: "newsroom story", abstract: "Assign the editor who reviews a story (editors and chiefs).")
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions
            @Option(help: "The editor's handle: an active editor or chief.") var editor: String

            func run(_ context: CommandContext) throws {
                try perform(context, options, .assign, editor: try Handle.parse(editor, field: "editor"))
            }
        }

        struct Submit: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "submit", _superCommandName: "newsroom story", abstract: "Send a draft to its assigned editor for review.")
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions

            func run(_ context: CommandContext) throws {
                try perform(context, options, .submit)
            }
        }

        struct Return: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "return", _superCommandName: "newsroom story", abstract: "Send a story in review back to its author as a draft, with a note.")
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions
            @Option(help: "What the author should change.") var note: String

            func run(_ context: CommandContext) throws {
                let note = try EditorialText.note(note, field: "note")
                try perform(context, options, .return, note: note)
            }
        }

        struct Approve: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "approve", _superCommandName: "newsroom story", abstract: "Approve a story in review (its assigned editor or a chief; never its author).")
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions

            func run(_ context: CommandContext) throws {
                try perform(context, options, .approve)
            }
        }

        struct Publish: NewsroomCommand {
            static let configuration = CommandConfiguration(
                commandName: "publish", _superCommandName: "newsroom story",
                abstract: "Publish an approved story now, or at a time with --at.",
                discussion: """
                    --skip-review --reason R: a chief publishes a draft or a story in review at once (breaking news). \
                    --embargo-until T: not before T, by any path; alone it schedules the story for T, with --at A for A (not earlier than T). \
                    --expire-at T: the scheduler takes it off at T (withdrawn, answering 410 to readers); see story expire.
                    """
            )
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions
            @Option(help: "Publish at this time instead of now (\(NewsroomTime.formats)).") var at: String?
            @Flag(help: "Publish without review (chief only; needs --reason).") var skipReview = false
            @Option(help: "Why review is skipped.") var reason: String?
            @Option(help: "Not to be published before this time; schedules it for then unless --at says later.") var embargoUntil: String?
            @Option(help: "Take it off at this time (the scheduler withdraws it then).") var expireAt: String?

            func validate() throws {
                if skipReview && embargoUntil != nil { throw ValidationError("--skip-review publishes at once; an embargo holds it back: give one of them") }
                if skipReview && reason == nil { throw ValidationError("--skip-review needs --reason: say why review is skipped") }
                if reason != nil && !skipReview { throw ValidationError("--reason goes with --skip-review") }
                if skipReview && at != nil { throw ValidationError("--skip-review publishes at once; leave out --at") }
            }

            func run(_ context: CommandContext) throws {
                let clock = at != nil || embargoUntil != nil || expireAt != nil ? try context.store().clock() : nil
                let expiry = try expireAt.map { try clock!.time.parse($0, now: clock!.now, field: "expire-at") }
                if skipReview {
                    let note = try EditorialText.note(reason ?? "", field: "reason")
                    return try perform(context, options, .publishSkippingReview, note: note, expireAt: expiry)
                }
                if let (time, now) = clock, at != nil || embargoUntil != nil {
                    let embargo = try embargoUntil.map { try time.parse($0, now: now, field: "embargo-until") }
                    let when = try at.map { try time.parse($0, now: now, field: "at") } ?? embargo!
                    return try perform(context, options, .schedule, publishAt: when, embargoUntil: embargo, expireAt: expiry)
                }
                try perform(context, options, .publish, expireAt: expiry)
            }
        }

        struct Unschedule: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "unschedule", _superCommandName: "newsroom story", abstract: "Cancel a scheduled publication; the story stays approved.")
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions

            func run(_ context: CommandContext) throws {
                try perform(context, options, .unschedule)
            }
        }

        struct Expire: NewsroomCommand {
            static let configuration = CommandConfiguration(
                commandName: "expire", _superCommandName: "newsroom story",
                abstract: "Set when a published or scheduled story comes off (editors, chiefs); the scheduler takes it off then.",
                discussion: """
                    At the time set the scheduler withdraws the story in the name of whoever set it, ends its ticker lines as a \
                    withdrawal does, and readers get 410 Gone for it. --never cancels an expiry. A withdrawal before then stays a chief's.
                    """
            )
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions
            @Option(help: "When it comes off (\(NewsroomTime.formats)).") var at: String?
            @Flag(help: "It no longer expires.") var never = false

            func validate() throws {
                if (at == nil) == !never { throw ValidationError("give the time it comes off with --at T, or --never to cancel its expiry") }
            }

            func run(_ context: CommandContext) throws {
                let clock = try context.store().clock()
                let expiry = try at.map { try clock.time.parse($0, now: clock.now, field: "at") }
                try perform(context, options, .setExpiry, expireAt: expiry)
            }
        }

        struct Erase: NewsroomCommand {
            static let configuration = CommandConfiguration(
                commandName: "erase", _superCommandName: "newsroom story",
                abstract: "Erase a story's text and every revision's under a court's or authority's order: a chief orders it, an admin confirms it.",
                discussion: """
                    A chief gives the order: story erase ID --order REF. An admin then confirms it: story erase ID --order REF --confirm. \
                    Confirmed, the story's text and every revision's become "\(EditorialText.erased)", a published story is withdrawn \
                    (readers get 410; the feeds drop it) and any other is spiked, its ticker lines end, and its history keeps every line \
                    plus one naming the order, who gave it and who confirmed it. It cannot be undone, and the story changes no more.
                    """
            )
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions
            @Option(help: "The order's reference, as the court or authority gives it.") var order: String
            @Flag(help: "Carry out the order a chief gave (an admin).") var confirm = false

            func run(_ context: CommandContext) throws {
                let order = try EditorialText.line(order, .erasureOrder)
                let store = context.store(dryRun: options.dryRun)
                let actor = try context.actor(store)
                if confirm {
                    let outcome = try store.erase(options.id, order: order, ifVersion: options.ifVersion, by: actor)
                    return try report(outcome, options: options, store: store, verb: "erase")
                }
                let given = try store.orderErasure(options.id, order: order, by: actor)
                let presenter = Presenter(time: try store.time())
                if options.json && !options.dryRun { return Output.print(presenter.json.erasureOrder(given)) }
                let line = "story \(given.storyID): the order \u{2068}\(given.order)\u{2069} to erase it was given by \(given.requestedBy) at "
                    + "\(presenter.time(given.requestedAt)); an admin carries it out with --confirm (nothing is erased until then)"
                print(options.dryRun ? "dry run: \(line); nothing changed" : line)
            }
        }

        struct Withdraw: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "withdraw", _superCommandName: "newsroom story", abstract: "Withdraw a published story (chief), with a reason.")
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions
            @Option(help: "Why it is withdrawn.") var reason: String

            func run(_ context: CommandContext) throws {
                let note = try EditorialText.note(reason, field: "reason")
                try perform(context, options, .withdraw, note: note)
            }
        }

        struct Spike: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "spike", _superCommandName: "newsroom story", abstract: "Kill a story before publication (editors and chiefs).")
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions
            @Option(help: "Why.") var reason: String?

            func run(_ context: CommandContext) throws {
                let note = try reason.map { try EditorialText.note($0, field: "reason") }
                try perform(context, options, .spike, note: note)
            }
        }

        struct Restore: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "restore", _superCommandName: "newsroom story", abstract: "Bring a spiked story back as a draft.")
            @OptionGroup var options: TransitionOptions
            @OptionGroup var global: GlobalOptions
            @Option(help: "Give it this editor (needed when its editor is no longer active).") var editor: String?

            func run(_ context: CommandContext) throws {
                try perform(context, options, .restore, editor: try editor.map { try Handle.parse($0, field: "editor") })
            }
        }
    }
}

/// Runs one transition (checked against --if-version) and reports it.
private func perform(
    _ context: CommandContext, _ options: TransitionOptions, _ action: StoryAction,
    note: String? = nil, editor: Handle? = nil, publishAt: Date? = nil, embargoUntil: Date? = nil, expireAt: Date? = nil
) throws {
    let request = TransitionRequest(
        action, ifVersion: options.ifVersion, note: note, editor: editor, publishAt: publishAt, embargoUntil: embargoUntil, expireAt: expireAt
    )
    let store = context.store(dryRun: options.dryRun)
    let outcome = try store.transition(options.id, request, by: try context.actor(store))
    try report(outcome, options: options, store: store, verb: request.action.rawValue)
}

private func report(_ outcome: TransitionOutcome, options: TransitionOptions, store: NewsroomStore, verb: String) throws {
    let story = outcome.story
    let presenter = Presenter(time: try store.time())
    if options.json && !options.dryRun { return Output.print(presenter.json.story(story)) }
    guard outcome.changed else {
        print("story \(story.id) unchanged: it already says that (version \(story.version))")
        return
    }
    var line = "story \(story.id): \(outcome.from.rawValue) → \(story.status.rawValue), version \(story.version)"
    if story.status == .scheduled, let at = story.publishAt { line += ", to publish at \(presenter.time(at))" }
    if let embargo = story.embargoUntil, story.status != .published {
        line += ", under embargo until \(presenter.time(embargo))"
    }
    if let expiry = story.expireAt, story.status != .withdrawn { line += ", expires \(presenter.time(expiry))" }
    if options.dryRun {
        print("dry run: \(verb) would succeed (\(line)); nothing changed")
    } else {
        print(line)
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
