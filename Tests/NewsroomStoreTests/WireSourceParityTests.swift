import Foundation
@_spi(RuleParity) @testable import NewsroomStore
import NewsroomCore
import Testing
import TestSupport

/// A wire source's limits are one rule: `WireRules.checkSource` decides, and 0032/0035's checks
/// on wire_sources store exactly what it takes. The candidates come from the core's own ranges
/// (each bound and one past it) and limits, and from the edges of an address and a folder.
@Suite("wire sources: core and database agree")
struct WireSourceParityTests {
    typealias Candidate = (place: WireRules.Place, location: String, poll: Int, settle: Int, maxBytes: Int)

    static var candidates: [Candidate] {
        func around(_ range: ClosedRange<Int>) -> [Int] { [range.lowerBound - 1, range.lowerBound, range.upperBound, range.upperBound + 1] }
        var all: [Candidate] = []
        all += around(WireRules.pollRange).map { (.folder, "/srv/wire", $0, 2, WireRules.defaultMaxBytes) }
        all += around(WireRules.settleRange).map { (.folder, "/srv/wire", 60, $0, WireRules.defaultMaxBytes) }
        all += around(WireRules.maxBytesRange).map { (.folder, "/srv/wire", 60, 2, $0) }
        let bytes = WireRules.locationBytes
        let folders = ["/srv/wire", "srv/wire", "", "/a b", "/a\u{A0}b", "/a\tb", "/a\u{7F}", "/a\u{85}b", "/a\u{9F}", "/a\u{A0}",
                       "/" + String(repeating: "a", count: bytes - 1), "/" + String(repeating: "a", count: bytes),
                       "/" + String(repeating: "ب", count: (bytes - 2) / 2), "/" + String(repeating: "ب", count: bytes / 2)]
        let addresses = ["http://x", "https://x.example/feed?q=1", "http://", "https://", "http:///x", "http://?x", "http://#x",
                         "http:// x", "http://x/a b", "http://x/a\tb", "ftp://x", "HTTP://x", "http:x", "http://x\u{3000}y",
                         "https://x\u{A0}", "https://بغداد.example/خبر"]
        all += folders.map { (.folder, $0, 60, 2, WireRules.defaultMaxBytes) }
        all += addresses.map { (.url, $0, 60, 2, WireRules.defaultMaxBytes) }
        return all
    }

    @Test("every candidate source: the database stores it exactly when the core accepts it")
    func agree() throws {
        try NewsroomFixture.with { fixture in
            let newsroom = try RuleParityTests.Newsroom(fixture)
            let chief = newsroom.actor("huda")
            for (index, candidate) in Self.candidates.enumerated() {
                let core = RuleParityTests.core {
                    try WireRules.checkSource(candidate.place, location: candidate.location, pollSeconds: candidate.poll,
                                              settleSeconds: candidate.settle, maxBytes: candidate.maxBytes)
                }
                let source = WireSource(name: WireSourceName(rawValue: "parity-\(index)"), kind: candidate.place == .folder ? .folder : .url,
                                        location: candidate.location, pollSeconds: candidate.poll, settleSeconds: candidate.settle,
                                        maxBytes: candidate.maxBytes)
                let database = try RuleParityTests.database { try newsroom.bypass.addWireSource(source, by: chief) }
                #expect(core.isAllowed == database.isAllowed,
                        "\(candidate.place) \(candidate.location.debugDescription.prefix(60)) poll \(candidate.poll) settle \(candidate.settle) max \(candidate.maxBytes): core \(core), database \(database)")
            }
        }
    }
}
