import Foundation
import Logging
import NewsroomSite
import NewsroomStore
import Synchronization

/// Keeps the answer cache honest: a connection of its own LISTENs for the database's change
/// notifications (sent at the commit of every change readers could see) and starts a new
/// cache generation for each; it also knows when the ticker strip next changes by the clock
/// and starts one then. A blocking loop on a thread of its own (libpq), waking at least every
/// 200 ms. When its connection breaks, everything is stale once it is back (a change may have
/// been missed meanwhile), and until then the cache serves what it has.
///
/// On a hot standby, which cannot LISTEN, it reads what the standby can tell instead: the
/// newest entry of the database's record of changes (Migrations/0013), every 100 ms; a newer
/// one starts a new generation. A standby that is promoted is listened to as a primary from
/// then on.
///
/// After every new generation it reads the strip once for the ticker stream's clients.
final class ChangeWatcher: Sendable {
    private let options: NewsroomSession.Options
    private let site: Site
    private let cache: AnswerCache
    private let ticker: TickerStream
    private let metrics: SiteMetrics
    private let logger: Logger
    private let stopped = Atomic<Bool>(false)

    init(options: NewsroomSession.Options, site: Site, cache: AnswerCache, ticker: TickerStream, metrics: SiteMetrics, logger: Logger) {
        self.options = options
        self.site = site
        self.cache = cache
        self.ticker = ticker
        self.metrics = metrics
        self.logger = logger
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "newsroom-changes"
        thread.start()
    }

    func stop() { stopped.store(true, ordering: .relaxed) }

    private func run() {
        var store: ReaderStore?
        var reportedDown = false
        var onStandby = false
        var latest: Int64 = 0  // the newest change seen
        while !stopped.load(ordering: .relaxed) {
            if store == nil {
                do {
                    let fresh = try ReaderStore.open(options)
                    let (standby, newest) = try fresh.changeState()
                    onStandby = standby
                    latest = newest
                    if !standby { try fresh.listenForChanges() }
                    store = fresh
                    refresh(fresh)  // whatever happened while not listening
                    // Only now: an answer kept from here on stays until the next change.
                    metrics.following.set(Int64(1))
                    if reportedDown { logger.notice("following the database's changes again") }
                    reportedDown = false
                } catch {
                    if !reportedDown { logger.warning("cannot follow the database's changes: \(NewsroomSession.explain(error).message); retrying every second") }
                    reportedDown = true
                    metrics.following.set(Int64(0))
                    Thread.sleep(forTimeInterval: 1)
                    continue
                }
            }
            guard let watching = store else { continue }
            do {
                ticker.heartbeatIfDue()
                let changed: Bool
                if onStandby {
                    Thread.sleep(forTimeInterval: 0.1)
                    let (standby, newest) = try watching.changeState()
                    if !standby {
                        logger.notice("the standby was promoted: listening for changes as on a primary")
                        store = nil  // connect again, and LISTEN
                        continue
                    }
                    changed = newest != latest
                    latest = newest
                } else {
                    var descriptor = pollfd(fd: watching.socket, events: Int16(POLLIN), revents: 0)
                    _ = poll(&descriptor, 1, 200)
                    changed = try watching.takeChanges() > 0
                }
                if changed || cache.hasExpired(now: Date()) {
                    refresh(watching)
                } else if cache.scheduleUnknown {
                    // A request found the cache expired first (the strip changed by the clock).
                    schedule(watching, generation: cache.generation)
                    publishStrip(watching)
                }
            } catch {
                logger.warning("lost the connection that follows the database's changes: \(NewsroomSession.explain(error).message)")
                store = nil
                metrics.following.set(Int64(0))
                reportedDown = true
            }
        }
    }

    /// A new generation, then when the strip next changes by the clock, and the strip for
    /// the ticker stream.
    private func refresh(_ store: ReaderStore) {
        cache.invalidate(validUntil: nil)
        metrics.cacheInvalidations.increment()
        schedule(store, generation: cache.generation)
        publishStrip(store)
    }

    private func publishStrip(_ store: ReaderStore) {
        do {
            let (position, event) = try site.tickerEvent(from: store)
            ticker.publish(position: position, frame: event)
        } catch {
            logger.warning("cannot read the strip for the ticker stream: \(NewsroomSession.explain(error).message)")
        }
    }

    private func schedule(_ store: ReaderStore, generation: UInt64) {
        guard let (next, now) = try? store.tickerNextChange() else { return }
        // The database's clock decides, carried over to ours as an interval, and a tenth of a
        // second late: a page made just before the line starts or ends would be kept otherwise.
        cache.setValidUntil(next.map { Date().addingTimeInterval($0.timeIntervalSince(now) + 0.1) }, ifGeneration: generation)
    }
}
