import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT and SIGTERM into a flag the scheduler checks between transactions, and
/// into a readable pipe it can wait on beside the database socket. The signals no longer
/// kill the process, so the transaction in hand always finishes (or rolls back) cleanly.
public final class StopSignal {
    private let sources: [any DispatchSourceSignal]
    /// Becomes readable once a stop was asked for.
    let fileDescriptor: Int32
    private let writeEnd: Int32

    public init() {
        var ends: [Int32] = [0, 0]
        _ = pipe(&ends)
        fileDescriptor = ends[0]
        writeEnd = ends[1]
        let writer = ends[1]
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                var byte: UInt8 = 1
                _ = write(writer, &byte, 1)
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
        close(fileDescriptor)
        close(writeEnd)
    }

    /// Whether a stop was asked for (does not block).
    public var requested: Bool {
        var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    /// Sleeps up to `seconds`, waking early for a stop or for input on `socket`.
    /// Returns true if a stop was asked for.
    public func wait(seconds: Double, orReadable socket: Int32? = nil) -> Bool {
        var descriptors = [pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)]
        if let socket { descriptors.append(pollfd(fd: socket, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = Int32(max(0, min(seconds, 3600)) * 1000)
        _ = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        return descriptors[0].revents != 0
    }
}
