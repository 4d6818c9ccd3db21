#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A story's body as readers see it: paragraphs, and `## ` lines as subheadings.
public enum BodyBlock: Sendable, Equatable {
    case paragraph(String)
    case subheading(String)

    /// Blank lines and line ends both end a paragraph (reporters paste text with either);
    /// white space at either end of a line is dropped, the text itself is kept as written.
    /// Lines are cut on the UTF-8 bytes (`\n`, `\r`): a body is read in one pass, not
    /// character by character (an archive export reads a million of them).
    public static func blocks(of body: String) -> [BodyBlock] {
        var blocks: [BodyBlock] = []
        let utf8 = body.utf8
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        func take(_ end: String.UTF8View.Index) {
            guard lineStart < end else { return }
            let line = Substring(body.unicodeScalars[lineStart..<end]).trimmedOfWhitespace()
            if line.isEmpty { return }
            if line.utf8.starts(with: "## ".utf8) {
                let heading = line.dropFirst(3).trimmedOfWhitespace()
                if !heading.isEmpty { blocks.append(.subheading(String(heading))) }
            } else {
                blocks.append(.paragraph(String(line)))
            }
        }
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                take(index)
                lineStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        take(utf8.endIndex)
        return blocks
    }
}

extension Substring {
    /// Without Unicode White_Space at either end (as `String.trimmingWhitespace`), without copying.
    func trimmedOfWhitespace() -> Substring {
        var scalars = unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return Substring(scalars)
    }
}
