-- What readers see: the published newsroom, as views in a schema of its own (`reader`), so the
-- web server can run as a login that may read these views and nothing else. A view reads the
-- tables with its owner's rights; a reader login is given SELECT on the views only, never on
-- the tables (newsroom_grant_reader below), so a draft or a withdrawn text stays out of reach
-- even to that login's own SQL.
CREATE SCHEMA reader;
COMMENT ON SCHEMA reader IS 'Published content, for the reader site and its API: SELECT only.';

-- The site's settings, checked here as in the core (NewsroomSetting.validate).
ALTER TABLE settings ADD CONSTRAINT site_settings_valid CHECK (
    CASE key
        WHEN 'site.name' THEN newsroom_is_line(value, 400)
        WHEN 'site.language' THEN value ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'
        WHEN 'site.direction' THEN value IN ('rtl', 'ltr')
        WHEN 'site.base_url' THEN value ~ '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*[A-Za-z0-9._~%-])?$'
        WHEN 'site.max_age' THEN value ~ '^[0-9]{1,5}$' AND value::integer <= 86400
        ELSE true
    END);

-- Listings of the published archive, newest first, whole and per section (keyset paging).
-- Partial: a story enters them once, at publication, and leaves at withdrawal.
CREATE INDEX stories_published ON stories (published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX stories_published_section ON stories (section, published_at DESC, id DESC) WHERE status = 'published';

-- A published story: its text, section and byline, and when it was last corrected.
CREATE VIEW reader.stories AS
SELECT s.id, s.section, sec.name AS section_name, t.headline, t.dateline, t.body,
       a.name AS author_name, s.version, s.published_at,
       coalesce((SELECT max(h.at) FROM story_history h
                  WHERE h.story_id = s.id AND h.action = 'correct'), s.published_at) AS modified_at
  FROM stories s
  JOIN story_texts t ON t.story_id = s.id
  JOIN sections sec ON sec.slug = s.section
  JOIN staff a ON a.handle = s.author
 WHERE s.status = 'published';

-- The corrections made after publication: when, and which version they made. Never the note
-- (that is the desk's word to itself) nor the text before.
CREATE VIEW reader.corrections AS
SELECT h.story_id, h.at, h.version
  FROM story_history h JOIN stories s ON s.id = h.story_id
 WHERE s.status = 'published' AND h.action = 'correct';

-- A withdrawn story: that it was withdrawn, and when. Nothing of its text.
CREATE VIEW reader.withdrawn_stories AS
SELECT s.id, s.withdrawn_at FROM stories s WHERE s.status = 'withdrawn';

CREATE VIEW reader.sections AS SELECT slug, name FROM sections;

-- The strip as it stands now: lines that have started, not ended and not been cancelled. A
-- line links to its story only while that story is published.
CREATE VIEW reader.ticker AS
SELECT i.id, i.text, i.urgent, i.starts_at, i.ends_at,
       CASE WHEN EXISTS (SELECT 1 FROM stories s WHERE s.id = i.story_id AND s.status = 'published')
            THEN i.story_id END AS story_id
  FROM ticker_items i
 WHERE tstzrange(i.starts_at, i.ends_at) @> now()
   AND (i.cancelled_at IS NULL OR i.cancelled_at > now());

-- When the strip next changes by the clock alone (a line starts or ends): a server that keeps
-- pages in memory keeps them until then at the latest.
CREATE VIEW reader.ticker_next_change AS
SELECT least(
    (SELECT min(i.starts_at) FROM ticker_items i WHERE i.starts_at > now() AND i.cancelled_at IS NULL),
    (SELECT min(i.ends_at) FROM ticker_items i
      WHERE tstzrange(i.starts_at, i.ends_at) @> now() AND i.cancelled_at IS NULL)) AS at;

-- What the site needs of the settings: the newsroom's time zone and the site's own.
CREATE VIEW reader.settings AS
SELECT key, value FROM settings WHERE key = 'timezone' OR key LIKE 'site.%';

-- Which migrations are applied (a server refuses to start on a database it does not know).
CREATE VIEW reader.migrations AS SELECT name, checksum FROM newsroom_migrations;

-- Readers hear of every change they could see at its commit: publication (by hand or by the
-- scheduler), correction and withdrawal; every ticker, section, byline and settings change.
-- One notification per transaction (PostgreSQL folds repeats), none for desk-only moves.
CREATE FUNCTION newsroom_notify_readers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('newsroom_readers', '');
    RETURN NULL;
END $$;

CREATE FUNCTION stories_notify_readers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_stories WHERE status IN ('published', 'withdrawn'))
       OR EXISTS (SELECT 1 FROM old_stories WHERE status = 'published') THEN
        PERFORM pg_notify('newsroom_readers', '');
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER stories_notify_readers AFTER UPDATE ON stories
    REFERENCING OLD TABLE AS old_stories NEW TABLE AS new_stories
    FOR EACH STATEMENT EXECUTE FUNCTION stories_notify_readers();
CREATE TRIGGER ticker_items_notify_readers AFTER INSERT OR UPDATE ON ticker_items
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_notify_readers();
CREATE TRIGGER sections_notify_readers AFTER INSERT OR UPDATE ON sections
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_notify_readers();
CREATE TRIGGER staff_notify_readers AFTER UPDATE ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_notify_readers();
CREATE TRIGGER settings_notify_readers AFTER INSERT OR UPDATE ON settings
    FOR EACH STATEMENT EXECUTE FUNCTION newsroom_notify_readers();

-- Gives an existing login what the reader site needs, and nothing more: connect, and SELECT on
-- the views above. Role names are identifiers, not values: quoted with %I, never bound.
CREATE FUNCTION newsroom_grant_reader(login text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        RAISE EXCEPTION 'there is no login "%": create it first (CREATE ROLE % LOGIN PASSWORD ...)', login, quote_ident(login)
            USING ERRCODE = 'undefined_object';
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), login);
    EXECUTE format('GRANT USAGE ON SCHEMA reader TO %I', login);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA reader TO %I', login);
END $$;
REVOKE ALL ON FUNCTION newsroom_grant_reader(text) FROM PUBLIC;
