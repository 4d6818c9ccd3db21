import Foundation
import NewsroomCore
import NewsroomStore

// The breaking-news ticker: what is live and what is coming, scheduling, extending and
// cancelling lines, and the strip as readers see it.
extension Desk {
    func tickerPage(form: DeskForm, refusal: String?, status: Int = 200) throws -> DeskAnswer {
        let e = DeskLayout.e
        let now = try store.now()
        let live = try store.tickerItems(.live, at: now, limit: 50).items
        let upcoming = try store.tickerItems(.upcoming, at: now, limit: 50).items
        var main = "<h1>\(e(words(.ticker)))</h1>"
        main += "<section class=\"strip-preview\" aria-labelledby=\"strip-title\"><h2 id=\"strip-title\">\(e(words(.strip)))</h2><ul class=\"strip\">"
        main += live.map { "<li\($0.urgent ? " class=\"urgent\"" : "")>\($0.urgent ? "<strong>\(e(words(.urgent)))</strong> " : "")<span dir=\"auto\">\(e($0.text))</span></li>" }.joined()
        main += "</ul></section>"
        main += lines(live, caption: words(.tickerLive), now: now) + lines(upcoming, caption: words(.tickerUpcoming), now: now)
        if viewer.member.role.isEditorial {
            main += "<section><h2>\(e(words(.schedule)))</h2><form method=\"post\" action=\"/ticker\">\(DeskLayout.csrf(viewer))"
                + "<label for=\"t-text\">\(e(words(.tickerText)))</label><input id=\"t-text\" name=\"text\" dir=\"auto\" required maxlength=\"\(LineKind.tickerText.limit)\" value=\"\(e(form["text"] ?? ""))\">"
                + "<label><input type=\"checkbox\" name=\"urgent\" value=\"1\"\(form["urgent"] == "1" ? " checked" : "")> \(e(words(.urgent)))</label>"
                + "<label for=\"t-from\">\(e(words(.startsAt)))</label><input id=\"t-from\" name=\"from\" type=\"datetime-local\" value=\"\(e(form["from"] ?? ""))\">"
                + "<label for=\"t-until\">\(e(words(.endsAt)))</label><input id=\"t-until\" name=\"until\" type=\"datetime-local\" value=\"\(e(form["until"] ?? ""))\">"
                + "<label for=\"t-story\">\(e(words(.linkStory)))</label><input id=\"t-story\" name=\"story\" inputmode=\"numeric\" value=\"\(e(form["story"] ?? ""))\">"
                + "<button type=\"submit\">\(e(words(.schedule)))</button></form></section>"
        }
        return .page(DeskLayout.page(words(.ticker), words: words, viewer: viewer, refusal: refusal, main: main), status: status)
    }

    private func lines(_ items: [TickerItem], caption: String, now: Date) -> String {
        let e = DeskLayout.e
        guard !items.isEmpty else { return "<section><h2>\(e(caption))</h2><p>\(e(words(.nothingHere)))</p></section>" }
        var html = "<section><h2>\(e(caption))</h2><ul class=\"lines\">"
        for item in items {
            html += "<li><span dir=\"auto\">\(e(item.text))</span>\(item.urgent ? " <strong>\(e(words(.urgent)))</strong>" : "") "
                + "\(DeskLayout.time(item.startsAt, viewer)) – \(DeskLayout.time(item.endsAt, viewer))"
                + (item.storyID.map { " <a href=\"/stories/\($0)\">#\($0)</a>" } ?? "")
            if viewer.member.role.isEditorial {
                html += "<form method=\"post\" action=\"/ticker/\(item.id)/extend\">\(DeskLayout.csrf(viewer))<label for=\"until-\(item.id)\">\(e(words(.endsAt)))</label>"
                    + "<input id=\"until-\(item.id)\" name=\"until\" type=\"datetime-local\" required><button type=\"submit\">\(e(words(.extend)))</button></form>"
                    + "<form method=\"post\" action=\"/ticker/\(item.id)/cancel\">\(DeskLayout.csrf(viewer))<label for=\"reason-\(item.id)\">\(e(words(.reason)))</label>"
                    + "<input id=\"reason-\(item.id)\" name=\"reason\" dir=\"auto\"><button type=\"submit\">\(e(words(.cancel)))</button></form>"
            }
            html += "</li>"
        }
        return html + "</ul></section>"
    }

    func scheduleTicker(_ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            let text = try TickerRules.text(try form.required("text"))
            let now = try store.now()
            let startsAt = try form.time("from", viewer: viewer, now: now) ?? now
            let endsAt = try form.time("until", viewer: viewer, now: now) ?? startsAt.addingTimeInterval(try store.tickerDuration())
            let story = try form.optional("story").map { try StoryID.parse($0) }
            let item = NewTickerItem(text: text, urgent: form["urgent"] == "1", startsAt: startsAt, endsAt: endsAt, storyID: story)
            _ = try store.scheduleTickerItem(item, now: now, by: viewer.actor)
            return .redirect("/ticker")
        }, otherwise: { error in
            try tickerPage(form: form, refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    func extendTicker(_ text: String, _ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            let id = try TickerItemID.parse(text)
            guard let until = try form.time("until", viewer: viewer, now: try store.now()) else { throw DeskInputError.noNewEnd }
            _ = try store.extendTickerItem(id, until: until, by: viewer.actor)
            return .redirect("/ticker")
        }, otherwise: { error in
            try tickerPage(form: DeskForm([:]), refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }

    func cancelTicker(_ text: String, _ form: DeskForm) throws -> DeskAnswer {
        try attempt({
            let id = try TickerItemID.parse(text)
            let reason = try form.optional("reason").map { try EditorialText.note($0, field: "reason") }
            _ = try store.cancelTickerItem(id, reason: reason, by: viewer.actor)
            return .redirect("/ticker")
        }, otherwise: { error in
            try tickerPage(form: DeskForm([:]), refusal: words.refusal(error.message), status: DeskAnswer.status(for: error.kind))
        })
    }
}
