import Foundation
import PostgresClient
import Testing

@Suite("timestamptz text, without a database")
struct TimestampFormatTests {
    @Test("formatting and parsing agree", arguments: [
        0.0, 1_691_076_420.123456, -2_208_988_800.5, 951_782_400.000001, 4_102_444_799.999999, -62_135_596_800.0, 253_402_300_800.5, -62_198_755_200.0,
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
        // Whatever PostgreSQL returns: five- and six-digit years, BC (no year 0), infinity.
        #expect(PostgresTimestamp.parse("10000-01-01 00:00:00+00")?.timeIntervalSince1970 == 253_402_300_800)
        #expect(PostgresTimestamp.parse("294276-12-31 23:59:59+00") != nil)
        #expect(PostgresTimestamp.parse("0001-12-31 00:00:00+00 BC")?.timeIntervalSince1970 == -62_135_683_200)
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: -62_135_683_200)) == "0001-12-31 00:00:00+00 BC")
        #expect(PostgresTimestamp.parse("infinity") == .distantFuture)
        for bad in ["", "2023-08-03", "0000-01-01 00:00:00+00", "2023-08-03 00:00:00+00 AD", "1234567-01-01 00:00:00+00", "2023-08-03 25:00:00+00", "2023-13-01 00:00:00+00", "yesterday", "2023-08-03 10:57:00+0x"] {
            #expect(PostgresTimestamp.parse(bad) == nil, "\(bad)")
        }
    }
}
