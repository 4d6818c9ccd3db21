import Foundation

/// Runs the built `newsroom` binary the way a person would, capturing everything.
public struct NewsroomRun: Sendable, CustomStringConvertible {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let stdoutData: Data

    public var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

public enum NewsroomBinary {
    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String { "NEWSROOM_BIN is not set: run the tests with scripts/test" }
    }

    public static func path() throws -> String {
        guard let path = ProcessInfo.processInfo.environment["NEWSROOM_BIN"], !path.isEmpty else { throw NotBuilt() }
        return path
    }

    /// Runs `newsroom ARGS…` against `database` (a conninfo), with the PG* environment cleared
    /// so nothing from the outside leaks in.
    public static func run(
        _ arguments: [String],
        database: String?,
        environment extra: [String: String] = [:],
        stdin: Data? = nil,
        executable: String? = nil
    ) throws -> NewsroomRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable ?? path())
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && !$0.key.hasPrefix("NEWSROOM_") }
        if let database { environment["NEWSROOM_DATABASE_URL"] = database }
        environment.merge(extra) { _, new in new }
        process.environment = environment

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let inURL = folder.appendingPathComponent("in")
            try stdin.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL)
        return NewsroomRun(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            stdoutData: outData
        )
    }
}
