-- Fire the per-row triggers on stories only when they have something to check, so bulk
-- changes that cannot concern them (the scheduler publishing thousands of stories) do not
-- pay for a PL/pgSQL call per row. The WHEN conditions are evaluated in C by the server.

-- Revisions: on insert, and on updates that change the text.
DROP TRIGGER stories_keep_revision ON stories;
CREATE TRIGGER stories_keep_revision_insert AFTER INSERT ON stories
    FOR EACH ROW EXECUTE FUNCTION stories_keep_revision();
CREATE TRIGGER stories_keep_revision_update AFTER UPDATE OF headline, section, dateline, body ON stories
    FOR EACH ROW
    WHEN (OLD.headline IS DISTINCT FROM NEW.headline OR OLD.section IS DISTINCT FROM NEW.section
          OR OLD.dateline IS DISTINCT FROM NEW.dateline OR OLD.body IS DISTINCT FROM NEW.body)
    EXECUTE FUNCTION stories_keep_revision();

-- Ticker links: only a story leaving publication (or a schedule) can strand a line.
DROP TRIGGER stories_check_ticker_links ON stories;
CREATE CONSTRAINT TRIGGER stories_check_ticker_links AFTER UPDATE OF status, publish_at ON stories
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (OLD.status IN ('published', 'scheduled') AND (NEW.status <> 'published' OR OLD.publish_at IS DISTINCT FROM NEW.publish_at))
    EXECUTE FUNCTION stories_check_ticker_links();

-- The history check looks a version up directly.
CREATE INDEX story_history_story_version ON story_history (story_id, version);
