/// Writing HTML safely: every piece of user text goes through `text` or `attribute`, which
/// escape what HTML gives meaning to. Direction is the page's business (`dir`, `bdi`), not
/// the escaper's: bidirectional controls in user text are kept and isolated by the markup.
struct HTML {
    private(set) var output = ""

    init(capacity: Int = 8192) {
        output.reserveCapacity(capacity)
    }

    /// Markup written by the site itself (never user text).
    mutating func raw(_ markup: String) {
        output += markup
    }

    /// User text as element content.
    mutating func text(_ value: String) {
        output += HTML.escape(value)
    }

    static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count + 16)
        for character in value.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
