import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import NewsroomCore
import Synchronization
import NewsroomStore
import TerminalText
import NewsroomCommandLine

/// `story edit ID` in the user's editor: a lease held while the editor is open (renewed on a
/// connection of its own), the text checked against the version the editor started from, and
/// nothing lost: a text that cannot be saved stays in its file, and the command says where.
struct EditorSession {
    let id: StoryID
    let takeOver: Bool
    let correction: String?
    let options: TransitionOptions

    func run(_ context: CommandContext) throws {
        let store = context.store()
        let actor = try context.actor(store)
        let duration = try store.leaseDuration()
        let lease = try store.takeLease(id, for: duration, takeOver: takeOver, correction: correction, by: actor)
        if let from = lease.takenFrom { Terminal.note("took over story \(id) from \(from), who was editing it") }
        var released = false
        defer { if !released { _ = try? store.releaseLease(id, by: actor) } }
        let story = try store.story(id)
        let file = try Self.write(story)

        // Renewed every third of its time while the editor runs, on a connection of its own.
        let sessionOptions = try CommandContext.sessionOptions(context.global)
        let renewal = Renewal(id: id, duration: duration, actor: actor, connect: {
            NewsroomStore(session: try NewsroomSession.open(sessionOptions, checkSchema: false))
        })
        renewal.start()
        let status = try Self.runEditor(on: file)
        let stillOurs = renewal.stop()

        guard status == 0 else {
            throw NewsroomError(.invalidInput, "the editor exited with status \(status); nothing was saved (the text is in \(file))")
        }
        let changes: StoryChanges
        do {
            changes = try Self.read(file, story: story)
        } catch let error as NewsroomError {
            throw NewsroomError(error.kind, "\(error.message); your text is kept in \(file)")
        }
        guard !changes.isEmpty else {
            try? FileManager.default.removeItem(atPath: file)
            released = true
            try store.releaseLease(id, by: actor)
            return print("story \(id) unchanged: the text was saved as it was")
        }
        do {
            if !stillOurs {
                throw NewsroomError(.conflict, "your lease on story \(id) ran out or was taken over while the editor was open")
            }
            let remark = lease.takenFrom.map { "took over the edit from \($0)" }
            let outcome = try store.edit(id, changes: changes, correction: correction, ifVersion: story.version, by: actor, remark: remark)
            released = true
            try store.releaseLease(id, by: actor)
            try? FileManager.default.removeItem(atPath: file)
            let presenter = Presenter(time: try store.time())
            if options.json { return Output.print(presenter.json.story(outcome.story)) }
            print("story \(id): \(outcome.from.rawValue) → \(outcome.story.status.rawValue), version \(outcome.story.version)")
        } catch let error as NewsroomError {
            throw NewsroomError(error.kind, "\(error.message); your text is kept in \(file)")
        }
    }

    /// The text for the editor: the headline, the dateline (empty for none), a blank line, the body.
    static func write(_ story: Story) throws -> String {
        let folder = FileManager.default.temporaryDirectory.path
        let path = "\(folder)/newsroom-story-\(story.id)-v\(story.version)-\(getpid()).txt"
        let text = "\(story.headline)\n\(story.dateline ?? "")\n\n\(story.body)\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw NewsroomError(.configuration, "cannot write \(path) for the editor; check the temporary folder (TMPDIR)")
        }
        return path
    }

    /// What the saved file changes, each field checked by the rules it always has.
    static func read(_ path: String, story: Story) throws -> StoryChanges {
        let text = try BodyFile.read(path, field: "the edited text")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 1 else { throw NewsroomError.invalid("the edited text", "has no headline on its first line") }
        let headline = try EditorialText.line(String(lines[0]), .headline)
        let dateline = lines.count > 1 ? try EditorialText.line(String(lines[1]), .dateline, required: false) : ""
        if lines.count > 2, !lines[2].allSatisfy(\.isWhitespace) {
            throw NewsroomError.invalid("the edited text", "needs a blank third line between the dateline and the body")
        }
        let body = lines.count > 3 ? EditorialText.normalize(lines[3...].joined(separator: "\n")) : ""
        let checkedBody = body.isEmpty ? "" : try EditorialText.body(body)
        return StoryChanges(
            headline: headline == story.headline ? nil : headline,
            section: nil,
            dateline: (dateline.isEmpty ? nil : dateline) == story.dateline ? nil : .some(dateline.isEmpty ? nil : dateline),
            body: checkedBody == story.body ? nil : checkedBody
        )
    }

    /// Whether an editor can be opened: one is named, or there is a terminal to run vi in (as
    /// git does; a script with neither is told what to pass instead).
    static var canOpenEditor: Bool {
        [environment("VISUAL"), environment("EDITOR")].contains { !($0 ?? "").isEmpty } || (isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1)
    }

    /// $VISUAL, else $EDITOR, else vi, run by the shell as git runs it (with the terminal);
    /// its exit status.
    static func runEditor(on path: String) throws -> Int32 {
        let editor = [environment("VISUAL"), environment("EDITOR")].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let arguments = ["sh", "-c", editor + " \"$1\"", editor, path]
        var pointers = arguments.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        var child: pid_t = 0
        let started = posix_spawn(&child, "/bin/sh", nil, nil, &pointers, environ)
        guard started == 0 else {
            throw NewsroomError(.configuration, "cannot start the editor (\(editor)): \(String(cString: strerror(started)))")
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// Renews a lease on its own connection while the editor runs.
final class Renewal: Sendable {
    let id: StoryID
    let duration: TimeInterval
    let actor: Actor
    let connect: @Sendable () throws -> NewsroomStore
    private let state = Mutex((stopped: false, lost: false))
    private let done = DispatchSemaphore(value: 0)

    init(id: StoryID, duration: TimeInterval, actor: Actor, connect: @escaping @Sendable () throws -> NewsroomStore) {
        self.id = id
        self.duration = duration
        self.actor = actor
        self.connect = connect
    }

    func start() {
        DispatchQueue.global().async { [self] in
            defer { done.signal() }
            var store: NewsroomStore?
            while true {
                let deadline = ContinuousClock.now + .milliseconds(Int(max(0.2, duration / 3) * 1000))
                while ContinuousClock.now < deadline {
                    if state.withLock({ $0.stopped }) { return }
                    usleep(50_000)
                }
                do {
                    if store == nil { store = try connect() }
                    if try !store!.renewLease(id, for: duration, by: actor) {
                        state.withLock { $0.lost = true }
                        return
                    }
                } catch {
                    store = nil  // the database went away: try again next time, the lease may still hold
                }
            }
        }
    }

    /// Stops renewing; whether the lease was still ours all along.
    func stop() -> Bool {
        state.withLock { $0.stopped = true }
        done.wait()
        return state.withLock { !$0.lost }
    }
}
