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
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && !$0.key.hasPrefix("NEWSROOM_") && $0.key != "EDITOR" && $0.key != "VISUAL" }
        if let database { environment["NEWSROOM_DATABASE_URL"] = database }
        environment.merge(extra) { _, new in new }
        process.environment = environment

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
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

/// A `newsroom` process left running (the scheduler), with its output in files.
public final class RunningNewsroom: @unchecked Sendable {
    let process: Process
    let folder: URL

    init(process: Process, folder: URL) {
        self.process = process
        self.folder = folder
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    public var stdout: String { (try? String(contentsOf: folder.appendingPathComponent("out"), encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOf: folder.appendingPathComponent("err"), encoding: .utf8)) ?? "" }
    public var isRunning: Bool { process.isRunning }

    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the process to end (at most `seconds`) and returns its exit status.
    public func wait(seconds: Double = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { return nil }
        return process.terminationStatus
    }

    /// Polls `condition` every 20 ms for at most `seconds`; true once it holds.
    public static func eventually(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(20_000)
        }
        return try condition()
    }
}

extension NewsroomBinary {
    /// Starts `newsroom ARGS…` in the background.
    public static func start(_ arguments: [String], database: String, environment extra: [String: String] = [:]) throws -> RunningNewsroom {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && !$0.key.hasPrefix("NEWSROOM_") && $0.key != "EDITOR" && $0.key != "VISUAL" }
        environment["NEWSROOM_DATABASE_URL"] = database
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-bg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["out", "err"] { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("out"))
        process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return RunningNewsroom(process: process, folder: folder)
    }
}
