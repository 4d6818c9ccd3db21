#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import NewsroomViews

/// The reader site's HTML pages. Every page is `<html lang dir>` from the settings, carries
/// the masthead and (but for the error pages) the ticker strip, and isolates every piece of
/// user text (`dir="auto"` on blocks, `bdi` inline) so a Latin name in Arabic, or Arabic in a
/// Latin page, keeps its order. No inline script: JSON-LD is data, the one script is a file.
/// Times are `dir="ltr"`: after an Arabic word the digits of `3-08-2023` would otherwise be
/// laid out as three numbers right to left (2023-08-3).
struct PageWriter {
    let settings: SiteSettings
    let baseURL: String
    let words: SiteWords
    let time: NewsroomTime
    let json: NewsroomJSON

    init(settings: SiteSettings, baseURL: String) {
        self.settings = settings
        self.baseURL = baseURL
        self.words = SiteWords.forLanguage(settings.language)
        self.time = NewsroomTime(zone: settings.zone)
        self.json = NewsroomJSON(time: time)
    }

    // MARK: Pages

    func frontPage(ticker: [TickerLine], sections: [Section], front: [(section: Section, stories: [StorySummary])]) -> String {
        var page = HTML()
        head(&page, title: settings.name, canonicalPath: "/", description: nil)
        page.raw("</head>\n<body>\n")
        masthead(&page, sections: sections)
        strip(&page, ticker)
        page.raw("<main>\n<h1 class=\"visually-quiet\">"); page.text(settings.name); page.raw("</h1>\n")
        if front.isEmpty { page.raw("<p class=\"empty\">\(HTML.escape(words.noStories))</p>\n") }
        for (section, stories) in front {
            page.raw("<section aria-labelledby=\"section-\(section.slug.rawValue)\">\n")
            page.raw("<h2 id=\"section-\(section.slug.rawValue)\"><a href=\"/sections/\(section.slug.rawValue)\" dir=\"auto\">")
            page.text(section.name)
            page.raw("</a></h2>\n")
            listing(&page, stories, showSection: false)
            page.raw("</section>\n")
        }
        page.raw("</main>\n")
        footer(&page)
        return page.output
    }

    func sectionPage(_ section: Section, stories: [StorySummary], older: ListingCursor?, ticker: [TickerLine], sections: [Section]) -> String {
        var page = HTML()
        head(&page, title: section.name + " — " + settings.name, canonicalPath: "/sections/\(section.slug.rawValue)", description: nil)
        page.raw("</head>\n<body>\n")
        masthead(&page, sections: sections)
        strip(&page, ticker)
        page.raw("<main>\n<h1 dir=\"auto\">"); page.text(section.name); page.raw("</h1>\n")
        if stories.isEmpty { page.raw("<p class=\"empty\">\(HTML.escape(words.noStories))</p>\n") }
        listing(&page, stories, showSection: false)
        if let older {
            page.raw("<p class=\"pager\"><a rel=\"next\" href=\"/sections/\(section.slug.rawValue)?before=\(older.text)\">")
            page.text(words.older)
            page.raw("</a></p>\n")
        }
        page.raw("</main>\n")
        footer(&page)
        return page.output
    }

    /// Laid out like the sample: section | time |, the headline (the page's one h1), the
    /// dateline, the body with its subheadings, the byline, then any corrections.
    func storyPage(_ story: PublishedStory, ticker: [TickerLine], sections: [Section]) -> String {
        var page = HTML(capacity: story.body.utf8.count + 8192)
        let path = "/stories/\(story.id.rawValue)"
        let body = ArticleBody.reading(story.body)
        let summary = body.firstParagraphText
        head(&page, title: story.headline + " — " + settings.name, canonicalPath: path, description: summary.map { String($0.prefix(200)) })
        page.raw("<link rel=\"alternate\" type=\"application/json\" href=\"/api/v1/stories/\(story.id.rawValue)\">\n")
        openGraph(&page, story, path: path, description: summary.map { String($0.prefix(200)) })
        page.raw("<script type=\"application/ld+json\">")
        page.raw(PageWriter.scriptSafe(XMLSafe.clean(jsonLD(story, path: path)).rendered()))
        page.raw("</script>\n</head>\n<body>\n")
        masthead(&page, sections: sections)
        strip(&page, ticker)
        page.raw("<main>\n<article>\n<p class=\"meta\"><a href=\"/sections/\(story.section.slug.rawValue)\"><bdi>")
        page.text(story.section.name)
        page.raw("</bdi></a> | <time dir=\"ltr\" datetime=\"\(time.isoSeconds(story.publishedAt))\">\(time.dayMonthYear(story.publishedAt))</time> |\n")
        page.raw("<span class=\"text-size\" role=\"group\" aria-label=\"\(HTML.escape(words.textSize))\" hidden>")
        page.raw("<button type=\"button\" data-step=\"up\" aria-label=\"\(HTML.escape(words.larger))\">+A</button>")
        page.raw("<button type=\"button\" data-step=\"down\" aria-label=\"\(HTML.escape(words.smaller))\">-A</button></span></p>\n")
        page.raw("<h1 dir=\"auto\">"); page.text(story.headline); page.raw("</h1>\n")
        if let dateline = story.dateline {
            page.raw("<p class=\"dateline\" dir=\"auto\">"); page.text(dateline); page.raw("</p>\n")
        }
        var article = ArticleHTML(settings: settings)
        article.photos = story.photosByID
        if let lead = story.leadPhoto { page.raw(article.figure(lead, lead: true)) }
        page.raw("<div class=\"body\">\n")
        page.raw(article.html(body))
        page.raw("</div>\n<p class=\"byline\">\(HTML.escape(words.by)) <bdi>"); page.text(story.authorName); page.raw("</bdi></p>\n")
        if !story.corrections.isEmpty {
            page.raw("<section class=\"corrections\" aria-labelledby=\"corrections\">\n<h2 id=\"corrections\">\(HTML.escape(words.corrections))</h2>\n<ul>\n")
            for correction in story.corrections {
                page.raw("<li>\(HTML.escape(words.correctedAt)) <time dir=\"ltr\" datetime=\"\(time.isoSeconds(correction.at))\">\(time.dayMonthYear(correction.at))</time></li>\n")
            }
            page.raw("</ul>\n</section>\n")
        }
        page.raw("</article>\n</main>\n")
        footer(&page)
        return page.output
    }

    /// A withdrawn story: that it was, and when. Nothing of its text, not even its headline.
    func withdrawnPage(_ id: StoryID, at: Date) -> String {
        var page = HTML()
        head(&page, title: words.withdrawnTitle + " — " + settings.name, canonicalPath: nil, description: nil)
        page.raw("<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n")
        masthead(&page, sections: [])
        page.raw("<main>\n<h1>\(HTML.escape(words.withdrawnTitle))</h1>\n")
        page.raw("<p>\(HTML.escape(words.withdrawnText)) <time dir=\"ltr\" datetime=\"\(time.isoSeconds(at))\">\(time.dayMonthYear(at))</time>.</p>\n")
        page.raw("<p><a href=\"/\">\(HTML.escape(words.frontPage))</a></p>\n</main>\n")
        footer(&page)
        return page.output
    }

    /// The search form, and under it what was found: each hit's headline and a snippet with
    /// the query's words in `<mark>`, as written.
    func searchPage(_ query: String?, results: SearchResults?, sections: [Section]) -> String {
        var page = HTML()
        head(&page, title: words.search + " — " + settings.name, canonicalPath: nil, description: nil)
        page.raw("<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n")
        masthead(&page, sections: sections)
        page.raw("<main>\n<h1>\(HTML.escape(query == nil ? words.search : words.searchResults))</h1>\n")
        page.raw("<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\n")
        page.raw("<label for=\"q\">\(HTML.escape(words.searchLabel))</label>\n")
        page.raw("<input id=\"q\" name=\"q\" type=\"search\" dir=\"auto\" maxlength=\"\(SearchQuery.maximumLength)\" value=\"")
        page.text(query ?? "")
        page.raw("\">\n<button type=\"submit\">\(HTML.escape(words.search))</button>\n</form>\n")
        if let results {
            if results.hits.isEmpty { page.raw("<p class=\"empty\">\(HTML.escape(words.noResults))</p>\n") }
            if results.closeSpellings { page.raw("<p class=\"note\">\(HTML.escape(words.closeSpellings))</p>\n") }
            if !results.hits.isEmpty {
                page.raw("<ul class=\"listing results\">\n")
                for hit in results.hits {
                    page.raw("<li><a href=\"/stories/\(hit.id.rawValue)\" dir=\"auto\">"); marked(&page, hit.headline); page.raw("</a><br>\n")
                    page.raw("<time dir=\"ltr\" datetime=\"\(time.isoSeconds(hit.time))\">\(time.dayMonthYear(hit.time))</time>\n")
                    if !hit.snippet.plain.isEmpty {
                        page.raw("<p class=\"snippet\" dir=\"auto\">"); marked(&page, hit.snippet); page.raw("</p>\n")
                    }
                    page.raw("</li>\n")
                }
                page.raw("</ul>\n")
            }
        }
        page.raw("</main>\n")
        footer(&page)
        return page.output
    }

    private func marked(_ page: inout HTML, _ text: MarkedText) {
        for run in text.runs {
            if run.marked { page.raw("<mark>"); page.text(run.text); page.raw("</mark>") } else { page.text(run.text) }
        }
    }

    /// The one 404: the same bytes whatever was asked for (a draft's id, an id never used, a
    /// path that means nothing), so a reader learns nothing from it.
    func notFoundPage() -> String {
        messagePage(title: words.notFoundTitle, text: words.notFoundText)
    }

    func badRequestPage(_ refusal: SiteRefusal) -> String {
        messagePage(title: words.badRequestTitle, text: "\(refusal.parameter): \(refusal.message)")
    }

    func unavailablePage() -> String {
        messagePage(title: words.unavailableTitle, text: words.unavailableText)
    }

    private func messagePage(title: String, text: String) -> String {
        var page = HTML()
        head(&page, title: title + " — " + settings.name, canonicalPath: nil, description: nil)
        page.raw("<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n")
        masthead(&page, sections: [])
        page.raw("<main>\n<h1>\(HTML.escape(title))</h1>\n<p dir=\"auto\">"); page.text(text); page.raw("</p>\n")
        page.raw("<p><a href=\"/\">\(HTML.escape(words.frontPage))</a></p>\n</main>\n")
        footer(&page)
        return page.output
    }
}
