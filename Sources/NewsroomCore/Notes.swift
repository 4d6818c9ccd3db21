#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A note's number: notes are numbered across the newsroom, as stories are.
public struct NoteID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: NoteID, b: NoteID) -> Bool { a.rawValue < b.rawValue }

    public static func parse(_ text: String, field: String = "note") throws(NewsroomError) -> NoteID {
        guard let value = Digits.positiveInteger(text) else {
            throw .invalid(field, "\"\(text)\" is not a note number; use the number `story notes` shows")
        }
        return NoteID(rawValue: value)
    }
}

/// One note on a story: the desk's word about it, never part of its text.
public struct StoryNote: Sendable, Equatable {
    public let id: NoteID
    public let story: StoryID
    /// The thread it answers; nil for a thread's first note.
    public let replyTo: NoteID?
    public let author: Handle
    public let at: Date
    public let text: String
    /// The staff it names with @handle.
    public let mentions: [Handle]

    public init(id: NoteID, story: StoryID, replyTo: NoteID?, author: Handle, at: Date, text: String, mentions: [Handle]) {
        self.id = id
        self.story = story
        self.replyTo = replyTo
        self.author = author
        self.at = at
        self.text = text
        self.mentions = mentions
    }
}

/// A thread: a first note, its replies in order, and whether it is resolved (by whom, when).
public struct NoteThread: Sendable, Equatable {
    public let note: StoryNote
    public let replies: [StoryNote]
    public let resolution: Resolution?

    public struct Resolution: Sendable, Equatable {
        public let resolved: Bool
        public let by: Handle
        public let at: Date

        public init(resolved: Bool, by: Handle, at: Date) {
            self.resolved = resolved
            self.by = by
            self.at = at
        }
    }

    public init(note: StoryNote, replies: [StoryNote], resolution: Resolution?) {
        self.note = note
        self.replies = replies
        self.resolution = resolution
    }

    public var isResolved: Bool { resolution?.resolved ?? false }
}

/// The rules of notes (Migrations/0019 keeps the same ones).
public enum DeskNotes {
    /// 16,000 bytes of UTF-8 (about 8,000 Arabic letters): a note, not a second story. The
    /// database's `story_note_text` has the same limit; the parity test checks both at it.
    public static let byteLimit = 16_000

    /// A note's text: a body's rules (lines, tabs, no other controls, balanced bidi controls
    /// on each line), not empty, within the limit.
    public static func text(_ raw: String) throws(NewsroomError) -> String {
        let value = EditorialText.normalize(raw)
        if value.isEmpty || value.unicodeScalars.allSatisfy(EditorialText.isInvisible) {
            throw .invalid("text", "is empty; write the note")
        }
        if value.utf8.count > byteLimit {
            throw .invalid("text", "is \(value.utf8.count) bytes of UTF-8; a note holds at most \(byteLimit) (put longer text in the story)")
        }
        return try EditorialText.lines(value, field: "text")
    }

    /// The handles a text names: `@` after the start, a space or punctuation (not inside an
    /// address such as name@example.com), then a handle; a full stop or dash after it ends the
    /// sentence, not the handle. In order, each once. Whether each is somebody on the staff is
    /// the store's to say.
    public static func mentions(in text: String) -> [Handle] {
        var found: [Handle] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "@" else { continue }
            if index > 0 {
                let before = scalars[index - 1]
                if before.properties.isAlphabetic || before.properties.numericType != nil || before == "." || before == "_" || before == "-" { continue }
            }
            var end = index + 1
            while end < scalars.count, isHandleScalar(scalars[end]) { end += 1 }
            var name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
            while let last = name.last, last == "." || last == "-" { name.removeLast() }
            if let handle = try? Handle.parse(name), !found.contains(handle) { found.append(handle) }
            index = end - 1
        }
        return found
    }

    static func isHandleScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-"
    }

    /// Who may write notes, reply, resolve and reopen: anyone who may read the story, which is
    /// every active staff member; not the database's owner without a staff record, nor the scheduler.
    public static func authorize(by actor: Actor) throws(NewsroomError) {
        guard case .staff(let member) = actor else {
            throw NewsroomError(.notAllowed, "notes are written by staff members: pass --as HANDLE (acting now as \(actor.name))")
        }
        guard member.active else {
            throw NewsroomError(.notAllowed, "\(member.handle) is no longer active and may not write notes")
        }
    }

    /// A thread resolved or reopened: only a thread's first note, and only a real change.
    public static func checkMove(of note: StoryNote, resolving: Bool, thread: NoteThread) throws(NewsroomError) {
        if let first = note.replyTo {
            throw NewsroomError(.invalidState, "note \(note.id) is a reply; \(resolving ? "resolve" : "reopen") its thread, note \(first)")
        }
        if thread.isResolved == resolving {
            let state = resolving ? "resolved already" : "open already"
            let since = thread.resolution.map { " (since \($0.by) \(resolving ? "resolved" : "reopened") it)" } ?? ""
            throw NewsroomError(.invalidState, "note \(note.id) is \(state)\(since)")
        }
    }
}
