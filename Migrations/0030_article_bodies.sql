-- Bodies as articles are written (issue 29): a CommonMark subset (ArticleBody in the core),
-- with the first bodies' rule kept: a line end ends a paragraph.
--
-- 1. Bodies stored before mean what they meant. A line of the first format was a paragraph
--    (or, after `## `, a subheading) of literal text; in CommonMark a `*`, `_`, `[`, `<`, `&`,
--    `\` or backtick anywhere, or a `#`, `>`, `-`, `+`, `=`, `~` or `1.` at its start, would
--    now be markup. Those characters are escaped with a backslash (which CommonMark allows
--    before any ASCII punctuation), white space that would now matter (four columns opening
--    a line, two spaces ending one) is trimmed as the first format trimmed it, and
--    nothing else changes: a body that needs none of it keeps its bytes. The text a reader
--    saw is kept as the body's visible text (2) for search. Revisions are rewritten the same
--    way, so a diff between an old revision and a new one compares what readers saw.
-- 2. `story_texts.body_text`: the text a reader sees (the core's ArticleBody.visibleText,
--    written by the store with the body); search indexes it and snippets show it, so an
--    address's letters are not words of the story. NULL for bodies of the first format,
--    whose text is the body itself.
-- 3. What the database refuses of markup, for whoever bypasses the tool: what would be unsafe
--    on a reader's page (ArticleBody.unsafeConstruct, the same two rules: HTML, and a link's
--    scheme other than http and https). The rest of the format is the house's style, kept by
--    the core; the reader site renders anything else as text.
-- 4. The body's size: the core counts 1 MB of visible text; the markup's ceiling, checked
--    here too, is 2 MB (EditorialText.bodySourceByteLimit).
-- 5. `site.external_links`: the rel of links that leave the site.

-- 1. The first format, escaped.
CREATE FUNCTION newsroom_line_as_markup(line text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT CASE
        -- Nothing that would be read as markup, and no white space that would now matter
        -- (four columns opening a line are code, two spaces ending one a line break; other
        -- white space at either end the reader trims, as the first format did).
        WHEN t.text !~ '[\\`*_\[\]<&]' AND t.text !~ '^([#>+=~-]|[0-9]+[.)])'
             AND line ~ '^ {0,3}([^ \t]|$)' AND line !~ '  $'
            THEN line
        WHEN t.text = '' THEN ''
        WHEN t.text LIKE '## %'
            THEN '## ' || regexp_replace(regexp_replace(substr(t.text, 4), '^[ \t\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+', ''),
                                         '([\\`*_\[\]<&#])', '\\\1', 'g')
        ELSE regexp_replace(regexp_replace(regexp_replace(t.text, '([\\`*_\[\]<&])', '\\\1', 'g'),
                                           '^([#>+=~-])', '\\\1'),
                            '^([0-9]+)([.)])', '\1\\\2')
    END
      FROM (SELECT regexp_replace(line, '^[ \t\u000b\u000c\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[ \t\u000b\u000c\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$', '', 'g') AS text) t
$$;

CREATE FUNCTION newsroom_body_from_lines(body text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT coalesce(string_agg(newsroom_line_as_markup(l.line), E'\n' ORDER BY l.n), '')
      FROM unnest(string_to_array(body, E'\n')) WITH ORDINALITY AS l(line, n)
$$;

-- Whether a body of the first format needs escaping at all (one scan; most do not).
CREATE FUNCTION newsroom_body_needs_escapes(body text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT body ~ '[\\`*_\[\]<&]'
        OR body ~ '(^|\n)[ \t\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*([#>+=~-]|[0-9]+[.)])'
        OR body ~ '(^|\n)( {4}| {0,3}\t)'
        OR body ~ '  \n'
$$;

-- 2. The visible text.
ALTER TABLE story_texts ADD COLUMN body_text text;
COMMENT ON COLUMN story_texts.body_text IS
    'The text readers see of the body (ArticleBody.visibleText), for search; NULL: the body is its own text (the first format).';

-- The rewrite is no edit (it changes no text a reader sees): it makes no version and no
-- revision, and the triggers that would refuse or record it stand aside until the end of
-- this migration's transaction.
ALTER TABLE story_texts DISABLE TRIGGER USER;
UPDATE story_texts t SET body = x.converted, body_text = t.body
  FROM (SELECT story_id, newsroom_body_from_lines(body) AS converted FROM story_texts
         WHERE body <> newsroom_erased_text() AND newsroom_body_needs_escapes(body)) x
 WHERE x.story_id = t.story_id AND x.converted <> t.body;
ALTER TABLE story_texts ENABLE TRIGGER USER;

ALTER TABLE story_revisions DISABLE TRIGGER USER;
UPDATE story_revisions r SET body = x.converted
  FROM (SELECT story_id, version, newsroom_body_from_lines(body) AS converted FROM story_revisions
         WHERE body <> newsroom_erased_text() AND newsroom_body_needs_escapes(body)) x
 WHERE x.story_id = r.story_id AND x.version = r.version AND x.converted <> r.body;
ALTER TABLE story_revisions ENABLE TRIGGER USER;

-- Search follows the visible text (0029's function, reading body_text where there is one).
CREATE OR REPLACE FUNCTION story_search_follow_text() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    r record;
    old_headline text;
    old_words text[] := '{}';
    new_words text[];
    gained text[];
    lost text[];
BEGIN
    SELECT * INTO r FROM story_search_row(NEW.headline, NEW.dateline, coalesce(NEW.body_text, NEW.body));
    IF TG_OP = 'UPDATE' THEN
        SELECT x.headline_words INTO old_headline FROM story_search x WHERE x.story_id = NEW.story_id;
        old_words := ARRAY(SELECT DISTINCT w FROM unnest(string_to_array(coalesce(old_headline, ''), ' ')) AS w WHERE w <> '' ORDER BY w);
    END IF;
    new_words := ARRAY(SELECT DISTINCT w FROM unnest(string_to_array(r.headline_words, ' ')) AS w WHERE w <> '' ORDER BY w);
    INSERT INTO story_search (story_id, headline_terms, terms, headline_words)
    VALUES (NEW.story_id, r.headline_terms, r.terms, r.headline_words)
    ON CONFLICT (story_id) DO UPDATE
       SET headline_terms = EXCLUDED.headline_terms, terms = EXCLUDED.terms, headline_words = EXCLUDED.headline_words;
    gained := ARRAY(SELECT w FROM unnest(new_words) AS w WHERE w <> ALL (old_words));
    lost := ARRAY(SELECT w FROM unnest(old_words) AS w WHERE w <> ALL (new_words));
    IF gained = '{}' AND lost = '{}' THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM search_words v WHERE v.word = ANY (gained || lost) ORDER BY v.word FOR UPDATE;
    DELETE FROM search_words v WHERE v.word = ANY (lost) AND v.headlines <= 1;
    UPDATE search_words v SET headlines = v.headlines - 1 WHERE v.word = ANY (lost);
    INSERT INTO search_words AS v (word, headlines)
    SELECT w, 1 FROM unnest(gained) AS w ORDER BY w
    ON CONFLICT (word) DO UPDATE SET headlines = v.headlines + 1;
    RETURN NULL;
END $$;
DROP TRIGGER story_search_follow_text ON story_texts;
CREATE TRIGGER story_search_follow_text AFTER INSERT OR UPDATE OF headline, dateline, body, body_text ON story_texts
    FOR EACH ROW EXECUTE FUNCTION story_search_follow_text();

-- Readers' search shows the visible text too (a column added at the view's end).
CREATE OR REPLACE VIEW reader.stories AS
SELECT s.id, s.section, sec.name AS section_name, t.headline, t.dateline, t.body,
       a.name AS author_name, s.version, s.published_at,
       coalesce((SELECT max(h.at) FROM story_history h
                  WHERE h.story_id = s.id AND h.action = 'correct'), s.published_at) AS modified_at,
       coalesce(t.body_text, t.body) AS body_text
  FROM stories s
  JOIN story_texts t ON t.story_id = s.id
  JOIN sections sec ON sec.slug = s.section
  JOIN staff a ON a.handle = s.author
 WHERE s.status = 'published';

-- 3. What is unsafe, as ArticleBody.unsafeConstruct reads it: an unescaped `<` before a
--    letter, `/`, `!` or `?`; an unescaped `](`, or a `[label]:` definition opening a line
--    (after at most three spaces), whose target (after white space with at most one line
--    end, and an optional `<`) names a scheme other than http or https.
CREATE FUNCTION newsroom_body_unsafe(body text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT body ~ '(^|[^\\])(\\\\)*<[A-Za-z/!?]'
        OR body ~* '(^|[^\\])(\\\\)*\]\([ \t]*\n?[ \t]*(<[ \t]*\n?[ \t]*)?(?!https?:)[a-z][a-z0-9+.-]*:'
        OR body ~* '(?n)^ {0,3}\[([^\\\n]|\\.)*\]:[ \t]*\n?[ \t]*(<[ \t]*\n?[ \t]*)?(?!https?:)[a-z][a-z0-9+.-]*:'
$$;
ALTER TABLE story_texts ADD CONSTRAINT story_body_is_safe CHECK (NOT newsroom_body_unsafe(body)) NOT VALID;
ALTER TABLE story_texts VALIDATE CONSTRAINT story_body_is_safe;

-- 4. The markup's ceiling (0028's check otherwise).
ALTER DOMAIN story_body DROP CONSTRAINT story_body_is_text;
ALTER DOMAIN story_body ADD CONSTRAINT story_body_is_text CHECK (
    VALUE IS NFC NORMALIZED
    AND VALUE !~ '[\x01-\x08\x0b-\x1f\x7f-\x9f]'
    AND newsroom_is_trimmed(VALUE)
    AND octet_length(VALUE) <= 2000000
) NOT VALID;

-- 5. The site's settings, as NewsroomSetting.validate takes them.
ALTER TABLE settings DROP CONSTRAINT site_settings_valid;
ALTER TABLE settings ADD CONSTRAINT site_settings_valid CHECK (
    CASE key
        WHEN 'site.name' THEN newsroom_is_line(value, 400)
        WHEN 'site.language' THEN value ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'
        WHEN 'site.direction' THEN value IN ('rtl', 'ltr')
        WHEN 'site.base_url' THEN value ~ '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*[A-Za-z0-9._~%-])?$'
        WHEN 'site.max_age' THEN value ~ '^[0-9]{1,5}$' AND value::integer <= 86400
        WHEN 'site.external_links' THEN value IN ('follow', 'nofollow', 'ugc', 'nofollow ugc')
        ELSE true
    END);
