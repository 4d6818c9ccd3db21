import ArgumentParser
import Foundation
import NewsroomCommandLine
import NewsroomCore
import NewsroomStore
import NewsroomViews

extension NewsroomWire {
    struct SourceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "source", _superCommandName: "newsroom wire",
            abstract: "The agencies' feeds: add, list, disable, enable (chiefs and admins change them).",
            subcommands: [Add.self, List.self, Disable.self, Enable.self]
        )

        struct Add: NewsroomCommand {
            static let configuration = CommandConfiguration(
                commandName: "add", _superCommandName: "newsroom wire source",
                abstract: "Add a source: a folder the agency drops files into, or an HTTP address to poll.",
                discussion: """
                    A folder's files are read once complete: not named .*, *.tmp, *.part, *.filepart (the rename convention) \
                    and unchanged in size and time for --settle seconds. Read files move to done/DAY/, refused ones to rejected/ \
                    beside a .reason.txt. An address is asked every --poll seconds with If-None-Match / If-Modified-Since.
                    """
            )
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The source's name (\(WireSourceName.rule)).", transform: parseSourceName) var name: WireSourceName
            @Option(help: "The folder the agency delivers into (made absolute).") var folder: String?
            @Option(help: "The http(s) address that serves its items or an Atom feed of them.") var url: String?
            @Option(help: "Seconds between polls of the address (\(WireRules.pollRange.lowerBound) to \(WireRules.pollRange.upperBound)).") var poll = 60
            @Option(help: "Seconds a file must stand still before it is read (\(WireRules.settleRange.lowerBound) to \(WireRules.settleRange.upperBound)).") var settle = 2
            @Option(help: "The largest file or answer taken, in bytes (default 5 MB).") var maxBytes = WireRules.defaultMaxBytes

            func validate() throws {
                guard (folder == nil) != (url == nil) else { throw ValidationError("give --folder DIR or --url URL, one of them") }
            }

            func run(_ context: CommandContext) throws {
                var location = url ?? ""
                if let folder {
                    location = URL(fileURLWithPath: folder).standardizedFileURL.path
                    var isFolder: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: location, isDirectory: &isFolder), isFolder.boolValue else {
                        throw NewsroomError.invalid("folder", "\(location) is not a folder; make it first (mkdir -p), then add it")
                    }
                }
                let source = WireSource(name: name, kind: folder == nil ? .url : .folder, location: location, pollSeconds: poll,
                                        settleSeconds: settle, maxBytes: maxBytes)
                let store = context.store()
                try store.addWireSource(source, by: try context.actor(store))
                print("wire source \(name): \(source.kind.rawValue) \(location)")
            }
        }

        struct List: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "list", _superCommandName: "newsroom wire source", abstract: "The sources, their items and last poll.")
            @OptionGroup var global: GlobalOptions
            @Flag(help: "Print JSON.") var json = false

            func run(_ context: CommandContext) throws {
                let store = context.store()
                let time = try store.time()
                let sources = try store.wireSources()
                if json {
                    return Output.print(.array(sources.map { source in
                        .object([("name", .string(source.name.rawValue)), ("kind", .string(source.kind.rawValue)), ("location", .string(source.location)),
                                 ("active", .bool(source.active)), ("items", .number(Int64(source.items))), ("poll_seconds", .number(Int64(source.pollSeconds))),
                                 ("settle_seconds", .number(Int64(source.settleSeconds))), ("max_bytes", .number(Int64(source.maxBytes))),
                                 ("polled_at", source.polledAt.map { .string(time.iso($0)) } ?? .null)])
                    }))
                }
                if sources.isEmpty { return print("no wire sources; add one with newsroom wire source add NAME --folder DIR") }
                for source in sources {
                    let state = source.active ? "" : "  (disabled)"
                    print("\(source.name)  \(source.kind.rawValue) \(source.location)  \(source.items) items\(state)")
                }
            }
        }

        struct Disable: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "disable", _superCommandName: "newsroom wire source", abstract: "Stop taking items from a source (its items stay).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The source's name.", transform: parseSourceName) var name: WireSourceName

            func run(_ context: CommandContext) throws {
                let store = context.store()
                let changed = try store.setWireSource(name, active: false, by: try context.actor(store))
                print(changed ? "wire source \(name) disabled" : "wire source \(name) is disabled already; nothing changed")
            }
        }

        struct Enable: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "enable", _superCommandName: "newsroom wire source", abstract: "Take items from a disabled source again.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The source's name.", transform: parseSourceName) var name: WireSourceName

            func run(_ context: CommandContext) throws {
                let store = context.store()
                let changed = try store.setWireSource(name, active: true, by: try context.actor(store))
                print(changed ? "wire source \(name) enabled" : "wire source \(name) is enabled already; nothing changed")
            }
        }
    }
}
