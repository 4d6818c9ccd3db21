#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import NewsroomStore
import NewsroomViews
import TerminalText

/// The terminal's side of presentation: the shared read models (`NewsroomViewModels`)
/// drawn as aligned tables and cards, and the shared JSON shapes (`NewsroomJSON`) printed.
struct Presenter {
    let json: NewsroomJSON
    let views: NewsroomViewModels

    init(time: NewsroomTime) {
        json = NewsroomJSON(time: time)
        views = NewsroomViewModels(time: time)
    }

    func time(_ date: Date?) -> String { views.time(date) }

    /// `rendered`: the body as readers see it, not as written.
    func card(_ story: Story, sectionName: String?, rendered: Bool = false) -> String {
        var card = views.storyCard(story, sectionName: sectionName)
        if rendered, !story.body.isEmpty { card.body = ArticleTerminal.text(story.body) }
        return Self.render(card)
    }

    func table(_ stories: [Story]) -> String { Self.render(views.storyTable(stories)) }
    func table(_ history: [HistoryEntry]) -> String { Self.render(views.historyTable(history)) }

    static func render(_ view: ViewTable) -> String {
        Table(headers: view.headers, rows: view.rows.map { $0.map(cell) }).rendered()
    }

    static func render(_ view: ViewCard) -> String {
        var card = Card()
        for field in view.fields { card.add(field.label, cell(field.value)) }
        return card.rendered() + (view.body.map { "\n\n" + $0 } ?? "")
    }

    private static func cell(_ value: ViewCell) -> Cell { Cell(text: value.text, isUserText: value.isUserText) }
}

enum Output {
    static func print(_ json: JSON) { Swift.print(json.rendered()) }

    /// After a page of a listing that has more: on stderr, so that stdout stays the listing.
    static func noteMore(_ things: String, shown: Int, lastID: String) {
        Terminal.note("more \(things) follow these \(shown); see them with the same command and --after \(lastID), or raise --limit")
    }
}
