extension ArticleParser {
    /// GFM's tables and footnotes are not CommonMark: cmark reads them as text. Refused by name,
    /// not shown as pipes and carets: a table's delimiter row, a footnote's `[^`. On the bytes.
    func refuseTablesAndFootnotes() throws(BodyRefusal) {
        var line = 1, escaped = false, openBracket = false
        var onlyDelimiters = true, pipe = false, dash = false
        func endLine() throws(BodyRefusal) {
            if onlyDelimiters, pipe, dash { throw BodyRefusal(.table, line: line) }
        }
        for byte in source.utf8 {
            if byte == 0x0A {
                try endLine()
                line += 1; escaped = false; openBracket = false; onlyDelimiters = true; pipe = false; dash = false
                continue
            }
            if openBracket, byte == 0x5E { throw BodyRefusal(.footnote, line: line) }
            openBracket = !escaped && byte == 0x5B
            escaped = !escaped && byte == 0x5C
            switch byte {
            case 0x7C: pipe = true
            case 0x2D: dash = true
            case 0x3A, 0x20, 0x09: break
            default: onlyDelimiters = false
            }
        }
        try endLine()
    }
}
