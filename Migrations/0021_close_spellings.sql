-- Close spellings from the headlines' vocabulary (issue 17's latency goal). 0017 compared a
-- misspelt query with every headline's words through their trigram index: at a million
-- stories the common trigrams of a short Arabic word make that 15–30 ms. The words the
-- headlines use are far fewer than the headlines: the staff's search now finds the words
-- spelled close to each word of the query here, then the headlines that have them, newest
-- first, through the headline terms' own index. Word against word, the measure is pg_trgm's
-- similarity (shared trigrams over all of both words'), the three closest at or above the
-- session's pg_trgm.similarity_threshold (the tool sets 0.35: one letter changed inside a
-- six-letter word is 0.4; 0017's 0.5 missed it).
--
-- The vocabulary holds the words of every headline, drafts' too, so it is the staff's only
-- (row-level security, as every newsroom table): readers' close spellings keep 0017's way
-- over published headlines (reader.search), which tells them nothing of a draft.
CREATE TABLE search_words (
    -- A headline's word, folded (newsroom_search_words), not stemmed: what a person types.
    word text PRIMARY KEY
);
INSERT INTO search_words (word)
SELECT DISTINCT w FROM story_search, unnest(string_to_array(headline_words, ' ')) AS w WHERE w <> '';
CREATE INDEX search_words_trigrams ON search_words USING gin (word gin_trgm_ops);

-- Written with the text (0017's trigger), by the owner's rights. A word stays when its last
-- headline changes: a close spelling that finds nothing costs one more lookup, never a miss.
CREATE OR REPLACE FUNCTION story_search_follow_text() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    r record;
BEGIN
    SELECT * INTO r FROM story_search_row(NEW.headline, NEW.dateline, NEW.body);
    INSERT INTO story_search (story_id, headline_terms, terms, headline_words)
    VALUES (NEW.story_id, r.headline_terms, r.terms, r.headline_words)
    ON CONFLICT (story_id) DO UPDATE
       SET headline_terms = EXCLUDED.headline_terms, terms = EXCLUDED.terms, headline_words = EXCLUDED.headline_words;
    INSERT INTO search_words (word)
    SELECT DISTINCT w FROM unnest(string_to_array(r.headline_words, ' ')) AS w WHERE w <> ''
    ON CONFLICT (word) DO NOTHING;
    RETURN NULL;
END $$;

ALTER TABLE search_words ENABLE ROW LEVEL SECURITY;
CREATE POLICY search_words_active_staff ON search_words
    USING ((SELECT newsroom_session_is_staff())) WITH CHECK ((SELECT newsroom_session_is_staff()));

-- The query's close spellings: for each of its words, the (at most three) closest words of
-- the headlines, and the headline terms' query that finds any of them in place of that word.
-- NULL when a word has none.
CREATE FUNCTION newsroom_search_close(words text, OUT query tsquery, OUT spellings text[])
    LANGUAGE sql STABLE AS $$
    WITH typed AS (
        SELECT q.w, q.n FROM unnest(string_to_array(words, ' ')) WITH ORDINALITY AS q(w, n) WHERE q.w <> ''
    ), close AS (
        SELECT t.n, c.word, newsroom_search_query(ARRAY[c.word], ARRAY['word'], ARRAY[false]) AS terms
          FROM typed t
         CROSS JOIN LATERAL (SELECT v.word FROM search_words v
                              WHERE t.w % v.word
                              ORDER BY similarity(t.w, v.word) DESC, v.word LIMIT 3) c
    ), alternatives AS (
        SELECT close.n, '(' || string_agg(close.terms::text, ' | ' ORDER BY close.word) || ')' AS any_of
          FROM close WHERE close.terms IS NOT NULL GROUP BY close.n
    )
    SELECT CASE WHEN (SELECT count(*) FROM alternatives) = (SELECT count(*) FROM typed) AND EXISTS (SELECT 1 FROM typed)
                THEN (SELECT string_agg(a.any_of, ' & ' ORDER BY a.n) FROM alternatives a)::tsquery END,
           ARRAY(SELECT DISTINCT close.word FROM close ORDER BY close.word)
$$;

-- Staff groups read the new table (newsroom_setup_groups grants SELECT on every table).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group('reporter')) THEN
        PERFORM newsroom_setup_groups();
    END IF;
END $$;
