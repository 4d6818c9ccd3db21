import Foundation

/// Results go to stdout; diagnostics to stderr (never mixed, so pipes stay clean).
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("newsroom: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Whether stdout is a terminal (colour and escapes only then).
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
