import CivilTime

#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// Reads times and durations as people type them, and writes times in the
/// newsroom's time zone. Accepted times:
/// - `now`, or relative: `+90m`, `+2h`, `+1d`, `+1h30m`;
/// - ISO 8601 with an offset: `2026-11-29T18:00:00+03:00`, `2026-11-29 18:00Z`;
/// - local wall time in the newsroom's zone: `2026-11-29 18:00` (seconds optional).
/// Arabic-Indic digits count as digits. A wall time that does not exist in the zone
/// (skipped by a daylight-saving change) or happens twice is refused, never guessed.
public struct NewsroomTime: Sendable {
    public let zone: ZoneRules

    public init(zone: ZoneRules) {
        self.zone = zone
    }

    public static let formats = "now, +90m / +2h / +1d (-2h for a time past), YYYY-MM-DD HH:MM (newsroom time), or ISO 8601 with an offset (2026-11-29T18:00+03:00)"

    /// The times the newsroom takes: years 1 to 9999, with a day to spare at each end so
    /// that every time zone shows them with a four-digit year. PostgreSQL could store more
    /// (4713 BC to 294276), but no story is published in year 10000, and a time past it is
    /// a typing mistake that would otherwise be kept.
    public static let earliest = Date(timeIntervalSince1970: Double(CivilDate.days(year: 1, month: 1, day: 2) * 86_400))
    public static let latest = Date(timeIntervalSince1970: Double(CivilDate.days(year: 9999, month: 12, day: 31) * 86_400 - 1))

    /// Refuses a time outside `earliest...latest`, naming the field.
    public func check(_ date: Date, field: String) throws(NewsroomError) {
        if date > Self.latest {
            throw .invalid(field, "is after \(human(Self.latest)), the latest time the newsroom takes; give an earlier time")
        }
        if date < Self.earliest {
            throw .invalid(field, "is before the year 1, the earliest time the newsroom takes; give a later time")
        }
    }

    public func parse(_ input: String, now: Date, field: String) throws(NewsroomError) -> Date {
        let text = Digits.asciiDigits(input.trimmingWhitespace())
        let instant = try instant(text, input: input, now: now, field: field)
        try check(instant, field: field)
        return instant
    }

    private func instant(_ text: String, input: String, now: Date, field: String) throws(NewsroomError) -> Date {
        if text.lowercased() == "now" { return now }
        // From now, ahead or (for the reads: `--since -2h`) back; a write's own rule refuses a time past.
        if let sign = text.first, sign == "+" || sign == "-" {
            guard let seconds = Self.durationSeconds(String(text.dropFirst())) else {
                throw .invalid(field, "\"\(input)\" is not a time; use \(Self.formats)")
            }
            return now.addingTimeInterval(sign == "+" ? seconds : -seconds)
        }
        guard let parts = WallTime(text) else {
            throw .invalid(field, "\"\(input)\" is not a time; use \(Self.formats)")
        }
        guard let naive = parts.secondsAsIfUTC() else {
            throw .invalid(field, "\"\(input)\" is not a real date or time of day")
        }
        if let offset = parts.offsetSeconds {
            return Date(timeIntervalSince1970: naive - Double(offset))
        }
        // Which offsets could this wall time have? Those in force a day either side.
        let around = [-86_400.0, 0, 86_400].map { zone.offset(at: Date(timeIntervalSince1970: naive + $0)) }
        let instants = Set(around).map { Date(timeIntervalSince1970: naive - Double($0)) }
            .filter { Double(zone.offset(at: $0)) == naive - $0.timeIntervalSince1970 }
            .sorted()
        guard let instant = instants.first else {
            throw .invalid(field, "\(text) does not exist in \(zone.identifier) (the clocks skip it); pick another time")
        }
        if instants.count > 1 {
            throw .invalid(field, "\(text) happens twice in \(zone.identifier) (the clocks go back); add the offset, e.g. \(iso(instants[0]))")
        }
        return instant
    }

    /// A length of time: `90m`, `2h`, `1d`, `1h30m`, `45s`. Zero is refused, and so
    /// is anything longer than `max`.
    public static func duration(_ input: String, field: String, max: TimeInterval = 366 * 86_400) throws(NewsroomError) -> TimeInterval {
        let text = Digits.asciiDigits(input.trimmingWhitespace())
        guard let seconds = durationSeconds(text) else {
            throw .invalid(field, "\"\(input)\" is not a duration; use a number and a unit, e.g. 90m, 2h, 1d or 1h30m")
        }
        guard seconds > 0 else { throw .invalid(field, "must be longer than zero") }
        guard seconds <= max else { throw .invalid(field, "\"\(input)\" is too long; the most is \(Int(max / 86_400)) days") }
        return seconds
    }

    static func durationSeconds(_ text: String) -> TimeInterval? {
        var total: Int64 = 0
        var number: Int64? = nil
        var sawUnit = false
        for byte in text.utf8 {
            switch byte {
            case 48...57:
                let (shifted, overflow) = (number ?? 0).multipliedReportingOverflow(by: 10)
                guard !overflow, shifted <= 1_000_000_000 else { return nil }
                number = shifted + Int64(byte - 48)
            case UInt8(ascii: "s"), UInt8(ascii: "m"), UInt8(ascii: "h"), UInt8(ascii: "d"):
                guard let value = number else { return nil }
                let unit: Int64 = switch byte {
                case UInt8(ascii: "s"): 1
                case UInt8(ascii: "m"): 60
                case UInt8(ascii: "h"): 3600
                default: 86_400
                }
                total += value * unit
                guard total <= 1_000_000_000_000 else { return nil }
                number = nil
                sawUnit = true
            default:
                return nil
            }
        }
        guard sawUnit, number == nil else { return nil }
        return TimeInterval(total)
    }

    // MARK: Writing times

    /// ISO 8601 with the zone's offset, for JSON: `2023-08-03T18:27:00+03:00`
    /// (with microseconds when there are any).
    public func iso(_ date: Date) -> String {
        let offset = zone.offset(at: date)
        let local = wallClock(date, offset: offset)
        var text = "\(local.date)T\(local.time):\(pad(local.second, 2))"
        if local.micros != 0 { text += ".\(pad(local.micros, 6))" }
        return text + offsetText(offset)
    }

    /// For people: `2023-08-03 18:27:05` in the newsroom's zone. A wall time the clocks
    /// show twice (the hour repeated when they go back) carries its offset,
    /// `2026-11-01 01:30:00 -04:00`, so the two are never mistaken for each other.
    public func human(_ date: Date) -> String {
        let offset = zone.offset(at: date)
        let local = wallClock(date, offset: offset)
        let text = "\(local.date) \(local.time):\(pad(local.second, 2))"
        return isRepeated(date, offset: offset) ? text + " " + offsetText(offset) : text
    }

    /// Whether the wall time `date` shows also happens at another instant.
    private func isRepeated(_ date: Date, offset: Int) -> Bool {
        let wall = date.timeIntervalSince1970 + Double(offset)
        let nearby = Set([-86_400.0, 86_400].map { zone.offset(at: date.addingTimeInterval($0)) })
        return nearby.contains { other in
            other != offset && zone.offset(at: Date(timeIntervalSince1970: wall - Double(other))) == other
        }
    }

    private func offsetText(_ offset: Int) -> String {
        let minutes = abs(offset) / 60
        return "\(offset < 0 ? "-" : "+")\(pad(minutes / 60, 2)):\(pad(minutes % 60, 2))"
    }

    /// ISO 8601 with the zone's offset in whole seconds: what HTML's `datetime`, feeds, ninjs
    /// and sitemaps carry (readers need no finer time; `datetime` takes at most milliseconds).
    public func isoSeconds(_ date: Date) -> String {
        iso(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }

    public static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdayAbbreviations = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday

    /// RFC 822 with a four-digit year (RFC 1123), in the zone: `Thu, 03 Aug 2023 18:27:00 +0300`
    /// (RSS). With `gmt` the zone must be UTC and it ends in `GMT`, as HTTP's dates do.
    public func rfc822(_ date: Date, gmt: Bool = false) -> String {
        let offset = gmt ? 0 : zone.offset(at: date)
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offset)
        let days = local.quotientFloor(86_400)
        let clock = Int(local - days * 86_400)
        let (year, month, day) = CivilDate.from(days: days)
        let weekday = Self.weekdayAbbreviations[Int(days - days.quotientFloor(7) * 7)]
        let zoneText = gmt ? "GMT" : offsetText(offset).replacing(":", with: "")
        return "\(weekday), \(pad(Int(day), 2)) \(Self.monthAbbreviations[Int(month) - 1]) \(year) "
            + "\(pad(clock / 3600, 2)):\(pad(clock / 60 % 60, 2)):\(pad(clock % 60, 2)) \(zoneText)"
    }

    /// For readers, as news sites in the region write it (the sample page's `3-08-2023, 18:27`):
    /// day, month with two digits, year, then the 24-hour time, in the newsroom's zone.
    public func dayMonthYear(_ date: Date) -> String {
        let local = wallClock(date, offset: zone.offset(at: date))
        let parts = local.date.split(separator: "-")
        guard parts.count == 3, let day = Int(parts[2]) else { return "\(local.date), \(local.time)" }
        return "\(day)-\(parts[1])-\(parts[0]), \(local.time)"
    }

    private func wallClock(_ date: Date, offset: Int) -> (date: String, time: String, second: Int, micros: Int) {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) + Int64(offset) * 1_000_000
        let seconds = micros.quotientFloor(1_000_000)
        let fraction = Int(micros - seconds * 1_000_000)
        let days = seconds.quotientFloor(86_400)
        let (year, month, day) = CivilDate.from(days: days)
        let clock = Int(seconds - days * 86_400)
        // ISO 8601 (astronomical years, 0 is 1 BC; expanded beyond 9999) for what PostgreSQL may hold.
        let yearText = (0...9999).contains(year) ? pad(Int(year), 4) : (year < 1 ? "-" : "+") + pad(Int(abs(year)), 4)
        return (
            "\(yearText)-\(pad(Int(month), 2))-\(pad(Int(day), 2))",
            "\(pad(clock / 3600, 2)):\(pad(clock / 60 % 60, 2))",
            clock % 60, fraction
        )
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// `YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]][Z|±HH[:MM]]`, split into its parts.
private struct WallTime {
    var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
    var fraction: Double = 0
    var offsetSeconds: Int?

    init?(_ text: String) {
        var rest = Substring(text)
        func number(_ count: Int) -> Int? {
            let digits = rest.prefix(count)
            guard digits.count == count, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            rest = rest.dropFirst(count)
            return Int(digits)
        }
        func take(_ characters: Set<Character>) -> Bool {
            guard let first = rest.first, characters.contains(first) else { return false }
            rest = rest.dropFirst()
            return true
        }
        guard let y = number(4), take(["-"]), let mo = number(2), take(["-"]), let d = number(2),
              take([" ", "T", "t"]), let h = number(2), take([":"]), let mi = number(2)
        else { return nil }
        (year, month, day, hour, minute) = (y, mo, d, h, mi)
        if take([":"]) {
            guard let s = number(2) else { return nil }
            second = s
            if take([".", ","]) {
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty, digits.count <= 9 else { return nil }
                fraction = Double("0." + digits) ?? 0
                rest = rest.dropFirst(digits.count)
            }
        }
        if take(["Z", "z"]) {
            offsetSeconds = 0
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            guard let oh = number(2), oh <= 18 else { return nil }
            var om = 0
            if take([":"]) {
                guard let m = number(2) else { return nil }
                om = m
            } else if let m = number(2) {
                om = m
            }
            guard om < 60 else { return nil }
            offsetSeconds = (sign == "-" ? -1 : 1) * (oh * 3600 + om * 60)
        }
        guard rest.isEmpty else { return nil }
    }

    /// Seconds since 1970 if these wall-clock parts were UTC; nil for impossible dates.
    func secondsAsIfUTC() -> TimeInterval? {
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        let days = CivilDate.days(year: Int64(year), month: Int64(month), day: Int64(day))
        let back = CivilDate.from(days: days)
        guard back.month == Int64(month), back.day == Int64(day) else { return nil }  // e.g. 30 February
        return TimeInterval(days * 86_400 + Int64(hour * 3600 + minute * 60 + second)) + fraction
    }
}
