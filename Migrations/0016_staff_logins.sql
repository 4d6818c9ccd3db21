-- Every person logs in as themselves, and the login gets from the database exactly what the
-- person's role needs: membership in one of this database's group roles, kept in step with
-- the staff table by a trigger (added with a login, a role changed, deactivated, a login
-- changed). PostgreSQL roles belong to the whole cluster, so the groups carry this database's
-- name: two newsrooms on one cluster never share them (nor a copy restored under another
-- name, which makes its own on its first staff change).
--
-- What each group may do is the least that the tool's commands need; the rules of who may do
-- what to which story stay with the triggers, for the actor the database decided (0014).
-- Every active member reads everything (a newsroom works in the open); a login that is no
-- active staff member's is in no group and reads nothing, unless someone granted it more by
-- hand. Staff logins are never given CREATEROLE or any other attribute.

-- Creates this database's groups when missing and gives each its privileges (run again by
-- any migration that adds a table). Needs a migrating login that may create roles; where it
-- may not (managed PostgreSQL), the error says what an administrator runs.
CREATE FUNCTION newsroom_setup_groups() RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    staff_role text;
    grp text;
BEGIN
    FOREACH staff_role IN ARRAY ARRAY['reporter', 'editor', 'chief', 'admin', 'scheduler'] LOOP
        grp := newsroom_group(staff_role);
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = grp);
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', grp);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'the login % may not create roles, and this newsroom needs its group roles', current_user
                USING ERRCODE = 'insufficient_privilege',
                      HINT = format('an administrator runs, once: %s; then, as %s: SELECT newsroom_setup_groups();',
                                    (SELECT string_agg(format('CREATE ROLE %I NOLOGIN; GRANT %I TO %I WITH ADMIN OPTION', newsroom_group(r), newsroom_group(r), current_user), '; ')
                                       FROM unnest(ARRAY['reporter', 'editor', 'chief', 'admin', 'scheduler']) AS r),
                                    current_user);
        END;
    END LOOP;
    FOREACH staff_role IN ARRAY ARRAY['reporter', 'editor', 'chief', 'admin'] LOOP
        grp := newsroom_group(staff_role);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), grp);
        EXECUTE format('GRANT USAGE ON SCHEMA public, reader TO %I', grp);
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public, reader TO %I', grp);
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', grp);
        -- Everyone writes stories (the triggers decide which moves), and their history.
        EXECUTE format('GRANT INSERT, UPDATE ON stories, story_texts TO %I', grp);
        EXECUTE format('GRANT INSERT ON story_history TO %I', grp);
        IF staff_role IN ('editor', 'chief') THEN
            EXECUTE format('GRANT INSERT, UPDATE ON ticker_items TO %I', grp);
            EXECUTE format('GRANT INSERT ON ticker_history TO %I', grp);
        END IF;
        IF staff_role IN ('chief', 'admin') THEN
            EXECUTE format('GRANT INSERT, UPDATE ON sections, settings TO %I', grp);
        END IF;
        IF staff_role = 'admin' THEN
            EXECUTE format('GRANT INSERT, UPDATE ON staff TO %I', grp);
            IF to_regprocedure('newsroom_create_login(text, text)') IS NOT NULL THEN
                EXECUTE format('GRANT EXECUTE ON FUNCTION newsroom_create_login(text, text) TO %I', grp);
            END IF;
        END IF;
    END LOOP;
    -- The scheduler: reads, publishes what is due (0014 holds it to that) and writes its lines.
    grp := newsroom_group('scheduler');
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), grp);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', grp);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', grp);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', grp);
    EXECUTE format('GRANT UPDATE ON stories TO %I', grp);
    EXECUTE format('GRANT INSERT ON story_history TO %I', grp);
END $$;
REVOKE ALL ON FUNCTION newsroom_setup_groups() FROM PUBLIC;

-- What the triggers write for everyone (revisions, the record of changes) they write with the
-- owner's rights, so no login needs to write those tables itself.
DO $$
DECLARE
    routine regprocedure;
BEGIN
    FOR routine IN
        SELECT p.oid::regprocedure FROM pg_proc p
         WHERE p.pronamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema())
           AND p.proname IN ('stories_keep_revision', 'story_texts_keep_revision', 'reader_changes_number', 'reader_changes_note',
                             'stories_note_reader_changes', 'ticker_items_note_reader_changes', 'sections_note_reader_changes',
                             'staff_note_reader_changes', 'settings_note_reader_changes')
    LOOP
        EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = %I, pg_catalog', routine, current_schema());
    END LOOP;
END $$;

-- A staff member's login is in the group of their role while they are active, and in no
-- other. Logins that own the database or are superusers are left as they are.
CREATE FUNCTION staff_sync_login() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    staff_role text;
    login_name text;
    is_member boolean;
BEGIN
    FOREACH login_name IN ARRAY ARRAY[CASE WHEN TG_OP = 'UPDATE' AND OLD.login IS DISTINCT FROM NEW.login THEN OLD.login END, NEW.login] LOOP
        CONTINUE WHEN login_name IS NULL
            OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login_name)
            OR EXISTS (SELECT 1 FROM pg_roles r, pg_database d
                        WHERE r.rolname = login_name AND d.datname = current_database() AND (r.rolsuper OR d.datdba = r.oid));
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group(NEW.role)) THEN
            PERFORM newsroom_setup_groups();
        END IF;
        FOREACH staff_role IN ARRAY ARRAY['reporter', 'editor', 'chief', 'admin'] LOOP
            CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group(staff_role));
            is_member := EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles l ON l.oid = m.member
                                  WHERE g.rolname = newsroom_group(staff_role) AND l.rolname = login_name);
            IF login_name = NEW.login AND NEW.active AND NEW.role = staff_role THEN
                IF NOT is_member THEN EXECUTE format('GRANT %I TO %I', newsroom_group(staff_role), login_name); END IF;
            ELSIF is_member THEN
                EXECUTE format('REVOKE %I FROM %I', newsroom_group(staff_role), login_name);
            END IF;
        END LOOP;
    END LOOP;
    RETURN NULL;
END $$;
CREATE TRIGGER staff_sync_login AFTER INSERT OR UPDATE OF role, active, login ON staff
    FOR EACH ROW EXECUTE FUNCTION staff_sync_login();

-- The groups now, where the migrating login may create roles; otherwise on the first staff
-- member with a login (whose addition then says what an administrator runs).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
        PERFORM newsroom_setup_groups();
        -- Logins already on the staff join their groups.
        UPDATE staff SET login = login WHERE login IS NOT NULL;
    ELSE
        RAISE NOTICE 'the login % may not create roles: staff logins get their group roles once an administrator runs what newsroom staff add says', current_user;
    END IF;
END $$;

-- `staff add --create-login`: a new login for a staff member, made by the owner's rights for
-- the owner or an active admin's login, with a password the client hashed already (libpq's
-- PQencryptPasswordConn: the password never reaches the server, a log or history). Role
-- statements take no bound parameters: the name goes in with %I, the hash with %L.
CREATE FUNCTION newsroom_create_login(new_login text, password_hash text) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF (SELECT NOT (kind = 'owner' OR (kind = 'staff' AND role = 'admin')) FROM newsroom_session()) THEN
        RAISE EXCEPTION 'the login % may not create logins: only the database owner and admins'' logins may', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF password_hash !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'a new login''s password must come hashed (SCRAM-SHA-256)' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = new_login) THEN
        RAISE EXCEPTION 'PostgreSQL has a role "%" already: use --login % without --create-login', new_login, new_login
            USING ERRCODE = 'duplicate_object';
    END IF;
    BEGIN
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', new_login, password_hash);
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'the database''s owner may not create roles here, so the tool cannot make the login %', new_login
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('an administrator runs: CREATE ROLE %I LOGIN PASSWORD %L; then: newsroom staff add … --login %s', new_login, password_hash, new_login);
    END;
END $$;
REVOKE ALL ON FUNCTION newsroom_create_login(text, text) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group('admin')) THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION newsroom_create_login(text, text) TO %I', newsroom_group('admin'));
    END IF;
END $$;

-- Reading: every active staff member reads everything; a session whose login is no longer an
-- active staff member's reads nothing from its next statement, also one that did SET ROLE to
-- a group before the deactivation (PostgreSQL keeps that role for the session). Row-level
-- security on the newsroom's tables, for logins other than the owner (the owner, the views
-- the reader site reads, and the triggers' own writes are not subject to it).
CREATE FUNCTION newsroom_session_is_staff() RETURNS boolean LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT kind IN ('owner', 'staff', 'scheduler') FROM newsroom_session()
$$;

-- Gives an existing login the scheduler's group: what `newsroom scheduler run` needs, and
-- nothing more (0014 holds it to publishing due stories). The owner's to give.
CREATE FUNCTION newsroom_grant_scheduler(login text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        RAISE EXCEPTION 'there is no login "%": create it first (CREATE ROLE % LOGIN PASSWORD ...)', login, quote_ident(login)
            USING ERRCODE = 'undefined_object';
    END IF;
    IF EXISTS (SELECT 1 FROM staff s WHERE s.login = newsroom_grant_scheduler.login) THEN
        RAISE EXCEPTION 'the login % is a staff member''s; give the scheduler a login of its own', login
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM newsroom_setup_groups();
    EXECUTE format('GRANT %I TO %I', newsroom_group('scheduler'), login);
END $$;
REVOKE ALL ON FUNCTION newsroom_grant_scheduler(text) FROM PUBLIC;
DO $$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['stories', 'story_texts', 'story_history', 'story_revisions', 'ticker_items',
                                  'ticker_history', 'staff', 'sections', 'settings'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT newsroom_session_is_staff())) WITH CHECK ((SELECT newsroom_session_is_staff()))',
                       target || '_active_staff', target);
    END LOOP;
END $$;

-- Who the connected login is on the staff, active or not, beside what the database makes of
-- it (newsroom_session): what the tool asks first, so that it decides who acts as the
-- database does, and a deactivated member is told so rather than met with silence. Only the
-- caller's own record.
CREATE FUNCTION newsroom_session_staff() RETURNS TABLE (handle text, name text, role text, active boolean, login text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT s.handle, s.name, s.role, s.active, s.login FROM staff s WHERE s.login = session_user
$$;
