-- The durable record of changes readers could see: one row per story published, corrected,
-- moved or withdrawn, per ticker line written, and per section, byline or site-setting change,
-- numbered in commit order. Servers follow it (on a hot standby too, where LISTEN is not
-- available), the ticker stream takes its event ids from it, and the purge worker tells the
-- caches in front what to drop, resuming where it stopped.
CREATE TABLE reader_changes (
    id bigint PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    kind text NOT NULL CONSTRAINT reader_change_kind CHECK (kind IN ('story', 'ticker', 'site')),
    story_id bigint REFERENCES stories (id),
    -- The sections whose pages showed or show the story (before and after a move).
    sections text[],
    -- When the story was first published: which month of the archive lists it.
    published_at timestamptz,
    -- Whether the live strip may read differently after this change.
    ticker boolean NOT NULL,
    CONSTRAINT reader_change_story CHECK ((kind = 'story') = (story_id IS NOT NULL)),
    CONSTRAINT reader_change_story_details CHECK (kind = 'story' OR (sections IS NULL AND published_at IS NULL))
);
CREATE SEQUENCE reader_changes_id OWNED BY reader_changes.id;
CREATE INDEX reader_changes_ticker ON reader_changes (id) WHERE ticker;

-- Appended at commit (deferred triggers), one writer at a time from the first append to its
-- commit: the numbers then follow commit order, so a follower that has read up to N never
-- sees a smaller number appear later. Taken at commit, after every row lock the transaction
-- needs, so the lock cannot join a deadlock.
CREATE FUNCTION reader_changes_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    change_kind text := 'site';
    story bigint;
    shown_in text[];
    first_published timestamptz;
    strip boolean := false;
BEGIN
    LOCK TABLE reader_changes IN EXCLUSIVE MODE;
    IF TG_TABLE_NAME = 'stories' THEN
        change_kind := 'story';
        story := NEW.id;
        shown_in := CASE WHEN OLD.section IS DISTINCT FROM NEW.section THEN ARRAY[OLD.section, NEW.section] ELSE ARRAY[NEW.section] END;
        first_published := coalesce(NEW.published_at, OLD.published_at);
        strip := EXISTS (SELECT 1 FROM ticker_items i WHERE i.story_id = NEW.id);
    ELSIF TG_TABLE_NAME = 'ticker_items' THEN
        -- A new line is news for the front page and the strip's API; a line cancelled, ended
        -- or changed was on every page (a line taken back for legal reasons must leave them all).
        change_kind := CASE WHEN TG_OP = 'INSERT' THEN 'ticker' ELSE 'site' END;
        strip := true;
    ELSIF TG_TABLE_NAME = 'settings' THEN
        strip := true;  -- the time zone the strip's times are written in
    END IF;
    INSERT INTO reader_changes (id, kind, story_id, sections, published_at, ticker)
    VALUES (nextval('reader_changes_id'), change_kind, story, shown_in, first_published, strip);
    RETURN NULL;
END $$;

-- The same changes the notifications of 0011 announce, row by row.
CREATE CONSTRAINT TRIGGER stories_record_reader_change AFTER UPDATE ON stories
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.status IN ('published', 'withdrawn') OR OLD.status = 'published')
    EXECUTE FUNCTION reader_changes_record();
CREATE CONSTRAINT TRIGGER ticker_items_record_reader_change AFTER INSERT OR UPDATE ON ticker_items
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reader_changes_record();
CREATE CONSTRAINT TRIGGER sections_record_reader_change AFTER INSERT OR UPDATE ON sections
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reader_changes_record();
CREATE CONSTRAINT TRIGGER staff_record_reader_change AFTER UPDATE ON staff
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION reader_changes_record();
CREATE CONSTRAINT TRIGGER settings_record_reader_change AFTER INSERT OR UPDATE ON settings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.key = 'timezone' OR NEW.key LIKE 'site.%')
    EXECUTE FUNCTION reader_changes_record();

CREATE VIEW reader.changes AS
SELECT id, at, kind, story_id, sections, published_at, ticker FROM reader_changes;

-- The strip's state, for the ticker stream's event ids: the newest change that may have
-- altered it, and the newest start or end it has passed by the clock. Both only grow, so
-- (change, boundary) orders states, and any server on the primary or a standby names the
-- same state alike.
CREATE INDEX ticker_items_end ON ticker_items (ends_at) WHERE cancelled_at IS NULL;
CREATE VIEW reader.ticker_state AS
SELECT coalesce((SELECT max(c.id) FROM reader_changes c WHERE c.ticker), 0) AS change,
       greatest((SELECT max(i.starts_at) FROM ticker_items i WHERE i.starts_at <= now() AND i.cancelled_at IS NULL),
                (SELECT max(i.ends_at) FROM ticker_items i WHERE i.ends_at <= now() AND i.cancelled_at IS NULL)) AS boundary;

-- How far each purge hook has told its cache, so a restarted worker resumes there.
CREATE TABLE purge_progress (
    hook text PRIMARY KEY CONSTRAINT purge_hook_is_line CHECK (newsroom_is_line(hook, 200)),
    through bigint NOT NULL CONSTRAINT purge_through_not_negative CHECK (through >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Logins already given the reader views get the new ones too.
DO $$
DECLARE
    login name;
BEGIN
    FOR login IN
        SELECT r.rolname FROM pg_roles r
         WHERE NOT r.rolsuper AND has_schema_privilege(r.oid, 'reader', 'USAGE')
           AND r.oid <> (SELECT n.nspowner FROM pg_namespace n WHERE n.nspname = 'reader')
    LOOP
        EXECUTE format('GRANT SELECT ON reader.changes, reader.ticker_state TO %I', login);
    END LOOP;
END $$;
