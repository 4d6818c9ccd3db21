#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// The scheduler as a service: publish (and take off) what is due in batches, then sleep until the next
/// due time or a NOTIFY, whichever comes first; survive the database going away (reconnect
/// with backoff); stop cleanly on SIGINT/SIGTERM between transactions. What it has to say
/// goes to `note` (for stderr) and `published` (one call per story, for stdout).
public final class SchedulerLoop {
    let connect: () throws -> NewsroomSession
    let batchSize: Int
    let maxSleep: Double
    let note: (String) -> Void
    let published: (Publication, NewsroomTime) -> Void
    let expired: (Expiry, NewsroomTime) -> Void
    let stop = StopSignal()
    private var warnedAboutZone = false

    /// Waits while due stories are held: 50 ms, doubling to 5 s (a NOTIFY still wakes it at once).
    static let firstHeldBackoff = 0.05
    static let longestHeldBackoff = 5.0

    public init(
        batchSize: Int, maxSleep: Double, connect: @escaping () throws -> NewsroomSession,
        note: @escaping (String) -> Void, published: @escaping (Publication, NewsroomTime) -> Void,
        expired: @escaping (Expiry, NewsroomTime) -> Void = { _, _ in }
    ) {
        self.expired = expired
        self.connect = connect
        self.batchSize = batchSize
        self.maxSleep = maxSleep
        self.note = note
        self.published = published
    }

    /// Runs until a stop is asked for. Errors other than the database going away end it.
    public func run() throws {
        var backoff = 0.5
        while !stop.requested {
            do {
                let session = try connect()
                try session.connection.executeScript("LISTEN \(NewsroomStore.scheduleChannel)")
                note("scheduler: watching \(session.target) for stories to publish")
                backoff = 0.5
                try loop(NewsroomStore(session: session), connection: session.connection)
                return
            } catch where NewsroomSession.isTransient(error) {
                let reason = NewsroomSession.firstLine("\(error)")
                if case PostgresError.server(let server) = error {
                    note("scheduler: the server is shutting down or starting (\(server.message)); retrying in \(backoff)s")
                } else {
                    note("scheduler: the database is unreachable (\(reason)); retrying in \(backoff)s")
                }
                if stop.wait(seconds: backoff) { return }
                backoff = min(backoff * 2, 30)
            }
        }
    }

    private func loop(_ store: NewsroomStore, connection: PostgresConnection) throws {
        // Due stories that someone else holds (an edit in progress, another scheduler's
        // batch) cannot be claimed: wait for them with backoff instead of asking again at once.
        var heldBackoff: Double? = nil
        while !stop.requested {
            let time = try logTime(store)
            try store.publishAllDue(
                batchSize: batchSize, stop: { stop.requested },
                each: { batch in for publication in batch { published(publication, time) } },
                eachExpired: { batch in for expiry in batch { expired(expiry, time) } }
            )
            _ = try connection.notifications()  // those that came while publishing are covered
            if stop.requested { return }
            let (next, now) = try store.nextScheduledChange()
            var sleep = maxSleep
            if let next, next <= now {
                if heldBackoff == nil {
                    note("scheduler: a due story is held by another session (being edited, or in another scheduler's batch); waiting for it")
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

    /// The zone the log shows times in. The scheduler works in instants, so a machine without
    /// the newsroom's zone keeps publishing on time; its log says so once and shows UTC.
    private func logTime(_ store: NewsroomStore) throws -> NewsroomTime {
        do {
            return try store.time()
        } catch let error as NewsroomError where error.kind == .configuration {
            if !warnedAboutZone {
                note("scheduler: warning: \(error.message). Publishing goes on (it works in instants); the log shows UTC.")
                warnedAboutZone = true
            }
            return NewsroomTime(zone: .utc)
        }
    }
}
