import Foundation

/// The pages drawn before anyone is signed in, or after a session ended: sign-in, and the
/// few answers the server gives on its own (a stale form, a foreign origin, a full desk).
public enum DeskPages {
    static let e = DeskLayout.e

    /// The sign-in form. `message` is the one generic refusal (never whether the login exists).
    public static func signIn(_ words: Words, message: String? = nil, login: String = "", signInToken: String) -> String {
        let main = """
            <h1>\(e(words(.signInTitle)))</h1>
            <form class="sign-in" method="post" action="/sign-in">
            <input type="hidden" name="csrf" value="\(e(signInToken))">
            <label for="login">\(e(words(.login)))</label>
            <input id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" dir="ltr" required value="\(e(login))">
            <label for="password">\(e(words(.password)))</label>
            <input id="password" name="password" type="password" autocomplete="current-password" dir="ltr" required>
            <button type="submit">\(e(words(.signIn)))</button>
            </form>
            """
        return DeskLayout.page(words(.signIn), words: words, viewer: nil, refusal: message, main: main)
    }

    /// A page that says why the request went no further, with a way back.
    public static func stopped(_ words: Words, _ label: Label) -> String {
        DeskLayout.page(words(.refused), words: words, viewer: nil, refusal: words(label),
                        main: "<p><a href=\"/\">\(e(words(.myDesk)))</a></p>")
    }
}

/// How failed sign-ins are slowed: after `freeFailures` failures for one login or from one
/// address, each attempt waits twice as long as the last (1 s, 2 s, 4 s… up to
/// `longestWait`); a success for that login clears it. The server keeps one for logins and
/// one for addresses.
public struct SignInThrottle: Sendable {
    public static let freeFailures = 5
    public static let longestWait: Double = 15 * 60

    struct Record: Sendable {
        var failures: Int
        var last: Double
    }

    private var records: [String: Record] = [:]

    public init() {}

    /// Seconds `key` must still wait before trying again (0: it may try now).
    public func wait(for key: String, now: Double) -> Double {
        guard let record = records[key], record.failures >= Self.freeFailures else { return 0 }
        let penalty = min(Self.longestWait, pow(2, Double(record.failures - Self.freeFailures)))
        return max(0, record.last + penalty - now)
    }

    public mutating func failed(_ key: String, now: Double) {
        var record = records[key] ?? Record(failures: 0, last: now)
        record.failures += 1
        record.last = now
        records[key] = record
        // Bounded memory: forget what is old once there are many.
        if records.count > 100_000 { records = records.filter { now - $0.value.last < Self.longestWait } }
    }

    public mutating func succeeded(_ key: String) {
        records[key] = nil
    }
}
