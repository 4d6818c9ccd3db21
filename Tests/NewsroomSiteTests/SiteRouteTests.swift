import Foundation
import NewsroomCore
import NewsroomViews
@testable import NewsroomSite
import Testing

@Suite("reader site: routes, parameters and text, without a server")
struct SiteRouteTests {
    @Test("paths and queries become routes; one id, one address")
    func routes() throws {
        #expect(try SiteRoute.parse(path: "/", query: nil) == .front)
        #expect(try SiteRoute.parse(path: "/stories/42", query: nil) == .story(StoryID(rawValue: 42)))
        #expect(try SiteRoute.parse(path: "/stories/042", query: nil) == .notFound(api: false))
        #expect(try SiteRoute.parse(path: "/stories/٤٢", query: nil) == .notFound(api: false))
        #expect(try SiteRoute.parse(path: "/stories/99999999999999999999", query: nil) == .notFound(api: false))
        #expect(try SiteRoute.parse(path: "/stories/42/", query: nil) == .notFound(api: false))
        #expect(try SiteRoute.parse(path: "/api/v1/stories/7", query: nil) == .apiStory(StoryID(rawValue: 7)))
        #expect(try SiteRoute.parse(path: "/api/v1/nothing", query: nil) == .notFound(api: true))
        #expect(try SiteRoute.parse(path: "/api/v1/stories/7.ninjs", query: nil) == .apiStoryNinjs(StoryID(rawValue: 7)))
        #expect(try SiteRoute.parse(path: "/api/v1/stories/07.ninjs", query: nil) == .notFound(api: true))
        #expect(try SiteRoute.parse(path: "/api/v1/stories/.ninjs", query: nil) == .notFound(api: true))
        #expect(try SiteRoute.parse(path: "/feed.atom", query: nil) == .feed(section: nil, format: .atom))
        #expect(try SiteRoute.parse(path: "/sections/politics/feed.rss", query: nil) == .feed(section: SectionSlug(rawValue: "politics"), format: .rss))
        #expect(try SiteRoute.parse(path: "/sections/Bad/feed.rss", query: nil) == .notFound(api: false))
        #expect(try SiteRoute.parse(path: "/sitemap-news.xml", query: nil) == .newsSitemap)
        #expect(try SiteRoute.parse(path: "/sitemaps/2023-08.xml", query: nil) == .sitemapMonth("2023-08"))
        for month in ["2023-8", "2023-00", "2023-13", "0000-01", "２０２３-08", "2023-08-01"] {
            #expect(try SiteRoute.parse(path: "/sitemaps/\(month).xml", query: nil) == .notFound(api: false), "\(month)")
        }
        #expect(try SiteRoute.parse(path: "/sections/politics", query: "utm_source=x") == .section(SectionSlug(rawValue: "politics"), before: nil))
        #expect(try SiteRoute.parse(path: "/api/v1/stories", query: "limit=5&section=politics")
                == .apiStories(section: SectionSlug(rawValue: "politics"), limit: 5, before: nil))
        #expect(try SiteRoute.parse(path: "/api/v1/stories", query: "section=politics&limit=5")
                == SiteRoute.parse(path: "/api/v1/stories", query: "limit=5&section=politics"), "the same route, whatever the order")
    }

    @Test("a bad parameter is refused with its name", arguments: [
        ("limit=0", "limit"), ("limit=101", "limit"), ("limit=-1", "limit"), ("limit=1e2", "limit"), ("before=1-2-3", "before"),
        ("before=-5", "before"), ("section=UPPER", "section"), ("limit=1&limit=2", "limit"), ("limit=%G1", "limit"), ("section=", "section"),
    ])
    func refusals(query: String, parameter: String) {
        #expect {
            _ = try SiteRoute.parse(path: "/api/v1/stories", query: query)
        } throws: { error in
            (error as? SiteRefusal)?.parameter == parameter && (error as? SiteRefusal)?.api == true
        }
    }

    @Test("a listing cursor reads back what it wrote")
    func cursor() throws {
        let cursor = ListingCursor(publishedAt: Date(timeIntervalSince1970: 1_690_989_000.123456), id: StoryID(rawValue: 77))
        #expect(try ListingCursor.parse(cursor.text) == cursor)
        #expect(throws: NewsroomError.self) { try ListingCursor.parse("1690989000123456-0") }
        #expect(throws: NewsroomError.self) { try ListingCursor.parse("99999999999999999999-1") }
    }

    @Test("HTML escaping leaves no markup and keeps every other character as written")
    func escaping() {
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        let arabic = "بـ\"18\" \u{2067}Latin\u{2069} عدّة"
        #expect(HTML.escape(arabic) == arabic.replacingOccurrences(of: "\"", with: "&quot;"))
        #expect(PageWriter.scriptSafe("{\"a\": \"</script><!--&\"}") == "{\"a\": \"\\u003c/script\\u003e\\u003c!--\\u0026\"}")
    }

    @Test("JSON strings: what JSON requires escaped, everything else byte for byte, and a parser reads back the text")
    func jsonQuote() throws {
        let cases = ["", "بغداد \"اليوم\"", "a\\b", "line\nbreak\r\ttab", "\u{01}\u{1F}", "sep\u{2028}para\u{2029}end",
                     "emoji 👨‍👩‍👧 and \u{2067}isolate\u{2069}", "\u{E2}\u{80}", "ends with E2 \u{2022}"]
        for text in cases {
            let quoted = JSON.quote(text)
            #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" }, "\(quoted)")
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
            #expect(decoded == [text], "\(quoted)")
        }
        #expect(JSON.quote("\u{2028}") == "\"\\u2028\"" && JSON.quote("\u{1}") == "\"\\u0001\"")
        #expect(JSON.object([("a", .array([.number(1), .null, .bool(true)])), ("b", .string("x"))]).compact() == #"{"a":[1,null,true],"b":"x"}"#)
    }

    @Test("a body becomes paragraphs and ## subheadings, text as written")
    func bodyBlocks() {
        let body = "أول فقرة. \n\n## متى ظهر؟\nسطر ثانٍ\r\n\n##ليس عنوانًا\n## \n"
        #expect(ArticleBody.reading(body).blocks == [
            .paragraph([.text("أول فقرة.")]), .subheading(level: 2, [.text("متى ظهر؟")]), .paragraph([.text("سطر ثانٍ")]),
            .paragraph([.text("##ليس عنوانًا")]),
        ])
    }

    @Test("the site's settings: what each takes")
    func settings() throws {
        #expect(try NewsroomSetting.siteBaseURL.validate("https://news.example.com/") == "https://news.example.com")
        #expect(try NewsroomSetting.siteBaseURL.validate("http://127.0.0.1:8080/ar") == "http://127.0.0.1:8080/ar")
        for bad in ["ftp://x", "https://", "https://exa mple.com", "https://x.com/?q=1", "https://x.com/#a", "javascript:alert(1)"] {
            #expect(throws: NewsroomError.self, "\(bad)") { try NewsroomSetting.siteBaseURL.validate(bad) }
        }
        #expect(try NewsroomSetting.siteLanguage.validate("ar-IQ") == "ar-IQ")
        #expect(throws: NewsroomError.self) { try NewsroomSetting.siteLanguage.validate("Arabic") }
        #expect(try NewsroomSetting.siteDirection.validate("ltr") == "ltr")
        #expect(throws: NewsroomError.self) { try NewsroomSetting.siteDirection.validate("auto") }
        #expect(try NewsroomSetting.siteMaxAge.validate("0") == "0")
        #expect(throws: NewsroomError.self) { try NewsroomSetting.siteMaxAge.validate("86401") }
        let settings = SiteSettings(values: ["site.direction": "sideways", "site.name": "بغداد اليوم"])
        #expect(settings.direction == "rtl" && settings.name == "بغداد اليوم", "an unreadable value takes its default")
    }

    @Test("the reader's date: day-month-year and the time in the newsroom's zone, as on the sample page")
    func readerDate() throws {
        let time = NewsroomTime(zone: try ZoneRules.required("Asia/Baghdad"))
        #expect(time.dayMonthYear(Date(timeIntervalSince1970: 1_691_076_420)) == "3-08-2023, 18:27")
        #expect(time.rfc822(Date(timeIntervalSince1970: 1_691_076_420)) == "Thu, 03 Aug 2023 18:27:00 +0300")
        #expect(time.isoSeconds(Date(timeIntervalSince1970: 1_691_076_420.75)) == "2023-08-03T18:27:00+03:00")
        #expect(NewsroomTime(zone: .utc).rfc822(Date(timeIntervalSince1970: 784_111_777), gmt: true) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(NewsroomTime(zone: .utc).rfc822(Date(timeIntervalSince1970: -1), gmt: true) == "Wed, 31 Dec 1969 23:59:59 GMT")
        let newYork = NewsroomTime(zone: try ZoneRules.required("America/New_York"))
        #expect(newYork.rfc822(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 03:49:37 -0500")
    }
}
