-- Fills the wire queue for `scripts/bench wire`: :items items over five sources, sent over the
-- last 29 days (inside the default retention of 30, so the worker's purge drops none), each with its one version. Run by bench/wire.py through
-- psql on a database that bench/generate.sql has filled with a pool of stories, their search
-- terms computed (benchlib.fill_search): an item's headline is one pool story's and its body
-- another's, so the words have the archive's spread (Zipf) and no two items are the same text.
-- Set-based, with triggers off (session_replication_role = replica) and the rows written
-- consistent, as the worker would have left them; the indexes bench/wire.py dropped are built
-- again afterwards, by their own definitions.
\set ON_ERROR_STOP on
SET session_replication_role = replica;
SET synchronous_commit = off;
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;

BEGIN;
INSERT INTO wire_sources (name, kind, location, added_by)
SELECT s, 'folder', '/srv/wire/' || s, 'chief1' FROM unnest(ARRAY['afp', 'reuters', 'ina', 'kuna', 'qna']) s
ON CONFLICT DO NOTHING;

-- The pool, numbered from 0, with a body's own terms (a story's hold its headline's too).
CREATE TEMP TABLE pool AS
SELECT row_number() OVER (ORDER BY t.story_id)::int - 1 AS n, t.headline, coalesce(t.body_text, t.body) AS text, t.body,
       newsroom_search_terms(t.headline) AS headline_terms, newsroom_search_terms(coalesce(t.body_text, t.body)) AS body_terms,
       x.headline_words
  FROM story_texts t JOIN story_search x ON x.story_id = t.story_id;
CREATE UNIQUE INDEX ON pool (n);
ANALYZE pool;
SELECT count(*) AS pool FROM pool \gset

-- Urgency as an agency sends it: flashes rare, most items routine, a few without one.
CREATE TEMP TABLE plan AS
SELECT g, (ARRAY['afp', 'reuters', 'ina', 'kuna', 'qna'])[1 + g % 5] AS source,
       now() - ((:items - g)::float8 / :items) * interval '29 days' AS sent,
       CASE WHEN g % 200 = 0 THEN 1 WHEN g % 50 = 0 THEN 2 WHEN g % 20 = 0 THEN 3 WHEN g % 10 = 0 THEN NULL
            ELSE 4 + g % 5 END AS urgency,
       CASE WHEN g % 500 = 0 THEN 'canceled' ELSE 'usable' END AS status,
       g % :pool AS headline_from, (g::bigint * 7919 + g / :pool) % :pool AS body_from
  FROM generate_series(1, :items) g;

INSERT INTO wire_items (id, source, guid, version, received_at, updated_at, version_created, urgency, pub_status, killed_at,
                        headline, headline_terms, terms, headline_words)
OVERRIDING SYSTEM VALUE
SELECT p.g, p.source, 'urn:newsml:' || p.source || '.bench:' || p.g, 1, p.sent + interval '4 seconds', p.sent + interval '4 seconds',
       p.sent, p.urgency, p.status, CASE WHEN p.status <> 'usable' THEN p.sent + interval '1 hour' END,
       h.headline, h.headline_terms, setweight(h.headline_terms, 'A') || b.body_terms, h.headline_words
  FROM plan p JOIN pool h ON h.n = p.headline_from JOIN pool b ON b.n = p.body_from;
SELECT setval(pg_get_serial_sequence('wire_items', 'id'), (SELECT max(id) FROM wire_items)) \gset

INSERT INTO wire_versions (item_id, version, format, received_at, version_created, first_created, pub_status, urgency, headline,
                           located, creditline, language, subjects, body, body_text, origin)
SELECT p.g, 1, 'newsml-g2', p.sent + interval '4 seconds', p.sent, p.sent, p.status, p.urgency, h.headline,
       'بغداد', 'وكالة ' || p.source, 'ar', ARRAY['medtop:11000000'], b.body, b.text,
       '/srv/wire/' || p.source || '/item-' || p.g || '.xml'
  FROM plan p JOIN pool h ON h.n = p.headline_from JOIN pool b ON b.n = p.body_from;
COMMIT;
