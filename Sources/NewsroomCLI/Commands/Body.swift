import ArgumentParser
import NewsroomCore
import NewsroomViews
import NewsroomCommandLine

extension Newsroom {
    /// A body file checked and drawn as the newsroom would, without a database: to try the
    /// format (docs/body-format.md) before filing, and for the benchmarks (its parse and render).
    struct Body: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "body", _superCommandName: "newsroom",
            abstract: "Check a body file, or print it as readers get it (HTML, text, a terminal's drawing).",
            discussion: """
                Checks the file as draft create would (exit 65 and the line when it refuses), then prints it: \
                --format html (the reader page's markup), text (what readers see), terminal (as story show --rendered), \
                or check (nothing; the counts on stderr).
                """
        )
        @Argument(help: "A UTF-8 text file with the body, or - for stdin.") var file: String
        @Option(help: "html, text, terminal or check.") var format = "html"

        func validate() throws {
            guard ["html", "text", "terminal", "check"].contains(format) else {
                throw ValidationError("--format \"\(format)\" is not a format; use html, text, terminal or check")
            }
        }

        func run() throws {
            try reportingFailures {
                let body = try BodyFile.read(file, field: "body")
                let article = ArticleBody.reading(body)
                switch format {
                case "html": print(ArticleHTML().html(article), terminator: "")
                case "text": print(article.visibleText)
                case "terminal": print(ArticleTerminal.text(body))
                default:
                    Terminal.note("\(article.blocks.count) blocks, \(article.wordCount) words, \(article.visibleText.utf8.count) bytes of text in \(body.utf8.count) of markup")
                }
            }
        }
    }
}
