import Foundation
import NewsroomCore
import Testing

@Suite("the day's budget as desks print it")
struct DayBudgetTests {
    func item(_ id: Int64, _ section: String, _ priority: Priority, due: TimeInterval?) -> BudgetItem {
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let story = Story(id: StoryID(rawValue: id), headline: "خبر \(id)", section: SectionSlug(rawValue: section), dateline: nil, body: "",
                          author: layla.handle, editor: nil, status: .draft, version: 1, createdAt: at, updatedAt: at)
        let entry = BudgetEntry(line: nil, dueAt: due.map { at.addingTimeInterval($0) }, priority: priority, plannedFor: nil, setBy: omar.handle, setAt: at)
        return BudgetItem(story: story, entry: entry, overdue: false)
    }

    @Test("a desk per section in the sections' order; most pressing first: priority, then the copy due soonest, then the number")
    func order() {
        let items = [
            item(1, "security", .normal, due: nil), item(2, "politics", .low, due: 60), item(3, "politics", .top, due: 7200),
            item(4, "politics", .top, due: 3600), item(5, "politics", .top, due: nil), item(6, "politics", .normal, due: nil),
            item(7, "politics", .normal, due: nil),
        ]
        let budget = DayBudget(day: NewsroomDay(year: 2026, month: 12, day: 1), items: items.reversed(),
                               sections: [Section(slug: SectionSlug(rawValue: "politics"), name: "سياسة")])
        #expect(budget.desks.map(\.section.rawValue) == ["politics", "security"])
        #expect(budget.desks[0].items.map(\.story.id.rawValue) == [4, 3, 5, 6, 7, 2])
        #expect(budget.desks[0].name == "سياسة" && budget.desks[1].name == nil, "a section no longer listed has no name")
        #expect(!budget.isEmpty && DayBudget(day: budget.day, items: [], sections: []).isEmpty)
    }
}
