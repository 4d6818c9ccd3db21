import CivilTime

#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// Converts between `Date` and PostgreSQL's ISO text for `timestamptz`, exact to the
/// microsecond (PostgreSQL's precision). Written by hand: it runs for every time
/// value read, and needs no formatter objects or locale.
public enum PostgresTimestamp {
    /// `2026-11-29 17:10:14.123456+00`
    public static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        if rest < 0 {
            rest += 86_400_000_000
            days -= 1
        }
        let (year, month, day) = CivilDate.from(days: days)
        let seconds = rest / 1_000_000
        let fraction = rest % 1_000_000
        // PostgreSQL has no year 0: astronomical year 0 is 1 BC, -1 is 2 BC, and so on.
        var text = "\(pad(year > 0 ? year : 1 - year, 4))-\(pad(month, 2))-\(pad(day, 2)) "
        text += "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if fraction != 0 { text += ".\(pad(fraction, 6))" }
        return text + "+00" + (year > 0 ? "" : " BC")
    }

    /// Parses the server's ISO output (`DateStyle=ISO`), with any offset
    /// (`+03`, `-05:30`, `+00:19:32`), years of four digits or more, and ` BC`;
    /// nil when the text is not of that form.
    public static func parse(_ text: String) -> Date? {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        var bytes = Array(text.utf8)[...]
        func number(_ count: Int) -> Int64? {
            guard bytes.count >= count else { return nil }
            var value: Int64 = 0
            for byte in bytes.prefix(count) {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            bytes = bytes.dropFirst(count)
            return value
        }
        func expect(_ ascii: Character) -> Bool {
            guard bytes.first == ascii.asciiValue else { return false }
            bytes = bytes.dropFirst()
            return true
        }
        // Years have four digits or more (`10000-01-01`); the rest are fixed-width.
        let yearDigits = bytes.prefix(while: { $0 >= 48 && $0 <= 57 }).count
        guard (4...6).contains(yearDigits), let typedYear = number(yearDigits), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect(" ") || expect("T"),
              let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2)
        else { return nil }
        var micros: Int64 = 0
        if expect(".") {
            var digits = 0
            while let byte = bytes.first, byte >= 48, byte <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(byte - 48) }
                digits += 1
                bytes = bytes.dropFirst()
            }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offsetSeconds: Int64 = 0
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
            guard let hours = number(2) else { return nil }
            offsetSeconds = hours * 3600
            if expect(":") {
                guard let minutes = number(2) else { return nil }
                offsetSeconds += minutes * 60
                if expect(":") {
                    guard let seconds = number(2) else { return nil }
                    offsetSeconds += seconds
                }
            }
            if sign == UInt8(ascii: "-") { offsetSeconds = -offsetSeconds }
        } else if expect("Z") {
            offsetSeconds = 0
        } else {
            return nil
        }
        var year = typedYear
        if bytes.elementsEqual(" BC".utf8) {
            bytes = bytes.dropFirst(3)
            year = 1 - typedYear
        }
        guard bytes.isEmpty, typedYear >= 1, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        // Exact in microseconds where they fit in 64 bits (until the year 294,247).
        let (total, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        if overflow { return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000) }
        return Date(timeIntervalSince1970: Double(total + micros) / 1_000_000)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
