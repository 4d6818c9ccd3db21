/// The top-level fields IPTC's ninjs schemas allow (1.6: `properties` and its three
/// `patternProperties`; 2.2: `ninjsType`'s `properties`, nothing else evaluated). Both schemas
/// refuse any other field, so the reader does too; a test reads the two schema files and holds
/// these lists to them.
public enum NinjsSchema {
    public static let version1: Set<String> = [
        "$standard", "altids", "associations", "byline", "charcount", "contentcreated", "copyrightholder",
        "copyrightnotice", "digitalsourcetype", "ednote", "embargoed", "event", "expires", "firstcreated",
        "genre", "headline", "infosource", "language", "located", "mimetype", "object", "organisation",
        "person", "place", "profile", "pubstatus", "renditions", "representationtype", "rightsinfo",
        "slugline", "subject", "title", "trustindicator", "type", "urgency", "uri", "usageterms",
        "version", "versioncreated", "wordcount",
    ]
    /// 1.6's `patternProperties`: `^description_[a-zA-Z0-9_]+` and the same for body and headline.
    public static let version1Prefixes = ["description_", "body_", "headline_"]
    public static let version2: Set<String> = [
        "altids", "associations", "bodies", "by", "contentcreated", "copyrightholder", "copyrightnotice",
        "descriptions", "digitalsourcetype", "ednote", "embargoed", "events", "expires", "firstcreated",
        "genres", "headlines", "infosources", "language", "located", "objects", "organisations", "people",
        "places", "profile", "pubstatus", "renditions", "representationtype", "rightsinfo", "slugline",
        "standard", "subjects", "title", "trustindicators", "type", "urgency", "uri", "usageterms",
        "version", "versioncreated",
    ]

    /// The fields either schema types as a plain string, or a number; and those it formats as a
    /// date-time (RFC 3339) and, `uri`, as a URI (RFC 3986).
    public static let stringFields: Set<String> = [
        "by", "byline", "contentcreated", "copyrightholder", "copyrightnotice", "ednote", "embargoed", "expires",
        "firstcreated", "headline", "language", "located", "mimetype", "profile", "pubstatus", "representationtype",
        "slugline", "title", "type", "uri", "usageterms", "version", "versioncreated",
    ]
    public static let numberFields: Set<String> = ["charcount", "urgency", "wordcount"]
    public static let dateTimeFields: Set<String> = ["contentcreated", "embargoed", "expires", "firstcreated", "versioncreated"]

    /// RFC 3339's date-time as the schemas' format checker reads it (T and Z in either case).
    static func isDateTime(_ text: String) -> Bool {
        let shape = /^\d{4}-(0[1-9]|1[0-2])-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/
        return text.uppercased().wholeMatch(of: shape) != nil && WireTime.parse(text) != nil
    }

    /// An absolute URI: a scheme, then only the characters RFC 3986 allows, `%` before two hex digits.
    static func isURI(_ text: String) -> Bool {
        let shape = /^[A-Za-z][A-Za-z0-9+.\-]*:([A-Za-z0-9\-._~:\/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/
        return text.wholeMatch(of: shape) != nil
    }

    static func isVersion1(_ key: String) -> Bool {
        if version1.contains(key) { return true }
        guard let prefix = version1Prefixes.first(where: { key.hasPrefix($0) }) else { return false }
        let rest = key.utf8.dropFirst(prefix.utf8.count)
        return !rest.isEmpty && rest.allSatisfy { $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// The fields neither schema allows, if any: a document must fit one of them whole.
    static func unknownFields(_ keys: some Collection<String>) -> [String] {
        let outside1 = keys.filter { !isVersion1($0) }
        if outside1.isEmpty { return [] }
        let outside2 = keys.filter { !version2.contains($0) }
        if outside2.isEmpty { return [] }
        return (outside1.count <= outside2.count ? outside1 : outside2).sorted()
    }
}
