import Foundation
import NewsroomCore
import NewsroomStore

// My desk, the story lists and the search.
extension Desk {
    func myDesk() throws -> DeskAnswer {
        let me = viewer.member.handle
        let e = DeskLayout.e
        var main = "<h1>\(e(words(.myDesk)))</h1>"
        let drafts = try store.stories(StoryFilter(status: .draft, author: me, limit: 50)).items
        main += DeskLayout.storyTable(drafts, viewer, caption: words(.myDrafts))
        if viewer.member.role.isEditorial {
            let reviews = try store.stories(StoryFilter(status: .inReview, editor: me, limit: 50)).items
            main += DeskLayout.storyTable(reviews, viewer, caption: words(.assignedToMe))
        }
        let returned = try store.returnedStories(to: me)
        main += "<section><h2>\(e(words(.returnedToMe)))</h2>"
        main += returned.isEmpty ? "<p>\(e(words(.nothingHere)))</p>" : "<ul>" + returned.map { story, note in
            "<li><a href=\"/stories/\(story.id)\" dir=\"auto\">\(e(story.headline))</a>"
                + (note.map { ": <q dir=\"auto\">\(e($0))</q>" } ?? "") + "</li>"
        }.joined() + "</ul>"
        main += "</section>"
        let mentions = try store.openNotes(mentioning: me)
        main += "<section><h2>\(e(words(.mentionsMe)))</h2>"
        main += mentions.isEmpty ? "<p>\(e(words(.nothingHere)))</p>" : "<ul>" + mentions.map { note in
            "<li><a href=\"/stories/\(note.story)#note-\(note.id)\">#\(note.story)</a> <bdi>\(e(note.author.rawValue))</bdi>: <span dir=\"auto\">\(e(note.text))</span></li>"
        }.joined() + "</ul>"
        main += "</section>"
        main += try budget()
        return .page(DeskLayout.page(words(.myDesk), words: words, viewer: viewer, main: main))
    }

    private func budget() throws -> String {
        let e = DeskLayout.e
        let now = try store.now()
        let plan = try store.dayBudget(viewer.time.day(of: now), section: nil, now: now)
        var html = "<section><h2>\(e(words(.budgetToday))) (\(plan.day))</h2>"
        let desks = plan.desks.filter { !$0.items.isEmpty }
        if desks.isEmpty { return html + "<p>\(e(words(.nothingHere)))</p></section>" }
        for desk in desks {
            html += "<h3 dir=\"auto\">\(e(desk.name ?? desk.section.rawValue))</h3><ul>"
            for item in desk.items {
                html += "<li><a href=\"/stories/\(item.story.id)\" dir=\"auto\">\(e(item.story.headline))</a> "
                    + DeskLayout.statusBadge(item.story.status, words: words)
                    + (item.entry.line.map { " <span dir=\"auto\">\(e($0))</span>" } ?? "") + "</li>"
            }
            html += "</ul>"
        }
        return html + "</section>"
    }

    func storyList(_ form: DeskForm) throws -> DeskAnswer {
        let e = DeskLayout.e
        let status = try form.optional("status").map { try StoryStatus.parse($0) }
        let section = form.optional("section").map(SectionSlug.init(rawValue:))
        let author = form.optional("author").map(Handle.init(rawValue:))
        let editor = form.optional("editor").map(Handle.init(rawValue:))
        let after = try form.number("after").map { StoryID(rawValue: Int64($0)) }
        let day = try form.optional("day").map { try viewer.time.day($0, now: try store.now(), field: "day") }
        let page = try store.stories(StoryFilter(status: status, section: section, editor: editor, author: author, day: day, limit: 50, after: after))
        let sections = try store.listSections()
        var main = "<h1>\(e(words(.stories)))</h1><form class=\"filters\" method=\"get\" action=\"/stories\">"
        func field(_ id: String, _ label: Label, _ control: String) -> String {
            "<div class=\"field\"><label for=\"\(id)\">\(e(words(label)))</label>\(control)</div>"
        }
        main += field("f-status", .status, "<select id=\"f-status\" name=\"status\"><option value=\"\">\(e(words(.anyValue)))</option>"
            + StoryStatus.allCases.map { "<option value=\"\($0.rawValue)\"\($0 == status ? " selected" : "")>\(e(words.status($0)))</option>" }.joined() + "</select>")
        main += field("f-section", .section, "<select id=\"f-section\" name=\"section\"><option value=\"\">\(e(words(.anyValue)))</option>"
            + sections.map { "<option value=\"\(e($0.slug.rawValue))\"\($0.slug == section ? " selected" : "")>\(e($0.name))</option>" }.joined() + "</select>")
        main += field("f-author", .author, "<input id=\"f-author\" name=\"author\" size=\"12\" value=\"\(e(author?.rawValue ?? ""))\">")
        main += field("f-editor", .editor, "<input id=\"f-editor\" name=\"editor\" size=\"12\" value=\"\(e(editor?.rawValue ?? ""))\">")
        main += field("f-day", .day, "<input id=\"f-day\" name=\"day\" type=\"date\" value=\"\(e(day?.description ?? ""))\">")
        main += "<button type=\"submit\">\(e(words(.filter)))</button></form>"
        main += DeskLayout.storyTable(page.items, viewer, caption: words(.stories))
        if page.hasMore, let last = page.items.last {
            var query = form.fields.filter { $0.key != "after" && !$0.value.isEmpty }
            query["after"] = String(last.id.rawValue)
            let target = query.sorted { $0.key < $1.key }.map { "\(Self.queryEscape($0.key))=\(Self.queryEscape($0.value))" }.joined(separator: "&")
            main += "<p><a rel=\"next\" href=\"/stories?\(e(target))\">\(e(words(.next)))</a></p>"
        }
        return .page(DeskLayout.page(words(.stories), words: words, viewer: viewer, main: main))
    }

    func search(_ form: DeskForm) throws -> DeskAnswer {
        let e = DeskLayout.e
        let typed = form["q"] ?? ""
        var main = "<h1>\(e(words(.search)))</h1><form method=\"get\" action=\"/search\"><label for=\"sq\">\(e(words(.searchLabel)))</label>"
            + "<input id=\"sq\" name=\"q\" type=\"search\" dir=\"auto\" value=\"\(e(typed))\"><button type=\"submit\">\(e(words(.search)))</button></form>"
        if !typed.trimmingCharacters(in: .whitespaces).isEmpty {
            // Staff search every status, drafts included (newsroom search's own request).
            let results = try store.search(try SearchRequest(query: try SearchQuery.parse(typed), limit: 50))
            if results.hits.isEmpty {
                main += "<p>\(e(words(.nothingHere)))</p>"
            } else {
                main += "<ol class=\"hits\">"
                for hit in results.hits {
                    main += "<li><a href=\"/stories/\(hit.id)\" dir=\"auto\">\(Self.marked(hit.headline))</a> "
                        + DeskLayout.statusBadge(hit.status, words: words) + " \(DeskLayout.time(hit.time, viewer))"
                        + "<p dir=\"auto\">\(Self.marked(hit.snippet))</p></li>"
                }
                main += "</ol>"
            }
        }
        return .page(DeskLayout.page(words(.search), words: words, viewer: viewer, main: main))
    }

    static func marked(_ text: MarkedText) -> String {
        text.runs.map { $0.marked ? "<mark>\(DeskLayout.e($0.text))</mark>" : DeskLayout.e($0.text) }.joined()
    }

    /// Percent-encoded for a URL's query: ASCII only, so it may go in a Location header too.
    static func queryEscape(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
