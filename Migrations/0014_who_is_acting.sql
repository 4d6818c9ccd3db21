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

-- Runs with the owner's rights (it must read staff whatever the login may read), on a pinned
-- search_path so no object a login creates can stand in for ours.
CREATE FUNCTION newsroom_verify_actor() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    requested text := nullif(current_setting('newsroom.actor', true), '');
    own_handle text;
    own_role text;
    own_active boolean;
BEGIN
    IF newsroom_login_is_owner() THEN
        RETURN NULL;
    END IF;
    SELECT handle, role, active INTO own_handle, own_role, own_active FROM staff WHERE login = session_user;
    IF own_handle IS NULL THEN
        RAISE EXCEPTION 'the login % is no staff member''s: it may change nothing in this newsroom', session_user
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('an admin adds it: newsroom staff add HANDLE --name NAME --role ROLE --login %s', session_user);
    END IF;
    IF NOT own_active THEN
        RAISE EXCEPTION 'the login % is %''s, who is no longer active: it may change nothing', session_user, own_handle
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF requested IS NULL THEN
        PERFORM set_config('newsroom.actor', own_handle, true);
    ELSIF requested <> own_handle AND own_role <> 'admin' THEN
        RAISE EXCEPTION 'the login % is %''s: it may not act as % (only the database owner and admins'' logins may)',
            session_user, own_handle, requested
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION newsroom_verify_actor() FROM PUBLIC;

CREATE FUNCTION newsroom_history_by_actor() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    own_handle text;
    own_role text;
    own_active boolean;
BEGIN
    NEW.login := session_user;
    IF newsroom_login_is_owner() THEN
        RETURN NEW;
    END IF;
    SELECT handle, role, active INTO own_handle, own_role, own_active FROM staff WHERE login = session_user;
    IF own_handle IS NULL OR NOT own_active THEN
        RAISE EXCEPTION 'the login % is no active staff member''s: it may write no history', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.actor IS DISTINCT FROM own_handle AND own_role <> 'admin' THEN
        RAISE EXCEPTION 'a history line by % from the login %, which is %''s: history names who acts', NEW.actor, session_user, own_handle
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION newsroom_history_by_actor() FROM PUBLIC;

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
    EXECUTE format('CREATE TRIGGER story_history_by_actor BEFORE INSERT ON story_history FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_history_by_actor()', owner_login);
    EXECUTE format('CREATE TRIGGER ticker_history_by_actor BEFORE INSERT ON ticker_history FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_history_by_actor()', owner_login);
END $$;
