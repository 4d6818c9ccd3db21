-- Photos (issue 30): the media library, with each original and its renditions in tables of
-- their own (so backups, the standby and erasure cover them with no second store), a story's
-- lead and body photos, and the rule that a story goes out only when each of its photos has
-- alt text and a credit. The limits mirror NewsroomCore's PhotoRules and LineKind (a test
-- reads both): 80 megapixels, 50 MB, and each text's code-point ceiling.

-- A photo block's target, media:ID, is the one scheme besides http(s) a body may name
-- (ArticleBody.unsafeConstruct; 0030's check otherwise).
CREATE OR REPLACE FUNCTION newsroom_body_unsafe(body text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT body ~ '(^|[^\\])(\\\\)*<[A-Za-z/!?]'
        OR body ~* '(^|[^\\])(\\\\)*\]\([ \t]*\n?[ \t]*(<[ \t]*\n?[ \t]*)?(?!https?:|media:)[a-z][a-z0-9+.-]*:'
        OR body ~* '(?n)^ {0,3}\[([^\\\n]|\\.)*\]:[ \t]*\n?[ \t]*(<[ \t]*\n?[ \t]*)?(?!https?:|media:)[a-z][a-z0-9+.-]*:'
$$;

CREATE TABLE media (
    id bigserial PRIMARY KEY,
    format text NOT NULL CONSTRAINT media_format_known CHECK (format IN ('jpeg', 'png', 'webp')),
    -- Upright, as readers see it.
    width integer NOT NULL,
    height integer NOT NULL,
    CONSTRAINT media_has_pixels CHECK (width >= 1 AND height >= 1),
    CONSTRAINT media_pixel_limit CHECK (width::bigint * height <= 80000000),
    byte_count integer NOT NULL CONSTRAINT media_byte_limit CHECK (byte_count BETWEEN 1 AND 52428800),
    alt text CONSTRAINT media_alt_is_line CHECK (alt IS NULL OR newsroom_is_line(alt, 800)),
    caption text CONSTRAINT media_caption_is_line CHECK (caption IS NULL OR newsroom_is_line(caption, 2000)),
    credit text CONSTRAINT media_credit_is_line CHECK (credit IS NULL OR newsroom_is_line(credit, 400)),
    taken_on date,
    focus_x real NOT NULL DEFAULT 0.5,
    focus_y real NOT NULL DEFAULT 0.5,
    CONSTRAINT media_focus_inside CHECK (focus_x BETWEEN 0 AND 1 AND focus_y BETWEEN 0 AND 1),
    -- What the file said of itself (caption, credit, creator, dates, whether it carried a
    -- position or serial numbers): the desk's, never served.
    embedded jsonb NOT NULL DEFAULT '{}' CONSTRAINT media_embedded_is_object CHECK (jsonb_typeof(embedded) = 'object'),
    added_by text NOT NULL REFERENCES staff (handle),
    added_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    erased_at timestamptz,
    CONSTRAINT media_times_in_order CHECK (updated_at >= added_at)
);

-- The file as it came, for staff only (the reader login's views never reach it). Its bytes are
-- compressed already: stored out of line, never recompressed.
CREATE TABLE media_originals (
    media_id bigint PRIMARY KEY REFERENCES media (id) ON DELETE CASCADE,
    bytes bytea NOT NULL,
    sha256 text GENERATED ALWAYS AS (encode(sha256(bytes), 'hex')) STORED
);
ALTER TABLE media_originals ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- What readers are served: JPEG and WebP with no metadata, at the names RenditionPlan gives.
-- Content-addressed: the address is the hash of the bytes, which the database computes.
CREATE TABLE media_renditions (
    media_id bigint NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    name text NOT NULL CONSTRAINT media_rendition_name_known CHECK (name ~ '^(w[0-9]{1,4}|16x9|4x3|1x1|social)$'),
    format text NOT NULL CONSTRAINT media_rendition_format_known CHECK (format IN ('jpeg', 'webp')),
    width integer NOT NULL,
    height integer NOT NULL,
    CONSTRAINT media_rendition_has_pixels CHECK (width BETWEEN 1 AND 2048 AND height >= 1),
    bytes bytea NOT NULL CONSTRAINT media_rendition_not_empty CHECK (octet_length(bytes) > 0),
    hash text GENERATED ALWAYS AS (encode(sha256(bytes), 'hex')) STORED,
    PRIMARY KEY (media_id, name, format)
);
ALTER TABLE media_renditions ALTER COLUMN bytes SET STORAGE EXTERNAL;
CREATE INDEX media_renditions_hash ON media_renditions (hash);

-- A story's photos: its lead (one at most) and those its body shows. The store writes the
-- body's from the core's reading of it; the reader site shows only photos listed here.
CREATE TABLE story_photos (
    story_id bigint NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    media_id bigint NOT NULL REFERENCES media (id),
    role text NOT NULL CONSTRAINT story_photo_role_known CHECK (role IN ('lead', 'body')),
    PRIMARY KEY (story_id, media_id, role)
);
CREATE UNIQUE INDEX story_photos_one_lead ON story_photos (story_id) WHERE role = 'lead';
CREATE INDEX story_photos_media ON story_photos (media_id);

-- What a story's photos lack before it may go out, or NULL (PhotoRules.checkReadyToPublish).
CREATE FUNCTION newsroom_story_photos_missing(story bigint) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public, pg_temp
    AS $$
    SELECT string_agg(format('photo %s has no %s', m.id,
                             concat_ws(' or ', CASE WHEN m.alt IS NULL THEN 'alt text' END, CASE WHEN m.credit IS NULL THEN 'credit' END)),
                      '; ' ORDER BY m.id)
      FROM media m
     WHERE m.id IN (SELECT p.media_id FROM story_photos p WHERE p.story_id = story)
       AND (m.alt IS NULL OR m.credit IS NULL)
$$;

-- A scheduled or published story's photos all have alt text and a credit: checked at commit
-- whenever a story goes out, gains a photo, or one of its photos loses its words.
CREATE FUNCTION newsroom_check_story_photos() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp
    AS $$
DECLARE
    changed jsonb := to_jsonb(NEW);
    story record;
    missing text;
BEGIN
    FOR story IN
        SELECT s.id FROM stories s
         WHERE s.status IN ('scheduled', 'published')
           AND s.id IN (SELECT (changed ->> 'id')::bigint WHERE TG_TABLE_NAME = 'stories'
                        UNION ALL
                        SELECT (changed ->> 'story_id')::bigint WHERE TG_TABLE_NAME = 'story_photos'
                        UNION ALL
                        SELECT p.story_id FROM story_photos p WHERE TG_TABLE_NAME = 'media' AND p.media_id = (changed ->> 'id')::bigint)
    LOOP
        missing := newsroom_story_photos_missing(story.id);
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'story % cannot go out yet: %', story.id, missing
                USING ERRCODE = 'check_violation',
                      HINT = 'give each photo alt text and a credit: newsroom media edit ID --alt "…" --credit "…"';
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER stories_photos_ready AFTER INSERT OR UPDATE OF status ON stories
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status IN ('scheduled', 'published'))
    EXECUTE FUNCTION newsroom_check_story_photos();
CREATE CONSTRAINT TRIGGER story_photos_ready AFTER INSERT OR UPDATE ON story_photos
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION newsroom_check_story_photos();
CREATE CONSTRAINT TRIGGER media_words_kept AFTER UPDATE OF alt, credit ON media
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.alt IS NULL OR NEW.credit IS NULL)
    EXECUTE FUNCTION newsroom_check_story_photos();

-- Staff logins: who acts is checked (0019's triggers), rows are active staff's only (0016),
-- and a photo is added in the name of whoever adds it.
DO $$
DECLARE
    target text;
    owner_login text := (SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = current_database());
BEGIN
    FOREACH target IN ARRAY ARRAY['media', 'media_originals', 'media_renditions', 'story_photos'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_verify_actor()',
                       target || '_verify_actor', target, owner_login);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT newsroom_session_is_staff())) WITH CHECK ((SELECT newsroom_session_is_staff()))',
                       target || '_active_staff', target);
    END LOOP;
    EXECUTE format('CREATE TRIGGER media_by_actor BEFORE INSERT ON media FOR EACH ROW WHEN (session_user <> %L) EXECUTE FUNCTION newsroom_names_who_acts(%L)', owner_login, 'added_by');
END $$;

-- Who changes the library, as PhotoRules decides it (authorizeAdding, authorizeDeleting): an
-- active reporter, editor or chief adds a photo (its added_by) and describes it; an active chief
-- deletes one (the acting staff member: newsroom.actor, which 0019's newsroom_verify_actor holds
-- a staff login to). An erasure's clearing of a photo is the erasure's, checked where it is ordered
-- and confirmed. A photo a story uses is kept by the foreign key.
CREATE FUNCTION newsroom_photo_by_role() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp
    AS $$
DECLARE
    acting text := CASE TG_OP WHEN 'INSERT' THEN NEW.added_by ELSE nullif(current_setting('newsroom.actor', true), '') END;
    member record;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL THEN
        RETURN NEW;
    END IF;
    SELECT s.role, s.active INTO member FROM staff s WHERE s.handle = acting;
    IF TG_OP = 'DELETE' THEN
        IF member.role IS DISTINCT FROM 'chief' OR NOT member.active THEN
            RAISE EXCEPTION '% may not delete photo %: only an active chief may', coalesce(acting, 'someone unnamed'), OLD.id
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF member.role IS NULL OR member.role NOT IN ('reporter', 'editor', 'chief') OR NOT member.active THEN
        RAISE EXCEPTION '% may not add or describe photos: reporters, editors and chiefs may', coalesce(acting, 'someone unnamed')
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER media_by_role BEFORE INSERT OR UPDATE OR DELETE ON media FOR EACH ROW EXECUTE FUNCTION newsroom_photo_by_role();

-- Every staff group adds and describes photos and places them in stories; a focal point's
-- new crops replace the old (DELETE on renditions).
INSERT INTO newsroom_staff_writes (relation, privileges, roles) VALUES
    ('media', 'INSERT, UPDATE, DELETE', ARRAY['reporter', 'editor', 'chief', 'admin']),
    ('media_originals', 'INSERT, UPDATE', ARRAY['reporter', 'editor', 'chief', 'admin']),
    ('media_renditions', 'INSERT, DELETE', ARRAY['reporter', 'editor', 'chief', 'admin']),
    ('story_photos', 'INSERT, DELETE', ARRAY['reporter', 'editor', 'chief', 'admin']);
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group('reporter')) THEN
        PERFORM newsroom_setup_groups();
    END IF;
END $$;

-- Readers: the photos of published stories, with the sizes they are served at.
CREATE VIEW reader.story_photos AS
SELECT p.story_id, p.role, m.id AS media_id, m.width, m.height, m.alt, m.caption, m.credit
  FROM story_photos p
  JOIN stories s ON s.id = p.story_id AND s.status = 'published'
  JOIN media m ON m.id = p.media_id AND m.erased_at IS NULL;

CREATE VIEW reader.photo_renditions AS
SELECT r.media_id, r.name, r.format, r.width, r.height, r.hash
  FROM media_renditions r
 WHERE r.media_id IN (SELECT p.media_id FROM story_photos p JOIN stories s ON s.id = p.story_id AND s.status = 'published');

-- A rendition by its address: its bytes while a published story uses the photo; gone (no
-- bytes) while only withdrawn ones do; absent otherwise (a draft's photo, an unused one).
CREATE VIEW reader.media_files AS
SELECT r.hash, r.name, r.format, u.published, CASE WHEN u.published THEN r.bytes END AS bytes
  FROM media_renditions r
  JOIN LATERAL (SELECT bool_or(s.status = 'published') AS published
                  FROM story_photos p JOIN stories s ON s.id = p.story_id
                 WHERE p.media_id = r.media_id AND s.status IN ('published', 'withdrawn')) u ON u.published IS NOT NULL;

-- What a cache in front must drop when a story changes: its photos' files (published or
-- withdrawn: a withdrawal turns them to 410).
CREATE VIEW reader.story_photo_files AS
SELECT p.story_id, r.hash, r.name, r.format
  FROM story_photos p
  JOIN stories s ON s.id = p.story_id AND s.status IN ('published', 'withdrawn')
  JOIN media_renditions r ON r.media_id = p.media_id;

SELECT newsroom_share_reader_view('reader.story_photos');
SELECT newsroom_share_reader_view('reader.story_photo_files');
SELECT newsroom_share_reader_view('reader.photo_renditions');
SELECT newsroom_share_reader_view('reader.media_files');
