import ArgumentParser
import NewsroomCore
import NewsroomStore
import NewsroomCommandLine

extension Newsroom {
    struct DraftCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draft",
            abstract: "Write new stories.",
            subcommands: [Create.self]
        )

        struct Create: NewsroomCommand {
            static let configuration = CommandConfiguration(
                commandName: "create", _superCommandName: "newsroom draft",
                abstract: "Create a draft; prints its id alone on stdout.",
                discussion: """
                    The body is the newsroom's format (docs/body-format.md): a line a paragraph, '## ' and '### ' subheadings, \
                    **bold**, *emphasis*, [links](https://…), '> ' quotations ending '— name', '- ' and '1. ' lists. \
                    It is stored as written (NFC, trimmed, LF line endings); at most \(EditorialText.bodyByteLimit) bytes of visible text.
                    """
            )
            @OptionGroup var global: GlobalOptions
            @Option(help: "The headline (one line, at most \(LineKind.headline.limit) characters).") var headline: String
            @Option(help: "The section's slug.") var section: String
            @Option(help: "The place, e.g. ديالى.") var dateline: String?
            @Option(help: "A UTF-8 text file with the body, or - for stdin.") var bodyFile: String?
            @Option(help: "File it for this author (editors and chiefs).") var author: String?
            @Flag(help: "A placeholder on the budget: no body yet, a --line saying what it will be.") var budgetOnly = false
            @OptionGroup var budget: BudgetOptions
            @Flag(help: "Check everything; change nothing.") var dryRun = false

            func validate() throws {
                if budgetOnly && bodyFile != nil { throw ValidationError("a --budget-only placeholder has no body yet; leave out --body-file") }
                if budgetOnly && budget.line == nil { throw ValidationError("a --budget-only placeholder needs a --line saying what the story will be") }
            }

            func run(_ context: CommandContext) throws {
                let draft = NewDraft(
                    headline: try EditorialText.line(headline, .headline),
                    section: try SectionSlug.parse(section),
                    dateline: try dateline.map { try EditorialText.line($0, .dateline, required: false) }
                        .flatMap { $0.isEmpty ? nil : $0 },
                    body: try bodyFile.map { try BodyFile.read($0) } ?? "",
                    author: try author.map { try Handle.parse($0, field: "author") }
                )
                let store = context.store(dryRun: dryRun)
                let (time, now) = try store.clock()
                let plan = try budget.change(time: time, now: now)
                let id = try store.createDraft(draft, budget: plan.isEmpty ? nil : plan, by: try context.actor(store))
                if dryRun {
                    Terminal.note("dry run: the draft could be created; nothing changed")
                } else {
                    print(id.rawValue)
                }
            }
        }
    }
}
