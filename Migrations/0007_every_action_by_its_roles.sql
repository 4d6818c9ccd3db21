-- Who may take each workflow action (Workflow.permit in Swift), and who may be a story's
-- editor. 0005 refused self-approval and kept withdrawing and publishing without review to
-- chiefs; every other action's rule was Swift's alone, so any other client could, say,
-- publish as a reporter, or act for someone deactivated. All of them can be read off the
-- rows, so the database refuses them too, on the history line each action writes. The
-- scheduler's `publish_scheduled` lines are not checked here: they act for whoever
-- scheduled the story, which was checked when it was scheduled.

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

DROP TRIGGER story_history_check_actor ON story_history;
CREATE TRIGGER story_history_check_actor BEFORE INSERT ON story_history
    FOR EACH ROW WHEN (NEW.action <> 'publish_scheduled')
    EXECUTE FUNCTION story_history_check_actor();

-- A story's editor is an active editor or chief (0005 checked the role, not that they are
-- still on staff), and not its author.
CREATE OR REPLACE FUNCTION stories_check_editor() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    member staff%ROWTYPE;
BEGIN
    SELECT * INTO member FROM staff WHERE handle = NEW.editor;
    IF NEW.editor = NEW.author THEN
        RAISE EXCEPTION 'story %: % wrote it and cannot be its editor', NEW.id, NEW.editor USING ERRCODE = 'check_violation';
    END IF;
    IF member.role IS NULL OR member.role NOT IN ('editor', 'chief') THEN
        RAISE EXCEPTION 'story %: % is not an editor or a chief', NEW.id, NEW.editor USING ERRCODE = 'check_violation';
    END IF;
    IF NOT member.active THEN
        RAISE EXCEPTION 'story %: % is no longer active and cannot be its editor', NEW.id, NEW.editor
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
