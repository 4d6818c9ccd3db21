/// A word-level diff of two texts, as a desk reads a change: which words went, which came,
/// and everything else as it stood. The texts are cut into words (letters, digits and the
/// marks on them: a vowelled Arabic word is one word), runs of white space, and single
/// punctuation marks; the runs of a diff joined give back each text exactly.
public enum WordDiff {
    public enum Change: String, Sendable, Equatable {
        case same, deleted, inserted
    }

    public struct Run: Sendable, Equatable {
        public let change: Change
        public let text: String

        public init(_ change: Change, _ text: String) {
            self.change = change
            self.text = text
        }
    }

    /// Above this many token pairs between the common start and end, the middle is shown as
    /// one deletion and one insertion (a rewrite, not an edit; keeps the table's memory small).
    public static let comparedPairsLimit = 4_000_000

    /// The runs that turn `old` into `new`, deletions before insertions at each place.
    public static func runs(from old: String, to new: String) -> [Run] {
        let a = tokens(old), b = tokens(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, same(a[prefix], b[prefix]) { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, same(a[a.count - 1 - suffix], b[b.count - 1 - suffix]) { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])

        var runs: [Run] = a[..<prefix].map { Run(.same, $0) }
        if middleA.count * middleB.count > comparedPairsLimit {
            runs += middleA.map { Run(.deleted, $0) } + middleB.map { Run(.inserted, $0) }
        } else {
            runs += commonSubsequence(middleA, middleB)
        }
        runs += a[(a.count - suffix)...].map { Run(.same, $0) }
        return merged(runs)
    }

    /// Whether the two texts differ at all.
    public static func changed(_ runs: [Run]) -> Bool { runs.contains { $0.change != .same } }

    /// The runs for a terminal or a pipe, as git's word diff writes them: [-gone-] and {+new+}.
    public static func plain(_ runs: [Run]) -> String {
        runs.map { run in
            switch run.change {
            case .same: run.text
            case .deleted: "[-" + run.text + "-]"
            case .inserted: "{+" + run.text + "+}"
            }
        }.joined()
    }

    /// Byte for byte: Swift's == would call two spellings of one character equal, and the
    /// diff must give back each text exactly as stored.
    static func same(_ x: String, _ y: String) -> Bool { x.utf8.elementsEqual(y.utf8) }

    /// Words, white space and punctuation, in order; joined they are the text.
    static func tokens(_ text: String) -> [String] {
        enum Kind { case word, space, mark }
        func kind(_ character: Character) -> Kind {
            if character.isWhitespace { return .space }
            if character.isLetter || character.isNumber || character.unicodeScalars.allSatisfy(isInsideWord) { return .word }
            return .mark
        }
        var tokens: [String] = []
        var current = ""
        var currentKind: Kind?
        for character in text {
            let next = kind(character)
            if next == currentKind, next != .mark {
                current.append(character)
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = String(character)
                currentKind = next
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Marks, tatweel and joiners written on their own still belong to the word they sit in.
    static func isInsideWord(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return scalar.value == 0x0640 || scalar.value == 0x200C || scalar.value == 0x200D
        }
    }

    /// The longest common subsequence by a table of lengths, read back from the start.
    static func commonSubsequence(_ a: [String], _ b: [String]) -> [Run] {
        let n = a.count, m = b.count
        guard n > 0, m > 0 else { return a.map { Run(.deleted, $0) } + b.map { Run(.inserted, $0) } }
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i][j] = same(a[i], b[j]) ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var runs: [Run] = []
        var i = 0, j = 0
        while i < n, j < m {
            if same(a[i], b[j]) {
                runs.append(Run(.same, a[i])); i += 1; j += 1
            } else if lengths[i + 1][j] >= lengths[i][j + 1] {
                runs.append(Run(.deleted, a[i])); i += 1
            } else {
                runs.append(Run(.inserted, b[j])); j += 1
            }
        }
        runs += a[i...].map { Run(.deleted, $0) } + b[j...].map { Run(.inserted, $0) }
        return runs
    }

    /// Neighbouring runs of one kind joined; at each place of change, what went before what
    /// came; a space alone between two changes joins them (one change reads better than two).
    static func merged(_ runs: [Run]) -> [Run] {
        var joined: [Run] = []
        for run in runs where !run.text.isEmpty {
            if let last = joined.last, last.change == run.change {
                joined[joined.count - 1] = Run(run.change, last.text + run.text)
            } else {
                joined.append(run)
            }
        }
        // Deletions and insertions that alternate within one place of change, grouped.
        var grouped: [Run] = []
        var index = 0
        while index < joined.count {
            guard joined[index].change != .same else { grouped.append(joined[index]); index += 1; continue }
            var deleted = "", inserted = ""
            while index < joined.count {
                let run = joined[index]
                if run.change == .deleted { deleted += run.text }
                else if run.change == .inserted { inserted += run.text }
                else if run.text.allSatisfy(\.isWhitespace), index + 1 < joined.count, joined[index + 1].change != .same {
                    deleted += run.text; inserted += run.text
                } else { break }
                index += 1
            }
            // White space both sides begin or end with is no change (a space taken in above, or
            // one the table matched elsewhere): it stands outside the marks.
            let (before, gone, came, after) = Self.sharedSpace(deleted, inserted)
            for run in [Run(.same, before), Run(.deleted, gone), Run(.inserted, came), Run(.same, after)] where !run.text.isEmpty {
                if let last = grouped.last, last.change == .same, run.change == .same {
                    grouped[grouped.count - 1] = Run(.same, last.text + run.text)
                } else {
                    grouped.append(run)
                }
            }
        }
        // Same runs split by the steps above, joined again.
        var result: [Run] = []
        for run in grouped {
            if let last = result.last, last.change == run.change {
                result[result.count - 1] = Run(run.change, last.text + run.text)
            } else {
                result.append(run)
            }
        }
        return result
    }

    /// The white space two texts share at their start and at their end, and what is between.
    static func sharedSpace(_ a: String, _ b: String) -> (String, String, String, String) {
        var a = Array(a), b = Array(b)
        var start = 0
        while start < a.count, start < b.count, a[start].isWhitespace, same(String(a[start]), String(b[start])) { start += 1 }
        let before = String(a[..<start])
        a.removeFirst(start); b.removeFirst(start)
        var end = 0
        while end < a.count, end < b.count, a[a.count - 1 - end].isWhitespace, same(String(a[a.count - 1 - end]), String(b[b.count - 1 - end])) { end += 1 }
        let after = String(a[(a.count - end)...])
        return (before, String(a[..<(a.count - end)]), String(b[..<(b.count - end)]), after)
    }
}

/// What changed in a story's text between two of its versions, field by field.
public struct StoryDiff: Sendable, Equatable {
    public let id: StoryID
    public let from: Int
    public let to: Int
    public let headline: [WordDiff.Run]
    public let dateline: [WordDiff.Run]
    public let body: [WordDiff.Run]
    /// The section each version was in.
    public let sections: (from: SectionSlug, to: SectionSlug)

    public init(id: StoryID, from old: Story, to new: Story) {
        self.id = id
        from = old.version
        to = new.version
        headline = WordDiff.runs(from: old.headline, to: new.headline)
        dateline = WordDiff.runs(from: old.dateline ?? "", to: new.dateline ?? "")
        body = WordDiff.runs(from: old.body, to: new.body)
        sections = (old.section, new.section)
    }

    /// Whether anything a reader sees differs.
    public var changed: Bool {
        WordDiff.changed(headline) || WordDiff.changed(dateline) || WordDiff.changed(body) || sections.from != sections.to
    }

    public static func == (lhs: StoryDiff, rhs: StoryDiff) -> Bool {
        lhs.id == rhs.id && lhs.from == rhs.from && lhs.to == rhs.to && lhs.headline == rhs.headline && lhs.dateline == rhs.dateline
            && lhs.body == rhs.body && lhs.sections == rhs.sections
    }
}
