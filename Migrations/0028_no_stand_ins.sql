-- Found under attack (issue 35).
--
-- 1. No object a login makes stands in for ours. PostgreSQL searches a session's temporary
--    schema first for tables and views unless `pg_temp` is named in search_path, also inside
--    a function whose path is pinned to `pg_catalog, public`: a reporter's login could make
--    a temporary `staff` naming itself the chief, and every rule read it. Every SQL and
--    plpgsql function of the schema now runs on `pg_catalog, <schema>, pg_temp` (pg_temp
--    last, as the manual's "Writing SECURITY DEFINER Functions Safely" asks), and a test
--    reads the catalogue for any function without it. A function created or replaced after
--    this must say so itself (CREATE OR REPLACE drops the setting): see docs/database.md.
-- 2. And no login but the owner may create temporary tables at all (defence in depth).
-- 3. Unicode's noncharacters (U+FDD0–U+FDEF, every U+nFFFE and U+nFFFF) are refused in every
--    text, as the core refuses them: XML 1.0 forbids U+FFFE and U+FFFF, so one such story
--    made every feed unreadable. Texts stored before are reported, never changed.

-- The noncharacters, exactly `Unicode.Scalar.Properties.isNoncharacterCodePoint` (the core's
-- EditorialText.isNoncharacter; a test compares the two sets code point by code point).
CREATE FUNCTION newsroom_has_noncharacter(value text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT value ~ '[\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
$$;

CREATE OR REPLACE FUNCTION newsroom_is_line(value text, max_length integer) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT value <> ''
       AND value IS NFC NORMALIZED
       AND value !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]'
       AND newsroom_is_trimmed(value)
       AND char_length(value) <= max_length
       AND newsroom_bidi_balanced(value)
       AND newsroom_has_visible(value)
       AND NOT newsroom_has_noncharacter(value)
$$;

-- Bodies and notes (a story_note_text is a story_body). NOT VALID: what is stored stays.
ALTER DOMAIN story_body ADD CONSTRAINT story_body_has_no_noncharacter CHECK (NOT newsroom_has_noncharacter(VALUE)) NOT VALID;

-- Texts stored before that the rule now refuses: named (table, column, and the story, line,
-- person or setting they belong to) in a warning that `newsroom migrate` prints. Kept as
-- they are: an edit asks for a corrected text, and readers never get the character (the
-- site's writers replace it).
DO $$
DECLARE
    target record;
    found text;
    report text[] := '{}';
BEGIN
    FOR target IN
        SELECT c.relname, a.attname,
               coalesce((SELECT k.attname FROM pg_attribute k WHERE k.attrelid = c.oid AND k.attname = 'story_id' AND NOT k.attisdropped),
                        (SELECT k.attname FROM pg_index i JOIN pg_attribute k ON k.attrelid = i.indrelid AND k.attnum = i.indkey[0]
                          WHERE i.indrelid = c.oid AND i.indisprimary)) AS key
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
          JOIN pg_type t ON t.oid = a.atttypid
         WHERE n.nspname = current_schema() AND c.relkind = 'r' AND t.typcategory = 'S'
         ORDER BY 1, 2
    LOOP
        CONTINUE WHEN target.key IS NULL;
        EXECUTE format('SELECT string_agg(DISTINCT %1$I::text, '', '') FROM %2$I WHERE newsroom_has_noncharacter(%3$I::text)',
                       target.key, target.relname, target.attname)
           INTO found;
        IF found IS NOT NULL THEN
            report := report || format('%s.%s (%s %s)', target.relname, target.attname, target.key, found);
        END IF;
    END LOOP;
    IF cardinality(report) > 0 THEN
        RAISE WARNING 'texts stored before hold a Unicode noncharacter (U+FDD0–U+FDEF, U+nFFFE, U+nFFFF), which the newsroom now refuses: %', array_to_string(report, '; ')
            USING HINT = 'they are kept as they are, and readers get U+FFFD in their place; an edit of each asks for the text without it';
    END IF;
END $$;

-- The groups' setup (run on a database's first staff login, also in a copy restored or
-- created from a template, which get the database's default privileges anew) takes
-- TEMPORARY from PUBLIC too. Only the owner of the database may; another migrating login is told.
CREATE FUNCTION newsroom_revoke_public_temporary() RETURNS void LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF has_database_privilege('public', current_database(), 'TEMPORARY') THEN
        EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'the login % does not own the database, so every login may still create temporary tables here', current_user
        USING HINT = format('the owner runs: REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $$;
REVOKE ALL ON FUNCTION newsroom_revoke_public_temporary() FROM PUBLIC;

ALTER FUNCTION newsroom_setup_groups() RENAME TO newsroom_setup_groups_0025;
CREATE FUNCTION newsroom_setup_groups() RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM newsroom_setup_groups_0025();
    PERFORM newsroom_revoke_public_temporary();
END $$;
REVOKE ALL ON FUNCTION newsroom_setup_groups() FROM PUBLIC;
REVOKE ALL ON FUNCTION newsroom_setup_groups_0025() FROM PUBLIC;
SELECT newsroom_revoke_public_temporary();

-- Nor may a login call what writes with the owner's rights for the triggers: any staff login
-- could note "the whole site changed" in the record of changes and so purge every cache in
-- front, as often as it liked. Only the triggers (the owner's) call it. A test lists what
-- every login may still call with the owner's rights: what tells a login about itself.
REVOKE ALL ON FUNCTION reader_changes_note(text, boolean) FROM PUBLIC;

-- Every function of the schema (not an extension's) on the pinned path, pg_temp last. The
-- schema is named as it is (a newsroom may live in another), so a dump restores with an
-- empty search_path as 0015 made sure.
DO $$
DECLARE
    routine regprocedure;
BEGIN
    FOR routine IN
        SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
         WHERE p.pronamespace IN (SELECT n.oid FROM pg_namespace n WHERE n.nspname IN (current_schema(), 'reader'))
           AND l.lanname IN ('sql', 'plpgsql')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, %I, pg_temp', routine, current_schema());
    END LOOP;
END $$;
