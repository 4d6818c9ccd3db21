import ArgumentParser
import Foundation
import NewsroomCommandLine
import NewsroomCore
import NewsroomStore
import NewsroomViews

extension NewsroomWire {
    struct List: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", _superCommandName: "newsroom wire",
            abstract: "The wire queue, newest first (the agency's time), the more urgent first at the same time."
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this source's items.", transform: parseSourceName) var source: WireSourceName?
        @Option(help: "Only items this urgent or more (1, the most, to 9).") var urgency: Int?
        @Option(help: "Only items the agency sent since this time (e.g. 2026-12-07 08:00, or --since=-2h for the last two hours).") var since: String?
        @Option(help: "How many (1 to 500).") var limit = 50
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if let urgency, !(1...9).contains(urgency) { throw ValidationError("--urgency must be from 1 to 9") }
            guard (1...500).contains(limit) else { throw ValidationError("--limit must be from 1 to 500") }
        }

        func run(_ context: CommandContext) throws {
            let store = context.store()
            _ = try context.actor(store)
            let (time, now) = try store.clock()
            let from = try since.map { try time.parse($0, now: now, field: "since") }
            let items = try store.wireItems(WireFilter(source: source, urgency: urgency, since: from, limit: limit))
            if json { return Output.print(.array(items.map(NewsroomJSON(time: time).wireItem))) }
            if items.isEmpty { return print("the wire queue has no items" + (source.map { " from \($0)" } ?? "")) }
            for item in items { print(Self.line(item, time: time)) }
        }

        static func line(_ item: WireItemSummary, time: NewsroomTime) -> String {
            var parts = ["\(item.id)", time.human(item.versionCreated), item.source.rawValue, item.urgency.map { "U\($0)" } ?? "U-", "v\(item.version)"]
            if item.pubStatus != .usable { parts.append(item.pubStatus == .canceled ? "KILLED" : "WITHHELD") }
            parts.append("\u{2068}\(item.headline)\u{2069}")
            if !item.stories.isEmpty { parts.append("(stor\(item.stories.count == 1 ? "y" : "ies") \(item.stories.map(\.description).joined(separator: ", ")))") }
            return parts.joined(separator: "  ")
        }
    }

    struct Show: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "show", _superCommandName: "newsroom wire", abstract: "An item of the queue: its text, where it came from, its versions.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The item's number.", transform: parseWireItem) var id: WireItemID
        @Flag(help: "Print JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            _ = try context.actor(store)
            let time = try store.time()
            let item = try store.wireItem(id)
            if json { return Output.print(NewsroomJSON(time: time).wireDetail(item)) }
            let document = item.version.document
            print("wire item \(id)  \(item.summary.source)  \(item.summary.guid)  version \(item.summary.version)  \(item.summary.pubStatus.rawValue)")
            print("\u{2068}\(document.headline)\u{2069}")
            let facts: [(String, String?)] = [
                ("sent", time.human(item.summary.versionCreated)), ("received", time.human(item.summary.receivedAt)),
                ("urgency", document.urgency.map(String.init)), ("slugline", document.slugline), ("dateline", document.dateline),
                ("located", document.located), ("credit", document.creditline), ("by", document.byline), ("language", document.language),
                ("subjects", document.subjects.isEmpty ? nil : document.subjects.joined(separator: "; ")),
                ("signals", document.signals.isEmpty ? nil : document.signals.joined(separator: ", ")), ("from", item.origin),
                ("note", item.version.bodyNote),
                ("stories", item.summary.stories.isEmpty ? nil : item.summary.stories.map(\.description).joined(separator: ", ")),
            ]
            for (label, value) in facts { if let value { print("\(label): \u{2068}\(value)\u{2069}") } }
            print("versions: " + item.versions.map { "\($0.number) (\(time.human($0.receivedAt)), \($0.pubStatus.rawValue))" }.joined(separator: "; "))
            print("")
            print(item.version.bodyText)
        }
    }

    struct Search: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", _superCommandName: "newsroom wire",
            abstract: "Find items of the queue by their words: the stories' search (Arabic spellings, stems), over the wire.",
            discussion: "Words as in newsroom search: \"a phrase\", -word to leave out, word* for a prefix."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "What to find.") var words: [String]
        @Option(help: "Only this source's items.", transform: parseSourceName) var source: WireSourceName?
        @Option(help: "How many (1 to 100).") var limit = 20
        @Flag(help: "Print JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            _ = try context.actor(store)
            let time = try store.time()
            let query = try SearchQuery.parse(words.joined(separator: " "))
            let request = try SearchRequest(query: query, section: source.map { SectionSlug(rawValue: $0.rawValue) }, limit: limit)
            let started = ContinuousClock.now
            let (hits, plan) = try store.searchWire(request)
            Terminal.traceSearch(since: started, plan: plan)
            if json { return Output.print(.array(hits.map { NewsroomJSON(time: time).wireItem($0.0) })) }
            if hits.isEmpty { return print("no wire item matches") }
            for (item, _) in hits { print(List.line(item, time: time)) }
        }
    }

    struct Take: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "take", _superCommandName: "newsroom wire",
            abstract: "Make a draft of an item (reporters, editors, chiefs); prints the story's id.",
            discussion: "The draft has the item's headline, dateline and body, and keeps its source, guid, version and credit line."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The item's number.", transform: parseWireItem) var id: WireItemID
        @Option(help: "The section's slug.") var section: String

        func run(_ context: CommandContext) throws {
            let store = context.store()
            let story = try store.takeWireItem(id, section: try SectionSlug.parse(section), by: try context.actor(store))
            print(story.rawValue)
        }
    }
}
