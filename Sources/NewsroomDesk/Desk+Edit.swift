import Foundation
import NewsroomCore
import NewsroomStore
import NewsroomViews

// Writing: a new draft, and editing under the edit lease against the version the person
// started from. Whatever is refused, the person's text comes back in the form.
extension Desk {
    /// What the person typed, as the form carries it back.
    struct Typed {
        var headline = "", dateline = "", section = "", body = "", correction = ""
        init() {}
        init(_ form: DeskForm) {
            headline = form["headline"] ?? ""
            dateline = form["dateline"] ?? ""
            section = form["section"] ?? ""
            body = form["body"] ?? ""
            correction = form["correction"] ?? ""
        }
        init(_ story: Story, correction: String) {
            headline = story.headline
            dateline = story.dateline ?? ""
            section = story.section.rawValue
            body = story.body
            self.correction = correction
        }
    }

    func newStoryPage(form: DeskForm, refusal: String?, status: Int = 200) throws -> DeskAnswer {
        let typed = Typed(form)
        let main = "<h1>\(DeskLayout.e(words(.newStory)))</h1><form class=\"editor\" method=\"post\" action=\"/stories\">\(DeskLayout.csrf(viewer))"
            + (try fields(typed, storyKey: "new")) + "<button type=\"submit\">\(DeskLayout.e(words(.create)))</button></form>"
        return .page(DeskLayout.page(words(.newStory), words: words, viewer: viewer, refusal: refusal, main: main), status: status)
    }

    func createStory(_ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            let draft = NewDraft(
                headline: try EditorialText.line(try form.required("headline"), .headline),
                section: try SectionSlug.parse(try form.required("section")),
                dateline: try form.optional("dateline").map { try EditorialText.line($0, .dateline, required: false) },
                body: try EditorialText.body(try form.required("body")), author: nil
            )
            let id = try store.createDraft(draft, by: viewer.actor)
            return .redirect("/stories/\(id)?saved=new")
        }, otherwise: { error in
            try newStoryPage(form: form, refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    func takeLease(_ id: StoryID, _ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            let correction = try form.optional("correction").map { try EditorialText.note($0, field: "correction") }
            _ = try store.takeLease(id, for: try store.leaseDuration(), takeOver: form["take_over"] == "1", correction: correction, by: viewer.actor)
            return .redirect("/stories/\(id)/edit" + (correction.map { "?correction=\(Self.queryEscape($0))" } ?? ""))
        }, otherwise: { error in
            try storyPage(id, refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    func renewLease(_ id: StoryID) throws -> DeskAnswer {
        try store.renewLease(id, for: try store.leaseDuration(), by: viewer.actor) ? .empty() : .empty(409)
    }

    func releaseLease(_ id: StoryID) throws -> DeskAnswer {
        try store.releaseLease(id, by: viewer.actor)
        return .redirect("/stories/\(id)")
    }

    func editPage(_ id: StoryID, form: DeskForm) throws -> DeskAnswer {
        let story = try store.story(id)
        guard let lease = try store.lease(of: id), lease.holder == viewer.member.handle else {
            return try storyPage(id, refusal: words(.leaseLost), status: 409)
        }
        return try editor(story, typed: Typed(story, correction: form["correction"] ?? ""), version: story.version, notice: words(.leaseYours))
    }

    /// The editing form: the person's text, the version it started from, and what the page adds
    /// (a preview, what changed meanwhile, a refusal).
    func editor(_ story: Story, typed: Typed, version: Int, notice: String? = nil, refusal: String? = nil, extra: String = "", status: Int = 200) throws -> DeskAnswer {
        let e = DeskLayout.e
        var main = "<h1>\(e(words(.edit))) #\(story.id)</h1>\(extra)"
        // The page renews the lease at a third of its length, so a missed renewal or two is harmless.
        let renew = max(5, Int(try store.leaseDuration() / 3))
        main += "<p id=\"lease-warning\" class=\"refusal\" role=\"alert\" hidden>\(e(words(.leaseLost)))</p>"
        main += "<form class=\"editor\" method=\"post\" action=\"/stories/\(story.id)/edit\" data-story=\"\(story.id)\" data-renew=\"\(renew)\">\(DeskLayout.csrf(viewer))"
            + "<input type=\"hidden\" name=\"version\" value=\"\(version)\">"
        if story.status == .published || !typed.correction.isEmpty {
            main += "<label for=\"correction\">\(e(words(.correctionNote)))</label><input id=\"correction\" name=\"correction\" dir=\"auto\" required value=\"\(e(typed.correction))\">"
        }
        main += try fields(typed, storyKey: String(story.id.rawValue))
        main += "<button type=\"submit\" name=\"save\" value=\"1\">\(e(words(.save)))</button> <button type=\"submit\" name=\"preview\" value=\"1\">\(e(words(.preview)))</button></form>"
        main += "<form method=\"post\" action=\"/stories/\(story.id)/lease/release\">\(DeskLayout.csrf(viewer))<button type=\"submit\">\(e(words(.backToStory)))</button></form>"
        return .page(DeskLayout.page(words(.edit), words: words, viewer: viewer, notice: notice, refusal: refusal, main: main), status: status)
    }

    /// Headline, dateline, section and body, with their limits as the core counts them.
    func fields(_ typed: Typed, storyKey: String) throws -> String {
        let e = DeskLayout.e
        let sections = try store.listSections()
        var html = "<label for=\"headline\">\(e(words(.headline)))</label>"
            + "<input id=\"headline\" name=\"headline\" dir=\"auto\" required data-limit=\"\(LineKind.headline.limit)\" value=\"\(e(typed.headline))\">"
            + counter("headline", typed.headline.count, LineKind.headline.limit)
            + "<label for=\"dateline\">\(e(words(.dateline)))</label>"
            + "<input id=\"dateline\" name=\"dateline\" dir=\"auto\" data-limit=\"\(LineKind.dateline.limit)\" value=\"\(e(typed.dateline))\">"
            + counter("dateline", typed.dateline.count, LineKind.dateline.limit)
            + "<label for=\"section\">\(e(words(.section)))</label><select id=\"section\" name=\"section\" required>"
            + "<option value=\"\">—</option>"
        for section in sections {
            html += "<option value=\"\(e(section.slug.rawValue))\"\(section.slug.rawValue == typed.section ? " selected" : "")>\(e(section.name))</option>"
        }
        html += "</select><label for=\"body\">\(e(words(.body)))</label>"
            + "<div class=\"toolbar\" role=\"toolbar\" aria-label=\"\(e(words(.toolbar)))\" data-for=\"body\" hidden>"
            + [("## ", Label.subheading), ("**", .bold), ("[](https://)", .link), ("> ", .quotation), ("- ", .list), ("![](media:)", .photo)]
                .map { "<button type=\"button\" data-mark=\"\(e($0.0))\">\(e(words($0.1)))</button>" }.joined()
            + "</div><textarea id=\"body\" name=\"body\" dir=\"rtl\" rows=\"18\" required data-draft-key=\"\(e(storyKey))\">\(e(typed.body))</textarea>"
            + "<p class=\"draft-copy\" hidden>\(e(words(.unsaved))) <button type=\"button\" class=\"restore\">\(e(words(.restoreDraft)))</button></p>"
        return html
    }

    private func counter(_ field: String, _ count: Int, _ limit: Int) -> String {
        "<p class=\"count\" id=\"count-\(field)\" aria-live=\"polite\"><span>\(count)</span> \(DeskLayout.e(words(.characters))) / \(DeskLayout.e(words(.limit))) \(limit)</p>"
    }

    func save(_ id: StoryID, _ form: DeskForm) throws -> DeskAnswer {
        let typed = Typed(form)
        let started = try form.number("version") ?? 0
        if form["preview"] != nil {
            let story = try store.story(id)
            let preview = "<section class=\"preview\"><h2>\(DeskLayout.e(words(.preview)))</h2><h3 dir=\"auto\">\(DeskLayout.e(typed.headline))</h3>"
                + "<div class=\"body\" dir=\"auto\">\(ArticleHTML().html(typed.body))</div></section>"
            return try editor(story, typed: typed, version: started, extra: preview)
        }
        return try attempt({
            let correction = try form.optional("correction").map { try EditorialText.note($0, field: "correction") }
            let changes = StoryChanges(
                headline: try EditorialText.line(try form.required("headline"), .headline),
                section: try SectionSlug.parse(try form.required("section")),
                dateline: .some(try form.optional("dateline").map { try EditorialText.line($0, .dateline, required: false) }),
                body: try EditorialText.body(try form.required("body"))
            )
            _ = try store.edit(id, changes: changes, correction: correction, ifVersion: started, by: viewer.actor)
            try store.releaseLease(id, by: viewer.actor)
            return .redirect("/stories/\(id)?saved=\(id)")
        }, otherwise: { error in
            let story = try store.story(id)
            let status = DeskAnswer.status(for: error.kind)
            guard error.kind == .conflict, story.version != started, started > 0 else {
                return try editor(story, typed: typed, version: started, refusal: words.refusal(error.message), status: status)
            }
            // Someone saved first: what they changed, and the person's own text kept to save again.
            let diff = try store.diff(id, from: started, to: story.version)
            let extra = "<section class=\"conflict\"><h2>\(DeskLayout.e(words(.changedMeanwhile))) (\(started) → \(story.version))</h2>"
                + Self.diffHTML(diff, words: words) + "<p>\(DeskLayout.e(words(.yourTextKept)))</p></section>"
            return try editor(story, typed: typed, version: story.version, refusal: words(.conflict), extra: extra, status: 409)
        })
    }
}
