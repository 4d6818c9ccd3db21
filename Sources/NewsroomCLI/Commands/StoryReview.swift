import ArgumentParser
import NewsroomCore
import NewsroomStore
import NewsroomCommandLine

// Editing and review: before a story is approved.
extension Newsroom.StoryCommand {
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
            try reportTransition(outcome, options: options, store: store, verb: note == nil ? "edited" : "corrected")
        }
    }

    struct Assign: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "assign", _superCommandName: "newsroom story", abstract: "Assign the editor who reviews a story (editors and chiefs).")
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions
        @Option(help: "The editor's handle: an active editor or chief.") var editor: String

        func run(_ context: CommandContext) throws {
            try performTransition(context, options, .assign, editor: try Handle.parse(editor, field: "editor"))
        }
    }

    struct Submit: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "submit", _superCommandName: "newsroom story", abstract: "Send a draft to its assigned editor for review.")
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) throws {
            try performTransition(context, options, .submit)
        }
    }

    struct Return: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "return", _superCommandName: "newsroom story", abstract: "Send a story in review back to its author as a draft, with a note.")
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions
        @Option(help: "What the author should change.") var note: String

        func run(_ context: CommandContext) throws {
            let note = try EditorialText.note(note, field: "note")
            try performTransition(context, options, .return, note: note)
        }
    }

    struct Approve: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "approve", _superCommandName: "newsroom story", abstract: "Approve a story in review (its assigned editor or a chief; never its author).")
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) throws {
            try performTransition(context, options, .approve)
        }
    }
}
