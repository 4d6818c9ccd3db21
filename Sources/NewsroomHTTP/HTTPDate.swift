#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CivilTime
import NewsroomCore

/// A time as HTTP writes it (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`): whole seconds.
public struct HTTPDate: Sendable, Equatable, Comparable {
    public let seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }
    public init(_ date: Date) { self.seconds = Int64(date.timeIntervalSince1970.rounded(.down)) }

    public static func < (a: HTTPDate, b: HTTPDate) -> Bool { a.seconds < b.seconds }

    public var text: String { NewsroomTime(zone: .utc).rfc822(Date(timeIntervalSince1970: Double(seconds)), gmt: true) }

    /// IMF-fixdate only (what every current client sends); anything else is nil (and ignored,
    /// as RFC 9110 says of an invalid If-Modified-Since).
    public init?(parsing text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].count == 4, parts[0].hasSuffix(","), parts[5] == "GMT",
              let day = Int(parts[1]), (1...31).contains(day),
              let monthIndex = NewsroomTime.monthAbbreviations.firstIndex(of: String(parts[2])),
              parts[3].count == 4, let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = CivilDate.days(year: Int64(year), month: Int64(monthIndex + 1), day: Int64(day))
        self.seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }
}
