import Foundation
import NIOConcurrencyHelpers
import NewsroomCore
import NewsroomDesk
import NewsroomStore
import Synchronization

/// A random secret of 256 bits, hex: session cookies and form tokens.
enum Secret {
    /// What `make` gives: 64 hexadecimal digits.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): the kernel's CSPRNG
        return (0..<4).map { _ in
            let word = generator.next() as UInt64
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Compares without an early exit, so the time taken says nothing of where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// One signed-in person: their own database session (their PostgreSQL login), used by one
/// request at a time, and what the desk keeps beside it.
final class DeskSession: @unchecked Sendable {
    // Safe to share: `store` is only touched inside `lock`; the rest is immutable or locked too.
    let token: String
    let csrf: String
    let login: String
    let created: Date
    private let lock = NIOLock()
    private let store: NewsroomStore
    private var member: StaffMember
    private var lastSeen: Date

    init(store: NewsroomStore, member: StaffMember, login: String, now: Date) {
        token = Secret.make()
        csrf = Secret.make()
        self.login = login
        self.store = store
        self.member = member
        created = now
        lastSeen = now
    }

    /// Runs `body` with the person's store and their staff record as it reads now (a role
    /// changed or a deactivation is seen by the next request). Blocks: call it on a pool thread.
    func withStore<T>(_ body: (NewsroomStore, StaffMember) throws -> T) throws -> T {
        try lock.withLock {
            if case .staff(let fresh) = try store.resolveActor(as: nil) { member = fresh }
            return try body(store, member)
        }
    }

    func touch(_ now: Date) { lock.withLock { lastSeen = now } }
    var idleSince: Date { lock.withLock { lastSeen } }
}

/// Every signed-in person's session, by the token in their cookie, with the limits: as many
/// sessions as the setting allows (each holds a database connection), an idle timeout and an
/// absolute one. A session that is dropped closes its connection when its last request ends.
final class SessionTable: Sendable {
    let limit: Int
    let idleTimeout: TimeInterval
    let absoluteTimeout: TimeInterval
    private let sessions = Mutex<[String: DeskSession]>([:])

    init(limit: Int, idleTimeout: TimeInterval, absoluteTimeout: TimeInterval) {
        self.limit = limit
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
    }

    enum Lookup {
        case found(DeskSession)
        case expired
        case none
    }

    func find(_ token: String?, now: Date) -> Lookup {
        guard let token, token.count == 64 else { return .none }
        return sessions.withLock { sessions in
            guard let session = sessions[token] else { return .none }
            if now.timeIntervalSince(session.idleSince) > idleTimeout || now.timeIntervalSince(session.created) > absoluteTimeout {
                sessions[token] = nil
                return .expired
            }
            session.touch(now)
            return .found(session)
        }
    }

    /// Keeps `session`, or says the desk is full.
    func add(_ session: DeskSession) -> Bool {
        sessions.withLock { sessions in
            guard sessions.count < limit else { return false }
            sessions[session.token] = session
            return true
        }
    }

    func remove(_ token: String) {
        _ = sessions.withLock { $0.removeValue(forKey: token) }
    }

    /// Drops the sessions past their time (their connections close): run now and then.
    func sweep(now: Date) -> Int {
        sessions.withLock { sessions in
            let before = sessions.count
            sessions = sessions.filter {
                now.timeIntervalSince($0.value.idleSince) <= idleTimeout && now.timeIntervalSince($0.value.created) <= absoluteTimeout
            }
            return before - sessions.count
        }
    }
}
