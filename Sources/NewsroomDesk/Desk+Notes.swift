import Foundation
import NewsroomCore
import NewsroomStore

// Notes on a story: threads with replies and @mentions, resolved and reopened.
extension Desk {
    func notesSection(_ id: StoryID) throws -> String {
        let e = DeskLayout.e
        let threads = try store.threads(of: id)
        var html = "<section class=\"notes\" id=\"notes\"><h2>\(e(words(.notes)))</h2>"
        for thread in threads {
            let resolved = thread.resolution?.resolved == true
            html += "<article class=\"thread\(resolved ? " resolved" : "")\" id=\"note-\(thread.note.id)\">"
            for note in [thread.note] + thread.replies {
                html += "<p><bdi>\(e(note.author.rawValue))</bdi> \(DeskLayout.time(note.at, viewer)): <span dir=\"auto\">\(e(note.text))</span></p>"
            }
            if resolved { html += "<p class=\"state\">\(e(words(.resolved)))</p>" }
            html += "<form method=\"post\" action=\"/stories/\(id)/notes\">\(DeskLayout.csrf(viewer))<input type=\"hidden\" name=\"reply_to\" value=\"\(thread.note.id)\">"
                + "<label for=\"reply-\(thread.note.id)\">\(e(words(.reply)))</label><input id=\"reply-\(thread.note.id)\" name=\"text\" dir=\"auto\" required>"
                + "<button type=\"submit\">\(e(words(.reply)))</button></form>"
            let move = resolved ? "reopen" : "resolve"
            html += "<form method=\"post\" action=\"/notes/\(thread.note.id)/\(move)\">\(DeskLayout.csrf(viewer))"
                + "<button type=\"submit\">\(e(words(resolved ? .reopen : .resolve)))</button></form></article>"
        }
        html += "<form method=\"post\" action=\"/stories/\(id)/notes\">\(DeskLayout.csrf(viewer))<label for=\"new-note\">\(e(words(.addNote)))</label>"
            + "<textarea id=\"new-note\" name=\"text\" dir=\"auto\" rows=\"3\" required></textarea><button type=\"submit\">\(e(words(.addNote)))</button></form>"
        return html + "</section>"
    }

    func addNote(to id: StoryID, _ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            let text = try DeskNotes.text(try form.required("text"))
            let reply = try form.optional("reply_to").map { try NoteID.parse($0) }
            let note = try store.addNote(to: id, text: text, replyTo: reply, by: viewer.actor)
            return .redirect("/stories/\(id)#note-\(note.replyTo ?? note.id)")
        }, otherwise: { error in
            try storyPage(id, refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    func setNote(_ text: String, resolved: Bool, _ form: DeskForm) throws -> DeskAnswer {
        let id = try NoteID.parse(text)
        let thread = try store.setNote(id, resolved: resolved, by: viewer.actor)
        return .redirect("/stories/\(thread.note.story)#note-\(thread.note.id)")
    }
}
