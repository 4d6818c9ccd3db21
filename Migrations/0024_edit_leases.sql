-- Edit leases (issue 18): `story edit ID` with no field options opens the editor on the
-- story's text and holds a lease while it is open, so that nobody else edits or moves the
-- story meanwhile. A lease is held by one person until it expires (the tool renews it while
-- the editor runs; a crashed editor's lease runs out on its own) or is given back. The
-- database holds others to it: a change to a story leased by someone else is refused (55P03,
-- which the tool reports as "try again", exit 75), except the scheduler's publication (it
-- never waits for a lease) and a withdrawal (a chief's withdrawal never waits either; the
-- holder's save then finds the story moved on). Taking a lease over is an editor's or a
-- chief's, and the lease keeps whose it was.
CREATE TABLE story_leases (
    story_id bigint PRIMARY KEY REFERENCES stories (id),
    holder text NOT NULL REFERENCES staff (handle),
    since timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    -- Whose lease this one broke, if it was taken over.
    taken_from text REFERENCES staff (handle),
    CONSTRAINT story_lease_ends_after_it_starts CHECK (expires_at > since)
);

CREATE FUNCTION stories_respect_lease() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    lease story_leases%ROWTYPE;
    acting text := nullif(current_setting('newsroom.actor', true), '');
BEGIN
    SELECT * INTO lease FROM story_leases WHERE story_id = NEW.id AND expires_at > now();
    IF NOT FOUND OR lease.holder = acting THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'story % is being edited by % (since %, until %)', NEW.id, lease.holder,
        to_char(lease.since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"Z"'), to_char(lease.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"Z"')
        USING ERRCODE = 'lock_not_available',
              HINT = 'try again when they are done, or an editor or chief takes it over with story edit ID --take-over';
END $$;
-- Only moves (each makes a version), and never the scheduler's or a withdrawal: those are
-- decided here, in the trigger's condition, so the scheduler's batches call nothing more.
CREATE TRIGGER stories_respect_lease BEFORE UPDATE ON stories
    FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version AND NEW.status <> 'withdrawn'
                       AND current_setting('newsroom.actor', true) IS DISTINCT FROM 'scheduler')
    EXECUTE FUNCTION stories_respect_lease();

-- A lease another holds is given back or broken only as the rules say: deleted by its holder
-- (or once expired), taken over by an editor or a chief.
CREATE FUNCTION story_leases_guard() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    acting text := nullif(current_setting('newsroom.actor', true), '');
BEGIN
    IF OLD.expires_at <= now() OR OLD.holder = acting OR (SELECT kind FROM newsroom_session()) = 'owner' AND acting IS NULL THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.holder = acting AND NEW.taken_from = OLD.holder
       AND EXISTS (SELECT 1 FROM staff WHERE handle = acting AND active AND role IN ('editor', 'chief')) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'story %''s lease is %''s until %: only they give it back, and only an editor or a chief takes it over (story edit % --take-over)',
        OLD.story_id, OLD.holder, OLD.expires_at, OLD.story_id
        USING ERRCODE = 'lock_not_available';
END $$;
CREATE TRIGGER story_leases_guard BEFORE UPDATE OR DELETE ON story_leases
    FOR EACH ROW EXECUTE FUNCTION story_leases_guard();

-- Taken as oneself (0014), read and written by active staff only (0016).
DO $$
DECLARE
    owner_login text := (SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = current_database());
BEGIN
    EXECUTE format('CREATE TRIGGER story_leases_verify_actor BEFORE INSERT OR UPDATE OR DELETE ON story_leases FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()', owner_login);
    EXECUTE format('CREATE TRIGGER story_leases_by_actor BEFORE INSERT OR UPDATE ON story_leases FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'holder');
END $$;
ALTER TABLE story_leases ENABLE ROW LEVEL SECURITY;
CREATE POLICY story_leases_active_staff ON story_leases
    USING ((SELECT newsroom_session_is_staff())) WITH CHECK ((SELECT newsroom_session_is_staff()));

-- Every staff group takes, renews and gives back leases (the triggers above decide whose).
INSERT INTO newsroom_staff_writes (relation, privileges, roles) VALUES ('story_leases', 'INSERT, UPDATE, DELETE', ARRAY['reporter', 'editor', 'chief', 'admin']);
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group('reporter')) THEN
        PERFORM newsroom_setup_groups();
    END IF;
END $$;
