#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// The budget (Migrations/0020): each story's latest entry, set by its author or the desk,
/// and the day's budget as desks read it.
extension NewsroomStore {
    /// The story's budget as it stands, if it has one.
    public func budget(of id: StoryID) throws -> BudgetEntry? {
        let rows = try connection.query(
            "SELECT \(Self.budgetColumns) FROM story_budget b WHERE b.story_id = $1 ORDER BY b.id DESC LIMIT 1", [id.rawValue]
        )
        if rows.isEmpty { _ = try story(id) }  // "no story N"
        return try rows.first.map(Self.budgetEntry)
    }

    /// Changes a story's budget: a new entry with the fields changed and the others as they were.
    public func setBudget(_ id: StoryID, _ change: BudgetChange, by actor: Actor) throws -> BudgetEntry {
        try write(by: actor) { try writeBudget(id, change, by: actor) }
    }

    /// Within a write: two people planning one story at once take turns, so neither's field is lost.
    func writeBudget(_ id: StoryID, _ change: BudgetChange, by actor: Actor) throws -> BudgetEntry {
        let story = try story(id)
        try check { try BudgetRules.authorize(storyAuthor: story.author, by: actor) }
        try connection.query("SELECT pg_advisory_xact_lock(hashtextextended('newsroom.budget:' || $1, 0))", [id.rawValue])
        let next = change.applied(to: try budget(of: id), by: Handle(rawValue: actor.name), at: try now())
        let row = try connection.queryOne(
            """
            INSERT INTO story_budget AS b (story_id, line, due_at, priority, planned_for, set_by)
            VALUES ($1, $2, $3, $4, $5::date, $6) RETURNING \(Self.budgetColumns)
            """,
            [id.rawValue, next.line, next.dueAt, next.priority.rawValue, next.plannedFor?.description, actor.name]
        )
        return try Self.budgetEntry(row)
    }

    /// The day's budget: every story whose budget plans it for `day` or has its copy due that
    /// day (in the newsroom's time zone), spiked stories left out, per section as desks print it.
    public func dayBudget(_ day: NewsroomDay, section: SectionSlug?, now: Date) throws -> DayBudget {
        if let section { try requireSection(section) }
        let zone = try time().zone.identifier
        let rows = try connection.query(
            """
            WITH day AS (
                SELECT ($1::date)::timestamp AT TIME ZONE $2 AS starts, ($1::date + 1)::timestamp AT TIME ZONE $2 AS ends
            ), latest AS (
                SELECT DISTINCT ON (b.story_id) b.*
                  FROM story_budget b
                 WHERE b.story_id IN (SELECT e.story_id FROM story_budget e, day
                                       WHERE e.planned_for = $1::date OR (e.due_at >= day.starts AND e.due_at < day.ends))
                 ORDER BY b.story_id, b.id DESC
            )
            SELECT \(Self.storyColumns), \(Self.budgetColumns)
              FROM latest b CROSS JOIN day
              JOIN \(Self.storyTables) ON s.id = b.story_id
             WHERE (b.planned_for = $1::date OR (b.due_at >= day.starts AND b.due_at < day.ends))
               AND s.status <> 'spiked'
               AND ($3::text IS NULL OR s.section = $3)
            """,
            [day.description, zone, section?.rawValue]
        )
        let items = try rows.map { row in
            let story = try Story(row: row)
            let entry = try Self.budgetEntry(row)
            return BudgetItem(story: story, entry: entry, overdue: BudgetRules.isOverdue(entry, status: story.status, now: now))
        }
        return DayBudget(day: day, items: items, sections: try listSections())
    }

    static let budgetColumns = "b.line, b.due_at, b.priority, b.planned_for::text AS planned_for, b.set_by, b.set_at"

    static func budgetEntry(_ row: PostgresRow) throws -> BudgetEntry {
        let planned: String? = try row.decode("planned_for")
        return BudgetEntry(
            line: try row.decode("line"),
            dueAt: try row.decode("due_at"),
            priority: try Priority.parse(try row.decode("priority")),
            plannedFor: try planned.map { try NewsroomDay.parse($0) },
            setBy: Handle(rawValue: try row.decode("set_by")),
            setAt: try row.decode("set_at")
        )
    }
}
