import CivilTime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The budget: what the desk plans a story to be and when, kept apart from the schedule
/// (a budget never publishes anything). A story's budget is its latest entry; every change
/// is an entry of its own, with who made it and when (Migrations/0020).
public enum Priority: String, Sendable, CaseIterable, Comparable {
    case top, high, normal, low

    /// Most pressing first.
    public static func < (a: Priority, b: Priority) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public static func parse(_ text: String) throws(NewsroomError) -> Priority {
        guard let priority = Priority(rawValue: text.lowercased()) else {
            throw .invalid("priority", "\"\(text)\" is not a priority; use \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return priority
    }
}

/// A day of the newsroom's calendar (its own time zone), as the desk plans by.
public struct NewsroomDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// YYYY-MM-DD, as PostgreSQL's `date` reads and writes it.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(value).count)) + String(value) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: NewsroomDay, b: NewsroomDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// YYYY-MM-DD, a real date from the year 1 to 9999.
    public static func parse(_ text: String, field: String = "date", input: String? = nil) throws(NewsroomError) -> NewsroomDay {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), year >= 1,
              (1...12).contains(month), day >= 1
        else {
            throw .invalid(field, "\"\(input ?? text)\" is not a day; use today, tomorrow, yesterday or YYYY-MM-DD")
        }
        let (y, m, d) = CivilDate.from(days: CivilDate.days(year: Int64(year), month: Int64(month), day: Int64(day)))
        guard (Int(y), Int(m), Int(d)) == (year, month, day) else {
            throw .invalid(field, "\(input ?? text) is not a real date")
        }
        return NewsroomDay(year: year, month: month, day: day)
    }
}

extension NewsroomTime {
    /// The day `date` falls on in the newsroom's zone.
    public func day(of date: Date) -> NewsroomDay {
        let local = Int64((date.timeIntervalSince1970 + Double(zone.offset(at: date))).rounded(.down))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let (year, month, day) = CivilDate.from(days: days)
        return NewsroomDay(year: Int(year), month: Int(month), day: Int(day))
    }

    /// A day as the desk says it: `today`, `tomorrow`, `yesterday`, or YYYY-MM-DD (Arabic-Indic
    /// digits too), in the newsroom's zone.
    public func day(_ input: String, now: Date, field: String) throws(NewsroomError) -> NewsroomDay {
        let text = Digits.asciiDigits(input.trimmingWhitespace()).lowercased()
        let shifts = ["yesterday": -1.0, "today": 0, "tomorrow": 1]
        if let shift = shifts[text] {
            return day(of: now.addingTimeInterval(shift * 86_400))
        }
        return try NewsroomDay.parse(text, field: field, input: input)
    }
}

/// A story's budget as it stands.
public struct BudgetEntry: Sendable, Equatable {
    /// One sentence on what the story will say.
    public var line: String?
    /// When the copy is due to the desk.
    public var dueAt: Date?
    public var priority: Priority
    /// The day it is meant to run (planning; the schedule is what publishes).
    public var plannedFor: NewsroomDay?
    public var setBy: Handle
    public var setAt: Date

    public init(line: String?, dueAt: Date?, priority: Priority, plannedFor: NewsroomDay?, setBy: Handle, setAt: Date) {
        self.line = line
        self.dueAt = dueAt
        self.priority = priority
        self.plannedFor = plannedFor
        self.setBy = setBy
        self.setAt = setAt
    }
}

/// What a budget command changes; a field left nil stays as it was, `.some(nil)` clears it.
public struct BudgetChange: Sendable, Equatable {
    public var line: String??
    public var dueAt: Date??
    public var priority: Priority?
    public var plannedFor: NewsroomDay??

    public init(line: String?? = nil, dueAt: Date?? = nil, priority: Priority? = nil, plannedFor: NewsroomDay?? = nil) {
        self.line = line
        self.dueAt = dueAt
        self.priority = priority
        self.plannedFor = plannedFor
    }

    public var isEmpty: Bool { line == nil && dueAt == nil && priority == nil && plannedFor == nil }

    /// The entry after this change (fields not changed kept from `current`).
    public func applied(to current: BudgetEntry?, by actor: Handle, at time: Date) -> BudgetEntry {
        BudgetEntry(
            line: line ?? current?.line,
            dueAt: dueAt ?? current?.dueAt,
            priority: priority ?? current?.priority ?? .normal,
            plannedFor: plannedFor ?? current?.plannedFor,
            setBy: actor, setAt: time
        )
    }
}

/// The budget's rules (Migrations/0020 holds the same).
public enum BudgetRules {
    /// Who plans a story: its author, and the desk (editors and chiefs). Admins run the
    /// newsroom, not its stories.
    public static func authorize(storyAuthor: Handle, by actor: Actor) throws(NewsroomError) {
        guard case .staff(let member) = actor, member.active else {
            throw NewsroomError(.notAllowed, "the budget is the desk's: pass --as HANDLE (acting now as \(actor.name))")
        }
        switch member.role {
        case .editor, .chief: return
        case .reporter where member.handle == storyAuthor: return
        default:
            throw NewsroomError(.notAllowed, "\(member.handle) (\(member.role.rawValue)) may not plan this story: its author and the desk's editors and chiefs may")
        }
    }

    /// Late: the copy was due and the story is still a draft (not yet filed for review).
    public static func isOverdue(_ entry: BudgetEntry, status: StoryStatus, now: Date) -> Bool {
        guard let due = entry.dueAt else { return false }
        return due < now && status == .draft
    }
}

/// One story on a day's budget.
public struct BudgetItem: Sendable, Equatable {
    public let story: Story
    public let entry: BudgetEntry
    public let overdue: Bool

    public init(story: Story, entry: BudgetEntry, overdue: Bool) {
        self.story = story
        self.entry = entry
        self.overdue = overdue
    }
}

/// A day's budget as desks print it: a desk per section, in the sections' order, each with
/// its stories most pressing first (priority, then the copy due soonest, then the number).
public struct DayBudget: Sendable, Equatable {
    public struct Desk: Sendable, Equatable {
        public let section: SectionSlug
        /// The section's name (nil for a section no longer listed).
        public let name: String?
        public let items: [BudgetItem]
    }

    public let day: NewsroomDay
    public let desks: [Desk]

    public init(day: NewsroomDay, items: [BudgetItem], sections: [Section]) {
        let names = Dictionary(sections.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.day = day
        desks = Dictionary(grouping: items, by: \.story.section).sorted { $0.key < $1.key }.map { section, items in
            Desk(section: section, name: names[section], items: items.sorted {
                ($0.entry.priority, $0.entry.dueAt ?? .distantFuture, $0.story.id) < ($1.entry.priority, $1.entry.dueAt ?? .distantFuture, $1.story.id)
            })
        }
    }

    public var isEmpty: Bool { desks.isEmpty }
}
