import Foundation

/// A value shared between threads in tests (e.g. results of concurrent processes).
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

extension NewsroomRun {
    /// Stands for a process that could not even be started.
    public static let failed = NewsroomRun(status: -1, stdout: "", stderr: "could not start", stdoutData: Data())
}
