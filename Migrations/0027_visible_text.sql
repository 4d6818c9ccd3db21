-- Text that shows nothing is refused by the core (EditorialText: a line or a body made only
-- of invisible characters, "type the text itself"), and now by the database too: one rule.
-- Invisible is what the core calls it (`EditorialText.isInvisible`): Unicode's White_Space,
-- format characters (Cf: bidi marks, zero widths, the Arabic number signs) and default
-- ignorable code points (variation selectors, Hangul fillers, tags). The class below lists
-- exactly those code points, made from the core's own definition; a test compares it with
-- the core's, code point by code point, in every locale. The other rules (controls, trimmed,
-- NFC) stay where they are: this one only asks that something be seen.
CREATE FUNCTION newsroom_has_visible(value text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT value ~ '[^\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]'
$$;

-- Every one-line field (headlines, datelines, names, notes and reasons, ticker lines, budget
-- lines, erasure orders) goes through newsroom_is_line. Rows stored before keep their values
-- (a line made only of such characters could be written only past the tool).
CREATE OR REPLACE FUNCTION newsroom_is_line(value text, max_length integer) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT value <> ''
       AND value IS NFC NORMALIZED
       AND value !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]'
       AND newsroom_is_trimmed(value)
       AND char_length(value) <= max_length
       AND newsroom_bidi_balanced(value)
       AND newsroom_has_visible(value)
$$;

-- A dump must restore (0015): pg_restore checks the rows with an empty search_path, and
-- CREATE OR REPLACE dropped the schema 0015 gave this function. newsroom_has_visible calls
-- nothing of ours (pg_catalog is always searched) and stays inlinable.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION newsroom_is_line(text, integer) SET search_path = %I, pg_catalog', current_schema());
END $$;

-- A body is empty (a budget placeholder) or shows something; desk notes, a story_body too,
-- follow. NOT VALID: bodies stored before are kept as they are.
ALTER DOMAIN story_body ADD CONSTRAINT story_body_shows_something CHECK (VALUE = '' OR newsroom_has_visible(VALUE)) NOT VALID;
