-- The database decides who is acting. Until now the triggers took the acting person from the
-- `newsroom.actor` setting, which any client can set: a reporter's login with psql could set
-- it to the chief and publish. From here, every write statement first asks who is connected
-- (`session_user`, which SET ROLE does not change):
--   * the database owner or a superuser (migrations, setting up, the scheduler today): the
--     setting stands, as before;
--   * an active admin's login: the setting stands too (an admin may act as anyone, `--as`);
--   * an active staff member's login: the actor is that person. The setting is filled in when
--     empty, and any other name in it is refused;
--   * anything else (no staff record, or a deactivated one): the write is refused, at once,
--     also in a session opened before the deactivation.
-- History lines must name the actor so decided, and record the login that wrote them.

-- Whether the connected login owns this database or is a superuser.
CREATE FUNCTION newsroom_login_is_owner() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM pg_database d, pg_roles r
                    WHERE d.datname = current_database() AND r.rolname = session_user
                      AND (d.datdba = r.oid OR r.rolsuper))
$$;

-- This database's group role for a kind of login (`<database>_<role>`: roles belong to the
-- whole cluster), the name cut and tagged with a hash when long, so it fits PostgreSQL's 63
-- bytes and stays apart from every other. The staff's groups are made by 0016; the
-- scheduler's login is one given `<database>_scheduler` (newsroom_grant_scheduler).
CREATE FUNCTION newsroom_group(kind text) RETURNS text LANGUAGE sql STABLE
    SET search_path = pg_catalog AS $$
    SELECT CASE WHEN octet_length(current_database()) <= 40 THEN current_database()
                ELSE left(current_database(), 24) || '_' || left(md5(current_database()), 8) END
           || '_' || kind
$$;

-- Whether the connected login is this newsroom's scheduler (a member of its group).
CREATE FUNCTION newsroom_login_is_scheduler() RETURNS boolean LANGUAGE sql STABLE
    SET search_path = pg_catalog, public AS $$
    SELECT coalesce((SELECT pg_has_role(session_user, g.oid, 'MEMBER') FROM pg_roles g WHERE g.rolname = newsroom_group('scheduler')), false)
$$;

-- Who the connected login is to this newsroom, decided here once for every check below (and
-- asked by the tool, Migrations/0016): `owner` (the database's owner or a superuser), `staff`
-- (an active member's login), `inactive` (a deactivated member's), `scheduler` (this
-- newsroom's scheduler login, with no staff record), or `stranger`; with the member's handle
-- and role. With the owner's rights (it reads staff whatever the login may read), on a pinned
-- search_path so no object a login creates can stand in for ours.
CREATE FUNCTION newsroom_session(OUT kind text, OUT handle text, OUT role text) LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT CASE WHEN newsroom_login_is_owner() THEN 'owner'
                WHEN s.handle IS NOT NULL THEN CASE WHEN s.active THEN 'staff' ELSE 'inactive' END
                WHEN newsroom_login_is_scheduler() THEN 'scheduler'
                ELSE 'stranger' END,
           s.handle, s.role
      FROM (SELECT 1) AS one LEFT JOIN staff s ON s.login = session_user
$$;

-- Refuses a login that may change nothing here (no staff member's, or a deactivated one's).
CREATE FUNCTION newsroom_refuse_stranger(kind text, handle text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF kind = 'stranger' THEN
        RAISE EXCEPTION 'the login % is no staff member''s: it may change nothing in this newsroom', session_user
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('an admin adds it: newsroom staff add HANDLE --name NAME --role ROLE --login %s', session_user);
    ELSIF kind = 'inactive' THEN
        RAISE EXCEPTION 'the login % is %''s, who is no longer active: it may change nothing', session_user, handle
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$;

-- Before every write statement: the setting names the person the login is (filled in when
-- empty), or anyone for the owner and admins' logins.
CREATE FUNCTION newsroom_verify_actor() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    requested text := nullif(current_setting('newsroom.actor', true), '');
    who record := newsroom_session();
    acting text;
BEGIN
    IF who.kind = 'owner' THEN
        RETURN NULL;
    END IF;
    PERFORM newsroom_refuse_stranger(who.kind, who.handle);
    -- The scheduler acts as itself; its rows say for whom (see the row checks below).
    acting := CASE WHEN who.kind = 'scheduler' THEN 'scheduler' ELSE who.handle END;
    IF requested IS NULL THEN
        PERFORM set_config('newsroom.actor', acting, true);
    ELSIF requested <> acting AND who.role IS DISTINCT FROM 'admin' THEN
        RAISE EXCEPTION 'the login % is %''s: it may not act as % (only the database owner and admins'' logins may)',
            session_user, CASE WHEN who.kind = 'scheduler' THEN 'the scheduler' ELSE who.handle END, requested
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION newsroom_verify_actor() FROM PUBLIC;

-- The columns that say who did something (a history line's actor, a story's author, who
-- scheduled it, who wrote a ticker line or cancelled it, who edited a revision) name the
-- person acting, decided from the login and not from the setting, which a statement can
-- change while it runs: an admin's login may name anyone, the scheduler's is held by its own
-- checks. The column is the trigger's argument. On a history line it also keeps the login
-- that wrote it (the owner's or an admin's when they act for someone, the scheduler's for
-- what it publishes).
CREATE FUNCTION newsroom_names_who_acts() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    named text := to_jsonb(NEW) ->> TG_ARGV[0];
    who record := newsroom_session();
BEGIN
    IF TG_TABLE_NAME IN ('story_history', 'ticker_history') THEN
        NEW.login := session_user;
    END IF;
    IF who.kind = 'owner' OR named IS NULL THEN
        RETURN NEW;
    END IF;
    IF who.kind = 'scheduler' THEN
        -- The one line it writes: a due story published, in the name of whoever scheduled it.
        IF TG_TABLE_NAME = 'story_history' AND (NEW.action <> 'publish_scheduled'
           OR NEW.actor IS DISTINCT FROM (SELECT s.scheduled_by FROM stories s WHERE s.id = NEW.story_id))
           OR TG_TABLE_NAME = 'ticker_history' THEN
            RAISE EXCEPTION 'the scheduler''s login % writes only the line of a due story it publishes, in the name of whoever scheduled it', session_user
                USING ERRCODE = 'insufficient_privilege';
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
REVOKE ALL ON FUNCTION newsroom_names_who_acts() FROM PUBLIC;

-- The scheduler's login moves a story only from scheduled to published, once it is due.
CREATE FUNCTION newsroom_scheduler_publishes_only() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF (SELECT kind FROM newsroom_session()) = 'scheduler'
       AND NOT (OLD.status = 'scheduled' AND NEW.status = 'published' AND OLD.publish_at <= now()) THEN
        RAISE EXCEPTION 'the scheduler''s login % only publishes a scheduled story once it is due (story %: % for %)',
            session_user, OLD.id, OLD.status, coalesce(OLD.publish_at::text, 'no time')
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

-- The triggers are skipped for the owner's own login by a WHEN that costs nothing (the
-- scheduler writes thousands of lines a second as the owner); a superuser, or an owner
-- changed later, goes through the functions, which decide the same way, only slower.
DO $$
DECLARE
    target text;
    owner_login text := (SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = current_database());
BEGIN
    FOREACH target IN ARRAY ARRAY['stories', 'story_texts', 'story_history', 'story_revisions', 'story_actions',
                                  'ticker_items', 'ticker_history', 'staff', 'sections', 'settings',
                                  'reader_changes', 'reader_changes_pending', 'reader_changes_commits', 'purge_progress'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()',
                       target || '_verify_actor', target, owner_login);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()',
                       target || '_verify_actor_truncate', target, owner_login);
    END LOOP;

    -- A history line names the person acting, whatever the setting says by the time the line
    -- is written (a statement can change the setting as it runs: the setting is a convenience,
    -- the line is the record). And it keeps the login that wrote it: the owner's or an
    -- admin's when they act for someone, the owner's for what the scheduler publishes.
    -- Lines written before this migration keep no login (NULL: not known), not the migrating one.
    ALTER TABLE story_history ADD COLUMN login text;
    ALTER TABLE story_history ALTER COLUMN login SET DEFAULT session_user;
    ALTER TABLE ticker_history ADD COLUMN login text;
    ALTER TABLE ticker_history ALTER COLUMN login SET DEFAULT session_user;
    EXECUTE format('CREATE TRIGGER story_history_by_actor BEFORE INSERT ON story_history FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'actor');
    EXECUTE format('CREATE TRIGGER ticker_history_by_actor BEFORE INSERT ON ticker_history FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'actor');
    EXECUTE format('CREATE TRIGGER stories_scheduler_publishes_only BEFORE UPDATE ON stories FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_scheduler_publishes_only()', owner_login);
    EXECUTE format('CREATE TRIGGER stories_author_by_actor BEFORE INSERT ON stories FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'author');
    EXECUTE format('CREATE TRIGGER stories_scheduled_by_actor BEFORE UPDATE OF scheduled_by ON stories FOR EACH ROW WHEN (session_user <> %L AND NEW.scheduled_by IS DISTINCT FROM OLD.scheduled_by) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'scheduled_by');
    EXECUTE format('CREATE TRIGGER ticker_items_created_by_actor BEFORE INSERT ON ticker_items FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'created_by');
    EXECUTE format('CREATE TRIGGER ticker_items_cancelled_by_actor BEFORE UPDATE OF cancelled_by ON ticker_items FOR EACH ROW WHEN (session_user <> %L AND NEW.cancelled_by IS DISTINCT FROM OLD.cancelled_by) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'cancelled_by');
    EXECUTE format('CREATE TRIGGER story_revisions_edited_by_actor BEFORE INSERT ON story_revisions FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'edited_by');
END $$;
