import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore
import NewsroomStore
import NewsroomViews
import NewsroomCommandLine

extension Newsroom {
    struct TickerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ticker",
            abstract: "The breaking-news strip: schedule, show, link and expire short lines.",
            discussion: """
                A line shows during [start, end): live at its start, gone at its end. Urgent lines come first. \
                Times: \(NewsroomTime.formats). Durations: 90m, 2h, 1d, 1h30m.
                """,
            subcommands: [Schedule.self, List.self, Show.self, Cancel.self, Extend.self]
        )

        struct Schedule: NewsroomCommand {
            static let configuration = CommandConfiguration(
                commandName: "schedule", _superCommandName: "newsroom ticker",
                abstract: "Schedule a line (editors and chiefs); prints its id alone on stdout.",
                discussion: "Without --until or --for the line lasts the newsroom's ticker.duration (default 1h)."
            )
            @OptionGroup var global: GlobalOptions
            @Option(help: "The line: one line, at most \(TickerRules.textLimit) characters.") var text: String
            @Flag(help: "Mark it urgent (عاجل): shown first.") var urgent = false
            @Option(help: "When it starts (default now).") var from: String?
            @Option(help: "When it ends.") var until: String?
            @Option(name: .customLong("for"), help: "How long it shows, e.g. 2h.") var duration: String?
            @Option(help: "Link it to this story (published, or scheduled to publish before the line starts).", transform: parseStoryID)
            var story: StoryID?
            @Flag(help: "Check everything; change nothing.") var dryRun = false

            func validate() throws {
                if until != nil && duration != nil { throw ValidationError("give --until or --for, not both") }
            }

            func run(_ context: CommandContext) throws {
                let text = try TickerRules.text(text)
                let store = context.store(dryRun: dryRun)
                let actor = try context.actor(store)
                let (time, now) = try store.clock()
                let startsAt = try from.map { try time.parse($0, now: now, field: "from") } ?? now
                let endsAt: Date
                if let until {
                    endsAt = try time.parse(until, now: now, field: "until")
                } else if let duration {
                    endsAt = startsAt.addingTimeInterval(try NewsroomTime.duration(duration, field: "for", max: TickerRules.longestWindow))
                } else {
                    endsAt = startsAt.addingTimeInterval(try store.tickerDuration())
                }
                let item = NewTickerItem(text: text, urgent: urgent, startsAt: startsAt, endsAt: endsAt, storyID: story)
                let id = try store.scheduleTickerItem(item, now: now, by: actor)
                if dryRun {
                    Terminal.note("dry run: the line could be scheduled from \(time.human(startsAt)) to \(time.human(endsAt)); nothing changed")
                } else {
                    print(id.rawValue)
                }
            }
        }

        struct List: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "list", _superCommandName: "newsroom ticker", abstract: "Show the strip: what is live (default), upcoming, or everything.")
            @OptionGroup var global: GlobalOptions
            @Option(help: "As of this time (default now).") var at: String?
            @Flag(help: "What is scheduled to start later.") var upcoming = false
            @Flag(help: "Everything, ended and cancelled included.") var all = false
            @Option(help: "At most this many (default 200).", transform: parseLimit) var limit = 200
            @Option(help: "Continue after this line (the last of the previous page).", transform: parseTickerID) var after: TickerItemID?
            @Flag(help: "Print JSON.") var json = false

            func validate() throws {
                if upcoming && all { throw ValidationError("give --upcoming or --all, not both") }
            }

            func run(_ context: CommandContext) throws {
                let store = context.store()
                let (time, now) = try store.clock()
                let when = try at.map { try time.parse($0, now: now, field: "at") } ?? now
                let listing: TickerListing = all ? .all : upcoming ? .upcoming : .live
                let page = try store.tickerItems(listing, at: when, limit: limit, after: after)
                let items = page.items
                let presenter = Presenter(time: time)
                defer { if page.hasMore, let last = items.last { Output.noteMore("lines", shown: items.count, lastID: last.id.description) } }
                if json { return Output.print(.array(items.map { presenter.json.tickerItem($0, at: when) })) }
                if items.isEmpty {
                    print(listing == .live ? "the strip is empty at \(time.human(when))" : "no lines")
                    return
                }
                print(Presenter.render(presenter.views.tickerTable(items, at: when)))
            }
        }

        struct Show: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "show", _superCommandName: "newsroom ticker", abstract: "Show one line and its history.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The line's number.", transform: parseTickerID) var id: TickerItemID
            @Flag(help: "Print JSON.") var json = false

            func run(_ context: CommandContext) throws {
                let store = context.store()
                let item = try store.tickerItem(id)
                let (time, now) = try store.clock()
                let presenter = Presenter(time: time)
                let history = try store.tickerHistory(id)
                if json { return Output.print(presenter.json.tickerItem(item, at: now, history: history)) }
                print(Presenter.render(presenter.views.tickerCard(item, now: now)))
                print("\n" + Presenter.render(presenter.views.tickerHistoryTable(history)))
            }
        }

        struct Cancel: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "cancel", _superCommandName: "newsroom ticker", abstract: "Cancel a live or upcoming line (editors and chiefs); it is kept, marked cancelled.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The line's number.", transform: parseTickerID) var id: TickerItemID
            @Option(help: "Why.") var reason: String?
            @Flag(help: "Check everything; change nothing.") var dryRun = false

            func run(_ context: CommandContext) throws {
                let reason = try reason.map { try EditorialText.note($0, field: "reason") }
                let store = context.store(dryRun: dryRun)
                let item = try store.cancelTickerItem(id, reason: reason, by: try context.actor(store))
                print(dryRun ? "dry run: ticker item \(item.id) could be cancelled; nothing changed" : "ticker item \(item.id) cancelled")
            }
        }

        struct Extend: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "extend", _superCommandName: "newsroom ticker", abstract: "Keep a live or upcoming line up longer (editors and chiefs).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The line's number.", transform: parseTickerID) var id: TickerItemID
            @Option(help: "Its new end.") var until: String
            @Flag(help: "Check everything; change nothing.") var dryRun = false

            func run(_ context: CommandContext) throws {
                let store = context.store(dryRun: dryRun)
                let (time, now) = try store.clock()
                let end = try time.parse(until, now: now, field: "until")
                let item = try store.extendTickerItem(id, until: end, by: try context.actor(store))
                print(dryRun ? "dry run: ticker item \(item.id) could run until \(time.human(end)); nothing changed"
                             : "ticker item \(item.id) now runs until \(time.human(item.endsAt))")
            }
        }
    }
}

func parseTickerID(_ text: String) throws -> TickerItemID { try TickerItemID.parse(text) }
