#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import NewsroomHTTP
import NewsroomCore
import NewsroomSite
import NewsroomStore
import ServiceLifecycle

/// `newsroom-server`: the reader site and its API, read-only, from the newsroom's database
/// (`serve`, the default), and the worker that tells caches in front what changed (`purge`).
/// `newsroom serve` and `newsroom purge` hand over to it; it can be run on its own too (as a
/// service, say).
@main
struct NewsroomServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsroom-server",
        abstract: "The reader site (serve, the default) and the cache purge worker (purge).",
        subcommands: [Serve.self, Purge.self],
        defaultSubcommand: Serve.self
    )
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves the published newsroom to readers: pages, the JSON API, /healthz and /metrics.",
        discussion: """
            The database is named by --database, else NEWSROOM_DATABASE_URL, else libpq's environment. \
            The server only reads the `reader` views: it can run as a login given only those \
            (SELECT newsroom_grant_reader('LOGIN'); see the README). An access-log line per request \
            goes to standard output, everything else to standard error. SIGTERM or Ctrl-C: in-flight \
            requests finish, then it exits 0.
            """
    )

    @Option(help: ArgumentHelp("Where to listen (port 0: any free port, printed at start).", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The site's public address for canonical links (default: the site.base_url setting).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("A libpq connection string or URI.", valueName: "conninfo"))
    var database: String?

    @Option(name: .customLong("pool-size"), help: "Database connections (each on a thread of its own).")
    var poolSize = 4

    @Option(name: .customLong("cache-megabytes"), help: "Memory for answers kept between changes.")
    var cacheMegabytes = 64

    @Option(name: .customLong("head-timeout"), help: "Seconds a client has to send its next request's head, after connecting or after the last answer (the idle timeout too).")
    var headTimeout = 10

    @Flag(name: .customLong("no-access-log"), help: "Do not write a line per request to standard output.")
    var noAccessLog = false

    func validate() throws {
        guard Listening.hostAndPort(listen) != nil else {
            throw ValidationError("--listen \"\(listen)\" is not HOST:PORT (such as 127.0.0.1:8080, or 0.0.0.0:80 for every address)")
        }
        if let baseURL, SiteRules.baseURL(baseURL) == nil {
            throw ValidationError("--base-url \"\(baseURL)\" is not a site address; use http:// or https://, a host, and an optional port and path")
        }
        guard (1...64).contains(poolSize) else { throw ValidationError("--pool-size must be from 1 to 64") }
        guard (1...300).contains(headTimeout) else { throw ValidationError("--head-timeout must be from 1 to 300 seconds") }
        guard (1...4096).contains(cacheMegabytes) else { throw ValidationError("--cache-megabytes must be from 1 to 4096") }
    }

    func run() async throws {
        var logger = Logger(label: "newsroom-server")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .notice
        let (host, port) = Listening.hostAndPort(listen)!
        let options = try Self.databaseOptions(database, connectTimeout: "3", lockTimeout: "2000ms")

        // Refuse a database this binary does not know; start without one that is down (the
        // server comes up serving 503s and recovers by itself when the database is back).
        var settings = SiteSettings(values: [:])
        do {
            let store = try ReaderStore.open(options)
            settings = try store.settings()
        } catch let error as MigrationError {
            Self.fail("the database does not match this server: \(NewsroomSession.explain(error).message) (with the newsroom binary of the same version)")
        } catch {
            let explained = NewsroomSession.explain(error)
            if explained.kind == .notAllowed {
                Self.fail("\(explained.message)\nGive the server's login the reader views: SELECT newsroom_grant_reader('LOGIN'); as the database's owner.")
            }
            logger.warning("starting without the database: \(explained.message)")
        }

        let metrics = SiteMetrics(ServerMetrics())
        metrics.server.declarePoolSize(poolSize)
        let cache = AnswerCache(byteBudget: cacheMegabytes * 1024 * 1024)
        let pool = StorePool(size: poolSize, maxWaiting: 512, metrics: metrics.server) { try ReaderStore.open(options) }
        let listening = ListeningAddress()
        let baseURLUnset = baseURL == nil && !settings.baseURLIsSet
        let site = Site(baseURLOverride: baseURL.flatMap(SiteRules.baseURL), listening: listening)
        let ticker = TickerStream()
        let watcher = ChangeWatcher(options: options, site: site, cache: cache, ticker: ticker, metrics: metrics, logger: logger)
        watcher.start()
        let accessLog = AccessLog(enabled: !noAccessLog)
        let responder = SiteResponder(
            site: site, pool: pool, cache: cache, ticker: ticker, metrics: metrics,
            log: accessLog, logger: logger, settings: settings
        )
        Self.raiseOpenFileLimit()
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(
                // The head timeout is the idle timeout too: it sees every request, also those
                // answered from memory before Hummingbird's own handlers.
                additionalChannelHandlers: [RequestHeadTimeout(limit: .seconds(Int64(headTimeout))), MemoryFastPath(responder: responder)],
                idleTimeout: nil,
                httpDecoderConfiguration: .init(maxHeaderFieldSize: 8 * 1024, maxHeaderListSize: 16 * 1024, maxHeaderFieldCount: 100)
            )),
            configuration: .init(address: .hostname(host, port: port), serverName: nil, backlog: 1024),
            onServerRunning: { channel in
                accessLog.start(on: channel.eventLoop)
                let bound = channel.localAddress?.port ?? port
                let address = "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)"
                listening.set(address)
                FileHandle.standardError.write(Data("newsroom-server: serving \(address)/\n".utf8))
                if baseURLUnset {
                    FileHandle.standardError.write(Data("newsroom-server: site.base_url is not set, so canonical links and feeds name \(address); set the address readers use: newsroom config site.base_url https://…\n".utf8))
                }
            },
            logger: logger
        )
        // Stopped in the reverse order: the ticker streams end first (they would otherwise hold
        // the server's graceful shutdown for ever), then the site finishes what is in flight.
        let services = ServiceGroup(configuration: .init(
            services: [.init(service: app), .init(service: TickerStreamEnd(stream: ticker))],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        do {
            try await services.run()
        } catch let error as IOError {
            guard let refusal = Listening.refusal(error, listen: listen) else { throw error }
            Self.fail(refusal)
        }
        watcher.stop()
        accessLog.flush()
        await pool.shutdown()
        FileHandle.standardError.write(Data("newsroom-server: stopped\n".utf8))
    }

    /// The database, as every front end finds it (NewsroomSession.Options); one libpq cannot
    /// read is a usage error for --database (64) and a configuration error for the
    /// environment (78), as in `newsroom`.
    static func databaseOptions(_ database: String?, connectTimeout: String, lockTimeout: String) throws -> NewsroomSession.Options {
        do {
            return try NewsroomSession.Options(database: database, environment: { ProcessInfo.processInfo.environment[$0] },
                                               connectTimeout: connectTimeout, lockTimeout: lockTimeout)
        } catch let unreadable {
            if unreadable.fromEnvironment {
                FileHandle.standardError.write(Data("newsroom-server: \(unreadable.message)\n".utf8))
                throw ExitCode(78)
            }
            throw ValidationError(unreadable.message)
        }
    }

    /// A stream client holds a connection for as long as it reads: let the process have as
    /// many descriptors as the system allows it (its hard limit), as nginx's
    /// `worker_rlimit_nofile` does.
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("newsroom-server: \(message)\n".utf8))
        Glibc.exit(1)
    }
}

/// Ends every ticker stream when the server is asked to stop, so that the site's graceful
/// shutdown (which waits for answers in flight) is not held by clients that never leave.
struct TickerStreamEnd: Service {
    let stream: TickerStream

    func run() async throws {
        try? await gracefulShutdown()
        stream.close()
    }
}
