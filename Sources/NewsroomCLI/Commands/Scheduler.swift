import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore
import NewsroomStore
import NewsroomCommandLine

extension Newsroom {
    struct SchedulerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scheduler",
            abstract: "Publish scheduled stories at their time, and take expiring ones off at theirs: exactly once, never missed.",
            discussion: """
                Run `scheduler run` as a service, or `scheduler run --once` from cron or a systemd timer. \
                Any number may run at once against one database.
                """,
            subcommands: [Run.self, Status.self]
        )

        struct Run: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "run", _superCommandName: "newsroom scheduler",
                abstract: "Publish each scheduled story at its time, until stopped (SIGINT/SIGTERM: finish the transaction in hand, exit 0).",
                discussion: """
                    It sleeps until the next due time and wakes early when a schedule is added, changed or removed \
                    (LISTEN/NOTIFY). It logs one line per publication to stdout. If the database goes away it says so \
                    on stderr and retries with backoff. With --once it publishes everything due now and exits.
                    """
            )
            @OptionGroup var global: GlobalOptions
            @Flag(help: "Publish everything due now, print how many, and exit.") var once = false
            @Option(help: "Stories per transaction.") var batchSize = 500
            @Option(help: ArgumentHelp("Longest sleep between checks, in seconds.", visibility: .hidden)) var maxSleep = 60.0
            @Flag(help: "With --once: say how many stories would go out now; change nothing.") var dryRun = false

            func validate() throws {
                if dryRun && !once { throw ValidationError("--dry-run goes with --once: a running scheduler publishes for real") }
                guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 10000") }
                guard maxSleep > 0 else { throw ValidationError("--max-sleep must be positive") }
            }

            func run() throws {
                try reportingFailures {
                    if once { return try publishDueNow() }
                    try SchedulerLoop(
                        batchSize: batchSize, maxSleep: maxSleep,
                        connect: { try CommandContext.open(global, checkSchema: true).session },
                        note: Terminal.note,
                        published: Self.log,
                        expired: Self.log
                    ).run()
                }
            }

            /// `--once`: everything due now, then exit (from cron or a systemd timer).
            private func publishDueNow() throws {
                let stop = StopSignal()  // SIGINT/SIGTERM: finish the batch in hand, then stop
                let store = try CommandContext.open(global, checkSchema: true).store(dryRun: dryRun)
                let count = try store.publishAllDue(batchSize: batchSize, stop: { stop.requested })
                let stories = "\(count.published) stor\(count.published == 1 ? "y" : "ies")"
                let expired = "\(count.expired) expired stor\(count.expired == 1 ? "y" : "ies")"
                if dryRun {
                    print("dry run: \(stories) would be published now" + (count.expired == 0 ? "" : ", \(expired) taken off") + "; nothing changed")
                } else {
                    print("published \(stories)" + (count.expired == 0 ? "" : "; took off \(expired)"))
                }
            }

            static func log(_ publication: Publication, time: NewsroomTime) {
                let line = "\(time.iso(publication.publishedAt))  published story \(publication.storyID), "
                    + "\(describe(seconds: publication.lateness)) late (scheduled for \(time.human(publication.scheduledFor)) by \(publication.scheduledBy)): "
                    + "\u{2068}\(publication.headline)\u{2069}\n"
                Terminal.write(line, to: STDOUT_FILENO)
            }

            static func log(_ expiry: Expiry, time: NewsroomTime) {
                let ended = expiry.endedTickerItems.isEmpty ? "" : "; ticker items \(expiry.endedTickerItems.map(\.description).joined(separator: ", ")) ended"
                let line = "\(time.iso(expiry.expiredAt))  expired story \(expiry.storyID) (set to expire at \(time.human(expiry.expireAt)) by \(expiry.setBy))\(ended): "
                    + "\u{2068}\(expiry.headline)\u{2069}\n"
                Terminal.write(line, to: STDOUT_FILENO)
            }
        }

        struct Status: NewsroomCommand {
            static let configuration = CommandConfiguration(commandName: "status", _superCommandName: "newsroom scheduler", abstract: "What is due, how late the oldest due story is, and the next publication.")
            @OptionGroup var global: GlobalOptions
            @Flag(help: "Print JSON.") var json = false

            func run(_ context: CommandContext) throws {
                let store = context.store()
                let status = try store.schedulerStatus()
                let presenter = Presenter(time: try store.time())
                if json { return Output.print(presenter.json.schedulerStatus(status)) }
                let lateness = status.oldestDue.map { max(0, status.now.timeIntervalSince($0)) }
                print("due now: \(status.dueCount)" + (lateness.map { ", the oldest \(describe(seconds: $0)) late" } ?? ""))
                print("next publication: \(status.nextPublication.map(presenter.time) ?? "none scheduled")")
                print("scheduled in all: \(status.scheduledCount)")
                print("expired, to take off now: \(status.expiringDueCount); next expiry: \(status.nextExpiry.map(presenter.time) ?? "none set")")
            }
        }
    }
}

/// "3.2s", "4m10s", "2h5m": how late a story went out.
func describe(seconds: Double) -> String {
    if seconds < 60 { return "\(Int(seconds))." + "\(Int(seconds * 10) % 10)s" }
    if seconds < 3600 { return "\(Int(seconds / 60))m\(Int(seconds) % 60)s" }
    return "\(Int(seconds / 3600))h\(Int(seconds) % 3600 / 60)m"
}
