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
import TerminalText
import NewsroomCommandLine

extension Newsroom {
    struct Watch: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "What happens on the desk, as it happens: one line (or one JSON object) an event.",
            discussion: """
                Stories created, submitted, approved, published, withdrawn (every line of their history), ticker \
                lines scheduled, cancelled and ended, and notes, from the database's record. After the database \
                restarts it connects again and tells what happened meanwhile. With --section, that section's stories \
                and notes (ticker lines have no section). Stops on Ctrl-C.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this section's stories and notes.") var section: String?
        @Flag(help: "One JSON object a line (JSON Lines), for a chat bot or a wire.") var json = false

        func run(_ context: CommandContext) throws {
            let slug = try section.map { try SectionSlug.parse($0) }
            let store = context.store()
            if let slug { try store.requireSection(slug) }
            let watch = DeskWatch(
                section: slug, connect: { try CommandContext.open(global, checkSchema: true).session },
                note: { Terminal.note($0) },
                event: { event, time in
                    let line = json ? NewsroomJSON(time: time).deskEvent(event).compact() : Presenter.deskEvent(event, time: time)
                    // Unbuffered: a desk screen or a bot reading a pipe sees each event at once.
                    Terminal.write(line + "\n", to: STDOUT_FILENO)
                }
            )
            try watch.run()
        }
    }
}

extension Presenter {
    /// time  action  story N (section, status)  by actor  text
    static func deskEvent(_ event: DeskEvent, time: NewsroomTime) -> String {
        var parts = [time.human(event.at), event.kind == .story ? event.action : "\(event.kind.rawValue) \(event.action)"]
        if let story = event.story { parts.append("story \(story)" + (event.section.map { " (\($0)\(event.status.map { ", \($0.rawValue)" } ?? ""))" } ?? "")) }
        if let item = event.tickerItem { parts.append("line \(item)") }
        parts.append("by \(event.actor)")
        if let text = event.text { parts.append(Display.isolated(text)) }
        return (event.urgent ? "URGENT  " : "") + parts.joined(separator: "  ")
    }
}
