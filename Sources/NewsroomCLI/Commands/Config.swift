import ArgumentParser
import NewsroomCore
import NewsroomStore

extension Newsroom {
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read and change newsroom settings (kept in the database).",
            subcommands: [Get.self]
        )

        struct Get: NewsroomCommand {
            static let configuration = CommandConfiguration(abstract: "Print a setting's value.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The setting: timezone.") var key: String

            func run(_ context: CommandContext) throws {
                let row = try context.connection.query("SELECT value FROM settings WHERE key = $1", [key])
                guard let value = try row.first?.decode("value", as: String.self) else {
                    throw NewsroomError.notFound("setting", key, hint: "settings are: timezone")
                }
                print(value)
            }
        }
    }
}
