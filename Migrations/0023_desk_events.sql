-- `newsroom watch` (issue 18): what happens on the desk, as it happens. The record is what
-- the newsroom keeps anyway, append-only: the stories' history (created, submitted,
-- approved, published, withdrawn, …), the ticker's history and the notes. A statement that
-- adds to them notifies `newsroom_desk` with the table's name and nothing else (any login can
-- LISTEN, so a notification never carries text, not even an id); a watcher then reads what
-- is new from the tables with its own login's rights, and after a restart reads on from
-- where it was, so a notification lost while it was away loses nothing. One notification a
-- statement: the scheduler's batch of 500 publications sends one.
CREATE FUNCTION newsroom_desk_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('newsroom_desk', TG_TABLE_NAME);
    RETURN NULL;
END $$;

CREATE TRIGGER story_history_notify_desk AFTER INSERT ON story_history
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_desk_notify();
CREATE TRIGGER ticker_history_notify_desk AFTER INSERT ON ticker_history
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_desk_notify();
CREATE TRIGGER story_notes_notify_desk AFTER INSERT ON story_notes
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_desk_notify();
