#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore

/// Results go to stdout; diagnostics to stderr (never mixed, so pipes stay clean).
public enum Terminal {
    public static func error(_ message: String) {
        write("newsroom: \(message)\n", to: STDERR_FILENO)
    }

    public static func note(_ message: String) {
        write("\(message)\n", to: STDERR_FILENO)
    }

    /// A password: from standard input when asked (`--password-stdin`: all of it, less one
    /// final line break), else typed at the terminal without echo, twice. Never an argument:
    /// those are in `ps` and the shell's history.
    public static func readPassword(for login: String, fromStandardInput: Bool) throws -> String {
        if fromStandardInput {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                bytes += buffer[0..<count]
            }
            if bytes.last == 10 { bytes.removeLast() }
            if bytes.last == 13 { bytes.removeLast() }
            guard let password = String(validating: bytes, as: UTF8.self), !password.isEmpty, !password.contains("\n") else {
                throw NewsroomError.invalid("password-stdin", "give the password as one non-empty line of UTF-8 on standard input")
            }
            return password
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw NewsroomError.invalid("create-login", "no terminal to type the password at: pipe it in with --password-stdin")
        }
        let first = try typedSecret("Password for the new login \(login): ")
        let second = try typedSecret("Again: ")
        guard first == second else { throw NewsroomError.invalid("create-login", "the two passwords differ; nothing was changed") }
        guard !first.isEmpty else { throw NewsroomError.invalid("create-login", "the password is empty; nothing was changed") }
        return first
    }

    private static func typedSecret(_ prompt: String) throws -> String {
        write(prompt, to: STDERR_FILENO)
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            write("\n", to: STDERR_FILENO)
        }
        guard let line = readLine(strippingNewline: true) else {
            throw NewsroomError.invalid("create-login", "no password was typed; nothing was changed")
        }
        return line
    }

    /// Writes all of `text` at once, unbuffered (a log line is out when it is written).
    public static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

extension Terminal {
    /// For the benchmarks (and anyone asking how a search went): with NEWSROOM_TRACE_SEARCH
    /// set, the store's own time for a search and the plans it chose, on stderr.
    public static func traceSearch(since started: ContinuousClock.Instant, plan: [String]) {
        guard getenv("NEWSROOM_TRACE_SEARCH") != nil else { return }
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        note("search: \(ms) ms; \(plan.joined(separator: "; "))")
    }
}
