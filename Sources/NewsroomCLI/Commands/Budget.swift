import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import NewsroomStore
import NewsroomViews
import TerminalText
import NewsroomCommandLine

/// The budget's fields as options, shared by `story budget` and `draft create`.
struct BudgetOptions: ParsableArguments {
    @Option(help: "The budget line: one sentence on what the story will say (at most \(LineKind.budgetLine.limit) characters).") var line: String?
    @Option(help: "When the copy is due to the desk.") var due: String?
    @Flag(help: "Clear the due time.") var noDue = false
    @Option(help: "Its priority: \(Priority.allCases.map(\.rawValue).joined(separator: ", ")).") var priority: String?
    @Option(help: "The day it is meant to run: today, tomorrow or YYYY-MM-DD (newsroom time).") var planned: String?
    @Flag(help: "Clear the planned day.") var noPlanned = false

    func validate() throws {
        if due != nil && noDue { throw ValidationError("give --due or --no-due, not both") }
        if planned != nil && noPlanned { throw ValidationError("give --planned or --no-planned, not both") }
    }

    /// The change these options ask for, read in the newsroom's time.
    func change(time: NewsroomTime, now: Date) throws -> BudgetChange {
        BudgetChange(
            line: try line.map { try EditorialText.line($0, .budgetLine) },
            dueAt: noDue ? .some(nil) : try due.map { try time.parse($0, now: now, field: "due") },
            priority: try priority.map { try Priority.parse($0) },
            plannedFor: noPlanned ? .some(nil) : try planned.map { try time.day($0, now: now, field: "planned") }
        )
    }
}

extension Newsroom {
    struct Budget: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "budget",
            abstract: "The day's budget, as desks print it: per section, each story planned or due that day.",
            discussion: """
                Each story: its number, status, priority, due time (late copy marked OVERDUE: due and still a draft), \
                author → editor, and its budget line. Plan a story with `story budget ID`, or file a placeholder with \
                `draft create --budget-only`.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The day: today (default), tomorrow, yesterday or YYYY-MM-DD.") var date: String?
        @Option(help: "Only this section's slug.") var section: String?
        @Flag(help: "Print JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            let (time, now) = try store.clock()
            let day = try date.map { try time.day($0, now: now, field: "date") } ?? time.day(of: now)
            let slug = try section.map { try SectionSlug.parse($0) }
            let budget = try store.dayBudget(day, section: slug, now: now)
            let presenter = Presenter(time: time)
            if json { return Output.print(presenter.json.dayBudget(budget)) }
            guard !budget.isEmpty else { return print("nothing on the budget for \(day)") }
            var lines = ["budget for \(day) (\(time.zone.identifier))"]
            for desk in budget.desks {
                lines.append("")
                lines.append("\(desk.section)  \(Display.isolated(desk.name ?? desk.section.rawValue))")
                let rows = desk.items.map { item -> [Cell] in
                    [Cell(text: String(item.story.id.rawValue), isUserText: false), Cell(text: item.story.status.rawValue, isUserText: false),
                     Cell(text: item.entry.priority.rawValue, isUserText: false),
                     Cell(text: (item.entry.dueAt.map { "due " + presenter.time($0) } ?? "—") + (item.overdue ? " OVERDUE" : ""), isUserText: false),
                     Cell(text: "\(item.story.author) → \(item.story.editor?.rawValue ?? "—")", isUserText: false),
                     Cell(text: item.entry.line ?? item.story.headline, isUserText: true)]
                }
                lines.append(Table(headers: ["ID", "STATUS", "PRIORITY", "DUE", "AUTHOR → EDITOR", "BUDGET LINE"], rows: rows).rendered())
            }
            print(lines.joined(separator: "\n"))
        }
    }
}

extension Newsroom.StoryCommand {
    struct Budget: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "budget", _superCommandName: "newsroom story",
            abstract: "Show or change a story's budget: its line, due time, priority and planned day (its author, editors, chiefs).",
            discussion: "Planning only: the schedule (story publish --at) is what publishes. Without options, shows the budget."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The story's number.", transform: parseStoryID) var id: StoryID
        @OptionGroup var budget: BudgetOptions
        @Flag(help: "Check everything; change nothing.") var dryRun = false
        @Flag(help: "Print JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store(dryRun: dryRun)
            let (time, now) = try store.clock()
            let change = try budget.change(time: time, now: now)
            let presenter = Presenter(time: time)
            let entry: BudgetEntry?
            if change.isEmpty {
                entry = try store.budget(of: id)
            } else {
                entry = try store.setBudget(id, change, by: try context.actor(store))
                if dryRun { return Terminal.note("dry run: story \(id)'s budget could be changed; nothing changed") }
            }
            if json { return Output.print(entry.map(presenter.json.budget) ?? .null) }
            guard let entry else { return print("story \(id) has no budget; plan it with --line, --due, --priority, --planned") }
            print(presenter.budget(entry))
        }
    }
}

extension Presenter {
    func budget(_ entry: BudgetEntry) -> String {
        var card = Card()
        card.add("line", Cell(text: entry.line ?? "—", isUserText: entry.line != nil))
        card.add("due", Cell(text: time(entry.dueAt), isUserText: false))
        card.add("priority", Cell(text: entry.priority.rawValue, isUserText: false))
        card.add("planned", Cell(text: entry.plannedFor?.description ?? "—", isUserText: false))
        card.add("set", Cell(text: "by \(entry.setBy) \(time(entry.setAt))", isUserText: false))
        return card.rendered()
    }
}
