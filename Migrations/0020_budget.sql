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

-- Every staff group writes budget entries (the trigger above decides whose).
INSERT INTO newsroom_staff_writes (relation, privileges, roles) VALUES ('story_budget', 'INSERT', ARRAY['reporter', 'editor', 'chief', 'admin']);
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group('reporter')) THEN
        PERFORM newsroom_setup_groups();
    END IF;
END $$;
