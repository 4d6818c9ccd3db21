import NIOPosix
import NewsroomStore
import Synchronization

/// A store used by one thread at a time: libpq connections are not shared.
final class PooledStore<Store>: @unchecked Sendable {
    let store: Store
    init(_ store: Store) { self.store = store }
}

/// Why the pool could not run a query.
public enum PoolRefusal: Error, CustomStringConvertible {
    /// The database cannot be reached (or could not a moment ago: no new attempt for a second).
    case unavailable(String)
    /// More requests wait for a connection than the server lets wait.
    case busy

    public var description: String {
        switch self {
        case .unavailable(let reason): "the database cannot be reached: \(reason)"
        case .busy: "too many requests are waiting for the database"
        }
    }
}

/// A bounded pool of database connections, each used on a thread of its own, never on the
/// event loops (libpq blocks). As many threads as connections, so a query never waits for a
/// connection once it has a thread; requests beyond `maxWaiting` are turned away at once.
/// `Store` is what each connection is opened as (the reader site's `ReaderStore`).
public final class StorePool<Store>: Sendable {
    public let size: Int
    public let maxWaiting: Int
    private let open: @Sendable () throws -> Store
    private let threads: NIOThreadPool
    private let state = Mutex(State())
    private let metrics: ServerMetrics

    private struct State {
        var idle: [PooledStore<Store>] = []
        var waiting = 0
        var busy = 0
        /// The last failure to connect: for a second after it, requests fail at once instead
        /// of each waiting for a connection attempt of its own.
        var lastFailure: ContinuousClock.Instant?
        var lastReason = ""
    }

    /// - Parameter open: opens one connection's store (on a pool thread; it may block).
    public init(size: Int, maxWaiting: Int, metrics: ServerMetrics, open: @escaping @Sendable () throws -> Store) {
        self.open = open
        self.size = size
        self.maxWaiting = maxWaiting
        self.metrics = metrics
        self.threads = NIOThreadPool(numberOfThreads: size)
        threads.start()
    }

    /// Runs `body` with a connection, on a pool thread. A connection that broke is dropped
    /// (the next query connects again); any other error leaves it in the pool.
    public func run<T: Sendable>(_ body: @escaping @Sendable (Store) throws -> T) async throws -> T {
        let admitted = state.withLock { state -> Bool in
            guard state.waiting < maxWaiting else { return false }
            state.waiting += 1
            return true
        }
        guard admitted else { throw PoolRefusal.busy }
        return try await threads.runIfActive { [self] in
            let pooled = try checkout()
            do {
                let result = try body(pooled.store)
                checkin(pooled)
                return result
            } catch {
                guard NewsroomSession.isTransient(error) else {
                    checkin(pooled)
                    throw error
                }
                drop()
                throw PoolRefusal.unavailable(NewsroomSession.explain(error).message)
            }
        }
    }

    private func checkout() throws -> PooledStore<Store> {
        let (idle, recentFailure) = state.withLock { state -> (PooledStore<Store>?, String?) in
            state.waiting -= 1
            state.busy += 1
            if let store = state.idle.popLast() { return (store, nil) }
            if let last = state.lastFailure, ContinuousClock.now - last < .seconds(1) { return (nil, state.lastReason) }
            return (nil, nil)
        }
        showBusy()
        if let idle { return idle }
        if let recentFailure {
            release()
            throw PoolRefusal.unavailable(recentFailure)
        }
        do {
            let store = PooledStore(try open())
            state.withLock { $0.lastFailure = nil }
            return store
        } catch {
            let reason = NewsroomSession.explain(error).message
            state.withLock { state in
                state.lastFailure = .now
                state.lastReason = reason
            }
            release()
            throw PoolRefusal.unavailable(reason)
        }
    }

    private func checkin(_ pooled: PooledStore<Store>) {
        state.withLock { state in
            state.idle.append(pooled)
            state.busy -= 1
        }
        showBusy()
    }

    /// A connection broke: the database may be gone; the next query tries again.
    private func drop() {
        release()
        // Its siblings likely broke too: let them go rather than fail one request each.
        state.withLock { $0.idle.removeAll() }
    }

    private func release() {
        state.withLock { $0.busy -= 1 }
        showBusy()
    }

    private func showBusy() {
        metrics.poolInUse.set(Int64(state.withLock { $0.busy }))
    }

    public func shutdown() async {
        try? await threads.shutdownGracefully()
    }
}
