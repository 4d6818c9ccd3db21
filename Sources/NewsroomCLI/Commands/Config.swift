import ArgumentParser
import NewsroomCore
import NewsroomStore
import NewsroomCommandLine

extension Newsroom {
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Read and change newsroom settings (kept in the database).",
            discussion: "Settings: timezone (an IANA name such as Asia/Baghdad; default UTC); ticker.duration (how long a ticker line shows by default, e.g. 2h; default 1h).",
            subcommands: [Get.self, Set.self]
        )

        struct Get: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "get", _superCommandName: "newsroom config", abstract: "Print a setting's value.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The setting, e.g. timezone.") var key: String

            func run(_ context: CommandContext) throws {
                print(try context.store().setting(try NewsroomSetting.parse(key)))
            }
        }

        struct Set: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "set", _superCommandName: "newsroom config", abstract: "Change a setting (admins and chiefs, or the database owner).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The setting, e.g. timezone.") var key: String
            @Argument(help: "Its new value, e.g. Asia/Baghdad.") var value: String
            @Flag(help: "Check everything; change nothing.") var dryRun = false

            func run(_ context: CommandContext) throws {
                let setting = try NewsroomSetting.parse(key)
                let store = context.store(dryRun: dryRun)
                try store.setSetting(setting, to: value, by: try context.actor(store))
                let now = try store.setting(setting)
                print(dryRun ? "dry run: \(setting.rawValue) could be set; nothing changed" : "\(setting.rawValue) = \(now)")
            }
        }
    }
}
