import NewsroomCore

/// What XML 1.0 (and HTML's parser) cannot carry never leaves the site. That is what the
/// core calls never text (`EditorialText.isNeverText`: controls but tab and LF, and
/// Unicode's noncharacters), less CR, which XML allows. The core refuses it in new text; a
/// text stored before that rule may still hold some, and each becomes U+FFFD here, so one
/// story can never make a feed, a sitemap or a page malformed.
public enum XMLSafe {
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\r" && EditorialText.isNeverText(scalar)
    }

    public static func clean(_ value: String) -> String {
        guard EditorialText.mayHoldNeverText(value.utf8), value.unicodeScalars.contains(where: isForbidden) else { return value }
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars { scalars.append(isForbidden(scalar) ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }

    /// A JSON document (ninjs, JSON-LD) with every string cleaned: JSON could carry the
    /// characters escaped, but whoever turns the document into XML or HTML could not.
    public static func clean(_ document: JSON) -> JSON {
        document.mappingStrings(clean)
    }
}
