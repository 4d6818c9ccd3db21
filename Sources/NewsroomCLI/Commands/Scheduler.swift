import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore
import NewsroomStore
import PostgresClient

extension Newsroom {
    struct SchedulerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scheduler",
            abstract: "Publish scheduled stories at their time: exactly once, never missed.",
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
                let runner = SchedulerRunner(global: global, batchSize: batchSize, maxSleep: maxSleep)
                if once {
                    do {
                        let context = try CommandContext.open(global, checkSchema: true)
                        let store = context.store()
                        // Each batch is a transaction of its own; a dry run puts them all in one
                        // outer transaction and rolls that back, so later batches still see the earlier ones.
                        let count = dryRun
                            ? try context.connection.transaction(rollback: true) { try runner.publishAllDue(store, log: false) }
                            : try runner.publishAllDue(store, log: false)
                        let stories = "\(count) stor\(count == 1 ? "y" : "ies")"
                        print(dryRun ? "dry run: \(stories) would be published now; nothing changed" : "published \(stories)")
                    } catch {
                        let failure = Failure(error)
                        Terminal.error(failure.message)
                        throw ExitCode(failure.exitCode)
                    }
                } else {
                    try runner.runUntilStopped()
                }
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
                let lateness = status.oldestDue.map { max(0, status.now.timeIntervalSince($0)) }
                if json {
                    return Output.print(.object([
                        ("now", presenter.iso(status.now)),
                        ("due", .number(Int64(status.dueCount))),
                        ("oldest_due_at", presenter.iso(status.oldestDue)),
                        ("oldest_due_late_seconds", lateness.map { .number(Int64($0.rounded(.down))) } ?? .null),
                        ("next_publication_at", presenter.iso(status.nextPublication)),
                        ("scheduled", .number(Int64(status.scheduledCount))),
                    ]))
                }
                print("due now: \(status.dueCount)" + (lateness.map { ", the oldest \(SchedulerRunner.describe(seconds: $0)) late" } ?? ""))
                print("next publication: \(status.nextPublication.map(presenter.time) ?? "none scheduled")")
                print("scheduled in all: \(status.scheduledCount)")
            }
        }
    }
}

/// The scheduler's loop: publish what is due in batches, then sleep until the next due
/// time or a NOTIFY, whichever comes first; survive the database going away.
final class SchedulerRunner {
    let global: GlobalOptions
    let batchSize: Int
    let maxSleep: Double
    let stop = StopSignal()
    private var warnedAboutZone = false

    init(global: GlobalOptions, batchSize: Int, maxSleep: Double) {
        self.global = global
        self.batchSize = batchSize
        self.maxSleep = maxSleep
    }

    /// Publishes batch after batch until nothing is due (or a stop is asked for).
    @discardableResult
    func publishAllDue(_ store: NewsroomStore, log: Bool) throws -> Int {
        var total = 0
        let time = log ? try logTime(store) : NewsroomTime(zone: .utc)
        while true {
            let batch = try store.publishDue(limit: batchSize)
            total += batch.count
            if log {
                for publication in batch { Self.log(publication, time: time) }
            }
            if batch.count < batchSize || stop.requested { return total }
        }
    }

    func runUntilStopped() throws {
        var backoff = 0.5
        while !stop.requested {
            do {
                let context = try CommandContext.open(global, checkSchema: true)
                try context.connection.executeScript("LISTEN \(NewsroomStore.scheduleChannel)")
                Terminal.note("scheduler: watching \(context.connection.target) for stories to publish")
                backoff = 0.5
                try loop(context.store(), connection: context.connection)
                return
            } catch let error as PostgresError {
                switch error {
                case .connectionFailed, .connectionLost:
                    Terminal.note("scheduler: the database is unreachable (\(Failure.firstLine(error.description))); retrying in \(backoff)s")
                case .server(let server) where [.adminShutdown, SQLState("57P02"), SQLState("57P03")].contains(server.sqlState):
                    Terminal.note("scheduler: the server is shutting down or starting (\(server.message)); retrying in \(backoff)s")
                default:
                    let failure = Failure(error)
                    Terminal.error(failure.message)
                    throw ExitCode(failure.exitCode)
                }
                if stop.wait(seconds: backoff) { return }
                backoff = min(backoff * 2, 30)
            } catch {
                let failure = Failure(error)
                Terminal.error(failure.message)
                throw ExitCode(failure.exitCode)
            }
        }
    }

    private func loop(_ store: NewsroomStore, connection: PostgresConnection) throws {
        // Due stories that someone else holds (an edit in progress, another scheduler's
        // batch) cannot be claimed: wait for them with backoff instead of asking again at once.
        var heldBackoff: Double? = nil
        while !stop.requested {
            try publishAllDue(store, log: true)
            _ = try connection.notifications()  // those that came while publishing are covered
            if stop.requested { return }
            let (next, now) = try store.nextScheduledPublication()
            var sleep = maxSleep
            if let next, next <= now {
                if heldBackoff == nil {
                    Terminal.note("scheduler: a due story is held by another session (being edited, or in another scheduler's batch); waiting for it")
                }
                let backoff = heldBackoff.map { min($0 * 2, Self.longestHeldBackoff) } ?? Self.firstHeldBackoff
                heldBackoff = backoff
                sleep = min(sleep, backoff)
            } else {
                heldBackoff = nil
                if let next { sleep = min(sleep, next.timeIntervalSince(now)) }
            }
            if stop.wait(seconds: sleep, orReadable: connection.socket) { return }
            _ = try connection.notifications()  // a schedule changed, or the time came: look again
        }
    }

    /// Waits while due stories are held: 50 ms, doubling to 5 s (a NOTIFY still wakes it at once).
    static let firstHeldBackoff = 0.05
    static let longestHeldBackoff = 5.0

    /// The zone the log shows times in. The scheduler works in instants, so a machine without
    /// the newsroom's zone keeps publishing on time; its log says so once and shows UTC.
    func logTime(_ store: NewsroomStore) throws -> NewsroomTime {
        do {
            return try store.time()
        } catch let error as NewsroomError where error.kind == .configuration {
            if !warnedAboutZone {
                Terminal.note("scheduler: warning: \(error.message). Publishing goes on (it works in instants); the log shows UTC.")
                warnedAboutZone = true
            }
            return NewsroomTime(zone: .utc)
        }
    }

    static func log(_ publication: Publication, time: NewsroomTime) {
        let line = "\(time.iso(publication.publishedAt))  published story \(publication.storyID), "
            + "\(describe(seconds: publication.lateness)) late (scheduled for \(time.human(publication.scheduledFor)) by \(publication.scheduledBy)): "
            + "\u{2068}\(publication.headline)\u{2069}\n"
        Terminal.write(line, to: STDOUT_FILENO)
    }

    static func describe(seconds: Double) -> String {
        if seconds < 60 { return "\(Int(seconds))." + "\(Int(seconds * 10) % 10)s" }
        if seconds < 3600 { return "\(Int(seconds / 60))m\(Int(seconds) % 60)s" }
        return "\(Int(seconds / 3600))h\(Int(seconds) % 3600 / 60)m"
    }
}
