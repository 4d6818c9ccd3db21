import Foundation
import Testing
import TestSupport

/// Sends every row of docs/refusals.md's "The desk" table to a real desk, so the document stays true.
@Suite("docs/refusals.md's desk rows, one by one, on a real desk")
struct DeskRefusalTableTests {
    struct Row: CustomStringConvertible, Sendable {
        let actor: String
        let method: String
        let path: String
        let form: [(String, String)]
        let status: Int
        let words: String
        var description: String { "\(actor): \(method) \(path)" }
    }

    static let rows: [Row] = {
        let url = Repository.root.appendingPathComponent("docs/refusals.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let section = text.components(separatedBy: "## The desk\n").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
        return section.split(separator: "\n").compactMap { line -> Row? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 7, let status = Int(cells[4]), cells[2].hasPrefix("`") else { return nil }
            let request = cells[2].dropFirst().dropLast().split(separator: " ", maxSplits: 1).map(String.init)
            let form: [(String, String)] = cells[3].isEmpty ? [] : cells[3].dropFirst().dropLast().split(separator: "&").map { pair -> (String, String) in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }
            return Row(actor: cells[1], method: request[0], path: request[1], form: form, status: status, words: String(cells[5].dropFirst().dropLast()))
        }
    }()

    @Test("every row: its status, its words in Arabic, what was typed kept, and no change anywhere")
    func rows() throws {
        #expect(Self.rows.count >= 20)
        try DeskFixture.with { fixture in
            let draft = try fixture.newsroom.draft(by: "layla", headline: "مسودة ليلى")
            var browsers: [String: DeskBrowser] = [:]
            for row in Self.rows {
                let browser = try browsers[row.actor] ?? fixture.browser(signedInAs: row.actor)
                browsers[row.actor] = browser
                let path = row.path.replacingOccurrences(of: "{draft}", with: draft)
                try browser.get("/")
                let before = try fixture.newsroom.database.snapshot()
                let answer = row.method == "GET" ? try browser.get(path) : try browser.post(path, row.form)
                #expect(answer.status == row.status, "\(row): \(answer.status)")
                #expect(answer.text.contains(row.words), "\(row): \(answer.text.components(separatedBy: "role=\"alert\"").dropFirst().first?.prefix(300) ?? "no refusal")")
                #expect(!answer.text.contains("رُفض الطلب: "), "\(row): a refusal without its Arabic")
                for (name, value) in row.form where !value.isEmpty && name != "password" && row.method == "POST" && answer.text.contains("class=\"editor\"") {
                    #expect(answer.text.contains(value) || !answer.text.contains("name=\"\(name)\""), "\(row): \(name) kept")
                }
                #expect(try fixture.newsroom.database.snapshot() == before, "\(row) changed something")
            }
        }
    }
}
