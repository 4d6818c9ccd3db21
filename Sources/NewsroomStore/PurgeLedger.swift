import NewsroomCore
import PostgresClient

/// How far each purge hook has told its cache (Migrations/0013's `purge_progress`), so a
/// worker that stops, crashes or loses its database resumes at the first change it had not
/// finished: at least once, never skipped. One worker per hook at a time (a session lock).
public final class PurgeLedger {
    let session: NewsroomSession
    var connection: PostgresConnection { session.connection }

    public init(session: NewsroomSession) {
        self.session = session
    }

    /// On the connection a reader store holds (the worker reads changes and keeps progress
    /// on one connection, so its session lock lives exactly as long as its reading).
    public convenience init(sharingConnectionOf reader: ReaderStore) {
        self.init(session: reader.session)
    }

    /// Takes the hook for this connection's life and returns the last change it finished. A
    /// hook seen for the first time starts at the newest change (the caches hold nothing older
    /// than its start), or at the record's beginning with `fromStart`.
    public func claim(hook: String, fromStart: Bool) throws -> Int64 {
        let taken: Bool = try connection.queryOne(
            "SELECT pg_try_advisory_lock(hashtextextended('newsroom.purge:' || $1, 0)) AS taken", [hook]
        ).decode("taken")
        guard taken else {
            throw NewsroomError(.conflict, "another purge worker is running for the hook \"\(hook)\"; stop it first, or give this one another --name")
        }
        return try connection.transaction {
            try connection.query(
                """
                INSERT INTO purge_progress (hook, through)
                VALUES ($1, CASE WHEN $2 THEN 0 ELSE (SELECT coalesce(max(id), 0) FROM reader_changes) END)
                ON CONFLICT (hook) DO NOTHING
                """,
                [hook, fromStart]
            )
            return try connection.queryOne("SELECT through FROM purge_progress WHERE hook = $1", [hook]).decode("through")
        }
    }

    /// Every change up to `id` is told.
    public func finished(hook: String, through id: Int64) throws {
        try connection.query("UPDATE purge_progress SET through = $2, updated_at = now() WHERE hook = $1 AND through < $2", [hook, id])
    }
}
