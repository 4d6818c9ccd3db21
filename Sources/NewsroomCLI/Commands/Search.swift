import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import NewsroomStore
import TerminalText
import NewsroomCommandLine

extension Newsroom {
    struct Search: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", _superCommandName: "newsroom",
            abstract: "Find stories by their words, however they are spelled.",
            discussion: """
                Words match with or without vowel marks, with any alef, ى or ي, ة or ه, Arabic-Indic or Latin \
                digits, and with or without ال, وال, بال, لل, و, ف and plural or pronoun endings (الحكومات finds \
                حكومة). "Quotes" make a phrase, -word leaves out, word* is a prefix. Headline matches come first, \
                then matches in the text, newest first in each (the time is the story's last change). When no \
                story has the words, headlines spelled close to them are shown instead, and the tool says so. \
                Marked words are shown [[like this]]. A query that begins with - goes after -- (newsroom search -- -word other).
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "What to look for.") var query: String
        @Option(help: "Only this section's slug.") var section: String?
        @Option(parsing: .upToNextOption, help: "Only these statuses (draft, in_review, approved, scheduled, published, withdrawn, spiked).")
        var status: [String] = []
        @Option(help: "Only stories changed at or after this time.") var from: String?
        @Option(help: "Only stories changed before this time.") var to: String?
        @Option(help: "At most this many (1 to \(SearchRequest.maximumLimit); default 20).", transform: parseLimit) var limit = 20
        @Flag(help: "Print JSON.") var json = false

        func run(_ context: CommandContext) throws {
            let store = context.store()
            let (time, now) = try store.clock()
            let request = try SearchRequest(
                query: try SearchQuery.parse(query),
                section: try section.map { try SectionSlug.parse($0) },
                statuses: try status.map { try StoryStatus.parse($0) },
                from: try from.map { try time.parse($0, now: now, field: "from") },
                to: try to.map { try time.parse($0, now: now, field: "to") },
                limit: limit
            )
            let started = ContinuousClock.now
            let results = try store.search(request)
            Terminal.traceSearch(since: started, plan: results.plan)
            let presenter = Presenter(time: time)
            if json { return Output.print(presenter.json.search(results, query: request.query)) }
            if results.closeSpellings {
                let spelled = results.spellings.isEmpty ? "" : " (" + results.spellings.map(Display.isolated).joined(separator: ", ") + ")"
                Terminal.note("no story has these words; headlines spelled close to them\(spelled):")
            }
            guard !results.hits.isEmpty else { return print("no stories found") }
            print(results.hits.map(presenter.searchHit).joined(separator: "\n"))
        }
    }
}

extension Presenter {
    /// Two lines a hit: id, status, section, time and headline; then the snippet, indented.
    /// Marks are brackets, which survive a pipe and read the same in either direction.
    func searchHit(_ hit: SearchHit) -> String {
        let head = "\(hit.id)  \(hit.status.rawValue)  \(hit.section)  \(time(hit.time))  "
        let headline = Display.isolated(Self.marked(hit.headline))
        let snippet = hit.snippet.plain.isEmpty ? "" : "\n    " + Display.isolated(String(Self.marked(hit.snippet).map { $0 == "\n" ? " " : $0 }))
        return head + headline + snippet
    }

    static func marked(_ text: MarkedText) -> String {
        text.runs.map { $0.marked ? "[[\($0.text)]]" : $0.text }.joined()
    }
}
