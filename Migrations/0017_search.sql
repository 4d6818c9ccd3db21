-- Search that finds a story however its words are spelled. The rules live here once, in SQL
-- functions that build the search terms of a text and of a query alike (the tool keeps no
-- second copy): plain PostgreSQL text search over terms of our own making, with no C
-- extension and no files on the server, so it runs on managed PostgreSQL too. pg_trgm (a
-- contrib module every PostgreSQL ships and managed services offer) finds close spellings.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- 1. The one normalisation, before anything else:
--    compatibility forms (presentation forms, the lam-alef ligatures, full-width letters) →
--      NFKC, which also composes a decomposed ا + ٔ back into أ before the fold below;
--    removed: the marks U+064B–U+065F and U+0670 (tashkeel, hamza above and below, dagger
--      alef), the Quranic signs U+0610–U+061A and U+06D6–U+06ED, tatweel U+0640, and the
--      invisible format characters (ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, the bidi embeddings,
--      overrides and isolates, word joiner, BOM, soft hyphen);
--    folded: أ إ آ ٱ ٲ ٳ → ا; ى ی ۍ ې → ي; ة ۀ → ه; ؤ → و; ئ → ي;
--      Arabic-Indic ٠–٩ and Eastern Arabic-Indic ۰–۹ digits → 0–9;
--    Latin (and every other cased script) case-folded with lower().
--    Each step keeps the text's length in words: a word stays one word.
CREATE FUNCTION newsroom_search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(CASE WHEN f ~ '[ٱٲٳیۍېۀ٠-٩۰-۹]'
                      THEN translate(f, 'ٱٲٳیۍېۀ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', 'اااييي' || 'ه' || '01234567890123456789')
                      ELSE f END)
      FROM (SELECT translate(regexp_replace(CASE WHEN t IS NFKC NORMALIZED THEN t ELSE normalize(t, NFKC) END,
                                            '[\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF\u00AD]+',
                                            '', 'g'),
                             'أإآىةؤئ', 'ااايهوي') AS f) folded
$$;

-- The words of a folded text, one space between them: anything that is neither a letter nor
-- a digit separates words, and so does the meeting of letters and digits (بـ18 is ب and 18,
-- so 18 finds it). Line breaks are kept as separators of their own (see the marks, below).
CREATE FUNCTION newsroom_search_words(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT regexp_replace(regexp_replace(regexp_replace(newsroom_search_fold(t),
               '[^[:alnum:]\n]+', ' ', 'g'),
               '([0-9])([^0-9 \n])', '\1 \2', 'g'),
               '([^0-9 \n])([0-9])', '\1 \2', 'g')
$$;

-- 2. Light stemming, in the spirit of Larkey's light10, over words as newsroom_search_words
--    leaves them. Each word loses at most one of these at its start, the longest that fits:
--      وال فال بال كال ال (and لل), when two letters or more remain;
--      و alone, when three letters or more remain, and ف alone when four do (ف begins far
--        more roots than it joins short words: فكرة is not ف + كرة), except before the
--        beginnings of these frequent words, whose first letter is their own:
--        وزير وزارة وزراء وطن وقت وفد وفاة وضع وصول وصل وجه وجود ولاية وكالة وسط وسائل
--        واقع وثائق وثيقة ورقة; فلسطين فرنسا فنزويلا فيتنام فيروس فيديو فيسبوك فندق
--        فصائل فضائي فعالية فترة;
--    then, at its end, in four passes, each taking at most one ending and only while three
--    letters or more remain (three: most Arabic roots have three, and stopping there keeps
--    بيان, بنك, كرة apart from shorter words):
--      pronouns            هما هم ها هن كم
--      plurals and duals   ات ون ين ان
--      feminine and nisba  يه ي ه          (ية and ة are يه and ه by now)
--      plurals again       ات ون ين ان     (فلسطينيون → فلسطيني → فلسطين → فلسط, as فلسطين)
--    so والحكومة, بالحكومة, للحكومة, الحكومات, حكومة and حكومات are all حكوم, and الكفالات
--    and الكفاله both كفال.
CREATE FUNCTION newsroom_search_stem(words text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    -- Plain passes without lookaround (PostgreSQL's lookahead is slow): a word that lost its
    -- article or its و, or whose first letter is its own, is marked with # so that no later
    -- pass takes و or ف from it (one prefix a word: وفلسطين is فلسطين); the marks go before
    -- the endings are taken.
    SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(translate(
           regexp_replace(regexp_replace(regexp_replace(regexp_replace(words,
               '(^|[ \n])(?:[وف]?(?:ال|بال|كال)|لل)([^ \n]{2})', '\1#\2', 'g'),
               '(^|[ \n])(و(?:زير|زار|زرا|طن|قت|فد|فاه|ضع|صول|صل|جه|جود|لاي|كال|سط|سائل|اقع|ثائق|ثيق|رق)'
               '|ف(?:لسطين|رنس|نزويل|يتنام|يروس|يديو|يسبوك|ندق|صائل|ضائي|عالي|تره))', '\1#\2', 'g'),
               '(^|[ \n])و([^ \n]{3})', '\1#\2', 'g'),
               '(^|[ \n])ف([^ \n]{4})', '\1\2', 'g'),
               '#', ''),
               '([^ \n]{3})(?:هما|هم|ها|هن|كم)([ \n]|$)', '\1\2', 'g'),
               '([^ \n]{3})(?:ات|ون|ين|ان)([ \n]|$)', '\1\2', 'g'),
               '([^ \n]{3})(?:يه|ي|ه)([ \n]|$)', '\1\2', 'g'),
               '([^ \n]{3})(?:ات|ون|ين|ان)([ \n]|$)', '\1\2', 'g')
$$;

-- The terms of a text: its stemmed words, in order (positions make phrases work).
CREATE FUNCTION newsroom_search_terms(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT to_tsvector('simple', newsroom_search_stem(newsroom_search_words(t)))
$$;

-- 3. The search terms of every story, in a table of their own (0010: never on stories, whose
--    rows the scheduler rewrites; and not on story_texts, which `story show` reads): written
--    with the text, never by a publication. The headline's terms alone rank a headline match
--    first; the headline's folded words find close spellings.
CREATE TABLE story_search (
    story_id bigint PRIMARY KEY REFERENCES story_texts (story_id),
    headline_terms tsvector NOT NULL,
    -- headline (weight A), dateline (B) and body (D)
    terms tsvector NOT NULL,
    headline_words text NOT NULL
);

CREATE FUNCTION story_search_row(headline text, dateline text, body text,
                                 OUT headline_terms tsvector, OUT terms tsvector, OUT headline_words text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT h, setweight(h, 'A') || setweight(coalesce(newsroom_search_terms(dateline), ''), 'B') || newsroom_search_terms(body),
           newsroom_search_words(headline)
      FROM (SELECT newsroom_search_terms(headline) AS h) t
$$;

-- The stories there are now (one call a story: in FROM, not as (row).field, which PostgreSQL
-- would expand into a call per field).
INSERT INTO story_search (story_id, headline_terms, terms, headline_words)
SELECT t.story_id, r.headline_terms, r.terms, r.headline_words
  FROM story_texts t, LATERAL story_search_row(t.headline, t.dateline, t.body) r;

-- The planner's statistics keep the most common terms and their shares (ten times the default
-- number of them): the search asks the planner how many stories a query matches to choose
-- between walking newest first and reading the index (Sources/NewsroomStore/StorySearch.swift),
-- and a term it does not know it takes for a rare one.
ALTER TABLE story_search ALTER COLUMN headline_terms SET STATISTICS 1000, ALTER COLUMN terms SET STATISTICS 1000;

CREATE INDEX story_search_headline ON story_search USING gin (headline_terms);
CREATE INDEX story_search_terms ON story_search USING gin (terms);
CREATE INDEX story_search_headline_words ON story_search USING gin (headline_words gin_trgm_ops);

-- Written with the text, by the owner's rights (no login writes this table itself).
CREATE FUNCTION story_search_follow_text() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    INSERT INTO story_search (story_id, headline_terms, terms, headline_words)
    SELECT NEW.story_id, r.headline_terms, r.terms, r.headline_words
      FROM story_search_row(NEW.headline, NEW.dateline, NEW.body) r
    ON CONFLICT (story_id) DO UPDATE
       SET headline_terms = EXCLUDED.headline_terms, terms = EXCLUDED.terms, headline_words = EXCLUDED.headline_words;
    RETURN NULL;
END $$;

CREATE TRIGGER story_search_follow_text AFTER INSERT OR UPDATE OF headline, dateline, body ON story_texts
    FOR EACH ROW EXECUTE FUNCTION story_search_follow_text();

ALTER TABLE story_search ENABLE ROW LEVEL SECURITY;
CREATE POLICY story_search_active_staff ON story_search
    USING ((SELECT newsroom_session_is_staff())) WITH CHECK ((SELECT newsroom_session_is_staff()));

-- 4. A query, from what the tool's parser made of it (NewsroomCore's SearchQuery): its
--    clauses' texts, kinds ('word', 'phrase', 'prefix') and whether each excludes, read once:
--    `query`, what a story must match (every clause that does not exclude, and none that
--    does; NULL when no clause has a word left to find: only marks, only punctuation);
--    `unwanted`, any excluded clause; the stems and prefixes the marks are set on; and the
--    wanted clauses' words as folded, which close spellings are measured against. A word that
--    folds to several (بـ18) is a phrase of them; a prefix is its last word's stem followed by
--    anything.
CREATE FUNCTION newsroom_search_parse(texts text[], kinds text[], excludes boolean[],
                                      OUT query tsquery, OUT unwanted tsquery, OUT stems text[], OUT prefixes text[], OUT words text)
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    wanted tsquery;
    clause tsquery;
    clause_stems text[];
    lexeme text;
    i integer;
BEGIN
    IF cardinality(texts) IS DISTINCT FROM cardinality(kinds) OR cardinality(texts) IS DISTINCT FROM cardinality(excludes) THEN
        RAISE EXCEPTION 'a search query''s clauses come as three arrays of one length' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    stems := '{}';
    prefixes := '{}';
    words := '';
    FOR i IN 1 .. coalesce(cardinality(texts), 0) LOOP
        IF kinds[i] NOT IN ('word', 'phrase', 'prefix') THEN
            RAISE EXCEPTION 'unknown kind of search clause: %', kinds[i] USING ERRCODE = 'invalid_parameter_value';
        END IF;
        clause_stems := array_remove(regexp_split_to_array(btrim(newsroom_search_stem(newsroom_search_words(texts[i])), E' \n'), '[ \n]+'), '');
        CONTINUE WHEN cardinality(clause_stems) = 0;
        clause := NULL;
        FOR j IN 1 .. cardinality(clause_stems) LOOP
            lexeme := quote_literal(clause_stems[j]);
            IF kinds[i] = 'prefix' AND j = cardinality(clause_stems) THEN
                lexeme := lexeme || ':*';
                IF NOT excludes[i] THEN prefixes := prefixes || clause_stems[j]; END IF;
            ELSIF NOT excludes[i] THEN
                stems := stems || clause_stems[j];
            END IF;
            clause := CASE WHEN clause IS NULL THEN lexeme::tsquery ELSE tsquery_phrase(clause, lexeme::tsquery) END;
        END LOOP;
        IF excludes[i] THEN
            unwanted := CASE WHEN unwanted IS NULL THEN clause ELSE unwanted || clause END;
        ELSE
            wanted := CASE WHEN wanted IS NULL THEN clause ELSE wanted && clause END;
            words := btrim(words || ' ' || newsroom_search_words(texts[i]));
        END IF;
    END LOOP;
    query := CASE WHEN unwanted IS NULL THEN wanted ELSE wanted && !! unwanted END;
END $$;

-- What a story must match, for SQL of one's own: `SELECT … WHERE terms @@ newsroom_search_query(…)`.
CREATE FUNCTION newsroom_search_query(texts text[], kinds text[], excludes boolean[]) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (newsroom_search_parse(texts, kinds, excludes)).query
$$;

-- 5. Marks on the text as written. The text is cut into runs, each a word as written (letters,
--    digits, and the marks, tatweel and joiners the fold removes) or what lies between words;
--    every word is folded and stemmed alone (all of them in one call, a line apart), so a
--    mark lands on the word with its vowels and alef as the writer typed them, never on a
--    normalised copy: the offset map is the runs' order. Returns the pieces in order, alternately unmarked and marked (the first
--    unmarked, maybe empty): around the first marked word, `around` words either side, with
--    '…' where the text was cut; the whole text when `around` is NULL.
CREATE FUNCTION newsroom_search_marks(t text, stems text[], prefixes text[], around integer) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    runs text[];
    word_runs integer[];
    hit_words integer[];
    hit_runs integer[];
    words_text text;
    pieces text[] := ARRAY[''];
    first_run integer := 1;
    last_run integer;
    k integer;
BEGIN
    IF t IS NULL OR t = '' THEN
        RETURN ARRAY[''];
    END IF;
    -- Two statements in all (each costs more than the work on a short text): the runs, and
    -- which words are marked.
    SELECT array_agg(coalesce(r.m[1], r.m[2]) ORDER BY r.n), array_agg(r.n::integer ORDER BY r.n) FILTER (WHERE r.m[1] IS NOT NULL),
           string_agg(r.m[1], E'\n' ORDER BY r.n)
      INTO runs, word_runs, words_text
      FROM regexp_matches(t, '([[:alnum:]\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200C\u200D]+)|([^[:alnum:]\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200C\u200D]+)', 'g') WITH ORDINALITY AS r(m, n);
    last_run := cardinality(runs);
    IF word_runs IS NULL THEN
        RETURN ARRAY[t];
    END IF;
    -- Only a word whose folded letters contain a wanted stem can have it as its stem
    -- (stemming only takes letters off): those alone are stemmed, all in one call.
    IF cardinality(stems || prefixes) > 0 THEN
        WITH candidates AS (
            SELECT f.k::integer AS k, f.word, row_number() OVER (ORDER BY f.k) AS i
              FROM unnest(string_to_array(newsroom_search_words(words_text), E'\n')) WITH ORDINALITY AS f(word, k)
             WHERE f.word ~ array_to_string(stems || prefixes, '|')),
        stemmed AS (
            SELECT x.i, string_to_array(btrim(x.stem), ' ') AS word_stems
              FROM unnest(string_to_array(newsroom_search_stem((SELECT string_agg(candidates.word, E'\n' ORDER BY candidates.k) FROM candidates)), E'\n'))
                   WITH ORDINALITY AS x(stem, i))
        SELECT array_agg(c.k ORDER BY c.k), array_agg(word_runs[c.k] ORDER BY c.k) INTO hit_words, hit_runs
          FROM candidates c JOIN stemmed x ON x.i = c.i
         WHERE x.word_stems && stems
            OR EXISTS (SELECT 1 FROM unnest(x.word_stems) AS e(stem), unnest(prefixes) AS p(prefix) WHERE starts_with(e.stem, p.prefix));
    END IF;
    IF around IS NOT NULL THEN
        k := coalesce(hit_words[1], 1);
        first_run := word_runs[greatest(1, k - around)];
        last_run := word_runs[least(cardinality(word_runs), k + around)];
        IF first_run > 1 THEN
            pieces[1] := '…';
        END IF;
    END IF;
    FOR k IN first_run .. last_run LOOP
        IF k = ANY (hit_runs) THEN
            pieces := pieces || runs[k] || ''::text;
        ELSE
            pieces[cardinality(pieces)] := pieces[cardinality(pieces)] || runs[k];
        END IF;
    END LOOP;
    IF last_run < cardinality(runs) THEN
        pieces[cardinality(pieces)] := pieces[cardinality(pieces)] || '…';
    END IF;
    RETURN pieces;
END $$;

-- None of these functions is called by a constraint or an index expression (the table holds
-- their results), so a dump restores without them; the trigger that calls them pins its own
-- search_path. Left unpinned, the small ones are inlined into their callers.

-- 6. What readers may search: published stories only, with the time they were published.
CREATE VIEW reader.search AS
SELECT x.story_id AS id, s.section, s.published_at, x.headline_terms, x.terms, x.headline_words
  FROM story_search x
  JOIN stories s ON s.id = x.story_id
 WHERE s.status = 'published';

-- A view added to the reader schema after logins were given it (newsroom_grant_reader grants
-- the views there are at the time): those logins get the new one too. For this migration and
-- the next ones that add a view (0013 had its own copy of this loop).
CREATE FUNCTION newsroom_share_reader_view(view regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    login name;
BEGIN
    FOR login IN
        SELECT r.rolname FROM pg_roles r
         WHERE NOT r.rolsuper AND has_schema_privilege(r.oid, 'reader', 'USAGE')
           AND r.oid <> (SELECT n.nspowner FROM pg_namespace n WHERE n.nspname = 'reader')
    LOOP
        EXECUTE format('GRANT SELECT ON %s TO %I', view, login);
    END LOOP;
END $$;
REVOKE ALL ON FUNCTION newsroom_share_reader_view(regclass) FROM PUBLIC;

SELECT newsroom_share_reader_view('reader.search');
-- Groups already made get the new table.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group('reporter')) THEN
        PERFORM newsroom_setup_groups();
    END IF;
END $$;
