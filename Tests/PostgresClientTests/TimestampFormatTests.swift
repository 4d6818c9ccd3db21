import Foundation
import PostgresClient
import Testing

@Suite("timestamptz text, without a database")
struct TimestampFormatTests {
    @Test("formatting and parsing agree", arguments: [
        0.0, 1_691_076_420.123456, -2_208_988_800.5, 951_782_400.000001, 4_102_444_799.999999, -62_135_596_800.0,
    ])
    func roundTrip(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = PostgresTimestamp.format(date)
        let parsed = try #require(PostgresTimestamp.parse(text))
        #expect(Int64((parsed.timeIntervalSince1970 * 1e6).rounded()) == Int64((seconds * 1e6).rounded()), "\(text)")
    }

    @Test("known values")
    func known() throws {
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 1_691_076_420.5)) == "2023-08-03 15:27:00.500000+00")
        #expect(PostgresTimestamp.parse("2023-08-03 18:27:00+03")?.timeIntervalSince1970 == 1_691_076_420)
        #expect(PostgresTimestamp.parse("1900-01-01 00:19:32+00:19:32")?.timeIntervalSince1970 == -2_208_988_800)
        #expect(PostgresTimestamp.parse("2023-08-03 10:57:00-04:30")?.timeIntervalSince1970 == 1_691_076_420)
        for bad in ["", "2023-08-03", "2023-08-03 25:00:00+00", "2023-13-01 00:00:00+00", "yesterday", "2023-08-03 10:57:00+0x"] {
            #expect(PostgresTimestamp.parse(bad) == nil, "\(bad)")
        }
    }
}
