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
public struct Presenter {
    public let json: NewsroomJSON
    public let views: NewsroomViewModels

    public init(time: NewsroomTime) {
        json = NewsroomJSON(time: time)
        views = NewsroomViewModels(time: time)
    }

    public func time(_ date: Date?) -> String { views.time(date) }

    /// `rendered`: the body as readers see it, not as written.
    public func card(_ story: Story, sectionName: String?, rendered: Bool = false) -> String {
        var card = views.storyCard(story, sectionName: sectionName)
        if rendered, !story.body.isEmpty { card.body = ArticleTerminal.text(story.body) }
        return Self.render(card)
    }

    public func table(_ stories: [Story]) -> String { Self.render(views.storyTable(stories)) }
    public func table(_ history: [HistoryEntry]) -> String { Self.render(views.historyTable(history)) }

    public static func render(_ view: ViewTable) -> String {
        Table(headers: view.headers, rows: view.rows.map { $0.map(cell) }).rendered()
    }

    public static func render(_ view: ViewCard) -> String {
        var card = Card()
        for field in view.fields { card.add(field.label, cell(field.value)) }
        return card.rendered() + (view.body.map { "\n\n" + $0 } ?? "")
    }

    private static func cell(_ value: ViewCell) -> Cell { Cell(text: value.text, isUserText: value.isUserText) }
}
