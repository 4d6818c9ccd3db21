-- Notes on a story: the desk's conversation about it, never part of its text, never
-- published. A note starts a thread or replies to one (one level, as desks talk: a question
-- and its answers); a thread is resolved and reopened, each time by someone, at a time. Both
-- tables are append-only: what was said stays said, and the state of a thread is its latest
-- line. Any active staff member may write them (a newsroom works in the open, 0016); no view
-- in the reader schema shows them.

-- A note's text: a body's rules (LF, tabs, NFC, trimmed, no other controls, balanced bidi
-- controls on each line), not empty, and at most 16,000 bytes of UTF-8 (EditorialText.noteByteLimit).
CREATE DOMAIN story_note_text AS story_body
    CONSTRAINT story_note_text_not_empty CHECK (VALUE <> '')
    CONSTRAINT story_note_text_size CHECK (octet_length(VALUE) <= 16000);

CREATE TABLE story_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    story_id bigint NOT NULL REFERENCES stories (id),
    -- The thread's first note, for a reply (threads are one level: a reply answers the thread).
    reply_to bigint,
    is_reply boolean NOT NULL GENERATED ALWAYS AS (reply_to IS NOT NULL) STORED,
    -- What a reply points at is a note whose is_reply is false: this column says so, for the
    -- key below (the database, not the tool, keeps replies to threads of the same story).
    answers_a_thread boolean NOT NULL GENERATED ALWAYS AS (false) STORED,
    author text NOT NULL REFERENCES staff (handle),
    at timestamptz NOT NULL DEFAULT now(),
    text story_note_text NOT NULL,
    -- The staff the note names with @handle (the tool reads them from the text).
    mentions text[] NOT NULL DEFAULT '{}' CONSTRAINT story_notes_mentions_named CHECK (array_position(mentions, NULL) IS NULL),
    CONSTRAINT story_notes_thread_key UNIQUE (id, story_id, is_reply),
    CONSTRAINT story_notes_reply_in_thread FOREIGN KEY (reply_to, story_id, answers_a_thread)
        REFERENCES story_notes (id, story_id, is_reply)
);
CREATE INDEX story_notes_story ON story_notes (story_id, id);

-- Each name in `mentions` is a staff member's handle, and the text says @handle.
CREATE FUNCTION story_notes_check_mentions() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, public AS $$
DECLARE
    named text;
BEGIN
    FOREACH named IN ARRAY NEW.mentions LOOP
        IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = named) THEN
            RAISE EXCEPTION 'a note mentions @%, who is not on the staff', named USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF strpos(NEW.text, '@' || named) = 0 THEN
            RAISE EXCEPTION 'a note lists @% among its mentions but its text does not say @%', named, named
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN NEW;
END $$;
CREATE TRIGGER story_notes_check_mentions BEFORE INSERT ON story_notes
    FOR EACH ROW EXECUTE FUNCTION story_notes_check_mentions();

-- A thread resolved or reopened: who, when. Only a thread's first note has a state.
CREATE TABLE story_note_states (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    note_id bigint NOT NULL,
    story_id bigint NOT NULL,
    of_a_thread boolean NOT NULL GENERATED ALWAYS AS (false) STORED,
    resolved boolean NOT NULL,
    actor text NOT NULL REFERENCES staff (handle),
    at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT story_note_states_thread FOREIGN KEY (note_id, story_id, of_a_thread)
        REFERENCES story_notes (id, story_id, is_reply)
);
CREATE INDEX story_note_states_note ON story_note_states (note_id, id);

-- A thread moves: open → resolved → open …; resolving a resolved thread (or reopening an open
-- one) would be a line that says nothing happened. Two people at once: the row lock on the
-- thread's note orders them, and the second is told.
CREATE FUNCTION story_note_states_move() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, public AS $$
DECLARE
    now_resolved boolean;
BEGIN
    PERFORM 1 FROM story_notes WHERE id = NEW.note_id FOR UPDATE;
    now_resolved := coalesce((SELECT s.resolved FROM story_note_states s WHERE s.note_id = NEW.note_id ORDER BY s.id DESC LIMIT 1), false);
    IF now_resolved = NEW.resolved THEN
        RAISE EXCEPTION 'note % is % already', NEW.note_id, CASE WHEN NEW.resolved THEN 'resolved' ELSE 'open' END
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER story_note_states_move BEFORE INSERT ON story_note_states
    FOR EACH ROW EXECUTE FUNCTION story_note_states_move();

CREATE TRIGGER story_notes_append_only BEFORE UPDATE OR DELETE ON story_notes
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER story_notes_no_truncate BEFORE TRUNCATE ON story_notes
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER story_note_states_append_only BEFORE UPDATE OR DELETE ON story_note_states
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER story_note_states_no_truncate BEFORE TRUNCATE ON story_note_states
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_change();

-- Who acts (0014): the login decides; a note's author and a state's actor name that person.
DO $$
DECLARE
    target text;
    owner_login text := (SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = current_database());
BEGIN
    FOREACH target IN ARRAY ARRAY['story_notes', 'story_note_states'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()',
                       target || '_verify_actor', target, owner_login);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()',
                       target || '_verify_actor_truncate', target, owner_login);
        -- Read and written by active staff only (0016).
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT newsroom_session_is_staff())) WITH CHECK ((SELECT newsroom_session_is_staff()))',
                       target || '_active_staff', target);
    END LOOP;
    EXECUTE format('CREATE TRIGGER story_notes_by_actor BEFORE INSERT ON story_notes FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'author');
    EXECUTE format('CREATE TRIGGER story_note_states_by_actor BEFORE INSERT ON story_note_states FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'actor');
END $$;

-- What staff groups write beyond 0016's own grants, a row a table: a migration that adds a
-- table staff write says so here, and newsroom_setup_groups (0016's, now reading this table)
-- grants it; no migration copies the function again.
CREATE TABLE newsroom_staff_writes (
    relation regclass PRIMARY KEY,
    privileges text NOT NULL CONSTRAINT newsroom_staff_writes_known
        CHECK (privileges ~ '^(INSERT|UPDATE|DELETE)(, (INSERT|UPDATE|DELETE))*$'),
    roles text[] NOT NULL CONSTRAINT newsroom_staff_writes_roles
        CHECK (roles <@ ARRAY['reporter', 'editor', 'chief', 'admin'] AND cardinality(roles) > 0)
);
INSERT INTO newsroom_staff_writes (relation, privileges, roles) VALUES
    ('story_notes', 'INSERT', ARRAY['reporter', 'editor', 'chief', 'admin']),
    ('story_note_states', 'INSERT', ARRAY['reporter', 'editor', 'chief', 'admin']);

CREATE OR REPLACE FUNCTION newsroom_setup_groups() RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    staff_role text;
    grp text;
    target record;
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
        -- The tables later migrations added (newsroom_staff_writes).
        FOR target IN SELECT w.relation, w.privileges FROM newsroom_staff_writes w WHERE staff_role = ANY (w.roles) LOOP
            EXECUTE format('GRANT %s ON %s TO %I', target.privileges, target.relation, grp);
        END LOOP;
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
