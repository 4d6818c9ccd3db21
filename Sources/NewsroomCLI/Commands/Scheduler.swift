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

            func validate() throws {
                guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 10000") }
                guard maxSleep > 0 else { throw ValidationError("--max-sleep must be positive") }
            }

            func run() throws {
                let runner = SchedulerRunner(global: global, batchSize: batchSize, maxSleep: maxSleep)
                if once {
                    do {
                        let context = try CommandContext.open(global, checkSchema: true)
                        let count = try runner.publishAllDue(context.store(), log: false)
                        print("published \(count) stor\(count == 1 ? "y" : "ies")")
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

    init(global: GlobalOptions, batchSize: Int, maxSleep: Double) {
        self.global = global
        self.batchSize = batchSize
        self.maxSleep = maxSleep
    }

    /// Publishes batch after batch until nothing is due (or a stop is asked for).
    @discardableResult
    func publishAllDue(_ store: NewsroomStore, log: Bool) throws -> Int {
        var total = 0
        let time = try store.time()
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
        while !stop.requested {
            try publishAllDue(store, log: true)
            _ = try connection.notifications()  // those that came while publishing are covered
            if stop.requested { return }
            let (next, now) = try store.nextScheduledPublication()
            var sleep = maxSleep
            if let next { sleep = min(sleep, max(0, next.timeIntervalSince(now))) }
            if stop.wait(seconds: sleep, orReadable: connection.socket) { return }
            _ = try connection.notifications()  // a schedule changed, or the time came: look again
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
