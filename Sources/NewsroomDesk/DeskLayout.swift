import Foundation
import NewsroomCore
import NewsroomViews

/// The frame of every desk page: language and direction, the stylesheet and script from
/// the desk itself (the Content-Security-Policy allows nothing inline and nothing from
/// elsewhere), the navigation, and the sign-out form with its token.
enum DeskLayout {
    static func e(_ text: String) -> String { HTML.escape(text) }

    static func page(_ title: String, words: Words, viewer: DeskViewer?, notice: String? = nil, refusal: String? = nil, main: String) -> String {
        let language = words.language
        var html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)" dir="\(language.direction)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title)) · \(e(words(.desk)))</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/assets/desk.css">
            <script src="/assets/desk.js" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">\(e(words(.skipToContent)))</a>
            <header>
            """
        if let viewer {
            html += """
                <nav aria-label="\(e(words(.desk)))"><ul>
                <li><a href="/">\(e(words(.myDesk)))</a></li>
                <li><a href="/stories">\(e(words(.stories)))</a></li>
                <li><a href="/stories/new">\(e(words(.newStory)))</a></li>
                <li><a href="/ticker">\(e(words(.ticker)))</a></li>
                <li><a href="/photos">\(e(words(.photos)))</a></li>
                \(Desk.administers(viewer.member.role).first.map { "<li><a href=\"/\($0.rawValue)\">\(e(words(.administration)))</a></li>" } ?? "")
                </ul></nav>
                <form class="search" method="get" action="/search" role="search">
                <label for="q">\(e(words(.searchLabel)))</label>
                <input id="q" name="q" type="search" dir="auto">
                <button type="submit">\(e(words(.search)))</button>
                </form>
                <p class="who">\(e(words(.whoAmI))) <bdi>\(e(viewer.member.name))</bdi> (<bdi>\(e(viewer.member.handle.rawValue))</bdi>)</p>
                <form method="post" action="/sign-out">\(csrf(viewer))<button type="submit">\(e(words(.signOut)))</button></form>
                """
        }
        html += languageSwitch(words, viewer: viewer)
        html += "</header>\n<main id=\"main\" data-viewer=\"\(e(viewer?.member.handle.rawValue ?? ""))\">\n"
        if viewer != nil { html += "<div id=\"live\" class=\"live\" aria-live=\"polite\"></div>\n" }
        if let notice { html += "<p class=\"notice\" role=\"status\">\(e(notice))</p>\n" }
        if let refusal { html += "<div class=\"refusal\" role=\"alert\"><h2>\(e(words(.refused)))</h2><p>\(e(refusal))</p></div>\n" }
        html += main
        html += "\n</main>\n</body>\n</html>\n"
        return html
    }

    /// The other language, as a link: a preference kept in a cookie, nothing of the newsroom's changes.
    static func languageSwitch(_ words: Words, viewer: DeskViewer?) -> String {
        let other = words.language.other
        return "<p class=\"language\"><a href=\"/language?to=\(other.rawValue)\" lang=\"\(other.rawValue)\" hreflang=\"\(other.rawValue)\">\(e(other.name))</a></p>"
    }

    /// The form token every state-changing form carries.
    static func csrf(_ viewer: DeskViewer) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(e(viewer.csrf))\">"
    }

    static func statusBadge(_ status: StoryStatus, words: Words) -> String {
        "<span class=\"status status-\(status.rawValue)\">\(e(words.status(status)))</span>"
    }

    /// A time in the newsroom's zone, with the machine-readable instant beside it.
    static func time(_ date: Date, _ viewer: DeskViewer) -> String {
        "<time datetime=\"\(viewer.time.isoSeconds(date))\">\(e(viewer.time.human(date)))</time>"
    }

    /// A table of stories: number, headline, section, status, author, editor, last change.
    static func storyTable(_ stories: [Story], _ viewer: DeskViewer, caption: String) -> String {
        let w = viewer.words
        guard !stories.isEmpty else { return "<section><h2>\(e(caption))</h2><p>\(e(w(.nothingHere)))</p></section>" }
        var html = "<section><h2>\(e(caption))</h2><table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">\(e(w(.headline)))</th>"
            + "<th scope=\"col\">\(e(w(.section)))</th><th scope=\"col\">\(e(w(.status)))</th><th scope=\"col\">\(e(w(.author)))</th>"
            + "<th scope=\"col\">\(e(w(.editor)))</th><th scope=\"col\">\(e(w(.updated)))</th></tr></thead><tbody>"
        for story in stories {
            html += "<tr><td>\(story.id)</td><td><a href=\"/stories/\(story.id)\" dir=\"auto\">\(e(story.headline))</a></td>"
                + "<td>\(e(story.section.rawValue))</td><td>\(statusBadge(story.status, words: w))</td>"
                + "<td>\(e(story.author.rawValue))</td><td>\(e(story.editor?.rawValue ?? "—"))</td><td>\(time(story.updatedAt, viewer))</td></tr>"
        }
        return html + "</tbody></table></section>"
    }
}
