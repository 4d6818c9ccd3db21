-- Staff, sections and stories, with the rules that make impossible states unstorable.
-- The Swift domain core (NewsroomCore) holds the same rules; these are the last line.

-- One line of editorial text: not empty, trimmed, NFC, no control characters, bounded.
CREATE FUNCTION newsroom_is_line(value text, max_length integer) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT value <> ''
       AND value IS NFC NORMALIZED
       AND value !~ '[[:cntrl:]]'
       AND value !~ '^[[:space:]]|[[:space:]]$'
       AND char_length(value) <= max_length
$$;

CREATE TABLE sections (
    slug text PRIMARY KEY CONSTRAINT section_slug_format CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
    name text NOT NULL CONSTRAINT section_name_is_line CHECK (newsroom_is_line(name, 100)),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff (
    handle text PRIMARY KEY CONSTRAINT staff_handle_format CHECK (handle ~ '^[a-z][a-z0-9._-]{1,31}$'),
    name text NOT NULL CONSTRAINT staff_name_is_line CHECK (newsroom_is_line(name, 100)),
    role text NOT NULL CONSTRAINT staff_role_known CHECK (role IN ('reporter', 'editor', 'chief', 'admin')),
    active boolean NOT NULL DEFAULT true,
    -- The PostgreSQL role this person connects as: one person per login.
    login text CONSTRAINT staff_login_unique UNIQUE CONSTRAINT staff_login_not_empty CHECK (login <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stories (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    headline text NOT NULL CONSTRAINT story_headline_is_line CHECK (newsroom_is_line(headline, 250)),
    section text NOT NULL REFERENCES sections (slug),
    dateline text CONSTRAINT story_dateline_is_line CHECK (dateline IS NULL OR newsroom_is_line(dateline, 100)),
    -- Plain text: LF line endings, NFC, trimmed, tabs allowed, at most 1 MB.
    body text NOT NULL DEFAULT '' CONSTRAINT story_body_is_text CHECK (
        body IS NFC NORMALIZED
        AND body !~ '[\x01-\x08\x0b-\x1f\x7f]'
        AND body !~ '^[[:space:]]|[[:space:]]$'
        AND octet_length(body) <= 1000000
    ),
    author text NOT NULL REFERENCES staff (handle),
    editor text REFERENCES staff (handle),
    status text NOT NULL DEFAULT 'draft' CONSTRAINT story_status_known CHECK (
        status IN ('draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn', 'spiked')
    ),
    version integer NOT NULL DEFAULT 1 CONSTRAINT story_version_positive CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    submitted_at timestamptz,
    approved_at timestamptz,
    publish_at timestamptz,
    -- Who scheduled the publication: the scheduler publishes on their behalf.
    scheduled_by text REFERENCES staff (handle),
    published_at timestamptz,
    withdrawn_at timestamptz,
    CONSTRAINT story_in_review_has_editor CHECK (status <> 'in_review' OR (editor IS NOT NULL AND submitted_at IS NOT NULL)),
    CONSTRAINT story_approved_has_time CHECK (status NOT IN ('approved', 'scheduled') OR approved_at IS NOT NULL),
    CONSTRAINT story_scheduled_has_time CHECK (status <> 'scheduled' OR (publish_at IS NOT NULL AND scheduled_by IS NOT NULL)),
    CONSTRAINT story_published_has_time CHECK (status NOT IN ('published', 'withdrawn') OR published_at IS NOT NULL),
    CONSTRAINT story_withdrawn_has_time CHECK (status <> 'withdrawn' OR withdrawn_at IS NOT NULL),
    CONSTRAINT story_times_in_order CHECK (updated_at >= created_at)
);

CREATE INDEX stories_status_section ON stories (status, section, updated_at DESC);
CREATE INDEX stories_section ON stories (section, updated_at DESC);
CREATE INDEX stories_author ON stories (author, updated_at DESC);
CREATE INDEX stories_editor ON stories (editor, updated_at DESC) WHERE editor IS NOT NULL;
CREATE INDEX stories_updated ON stories (updated_at DESC, id DESC);
CREATE INDEX stories_due ON stories (publish_at) WHERE status = 'scheduled';

-- The status changes the workflow allows (Workflow.allowedMoves in Swift; a test keeps them equal).
CREATE TABLE story_moves (
    from_status text NOT NULL,
    to_status text NOT NULL,
    PRIMARY KEY (from_status, to_status)
);
INSERT INTO story_moves (from_status, to_status) VALUES
    ('draft', 'in_review'), ('draft', 'published'), ('draft', 'spiked'),
    ('in_review', 'draft'), ('in_review', 'approved'), ('in_review', 'published'), ('in_review', 'spiked'),
    ('approved', 'published'), ('approved', 'scheduled'), ('approved', 'in_review'), ('approved', 'spiked'),
    ('scheduled', 'approved'), ('scheduled', 'in_review'), ('scheduled', 'published'),
    ('published', 'withdrawn'),
    ('spiked', 'draft');

-- Full text of every version whose content changed. Written by the trigger below, so
-- no code path can change a story's text without leaving the old one behind.
CREATE TABLE story_revisions (
    story_id bigint NOT NULL REFERENCES stories (id),
    version integer NOT NULL CHECK (version >= 1),
    headline text NOT NULL,
    section text NOT NULL REFERENCES sections (slug),
    dateline text,
    body text NOT NULL,
    edited_by text NOT NULL REFERENCES staff (handle),
    edited_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (story_id, version)
);

-- Every action on a story, append-only.
CREATE TABLE story_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    story_id bigint NOT NULL REFERENCES stories (id),
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL REFERENCES staff (handle),
    action text NOT NULL CONSTRAINT history_action_known CHECK (action IN (
        'create', 'edit', 'correct', 'assign', 'submit', 'return', 'approve', 'publish', 'schedule',
        'unschedule', 'publish_skip_review', 'publish_scheduled', 'withdraw', 'spike', 'restore'
    )),
    from_status text,
    to_status text NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    note text CONSTRAINT history_note_is_text CHECK (note IS NULL OR newsroom_is_line(note, 1000)),
    -- For schedule and publish_scheduled: the time publication was set for.
    scheduled_for timestamptz,
    CONSTRAINT history_create_has_no_origin CHECK ((action = 'create') = (from_status IS NULL)),
    CONSTRAINT history_reason_given CHECK (
        action NOT IN ('return', 'correct', 'publish_skip_review', 'withdraw') OR note IS NOT NULL
    ),
    CONSTRAINT history_schedule_has_time CHECK (
        action NOT IN ('schedule', 'publish_scheduled') OR scheduled_for IS NOT NULL
    )
);
CREATE INDEX story_history_story ON story_history (story_id, id);

CREATE FUNCTION newsroom_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: rows are never changed or removed', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER story_history_append_only BEFORE UPDATE OR DELETE ON story_history
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER story_history_no_truncate BEFORE TRUNCATE ON story_history
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER story_revisions_append_only BEFORE UPDATE OR DELETE ON story_revisions
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER story_revisions_no_truncate BEFORE TRUNCATE ON story_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER stories_no_delete BEFORE DELETE ON stories
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();

-- A story is born a draft at version 1; afterwards each change bumps the version by one,
-- moves only as story_moves allows, and keeps its id, author and creation time.
CREATE FUNCTION stories_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'draft' OR NEW.version <> 1 THEN
            RAISE EXCEPTION 'a new story starts as a draft at version 1' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.id <> OLD.id OR NEW.author <> OLD.author OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'a story''s id, author and creation time never change' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.version <> OLD.version + 1 THEN
        RAISE EXCEPTION 'story % is at version %: a change must make it version %', OLD.id, OLD.version, OLD.version + 1
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status <> OLD.status
       AND NOT EXISTS (SELECT 1 FROM story_moves WHERE from_status = OLD.status AND to_status = NEW.status) THEN
        RAISE EXCEPTION 'story % cannot move from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER stories_guard BEFORE INSERT OR UPDATE ON stories
    FOR EACH ROW EXECUTE FUNCTION stories_guard();

-- Keeps a revision of every version whose text changed. The acting handle comes from
-- the transaction's newsroom.actor setting, which the store sets in every write.
CREATE FUNCTION stories_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    actor text := nullif(current_setting('newsroom.actor', true), '');
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.headline = OLD.headline AND NEW.section = OLD.section
       AND NEW.dateline IS NOT DISTINCT FROM OLD.dateline AND NEW.body = OLD.body THEN
        RETURN NULL;
    END IF;
    IF actor IS NULL THEN
        RAISE EXCEPTION 'who is changing story %? set newsroom.actor in the transaction', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO story_revisions (story_id, version, headline, section, dateline, body, edited_by, edited_at)
    VALUES (NEW.id, NEW.version, NEW.headline, NEW.section, NEW.dateline, NEW.body, actor, NEW.updated_at);
    RETURN NULL;
END $$;

CREATE TRIGGER stories_keep_revision AFTER INSERT OR UPDATE ON stories
    FOR EACH ROW EXECUTE FUNCTION stories_keep_revision();

-- Every version of a story has its line in history by the end of the transaction.
CREATE FUNCTION stories_require_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM story_history WHERE story_id = NEW.id AND version = NEW.version) THEN
        RAISE EXCEPTION 'story % changed to version % without a line in its history', NEW.id, NEW.version
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER stories_require_history AFTER INSERT OR UPDATE ON stories
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION stories_require_history();
