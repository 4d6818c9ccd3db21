import NewsroomHTTP
import Prometheus

/// The reader server's own metrics, registered beside the ones every server has.
struct SiteMetrics: Sendable {
    let server: ServerMetrics
    /// Changes readers could see that made every kept answer stale.
    let cacheInvalidations: Counter
    /// 1 while the server follows the database's changes (listening, or watching a standby's
    /// replay); 0 while it cannot, when it serves what it kept.
    let following: Gauge
    /// Clients connected to the ticker stream now.
    let streamClients: Gauge

    init(_ server: ServerMetrics) {
        self.server = server
        following = server.registry.makeGauge(
            descriptor: ServerMetrics.name("changes", "following", help: "1 while the server follows the database's changes, 0 while it cannot.")
        )
        streamClients = server.registry.makeGauge(
            descriptor: ServerMetrics.name("ticker_stream", "clients", help: "Clients connected to /api/v1/ticker/stream.")
        )
        cacheInvalidations = server.registry.makeCounter(
            descriptor: ServerMetrics.name("cache", "invalidations", unit: "total", help: "Changes readers could see that made every kept answer stale.")
        )
    }
}
