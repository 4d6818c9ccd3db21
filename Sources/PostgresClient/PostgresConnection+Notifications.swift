import CLibPQ

// LISTEN / NOTIFY: what a session hears without asking.
extension PostgresConnection {
    /// The socket to wait on (with `poll`) for notifications.
    public var socket: Int32 { PQsocket(handle) }

    /// Reads what arrived on the socket and returns pending notifications, without blocking.
    public func notifications() throws(PostgresError) -> [PostgresNotification] {
        guard PQconsumeInput(handle) == 1 else {
            throw .connectionLost(message: PostgresConnection.trimmed(PQerrorMessage(handle)))
        }
        var received: [PostgresNotification] = []
        while let notify = PQnotifies(handle) {
            received.append(PostgresNotification(
                channel: String(cString: notify.pointee.relname),
                payload: String(cString: notify.pointee.extra),
                pid: notify.pointee.be_pid
            ))
            PQfreemem(notify)
        }
        return received
    }
}

/// A message sent with `NOTIFY channel, 'payload'`.
public struct PostgresNotification: Sendable, Equatable {
    public let channel: String
    public let payload: String
    public let pid: Int32
}
