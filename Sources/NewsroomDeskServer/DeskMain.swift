#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import NewsroomHTTP
import NewsroomStore
import ServiceLifecycle

/// `newsroom-desk`: the staff desk in a browser, each person signed in as their own
/// PostgreSQL login. `newsroom desk` hands over to it.
@main
struct NewsroomDeskServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsroom-desk",
        abstract: "The staff desk: stories, the workflow, notes and the ticker in a browser, each person signed in as their own login.",
        discussion: """
            The database is named by --database, else NEWSROOM_DATABASE_URL, else libpq's environment; only where \
            it is (host, port, database, TLS): each person signs in with their own login and password, which the \
            database checks (it must ask for passwords: scram-sha-256 in pg_hba.conf). Serve it to staff only: behind \
            a TLS reverse proxy that sets X-Forwarded-Proto, or on a private network. SIGTERM or Ctrl-C stops it.
            """
    )

    @Option(help: ArgumentHelp("Where to listen (port 0: any free port, printed at start).", valueName: "host:port"))
    var listen = "127.0.0.1:8090"

    @Option(help: ArgumentHelp("A libpq connection string or URI (where the database is; no user or password is needed).", valueName: "conninfo"))
    var database: String?

    @Option(name: .customLong("max-sessions"), help: "People signed in at once (each holds a database connection).")
    var maxSessions = 200

    @Option(name: .customLong("idle-timeout"), help: "Minutes without a request before a session ends.")
    var idleTimeout = 30

    @Option(name: .customLong("session-timeout"), help: "Hours after signing in when a session ends, however busy.")
    var sessionTimeout = 12

    @Option(name: .customLong("max-form-kilobytes"), help: "The largest form accepted (a body is at most 2 MB).")
    var maxFormKilobytes = 4096

    @Option(help: "Threads for database calls (libpq blocks; each request of a person runs on one).")
    var threads = 16

    @Flag(name: .customLong("no-access-log"), help: "Do not write a line per request to standard output.")
    var noAccessLog = false

    func validate() throws {
        guard Listening.hostAndPort(listen) != nil else { throw ValidationError("--listen \"\(listen)\" is not HOST:PORT (such as 127.0.0.1:8090)") }
        guard (1...10_000).contains(maxSessions) else { throw ValidationError("--max-sessions must be from 1 to 10000") }
        guard (1...24 * 60).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be from 1 to 1440 minutes") }
        guard (1...168).contains(sessionTimeout) else { throw ValidationError("--session-timeout must be from 1 to 168 hours") }
        guard (16...65_536).contains(maxFormKilobytes) else { throw ValidationError("--max-form-kilobytes must be from 16 to 65536") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be from 1 to 256") }
    }

    func run() async throws {
        var logger = Logger(label: "newsroom-desk")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .notice
        let (host, port) = Listening.hostAndPort(listen)!
        let options: NewsroomSession.Options
        do {
            options = try NewsroomSession.Options(database: database, environment: { ProcessInfo.processInfo.environment[$0] },
                                                  connectTimeout: "5", lockTimeout: "5000ms")
        } catch let unreadable {
            if unreadable.fromEnvironment { Self.fail(unreadable.message, code: 78) }
            throw ValidationError(unreadable.message)
        }
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        let sessions = SessionTable(limit: maxSessions, idleTimeout: TimeInterval(idleTimeout * 60), absoluteTimeout: TimeInterval(sessionTimeout * 3600))
        let accessLog = AccessLog(enabled: !noAccessLog)
        let responder = DeskResponder(options: options, sessions: sessions, throttle: SignInGuard(), threads: pool,
                                      bodyLimit: maxFormKilobytes * 1024, logger: logger, accessLog: accessLog)
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [RequestHeadTimeout(limit: .seconds(30))],
                idleTimeout: nil,
                httpDecoderConfiguration: .init(maxHeaderFieldSize: 8 * 1024, maxHeaderListSize: 16 * 1024, maxHeaderFieldCount: 100)
            )),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                accessLog.start(on: channel.eventLoop)
                let bound = channel.localAddress?.port ?? port
                FileHandle.standardError.write(Data("newsroom-desk: serving http://\(host.contains(":") ? "[\(host)]" : host):\(bound)/\n".utf8))
            },
            logger: logger
        )
        let services = ServiceGroup(configuration: .init(
            services: [.init(service: app), .init(service: SessionSweeper(sessions: sessions))],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        do {
            try await services.run()
        } catch let error as IOError {
            guard let refusal = Listening.refusal(error, listen: listen) else { throw error }
            Self.fail(refusal, code: 1)
        }
        accessLog.flush()
        try await pool.shutdownGracefully()
        FileHandle.standardError.write(Data("newsroom-desk: stopped\n".utf8))
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("newsroom-desk: \(message)\n".utf8))
        Glibc.exit(code)
    }
}

/// Ends sessions past their time every minute, closing their connections.
struct SessionSweeper: Service {
    let sessions: SessionTable

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                _ = sessions.sweep(now: Date())
            }
        }
    }
}
