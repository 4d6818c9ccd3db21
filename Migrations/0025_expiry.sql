-- Expiry (issue 18): a published or scheduled story set to come off at a time
-- (`story publish --expire-at T`, `story expire ID --at T`, by editors and chiefs). At T the
-- scheduler withdraws it in the name of whoever set it (`expire`, its own action: a
-- withdrawal itself stays a chief's, with a reason), ends its ticker lines as a withdrawal
-- does, and readers get 410 Gone as for any withdrawn story. Exactly once: the scheduler
-- claims due rows with SKIP LOCKED, and the move is the table's published → withdrawn.
ALTER TABLE stories
    ADD COLUMN expire_at timestamptz,
    ADD COLUMN expire_by text REFERENCES staff (handle);
ALTER TABLE stories
    ADD CONSTRAINT story_expiry_has_setter CHECK ((expire_at IS NULL) = (expire_by IS NULL)),
    -- Set while a story is scheduled or published; kept on an expired one as when it came off.
    ADD CONSTRAINT story_expiry_while_out CHECK (expire_at IS NULL OR status IN ('scheduled', 'published', 'withdrawn')),
    -- After the time it goes out: the time it was scheduled for when it was (a scheduler that
    -- runs late still publishes it, and takes it off in the same run), else its publication.
    ADD CONSTRAINT story_expires_after_publication CHECK (expire_at IS NULL OR expire_at > coalesce(publish_at, published_at, '-infinity')),
    ADD CONSTRAINT story_expires_after_embargo CHECK (expire_at IS NULL OR embargo_until IS NULL OR expire_at > embargo_until),
    -- A withdrawn story keeps an expiry only when the expiry took it off (a chief's withdrawal drops it).
    ADD CONSTRAINT story_expired_when_set CHECK (status <> 'withdrawn' OR expire_at IS NULL OR expire_at <= withdrawn_at);

-- The scheduler's queue of stories to take off, in the order it takes them.
CREATE INDEX stories_expiring ON stories (expire_at, id) WHERE status = 'published' AND expire_at IS NOT NULL;

-- A history line that sets an expiry (or cancels one: set_expiry with none) says for when;
-- the scheduler's line says when it was set for.
ALTER TABLE story_history ADD COLUMN expires_at timestamptz;
ALTER TABLE story_history
    DROP CONSTRAINT history_action_known,
    ADD CONSTRAINT history_action_known CHECK (action IN (
        'create', 'edit', 'correct', 'assign', 'submit', 'return', 'approve', 'publish', 'schedule', 'unschedule',
        'publish_skip_review', 'publish_scheduled', 'withdraw', 'set_expiry', 'expire', 'spike', 'restore')),
    ADD CONSTRAINT history_expiry_by_its_actions CHECK (
        expires_at IS NULL OR action IN ('publish', 'schedule', 'publish_skip_review', 'set_expiry', 'expire')),
    ADD CONSTRAINT history_expire_says_when CHECK (action <> 'expire' OR expires_at IS NOT NULL);

INSERT INTO story_actions (action, from_status, to_status, needs_note) VALUES
    ('set_expiry', 'scheduled', 'scheduled', false), ('set_expiry', 'published', 'published', false),
    ('expire', 'published', 'withdrawn', false);

-- The scheduler's lines are checked after its statement, as its publications are (0009),
-- not row by row by the rules for people: whoever set the expiry may have left since.
DROP TRIGGER story_history_check_actor ON story_history;
CREATE TRIGGER story_history_check_actor BEFORE INSERT ON story_history
    FOR EACH ROW WHEN (NEW.action NOT IN ('publish_scheduled', 'expire')) EXECUTE FUNCTION story_history_check_actor();
DROP TRIGGER story_history_check_move ON story_history;
CREATE TRIGGER story_history_check_move BEFORE INSERT ON story_history
    FOR EACH ROW WHEN (NEW.action NOT IN ('publish_scheduled', 'expire')) EXECUTE FUNCTION story_history_check_move();

-- Setting an expiry (Workflow.decide): editors and chiefs, for a time to come, and the line
-- says what the story's row now holds.
CREATE FUNCTION story_history_check_expiry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.action = 'set_expiry' AND NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.actor AND role IN ('editor', 'chief')) THEN
        RAISE EXCEPTION '% cannot set_expiry story %: only editors and chiefs may', NEW.actor, NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.expires_at IS NOT NULL AND NEW.expires_at <= now() THEN
        RAISE EXCEPTION 'story %: the time it expires must be in the future', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.action = 'set_expiry' AND NOT EXISTS (
        SELECT 1 FROM stories s WHERE s.id = NEW.story_id AND s.expire_at IS NOT DISTINCT FROM NEW.expires_at
           AND s.expire_by IS NOT DISTINCT FROM CASE WHEN NEW.expires_at IS NOT NULL THEN NEW.actor END) THEN
        RAISE EXCEPTION 'story %: a set_expiry line says the expiry its story now has, set by its actor', NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER story_history_check_expiry BEFORE INSERT ON story_history
    FOR EACH ROW WHEN (NEW.action = 'set_expiry' OR NEW.expires_at IS NOT NULL AND NEW.action <> 'expire')
    EXECUTE FUNCTION story_history_check_expiry();

-- The scheduler's lines: a published story, its expiry come, withdrawn in the name of
-- whoever set it, for the time set.
CREATE FUNCTION story_history_check_expired() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    SELECT h.story_id, h.actor INTO bad
      FROM new_lines h LEFT JOIN stories s ON s.id = h.story_id
     WHERE h.action = 'expire'
       AND NOT coalesce(h.from_status = 'published' AND h.to_status = 'withdrawn' AND s.status = 'withdrawn' AND h.version = s.version
                        AND h.actor = s.expire_by AND h.expires_at = s.expire_at AND s.expire_at <= now(), false)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'story %: only the scheduler takes a story off, once its expiry has come, for whoever set it (not %)',
            bad.story_id, bad.actor USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER story_history_check_expired AFTER INSERT ON story_history
    REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION story_history_check_expired();

-- A ticker line ended (or cancelled) because its story left publication by itself, in the
-- name that move acts in, which the lines' own rule (active editors and chiefs) would not
-- take: whoever set the story to expire, who may have left since.
CREATE FUNCTION newsroom_ticker_line_ended_by_story(item bigint, actor text) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
    SELECT EXISTS (SELECT 1 FROM ticker_items t JOIN stories s ON s.id = t.story_id
                    WHERE t.id = item AND s.status = 'withdrawn' AND s.expire_by = actor AND s.withdrawn_at = now())
$$;

CREATE OR REPLACE FUNCTION ticker_history_check_actor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.action IN ('end', 'cancel') AND newsroom_ticker_line_ended_by_story(NEW.item_id, NEW.actor) THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.actor AND active AND role IN ('editor', 'chief')) THEN
        RAISE EXCEPTION '% may not % ticker lines: only active editors and chiefs may', NEW.actor, NEW.action
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

-- The scheduler's login (0014): besides publishing what is due, it takes off what has
-- expired, and ends those stories' ticker lines, in the name of whoever set the expiry.
CREATE OR REPLACE FUNCTION newsroom_names_who_acts() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    named text := to_jsonb(NEW) ->> TG_ARGV[0];
    who record := newsroom_session();
    allowed boolean := true;
BEGIN
    IF TG_TABLE_NAME IN ('story_history', 'ticker_history') THEN
        NEW.login := session_user;
    END IF;
    IF who.kind = 'owner' OR named IS NULL THEN
        RETURN NEW;
    END IF;
    IF who.kind = 'scheduler' THEN
        -- A line of a story it publishes or takes off, in the name of whoever asked for it;
        -- or a ticker line of a story it has just taken off, in the same name.
        IF TG_TABLE_NAME = 'story_history' THEN
            allowed := NEW.action = 'publish_scheduled' AND named IS NOT DISTINCT FROM (SELECT s.scheduled_by FROM stories s WHERE s.id = NEW.story_id)
                    OR NEW.action = 'expire' AND named IS NOT DISTINCT FROM (SELECT s.expire_by FROM stories s WHERE s.id = NEW.story_id);
        ELSIF TG_TABLE_NAME IN ('ticker_history', 'ticker_items') THEN
            allowed := newsroom_ticker_line_ended_by_story(
                (to_jsonb(NEW) ->> CASE TG_TABLE_NAME WHEN 'ticker_items' THEN 'id' ELSE 'item_id' END)::bigint, named);
        END IF;
        IF NOT allowed THEN
            RAISE EXCEPTION 'the scheduler''s login % writes only the line of a due story it publishes, or the lines of an expired one it takes off, in the name of whoever asked for them',
                session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    PERFORM newsroom_refuse_stranger(who.kind, who.handle);
    IF named IS DISTINCT FROM who.handle AND who.role <> 'admin' THEN
        RAISE EXCEPTION '%.% says % from the login %, which is %''s: it names who acts', TG_TABLE_NAME, TG_ARGV[0], named, session_user, who.handle
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION newsroom_scheduler_publishes_only() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF (SELECT kind FROM newsroom_session()) = 'scheduler'
       AND NOT (OLD.status = 'scheduled' AND NEW.status = 'published' AND OLD.publish_at <= now())
       AND NOT (OLD.status = 'published' AND NEW.status = 'withdrawn' AND OLD.expire_at <= now()) THEN
        RAISE EXCEPTION 'the scheduler''s login % only publishes a scheduled story once it is due, or takes one off once it expires (story %: % for %)',
            session_user, OLD.id, OLD.status, coalesce(OLD.publish_at::text, OLD.expire_at::text, 'no time')
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

-- The scheduler's group ends an expired story's ticker lines. The table of what groups write
-- beyond 0019's own grants (newsroom_staff_writes) names the scheduler's group too now: 0019's
-- function grants the staff's rows, and wrapping it (the function an admin runs keeps its
-- name) grants the scheduler's.
ALTER TABLE newsroom_staff_writes
    DROP CONSTRAINT newsroom_staff_writes_roles,
    ADD CONSTRAINT newsroom_staff_writes_roles
        CHECK (roles <@ ARRAY['reporter', 'editor', 'chief', 'admin', 'scheduler'] AND cardinality(roles) > 0);
INSERT INTO newsroom_staff_writes (relation, privileges, roles) VALUES
    ('ticker_items', 'UPDATE', ARRAY['scheduler']),
    ('ticker_history', 'INSERT', ARRAY['scheduler']);
ALTER FUNCTION newsroom_setup_groups() RENAME TO newsroom_setup_groups_0019;
CREATE FUNCTION newsroom_setup_groups() RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    target record;
BEGIN
    PERFORM newsroom_setup_groups_0019();
    FOR target IN SELECT w.relation, w.privileges FROM newsroom_staff_writes w WHERE 'scheduler' = ANY (w.roles) LOOP
        EXECUTE format('GRANT %s ON %s TO %I', target.privileges, target.relation, newsroom_group('scheduler'));
    END LOOP;
END $$;

-- The groups set up again where this database has them: what a migration that adds to
-- newsroom_staff_writes runs next.
CREATE FUNCTION newsroom_refresh_groups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group('reporter')) THEN
        PERFORM newsroom_setup_groups();
    END IF;
END $$;
REVOKE ALL ON FUNCTION newsroom_setup_groups() FROM PUBLIC;
REVOKE ALL ON FUNCTION newsroom_setup_groups_0019() FROM PUBLIC;
REVOKE ALL ON FUNCTION newsroom_refresh_groups() FROM PUBLIC;
SELECT newsroom_refresh_groups();
