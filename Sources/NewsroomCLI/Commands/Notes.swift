import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import NewsroomStore
import NewsroomViews
import TerminalText
import NewsroomCommandLine

extension Newsroom.StoryCommand {
    struct Note: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "note", _superCommandName: "newsroom story",
            abstract: "Add a note to a story, or reply to one of its threads; prints the note's number alone on stdout.",
            discussion: """
                Notes are the desk's conversation about a story: never part of its text, never published. \
                @handle names a staff member (mentions are listed with the note). Any active staff member may \
                write them; see them with `story notes ID`, close a thread with `story resolve-note NOTE`.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The story's number.", transform: parseStoryID) var id: StoryID
        @Option(help: "The note's text.") var text: String?
        @Option(help: "The note's text from this file, or - for stdin.") var file: String?
        @Option(help: "Reply to this thread (the number of its first note).", transform: { try NoteID.parse($0, field: "reply-to") })
        var replyTo: NoteID?
        @Flag(help: "Check everything; change nothing.") var dryRun = false
        @Flag(help: "Print the note as JSON.") var json = false

        func validate() throws {
            if (text == nil) == (file == nil) { throw ValidationError("give the note with --text or --file, one of them") }
        }

        func run(_ context: CommandContext) throws {
            let text = try DeskNotes.text(try text ?? BodyFile.read(file!, field: "file"))
            let store = context.store(dryRun: dryRun)
            let note = try store.addNote(to: id, text: text, replyTo: replyTo, by: try context.actor(store))
            let mentions = note.mentions.isEmpty ? "" : "; mentions " + note.mentions.map { "@\($0)" }.joined(separator: " ")
            if dryRun {
                Terminal.note("dry run: the note could be added to story \(id)\(mentions); nothing changed")
                return
            }
            if json { return Output.print(Presenter(time: try store.time()).json.note(note)) }
            print(note.id)
            Terminal.note("note \(note.id) on story \(id)\(replyTo.map { ", in thread \($0)" } ?? "")\(mentions)")
        }
    }

    struct Notes: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "notes", _superCommandName: "newsroom story", abstract: "A story's notes: each thread with its replies, oldest first."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The story's number.", transform: parseStoryID) var id: StoryID
        @Flag(help: "Only threads still open.") var open = false
        @Flag(help: "Print JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            let threads = try store.threads(of: id).filter { !open || !$0.isResolved }
            let presenter = Presenter(time: try store.time())
            if json { return Output.print(.array(threads.map(presenter.json.thread))) }
            print(threads.isEmpty ? (open ? "no open notes" : "no notes") : threads.map(presenter.thread).joined(separator: "\n\n"))
        }
    }

    struct ResolveNote: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve-note", _superCommandName: "newsroom story", abstract: "Mark a thread of notes resolved (any active staff member)."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The thread's first note.", transform: { try NoteID.parse($0) }) var note: NoteID
        @Flag(help: "Check everything; change nothing.") var dryRun = false
        @Flag(help: "Print the thread as JSON.") var json = false

        func run(_ context: CommandContext) throws { try move(note, resolved: true, dryRun: dryRun, json: json, context) }
    }

    struct ReopenNote: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen-note", _superCommandName: "newsroom story", abstract: "Open a resolved thread of notes again."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The thread's first note.", transform: { try NoteID.parse($0) }) var note: NoteID
        @Flag(help: "Check everything; change nothing.") var dryRun = false
        @Flag(help: "Print the thread as JSON.") var json = false

        func run(_ context: CommandContext) throws { try move(note, resolved: false, dryRun: dryRun, json: json, context) }
    }

    static func move(_ note: NoteID, resolved: Bool, dryRun: Bool, json: Bool, _ context: CommandContext) throws {
        let store = context.store(dryRun: dryRun)
        let thread = try store.setNote(note, resolved: resolved, by: try context.actor(store))
        let verb = resolved ? "resolved" : "reopened"
        if dryRun { return Terminal.note("dry run: note \(note) could be \(verb); nothing changed") }
        if json { return Output.print(Presenter(time: try store.time()).json.thread(thread)) }
        print("note \(note) \(verb) (story \(thread.note.story))")
    }
}

extension Presenter {
    /// A thread as a desk reads it: the note, its state, then each reply indented.
    func thread(_ thread: NoteThread) -> String {
        let state = thread.resolution.map { "\($0.resolved ? "resolved" : "reopened") by \($0.by) \(time($0.at))" } ?? "open"
        var lines = [noteHead(thread.note) + "  [\(thread.isResolved ? state : (thread.resolution == nil ? "open" : "open: " + state))]"]
        lines += noteText(thread.note, indent: "    ")
        for reply in thread.replies {
            lines.append("  ↳ " + noteHead(reply))
            lines += noteText(reply, indent: "      ")
        }
        return lines.joined(separator: "\n")
    }

    private func noteHead(_ note: StoryNote) -> String {
        "#\(note.id)  \(note.author)  \(time(note.at))" + (note.mentions.isEmpty ? "" : "  → " + note.mentions.map { "@\($0)" }.joined(separator: " "))
    }

    /// Each line isolated, so that a right-to-left note and the indent keep their places.
    private func noteText(_ note: StoryNote, indent: String) -> [String] {
        note.text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + ($0.isEmpty ? "" : Display.isolated(String($0))) }
    }
}
