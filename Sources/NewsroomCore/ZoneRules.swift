import CivilTime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A time zone's rules, read from the system's tz database (`/usr/share/zoneinfo`, or
/// `$TZDIR`): the UTC offset in force at any instant. Read here rather than through
/// Foundation's TimeZone, which on Linux needs ICU and makes every command start slower.
/// Format: RFC 8536 (TZif v2+), with the POSIX TZ rule of its footer for later years.
public struct ZoneRules: Sendable, Equatable {
    public let identifier: String
    private let transitions: [Int64]
    private let offsets: [Int32]       // offset after each transition
    private let initialOffset: Int32   // before the first transition
    private let rule: PosixRule?       // after the last transition

    public static let utc = ZoneRules(identifier: "UTC", transitions: [], offsets: [], initialOffset: 0, rule: nil)

    /// The zone with this IANA name, or nil when the system does not know it.
    public static func named(_ identifier: String) -> ZoneRules? {
        if identifier == "UTC" || identifier == "Etc/UTC" { return .utc }
        // Names are letters, digits and _+-/ ; never a path that climbs out of the database.
        guard !identifier.isEmpty, !identifier.hasPrefix("/"), !identifier.contains(".."),
              identifier.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_+-/".unicodeScalars.contains($0)) })
        else { return nil }
        let folder = getenv("TZDIR").map { String(cString: $0) } ?? "/usr/share/zoneinfo"
        guard let data = FileManager.default.contents(atPath: folder + "/" + identifier) else { return nil }
        return parse(identifier: identifier, bytes: [UInt8](data))
    }

    /// The newsroom's zone, or a refusal that names it and says what to install. Never UTC
    /// in its place: a wall time read in the wrong zone publishes a story hours off.
    public static func required(_ identifier: String) throws(NewsroomError) -> ZoneRules {
        if let rules = named(identifier) { return rules }
        let folder = getenv("TZDIR").map { String(cString: $0) } ?? "/usr/share/zoneinfo"
        throw NewsroomError(
            .configuration,
            "the newsroom's time zone \(identifier) is not in this machine's time-zone database (\(folder)), so times cannot be read or shown; "
                + "install it (Debian: apt-get install tzdata) or point TZDIR at a copy that has it, then run the command again"
        )
    }

    /// Seconds east of UTC at `date`.
    public func offset(at date: Date) -> Int {
        let t = Int64(date.timeIntervalSince1970.rounded(.down))
        guard let last = transitions.last, t >= transitions[0] else {
            if transitions.isEmpty, let rule { return rule.offset(at: t) }
            return Int(initialOffset)
        }
        if t >= last, let rule { return rule.offset(at: t) }
        // The last transition at or before t.
        var low = 0, high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= t { low = middle } else { high = middle - 1 }
        }
        return Int(offsets[low])
    }

    static func parse(identifier: String, bytes: [UInt8]) -> ZoneRules? {
        var reader = ByteReader(bytes: bytes)
        guard let v1 = reader.header() else { return nil }
        // Skip the 32-bit block; version 2+ files repeat everything with 64-bit times.
        guard v1.version >= 2, reader.skip(v1.timecnt * 5 + v1.typecnt * 6 + v1.charcnt + v1.leapcnt * 8 + v1.isstdcnt + v1.isutcnt),
              let header = reader.header()
        else { return nil }
        var transitions: [Int64] = []
        for _ in 0..<header.timecnt {
            guard let time = reader.int64() else { return nil }
            transitions.append(time)
        }
        var indices: [Int] = []
        for _ in 0..<header.timecnt {
            guard let index = reader.byte() else { return nil }
            indices.append(Int(index))
        }
        var types: [(offset: Int32, isDST: Bool)] = []
        for _ in 0..<header.typecnt {
            guard let offset = reader.int32(), let isDST = reader.byte(), reader.skip(1) else { return nil }
            types.append((offset, isDST != 0))
        }
        guard !types.isEmpty, indices.allSatisfy({ $0 < types.count }),
              reader.skip(header.charcnt + header.leapcnt * 12 + header.isstdcnt + header.isutcnt)
        else { return nil }
        let footer = reader.rest().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let rule = footer.count >= 2 ? PosixRule(String(decoding: footer[1], as: UTF8.self)) : nil
        return ZoneRules(
            identifier: identifier,
            transitions: transitions,
            offsets: indices.map { types[$0].offset },
            initialOffset: types.first(where: { !$0.isDST })?.offset ?? types[0].offset,
            rule: rule
        )
    }
}

/// The POSIX TZ rule of a TZif footer, e.g. `EST5EDT,M3.2.0,M11.1.0` or `<+03>-3`.
struct PosixRule: Sendable, Equatable {
    let standard: Int       // seconds east of UTC
    let daylight: Int?
    let start: Moment?
    let end: Moment?

    /// When a change happens: a day of the year and seconds after local midnight.
    struct Moment: Sendable, Equatable {
        enum Day: Sendable, Equatable {
            case julianNoLeap(Int)          // Jn: 1...365, February 29 never counted
            case zeroBased(Int)             // n: 0...365
            case weekday(month: Int, week: Int, day: Int)  // Mm.w.d
        }
        let day: Day
        let time: Int
    }

    init?(_ text: String) {
        var rest = Substring(text)
        guard PosixRule.name(&rest) != nil, let standardWest = PosixRule.offset(&rest) else { return nil }
        standard = -standardWest
        if rest.isEmpty {
            daylight = nil
            start = nil
            end = nil
            return
        }
        guard PosixRule.name(&rest) != nil else { return nil }
        if let first = rest.first, first != "," {
            guard let daylightWest = PosixRule.offset(&rest) else { return nil }
            daylight = -daylightWest
        } else {
            daylight = standard + 3600
        }
        guard rest.first == ",", let start = PosixRule.moment(&rest), rest.first == ",", let end = PosixRule.moment(&rest), rest.isEmpty
        else { return nil }
        self.start = start
        self.end = end
    }

    func offset(at t: Int64) -> Int {
        guard let daylight, let start, let end else { return standard }
        let year = CivilDate.from(days: Int64((t + Int64(standard)).quotientFloor(86_400))).year
        // Start is given in standard time, end in daylight time (POSIX).
        let startsAt = PosixRule.instant(start, year: year) - Int64(standard)
        let endsAt = PosixRule.instant(end, year: year) - Int64(daylight)
        let inDaylight = startsAt < endsAt ? (t >= startsAt && t < endsAt) : !(t >= endsAt && t < startsAt)
        return inDaylight ? daylight : standard
    }

    static func instant(_ moment: Moment, year: Int64) -> Int64 {
        let january1 = CivilDate.days(year: year, month: 1, day: 1)
        let day: Int64
        switch moment.day {
        case .julianNoLeap(let n):
            let leap = CivilDate.isLeap(year) && n >= 60 ? 1 : 0
            day = january1 + Int64(n - 1 + leap)
        case .zeroBased(let n):
            day = january1 + Int64(n)
        case .weekday(let month, let week, let weekday):
            let first = CivilDate.days(year: year, month: Int64(month), day: 1)
            let firstWeekday = Int(((first + 4) % 7 + 7) % 7)  // 0 is Sunday; 1970-01-01 was a Thursday (4)
            var date = first + Int64((weekday - firstWeekday + 7) % 7) + Int64((week - 1) * 7)
            if week == 5 {
                let nextMonth = month == 12 ? CivilDate.days(year: year + 1, month: 1, day: 1) : CivilDate.days(year: year, month: Int64(month + 1), day: 1)
                while date >= nextMonth { date -= 7 }
            }
            day = date
        }
        return day * 86_400 + Int64(moment.time)
    }

    private static func name(_ rest: inout Substring) -> Substring? {
        if rest.first == "<" {
            guard let close = rest.firstIndex(of: ">") else { return nil }
            let name = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            return name
        }
        let name = rest.prefix { $0.isLetter }
        guard name.count >= 3 else { return nil }
        rest = rest.dropFirst(name.count)
        return name
    }

    /// `[+-]hh[:mm[:ss]]` as seconds (POSIX sign: positive is west of Greenwich).
    private static func offset(_ rest: inout Substring) -> Int? {
        var sign = 1
        if rest.first == "+" || rest.first == "-" {
            sign = rest.first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        var parts: [Int] = []
        while parts.count < 3 {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Int(digits) else { return nil }
            parts.append(value)
            rest = rest.dropFirst(digits.count)
            guard rest.first == ":" else { break }
            rest = rest.dropFirst()
        }
        let seconds = parts[0] * 3600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0)
        return sign * seconds
    }

    private static func moment(_ rest: inout Substring) -> Moment? {
        guard rest.first == "," else { return nil }
        rest = rest.dropFirst()
        let day: Moment.Day
        func number() -> Int? {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
            return Int(digits)
        }
        if rest.first == "M" {
            rest = rest.dropFirst()
            guard let month = number(), rest.first == "." else { return nil }
            rest = rest.dropFirst()
            guard let week = number(), rest.first == "." else { return nil }
            rest = rest.dropFirst()
            guard let weekday = number(), (1...12).contains(month), (1...5).contains(week), (0...6).contains(weekday) else { return nil }
            day = .weekday(month: month, week: week, day: weekday)
        } else if rest.first == "J" {
            rest = rest.dropFirst()
            guard let n = number(), (1...365).contains(n) else { return nil }
            day = .julianNoLeap(n)
        } else {
            guard let n = number(), (0...365).contains(n) else { return nil }
            day = .zeroBased(n)
        }
        var time = 7200
        if rest.first == "/" {
            rest = rest.dropFirst()
            guard let seconds = offset(&rest) else { return nil }
            time = seconds
        }
        return Moment(day: day, time: time)
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    struct Header {
        let version: Int
        let isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt: Int
    }

    mutating func header() -> Header? {
        guard position + 44 <= bytes.count, bytes[position..<position + 4].elementsEqual("TZif".utf8) else { return nil }
        let versionByte = bytes[position + 4]
        let version = versionByte == 0 ? 1 : Int(versionByte) - 48
        position += 20
        var counts: [Int] = []
        for _ in 0..<6 {
            guard let count = int32(), count >= 0 else { return nil }
            counts.append(Int(count))
        }
        return Header(version: version, isutcnt: counts[0], isstdcnt: counts[1], leapcnt: counts[2], timecnt: counts[3], typecnt: counts[4], charcnt: counts[5])
    }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, position + count <= bytes.count else { return false }
        position += count
        return true
    }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func int32() -> Int32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[position..<position + 4] { value = value << 8 | UInt32(byte) }
        position += 4
        return Int32(bitPattern: value)
    }

    mutating func int64() -> Int64? {
        guard position + 8 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for byte in bytes[position..<position + 8] { value = value << 8 | UInt64(byte) }
        position += 8
        return Int64(bitPattern: value)
    }

    func rest() -> ArraySlice<UInt8> { bytes[position...] }
}
