import ArgumentParser
import NewsroomCore
import NewsroomStore
import NewsroomCommandLine

// Killing, restoring and erasing stories.
extension Newsroom.StoryCommand {
    struct Erase: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase", _superCommandName: "newsroom story",
            abstract: "Erase a story's text and every revision's under a court's or authority's order: a chief orders it, an admin confirms it.",
            discussion: """
                A chief gives the order: story erase ID --order REF. An admin then confirms it: story erase ID --order REF --confirm. \
                Confirmed, the story's text and every revision's become "\(EditorialText.erased)", a published story is withdrawn \
                (readers get 410; the feeds drop it) and any other is spiked, its ticker lines end, and its history keeps every line \
                plus one naming the order, who gave it and who confirmed it. It cannot be undone, and the story changes no more.
                """
        )
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions
        @Option(help: "The order's reference, as the court or authority gives it.") var order: String
        @Flag(help: "Carry out the order a chief gave (an admin).") var confirm = false

        func run(_ context: CommandContext) throws {
            let order = try EditorialText.line(order, .erasureOrder)
            let store = context.store(dryRun: options.dryRun)
            let actor = try context.actor(store)
            if confirm {
                let outcome = try store.erase(options.id, order: order, ifVersion: options.ifVersion, by: actor)
                return try reportTransition(outcome, options: options, store: store, verb: "erase")
            }
            let given = try store.orderErasure(options.id, order: order, by: actor)
            let presenter = Presenter(time: try store.time())
            if options.json && !options.dryRun { return Output.print(presenter.json.erasureOrder(given)) }
            let line = "story \(given.storyID): the order \u{2068}\(given.order)\u{2069} to erase it was given by \(given.requestedBy) at "
                + "\(presenter.time(given.requestedAt)); an admin carries it out with --confirm (nothing is erased until then)"
            print(options.dryRun ? "dry run: \(line); nothing changed" : line)
        }
    }

    struct Spike: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "spike", _superCommandName: "newsroom story", abstract: "Kill a story before publication (editors and chiefs).")
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions
        @Option(help: "Why.") var reason: String?

        func run(_ context: CommandContext) throws {
            let note = try reason.map { try EditorialText.note($0, field: "reason") }
            try performTransition(context, options, .spike, note: note)
        }
    }

    struct Restore: NewsroomCommand {
        static let configuration = CommandConfiguration(commandName: "restore", _superCommandName: "newsroom story", abstract: "Bring a spiked story back as a draft.")
        @OptionGroup var options: TransitionOptions
        @OptionGroup var global: GlobalOptions
        @Option(help: "Give it this editor (needed when its editor is no longer active).") var editor: String?

        func run(_ context: CommandContext) throws {
            try performTransition(context, options, .restore, editor: try editor.map { try Handle.parse($0, field: "editor") })
        }
    }
}
