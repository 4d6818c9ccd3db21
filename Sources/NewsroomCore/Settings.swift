/// Settings kept in the database (`newsroom config`).
public enum NewsroomSetting: String, Sendable, CaseIterable {
    case timezone
    /// How long a ticker line shows when neither --until nor --for is given.
    case tickerDuration = "ticker.duration"

    public var defaultValue: String {
        switch self {
        case .timezone: "UTC"
        case .tickerDuration: "1h"
        }
    }

    public static func parse(_ text: String) throws(NewsroomError) -> NewsroomSetting {
        guard let key = NewsroomSetting(rawValue: text) else {
            throw .invalid("setting", "\"\(text)\" is not a setting; settings are: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return key
    }

    public static func notAZone(_ value: String) -> NewsroomError {
        .invalid("timezone", "\"\(value)\" is not a time zone; use an IANA name such as Asia/Baghdad or UTC")
    }

    /// The value as stored, or a refusal saying what the setting takes.
    public func validate(_ value: String) throws(NewsroomError) -> String {
        switch self {
        case .timezone:
            let trimmed = value.trimmingWhitespace()
            // The name's form here; whether PostgreSQL and this machine both know it, in the store.
            guard !trimmed.isEmpty, trimmed.contains("/") || trimmed == "UTC",
                  trimmed.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_+-/".unicodeScalars.contains($0)) }),
                  !trimmed.hasPrefix("/"), !trimmed.contains("..")
            else {
                throw NewsroomSetting.notAZone(value)
            }
            return trimmed
        case .tickerDuration:
            let trimmed = value.trimmingWhitespace()
            _ = try NewsroomTime.duration(trimmed, field: "ticker.duration", max: TickerRules.longestWindow)
            return trimmed
        }
    }
}
