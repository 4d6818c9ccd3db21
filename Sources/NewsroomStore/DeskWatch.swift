#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// `newsroom watch` as a loop: LISTEN on the desk's channel, tell what is new in the record,
/// sleep until the next notification. When the database goes away it connects again (with
/// backoff, as the scheduler does) and reads on from where it was: what happened meanwhile is
/// in the record, and is told then. Stops cleanly on SIGINT/SIGTERM.
public final class DeskWatch {
    let connect: () throws -> NewsroomSession
    let section: SectionSlug?
    let note: (String) -> Void
    let event: (DeskEvent, NewsroomTime) -> Void
    let stop = StopSignal()
    /// A look at the record even without a notification (one lost in a reconnection, a
    /// commit that came after its neighbour's notification).
    static let heartbeat = 5.0

    public init(section: SectionSlug?, connect: @escaping () throws -> NewsroomSession,
                note: @escaping (String) -> Void, event: @escaping (DeskEvent, NewsroomTime) -> Void) {
        self.section = section
        self.connect = connect
        self.note = note
        self.event = event
    }

    /// Runs until a stop is asked for. Errors other than the database going away end it.
    public func run() throws {
        var backoff = 0.5
        var cursor: DeskCursor?
        var away: Date?
        while !stop.requested {
            do {
                let session = try connect()
                try session.connection.executeScript("LISTEN \(NewsroomStore.deskChannel)")
                let store = NewsroomStore(session: session)
                let time = (try? store.time()) ?? NewsroomTime(zone: .utc)
                if cursor == nil { cursor = try store.deskCursor() }
                if let since = away {
                    note("watch: connected again to \(session.target); what happened since \(time.human(since)) follows from the record")
                } else {
                    note("watch: watching \(session.target)\(section.map { " (section \($0))" } ?? "")")
                }
                away = nil
                backoff = 0.5
                while !stop.requested {
                    _ = try session.connection.notifications()
                    let (events, next) = try store.deskEvents(after: cursor!, section: section)
                    cursor = next
                    for happened in events { event(happened, time) }
                    if stop.wait(seconds: Self.heartbeat, orReadable: session.connection.socket) { return }
                }
                return
            } catch where NewsroomSession.isTransient(error) {
                if away == nil { away = Date() }
                note("watch: the database is unreachable (\(NewsroomSession.firstLine("\(error)"))); retrying in \(backoff)s")
                if stop.wait(seconds: backoff) { return }
                backoff = min(backoff * 2, 30)
            }
        }
    }
}
