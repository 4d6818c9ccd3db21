import Prometheus
import Synchronization

/// What `/metrics` reports, in Prometheus's text format: requests by route and status, their
/// latency, how they were answered (memory, database, fallback), and the pool's use.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let latency: DurationHistogram
    let poolInUse: Gauge
    let cacheInvalidations: Counter
    private let requests = Mutex<[String: Counter]>([:])

    init() {
        latency = registry.makeDurationHistogram(
            name: "newsroom_http_request_duration_seconds",
            buckets: [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
                      .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                      .milliseconds(250), .milliseconds(500), .seconds(1)],
            help: "Time from a request's head to its answer."
        )
        poolInUse = registry.makeGauge(name: "newsroom_db_pool_in_use", help: "Database connections running a query now.")
        cacheInvalidations = registry.makeCounter(name: "newsroom_cache_invalidations_total", help: "Changes readers could see that made every kept answer stale.")
    }

    func declarePoolSize(_ size: Int) {
        registry.makeGauge(name: "newsroom_db_pool_size", help: "Database connections the server may open.").set(Int64(size))
    }

    /// One request answered. `source`: memory, database, fallback or none.
    func record(route: String, status: Int, source: String, duration: Duration) {
        latency.record(duration)
        let key = "\(route)|\(status)|\(source)"
        let counter = requests.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = registry.makeCounter(
                name: "newsroom_http_requests_total",
                labels: [("route", route), ("status", String(status)), ("source", source)],
                help: "Requests answered, by route, status and where the answer came from."
            )
            counters[key] = counter
            return counter
        }
        counter.increment()
    }

    func text() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(8192)
        registry.emit(into: &buffer)
        return buffer
    }
}
