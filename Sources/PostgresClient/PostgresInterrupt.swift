import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C for a command-line client: on SIGINT or SIGTERM, ask the server to cancel the
/// statement in flight (PQcancel is safe in a signal handler) and end the process at once
/// with `exitCode`. The transaction never reaches COMMIT, so nothing is half-written, and
/// the server does not go on waiting for a lock on behalf of a client that is gone.
public enum PostgresInterrupt {
    // Touched only by `install` (before the handler can run) and by the handler itself.
    nonisolated(unsafe) private static var cancel: OpaquePointer?
    nonisolated(unsafe) private static var exitCode: Int32 = 130
    nonisolated(unsafe) private static var errorBuffer = [CChar](repeating: 0, count: 256)

    public static func install(for connection: PostgresConnection, exitCode: Int32 = 130) {
        if let old = cancel { PQfreeCancel(old) }
        cancel = PQgetCancel(connection.rawHandle)
        self.exitCode = exitCode
        errorBuffer.withUnsafeMutableBufferPointer { _ in }  // allocated now, not in the handler
        // A parent may have started us with these blocked (a spawning thread's mask is inherited).
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in [SIGINT, SIGTERM] { sigaddset(&unblock, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGINT, SIGTERM] {
            signal(number) { _ in
                if let cancel = PostgresInterrupt.cancel {
                    PostgresInterrupt.errorBuffer.withUnsafeMutableBufferPointer { buffer in
                        _ = PQcancel(cancel, buffer.baseAddress, Int32(buffer.count))
                    }
                }
                _exit(PostgresInterrupt.exitCode)
            }
        }
    }
}
