-- Search in fewer steps (issue 17's latency goal). The rules of 0017 do not change.
--
-- 1. newsroom_search_marks without statements. 0017's ran two SQL statements a text (about
--    0.3 ms even on a headline, most of it the statements' own cost). Now every step is an
--    expression: the text is cut into runs at the borders of words (one split), the words
--    folded in one call, those that may hold a wanted stem stemmed in one call. Same runs,
--    same folds, same stems, so the same marks; and where the words around the first match
--    reach the text's own start or end, the snippet keeps them (a text that opened with a
--    quotation mark lost it and gained a '…' before).
CREATE OR REPLACE FUNCTION newsroom_search_marks(t text, stems text[], prefixes text[], around integer) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    runs text[];
    word_runs integer[] := '{}';
    folded text[];
    wanted text := array_to_string(stems || prefixes, '|');
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
    -- wanted stem or prefix can have it as its stem (stemming only takes letters off).
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

-- 2. The newest matches of a word in a few thousand stories were found by fetching each
--    match's story to sort them by time (about 4 µs a match). The tool now reads the matches'
--    ids first and walks the time index newest first, checking each story against that set
--    (a hash of the ids, a fraction of a microsecond a story), or fetches them where there are
--    few; the planner chooses, knowing how many. Readers walk the published stories' own
--    index through this view (ids, sections and times of what is published, nothing else).
CREATE VIEW reader.published AS
SELECT s.id, s.section, s.published_at FROM stories s WHERE s.status = 'published';

SELECT newsroom_share_reader_view('reader.published');
