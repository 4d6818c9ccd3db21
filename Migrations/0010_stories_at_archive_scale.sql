-- The stories table at archive scale: a move (the scheduler publishing thousands at once)
-- rewrites a narrow row and a few index entries, and its checks run once per statement,
-- whatever the size of the archive. The rules stay exactly as strict. Columns added later
-- (search vectors, desk planning) belong in story_texts or in tables of their own, never on
-- stories: each index or wide column there is paid by every publication.

-- 1. The text of a story (headline, dateline, body) in a table of its own, so that a move
--    rewrites ~150 bytes instead of the ~1.4 KB of a story with its body. `version` is the
--    story's version when the text was last written; each write keeps a revision, and the
--    section (which lists filter by, so it stays on the story) goes into that revision too.
--    Writes wait while the text moves over; reads go on.
LOCK TABLE stories IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE story_texts (
    story_id bigint NOT NULL,
    version integer NOT NULL CONSTRAINT story_text_version_positive CHECK (version >= 1),
    headline story_headline NOT NULL,
    dateline story_dateline,
    body story_body NOT NULL DEFAULT ''
);

-- Values keep their domain types, so they are copied as stored (a body stored before 0008's
-- tighter rule is not checked again).
INSERT INTO story_texts (story_id, version, headline, dateline, body)
SELECT s.id, coalesce((SELECT max(r.version) FROM story_revisions r WHERE r.story_id = s.id), 1),
       s.headline, s.dateline, s.body
  FROM stories s;
-- Keys after the copy: one index build and one join, not a lookup per row.
ALTER TABLE story_texts ADD PRIMARY KEY (story_id),
    ADD CONSTRAINT story_texts_story_id_fkey FOREIGN KEY (story_id) REFERENCES stories (id);

-- Every story has its text (checked at commit: the story is inserted first).
ALTER TABLE stories ADD CONSTRAINT story_has_text FOREIGN KEY (id) REFERENCES story_texts (story_id)
    DEFERRABLE INITIALLY DEFERRED;

-- A text is written only with a move of its story (the version the story is at now, later
-- than the last), and every write keeps a revision by the acting person.
CREATE FUNCTION story_texts_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    actor text := nullif(current_setting('newsroom.actor', true), '');
    story_version integer;
    story_section text;
    changed_at timestamptz;
BEGIN
    SELECT s.version, s.section, s.updated_at INTO story_version, story_section, changed_at
      FROM stories s WHERE s.id = NEW.story_id;
    IF TG_OP = 'UPDATE' AND (NEW.story_id <> OLD.story_id OR NEW.version <= OLD.version) THEN
        RAISE EXCEPTION 'story %: its text is rewritten only at a later version', OLD.story_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.version IS DISTINCT FROM story_version THEN
        RAISE EXCEPTION 'story % is at version %: its text is written with the move that makes that version', NEW.story_id, story_version
            USING ERRCODE = 'check_violation';
    END IF;
    IF actor IS NULL THEN
        RAISE EXCEPTION 'who is changing story %? set newsroom.actor in the transaction', NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO story_revisions (story_id, version, headline, section, dateline, body, edited_by, edited_at)
    VALUES (NEW.story_id, NEW.version, NEW.headline, story_section, NEW.dateline, NEW.body, actor, changed_at);
    RETURN NULL;
END $$;

CREATE TRIGGER story_texts_keep_revision AFTER INSERT OR UPDATE ON story_texts
    FOR EACH ROW EXECUTE FUNCTION story_texts_keep_revision();
CREATE TRIGGER story_texts_no_delete BEFORE DELETE ON story_texts
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER story_texts_no_truncate BEFORE TRUNCATE ON story_texts
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_change();

-- A change of section is a change of the text's revision: it comes with a rewrite of the text.
CREATE FUNCTION stories_section_has_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM story_revisions
                    WHERE story_id = NEW.id AND version = NEW.version AND section = NEW.section) THEN
        RAISE EXCEPTION 'story % moved to section % without a revision saying so', NEW.id, NEW.section
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER stories_section_has_revision AFTER UPDATE OF section ON stories
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.section IS DISTINCT FROM NEW.section)
    EXECUTE FUNCTION stories_section_has_revision();

-- 2. Every version has its history line, with the status it gives the story: a deferred
--    foreign key (checked by the server in C at commit) instead of a PL/pgSQL call per row.
CREATE UNIQUE INDEX story_history_version ON story_history (story_id, version, to_status);
ALTER TABLE stories ADD CONSTRAINT story_version_has_history
    FOREIGN KEY (id, version, status) REFERENCES story_history (story_id, version, to_status)
    DEFERRABLE INITIALLY DEFERRED;

-- 3. A history line's story and actor are checked once per statement over the lines it
--    inserted (a foreign key would look each one up, and scanned the staff table to do it).
--    That is as strict because neither can go away: stories were never deleted, and now
--    staff are not either (deactivate them), and neither's key can change.
CREATE FUNCTION story_history_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    SELECT h.story_id, h.actor INTO bad FROM new_lines h
     WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = h.story_id)
        OR NOT EXISTS (SELECT 1 FROM staff m WHERE m.handle = h.actor)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'a history line names story % and actor %, and one of them does not exist', bad.story_id, bad.actor
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER story_history_check_references AFTER INSERT ON story_history
    REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION story_history_check_references();

CREATE FUNCTION staff_refuse_rekey() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a staff member''s handle never changes (%): history names them by it', OLD.handle
        USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER staff_no_truncate BEFORE TRUNCATE ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER staff_no_rekey BEFORE UPDATE OF handle ON staff
    FOR EACH ROW WHEN (OLD.handle IS DISTINCT FROM NEW.handle) EXECUTE FUNCTION staff_refuse_rekey();
CREATE TRIGGER stories_no_truncate BEFORE TRUNCATE ON stories
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_change();

-- 4. List indexes: a move adds an entry to every index of the row (its time changes, so no
--    update is HOT), and a partial index only when the row still belongs in it. An editor's
--    list is of work in hand; the archive is listed by time, by status and section, or by
--    author (a reporter's own stories, all of them: that index stays whole). Listing an
--    editor's archive, or a section's across all statuses, scans the time index instead.
CREATE INDEX stories_editor_in_hand ON stories (editor, updated_at DESC)
    WHERE editor IS NOT NULL AND status IN ('draft', 'in_review', 'approved', 'scheduled');

-- 5. Last, what takes a table from readers too (ACCESS EXCLUSIVE), so that reads wait only
--    for the end of this migration, not for the copy: the old per-row triggers and checks
--    the ones above replace, the text columns (dropped, not rewritten: each row becomes
--    narrow when it is next written), the indexes replaced, the history's foreign keys.
DROP TRIGGER stories_keep_revision_insert ON stories;
DROP TRIGGER stories_keep_revision_update ON stories;
DROP FUNCTION stories_keep_revision();
DROP TRIGGER stories_require_history ON stories;
DROP FUNCTION stories_require_history();
ALTER TABLE stories DROP COLUMN headline, DROP COLUMN dateline, DROP COLUMN body;
DROP INDEX stories_section, stories_editor, story_history_story_version;
-- A story's lines are found by the new key's leading column; a story has a handful, so
-- ordering them by id needs no index of its own (one index fewer for every line written).
DROP INDEX story_history_story;
ALTER TABLE story_history DROP CONSTRAINT story_history_story_id_fkey, DROP CONSTRAINT story_history_actor_fkey;
