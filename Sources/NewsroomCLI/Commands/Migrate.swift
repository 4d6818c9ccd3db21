import ArgumentParser
import NewsroomStore
import NewsroomCommandLine

extension Newsroom {
    struct Migrate: NewsroomCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate", _superCommandName: "newsroom",
            abstract: "Apply pending database migrations (safe to run twice, or twice at once).",
            discussion: "The migrations are built into this binary; each applies in its own transaction."
        )
        static var requiresCurrentSchema: Bool { false }

        @OptionGroup var global: GlobalOptions

        @Flag(name: .long, help: "List applied and pending migrations; change nothing.")
        var status = false

        @Flag(name: .long, help: "Apply the pending migrations and roll them back: check that they apply; change nothing.")
        var dryRun = false

        func run(_ context: CommandContext) throws {
            if status {
                let status = try context.session.migrationStatus()
                for applied in status.applied {
                    print("applied  \(applied.name)  \(applied.appliedAtText)")
                }
                for pending in status.pending {
                    print("pending  \(pending.name)")
                }
                if status.pending.isEmpty { print("up to date (\(status.applied.count) applied)") }
                return
            }
            let applied = try context.session.migrate(dryRun: dryRun)
            for warning in context.session.warnings { Terminal.note(warning) }
            if applied.isEmpty {
                print("up to date: nothing to apply (\(Migrator().migrations.count) applied)")
            } else if dryRun {
                for name in applied { print("would apply \(name)") }
                print("dry run: \(applied.count) migration(s) apply cleanly; nothing changed")
            } else {
                for name in applied { print("applied \(name)") }
            }
        }
    }
}
