import Foundation
import NewsroomCore
import PostgresClient
import TestSupport
import Testing

/// The site's settings are one rule: the core's `NewsroomSetting.validate` decides, and the
/// database's `site_settings_valid` check (Migrations/0011) takes exactly what it takes.
@Suite("site settings: core and database agree")
struct SiteSettingParityTests {
    static let candidates: [NewsroomSetting: [String]] = [
        // Lengths as everywhere (the README's "one rule" design): the core counts characters,
        // the database its ceiling of four code points a character; the candidates are the
        // limit (with four code points a character) and past the ceiling.
        .siteName: ["بغداد اليوم", "Baghdad Today", String(repeating: "ب", count: 100), String(repeating: "بَّٰ", count: 100),
                    String(repeating: "ب", count: 401), "", " leading", "a\u{2067}b", "line\nbreak"],
        .siteLanguage: ["ar", "en", "ar-IQ", "ckb", "zh-Hant-TW", "AR", "arabic", "a", "ar_IQ", "ar-", "ar-toolongsubtag"],
        .siteDirection: ["rtl", "ltr", "RTL", "auto", ""],
        .siteBaseURL: ["https://news.example.com", "http://127.0.0.1:8080", "https://x.example/ar/news", "https://x.example/a%20b",
                       "ftp://x.example", "https://", "https://x.example/?q", "https://x.example:99999", "https://exa mple.com",
                       "https://x.example:80a"],
        .siteExternalLinks: ["follow", "nofollow", "ugc", "nofollow ugc", "ugc nofollow", "NOFOLLOW", "", "sponsored"],
        .siteMaxAge: ["0", "10", "86400", "86401", "-1", "1.5", "ten", "000010"],
        .wireRetention: ["1", "30", "3650", "3651", "0", "030", "-1", "7.5", "thirty", "", " 30", "١٠"],
    ]

    @Test("every candidate value: the database stores it exactly when the core accepts it as written")
    func agree() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            for (setting, values) in Self.candidates {
                for value in values {
                    let coreAccepts = (try? setting.validate(value)) == value
                    var databaseAccepts = true
                    do {
                        try connection.transaction(rollback: true) {
                            try connection.query("INSERT INTO settings (key, value) VALUES ($1, $2)", [setting.rawValue, value])
                        }
                    } catch let error as PostgresError where error.serverError?.sqlState == .checkViolation {
                        databaseAccepts = false
                    }
                    #expect(coreAccepts == databaseAccepts, "\(setting.rawValue) = \"\(value)\": core \(coreAccepts), database \(databaseAccepts)")
                }
            }
        }
    }
}
