import NewsroomViews

/// Results on stdout: JSON as the shared shapes render it.
public enum Output {
    public static func print(_ json: JSON) { Swift.print(json.rendered()) }

    /// After a page of a listing that has more: on stderr, so that stdout stays the listing.
    public static func noteMore(_ things: String, shown: Int, lastID: String) {
        Terminal.note("more \(things) follow these \(shown); see them with the same command and --after \(lastID), or raise --limit")
    }
}
