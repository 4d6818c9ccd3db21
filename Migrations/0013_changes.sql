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

-- Numbered at commit, one writer at a time from numbering to its commit: the numbers then
-- follow commit order, so a follower that has read up to N never sees a smaller number appear
-- later. Statements note their changes as they run, set-based (a scheduler batch of 500
-- stories is one insert); one deferred trigger a transaction numbers them at its commit,
-- after every row lock the transaction needs, so the lock it takes cannot join a deadlock.
-- Both tables are empty between transactions: unlogged, nothing in them outlives one.
CREATE UNLOGGED TABLE reader_changes_pending (
    txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    seq bigint GENERATED ALWAYS AS IDENTITY,
    kind text NOT NULL,
    story_id bigint,
    sections text[],
    published_at timestamptz,
    ticker boolean NOT NULL
);
CREATE INDEX reader_changes_pending_transaction ON reader_changes_pending (txid, seq);
CREATE UNLOGGED TABLE reader_changes_commits (txid xid8 PRIMARY KEY DEFAULT pg_current_xact_id());

CREATE FUNCTION reader_changes_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE reader_changes IN EXCLUSIVE MODE;
    INSERT INTO reader_changes (id, kind, story_id, sections, published_at, ticker)
    SELECT nextval('reader_changes_id'), p.kind, p.story_id, p.sections, p.published_at, p.ticker
      FROM (SELECT * FROM reader_changes_pending WHERE txid = NEW.txid ORDER BY seq) p;
    DELETE FROM reader_changes_pending WHERE txid = NEW.txid;
    DELETE FROM reader_changes_commits WHERE txid = NEW.txid;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER reader_changes_number AFTER INSERT ON reader_changes_commits
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reader_changes_number();

-- Notes changes of a kind every page shows (or a new ticker line), once per statement.
CREATE FUNCTION reader_changes_note(change_kind text, strip boolean) RETURNS void LANGUAGE sql AS $$
    INSERT INTO reader_changes_pending (kind, ticker) VALUES (change_kind, strip);
    INSERT INTO reader_changes_commits DEFAULT VALUES ON CONFLICT DO NOTHING;
$$;

-- Stories moving into, within or out of `published`: one row each (the same changes the
-- notifications of 0011 announce).
CREATE FUNCTION stories_note_reader_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO reader_changes_pending (kind, story_id, sections, published_at, ticker)
    SELECT 'story', n.id,
           CASE WHEN o.section IS DISTINCT FROM n.section THEN ARRAY[o.section, n.section] ELSE ARRAY[n.section] END,
           coalesce(n.published_at, o.published_at),
           EXISTS (SELECT 1 FROM ticker_items i WHERE i.story_id = n.id)
      FROM new_stories n JOIN old_stories o ON o.id = n.id
     WHERE n.status IN ('published', 'withdrawn') OR o.status = 'published'
     ORDER BY n.id;
    IF FOUND THEN
        INSERT INTO reader_changes_commits DEFAULT VALUES ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER stories_note_reader_changes AFTER UPDATE ON stories
    REFERENCING OLD TABLE AS old_stories NEW TABLE AS new_stories
    FOR EACH STATEMENT EXECUTE FUNCTION stories_note_reader_changes();

-- A new ticker line is news for the front page and the strip's API; a line cancelled, ended
-- or changed was on every page (a line taken back for legal reasons must leave them all).
CREATE FUNCTION ticker_items_note_reader_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_items) THEN
        PERFORM reader_changes_note(CASE WHEN TG_OP = 'INSERT' THEN 'ticker' ELSE 'site' END, true);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ticker_items_insert_note_reader_changes AFTER INSERT ON ticker_items
    REFERENCING NEW TABLE AS changed_items FOR EACH STATEMENT EXECUTE FUNCTION ticker_items_note_reader_changes();
CREATE TRIGGER ticker_items_update_note_reader_changes AFTER UPDATE ON ticker_items
    REFERENCING NEW TABLE AS changed_items FOR EACH STATEMENT EXECUTE FUNCTION ticker_items_note_reader_changes();

-- Sections, bylines (a staff member's name) and the site's settings: on every page. The
-- time zone and the site's settings also write the strip's times.
CREATE FUNCTION sections_note_reader_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_sections) THEN PERFORM reader_changes_note('site', false); END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER sections_insert_note_reader_changes AFTER INSERT ON sections
    REFERENCING NEW TABLE AS changed_sections FOR EACH STATEMENT EXECUTE FUNCTION sections_note_reader_changes();
CREATE TRIGGER sections_update_note_reader_changes AFTER UPDATE ON sections
    REFERENCING NEW TABLE AS changed_sections FOR EACH STATEMENT EXECUTE FUNCTION sections_note_reader_changes();

CREATE FUNCTION staff_note_reader_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_staff n JOIN old_staff o ON o.handle = n.handle WHERE n.name IS DISTINCT FROM o.name) THEN
        PERFORM reader_changes_note('site', false);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER staff_note_reader_changes AFTER UPDATE ON staff
    REFERENCING OLD TABLE AS old_staff NEW TABLE AS new_staff FOR EACH STATEMENT EXECUTE FUNCTION staff_note_reader_changes();

-- Which settings readers see: one rule for the view they read (0011 wrote it there alone)
-- and for noting their changes.
CREATE FUNCTION reader_setting(key text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT key = 'timezone' OR key LIKE 'site.%'
$$;
CREATE OR REPLACE VIEW reader.settings AS SELECT key, value FROM settings WHERE reader_setting(key);

CREATE FUNCTION settings_note_reader_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_settings WHERE reader_setting(key)) THEN
        PERFORM reader_changes_note('site', true);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER settings_insert_note_reader_changes AFTER INSERT ON settings
    REFERENCING NEW TABLE AS changed_settings FOR EACH STATEMENT EXECUTE FUNCTION settings_note_reader_changes();
CREATE TRIGGER settings_update_note_reader_changes AFTER UPDATE ON settings
    REFERENCING NEW TABLE AS changed_settings FOR EACH STATEMENT EXECUTE FUNCTION settings_note_reader_changes();

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
