import Foundation
import NewsroomCore
import NewsroomStore
import NewsroomViews

// A story's page: its text as readers will see it, what this person may do to it now (the
// core's offer, nothing else), its history and its notes; the moves themselves.
extension Desk {
    func storyPage(_ id: StoryID, refusal: String?, status: Int = 200, notice: String? = nil) throws -> DeskAnswer {
        let e = DeskLayout.e
        let (story, facts) = try store.storyAndFacts(id)
        var main = "<article class=\"story\" data-story=\"\(id)\" data-version=\"\(story.version)\">"
        main += "<h1 dir=\"auto\">\(e(story.headline))</h1><p class=\"meta\">#\(id) · \(DeskLayout.statusBadge(story.status, words: words)) · "
            + "\(e(words(.section))): \(e(story.section.rawValue)) · \(e(words(.author))): <bdi>\(e(story.author.rawValue))</bdi> · "
            + "\(e(words(.editor))): <bdi>\(e(story.editor?.rawValue ?? "—"))</bdi> · \(e(words(.version))) \(story.version)</p>"
        main += leaseLine(facts.lease)
        if let dateline = story.dateline, !dateline.isEmpty { main += "<p class=\"dateline\" dir=\"auto\">\(e(dateline))</p>" }
        main += "<div class=\"body\" dir=\"auto\">\(ArticleHTML().html(story.body))</div></article>"
        main += try actions(story, facts)
        main += try historySection(story)
        main += try notesSection(id)
        let title = story.headline
        return .page(DeskLayout.page(title, words: words, viewer: viewer, notice: notice, refusal: refusal, main: main), status: status)
    }

    func leaseLine(_ lease: EditLease?) -> String {
        guard let lease else { return "<p class=\"lease\" id=\"lease\" aria-live=\"polite\"></p>" }
        let e = DeskLayout.e
        return "<p class=\"lease held\" id=\"lease\" aria-live=\"polite\">\(e(words(.leaseHeldBy))) <bdi>\(e(lease.holder.rawValue))</bdi> "
            + "\(e(words(.since))) \(DeskLayout.time(lease.since, viewer)), \(e(words(.until))) \(DeskLayout.time(lease.expiresAt, viewer))</p>"
    }

    private func actions(_ story: Story, _ facts: StoryFacts) throws -> String {
        let e = DeskLayout.e
        let offered = Workflow.offered(on: facts, to: viewer.actor)
        var html = "<section class=\"actions\"><h2>\(e(words(.actions)))</h2>"
        if offered.isEmpty { return html + "<p>\(e(words(.noActions)))</p></section>" }
        let editors = offered.contains(.assign) || offered.contains(.restore)
            ? try store.listStaff().filter { $0.active && $0.role.isEditorial && $0.handle != story.author } : []
        for action in offered {
            if action == .edit || action == .correct {
                html += leaseForm(story, facts, correction: action == .correct) + (try leadPhotoForm(story, correction: action == .correct))
                continue
            }
            html += "<form class=\"action\" method=\"post\" action=\"/stories/\(story.id)/actions\">\(DeskLayout.csrf(viewer))"
                + "<input type=\"hidden\" name=\"action\" value=\"\(action.rawValue)\"><input type=\"hidden\" name=\"version\" value=\"\(story.version)\">"
                + "<fieldset><legend>\(e(words.action(action)))</legend>"
            let fieldID = "\(action.rawValue)-\(story.id)"
            if action == .assign || (action == .restore && facts.editor != nil && !facts.editorActive) {
                html += "<label for=\"editor-\(fieldID)\">\(e(words(.assignTo)))</label><select id=\"editor-\(fieldID)\" name=\"editor\" required>"
                    + editors.map { "<option value=\"\(e($0.handle.rawValue))\">\(e($0.name)) (\(e($0.handle.rawValue)))</option>" }.joined() + "</select>"
            }
            if action == .schedule {
                html += timeField("at", .at, fieldID, required: true) + timeField("embargo_until", .embargoUntil, fieldID, required: false)
            }
            if action.setsExpiry { html += timeField("expire_at", .expireAt, fieldID, required: false) }
            if action.requiresNote || action == .spike {
                let label: Label = action == .return ? .note : .reason
                html += "<label for=\"note-\(fieldID)\">\(e(words(label)))</label><input id=\"note-\(fieldID)\" name=\"note\" dir=\"auto\""
                    + "\(action.requiresNote ? " required" : "") maxlength=\"\(LineKind.note.limit)\">"
            }
            html += "<button type=\"submit\">\(e(words.action(action)))</button></fieldset></form>"
        }
        return html + "</section>"
    }

    private func timeField(_ name: String, _ label: Label, _ id: String, required: Bool) -> String {
        "<label for=\"\(name)-\(id)\">\(DeskLayout.e(words(label)))</label><input id=\"\(name)-\(id)\" name=\"\(name)\" type=\"datetime-local\"\(required ? " required" : "")>"
    }

    private func leaseForm(_ story: Story, _ facts: StoryFacts, correction: Bool) -> String {
        let e = DeskLayout.e
        let heldByOther = facts.lease.map { $0.holder != viewer.member.handle } ?? false
        var html = "<form class=\"action\" method=\"post\" action=\"/stories/\(story.id)/lease\">\(DeskLayout.csrf(viewer))<fieldset><legend>\(e(words.action(correction ? .correct : .edit)))</legend>"
        if correction {
            html += "<label for=\"correction-\(story.id)\">\(e(words(.correctionNote)))</label><input id=\"correction-\(story.id)\" name=\"correction\" dir=\"auto\" required maxlength=\"\(LineKind.note.limit)\">"
        }
        if heldByOther && viewer.member.role.isEditorial {
            html += "<input type=\"hidden\" name=\"take_over\" value=\"1\"><button type=\"submit\">\(e(words(.takeOver)))</button>"
        } else {
            html += "<button type=\"submit\">\(e(words.action(correction ? .correct : .edit)))</button>"
        }
        return html + "</fieldset></form>"
    }

    func act(on id: StoryID, _ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            guard let action = StoryAction(rawValue: try form.required("action")) else { throw DeskInputError.noSuchMove }
            let now = try store.now()
            let note = try form.optional("note").map { try EditorialText.note($0, field: action == .return ? "note" : "reason") }
            let request = TransitionRequest(
                action, ifVersion: try form.number("version"), note: note,
                editor: try form.optional("editor").map { try Handle.parse($0) },
                publishAt: try form.time("at", viewer: viewer, now: now), embargoUntil: try form.time("embargo_until", viewer: viewer, now: now),
                expireAt: try form.time("expire_at", viewer: viewer, now: now)
            )
            _ = try store.transition(id, request, by: viewer.actor)
            return .redirect("/stories/\(id)")
        }, otherwise: { error in
            try storyPage(id, refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    private func historySection(_ story: Story) throws -> String {
        let e = DeskLayout.e
        let history = try store.history(story.id)
        var html = "<section class=\"history\"><h2>\(e(words(.history)))</h2><ol>"
        for entry in history {
            html += "<li>\(DeskLayout.time(entry.at, viewer)) <bdi>\(e(entry.actor))</bdi> <code>\(e(entry.action.rawValue))</code> → "
                + DeskLayout.statusBadge(entry.toStatus, words: words) + " (\(e(words(.version))) \(entry.version))"
                + (entry.note.map { ": <q dir=\"auto\">\(e($0))</q>" } ?? "") + "</li>"
        }
        html += "</ol>"
        if story.version > 1 {
            html += "<form method=\"get\" action=\"/stories/\(story.id)/diff\"><label for=\"diff-from\">\(e(words(.from)))</label>"
                + "<input id=\"diff-from\" name=\"from\" type=\"number\" min=\"1\" max=\"\(story.version)\" value=\"\(max(1, story.version - 1))\">"
                + "<label for=\"diff-to\">\(e(words(.to)))</label><input id=\"diff-to\" name=\"to\" type=\"number\" min=\"1\" max=\"\(story.version)\" value=\"\(story.version)\">"
                + "<button type=\"submit\">\(e(words(.compare)))</button></form>"
        }
        return html + "</section>"
    }

    func diffPage(_ id: StoryID, _ form: DeskForm) throws -> DeskAnswer {
        let diff = try store.diff(id, from: try form.number("from"), to: try form.number("to"))
        let e = DeskLayout.e
        let main = "<h1>\(e(words(.diff))) #\(id): \(diff.from) → \(diff.to)</h1>" + Self.diffHTML(diff, words: words)
            + "<p><a href=\"/stories/\(id)\">\(e(words(.backToStory)))</a></p>"
        return .page(DeskLayout.page(words(.diff), words: words, viewer: viewer, main: main))
    }

    static func diffHTML(_ diff: StoryDiff, words: Words) -> String {
        func runs(_ runs: [WordDiff.Run]) -> String {
            runs.map { run in
                switch run.change {
                case .same: DeskLayout.e(run.text)
                case .inserted: "<ins>\(DeskLayout.e(run.text))</ins>"
                case .deleted: "<del>\(DeskLayout.e(run.text))</del>"
                }
            }.joined()
        }
        return "<dl class=\"diff\"><dt>\(DeskLayout.e(words(.headline)))</dt><dd dir=\"auto\">\(runs(diff.headline))</dd>"
            + "<dt>\(DeskLayout.e(words(.dateline)))</dt><dd dir=\"auto\">\(runs(diff.dateline))</dd>"
            + "<dt>\(DeskLayout.e(words(.body)))</dt><dd dir=\"auto\" class=\"diff-body\">\(runs(diff.body))</dd></dl>"
    }
}
