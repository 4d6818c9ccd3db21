-- The budget (issue 18): what the desk plans each story to be, and when. Planning only, kept
-- apart from the schedule: nothing here publishes, and the scheduler never reads it. A
-- story's budget is its latest entry; every change is an entry of its own (append-only),
-- with who made it and when. Placeholders without a body yet are stories like any other.
CREATE TABLE story_budget (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    story_id bigint NOT NULL REFERENCES stories (id),
    -- One sentence on what it will say (LineKind.budgetLine: 200 characters, 800 code points).
    line text CONSTRAINT story_budget_line_is_line CHECK (line IS NULL OR newsroom_is_line(line, 800)),
    -- When the copy is due to the desk.
    due_at timestamptz,
    -- Priority.allCases, most pressing first.
    priority text NOT NULL DEFAULT 'normal' CONSTRAINT story_budget_priority_known CHECK (priority IN ('top', 'high', 'normal', 'low')),
    -- The day it is meant to run, in the newsroom's calendar.
    planned_for date CONSTRAINT story_budget_planned_in_range CHECK (planned_for BETWEEN '0001-01-01' AND '9999-12-31'),
    set_by text NOT NULL REFERENCES staff (handle),
    set_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX story_budget_story ON story_budget (story_id, id DESC);
CREATE INDEX story_budget_planned ON story_budget (planned_for);
CREATE INDEX story_budget_due ON story_budget (due_at);

CREATE TRIGGER story_budget_append_only BEFORE UPDATE OR DELETE ON story_budget
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER story_budget_no_truncate BEFORE TRUNCATE ON story_budget
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_change();

-- Who plans a story (BudgetRules.authorize): its author, and editors and chiefs; never an
-- admin's login as itself, the scheduler, or anyone for another (0014 decides who acts). The
-- owner sets up and restores, as for every other table.
CREATE FUNCTION story_budget_by_role() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    planner staff%ROWTYPE;
BEGIN
    SELECT * INTO planner FROM staff WHERE handle = NEW.set_by;
    IF NOT planner.active THEN
        RAISE EXCEPTION '% is no longer active and may not plan stories', NEW.set_by USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF planner.role IN ('editor', 'chief') THEN
        RETURN NEW;
    END IF;
    IF planner.role = 'reporter' AND planner.handle = (SELECT author FROM stories WHERE id = NEW.story_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% (%) may not plan story %: its author and the desk''s editors and chiefs may', NEW.set_by, planner.role, NEW.story_id
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER story_budget_by_role BEFORE INSERT ON story_budget
    FOR EACH ROW EXECUTE FUNCTION story_budget_by_role();

DO $$
DECLARE
    owner_login text := (SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = current_database());
BEGIN
    EXECUTE format('CREATE TRIGGER story_budget_verify_actor BEFORE INSERT OR UPDATE OR DELETE ON story_budget FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()', owner_login);
    EXECUTE format('CREATE TRIGGER story_budget_verify_actor_truncate BEFORE TRUNCATE ON story_budget FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()', owner_login);
    EXECUTE format('CREATE TRIGGER story_budget_by_actor BEFORE INSERT ON story_budget FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'set_by');
END $$;
ALTER TABLE story_budget ENABLE ROW LEVEL SECURITY;
CREATE POLICY story_budget_active_staff ON story_budget
    USING ((SELECT newsroom_session_is_staff())) WITH CHECK ((SELECT newsroom_session_is_staff()));

-- Every staff group writes budget entries (the trigger above decides whose): newsroom_setup_groups
-- as 0019 left it, with that grant.
CREATE OR REPLACE FUNCTION newsroom_setup_groups() RETURNS void LANGUAGE plpgsql
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
        -- Notes on stories, and their threads resolved and reopened (0019).
        EXECUTE format('GRANT INSERT ON story_notes, story_note_states TO %I', grp);
        -- Budget entries (0020).
        EXECUTE format('GRANT INSERT ON story_budget TO %I', grp);
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
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group('reporter')) THEN
        PERFORM newsroom_setup_groups();
    END IF;
END $$;
