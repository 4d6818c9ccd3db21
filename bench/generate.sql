-- Fills a migrated newsroom database for the benchmarks: :stories stories across
-- sections, authors and every state, Arabic text drawn from a Zipf vocabulary (below),
-- with their revisions and history, and :tickers past ticker lines plus a few dozen live.
-- Run by scripts/bench through psql: -v stories=N -v tickers=N -v body="$(cat samples/article-body.txt)".
-- Everything is set-based (generate_series), one statement per table, so a million stories
-- take minutes. Triggers are off while it loads (session_replication_role = replica): the
-- rows are written already consistent, as the workflow would have left them.
\set ON_ERROR_STOP on
SET session_replication_role = replica;
SET synchronous_commit = off;
SET client_min_messages = warning;

BEGIN;
INSERT INTO sections (slug, name) VALUES
    ('politics', 'سياسة'), ('security', 'أمن'), ('economy', 'اقتصاد'), ('sport', 'رياضة'),
    ('culture', 'ثقافة'), ('world', 'عالم'), ('local', 'محليات'), ('opinion', 'رأي')
ON CONFLICT DO NOTHING;

INSERT INTO staff (handle, name, role)
SELECT 'reporter' || g, 'مراسل ' || g, 'reporter' FROM generate_series(1, 200) g
UNION ALL SELECT 'editor' || g, 'محرر ' || g, 'editor' FROM generate_series(1, 40) g
UNION ALL SELECT 'chief' || g, 'رئيس تحرير ' || g, 'chief' FROM generate_series(1, 5) g
UNION ALL SELECT 'admin', 'مدير', 'admin'
ON CONFLICT DO NOTHING;

CREATE TEMP TABLE words AS
SELECT array_agg(w) AS list, count(*)::int AS n
  FROM regexp_split_to_table(:'body', '[[:space:]\u00a0]+') AS w WHERE w !~ '^#' AND w <> '';
CREATE TEMP TABLE source AS SELECT regexp_replace(:'body', '^## .*$', '', 'gn') AS text;

-- A vocabulary with a news archive's spread (Zipf): the sample's words first, most frequent
-- first, then 50,000 made-up words of four to six letters (consonants only, so that no
-- prefix or ending of the stemmer applies to them and each stays one term). A text's words
-- are drawn log-uniformly by rank, which is Zipf's law: the 40th word is in about a third of
-- the stories, the 400th in 3%, the 40,000th in a few hundred.
CREATE TEMP TABLE vocabulary AS
WITH sample AS (
    SELECT w, count(*) AS uses, min(n) AS first_use
      FROM regexp_split_to_table(regexp_replace(:'body', '^## ', '', 'gn'), '[[:space:][:punct:]«»،؛؟]+') WITH ORDINALITY AS t(w, n)
     WHERE w ~ '^[ء-ي]+$' GROUP BY w),
made AS (
    SELECT g, string_agg(substr('بتجحخدذرزسشصضطظعغقكمن', 1 + get_byte(decode(md5(g || ':' || k), 'hex'), 0) % 21, 1), '' ORDER BY k) AS w
      FROM generate_series(1, 52000) g, generate_series(1, 4 + g % 3) k GROUP BY g)
SELECT row_number() OVER (ORDER BY r)::int AS rank, w AS word FROM (
    SELECT w, row_number() OVER (ORDER BY uses DESC, first_use) AS r FROM sample
    UNION ALL
    SELECT w, 100000 + g FROM (SELECT DISTINCT ON (w) w, g FROM made ORDER BY w, g) d
     WHERE w NOT IN (SELECT w FROM sample)) v;
-- Looked up by rank through its key, a word at a time (a subscript of one large array would
-- decompress the whole array at every word; the rank is drawn in a subquery of its own, since
-- a random() in the lookup's condition would make it a scan of the whole vocabulary).
ALTER TABLE vocabulary ADD PRIMARY KEY (rank);
ANALYZE vocabulary;
CREATE TEMP TABLE vocabulary_size AS SELECT count(*)::int AS n FROM vocabulary;

-- Status by share: 70% published, 10% draft, 8% in review, 4% approved, 3% scheduled, 3% spiked, 2% withdrawn.
CREATE TEMP TABLE plan AS
SELECT g AS n,
       CASE WHEN r < 0.70 THEN 'published' WHEN r < 0.80 THEN 'draft' WHEN r < 0.88 THEN 'in_review'
            WHEN r < 0.92 THEN 'approved' WHEN r < 0.95 THEN 'scheduled' WHEN r < 0.98 THEN 'spiked'
            ELSE 'withdrawn' END AS status,
       now() - (g::float8 / :stories) * interval '3 years' AS created
  FROM (SELECT g, random() AS r FROM generate_series(1, :stories) g) s;

-- Ids are the plan's numbers, so a story and its text are written by two set-based statements.
INSERT INTO stories (id, section, author, editor, status, version,
                     created_at, updated_at, submitted_at, approved_at, publish_at, scheduled_by,
                     published_at, withdrawn_at)
OVERRIDING SYSTEM VALUE
SELECT p.n,
       (ARRAY['politics','security','economy','sport','culture','world','local','opinion'])[1 + p.n % 8],
       'reporter' || (1 + p.n % 200),
       CASE WHEN p.status = 'draft' AND p.n % 2 = 0 THEN NULL ELSE 'editor' || (1 + p.n % 40) END,
       p.status,
       CASE p.status WHEN 'draft' THEN 1 WHEN 'spiked' THEN 2 WHEN 'in_review' THEN 3 WHEN 'approved' THEN 4
                     WHEN 'scheduled' THEN 5 WHEN 'published' THEN 5 ELSE 6 END,
       p.created, p.created + interval '2 hours',
       CASE WHEN p.status NOT IN ('draft', 'spiked') THEN p.created + interval '30 minutes' END,
       CASE WHEN p.status IN ('approved', 'scheduled', 'published', 'withdrawn') THEN p.created + interval '1 hour' END,
       CASE WHEN p.status = 'scheduled' THEN now() + (1 + p.n % 72) * interval '1 hour' END,
       CASE WHEN p.status = 'scheduled' THEN 'editor' || (1 + p.n % 40) END,
       CASE WHEN p.status IN ('published', 'withdrawn') THEN p.created + interval '2 hours' END,
       CASE WHEN p.status = 'withdrawn' THEN p.created + interval '1 day' END
  FROM plan p
 ORDER BY p.n;
SELECT setval(pg_get_serial_sequence('stories', 'id'), (SELECT max(id) FROM stories));

-- Headlines of 6 to 12 words and bodies of 90 to 210 (about the length the earlier bodies,
-- cut from the sample, had), drawn from the vocabulary; a blank line every 40 words.
INSERT INTO story_texts (story_id, version, headline, dateline, body)
SELECT p.n, 1,
       btrim(left((SELECT string_agg(w.word, ' ' ORDER BY k)
                     FROM generate_series(1, 6 + p.n % 7) k,
                          LATERAL (SELECT least(v.n, floor(exp(random() * ln(v.n)))::int + k * 0) AS rank OFFSET 0) r,
                          LATERAL (SELECT word FROM vocabulary WHERE rank = r.rank) w), 250)),
       (ARRAY['بغداد','ديالى','البصرة','نينوى','أربيل','كربلاء', NULL])[1 + p.n % 7],
       btrim((SELECT string_agg(w.word || CASE WHEN k % 40 = 0 THEN E'\n\n' ELSE '' END, ' ' ORDER BY k)
                FROM generate_series(1, 90 + p.n % 121) k,
                     LATERAL (SELECT least(v.n, floor(exp(random() * ln(v.n)))::int + k * 0) AS rank OFFSET 0) r,
                     LATERAL (SELECT word FROM vocabulary WHERE rank = r.rank) w), E' \n')
  FROM plan p, vocabulary_size v
 ORDER BY p.n;

-- Each story's history: the steps its status implies, one per version.
INSERT INTO story_history (story_id, at, actor, action, from_status, to_status, version, note, scheduled_for)
SELECT s.id, s.created_at + v * interval '20 minutes',
       CASE WHEN step.action IN ('create', 'submit') THEN s.author
            WHEN step.action IN ('withdraw', 'assign') THEN 'chief1' ELSE coalesce(s.editor, 'editor1') END,
       step.action, step.from_status, step.to_status, v,
       CASE step.action WHEN 'withdraw' THEN 'سحب بطلب من المصدر' WHEN 'spike' THEN 'مكرر' END,
       CASE WHEN step.action = 'schedule' THEN s.publish_at END
  FROM stories s
  CROSS JOIN LATERAL generate_series(1, s.version) v
  CROSS JOIN LATERAL (
      SELECT (CASE WHEN s.status = 'spiked' THEN ARRAY['create','spike']
                   ELSE ARRAY['create','assign','submit','approve',
                              CASE WHEN s.status = 'scheduled' THEN 'schedule' ELSE 'publish' END, 'withdraw'] END)[v] AS action,
             (CASE WHEN s.status = 'spiked' THEN ARRAY[NULL,'draft']
                   ELSE ARRAY[NULL,'draft','draft','in_review','approved','published'] END)[v] AS from_status,
             (CASE WHEN s.status = 'spiked' THEN ARRAY['draft','spiked']
                   ELSE ARRAY['draft','draft','in_review','approved',
                              CASE WHEN s.status = 'scheduled' THEN 'scheduled' ELSE 'published' END, 'withdrawn'] END)[v] AS to_status
  ) step;

INSERT INTO story_revisions (story_id, version, headline, section, dateline, body, edited_by, edited_at)
SELECT s.id, 1, t.headline, s.section, t.dateline, t.body, s.author, s.created_at FROM stories s JOIN story_texts t ON t.story_id = s.id;

-- A year of past ticker lines, an hour each, a tenth linked to published stories; and a few dozen live.
INSERT INTO ticker_items (text, urgent, starts_at, ends_at, story_id, created_by, created_at)
SELECT btrim(left(array_to_string(ARRAY(
           SELECT w.list[1 + ((g::bigint * 31 + k * 7907) % w.n)::int] FROM generate_series(1, 5 + g % 6) k), ' '), 200)),
       g % 20 = 0,
       now() - interval '1 year' + (g::float8 / :tickers) * interval '364 days',
       now() - interval '1 year' + (g::float8 / :tickers) * interval '364 days' + interval '1 hour',
       CASE WHEN g % 10 = 0 THEN (SELECT min(id) FROM stories WHERE status = 'published') END,
       'editor' || (1 + g % 40),
       now() - interval '1 year' + (g::float8 / :tickers) * interval '364 days'
  FROM generate_series(1, :tickers) g, words w;
INSERT INTO ticker_items (text, urgent, starts_at, ends_at, created_by)
SELECT 'خبر عاجل رقم ' || g, g % 5 = 0, now() - g * interval '1 minute', now() + interval '6 hours', 'editor1'
  FROM generate_series(1, 36) g;
INSERT INTO ticker_history (item_id, at, actor, action, ends_after)
SELECT id, created_at, created_by, 'schedule', ends_at FROM ticker_items;
COMMIT;

SET session_replication_role = origin;
ANALYZE;
-- The search terms (story_search) are filled afterwards, in parallel: benchlib.fill_search.
