-- Who may do what was kept in Swift only (Workflow, TickerRules). The rules that can be
-- read off the rows themselves are refused here too, so no other client can store them.

-- Nobody approves their own story; withdrawing and publishing without review are the chief's.
CREATE FUNCTION story_history_check_actor() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    actor_role text := (SELECT role FROM staff WHERE handle = NEW.actor);
BEGIN
    IF NEW.action = 'approve' AND NEW.actor = (SELECT author FROM stories WHERE id = NEW.story_id) THEN
        RAISE EXCEPTION '% cannot approve story %: nobody approves their own story', NEW.actor, NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.action IN ('withdraw', 'publish_skip_review') AND actor_role IS DISTINCT FROM 'chief' THEN
        RAISE EXCEPTION '% (%) cannot %: only a chief may', NEW.actor, actor_role, NEW.action
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER story_history_check_actor BEFORE INSERT ON story_history
    FOR EACH ROW WHEN (NEW.action IN ('approve', 'withdraw', 'publish_skip_review'))
    EXECUTE FUNCTION story_history_check_actor();

-- A story's editor is an editor or a chief, and not its author.
CREATE FUNCTION stories_check_editor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.editor = NEW.author THEN
        RAISE EXCEPTION 'story %: % wrote it and cannot be its editor', NEW.id, NEW.editor USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.editor AND role IN ('editor', 'chief')) THEN
        RAISE EXCEPTION 'story %: % is not an editor or a chief', NEW.id, NEW.editor USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER stories_check_editor_insert BEFORE INSERT ON stories
    FOR EACH ROW WHEN (NEW.editor IS NOT NULL) EXECUTE FUNCTION stories_check_editor();
CREATE TRIGGER stories_check_editor_update BEFORE UPDATE OF editor ON stories
    FOR EACH ROW WHEN (NEW.editor IS NOT NULL AND NEW.editor IS DISTINCT FROM OLD.editor)
    EXECUTE FUNCTION stories_check_editor();

-- Ticker lines are scheduled by editors and chiefs, and last at most seven days (TickerRules).
CREATE FUNCTION ticker_items_check_creator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.created_by AND role IN ('editor', 'chief')) THEN
        RAISE EXCEPTION '% may not schedule ticker lines: only editors and chiefs may', NEW.created_by
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER ticker_items_check_creator BEFORE INSERT ON ticker_items
    FOR EACH ROW EXECUTE FUNCTION ticker_items_check_creator();

ALTER TABLE ticker_items ADD CONSTRAINT ticker_window_at_most_a_week
    CHECK (ends_at - starts_at <= interval '7 days');
