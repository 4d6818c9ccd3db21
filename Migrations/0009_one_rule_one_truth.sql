-- One rule, one truth: every rule NewsroomCore decides, the database refuses too, from the
-- same tables (a parity test drives each attempt past the core and checks that the database
-- agrees; see Tests/NewsroomStoreTests/RuleParityTests.swift).

-- 1. Lengths. The core counts characters as a reader does (grapheme clusters), which
--    PostgreSQL cannot; both sides also count code points, which the database can, against a
--    ceiling of four per character of the limit (EditorialText.codePointsPerCharacter, from
--    LineKind's table). The database checks that ceiling: it never refuses a line the core
--    accepts (a fully vocalised headline of 250 letters is some 600 code points) and still
--    refuses what is really too long.
--    And bidirectional controls: embeddings, overrides and isolates must close, in order, on
--    the line they open (EditorialText.checkBidi), or the text can display as something other
--    than what it says. Text without any of them (nearly all) is answered by the first test.
CREATE FUNCTION newsroom_bidi_balanced(value text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    open text := '';  -- the controls open on this line, innermost last
    c text;
BEGIN
    IF value !~ '[\u202a-\u202e\u2066-\u2069]' THEN
        RETURN true;
    END IF;
    FOR c IN SELECT m[1] FROM regexp_matches(value, '([\n\u202a-\u202e\u2066-\u2069])', 'g') AS m LOOP
        IF c = E'\n' THEN
            IF open <> '' THEN RETURN false; END IF;
        ELSIF c IN (E'\u202c', E'\u2069') THEN
            -- PDF closes an embedding or override, PDI an isolate.
            IF open = '' OR (right(open, 1) IN (E'\u2066', E'\u2067', E'\u2068')) <> (c = E'\u2069') THEN
                RETURN false;
            END IF;
            open := left(open, -1);
        ELSE
            open := open || c;
        END IF;
    END LOOP;
    RETURN open = '';
END $$;

CREATE OR REPLACE FUNCTION newsroom_is_line(value text, max_length integer) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT value <> ''
       AND value IS NFC NORMALIZED
       AND value !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]'
       AND newsroom_is_trimmed(value)
       AND char_length(value) <= max_length
       AND newsroom_bidi_balanced(value)
$$;

-- Rows that can still change (names, ticker lines) and hold an unbalanced control are
-- repaired, as 0008 repaired line breaks: the controls go, the text stays. Headlines,
-- datelines, bodies and history notes (domains, append-only tables) are kept as stored: their
-- rules are checked when a value is written, and an edit asks for a corrected one.
CREATE FUNCTION pg_temp.without_bidi(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT regexp_replace(value, '[\u202a-\u202e\u2066-\u2069]', '', 'g')
$$;
UPDATE staff SET name = pg_temp.without_bidi(name)
 WHERE NOT newsroom_bidi_balanced(name) AND newsroom_is_line(pg_temp.without_bidi(name), 400);
UPDATE sections SET name = pg_temp.without_bidi(name)
 WHERE NOT newsroom_bidi_balanced(name) AND newsroom_is_line(pg_temp.without_bidi(name), 400);
UPDATE ticker_items SET text = pg_temp.without_bidi(text)
 WHERE NOT newsroom_bidi_balanced(text) AND newsroom_is_line(pg_temp.without_bidi(text), 800);
UPDATE ticker_items SET cancel_reason = pg_temp.without_bidi(cancel_reason)
 WHERE NOT newsroom_bidi_balanced(cancel_reason) AND newsroom_is_line(pg_temp.without_bidi(cancel_reason), 4000);
UPDATE ticker_items SET end_reason = pg_temp.without_bidi(end_reason)
 WHERE NOT newsroom_bidi_balanced(end_reason) AND newsroom_is_line(pg_temp.without_bidi(end_reason), 4000);

ALTER DOMAIN story_headline DROP CONSTRAINT story_headline_is_line;
ALTER DOMAIN story_headline ADD CONSTRAINT story_headline_is_line CHECK (newsroom_is_line(VALUE, 1000)) NOT VALID;
ALTER DOMAIN story_dateline DROP CONSTRAINT story_dateline_is_line;
ALTER DOMAIN story_dateline ADD CONSTRAINT story_dateline_is_line CHECK (VALUE IS NULL OR newsroom_is_line(VALUE, 400)) NOT VALID;
ALTER DOMAIN story_body ADD CONSTRAINT story_body_bidi_balanced CHECK (newsroom_bidi_balanced(VALUE)) NOT VALID;
ALTER TABLE staff DROP CONSTRAINT staff_name_is_line,
    ADD CONSTRAINT staff_name_is_line CHECK (newsroom_is_line(name, 400));
ALTER TABLE sections DROP CONSTRAINT section_name_is_line,
    ADD CONSTRAINT section_name_is_line CHECK (newsroom_is_line(name, 400));
ALTER TABLE ticker_items DROP CONSTRAINT ticker_text_is_line,
    ADD CONSTRAINT ticker_text_is_line CHECK (newsroom_is_line(text, 800)),
    DROP CONSTRAINT ticker_cancel_reason_is_line,
    ADD CONSTRAINT ticker_cancel_reason_is_line CHECK (cancel_reason IS NULL OR newsroom_is_line(cancel_reason, 4000)),
    DROP CONSTRAINT ticker_end_reason_is_line,
    ADD CONSTRAINT ticker_end_reason_is_line CHECK (end_reason IS NULL OR newsroom_is_line(end_reason, 4000));
ALTER TABLE story_history DROP CONSTRAINT history_note_is_text,
    ADD CONSTRAINT history_note_is_text CHECK (note IS NULL OR newsroom_is_line(note, 4000)) NOT VALID;
ALTER TABLE ticker_history DROP CONSTRAINT ticker_history_note_is_line,
    ADD CONSTRAINT ticker_history_note_is_line CHECK (note IS NULL OR newsroom_is_line(note, 4000)) NOT VALID;

-- 2. The workflow's table by action (Workflow.actionTable): which action takes a story from
--    which status to which, and which need a note saying why (StoryAction.requiresNote).
--    The status moves (story_moves) are read off it, so the two cannot drift apart.
CREATE TABLE story_actions (
    action text NOT NULL,
    from_status text,
    to_status text NOT NULL,
    needs_note boolean NOT NULL,
    CONSTRAINT story_actions_one_target UNIQUE NULLS NOT DISTINCT (action, from_status)
);
INSERT INTO story_actions (action, from_status, to_status, needs_note) VALUES
    ('create', NULL, 'draft', false),
    ('edit', 'draft', 'draft', false), ('edit', 'in_review', 'in_review', false),
    ('edit', 'approved', 'in_review', false), ('edit', 'scheduled', 'in_review', false),
    ('correct', 'published', 'published', true),
    ('assign', 'draft', 'draft', false), ('assign', 'in_review', 'in_review', false),
    ('submit', 'draft', 'in_review', false),
    ('return', 'in_review', 'draft', true),
    ('approve', 'in_review', 'approved', false),
    ('publish', 'approved', 'published', false),
    ('schedule', 'approved', 'scheduled', false),
    ('unschedule', 'scheduled', 'approved', false),
    ('publish_skip_review', 'draft', 'published', true), ('publish_skip_review', 'in_review', 'published', true),
    ('publish_scheduled', 'scheduled', 'published', false),
    ('withdraw', 'published', 'withdrawn', true),
    ('spike', 'draft', 'spiked', false), ('spike', 'in_review', 'spiked', false), ('spike', 'approved', 'spiked', false),
    ('restore', 'spiked', 'draft', false);

DROP TABLE story_moves;
CREATE VIEW story_moves AS
    SELECT DISTINCT from_status, to_status FROM story_actions
     WHERE from_status IS NOT NULL AND from_status <> to_status;

-- The reason rule now lives in story_actions.needs_note.
ALTER TABLE story_history DROP CONSTRAINT history_reason_given;

-- Every history line a person writes also follows the action table and gives what its
-- action needs (Workflow.decide): an action the table allows from the status the story's
-- history last left it in; a note where one is needed; an assignment naming an active
-- editor; a schedule for a time to come. Who may act stays 0008's check
-- (story_history_check_actor), which runs just before this one (triggers go in name order).
CREATE FUNCTION story_history_check_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    allowed story_actions%ROWTYPE;
    previous text;
    editor text;
BEGIN
    SELECT * INTO allowed FROM story_actions a
     WHERE a.action = NEW.action AND a.from_status IS NOT DISTINCT FROM NEW.from_status;
    IF NOT FOUND OR allowed.to_status <> NEW.to_status THEN
        RAISE EXCEPTION 'story %: % cannot take it from % to %', NEW.story_id, NEW.action,
            coalesce(NEW.from_status, 'nothing'), NEW.to_status USING ERRCODE = 'check_violation';
    END IF;
    SELECT h.to_status INTO previous FROM story_history h WHERE h.story_id = NEW.story_id ORDER BY h.id DESC LIMIT 1;
    IF previous IS DISTINCT FROM NEW.from_status THEN
        RAISE EXCEPTION 'story %: its history leaves it %, not %', NEW.story_id,
            coalesce(previous, 'unborn'), coalesce(NEW.from_status, 'unborn') USING ERRCODE = 'check_violation';
    END IF;
    IF allowed.needs_note AND NEW.note IS NULL THEN
        RAISE EXCEPTION 'story %: % needs a note saying why', NEW.story_id, NEW.action USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.action = 'assign' THEN
        SELECT s.editor INTO editor FROM stories s WHERE s.id = NEW.story_id;
        IF NOT EXISTS (SELECT 1 FROM staff e WHERE e.handle = editor AND e.active) THEN
            RAISE EXCEPTION 'story %: an assignment names an active editor or chief (not %)', NEW.story_id, coalesce(editor, 'nobody')
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF NEW.action = 'schedule' AND (NEW.scheduled_for IS NULL OR NEW.scheduled_for <= now()) THEN
        RAISE EXCEPTION 'story %: the time to publish at must be in the future', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER story_history_check_move BEFORE INSERT ON story_history
    FOR EACH ROW WHEN (NEW.action <> 'publish_scheduled')
    EXECUTE FUNCTION story_history_check_move();

-- The scheduler's lines (not checked per row above, so publishing thousands costs one query):
-- a scheduled story, due, published in the name of whoever scheduled it, for its time.
-- Checked after the statement, so it sees the stories as the same statement left them.
CREATE FUNCTION story_history_check_scheduled() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    SELECT h.story_id, h.actor INTO bad
      FROM new_lines h LEFT JOIN stories s ON s.id = h.story_id
     WHERE h.action = 'publish_scheduled'
       AND NOT (h.from_status = 'scheduled' AND h.to_status = 'published' AND s.status = 'published'
                AND h.actor = s.scheduled_by AND h.scheduled_for = s.publish_at AND s.publish_at <= now())
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'story %: only the scheduler publishes a scheduled story, once it is due, for whoever scheduled it (not %)',
            bad.story_id, bad.actor USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER story_history_check_scheduled AFTER INSERT ON story_history
    REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION story_history_check_scheduled();

-- Each version's history line also says the status that version has.
CREATE OR REPLACE FUNCTION stories_require_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM story_history
                    WHERE story_id = NEW.id AND version = NEW.version AND to_status = NEW.status) THEN
        RAISE EXCEPTION 'story % changed to version % (%) without a line in its history saying so', NEW.id, NEW.version, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

-- 3. The ticker (TickerRules). A line is scheduled by an active editor or chief, starts no
--    earlier than a minute ago and ends no later than the newsroom's latest time
--    (NewsroomTime.latest); once over (ended or cancelled) it never changes; its text, start,
--    urgency and story never change; its end moves only later (ticker extend) or to now
--    with a reason (its story ended it); every change is by an active editor or chief.
CREATE OR REPLACE FUNCTION ticker_items_check_creator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.created_by AND active AND role IN ('editor', 'chief')) THEN
        RAISE EXCEPTION '% may not schedule ticker lines: only active editors and chiefs may', NEW.created_by
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.starts_at < now() - interval '1 minute' THEN
        RAISE EXCEPTION 'a ticker line cannot start in the past (%)', NEW.starts_at USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.ends_at > timestamptz '9999-12-30 23:59:59+00' THEN
        RAISE EXCEPTION 'a ticker line cannot end after the year 9999' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION ticker_items_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.cancelled_at IS NOT NULL OR OLD.ends_at <= now() THEN
        RAISE EXCEPTION 'ticker item % is % and can no longer change', OLD.id,
            CASE WHEN OLD.cancelled_at IS NOT NULL THEN 'cancelled' ELSE 'over' END USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.text <> OLD.text OR NEW.urgent <> OLD.urgent OR NEW.starts_at <> OLD.starts_at
       OR NEW.story_id IS DISTINCT FROM OLD.story_id OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'ticker item %: a line''s text, urgency, start and story never change; cancel it and schedule another', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.ends_at < OLD.ends_at AND NOT (NEW.ends_at = now() AND NEW.end_reason IS NOT NULL) THEN
        RAISE EXCEPTION 'ticker item %: its end moves only later, or to now when its story ends it', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.ends_at <> OLD.ends_at AND NEW.ends_at > timestamptz '9999-12-30 23:59:59+00' THEN
        RAISE EXCEPTION 'a ticker line cannot end after the year 9999' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER ticker_items_guard_update BEFORE UPDATE ON ticker_items
    FOR EACH ROW EXECUTE FUNCTION ticker_items_guard_update();

CREATE FUNCTION ticker_history_check_actor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.actor AND active AND role IN ('editor', 'chief')) THEN
        RAISE EXCEPTION '% may not % ticker lines: only active editors and chiefs may', NEW.actor, NEW.action
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER ticker_history_check_actor BEFORE INSERT ON ticker_history
    FOR EACH ROW EXECUTE FUNCTION ticker_history_check_actor();

-- 4. Running the newsroom (Administration, AdministrativeChange): staff by an admin; sections
--    and settings by an admin or a chief; or by the database owner setting up, who has no
--    staff record (newsroom.actor 'owner:ROLE', or unset as in migrations and maintenance).
CREATE FUNCTION newsroom_may_administer(roles text[]) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    actor text := nullif(current_setting('newsroom.actor', true), '');
BEGIN
    IF actor IS NULL OR actor LIKE 'owner:%' THEN
        RETURN EXISTS (SELECT 1 FROM pg_database d, pg_roles r
                        WHERE d.datname = current_database() AND r.rolname = current_user
                          AND (d.datdba = r.oid OR r.rolsuper));
    END IF;
    RETURN EXISTS (SELECT 1 FROM staff WHERE handle = actor AND active AND role = ANY (roles));
END $$;

CREATE FUNCTION newsroom_check_administration() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    roles text[] := CASE TG_TABLE_NAME WHEN 'staff' THEN ARRAY['admin'] ELSE ARRAY['admin', 'chief'] END;
BEGIN
    IF NOT newsroom_may_administer(roles) THEN
        RAISE EXCEPTION '% may not change %: only % may, or the database owner',
            coalesce(nullif(current_setting('newsroom.actor', true), ''), current_user), TG_TABLE_NAME,
            array_to_string(roles, ' or ') USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER staff_check_administration BEFORE INSERT OR UPDATE ON staff
    FOR EACH ROW EXECUTE FUNCTION newsroom_check_administration();
CREATE TRIGGER sections_check_administration BEFORE INSERT OR UPDATE ON sections
    FOR EACH ROW EXECUTE FUNCTION newsroom_check_administration();
CREATE TRIGGER settings_check_administration BEFORE INSERT OR UPDATE ON settings
    FOR EACH ROW EXECUTE FUNCTION newsroom_check_administration();
