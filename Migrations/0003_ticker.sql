-- The breaking-news ticker: short lines shown during [starts_at, ends_at), some urgent,
-- some linked to a story. Cancelled, never deleted; every change in ticker_history.

CREATE TABLE ticker_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    text text NOT NULL CONSTRAINT ticker_text_is_line CHECK (newsroom_is_line(text, 200)),
    urgent boolean NOT NULL DEFAULT false,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    story_id bigint REFERENCES stories (id),
    created_by text NOT NULL REFERENCES staff (handle),
    created_at timestamptz NOT NULL DEFAULT now(),
    cancelled_at timestamptz,
    cancelled_by text REFERENCES staff (handle),
    cancel_reason text CONSTRAINT ticker_cancel_reason_is_line CHECK (cancel_reason IS NULL OR newsroom_is_line(cancel_reason, 1000)),
    end_reason text CONSTRAINT ticker_end_reason_is_line CHECK (end_reason IS NULL OR newsroom_is_line(end_reason, 1000)),
    CONSTRAINT ticker_window_ends_after_start CHECK (ends_at > starts_at),
    CONSTRAINT ticker_cancellation_complete CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL)),
    CONSTRAINT ticker_reason_only_when_cancelled CHECK (cancelled_at IS NOT NULL OR cancel_reason IS NULL)
);

-- "What is live at T": a GiST index on the window, for millions of past items.
CREATE INDEX ticker_items_window ON ticker_items USING gist (tstzrange(starts_at, ends_at)) WHERE cancelled_at IS NULL;
CREATE INDEX ticker_items_upcoming ON ticker_items (starts_at) WHERE cancelled_at IS NULL;
CREATE INDEX ticker_items_story ON ticker_items (story_id) WHERE story_id IS NOT NULL;

CREATE TABLE ticker_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id bigint NOT NULL REFERENCES ticker_items (id),
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL REFERENCES staff (handle),
    action text NOT NULL CONSTRAINT ticker_history_action_known CHECK (action IN ('schedule', 'cancel', 'extend', 'end')),
    note text CONSTRAINT ticker_history_note_is_line CHECK (note IS NULL OR newsroom_is_line(note, 1000)),
    ends_before timestamptz,
    ends_after timestamptz
);
CREATE INDEX ticker_history_item ON ticker_history (item_id, id);

CREATE TRIGGER ticker_history_append_only BEFORE UPDATE OR DELETE ON ticker_history
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER ticker_history_no_truncate BEFORE TRUNCATE ON ticker_history
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER ticker_items_no_delete BEFORE DELETE ON ticker_items
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();

-- A line may point only at a story that is published, or scheduled to publish no later
-- than the line starts: checked at commit for every line not yet over, from both sides,
-- so a story that is withdrawn, spiked or unscheduled cannot leave a line pointing at it.
CREATE FUNCTION ticker_link_allowed(story bigint, line_starts timestamptz) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM stories s
         WHERE s.id = story
           AND (s.status = 'published' OR (s.status = 'scheduled' AND s.publish_at <= line_starts))
    )
$$;

CREATE FUNCTION ticker_items_check_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.story_id IS NOT NULL AND NEW.cancelled_at IS NULL AND NEW.ends_at > now()
       AND NOT ticker_link_allowed(NEW.story_id, NEW.starts_at) THEN
        RAISE EXCEPTION 'ticker item % links story %, which is neither published nor scheduled to publish before it starts',
            NEW.id, NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ticker_items_check_link AFTER INSERT OR UPDATE ON ticker_items
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ticker_items_check_link();

CREATE FUNCTION stories_check_ticker_links() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    orphan bigint;
BEGIN
    SELECT t.id INTO orphan FROM ticker_items t
     WHERE t.story_id = NEW.id AND t.cancelled_at IS NULL AND t.ends_at > now()
       AND NOT ticker_link_allowed(t.story_id, t.starts_at)
     LIMIT 1;
    IF orphan IS NOT NULL THEN
        RAISE EXCEPTION 'story % is now %, but ticker item % still points at it', NEW.id, NEW.status, orphan
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER stories_check_ticker_links AFTER UPDATE OF status, publish_at ON stories
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION stories_check_ticker_links();

INSERT INTO settings (key, value) VALUES ('ticker.duration', '1h');
