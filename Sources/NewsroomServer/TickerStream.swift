#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NewsroomCore
import Synchronization

/// The live strip for `/api/v1/ticker/stream`: the newest event, and every connected client
/// waiting for the next one. The change watcher publishes (it reads the strip once per change,
/// on its own connection: a thousand clients cost one query, not a thousand).
///
/// Each event carries the whole strip, so a client needs only the newest: one that reads
/// slowly (or not at all) skips what it missed and never holds the others up, and memory stays
/// one event however many clients wait.
final class TickerStream: Sendable {
    struct Event: Sendable {
        let position: TickerStreamPosition
        let frame: ByteBuffer
    }

    /// What a waiting client wakes to.
    enum Next: Sendable {
        case event(Event, sequence: UInt64)
        /// Time to write a comment, so proxies and the client know the stream is alive.
        case heartbeat(UInt64)
        /// The server is stopping: end the stream (the client reconnects elsewhere).
        case closed
    }

    private struct State {
        var current: Event?
        var sequence: UInt64 = 0
        var heartbeat: UInt64 = 0
        var closed = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var clients = 0
    }

    private let state = Mutex(State())
    private let lastHeartbeat = Mutex(ContinuousClock.now)
    static let heartbeatInterval = Duration.seconds(15)

    /// A new state of the strip. The same position again (any server reads the same strip at
    /// the same position) wakes nobody.
    func publish(position: TickerStreamPosition, frame: [UInt8]) {
        wake { state in
            if let current = state.current, current.position == position { return false }
            state.current = Event(position: position, frame: ByteBuffer(bytes: frame))
            state.sequence += 1
            return true
        }
    }

    /// Called often (by the change watcher's loop); beats every `heartbeatInterval`.
    func heartbeatIfDue() {
        let due = lastHeartbeat.withLock { last in
            guard ContinuousClock.now - last >= Self.heartbeatInterval else { return false }
            last = .now
            return true
        }
        if due { wake { state in state.heartbeat += 1; return true } }
    }

    func close() {
        wake { state in state.closed = true; return true }
    }

    var heartbeat: UInt64 { state.withLock { $0.heartbeat } }
    var clients: Int { state.withLock { $0.clients } }

    func connected() { state.withLock { $0.clients += 1 } }
    func disconnected() { state.withLock { $0.clients -= 1 } }

    /// Waits for an event newer than `sequence`, a heartbeat after `heartbeat`, or the end.
    func next(after sequence: UInt64, heartbeat: UInt64) async -> Next {
        while true {
            if let ready = state.withLock({ Self.ready($0, sequence, heartbeat) }) { return ready }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // Looked at again under the lock: a wake between the two looks is not lost.
                let waits = state.withLock { state in
                    guard Self.ready(state, sequence, heartbeat) == nil else { return false }
                    state.waiting.append(continuation)
                    return true
                }
                if !waits { continuation.resume() }
            }
        }
    }

    private static func ready(_ state: State, _ sequence: UInt64, _ heartbeat: UInt64) -> Next? {
        if state.closed { return .closed }
        if state.sequence > sequence, let event = state.current { return .event(event, sequence: state.sequence) }
        if state.heartbeat > heartbeat { return .heartbeat(state.heartbeat) }
        return nil
    }

    private func wake(_ change: (inout State) -> Bool) {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard change(&state) else { return [] }
            defer { state.waiting.removeAll(keepingCapacity: true) }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
