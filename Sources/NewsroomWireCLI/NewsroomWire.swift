import ArgumentParser
import NewsroomCommandLine
import NewsroomCore

/// `newsroom wire …`: agency copy. A binary of its own, which `newsroom wire` hands over to, so
/// that libxml2, Foundation's JSON and libcurl load only for the wire, never for every command.
@main
struct NewsroomWire: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsroom wire",
        abstract: "Agency copy: sources, the worker that takes their items in, the wire queue, taking an item into a draft.",
        discussion: """
            Agencies deliver IPTC NewsML-G2 (newsItem, newsMessage) or ninjs 1.x/2.x files into a folder, or serve them over \
            HTTP (an item, a JSON array, or an Atom feed of items). Each item is kept once by its source and guid, each \
            version once; a later version or a kill is told to the desk of every story taken from it. See docs/wires.md.
            """,
        subcommands: [SourceCommand.self, Run.self, List.self, Show.self, Search.self, Take.self]
    )

    @OptionGroup var global: GlobalOptions

    static func main() { companionMain(help: "wire") }
}

func parseWireItem(_ text: String) throws -> WireItemID { try WireItemID.parse(text) }
func parseSourceName(_ text: String) throws -> WireSourceName { try WireSourceName.parse(text) }
