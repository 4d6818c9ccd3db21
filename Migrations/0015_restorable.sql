-- A dump of the newsroom must restore. pg_restore runs with an empty search_path, and while
-- it loads the rows it checks the constraints, whose functions call one another by name:
-- `newsroom_is_line` could not find `newsroom_is_trimmed`, so the text of staff, sections,
-- settings and stories was refused (found by the backup test of issue 16). The functions the
-- constraints call now carry the schema they live in.
DO $$
DECLARE
    routine regprocedure;
BEGIN
    FOR routine IN
        SELECT p.oid::regprocedure FROM pg_proc p
         WHERE p.proname IN ('newsroom_is_line', 'newsroom_is_trimmed', 'newsroom_bidi_balanced')
           AND p.pronamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema())
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_catalog', routine, current_schema());
    END LOOP;
END $$;
