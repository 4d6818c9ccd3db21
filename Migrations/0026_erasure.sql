-- Erasure by order (issue 18): a court or a privacy law can require a story's text to be
-- erased, which the append-only revisions forbid otherwise. Two people: a chief asks for it
-- under an order (`story erase ID --order REF`, a row here), an admin carries it out
-- (`story erase ID --order REF --confirm`): in one transaction the story's text and every
-- revision's text become the tombstone, the story leaves publication (published → withdrawn,
-- so readers get 410 and the feeds drop it; unpublished → spiked), and history gains one
-- `erase` line saying under which order, asked by whom and when. Every earlier history line
-- stays. After it, the story changes no more. The database allows exactly this: a revision
-- changes only to the tombstone, only while its story is being erased under an order asked
-- for by someone else (another person, through another login).

-- What erased text reads (EditorialText.erased in the core; a test keeps them one).
CREATE FUNCTION newsroom_erased_text() RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT '[erased]' $$;

CREATE TABLE story_erasure_orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    story_id bigint NOT NULL REFERENCES stories (id),
    -- The order's reference as the court or authority gives it (LineKind.erasureOrder).
    order_ref text NOT NULL CONSTRAINT story_erasure_order_is_line CHECK (newsroom_is_line(order_ref, 800)),
    requested_by text NOT NULL REFERENCES staff (handle),
    requested_at timestamptz NOT NULL DEFAULT now(),
    -- The login that asked (the owner's or an admin's when acting for a chief).
    login text NOT NULL DEFAULT session_user,
    CONSTRAINT story_erasure_order_once UNIQUE (story_id, order_ref)
);

-- Asked for by an active chief, of a story not erased yet.
CREATE FUNCTION story_erasure_orders_check() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, public AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.requested_by AND active AND role = 'chief') THEN
        RAISE EXCEPTION '% may not order story %''s erasure: only an active chief may', NEW.requested_by, NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM stories WHERE id = NEW.story_id AND erased_at IS NOT NULL) THEN
        RAISE EXCEPTION 'story % is erased already', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

ALTER TABLE stories
    ADD COLUMN erased_at timestamptz,
    ADD COLUMN erasure_order bigint REFERENCES story_erasure_orders (id);
ALTER TABLE stories
    ADD CONSTRAINT story_erased_under_order CHECK ((erased_at IS NULL) = (erasure_order IS NULL)),
    ADD CONSTRAINT story_erased_is_out CHECK (erased_at IS NULL OR status IN ('withdrawn', 'spiked'));

CREATE TRIGGER story_erasure_orders_check BEFORE INSERT ON story_erasure_orders
    FOR EACH ROW EXECUTE FUNCTION story_erasure_orders_check();
CREATE TRIGGER story_erasure_orders_append_only BEFORE UPDATE OR DELETE ON story_erasure_orders
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER story_erasure_orders_no_truncate BEFORE TRUNCATE ON story_erasure_orders
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_change();

ALTER TABLE story_history
    DROP CONSTRAINT history_action_known,
    ADD CONSTRAINT history_action_known CHECK (action IN (
        'create', 'edit', 'correct', 'assign', 'submit', 'return', 'approve', 'publish', 'schedule', 'unschedule',
        'publish_skip_review', 'publish_scheduled', 'withdraw', 'set_expiry', 'expire', 'erase', 'spike', 'restore'));

INSERT INTO story_actions (action, from_status, to_status, needs_note) VALUES
    ('erase', 'draft', 'spiked', false), ('erase', 'in_review', 'spiked', false), ('erase', 'approved', 'spiked', false),
    ('erase', 'scheduled', 'spiked', false), ('erase', 'spiked', 'spiked', false),
    ('erase', 'published', 'withdrawn', false), ('erase', 'withdrawn', 'withdrawn', false);

-- The erase line: by an active admin, for a story erased in this transaction under one of
-- its own orders, asked for by someone else; its text and every revision are the tombstone.
CREATE FUNCTION story_history_check_erase() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, public AS $$
DECLARE
    erased stories%ROWTYPE;
    ordered story_erasure_orders%ROWTYPE;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.actor AND active AND role = 'admin') THEN
        RAISE EXCEPTION '% may not erase story %: an admin confirms a chief''s order', NEW.actor, NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO erased FROM stories WHERE id = NEW.story_id;
    SELECT * INTO ordered FROM story_erasure_orders WHERE id = erased.erasure_order AND story_id = NEW.story_id;
    IF NOT FOUND OR erased.erased_at IS DISTINCT FROM now() THEN
        RAISE EXCEPTION 'story %: an erase line goes with the story erased now under an order asked for it', NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF ordered.requested_by = NEW.actor THEN
        RAISE EXCEPTION 'story %: % asked for this erasure and cannot confirm it too; another person confirms', NEW.story_id, NEW.actor
            USING ERRCODE = 'check_violation';
    END IF;
    -- Two people, also when an admin's login acted for the chief (0014 lets it): the login that
    -- gave the order does not confirm it. The owner's login is the setup's, shared by design.
    IF ordered.login = session_user AND NOT newsroom_login_is_owner() THEN
        RAISE EXCEPTION 'story %: the order was given through the login %, which cannot confirm it too; another person confirms through their own login', NEW.story_id, session_user
            USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM story_texts t WHERE t.story_id = NEW.story_id
                  AND (t.headline <> newsroom_erased_text() OR t.body <> newsroom_erased_text() OR t.dateline IS NOT NULL))
       OR EXISTS (SELECT 1 FROM story_revisions r WHERE r.story_id = NEW.story_id
                  AND (r.headline <> newsroom_erased_text() OR r.body <> newsroom_erased_text() OR r.dateline IS NOT NULL)) THEN
        RAISE EXCEPTION 'story %: erasure leaves its text and every revision erased', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER story_history_check_erase BEFORE INSERT ON story_history
    FOR EACH ROW WHEN (NEW.action = 'erase') EXECUTE FUNCTION story_history_check_erase();

-- A story is erased only with its erase line (checked at commit), and changes no more after.
CREATE FUNCTION stories_erased_with_line() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM story_history WHERE story_id = NEW.id AND action = 'erase' AND version = NEW.version) THEN
        RAISE EXCEPTION 'story % was marked erased without an erase line in its history', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER stories_erased_with_line AFTER UPDATE OF erased_at ON stories
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL) EXECUTE FUNCTION stories_erased_with_line();

CREATE FUNCTION stories_refuse_after_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'story % was erased under an order; it changes no more', OLD.id USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER stories_refuse_after_erasure BEFORE UPDATE ON stories
    FOR EACH ROW WHEN (OLD.erased_at IS NOT NULL) EXECUTE FUNCTION stories_refuse_after_erasure();

-- An erased story's text changes no more either; while it is erased, only to the tombstone.
CREATE FUNCTION story_texts_erased_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    erased timestamptz := (SELECT s.erased_at FROM stories s WHERE s.id = NEW.story_id);
BEGIN
    IF erased < now() THEN
        RAISE EXCEPTION 'story % was erased under an order; its text changes no more', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    IF erased = now() AND (NEW.headline <> newsroom_erased_text() OR NEW.body <> newsroom_erased_text() OR NEW.dateline IS NOT NULL) THEN
        RAISE EXCEPTION 'story %: an erased story''s text is the tombstone', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER story_texts_erased_only BEFORE UPDATE ON story_texts
    FOR EACH ROW EXECUTE FUNCTION story_texts_erased_only();

-- Revisions stay append-only (0002), with the one exception: their text becomes the
-- tombstone while their story is being erased. Nothing else of a revision ever changes.
DROP TRIGGER story_revisions_append_only ON story_revisions;
CREATE TRIGGER story_revisions_no_delete BEFORE DELETE ON story_revisions
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE FUNCTION story_revisions_erased_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT (NEW.story_id = OLD.story_id AND NEW.version = OLD.version AND NEW.section = OLD.section
            AND NEW.edited_by = OLD.edited_by AND NEW.edited_at = OLD.edited_at
            AND NEW.headline = newsroom_erased_text() AND NEW.body = newsroom_erased_text() AND NEW.dateline IS NULL)
       OR NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = OLD.story_id AND s.erased_at = now()) THEN
        RAISE EXCEPTION '% is append-only: a revision changes only to the tombstone, when its story is erased under an order', TG_TABLE_NAME
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER story_revisions_erased_only BEFORE UPDATE ON story_revisions
    FOR EACH ROW EXECUTE FUNCTION story_revisions_erased_only();

-- The close-spelling vocabulary (0021) forgets an erased headline's words that no other
-- headline has (a name an order removes must not come back as a suggested spelling). By the
-- owner's rights, as the vocabulary is written; each word looked up by the headline
-- trigrams' index with its own pattern (erasures are rare; a word a lookup).
CREATE FUNCTION story_revisions_forget_words() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    w text;
    still boolean;
BEGIN
    FOR w IN SELECT DISTINCT x FROM unnest(string_to_array((story_search_row(OLD.headline, NULL, '')).headline_words, ' ')) AS x WHERE x <> '' LOOP
        EXECUTE 'SELECT EXISTS (SELECT 1 FROM story_search s WHERE s.headline_words LIKE $1 AND $2 = ANY (string_to_array(s.headline_words, '' '')))'
           INTO still USING '%' || replace(replace(replace(w, '\', '\\'), '%', '\%'), '_', '\_') || '%', w;
        IF NOT still THEN
            DELETE FROM search_words WHERE word = w;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;
CREATE TRIGGER story_revisions_forget_words AFTER UPDATE ON story_revisions
    FOR EACH ROW WHEN (OLD.headline IS DISTINCT FROM NEW.headline) EXECUTE FUNCTION story_revisions_forget_words();

-- An erasure ends its story's ticker lines as a withdrawal does, in the confirming admin's
-- name (0025's rule for the lines a story's own move ends, with that case added).
CREATE OR REPLACE FUNCTION newsroom_ticker_line_ended_by_story(item bigint, actor text) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
    SELECT EXISTS (SELECT 1 FROM ticker_items t JOIN stories s ON s.id = t.story_id
                    WHERE t.id = item
                      AND (s.status = 'withdrawn' AND s.expire_by = actor AND s.withdrawn_at = now()
                           OR s.erased_at = now() AND EXISTS (SELECT 1 FROM staff a WHERE a.handle = actor AND a.active AND a.role = 'admin')))
$$;

-- An erasure never waits for an edit lease, as a withdrawal does not (0024).
DROP TRIGGER stories_respect_lease ON stories;
CREATE TRIGGER stories_respect_lease BEFORE UPDATE ON stories
    FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version AND NEW.status <> 'withdrawn' AND NEW.erased_at IS NULL
                       AND current_setting('newsroom.actor', true) IS DISTINCT FROM 'scheduler')
    EXECUTE FUNCTION stories_respect_lease();

DO $$
DECLARE
    owner_login text := (SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = current_database());
BEGIN
    EXECUTE format('CREATE TRIGGER story_erasure_orders_verify_actor BEFORE INSERT OR UPDATE OR DELETE ON story_erasure_orders FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()', owner_login);
    EXECUTE format('CREATE TRIGGER story_erasure_orders_verify_actor_truncate BEFORE TRUNCATE ON story_erasure_orders FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()', owner_login);
    EXECUTE format('CREATE TRIGGER story_erasure_orders_by_actor BEFORE INSERT ON story_erasure_orders FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'requested_by');
    ALTER TABLE story_erasure_orders ENABLE ROW LEVEL SECURITY;
    CREATE POLICY story_erasure_orders_active_staff ON story_erasure_orders
        USING ((SELECT newsroom_session_is_staff())) WITH CHECK ((SELECT newsroom_session_is_staff()));
END $$;

-- Chiefs ask (and admins, acting for one); admins rewrite the revisions, and end the
-- story's ticker lines, when they confirm.
INSERT INTO newsroom_staff_writes (relation, privileges, roles) VALUES
    ('story_erasure_orders', 'INSERT', ARRAY['chief', 'admin']),
    ('story_revisions', 'UPDATE', ARRAY['admin']);
-- Ending the erased story's ticker lines (the triggers allow admins only that), as 0025's
-- scheduler does for an expired one.
UPDATE newsroom_staff_writes SET roles = roles || 'admin'::text
 WHERE relation IN ('ticker_items'::regclass, 'ticker_history'::regclass);
SELECT newsroom_refresh_groups();
