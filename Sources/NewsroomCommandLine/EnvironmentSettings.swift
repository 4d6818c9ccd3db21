import NewsroomCore

/// The settings a person gives through the environment, checked before anything connects:
/// a wrong one is a configuration error (exit 78) that names the variable, never a
/// database that seems unreachable.
public enum EnvironmentSettings {
    /// Seconds to wait for the server (`NEWSROOM_CONNECT_TIMEOUT`, default 5), as libpq's
    /// `connect_timeout` takes it. 0 waits without limit, as in libpq.
    public static func connectTimeout(_ value: String?) throws(NewsroomError) -> String {
        guard let value else { return "5" }
        let digits = Digits.asciiDigits(value.trimmingWhitespace())
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let seconds = Int32(digits) else {
            throw NewsroomError(
                .configuration,
                "NEWSROOM_CONNECT_TIMEOUT: \"\(value)\" is not a number of seconds; use a whole number such as 5 (0 waits without limit), or unset it"
            )
        }
        return String(seconds)
    }

    /// How long a command waits for a row someone else is changing (`NEWSROOM_LOCK_TIMEOUT`,
    /// default 5s), in PostgreSQL's units: `500ms`, `5s`, `2min`, `1h`, `1d`, or a bare number
    /// of milliseconds. 0 waits without limit, as PostgreSQL's `lock_timeout` does. Returned
    /// in milliseconds, the form PostgreSQL cannot misread.
    public static func lockTimeout(_ value: String?) throws(NewsroomError) -> String {
        guard let value else { return "5000ms" }
        let refusal = NewsroomError(
            .configuration,
            "NEWSROOM_LOCK_TIMEOUT: \"\(value)\" is not a waiting time; use a number with a unit such as 500ms, 5s or 2min "
                + "(at most 24 days; 0 waits without limit), or unset it for the default 5s"
        )
        let text = Digits.asciiDigits(value.trimmingWhitespace())
        let number = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = String(text.dropFirst(number.count)).trimmingWhitespace()
        let milliseconds: Double? = switch unit {
        case "": 1
        case "us": 0.001
        case "ms": 1
        case "s": 1000
        case "min": 60_000
        case "h": 3_600_000
        case "d": 86_400_000
        default: nil
        }
        guard let scale = milliseconds, number.first?.isNumber == true, number.last?.isNumber == true,
              number.filter({ $0 == "." }).count <= 1, let amount = Double(number)
        else { throw refusal }
        let total = (amount * scale).rounded()
        guard total <= Double(Int32.max) else { throw refusal }  // PostgreSQL's own ceiling
        return "\(Int(total))ms"
    }
}
