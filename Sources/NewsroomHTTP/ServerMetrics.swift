import Prometheus
import Synchronization

/// What `/metrics` reports, in Prometheus's text format: requests by route and status, their
/// latency, how they were answered (memory, database, fallback), and the pool's use. A server
/// registers its own metrics beside these (`registry`, `name`).
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    public let latency: DurationHistogram
    public let poolInUse: Gauge
    private let requests = Mutex<[RequestKey: Counter]>([:])

    private struct RequestKey: Hashable {
        let route: String
        let status: Int
        let source: String
    }

    public init() {
        latency = registry.makeDurationHistogram(
            descriptor: Self.name("http", "request_duration", unit: "seconds", help: "Time from a request's head to its answer."),
            buckets: [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
                      .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                      .milliseconds(250), .milliseconds(500), .seconds(1)]
        )
        poolInUse = registry.makeGauge(descriptor: Self.name("db_pool", "in_use", help: "Database connections running a query now."))
    }

    /// `newsroom_SUBSYSTEM_NAME[_UNIT]`.
    public static func name(_ subsystem: String, _ metric: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "newsroom", subsystem: subsystem, metricName: metric, unitName: unit, helpText: help)
    }

    public func declarePoolSize(_ size: Int) {
        registry.makeGauge(descriptor: Self.name("db_pool", "size", help: "Database connections the server may open.")).set(Int64(size))
    }

    /// One request answered. `source`: memory, database, fallback or none.
    public func record(route: String, status: Int, source: String, duration: Duration) {
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

    public func text() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(8192)
        registry.emit(into: &buffer)
        return buffer
    }
}
