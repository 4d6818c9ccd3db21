/// Text for people in a terminal, knowing nothing of news: tables and cards that stay aligned with Arabic text.
/// User text is shown as stored (never reversed or reshaped), each cell wrapped in
/// FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE so a right-to-left cell cannot
/// reorder its neighbours; padding stays outside the isolate.
public enum Display {
    public static let isolateStart = "\u{2068}"
    public static let isolateEnd = "\u{2069}"

    public static func isolated(_ text: String) -> String { isolateStart + text + isolateEnd }

    /// Terminal columns `text` takes: vowel marks, joiners and direction marks take
    /// none; wide East Asian characters take two. Counted per scalar (a base letter and its
    /// marks are one column either way), with each scalar's width looked up once.
    public static func width(_ text: String) -> Int {
        var widths = ScalarWidths()
        return width(text, using: &widths)
    }

    static func width(_ text: String, using widths: inout ScalarWidths) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var columns = 0
        for scalar in text.unicodeScalars { columns += widths.width(of: scalar) }
        return columns
    }

    /// Memoises the Unicode property lookups, which are slow next to everything else here.
    struct ScalarWidths {
        private var known: [UInt32: Int] = [:]

        mutating func width(of scalar: Unicode.Scalar) -> Int {
            if scalar.value >= 0x20 && scalar.value < 0x7F { return 1 }
            if let width = known[scalar.value] { return width }
            let width = Display.isZeroWidth(scalar) ? 0 : (Display.isWide(scalar) ? 2 : 1)
            known[scalar.value] = width
            return width
        }
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// A cell of a table: user text is isolated, our own words are not.
public struct Cell: Sendable {
    public let text: String
    public let isUserText: Bool

    public init(text: String, isUserText: Bool) {
        self.text = text
        self.isUserText = isUserText
    }

    public static func user(_ text: String?) -> Cell { Cell(text: text ?? "—", isUserText: text != nil) }
    public static func plain(_ text: String) -> Cell { Cell(text: text, isUserText: false) }
}

public struct Table: Sendable {
    public let headers: [String]
    public var rows: [[Cell]] = []

    public init(headers: [String], rows: [[Cell]] = []) {
        self.headers = headers
        self.rows = rows
    }

    public func rendered() -> String {
        let all = [headers.map(Cell.plain)] + rows
        var cache = Display.ScalarWidths()
        let cellWidths = all.map { $0.map { Display.width($0.text, using: &cache) } }  // once per cell
        var widths = [Int](repeating: 0, count: headers.count)
        for row in cellWidths {
            for (index, width) in row.enumerated() { widths[index] = max(widths[index], width) }
        }
        return zip(all, cellWidths).map { cells, cellWidth in
            cells.enumerated().map { index, cell in
                let text = cell.isUserText ? Display.isolated(cell.text) : cell.text
                let padding = index == cells.count - 1 ? 0 : widths[index] - cellWidth[index]
                return text + String(repeating: " ", count: max(0, padding))
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

/// Label: value lines, labels aligned.
public struct Card: Sendable {
    public var lines: [(label: String, cell: Cell)] = []

    public init() {}

    public mutating func add(_ label: String, _ cell: Cell) { lines.append((label, cell)) }

    public func rendered() -> String {
        let width = lines.map { Display.width($0.label) }.max() ?? 0
        return lines.map { label, cell in
            let text = cell.isUserText ? Display.isolated(cell.text) : cell.text
            return label + ":" + String(repeating: " ", count: width - Display.width(label) + 1) + text
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
