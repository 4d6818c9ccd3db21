-- Rules tightened after using the tool as a newsroom would (issue 11).

-- 1. One line means one line, whatever the database's locale. NEL (U+0085) and Unicode's
--    line and paragraph separators (U+2028, U+2029) break a line as LF does, and the
--    character classes are spelled out as code points: [[:cntrl:]] and [[:space:]] follow
--    the database's ctype (with ctype C they know nothing beyond ASCII).

-- Trimmed of Unicode's White_Space, the set EditorialText trims in Swift, listed once
-- (compared by length: byte for byte, whatever the collation).
CREATE FUNCTION newsroom_is_trimmed(value text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT octet_length(value) = octet_length(btrim(value, E'\t\n\x0b\x0c\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000'))
$$;

CREATE OR REPLACE FUNCTION newsroom_is_line(value text, max_length integer) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT value <> ''
       AND value IS NFC NORMALIZED
       AND value !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]'
       AND newsroom_is_trimmed(value)
       AND char_length(value) <= max_length
$$;

-- A body: LF and tab are its only controls (C1 controls too are refused, as in Swift),
-- and it is trimmed of the same white space. NOT VALID: bodies stored before are kept as
-- they are (a domain is checked when a value is written, so a status change never re-checks them).
ALTER DOMAIN story_body DROP CONSTRAINT story_body_is_text;
ALTER DOMAIN story_body ADD CONSTRAINT story_body_is_text CHECK (
    VALUE IS NFC NORMALIZED
    AND VALUE !~ '[\x01-\x08\x0b-\x1f\x7f-\x9f]'
    AND newsroom_is_trimmed(VALUE)
    AND octet_length(VALUE) <= 1000000
) NOT VALID;

-- Rows stored before: a table's CHECK runs again on every UPDATE of its row, so a name or
-- a ticker line with a separator in it could no longer be deactivated or cancelled.
-- Repair them: each separator (or C1 control) becomes a space. Headlines and datelines
-- (domains) stay as stored; an edit asks for a corrected one.
CREATE FUNCTION pg_temp.one_line(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT regexp_replace(value, '[\x80-\x9f\u2028\u2029]', ' ', 'g')
$$;
UPDATE staff SET name = pg_temp.one_line(name)
 WHERE NOT newsroom_is_line(name, 100) AND newsroom_is_line(pg_temp.one_line(name), 100);
UPDATE sections SET name = pg_temp.one_line(name)
 WHERE NOT newsroom_is_line(name, 100) AND newsroom_is_line(pg_temp.one_line(name), 100);
UPDATE ticker_items SET text = pg_temp.one_line(text)
 WHERE NOT newsroom_is_line(text, 200) AND newsroom_is_line(pg_temp.one_line(text), 200);
UPDATE ticker_items SET cancel_reason = pg_temp.one_line(cancel_reason)
 WHERE NOT newsroom_is_line(cancel_reason, 1000) AND newsroom_is_line(pg_temp.one_line(cancel_reason), 1000);
UPDATE ticker_items SET end_reason = pg_temp.one_line(end_reason)
 WHERE NOT newsroom_is_line(end_reason, 1000) AND newsroom_is_line(pg_temp.one_line(end_reason), 1000);

-- 2. "What was on the strip at 14:30": a line cancelled at 15:00 was live at 14:30, so the
--    window index covers cancelled lines too (a listing filters by when they were cancelled),
--    and the start index serves upcoming lines and the whole list in (starts_at, id) order.
DROP INDEX ticker_items_window;
CREATE INDEX ticker_items_window_all ON ticker_items USING gist (tstzrange(starts_at, ends_at));
DROP INDEX ticker_items_upcoming;
CREATE INDEX ticker_items_start ON ticker_items (starts_at, id);

-- 3. A story goes to review, or comes back from the spike, only with an editor who can
--    still act (Workflow.permit: submit and restore). Every other rule as in 0007.
CREATE OR REPLACE FUNCTION story_history_check_actor() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    member staff%ROWTYPE;
    author text;
    editor text;
    editorial boolean;
    assigned_or_chief boolean;
    rule text;
BEGIN
    SELECT * INTO member FROM staff WHERE handle = NEW.actor;
    SELECT s.author, s.editor INTO author, editor FROM stories s WHERE s.id = NEW.story_id;
    IF NOT member.active THEN
        RAISE EXCEPTION '% is no longer active and can do nothing', NEW.actor USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.action = 'approve' AND NEW.actor = author THEN
        RAISE EXCEPTION '% cannot approve story %: nobody approves their own story', NEW.actor, NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    editorial := member.role IN ('editor', 'chief');
    assigned_or_chief := member.role = 'chief' OR NEW.actor IS NOT DISTINCT FROM editor;
    rule := CASE
        WHEN NEW.action IN ('withdraw', 'publish_skip_review') AND member.role <> 'chief'
            THEN 'only a chief may'
        WHEN NEW.action = 'create' AND member.role NOT IN ('reporter', 'editor', 'chief')
            THEN 'reporters, editors and chiefs may'
        WHEN NEW.action = 'create' AND author <> NEW.actor AND NOT editorial
            THEN 'only editors and chiefs may file a draft for someone else'
        WHEN NEW.action = 'create' AND NOT EXISTS (
                SELECT 1 FROM staff w WHERE w.handle = author AND w.active AND w.role IN ('reporter', 'editor', 'chief'))
            THEN 'its author must be an active reporter, editor or chief'
        WHEN NEW.action IN ('submit', 'restore') AND editor IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM staff e WHERE e.handle = editor AND e.active)
            THEN 'its editor ' || editor || ' is no longer active; an editor or chief must assign another'
        WHEN NEW.action IN ('submit') OR (NEW.action = 'edit' AND NEW.from_status = 'draft')
            THEN CASE WHEN NEW.actor = author OR editorial THEN NULL ELSE 'only its author, an editor or a chief may' END
        WHEN NEW.action IN ('edit', 'return', 'approve') AND NOT assigned_or_chief
            THEN 'only its assigned editor or a chief may'
        WHEN NEW.action IN ('correct', 'assign', 'publish', 'schedule', 'unschedule', 'spike', 'restore') AND NOT editorial
            THEN 'only editors and chiefs may'
    END;
    IF rule IS NOT NULL THEN
        RAISE EXCEPTION '% (%) cannot % story %: %', NEW.actor, member.role, NEW.action, NEW.story_id, rule
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

-- 4. Corrections and withdrawals used to clear when and by whom a published story had been
--    scheduled. Restore those facts from the story's own history (the scheduler's line says
--    both). The version guard is set aside for this one statement: nothing about the story
--    changes but two facts its history already holds.
ALTER TABLE stories DISABLE TRIGGER stories_guard_update;
UPDATE stories s
   SET publish_at = h.scheduled_for, scheduled_by = h.actor
  FROM (SELECT DISTINCT ON (story_id) story_id, scheduled_for, actor
          FROM story_history WHERE action = 'publish_scheduled'
         ORDER BY story_id, id DESC) h
 WHERE s.id = h.story_id AND s.status IN ('published', 'withdrawn') AND s.publish_at IS NULL;
ALTER TABLE stories ENABLE TRIGGER stories_guard_update;
