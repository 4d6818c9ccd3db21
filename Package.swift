// swift-tools-version: 6.1
// Newsroom: an editorial workflow tool on PostgreSQL.
//
// Layers, each knowing only the one below it:
//   CLibPQ (libpq's C API) → PostgresClient (connections, statements, rows; no news)
//   NewsroomCore (stories, roles, rules; no SQL, no terminal)
//   NewsroomStore (the newsroom in SQL, migrations; the only one that talks to PostgresClient)
//   NewsroomViews (JSON shapes and read models for every front end)
//   NewsroomSite (the reader site's pages and API: routes, HTML, JSON; no HTTP server)
//   → NewsroomCLI (the `newsroom` command: parses, calls the store, draws the views)
//   NewsroomHTTP (what the web servers share: store pool, metrics, access log; no pages)
//   → NewsroomServer (`newsroom-server`: Hummingbird over NewsroomSite; a separate
//     executable so the CLI never links SwiftNIO and starts as fast as before)
// docs/architecture.md says what each may import and where new code goes.
import PackageDescription

let package = Package(
    name: "Newsroom",
    products: [
        .executable(name: "newsroom", targets: ["NewsroomCLI"]),
        .executable(name: "newsroom-server", targets: ["NewsroomServer"]),
        .executable(name: "newsroom-media", targets: ["NewsroomMediaCLI"]),
        .executable(name: "newsroom-desk", targets: ["NewsroomDeskServer"]),
        .executable(name: "newsroom-wire", targets: ["NewsroomWireCLI"]),
    ],
    dependencies: [
        // Pinned to a minor version: start-up relies on its underscored `_superCommandName`
        // (see Newsroom.directCommand), which a minor release may change.
        .package(url: "https://github.com/apple/swift-argument-parser", .upToNextMinor(from: "1.8.2")),
        // The reader site's server only. No optional traits: they would build swift-configuration.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Hummingbird's own: the server's services (the site, the ticker stream's end) stop together.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        // The desk's photo upload: multipart/form-data, read by Vapor's parser (Hummingbird's docs use it too).
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // libcurl, for the purge worker's requests to the caches in front (https, proxies and
        // keep-alive as curl does them); only newsroom-server links it.
        .systemLibrary(
            name: "CLibCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // cmark, CommonMark's reference parser, for story bodies (the core wraps it once: ArticleBody).
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libvips, for photos' renditions (the field's standard: fast, low-memory resizing);
        // libxml2 for their XMP, libiptcdata for their IPTC IIM. Only newsroom-media and the
        // servers link them: the CLI's start-up stays free of libvips's hundred libraries.
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CIptc", pkgConfig: "libiptcdata", providers: [.apt(["libiptcdata0-dev"])]),
        // Images, knowing nothing of news: what a file is, its metadata, renditions without it.
        .target(name: "Imaging", dependencies: ["CVips", "CLibXML2", "CIptc"]),
        // Calendar arithmetic shared by the client and the core, without Foundation.
        .target(name: "CivilTime"),
        .target(name: "PostgresClient", dependencies: ["CLibPQ", "CivilTime"]),
        .target(name: "NewsroomCore", dependencies: ["CivilTime", "CCmark"]),
        // Aligned tables and cards for terminals, right-to-left text included.
        .target(name: "TerminalText"),
        .target(
            name: "NewsroomStore",
            dependencies: ["PostgresClient", "NewsroomCore"],
            plugins: ["EmbedMigrations"]
        ),
        // What every front end shows: the JSON shapes and the read models behind listings
        // and cards (the CLI draws them for terminals; the web server will serve them).
        .target(name: "NewsroomViews", dependencies: ["NewsroomCore", "NewsroomStore"]),
        // What every command-line binary shares: the global options, the context (session, who
        // acts), failures as exit codes, the terminal's streams, argument parsers.
        .target(
            name: "NewsroomCommandLine",
            dependencies: ["NewsroomCore", "NewsroomStore", "NewsroomViews", "TerminalText", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Photos coming in: the core's rules and rendition plan carried out with Imaging, for the
        // store to keep (newsroom-media and, later, the desk use it; the CLI does not link it).
        .target(name: "NewsroomPhotos", dependencies: ["Imaging", "NewsroomCore", "NewsroomStore"]),
        // Agency copy coming in: NewsML-G2 and ninjs read with libxml2 and Foundation's JSON into
        // the core's WireDocument; no news rules of its own, no database, no network.
        .target(name: "NewsroomWires", dependencies: ["CLibXML2", "NewsroomCore"]),
        // `newsroom wire …`, which the CLI hands over to: sources, the worker (files and HTTP by
        // libcurl), the queue, a take.
        .executableTarget(
            name: "NewsroomWireCLI",
            dependencies: [
                "NewsroomCommandLine", "NewsroomWires", "NewsroomStore", "NewsroomCore", "NewsroomViews", "CLibCurl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `newsroom media …`, which the CLI hands over to as `serve` hands over to newsroom-server.
        .executableTarget(
            name: "NewsroomMediaCLI",
            dependencies: [
                "NewsroomCommandLine", "NewsroomPhotos", "NewsroomStore", "NewsroomCore", "NewsroomViews", "TerminalText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "NewsroomCLI",
            dependencies: [
                "NewsroomCommandLine",
                "NewsroomStore",
                "NewsroomCore",
                "NewsroomViews",
                "NewsroomSite",
                "TerminalText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The reader site: which page a path asks for, and its bytes (HTML, JSON), from the
        // store's published views. Knows no HTTP server; the tests drive it directly too.
        .target(name: "NewsroomSite", dependencies: ["NewsroomCore", "NewsroomStore", "NewsroomViews", "CivilTime"]),
        // What every web server of the newsroom shares (the reader site's today, the staff
        // desk's next): the pool of store sessions, metrics, the access log, HTTP dates,
        // content coding and the slow-client guard. Knows no pages: never imports NewsroomSite.
        .target(
            name: "NewsroomHTTP",
            dependencies: [
                "NewsroomStore",
                "NewsroomCore",
                "CivilTime",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "NewsroomServer",
            dependencies: [
                "NewsroomHTTP",
                "NewsroomSite",
                "NewsroomStore",
                "NewsroomCore",
                "CivilTime",
                "CLibCurl",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        // The staff desk's pages and forms: what a browser sees and posts, drawn from the views,
        // decided by the core, written through the person's own store session; no HTTP server.
        .target(name: "NewsroomDesk", dependencies: ["NewsroomCore", "NewsroomStore", "NewsroomViews", "NewsroomPhotos"]),
        // `newsroom-desk`: Hummingbird over NewsroomDesk: sign-in as one's own PostgreSQL login,
        // sessions, the form tokens and origin checks, the live events. Never the reader site.
        .executableTarget(
            name: "NewsroomDeskServer",
            dependencies: [
                "NewsroomDesk", "NewsroomHTTP", "NewsroomStore", "NewsroomCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Build-time tool: turns Migrations/*.sql into Swift source, so the
        // migrations ship inside the binary.
        .executableTarget(name: "MigrationEmbedder"),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["MigrationEmbedder"]
        ),
        // Test helpers: the throwaway cluster that scripts/test starts, the built binary, samples.
        .target(name: "TestSupport", dependencies: ["PostgresClient"], path: "Tests/TestSupport"),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport"]),
        // A seedable generator for the property and fuzz tests (no database, no libpq).
        .target(name: "TestRandom", path: "Tests/TestRandom"),
        .testTarget(name: "NewsroomCoreTests", dependencies: ["NewsroomCore", "TestRandom"]),
        .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"]),
        // Photos coming in, with real files (ImageMagick's) and libvips: no database.
        .testTarget(name: "NewsroomPhotosTests", dependencies: ["NewsroomPhotos", "Imaging", "NewsroomCore", "NewsroomStore", "TestRandom", "TestSupport"]),
        .testTarget(
            name: "NewsroomStoreTests",
            dependencies: ["NewsroomStore", "NewsroomCore", "PostgresClient", "TestSupport"]
        ),
        // Agency files (IPTC's examples, Arabic items, hostile ones) read without a database.
        .testTarget(name: "NewsroomWiresTests", dependencies: ["NewsroomWires", "NewsroomCore", "TestRandom", "TestSupport"]),
        .testTarget(name: "NewsroomCLITests", dependencies: ["PostgresClient", "TestSupport"]),
        .testTarget(
            name: "NewsroomSiteTests",
            dependencies: ["NewsroomSite", "NewsroomCore", "NewsroomViews", "NewsroomStore", "PostgresClient", "TestSupport", "TestRandom"]
        ),
        // Fixtures (IPTC's schemas) are read from the repository by the Python checkers, not bundled.
        // The staff desk: its catalogue without a database, then the real newsroom-desk over HTTP.
        .testTarget(name: "NewsroomDeskTests", dependencies: ["NewsroomDesk", "NewsroomCore", "PostgresClient", "TestSupport"]),
        .testTarget(name: "NewsroomServerTests", dependencies: ["PostgresClient", "TestSupport", "TestRandom"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
