-- Agency copy (issue 32): the wire queue. Items come from sources (a folder an agency drops
-- files into, or an HTTP endpoint polled); each item is identified by its source and guid,
-- each of its versions is stored once (the primary keys make a second delivery, or a second
-- worker, a no-op). Wire items are not stories: a story is taken from one (`wire take`), and
-- keeps where it came from; a later version or a kill is told to that story's desk as a note
-- written by the wire itself (`agency.wire`, a staff record that can never sign in).
-- The rules are the core's (WireRules, Sources/NewsroomCore/Wire.swift); this mirrors them.

CREATE TABLE wire_sources (
    name text PRIMARY KEY CONSTRAINT wire_source_name_format CHECK (name ~ '^[a-z][a-z0-9-]{1,39}$'),
    kind text NOT NULL CONSTRAINT wire_source_kind_known CHECK (kind IN ('folder', 'url')),
    location text NOT NULL CONSTRAINT wire_source_location_size CHECK (octet_length(location) <= 2000 AND location !~ '[[:cntrl:]]'),
    poll_seconds integer NOT NULL DEFAULT 60 CONSTRAINT wire_source_poll_range CHECK (poll_seconds BETWEEN 1 AND 86400),
    settle_seconds integer NOT NULL DEFAULT 2 CONSTRAINT wire_source_settle_range CHECK (settle_seconds BETWEEN 0 AND 3600),
    max_bytes integer NOT NULL DEFAULT 5000000 CONSTRAINT wire_source_size_range CHECK (max_bytes BETWEEN 1000 AND 100000000),
    active boolean NOT NULL DEFAULT true,
    -- What the endpoint said last (If-None-Match / If-Modified-Since on the next poll).
    etag text,
    last_modified text,
    polled_at timestamptz,
    added_by text NOT NULL REFERENCES staff (handle),
    added_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wire_source_folder_absolute CHECK (kind <> 'folder' OR location LIKE '/%'),
    CONSTRAINT wire_source_url_http CHECK (kind <> 'url' OR location ~ '^https?://[^/?#[:space:]]+')
);

-- The queue: an item's current version, with what the list, the search and a take read.
CREATE TABLE wire_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source text NOT NULL REFERENCES wire_sources (name),
    guid text NOT NULL CONSTRAINT wire_item_guid_is_line CHECK (newsroom_is_line(guid, 4000)),
    version integer NOT NULL CONSTRAINT wire_item_version_positive CHECK (version >= 1),
    received_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version_created timestamptz NOT NULL,
    urgency smallint CONSTRAINT wire_item_urgency_range CHECK (urgency BETWEEN 1 AND 9),
    pub_status text NOT NULL CONSTRAINT wire_item_status_known CHECK (pub_status IN ('usable', 'withheld', 'canceled')),
    killed_at timestamptz,
    headline story_headline NOT NULL,
    headline_terms tsvector NOT NULL,
    terms tsvector NOT NULL,
    headline_words text NOT NULL,
    CONSTRAINT wire_item_once UNIQUE (source, guid),
    -- Killed exactly when the agency says it may not be used.
    CONSTRAINT wire_item_killed_when_not_usable CHECK ((killed_at IS NULL) = (pub_status = 'usable'))
);
CREATE INDEX wire_items_newest ON wire_items (version_created DESC, id DESC);
CREATE INDEX wire_items_source_newest ON wire_items (source, version_created DESC, id DESC);
CREATE INDEX wire_items_received ON wire_items (received_at);
CREATE INDEX wire_items_headline_terms ON wire_items USING gin (headline_terms);
CREATE INDEX wire_items_terms ON wire_items USING gin (terms);
ALTER TABLE wire_items ALTER COLUMN headline_terms SET STATISTICS 1000, ALTER COLUMN terms SET STATISTICS 1000;

-- Every version as it came, once.
CREATE TABLE wire_versions (
    item_id bigint NOT NULL REFERENCES wire_items (id) ON DELETE CASCADE,
    version integer NOT NULL CONSTRAINT wire_version_positive CHECK (version >= 1),
    format text NOT NULL CONSTRAINT wire_version_format_known CHECK (format IN ('newsml-g2', 'ninjs')),
    received_at timestamptz NOT NULL DEFAULT now(),
    version_created timestamptz NOT NULL,
    first_created timestamptz,
    pub_status text NOT NULL CONSTRAINT wire_version_status_known CHECK (pub_status IN ('usable', 'withheld', 'canceled')),
    signals text[] NOT NULL DEFAULT '{}',
    urgency smallint CONSTRAINT wire_version_urgency_range CHECK (urgency BETWEEN 1 AND 9),
    headline story_headline NOT NULL,
    slugline text CONSTRAINT wire_version_slugline_is_line CHECK (slugline IS NULL OR newsroom_is_line(slugline, 1000)),
    dateline story_dateline,
    located text CONSTRAINT wire_version_located_is_line CHECK (located IS NULL OR newsroom_is_line(located, 1000)),
    creditline text CONSTRAINT wire_version_credit_is_line CHECK (creditline IS NULL OR newsroom_is_line(creditline, 1000)),
    byline text CONSTRAINT wire_version_byline_is_line CHECK (byline IS NULL OR newsroom_is_line(byline, 1000)),
    language text CONSTRAINT wire_version_language_tag CHECK (language IS NULL OR language ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
    subjects text[] NOT NULL DEFAULT '{}',
    -- In the body format (docs/body-format.md), as a story's; what readers would see of it.
    body story_body NOT NULL DEFAULT '',
    body_text text NOT NULL DEFAULT '',
    -- Why the body is not as the agency marked it up (its markup refused: kept as text).
    body_note text CONSTRAINT wire_version_note_size CHECK (body_note IS NULL OR (body_note <> '' AND octet_length(body_note) <= 4000)),
    -- The file or address it came in.
    origin text NOT NULL CONSTRAINT wire_version_origin_size CHECK (origin <> '' AND octet_length(origin) <= 8000),
    PRIMARY KEY (item_id, version),
    CONSTRAINT wire_version_body_is_safe CHECK (NOT newsroom_body_unsafe(body))
);

-- The version the queue shows is one of the item's own.
ALTER TABLE wire_items ADD CONSTRAINT wire_item_current_version
    FOREIGN KEY (id, version) REFERENCES wire_versions (item_id, version) DEFERRABLE INITIALLY DEFERRED;

-- A story taken from an item: which version, by whom, and the credit line it carries.
CREATE TABLE story_wire_origins (
    story_id bigint PRIMARY KEY REFERENCES stories (id),
    item_id bigint NOT NULL REFERENCES wire_items (id),
    version integer NOT NULL,
    creditline text CONSTRAINT story_wire_credit_is_line CHECK (creditline IS NULL OR newsroom_is_line(creditline, 1000)),
    taken_by text NOT NULL REFERENCES staff (handle),
    taken_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (item_id, version) REFERENCES wire_versions (item_id, version)
);
CREATE INDEX story_wire_origins_item ON story_wire_origins (item_id);

-- The wire's own voice on the desk: it writes its notices as notes, in its own name.
INSERT INTO staff (handle, name, role, active) VALUES ('agency.wire', 'Agency wire', 'reporter', false)
    ON CONFLICT (handle) DO NOTHING;
ALTER TABLE staff ADD CONSTRAINT staff_wire_never_signs_in CHECK (handle <> 'agency.wire' OR (NOT active AND login IS NULL));

-- What the wire told a story's desk: a later version, or a kill (urgent while the story is out).
CREATE TABLE wire_notices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    story_id bigint NOT NULL REFERENCES stories (id),
    item_id bigint NOT NULL REFERENCES wire_items (id),
    kind text NOT NULL CONSTRAINT wire_notice_kind_known CHECK (kind IN ('update', 'kill')),
    version integer NOT NULL,
    urgent boolean NOT NULL,
    note_id bigint NOT NULL UNIQUE REFERENCES story_notes (id),
    at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wire_notice_once UNIQUE (story_id, item_id, kind, version),
    FOREIGN KEY (item_id, version) REFERENCES wire_versions (item_id, version)
);

-- Who adds, changes and disables sources, as WireRules.mayManageSources decides it: an active
-- chief or admin (the acting member, newsroom.actor, which 0019's newsroom_verify_actor holds a
-- staff login to). The worker's own bookkeeping (etag, last poll) is the owner's, who runs it.
CREATE FUNCTION newsroom_wire_source_by_role() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp
    AS $$
DECLARE
    acting text := CASE TG_OP WHEN 'INSERT' THEN NEW.added_by ELSE nullif(current_setting('newsroom.actor', true), '') END;
    member record;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.name, NEW.kind, NEW.location, NEW.poll_seconds, NEW.settle_seconds, NEW.max_bytes, NEW.active, NEW.added_by)
        IS NOT DISTINCT FROM (OLD.name, OLD.kind, OLD.location, OLD.poll_seconds, OLD.settle_seconds, OLD.max_bytes, OLD.active, OLD.added_by) THEN
        RETURN NEW;
    END IF;
    SELECT s.role, s.active INTO member FROM staff s WHERE s.handle = acting;
    IF member.role IS NULL OR member.role NOT IN ('chief', 'admin') OR NOT member.active THEN
        RAISE EXCEPTION '% may not add or change wire sources: chiefs and admins may', coalesce(acting, 'someone unnamed')
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER wire_sources_by_role BEFORE INSERT OR UPDATE ON wire_sources FOR EACH ROW EXECUTE FUNCTION newsroom_wire_source_by_role();

-- Who takes an item, as WireRules.mayTake decides it: an active reporter, editor or chief,
-- taking it for a story of their own that has just been made (version 1, a draft).
CREATE FUNCTION newsroom_wire_take_by_role() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp
    AS $$
DECLARE
    member record;
    story record;
BEGIN
    SELECT s.role, s.active INTO member FROM staff s WHERE s.handle = NEW.taken_by;
    IF member.role IS NULL OR member.role NOT IN ('reporter', 'editor', 'chief') OR NOT member.active THEN
        RAISE EXCEPTION '% may not take wire items: reporters, editors and chiefs may', NEW.taken_by
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT st.author, st.status, st.version INTO story FROM stories st WHERE st.id = NEW.story_id;
    IF story.author IS DISTINCT FROM NEW.taken_by OR story.status <> 'draft' OR story.version <> 1 THEN
        RAISE EXCEPTION 'a wire item is taken into a new draft of its taker''s own, not story %', NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER story_wire_origins_by_role BEFORE INSERT ON story_wire_origins FOR EACH ROW EXECUTE FUNCTION newsroom_wire_take_by_role();

-- A story's origin is its record: kept as taken.
CREATE TRIGGER story_wire_origins_append_only BEFORE UPDATE OR DELETE ON story_wire_origins
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();
CREATE TRIGGER wire_notices_append_only BEFORE UPDATE OR DELETE ON wire_notices
    FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_change();

-- How long the queue keeps an item no story was taken from (WireRules.retention).
ALTER TABLE settings ADD CONSTRAINT wire_settings_valid CHECK (
    key <> 'wire.retention' OR (value ~ '^[1-9][0-9]{0,3}$' AND value::integer <= 3650)
);

-- Staff logins: who acts is checked (0019), rows are active staff's only (0016). Staff read the
-- queue; the worker (the owner) writes it; chiefs and admins manage sources; a take is a story's.
DO $$
DECLARE
    target text;
    owner_login text := (SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = current_database());
BEGIN
    FOREACH target IN ARRAY ARRAY['wire_sources', 'wire_items', 'wire_versions', 'story_wire_origins', 'wire_notices'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()',
                       target || '_verify_actor', target, owner_login);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()',
                       target || '_verify_actor_truncate', target, owner_login);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT newsroom_session_is_staff())) WITH CHECK ((SELECT newsroom_session_is_staff()))',
                       target || '_active_staff', target);
    END LOOP;
    EXECUTE format('CREATE TRIGGER story_wire_origins_by_actor BEFORE INSERT ON story_wire_origins FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'taken_by');
    EXECUTE format('CREATE TRIGGER wire_sources_by_actor BEFORE INSERT ON wire_sources FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'added_by');
END $$;

INSERT INTO newsroom_staff_writes (relation, privileges, roles) VALUES
    ('wire_sources', 'INSERT, UPDATE', ARRAY['chief', 'admin']),
    ('story_wire_origins', 'INSERT', ARRAY['reporter', 'editor', 'chief']);
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group('reporter')) THEN
        PERFORM newsroom_setup_groups();
    END IF;
END $$;

-- Readers (ninjs): where a published story's copy came from.
CREATE VIEW reader.story_origins AS
SELECT o.story_id, i.source, i.guid, o.version, o.creditline
  FROM story_wire_origins o
  JOIN stories s ON s.id = o.story_id AND s.status = 'published'
  JOIN wire_items i ON i.id = o.item_id;
SELECT newsroom_share_reader_view('reader.story_origins');
