-- Search found in use (issue 27): short misspellings and English words.
--
-- 1. Close spellings by edit distance. 0021 chose the headlines' words spelled close to a
--    query's by trigram similarity (0.35): one letter changed in a four-letter word shares
--    too few trigrams (جدبد and جديد: 0.25), and short words are most of Arabic headlines.
--    Now a word of the headlines stands in for a word of the query when their Levenshtein
--    distance over the folded forms (newsroom_search_words: ة/ه, the alef forms, ى/ي cost
--    nothing) is at most the query word's reach: 1 for 3–5 letters, 2 for 6–24 (Lucene's
--    fuzzy query), 0 otherwise (the word itself only). Ranked by distance, then by how many
--    headlines have the word, at most 50 (Lucene's maxExpansions). Found exactly, without
--    comparing the query with every word: each word of the vocabulary keeps the forms it
--    takes with up to as many letters deleted as any query could reach it by (SymSpell's
--    deletion neighbourhood, GIN-indexed); two words within distance k share a form with at
--    most k letters deleted from each, and fuzzystrmatch's levenshtein_less_equal confirms.
-- 2. English words stemmed. Latin-script words went unstemmed (`barrel` missed "barrels"):
--    a word of ASCII letters alone now goes through PostgreSQL's Snowball `english_stem`
--    dictionary after the Arabic passes (which touch Arabic letters only); a stop word keeps
--    its form. The stories whose terms hold such a word get their terms again.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- 2. English stemming, inside the one stemmer every path calls (terms, queries, marks).
ALTER FUNCTION newsroom_search_stem(text) RENAME TO newsroom_search_stem_arabic;

CREATE FUNCTION newsroom_search_stem_latin(words text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT CASE WHEN words !~ '[a-z]' THEN words
                ELSE substring(words FROM '^[ \n]*')
                     || coalesce((SELECT string_agg(CASE WHEN r.m[1] ~ '^[a-z]+$'
                                                         THEN coalesce((ts_lexize('english_stem', r.m[1]))[1], r.m[1])
                                                         ELSE r.m[1] END || r.m[2], '' ORDER BY r.n)
                                    FROM regexp_matches(words, '([^ \n]+)([ \n]*)', 'g') WITH ORDINALITY AS r(m, n)), '')
           END
$$;

CREATE FUNCTION newsroom_search_stem(words text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT newsroom_search_stem_latin(newsroom_search_stem_arabic(words))
$$;

-- What a word's folded letters must contain for its stem to be one of these (the marks'
-- prefilter): an Arabic stem only loses letters, so it is itself; Snowball may also change a
-- stem's last letters (happy → happi, possibly → possibl), so an English one is itself
-- without its last two letters.
CREATE FUNCTION newsroom_search_stem_hints(stems text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT coalesce(array_agg(CASE WHEN s ~ '^[a-z]+$' THEN left(s, greatest(length(s) - 2, 1)) ELSE s END), '{}')
      FROM unnest(stems) AS s
$$;

-- The marks (0018's), with the prefilter of each stem's hint.
CREATE OR REPLACE FUNCTION newsroom_search_marks(t text, stems text[], prefixes text[], around integer) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    runs text[];
    word_runs integer[] := '{}';
    folded text[];
    wanted text := array_to_string(newsroom_search_stem_hints(stems || prefixes), '|');
    candidates integer[] := '{}';
    candidate_words text[] := '{}';
    stemmed text[];
    word_stems text[];
    hit_runs integer[] := '{}';
    first_hit integer;
    pieces text[] := ARRAY[''];
    first_run integer := 1;
    last_run integer;
    k integer;
    stem text;
    prefix text;
    is_hit boolean;
BEGIN
    IF t IS NULL OR t = '' THEN
        RETURN ARRAY[''];
    END IF;
    -- Words (letters, digits, and the marks, tatweel and joiners inside them) and what is
    -- between them alternate.
    runs := regexp_split_to_array(t, '(?<=[[:alnum:]\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200C\u200D])(?=[^[:alnum:]\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200C\u200D])|(?<=[^[:alnum:]\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200C\u200D])(?=[[:alnum:]\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200C\u200D])');
    last_run := cardinality(runs);
    FOR k IN CASE WHEN runs[1] ~ '^[[:alnum:]\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200C\u200D]' THEN 1 ELSE 2 END .. last_run BY 2 LOOP
        word_runs := word_runs || k;
    END LOOP;
    IF cardinality(word_runs) = 0 THEN
        RETURN ARRAY[t];
    END IF;
    -- Each written word folded on its own line. Only a word whose folded letters contain a
    -- wanted stem's hint (newsroom_search_stem_hints) can have it as its stem.
    IF wanted <> '' THEN
        folded := string_to_array(newsroom_search_words(btrim(regexp_replace(t, '[^[:alnum:]\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200C\u200D]+', E'\n', 'g'), E'\n')), E'\n');
        FOR k IN 1 .. cardinality(folded) LOOP
            IF folded[k] ~ wanted THEN
                candidates := candidates || k;
                candidate_words := candidate_words || folded[k];
            END IF;
        END LOOP;
    END IF;
    IF cardinality(candidates) > 0 THEN
        stemmed := string_to_array(newsroom_search_stem(array_to_string(candidate_words, E'\n')), E'\n');
        FOR k IN 1 .. cardinality(candidates) LOOP
            word_stems := string_to_array(btrim(stemmed[k]), ' ');
            is_hit := word_stems && stems;
            IF NOT is_hit AND cardinality(prefixes) > 0 THEN
                <<stems_of_word>>
                FOREACH stem IN ARRAY word_stems LOOP
                    FOREACH prefix IN ARRAY prefixes LOOP
                        IF starts_with(stem, prefix) THEN
                            is_hit := true;
                            EXIT stems_of_word;
                        END IF;
                    END LOOP;
                END LOOP;
            END IF;
            IF is_hit THEN
                first_hit := coalesce(first_hit, candidates[k]);
                hit_runs := hit_runs || word_runs[candidates[k]];
            END IF;
        END LOOP;
    END IF;
    IF around IS NOT NULL THEN
        k := coalesce(first_hit, 1);
        -- From the text's own start, or to its own end, where the words around reach them.
        IF k - around > 1 THEN
            first_run := word_runs[k - around];
            pieces[1] := '…';
        END IF;
        IF k + around < cardinality(word_runs) THEN
            last_run := word_runs[k + around];
        END IF;
    END IF;
    -- What lies between marked words joined at once, a piece each.
    FOREACH k IN ARRAY hit_runs LOOP
        CONTINUE WHEN k NOT BETWEEN first_run AND last_run;
        pieces[cardinality(pieces)] := pieces[cardinality(pieces)] || array_to_string(runs[first_run:k - 1], '');
        pieces := pieces || runs[k] || ''::text;
        first_run := k + 1;
    END LOOP;
    pieces[cardinality(pieces)] := pieces[cardinality(pieces)] || array_to_string(runs[first_run:last_run], '');
    IF last_run < cardinality(runs) THEN
        pieces[cardinality(pieces)] := pieces[cardinality(pieces)] || '…';
    END IF;
    RETURN pieces;
END $$;

-- The stories whose terms hold an ASCII word (exactly those the English stemmer changes).
UPDATE story_search x
   SET headline_terms = r.headline_terms, terms = r.terms, headline_words = r.headline_words
  FROM story_texts t, LATERAL story_search_row(t.headline, t.dateline, t.body) r
 WHERE t.story_id = x.story_id AND x.terms::text ~ '[a-z]';

-- 1. Close spellings by edit distance.
-- How far a query's word may be from a word that stands in for it (letters: code points of
-- the folded form).
CREATE FUNCTION newsroom_search_reach(word text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT CASE WHEN length(word) BETWEEN 3 AND 5 THEN 1 WHEN length(word) BETWEEN 6 AND 24 THEN 2 ELSE 0 END
$$;

-- A word and the forms it takes with up to `deleted` of its letters taken out, sorted.
CREATE FUNCTION newsroom_search_deletions(word text, deleted integer) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT array_agg(DISTINCT f ORDER BY f) FROM (
        SELECT word AS f
        UNION ALL
        SELECT overlay(word PLACING '' FROM i FOR 1) FROM generate_series(1, length(word)) AS i WHERE deleted >= 1
        UNION ALL
        SELECT overlay(overlay(word PLACING '' FROM i FOR 1) PLACING '' FROM j FOR 1)
          FROM generate_series(1, length(word)) AS i, generate_series(i, length(word) - 1) AS j WHERE deleted >= 2
    ) forms
$$;

-- What a word of the vocabulary keeps, for itself and for its stem: the forms with as many
-- deletions as a query could reach it by. A query of 6–24 letters reaches 2 and meets words
-- of 4–26; one of 3–5 reaches 1 and meets words of 2–6. Each form is tagged with the reach
-- that needs it ('1:' up to one deletion, '2:' two), so that a query of reach 1 never meets
-- the many words that two deletions of a longer word make (two letters of a four-letter word
-- are a form of thousands of words).
CREATE FUNCTION newsroom_search_word_forms(word text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT array(SELECT '1:' || f FROM unnest(newsroom_search_deletions(word, CASE WHEN length(word) BETWEEN 2 AND 26 THEN 1 ELSE 0 END)) AS f
                 UNION ALL
                 SELECT '2:' || f FROM unnest(newsroom_search_deletions(word, 2)) AS f
                  WHERE length(word) BETWEEN 4 AND 26 AND length(f) = length(word) - 2)
$$;

-- The forms a query's word looks for: its own deletions within its reach, tagged with the
-- reaches they may meet.
CREATE FUNCTION newsroom_search_query_forms(word text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT array(SELECT '1:' || f FROM unnest(newsroom_search_deletions(word, newsroom_search_reach(word))) AS f
                 UNION ALL
                 SELECT '2:' || f FROM unnest(newsroom_search_deletions(word, newsroom_search_reach(word))) AS f
                  WHERE newsroom_search_reach(word) = 2)
$$;

-- The vocabulary is now exactly the words of the headlines there are, each with how many
-- headlines have it (written with the text, below; a word goes with its last headline), its
-- stem, and the forms of both. A word is close to a query's when either the words or their
-- stems are within reach: جدبد finds الجديد through جديد, its stem, and a typed article or
-- ending costs nothing.
ALTER TABLE search_words
    ADD COLUMN headlines integer NOT NULL DEFAULT 0,
    ADD COLUMN stem text GENERATED ALWAYS AS (btrim(newsroom_search_stem(word))) STORED,
    ADD COLUMN forms text[] GENERATED ALWAYS AS (
        newsroom_search_word_forms(word) || newsroom_search_word_forms(btrim(newsroom_search_stem(word)))) STORED;
-- Each headline counts a word once.
INSERT INTO search_words (word, headlines)
SELECT u.w, count(*)::integer
  FROM story_search x, LATERAL (SELECT DISTINCT w FROM unnest(string_to_array(x.headline_words, ' ')) AS w WHERE w <> '') u
 GROUP BY u.w
ON CONFLICT (word) DO UPDATE SET headlines = EXCLUDED.headlines;
DELETE FROM search_words WHERE headlines = 0;
ALTER TABLE search_words ADD CONSTRAINT search_words_counted CHECK (headlines > 0);
CREATE INDEX search_words_forms ON search_words USING gin (forms);
DROP INDEX search_words_trigrams;

-- Written with the text, by the owner's rights: the words a headline gains and loses.
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
    SELECT * INTO r FROM story_search_row(NEW.headline, NEW.dateline, NEW.body);
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
    -- The words this headline gains and loses are locked first, in the words' order (two
    -- writers that share words lock them in the same order: no deadlock); a word lost with
    -- its last headline goes.
    PERFORM 1 FROM search_words v WHERE v.word = ANY (gained || lost) ORDER BY v.word FOR UPDATE;
    DELETE FROM search_words v WHERE v.word = ANY (lost) AND v.headlines <= 1;
    UPDATE search_words v SET headlines = v.headlines - 1 WHERE v.word = ANY (lost);
    INSERT INTO search_words AS v (word, headlines)
    SELECT w, 1 FROM unnest(gained) AS w ORDER BY w
    ON CONFLICT (word) DO UPDATE SET headlines = v.headlines + 1;
    RETURN NULL;
END $$;

-- The words of the headlines that may stand in for a word of a query (folded, as
-- newsroom_search_words leaves it), best first: the nearer of the word's and its stem's
-- distances, each counted only within its own reach. `published`: only words a published
-- headline has, as written (readers' search: the vocabulary knows drafts' words too), and
-- ranked without the counts, which count drafts' headlines.
CREATE FUNCTION newsroom_search_spelled_close(typed text, published boolean,
                                              OUT spelling text, OUT distance integer, OUT headlines integer)
    -- (The planner prices the check of published headlines at every candidate the forms'
    -- index might give, above JIT's threshold: a session with JIT on pays 0.5 s to compile
    -- it. The tool's search turns JIT off for its session, as for every search statement.)
    RETURNS SETOF record LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    -- The query word's stem, reaches and forms, computed once (inside the statement they
    -- would be computed again for every candidate).
    typed_stem text := btrim(newsroom_search_stem(typed));
    word_reach integer := newsroom_search_reach(typed);
    stem_reach integer := newsroom_search_reach(typed_stem);
    query_forms text[] := newsroom_search_query_forms(typed) || newsroom_search_query_forms(typed_stem);
BEGIN
    -- The candidates' distances first (MATERIALIZED: the planner would otherwise look for
    -- each candidate's published headline before knowing whether it is within reach).
    RETURN QUERY
    WITH candidates AS MATERIALIZED (
        SELECT v.word, v.stem, v.headlines,
               least(CASE WHEN v.word = typed THEN 0
                          WHEN word_reach > 0 THEN nullif(least(levenshtein_less_equal(typed, v.word, word_reach), word_reach + 1), word_reach + 1) END,
                     CASE WHEN v.stem = typed_stem THEN 0
                          WHEN stem_reach > 0 THEN nullif(least(levenshtein_less_equal(typed_stem, v.stem, stem_reach), stem_reach + 1), stem_reach + 1) END)
               AS distance
          FROM search_words v
         WHERE v.forms && query_forms
    ), within AS MATERIALIZED (
        SELECT c.word, c.stem, c.headlines, c.distance FROM candidates c WHERE c.distance IS NOT NULL
    )
    SELECT w.word, w.distance, w.headlines FROM within w
     WHERE NOT published OR EXISTS (SELECT 1 FROM story_search x JOIN stories s ON s.id = x.story_id
                                     WHERE x.headline_terms @@ quote_literal(w.stem)::tsquery
                                       AND w.word = ANY (string_to_array(x.headline_words, ' ')) AND s.status = 'published')
     ORDER BY w.distance, CASE WHEN published THEN 0 ELSE w.headlines END DESC, w.word
     LIMIT 50;
END $$;

-- The query's close spellings: for each of its words, the words of the headlines that may
-- stand in for it (above); `query` finds the headlines with any of them in place of each
-- word, `best` those with each word's first; `spellings` in that order, each once. NULL
-- queries when a word has none.
DROP FUNCTION newsroom_search_close(text);
CREATE FUNCTION newsroom_search_close(words text, published boolean DEFAULT false,
                                      OUT query tsquery, OUT best tsquery, OUT spellings text[])
    LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    WITH typed AS (
        SELECT q.w, q.n FROM unnest(string_to_array(words, ' ')) WITH ORDINALITY AS q(w, n) WHERE q.w <> ''
    ), close AS (
        SELECT t.n, c.rank, c.spelling, newsroom_search_query(ARRAY[c.spelling], ARRAY['word'], ARRAY[false]) AS terms
          FROM typed t
         CROSS JOIN LATERAL newsroom_search_spelled_close(t.w, published) WITH ORDINALITY AS c(spelling, distance, headlines, rank)
    ), alternatives AS (
        SELECT close.n, '(' || string_agg(DISTINCT close.terms::text, ' | ') || ')' AS any_of,
               (array_agg(close.terms::text ORDER BY close.rank))[1] AS first
          FROM close WHERE close.terms IS NOT NULL GROUP BY close.n
    ), complete AS (
        SELECT (SELECT count(*) FROM alternatives) = (SELECT count(*) FROM typed) AND EXISTS (SELECT 1 FROM typed) AS yes
    )
    SELECT CASE WHEN complete.yes THEN (SELECT string_agg(a.any_of, ' & ' ORDER BY a.n) FROM alternatives a)::tsquery END,
           CASE WHEN complete.yes THEN (SELECT string_agg('(' || a.first || ')', ' & ' ORDER BY a.n) FROM alternatives a)::tsquery END,
           ARRAY(SELECT s.spelling FROM (SELECT close.spelling, min(close.n) AS n, min(close.rank) AS rank FROM close GROUP BY close.spelling) s
                  ORDER BY s.n, s.rank, s.spelling)
      FROM complete
$$;


-- Readers' close spellings: the same, from the words of published headlines only. By the
-- owner's rights (readers may not read the vocabulary), for the logins given the reader
-- views and no other.
CREATE FUNCTION reader.search_close(words text, OUT query tsquery, OUT best tsquery, OUT spellings text[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT c.query, c.best, c.spellings FROM newsroom_search_close(words, true) c
$$;
REVOKE ALL ON FUNCTION reader.search_close(text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION newsroom_grant_reader(login text) RETURNS void LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        RAISE EXCEPTION 'there is no login "%": create it first (CREATE ROLE % LOGIN PASSWORD ...)', login, quote_ident(login)
            USING ERRCODE = 'undefined_object';
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), login);
    EXECUTE format('GRANT USAGE ON SCHEMA reader TO %I', login);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA reader TO %I', login);
    EXECUTE format('GRANT EXECUTE ON FUNCTION reader.search_close(text) TO %I', login);
END $$;

DO $$
DECLARE
    login name;
BEGIN
    FOR login IN
        SELECT r.rolname FROM pg_roles r
         WHERE NOT r.rolsuper AND has_schema_privilege(r.oid, 'reader', 'USAGE')
           AND r.oid <> (SELECT n.nspowner FROM pg_namespace n WHERE n.nspname = 'reader')
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION reader.search_close(text) TO %I', login);
    END LOOP;
END $$;
