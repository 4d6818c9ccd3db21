import Prometheus
import Synchronization

/// What `/metrics` reports, in Prometheus's text format: requests by route and status, their
/// latency, how they were answered (memory, database, fallback), and the pool's use.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let latency: DurationHistogram
    let poolInUse: Gauge
    let cacheInvalidations: Counter
    /// 1 while the server follows the database's changes (listening, or watching a standby's
    /// replay); 0 while it cannot, when it serves what it kept.
    let following: Gauge
    /// Clients connected to the ticker stream now.
    let streamClients: Gauge
    private let requests = Mutex<[RequestKey: Counter]>([:])

    private struct RequestKey: Hashable {
        let route: String
        let status: Int
        let source: String
    }

    init() {
        latency = registry.makeDurationHistogram(
            descriptor: Self.name("http", "request_duration", unit: "seconds", help: "Time from a request's head to its answer."),
            buckets: [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
                      .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                      .milliseconds(250), .milliseconds(500), .seconds(1)]
        )
        poolInUse = registry.makeGauge(descriptor: Self.name("db_pool", "in_use", help: "Database connections running a query now."))
        following = registry.makeGauge(descriptor: Self.name("changes", "following", help: "1 while the server follows the database's changes, 0 while it cannot."))
        streamClients = registry.makeGauge(descriptor: Self.name("ticker_stream", "clients", help: "Clients connected to /api/v1/ticker/stream."))
        cacheInvalidations = registry.makeCounter(
            descriptor: Self.name("cache", "invalidations", unit: "total", help: "Changes readers could see that made every kept answer stale.")
        )
    }

    /// `newsroom_SUBSYSTEM_NAME[_UNIT]`.
    private static func name(_ subsystem: String, _ metric: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "newsroom", subsystem: subsystem, metricName: metric, unitName: unit, helpText: help)
    }

    func declarePoolSize(_ size: Int) {
        registry.makeGauge(descriptor: Self.name("db_pool", "size", help: "Database connections the server may open.")).set(Int64(size))
    }

    /// One request answered. `source`: memory, database, fallback or none.
    func record(route: String, status: Int, source: String, duration: Duration) {
        latency.record(duration)
        let key = RequestKey(route: route, status: status, source: source)
        let counter = requests.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = registry.makeCounter(
                descriptor: Self.name("http", "requests", unit: "total", help: "Requests answered, by route, status and where the answer came from."),
                labels: [("route", route), ("status", String(status)), ("source", source)]
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
