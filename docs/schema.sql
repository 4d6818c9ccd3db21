-- The newsroom's database as the migrations leave it: every table, function, trigger,
-- view, policy and grant as it is now, whichever migration made it last. Written by
-- scripts/schema (pg_dump --schema-only of a freshly migrated newsroom); do not edit:
-- change the schema with a new migration, then run scripts/schema (docs/database.md).
--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: reader; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA reader;


--
-- Name: SCHEMA reader; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA reader IS 'Published content, for the reader site and its API: SELECT only.';


--
-- Name: fuzzystrmatch; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS fuzzystrmatch WITH SCHEMA public;


--
-- Name: EXTENSION fuzzystrmatch; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION fuzzystrmatch IS 'determine similarities and distance between strings';


--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: story_body; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.story_body AS text;


--
-- Name: story_dateline; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.story_dateline AS text;


--
-- Name: story_headline; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.story_headline AS text;


--
-- Name: story_note_text; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.story_note_text AS public.story_body
	CONSTRAINT story_note_text_not_empty CHECK (((VALUE)::text <> ''::text))
	CONSTRAINT story_note_text_size CHECK ((octet_length((VALUE)::text) <= 16000));


--
-- Name: newsroom_bidi_balanced(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_bidi_balanced(value text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    open text := '';  -- the controls open on this line, innermost last
    c text;
BEGIN
    IF value !~ '[\u202a-\u202e\u2066-\u2069]' THEN
        RETURN true;
    END IF;
    FOR c IN SELECT m[1] FROM regexp_matches(value, '([\n\u202a-\u202e\u2066-\u2069])', 'g') AS m LOOP
        IF c = E'\n' THEN
            IF open <> '' THEN RETURN false; END IF;
        ELSIF c IN (E'\u202c', E'\u2069') THEN
            -- PDF closes an embedding or override, PDI an isolate.
            IF open = '' OR (right(open, 1) IN (E'\u2066', E'\u2067', E'\u2068')) <> (c = E'\u2069') THEN
                RETURN false;
            END IF;
            open := left(open, -1);
        ELSE
            open := open || c;
        END IF;
    END LOOP;
    RETURN open = '';
END $$;


--
-- Name: newsroom_body_from_lines(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_body_from_lines(body text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT coalesce(string_agg(newsroom_line_as_markup(l.line), E'\n' ORDER BY l.n), '')
      FROM unnest(string_to_array(body, E'\n')) WITH ORDINALITY AS l(line, n)
$$;


--
-- Name: newsroom_body_needs_escapes(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_body_needs_escapes(body text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT body ~ '[\\`*_\[\]<&]'
        OR body ~ '(^|\n)[ \t\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*([#>+=~-]|[0-9]+[.)])'
        OR body ~ '(^|\n)( {4}| {0,3}\t)'
        OR body ~ '  \n'
$$;


--
-- Name: newsroom_body_unsafe(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_body_unsafe(body text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT body ~ '(^|[^\\])(\\\\)*<[A-Za-z/!?]'
        OR body ~* '(^|[^\\])(\\\\)*\]\([ \t]*\n?[ \t]*(<[ \t]*\n?[ \t]*)?(?!https?:|media:)[a-z][a-z0-9+.-]*:'
        OR body ~* '(?n)^ {0,3}\[([^\\\n]|\\.)*\]:[ \t]*\n?[ \t]*(<[ \t]*\n?[ \t]*)?(?!https?:|media:)[a-z][a-z0-9+.-]*:'
$$;


--
-- Name: newsroom_check_administration(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_check_administration() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    roles text[] := CASE TG_TABLE_NAME WHEN 'staff' THEN ARRAY['admin'] ELSE ARRAY['admin', 'chief'] END;
BEGIN
    IF NOT newsroom_may_administer(roles) THEN
        RAISE EXCEPTION '% may not change %: only % may, or the database owner',
            coalesce(nullif(current_setting('newsroom.actor', true), ''), current_user), TG_TABLE_NAME,
            array_to_string(roles, ' or ') USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: newsroom_check_story_photos(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_check_story_photos() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    changed jsonb := to_jsonb(NEW);
    story record;
    missing text;
BEGIN
    FOR story IN
        SELECT s.id FROM stories s
         WHERE s.status IN ('scheduled', 'published')
           AND s.id IN (SELECT (changed ->> 'id')::bigint WHERE TG_TABLE_NAME = 'stories'
                        UNION ALL
                        SELECT (changed ->> 'story_id')::bigint WHERE TG_TABLE_NAME = 'story_photos'
                        UNION ALL
                        SELECT p.story_id FROM story_photos p WHERE TG_TABLE_NAME = 'media' AND p.media_id = (changed ->> 'id')::bigint)
    LOOP
        missing := newsroom_story_photos_missing(story.id);
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'story % cannot go out yet: %', story.id, missing
                USING ERRCODE = 'check_violation',
                      HINT = 'give each photo alt text and a credit: newsroom media edit ID --alt "…" --credit "…"';
        END IF;
    END LOOP;
    RETURN NULL;
END $$;


--
-- Name: newsroom_create_login(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_create_login(new_login text, password_hash text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
    IF (SELECT NOT (kind = 'owner' OR (kind = 'staff' AND role = 'admin')) FROM newsroom_session()) THEN
        RAISE EXCEPTION 'the login % may not create logins: only the database owner and admins'' logins may', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF password_hash !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'a new login''s password must come hashed (SCRAM-SHA-256)' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = new_login) THEN
        RAISE EXCEPTION 'PostgreSQL has a role "%" already: use --login % without --create-login', new_login, new_login
            USING ERRCODE = 'duplicate_object';
    END IF;
    BEGIN
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', new_login, password_hash);
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'the database''s owner may not create roles here, so the tool cannot make the login %', new_login
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('an administrator runs: CREATE ROLE %I LOGIN PASSWORD %L; then: newsroom staff add … --login %s', new_login, password_hash, new_login);
    END;
END $_$;


--
-- Name: newsroom_desk_notify(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_desk_notify() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    PERFORM pg_notify('newsroom_desk', TG_TABLE_NAME);
    RETURN NULL;
END $$;


--
-- Name: newsroom_erased_text(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_erased_text() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$ SELECT '[erased]' $$;


--
-- Name: newsroom_grant_reader(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_grant_reader(login text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


--
-- Name: newsroom_grant_scheduler(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_grant_scheduler(login text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        RAISE EXCEPTION 'there is no login "%": create it first (CREATE ROLE % LOGIN PASSWORD ...)', login, quote_ident(login)
            USING ERRCODE = 'undefined_object';
    END IF;
    IF EXISTS (SELECT 1 FROM staff s WHERE s.login = newsroom_grant_scheduler.login) THEN
        RAISE EXCEPTION 'the login % is a staff member''s; give the scheduler a login of its own', login
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM newsroom_setup_groups();
    EXECUTE format('GRANT %I TO %I', newsroom_group('scheduler'), login);
END $$;


--
-- Name: newsroom_group(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_group(kind text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT CASE WHEN octet_length(current_database()) <= 40 THEN current_database()
                ELSE left(current_database(), 24) || '_' || left(md5(current_database()), 8) END
           || '_' || kind
$$;


--
-- Name: newsroom_has_noncharacter(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_has_noncharacter(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT value ~ '[\ufdd0-\ufdef\ufffe-\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]'
$$;


--
-- Name: newsroom_has_visible(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_has_visible(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT value ~ '[^\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]'
$$;


--
-- Name: newsroom_is_line(text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_is_line(value text, max_length integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT value <> ''
       AND value IS NFC NORMALIZED
       AND value !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]'
       AND newsroom_is_trimmed(value)
       AND char_length(value) <= max_length
       AND newsroom_bidi_balanced(value)
       AND newsroom_has_visible(value)
       AND NOT newsroom_has_noncharacter(value)
$$;


--
-- Name: newsroom_is_trimmed(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_is_trimmed(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT octet_length(value) = octet_length(btrim(value, E'\t\n\x0b\x0c\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000'))
$$;


--
-- Name: newsroom_line_as_markup(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_line_as_markup(line text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: newsroom_login_is_owner(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_login_is_owner() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT EXISTS (SELECT 1 FROM pg_database d, pg_roles r
                    WHERE d.datname = current_database() AND r.rolname = session_user
                      AND (d.datdba = r.oid OR r.rolsuper))
$$;


--
-- Name: newsroom_login_is_scheduler(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_login_is_scheduler() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT coalesce((SELECT pg_has_role(session_user, g.oid, 'MEMBER') FROM pg_roles g WHERE g.rolname = newsroom_group('scheduler')), false)
$$;


--
-- Name: newsroom_may_administer(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_may_administer(roles text[]) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    actor text := nullif(current_setting('newsroom.actor', true), '');
BEGIN
    IF actor IS NULL OR actor LIKE 'owner:%' THEN
        RETURN EXISTS (SELECT 1 FROM pg_database d, pg_roles r
                        WHERE d.datname = current_database() AND r.rolname = current_user
                          AND (d.datdba = r.oid OR r.rolsuper));
    END IF;
    RETURN EXISTS (SELECT 1 FROM staff WHERE handle = actor AND active AND role = ANY (roles));
END $$;


--
-- Name: newsroom_names_who_acts(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_names_who_acts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    named text := to_jsonb(NEW) ->> TG_ARGV[0];
    who record := newsroom_session();
    allowed boolean := true;
BEGIN
    IF TG_TABLE_NAME IN ('story_history', 'ticker_history') THEN
        NEW.login := session_user;
    END IF;
    IF who.kind = 'owner' OR named IS NULL THEN
        RETURN NEW;
    END IF;
    IF who.kind = 'scheduler' THEN
        -- A line of a story it publishes or takes off, in the name of whoever asked for it;
        -- or a ticker line of a story it has just taken off, in the same name.
        IF TG_TABLE_NAME = 'story_history' THEN
            allowed := NEW.action = 'publish_scheduled' AND named IS NOT DISTINCT FROM (SELECT s.scheduled_by FROM stories s WHERE s.id = NEW.story_id)
                    OR NEW.action = 'expire' AND named IS NOT DISTINCT FROM (SELECT s.expire_by FROM stories s WHERE s.id = NEW.story_id);
        ELSIF TG_TABLE_NAME IN ('ticker_history', 'ticker_items') THEN
            allowed := newsroom_ticker_line_ended_by_story(
                (to_jsonb(NEW) ->> CASE TG_TABLE_NAME WHEN 'ticker_items' THEN 'id' ELSE 'item_id' END)::bigint, named);
        END IF;
        IF NOT allowed THEN
            RAISE EXCEPTION 'the scheduler''s login % writes only the line of a due story it publishes, or the lines of an expired one it takes off, in the name of whoever asked for them',
                session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    PERFORM newsroom_refuse_stranger(who.kind, who.handle);
    IF named IS DISTINCT FROM who.handle AND who.role <> 'admin' THEN
        RAISE EXCEPTION '%.% says % from the login %, which is %''s: it names who acts', TG_TABLE_NAME, TG_ARGV[0], named, session_user, who.handle
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: newsroom_notify_readers(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_notify_readers() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    PERFORM pg_notify('newsroom_readers', '');
    RETURN NULL;
END $$;


--
-- Name: newsroom_photo_by_role(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_photo_by_role() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    acting text := CASE TG_OP WHEN 'INSERT' THEN NEW.added_by ELSE nullif(current_setting('newsroom.actor', true), '') END;
    member record;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL THEN
        RETURN NEW;
    END IF;
    SELECT s.role, s.active INTO member FROM staff s WHERE s.handle = acting;
    IF TG_OP = 'DELETE' THEN
        IF member.role IS DISTINCT FROM 'chief' OR NOT member.active THEN
            RAISE EXCEPTION '% may not delete photo %: only an active chief may', coalesce(acting, 'someone unnamed'), OLD.id
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF member.role IS NULL OR member.role NOT IN ('reporter', 'editor', 'chief') OR NOT member.active THEN
        RAISE EXCEPTION '% may not add or describe photos: reporters, editors and chiefs may', coalesce(acting, 'someone unnamed')
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: newsroom_refresh_groups(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_refresh_groups() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group('reporter')) THEN
        PERFORM newsroom_setup_groups();
    END IF;
END $$;


--
-- Name: newsroom_refuse_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: rows are never changed or removed', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;


--
-- Name: newsroom_refuse_stranger(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_refuse_stranger(kind text, handle text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF kind = 'stranger' THEN
        RAISE EXCEPTION 'the login % is no staff member''s: it may change nothing in this newsroom', session_user
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('an admin adds it: newsroom staff add HANDLE --name NAME --role ROLE --login %s', session_user);
    ELSIF kind = 'inactive' THEN
        RAISE EXCEPTION 'the login % is %''s, who is no longer active: it may change nothing', session_user, handle
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$;


--
-- Name: newsroom_revoke_public_temporary(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_revoke_public_temporary() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF has_database_privilege('public', current_database(), 'TEMPORARY') THEN
        EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'the login % does not own the database, so every login may still create temporary tables here', current_user
        USING HINT = format('the owner runs: REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $$;


--
-- Name: newsroom_scheduler_publishes_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_scheduler_publishes_only() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF (SELECT kind FROM newsroom_session()) = 'scheduler'
       AND NOT (OLD.status = 'scheduled' AND NEW.status = 'published' AND OLD.publish_at <= now())
       AND NOT (OLD.status = 'published' AND NEW.status = 'withdrawn' AND OLD.expire_at <= now()) THEN
        RAISE EXCEPTION 'the scheduler''s login % only publishes a scheduled story once it is due, or takes one off once it expires (story %: % for %)',
            session_user, OLD.id, OLD.status, coalesce(OLD.publish_at::text, OLD.expire_at::text, 'no time')
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: newsroom_search_close(text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_close(words text, published boolean DEFAULT false, OUT query tsquery, OUT best tsquery, OUT spellings text[]) RETURNS record
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


--
-- Name: newsroom_search_deletions(text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_deletions(word text, deleted integer) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT array_agg(DISTINCT f ORDER BY f) FROM (
        SELECT word AS f
        UNION ALL
        SELECT overlay(word PLACING '' FROM i FOR 1) FROM generate_series(1, length(word)) AS i WHERE deleted >= 1
        UNION ALL
        SELECT overlay(overlay(word PLACING '' FROM i FOR 1) PLACING '' FROM j FOR 1)
          FROM generate_series(1, length(word)) AS i, generate_series(i, length(word) - 1) AS j WHERE deleted >= 2
    ) forms
$$;


--
-- Name: newsroom_search_fold(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT lower(CASE WHEN f ~ '[ٱٲٳیۍېۀ٠-٩۰-۹]'
                      THEN translate(f, 'ٱٲٳیۍېۀ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', 'اااييي' || 'ه' || '01234567890123456789')
                      ELSE f END)
      FROM (SELECT translate(regexp_replace(CASE WHEN t IS NFKC NORMALIZED THEN t ELSE normalize(t, NFKC) END,
                                            '[\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF\u00AD]+',
                                            '', 'g'),
                             'أإآىةؤئ', 'ااايهوي') AS f) folded
$$;


--
-- Name: newsroom_search_marks(text, text[], text[], integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_marks(t text, stems text[], prefixes text[], around integer) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


--
-- Name: newsroom_search_parse(text[], text[], boolean[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_parse(texts text[], kinds text[], excludes boolean[], OUT query tsquery, OUT unwanted tsquery, OUT stems text[], OUT prefixes text[], OUT words text) RETURNS record
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


--
-- Name: newsroom_search_query(text[], text[], boolean[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_query(texts text[], kinds text[], excludes boolean[]) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT (newsroom_search_parse(texts, kinds, excludes)).query
$$;


--
-- Name: newsroom_search_query_forms(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_query_forms(word text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT array(SELECT '1:' || f FROM unnest(newsroom_search_deletions(word, newsroom_search_reach(word))) AS f
                 UNION ALL
                 SELECT '2:' || f FROM unnest(newsroom_search_deletions(word, newsroom_search_reach(word))) AS f
                  WHERE newsroom_search_reach(word) = 2)
$$;


--
-- Name: newsroom_search_reach(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_reach(word text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT CASE WHEN length(word) BETWEEN 3 AND 5 THEN 1 WHEN length(word) BETWEEN 6 AND 24 THEN 2 ELSE 0 END
$$;


--
-- Name: newsroom_search_spelled_close(text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_spelled_close(typed text, published boolean, OUT spelling text, OUT distance integer, OUT headlines integer) RETURNS SETOF record
    LANGUAGE plpgsql STABLE STRICT
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    SET enable_seqscan TO 'off'
    AS $$
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


--
-- Name: newsroom_search_stem(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_stem(words text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT newsroom_search_stem_latin(newsroom_search_stem_arabic(words))
$$;


--
-- Name: newsroom_search_stem_arabic(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_stem_arabic(words text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: newsroom_search_stem_hints(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_stem_hints(stems text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
    SELECT coalesce(array_agg(CASE WHEN s ~ '^[a-z]+$' THEN left(s, greatest(length(s) - 2, 1)) ELSE s END), '{}')
      FROM unnest(stems) AS s
$_$;


--
-- Name: newsroom_search_stem_latin(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_stem_latin(words text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
    SELECT CASE WHEN words !~ '[a-z]' THEN words
                ELSE substring(words FROM '^[ \n]*')
                     || coalesce((SELECT string_agg(CASE WHEN r.m[1] ~ '^[a-z]+$'
                                                         THEN coalesce((ts_lexize('english_stem', r.m[1]))[1], r.m[1])
                                                         ELSE r.m[1] END || r.m[2], '' ORDER BY r.n)
                                    FROM regexp_matches(words, '([^ \n]+)([ \n]*)', 'g') WITH ORDINALITY AS r(m, n)), '')
           END
$_$;


--
-- Name: newsroom_search_terms(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_terms(t text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT to_tsvector('simple', newsroom_search_stem(newsroom_search_words(t)))
$$;


--
-- Name: newsroom_search_word_forms(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_word_forms(word text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT array(SELECT '1:' || f FROM unnest(newsroom_search_deletions(word, CASE WHEN length(word) BETWEEN 2 AND 26 THEN 1 ELSE 0 END)) AS f
                 UNION ALL
                 SELECT '2:' || f FROM unnest(newsroom_search_deletions(word, 2)) AS f
                  WHERE length(word) BETWEEN 4 AND 26 AND length(f) = length(word) - 2)
$$;


--
-- Name: newsroom_search_words(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_search_words(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT regexp_replace(regexp_replace(regexp_replace(newsroom_search_fold(t),
               '[^[:alnum:]\n]+', ' ', 'g'),
               '([0-9])([^0-9 \n])', '\1 \2', 'g'),
               '([^0-9 \n])([0-9])', '\1 \2', 'g')
$$;


--
-- Name: newsroom_session(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_session(OUT kind text, OUT handle text, OUT role text) RETURNS record
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT CASE WHEN newsroom_login_is_owner() THEN 'owner'
                WHEN s.handle IS NOT NULL THEN CASE WHEN s.active THEN 'staff' ELSE 'inactive' END
                WHEN newsroom_login_is_scheduler() THEN 'scheduler'
                ELSE 'stranger' END,
           s.handle, s.role
      FROM (SELECT 1) AS one LEFT JOIN staff s ON s.login = session_user
$$;


--
-- Name: newsroom_session_is_staff(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_session_is_staff() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT kind IN ('owner', 'staff', 'scheduler') FROM newsroom_session()
$$;


--
-- Name: newsroom_session_staff(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_session_staff() RETURNS TABLE(handle text, name text, role text, active boolean, login text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT s.handle, s.name, s.role, s.active, s.login FROM staff s WHERE s.login = session_user
$$;


--
-- Name: newsroom_setup_groups(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_setup_groups() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    PERFORM newsroom_setup_groups_0025();
    PERFORM newsroom_revoke_public_temporary();
END $$;


--
-- Name: newsroom_setup_groups_0019(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_setup_groups_0019() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    staff_role text;
    grp text;
    target record;
BEGIN
    FOREACH staff_role IN ARRAY ARRAY['reporter', 'editor', 'chief', 'admin', 'scheduler'] LOOP
        grp := newsroom_group(staff_role);
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = grp);
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', grp);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'the login % may not create roles, and this newsroom needs its group roles', current_user
                USING ERRCODE = 'insufficient_privilege',
                      HINT = format('an administrator runs, once: %s; then, as %s: SELECT newsroom_setup_groups();',
                                    (SELECT string_agg(format('CREATE ROLE %I NOLOGIN; GRANT %I TO %I WITH ADMIN OPTION', newsroom_group(r), newsroom_group(r), current_user), '; ')
                                       FROM unnest(ARRAY['reporter', 'editor', 'chief', 'admin', 'scheduler']) AS r),
                                    current_user);
        END;
    END LOOP;
    FOREACH staff_role IN ARRAY ARRAY['reporter', 'editor', 'chief', 'admin'] LOOP
        grp := newsroom_group(staff_role);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), grp);
        EXECUTE format('GRANT USAGE ON SCHEMA public, reader TO %I', grp);
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public, reader TO %I', grp);
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', grp);
        -- Everyone writes stories (the triggers decide which moves), and their history.
        EXECUTE format('GRANT INSERT, UPDATE ON stories, story_texts TO %I', grp);
        EXECUTE format('GRANT INSERT ON story_history TO %I', grp);
        -- Notes on stories, and their threads resolved and reopened (0019).
        -- The tables later migrations added (newsroom_staff_writes).
        FOR target IN SELECT w.relation, w.privileges FROM newsroom_staff_writes w WHERE staff_role = ANY (w.roles) LOOP
            EXECUTE format('GRANT %s ON %s TO %I', target.privileges, target.relation, grp);
        END LOOP;
        IF staff_role IN ('editor', 'chief') THEN
            EXECUTE format('GRANT INSERT, UPDATE ON ticker_items TO %I', grp);
            EXECUTE format('GRANT INSERT ON ticker_history TO %I', grp);
        END IF;
        IF staff_role IN ('chief', 'admin') THEN
            EXECUTE format('GRANT INSERT, UPDATE ON sections, settings TO %I', grp);
        END IF;
        IF staff_role = 'admin' THEN
            EXECUTE format('GRANT INSERT, UPDATE ON staff TO %I', grp);
            IF to_regprocedure('newsroom_create_login(text, text)') IS NOT NULL THEN
                EXECUTE format('GRANT EXECUTE ON FUNCTION newsroom_create_login(text, text) TO %I', grp);
            END IF;
        END IF;
    END LOOP;
    -- The scheduler: reads, publishes what is due (0014 holds it to that) and writes its lines.
    grp := newsroom_group('scheduler');
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), grp);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', grp);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', grp);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', grp);
    EXECUTE format('GRANT UPDATE ON stories TO %I', grp);
    EXECUTE format('GRANT INSERT ON story_history TO %I', grp);
END $$;


--
-- Name: newsroom_setup_groups_0025(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_setup_groups_0025() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    target record;
BEGIN
    PERFORM newsroom_setup_groups_0019();
    FOR target IN SELECT w.relation, w.privileges FROM newsroom_staff_writes w WHERE 'scheduler' = ANY (w.roles) LOOP
        EXECUTE format('GRANT %s ON %s TO %I', target.privileges, target.relation, newsroom_group('scheduler'));
    END LOOP;
END $$;


--
-- Name: newsroom_share_reader_view(regclass); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_share_reader_view(view regclass) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


--
-- Name: newsroom_story_photos_missing(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_story_photos_missing(story bigint) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT string_agg(format('photo %s has no %s', m.id,
                             concat_ws(' or ', CASE WHEN m.alt IS NULL THEN 'alt text' END, CASE WHEN m.credit IS NULL THEN 'credit' END)),
                      '; ' ORDER BY m.id)
      FROM media m
     WHERE m.id IN (SELECT p.media_id FROM story_photos p WHERE p.story_id = story)
       AND (m.alt IS NULL OR m.credit IS NULL)
$$;


--
-- Name: newsroom_ticker_line_ended_by_story(bigint, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_ticker_line_ended_by_story(item bigint, actor text) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT EXISTS (SELECT 1 FROM ticker_items t JOIN stories s ON s.id = t.story_id
                    WHERE t.id = item
                      AND (s.status = 'withdrawn' AND s.expire_by = actor AND s.withdrawn_at = now()
                           OR s.erased_at = now() AND EXISTS (SELECT 1 FROM staff a WHERE a.handle = actor AND a.active AND a.role = 'admin')))
$$;


--
-- Name: newsroom_verify_actor(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_verify_actor() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    requested text := nullif(current_setting('newsroom.actor', true), '');
    who record := newsroom_session();
    acting text;
BEGIN
    IF who.kind = 'owner' THEN
        RETURN NULL;
    END IF;
    PERFORM newsroom_refuse_stranger(who.kind, who.handle);
    -- The scheduler acts as itself; its rows say for whom (see the row checks below).
    acting := CASE WHEN who.kind = 'scheduler' THEN 'scheduler' ELSE who.handle END;
    IF requested IS NULL THEN
        PERFORM set_config('newsroom.actor', acting, true);
    ELSIF requested <> acting AND who.role IS DISTINCT FROM 'admin' THEN
        RAISE EXCEPTION 'the login % is %''s: it may not act as % (only the database owner and admins'' logins may)',
            session_user, CASE WHEN who.kind = 'scheduler' THEN 'the scheduler' ELSE who.handle END, requested
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END $$;


--
-- Name: newsroom_wire_source_by_role(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_wire_source_by_role() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    acting text := CASE TG_OP WHEN 'INSERT' THEN NEW.added_by ELSE nullif(current_setting('newsroom.actor', true), '') END;
    member record;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.name, NEW.kind, NEW.location, NEW.poll_seconds, NEW.settle_seconds, NEW.max_bytes, NEW.active, NEW.added_by)
        IS NOT DISTINCT FROM (OLD.name, OLD.kind, OLD.location, OLD.poll_seconds, OLD.settle_seconds, OLD.max_bytes, OLD.active, OLD.added_by) THEN
        RETURN NEW;
    END IF;
    SELECT s.role, s.active INTO member FROM staff s WHERE s.handle = acting;
    IF member.role IS NULL OR member.role NOT IN ('chief', 'admin') OR NOT member.active THEN
        RAISE EXCEPTION '% may not add or change wire sources: chiefs and admins may', coalesce(acting, 'someone unnamed')
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: newsroom_wire_take_by_role(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.newsroom_wire_take_by_role() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    member record;
    story record;
BEGIN
    SELECT s.role, s.active INTO member FROM staff s WHERE s.handle = NEW.taken_by;
    IF member.role IS NULL OR member.role NOT IN ('reporter', 'editor', 'chief') OR NOT member.active THEN
        RAISE EXCEPTION '% may not take wire items: reporters, editors and chiefs may', NEW.taken_by
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT st.author, st.status, st.version INTO story FROM stories st WHERE st.id = NEW.story_id;
    IF story.author IS DISTINCT FROM NEW.taken_by OR story.status <> 'draft' OR story.version <> 1 THEN
        RAISE EXCEPTION 'a wire item is taken into a new draft of its taker''s own, not story %', NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: reader_changes_note(text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reader_changes_note(change_kind text, strip boolean) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    INSERT INTO reader_changes_pending (kind, ticker) VALUES (change_kind, strip);
    INSERT INTO reader_changes_commits DEFAULT VALUES ON CONFLICT DO NOTHING;
$$;


--
-- Name: reader_changes_number(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reader_changes_number() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    LOCK TABLE reader_changes IN EXCLUSIVE MODE;
    INSERT INTO reader_changes (id, kind, story_id, sections, published_at, ticker)
    SELECT nextval('reader_changes_id'), p.kind, p.story_id, p.sections, p.published_at, p.ticker
      FROM (SELECT * FROM reader_changes_pending WHERE txid = NEW.txid ORDER BY seq) p;
    DELETE FROM reader_changes_pending WHERE txid = NEW.txid;
    DELETE FROM reader_changes_commits WHERE txid = NEW.txid;
    RETURN NULL;
END $$;


--
-- Name: reader_setting(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reader_setting(key text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT key = 'timezone' OR key LIKE 'site.%'
$$;


--
-- Name: sections_note_reader_changes(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sections_note_reader_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_sections) THEN PERFORM reader_changes_note('site', false); END IF;
    RETURN NULL;
END $$;


--
-- Name: settings_check_timezone(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.settings_check_timezone() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NEW.key = 'timezone' THEN
        IF NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = NEW.value) THEN
            RAISE EXCEPTION 'unknown time zone "%"', NEW.value
                USING ERRCODE = 'check_violation', HINT = 'Use an IANA name such as Asia/Baghdad or UTC.';
        END IF;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END $$;


--
-- Name: settings_note_reader_changes(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.settings_note_reader_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_settings WHERE reader_setting(key)) THEN
        PERFORM reader_changes_note('site', true);
    END IF;
    RETURN NULL;
END $$;


--
-- Name: staff_note_reader_changes(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.staff_note_reader_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_staff n JOIN old_staff o ON o.handle = n.handle WHERE n.name IS DISTINCT FROM o.name) THEN
        PERFORM reader_changes_note('site', false);
    END IF;
    RETURN NULL;
END $$;


--
-- Name: staff_refuse_rekey(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.staff_refuse_rekey() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION 'a staff member''s handle never changes (%): history names them by it', OLD.handle
        USING ERRCODE = 'check_violation';
END $$;


--
-- Name: staff_sync_login(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.staff_sync_login() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    staff_role text;
    login_name text;
    is_member boolean;
BEGIN
    FOREACH login_name IN ARRAY ARRAY[CASE WHEN TG_OP = 'UPDATE' AND OLD.login IS DISTINCT FROM NEW.login THEN OLD.login END, NEW.login] LOOP
        CONTINUE WHEN login_name IS NULL
            OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login_name)
            OR EXISTS (SELECT 1 FROM pg_roles r, pg_database d
                        WHERE r.rolname = login_name AND d.datname = current_database() AND (r.rolsuper OR d.datdba = r.oid));
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group(NEW.role)) THEN
            PERFORM newsroom_setup_groups();
        END IF;
        FOREACH staff_role IN ARRAY ARRAY['reporter', 'editor', 'chief', 'admin'] LOOP
            CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = newsroom_group(staff_role));
            is_member := EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles l ON l.oid = m.member
                                  WHERE g.rolname = newsroom_group(staff_role) AND l.rolname = login_name);
            IF login_name = NEW.login AND NEW.active AND NEW.role = staff_role THEN
                IF NOT is_member THEN EXECUTE format('GRANT %I TO %I', newsroom_group(staff_role), login_name); END IF;
            ELSIF is_member THEN
                EXECUTE format('REVOKE %I FROM %I', newsroom_group(staff_role), login_name);
            END IF;
        END LOOP;
    END LOOP;
    RETURN NULL;
END $$;


--
-- Name: stories_check_editor(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_check_editor() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    member staff%ROWTYPE;
BEGIN
    SELECT * INTO member FROM staff WHERE handle = NEW.editor;
    IF NEW.editor = NEW.author THEN
        RAISE EXCEPTION 'story %: % wrote it and cannot be its editor', NEW.id, NEW.editor USING ERRCODE = 'check_violation';
    END IF;
    IF member.role IS NULL OR member.role NOT IN ('editor', 'chief') THEN
        RAISE EXCEPTION 'story %: % is not an editor or a chief', NEW.id, NEW.editor USING ERRCODE = 'check_violation';
    END IF;
    IF NOT member.active THEN
        RAISE EXCEPTION 'story %: % is no longer active and cannot be its editor', NEW.id, NEW.editor
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: stories_check_ticker_links(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_check_ticker_links() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    orphan bigint;
BEGIN
    SELECT t.id INTO orphan FROM ticker_items t
     WHERE t.story_id = NEW.id AND t.cancelled_at IS NULL AND t.ends_at > now()
       AND NOT ticker_link_allowed(t.story_id, t.starts_at)
     LIMIT 1;
    IF orphan IS NOT NULL THEN
        RAISE EXCEPTION 'story % is now %, but ticker item % still points at it', NEW.id, NEW.status, orphan
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;


--
-- Name: stories_erased_with_line(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_erased_with_line() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM story_history WHERE story_id = NEW.id AND action = 'erase' AND version = NEW.version) THEN
        RAISE EXCEPTION 'story % was marked erased without an erase line in its history', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;


--
-- Name: stories_guard_moves(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_guard_moves() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    bad record;
BEGIN
    SELECT o.id, o.status AS from_status, n.status AS to_status
      INTO bad
      FROM old_stories o
      JOIN new_stories n ON n.id = o.id
     WHERE n.status <> o.status
       AND NOT EXISTS (SELECT 1 FROM story_moves m WHERE m.from_status = o.status AND m.to_status = n.status)
     ORDER BY o.id
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'story % cannot move from % to %', bad.id, bad.from_status, bad.to_status
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;


--
-- Name: stories_note_reader_changes(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_note_reader_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO reader_changes_pending (kind, story_id, sections, published_at, ticker)
    SELECT 'story', n.id,
           CASE WHEN o.section IS DISTINCT FROM n.section THEN ARRAY[o.section, n.section] ELSE ARRAY[n.section] END,
           coalesce(n.published_at, o.published_at),
           EXISTS (SELECT 1 FROM ticker_items i WHERE i.story_id = n.id)
      FROM new_stories n JOIN old_stories o ON o.id = n.id
     WHERE n.status IN ('published', 'withdrawn') OR o.status = 'published'
     ORDER BY n.id;
    IF FOUND THEN
        INSERT INTO reader_changes_commits DEFAULT VALUES ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;


--
-- Name: stories_notify_readers(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_notify_readers() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_stories WHERE status IN ('published', 'withdrawn'))
       OR EXISTS (SELECT 1 FROM old_stories WHERE status = 'published') THEN
        PERFORM pg_notify('newsroom_readers', '');
    END IF;
    RETURN NULL;
END $$;


--
-- Name: stories_refuse_after_erasure(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_refuse_after_erasure() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION 'story % was erased under an order; it changes no more', OLD.id USING ERRCODE = 'check_violation';
END $$;


--
-- Name: stories_refuse_rewrite(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_refuse_rewrite() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.author <> OLD.author OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'a story''s id, author and creation time never change' USING ERRCODE = 'check_violation';
    END IF;
    RAISE EXCEPTION 'story % is at version %: a change must make it version %', OLD.id, OLD.version, OLD.version + 1
        USING ERRCODE = 'check_violation';
END $$;


--
-- Name: stories_refuse_unborn(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_refuse_unborn() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION 'a new story starts as a draft at version 1' USING ERRCODE = 'check_violation';
END $$;


--
-- Name: stories_respect_lease(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_respect_lease() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    lease story_leases%ROWTYPE;
    acting text := nullif(current_setting('newsroom.actor', true), '');
BEGIN
    SELECT * INTO lease FROM story_leases WHERE story_id = NEW.id AND expires_at > now();
    IF NOT FOUND OR lease.holder = acting THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'story % is being edited by % (since %, until %)', NEW.id, lease.holder,
        to_char(lease.since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"Z"'), to_char(lease.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"Z"')
        USING ERRCODE = 'lock_not_available',
              HINT = 'try again when they are done, or an editor or chief takes it over with story edit ID --take-over';
END $$;


--
-- Name: stories_section_has_revision(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stories_section_has_revision() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM story_revisions
                    WHERE story_id = NEW.id AND version = NEW.version AND section = NEW.section) THEN
        RAISE EXCEPTION 'story % moved to section % without a revision saying so', NEW.id, NEW.section
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;


--
-- Name: story_budget_by_role(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_budget_by_role() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    planner staff%ROWTYPE;
BEGIN
    SELECT * INTO planner FROM staff WHERE handle = NEW.set_by;
    IF NOT planner.active THEN
        RAISE EXCEPTION '% is no longer active and may not plan stories', NEW.set_by USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF planner.role IN ('editor', 'chief') THEN
        RETURN NEW;
    END IF;
    IF planner.role = 'reporter' AND planner.handle = (SELECT author FROM stories WHERE id = NEW.story_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% (%) may not plan story %: its author and the desk''s editors and chiefs may', NEW.set_by, planner.role, NEW.story_id
        USING ERRCODE = 'insufficient_privilege';
END $$;


--
-- Name: story_erasure_orders_check(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_erasure_orders_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.requested_by AND active AND role = 'chief') THEN
        RAISE EXCEPTION '% may not order story %''s erasure: only an active chief may', NEW.requested_by, NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM stories WHERE id = NEW.story_id AND erased_at IS NOT NULL) THEN
        RAISE EXCEPTION 'story % is erased already', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: story_history_check_actor(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_history_check_actor() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    member staff%ROWTYPE;
    author text;
    editor text;
    editorial boolean;
    assigned_or_chief boolean;
    rule text;
BEGIN
    SELECT * INTO member FROM staff WHERE handle = NEW.actor;
    SELECT s.author, s.editor INTO author, editor FROM stories s WHERE s.id = NEW.story_id;
    IF NOT member.active THEN
        RAISE EXCEPTION '% is no longer active and can do nothing', NEW.actor USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.action = 'approve' AND NEW.actor = author THEN
        RAISE EXCEPTION '% cannot approve story %: nobody approves their own story', NEW.actor, NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    editorial := member.role IN ('editor', 'chief');
    assigned_or_chief := member.role = 'chief' OR NEW.actor IS NOT DISTINCT FROM editor;
    rule := CASE
        WHEN NEW.action IN ('withdraw', 'publish_skip_review') AND member.role <> 'chief'
            THEN 'only a chief may'
        WHEN NEW.action = 'create' AND member.role NOT IN ('reporter', 'editor', 'chief')
            THEN 'reporters, editors and chiefs may'
        WHEN NEW.action = 'create' AND author <> NEW.actor AND NOT editorial
            THEN 'only editors and chiefs may file a draft for someone else'
        WHEN NEW.action = 'create' AND NOT EXISTS (
                SELECT 1 FROM staff w WHERE w.handle = author AND w.active AND w.role IN ('reporter', 'editor', 'chief'))
            THEN 'its author must be an active reporter, editor or chief'
        WHEN NEW.action IN ('submit', 'restore') AND editor IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM staff e WHERE e.handle = editor AND e.active)
            THEN 'its editor ' || editor || ' is no longer active; an editor or chief must assign another'
        WHEN NEW.action IN ('submit') OR (NEW.action = 'edit' AND NEW.from_status = 'draft')
            THEN CASE WHEN NEW.actor = author OR editorial THEN NULL ELSE 'only its author, an editor or a chief may' END
        WHEN NEW.action IN ('edit', 'return', 'approve') AND NOT assigned_or_chief
            THEN 'only its assigned editor or a chief may'
        WHEN NEW.action IN ('correct', 'assign', 'publish', 'schedule', 'unschedule', 'spike', 'restore') AND NOT editorial
            THEN 'only editors and chiefs may'
    END;
    IF rule IS NOT NULL THEN
        RAISE EXCEPTION '% (%) cannot % story %: %', NEW.actor, member.role, NEW.action, NEW.story_id, rule
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: story_history_check_erase(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_history_check_erase() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    erased stories%ROWTYPE;
    ordered story_erasure_orders%ROWTYPE;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.actor AND active AND role = 'admin') THEN
        RAISE EXCEPTION '% may not erase story %: an admin confirms a chief''s order', NEW.actor, NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO erased FROM stories WHERE id = NEW.story_id;
    SELECT * INTO ordered FROM story_erasure_orders WHERE id = erased.erasure_order AND story_id = NEW.story_id;
    IF NOT FOUND OR erased.erased_at IS DISTINCT FROM now() THEN
        RAISE EXCEPTION 'story %: an erase line goes with the story erased now under an order asked for it', NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF ordered.requested_by = NEW.actor THEN
        RAISE EXCEPTION 'story %: % asked for this erasure and cannot confirm it too; another person confirms', NEW.story_id, NEW.actor
            USING ERRCODE = 'check_violation';
    END IF;
    -- Two people, also when an admin's login acted for the chief (0014 lets it): the login that
    -- gave the order does not confirm it. The owner's login is the setup's, shared by design.
    IF ordered.login = session_user AND NOT newsroom_login_is_owner() THEN
        RAISE EXCEPTION 'story %: the order was given through the login %, which cannot confirm it too; another person confirms through their own login', NEW.story_id, session_user
            USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM story_texts t WHERE t.story_id = NEW.story_id
                  AND (t.headline <> newsroom_erased_text() OR t.body <> newsroom_erased_text() OR t.dateline IS NOT NULL))
       OR EXISTS (SELECT 1 FROM story_revisions r WHERE r.story_id = NEW.story_id
                  AND (r.headline <> newsroom_erased_text() OR r.body <> newsroom_erased_text() OR r.dateline IS NOT NULL)) THEN
        RAISE EXCEPTION 'story %: erasure leaves its text and every revision erased', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: story_history_check_expired(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_history_check_expired() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    bad record;
BEGIN
    SELECT h.story_id, h.actor INTO bad
      FROM new_lines h LEFT JOIN stories s ON s.id = h.story_id
     WHERE h.action = 'expire'
       AND NOT coalesce(h.from_status = 'published' AND h.to_status = 'withdrawn' AND s.status = 'withdrawn' AND h.version = s.version
                        AND h.actor = s.expire_by AND h.expires_at = s.expire_at AND s.expire_at <= now(), false)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'story %: only the scheduler takes a story off, once its expiry has come, for whoever set it (not %)',
            bad.story_id, bad.actor USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;


--
-- Name: story_history_check_expiry(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_history_check_expiry() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NEW.action = 'set_expiry' AND NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.actor AND role IN ('editor', 'chief')) THEN
        RAISE EXCEPTION '% cannot set_expiry story %: only editors and chiefs may', NEW.actor, NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.expires_at IS NOT NULL AND NEW.expires_at <= now() THEN
        RAISE EXCEPTION 'story %: the time it expires must be in the future', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.action = 'set_expiry' AND NOT EXISTS (
        SELECT 1 FROM stories s WHERE s.id = NEW.story_id AND s.expire_at IS NOT DISTINCT FROM NEW.expires_at
           AND s.expire_by IS NOT DISTINCT FROM CASE WHEN NEW.expires_at IS NOT NULL THEN NEW.actor END) THEN
        RAISE EXCEPTION 'story %: a set_expiry line says the expiry its story now has, set by its actor', NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: story_history_check_move(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_history_check_move() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    allowed story_actions%ROWTYPE;
    previous text;
    editor text;
BEGIN
    SELECT * INTO allowed FROM story_actions a
     WHERE a.action = NEW.action AND a.from_status IS NOT DISTINCT FROM NEW.from_status;
    IF NOT FOUND OR allowed.to_status <> NEW.to_status THEN
        RAISE EXCEPTION 'story %: % cannot take it from % to %', NEW.story_id, NEW.action,
            coalesce(NEW.from_status, 'nothing'), NEW.to_status USING ERRCODE = 'check_violation';
    END IF;
    SELECT h.to_status INTO previous FROM story_history h WHERE h.story_id = NEW.story_id ORDER BY h.id DESC LIMIT 1;
    IF previous IS DISTINCT FROM NEW.from_status THEN
        RAISE EXCEPTION 'story %: its history leaves it %, not %', NEW.story_id,
            coalesce(previous, 'unborn'), coalesce(NEW.from_status, 'unborn') USING ERRCODE = 'check_violation';
    END IF;
    IF allowed.needs_note AND NEW.note IS NULL THEN
        RAISE EXCEPTION 'story %: % needs a note saying why', NEW.story_id, NEW.action USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.action = 'assign' THEN
        SELECT s.editor INTO editor FROM stories s WHERE s.id = NEW.story_id;
        IF NOT EXISTS (SELECT 1 FROM staff e WHERE e.handle = editor AND e.active) THEN
            RAISE EXCEPTION 'story %: an assignment names an active editor or chief (not %)', NEW.story_id, coalesce(editor, 'nobody')
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF NEW.action = 'schedule' AND (NEW.scheduled_for IS NULL OR NEW.scheduled_for <= now()) THEN
        RAISE EXCEPTION 'story %: the time to publish at must be in the future', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: story_history_check_references(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_history_check_references() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    bad record;
BEGIN
    SELECT h.story_id, h.actor INTO bad FROM new_lines h
     WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = h.story_id)
        OR NOT EXISTS (SELECT 1 FROM staff m WHERE m.handle = h.actor)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'a history line names story % and actor %, and one of them does not exist', bad.story_id, bad.actor
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;


--
-- Name: story_history_check_scheduled(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_history_check_scheduled() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    bad record;
BEGIN
    SELECT h.story_id, h.actor INTO bad
      FROM new_lines h LEFT JOIN stories s ON s.id = h.story_id
     WHERE h.action = 'publish_scheduled'
       AND NOT (h.from_status = 'scheduled' AND h.to_status = 'published' AND s.status = 'published'
                AND h.actor = s.scheduled_by AND h.scheduled_for = s.publish_at AND s.publish_at <= now())
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'story %: only the scheduler publishes a scheduled story, once it is due, for whoever scheduled it (not %)',
            bad.story_id, bad.actor USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;


--
-- Name: story_leases_guard(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_leases_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    acting text := nullif(current_setting('newsroom.actor', true), '');
BEGIN
    IF OLD.expires_at <= now() OR OLD.holder = acting OR (SELECT kind FROM newsroom_session()) = 'owner' AND acting IS NULL THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.holder = acting AND NEW.taken_from = OLD.holder
       AND EXISTS (SELECT 1 FROM staff WHERE handle = acting AND active AND role IN ('editor', 'chief')) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'story %''s lease is %''s until %: only they give it back, and only an editor or a chief takes it over (story edit % --take-over)',
        OLD.story_id, OLD.holder, OLD.expires_at, OLD.story_id
        USING ERRCODE = 'lock_not_available';
END $$;


--
-- Name: story_note_states_move(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_note_states_move() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    now_resolved boolean;
BEGIN
    PERFORM 1 FROM story_notes WHERE id = NEW.note_id FOR UPDATE;
    now_resolved := coalesce((SELECT s.resolved FROM story_note_states s WHERE s.note_id = NEW.note_id ORDER BY s.id DESC LIMIT 1), false);
    IF now_resolved = NEW.resolved THEN
        RAISE EXCEPTION 'note % is % already', NEW.note_id, CASE WHEN NEW.resolved THEN 'resolved' ELSE 'open' END
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: story_notes_check_mentions(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_notes_check_mentions() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    named text;
BEGIN
    FOREACH named IN ARRAY NEW.mentions LOOP
        IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = named) THEN
            RAISE EXCEPTION 'a note mentions @%, who is not on the staff', named USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF strpos(NEW.text, '@' || named) = 0 THEN
            RAISE EXCEPTION 'a note lists @% among its mentions but its text does not say @%', named, named
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN NEW;
END $$;


--
-- Name: story_revisions_erased_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_revisions_erased_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NOT (NEW.story_id = OLD.story_id AND NEW.version = OLD.version AND NEW.section = OLD.section
            AND NEW.edited_by = OLD.edited_by AND NEW.edited_at = OLD.edited_at
            AND NEW.headline = newsroom_erased_text() AND NEW.body = newsroom_erased_text() AND NEW.dateline IS NULL)
       OR NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = OLD.story_id AND s.erased_at = now()) THEN
        RAISE EXCEPTION '% is append-only: a revision changes only to the tombstone, when its story is erased under an order', TG_TABLE_NAME
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: story_revisions_forget_words(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_revisions_forget_words() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
DECLARE
    w text;
    still boolean;
BEGIN
    FOR w IN SELECT DISTINCT x FROM unnest(string_to_array((story_search_row(OLD.headline, NULL, '')).headline_words, ' ')) AS x WHERE x <> '' LOOP
        EXECUTE 'SELECT EXISTS (SELECT 1 FROM story_search s WHERE s.headline_words LIKE $1 AND $2 = ANY (string_to_array(s.headline_words, '' '')))'
           INTO still USING '%' || replace(replace(replace(w, '\', '\\'), '%', '\%'), '_', '\_') || '%', w;
        IF NOT still THEN
            DELETE FROM search_words WHERE word = w;
        END IF;
    END LOOP;
    RETURN NULL;
END $_$;


--
-- Name: story_search_follow_text(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_search_follow_text() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


--
-- Name: story_search_row(text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_search_row(headline text, dateline text, body text, OUT headline_terms tsvector, OUT terms tsvector, OUT headline_words text) RETURNS record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT h, setweight(h, 'A') || setweight(coalesce(newsroom_search_terms(dateline), ''), 'B') || newsroom_search_terms(body),
           newsroom_search_words(headline)
      FROM (SELECT newsroom_search_terms(headline) AS h) t
$$;


--
-- Name: story_texts_erased_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_texts_erased_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    erased timestamptz := (SELECT s.erased_at FROM stories s WHERE s.id = NEW.story_id);
BEGIN
    IF erased < now() THEN
        RAISE EXCEPTION 'story % was erased under an order; its text changes no more', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    IF erased = now() AND (NEW.headline <> newsroom_erased_text() OR NEW.body <> newsroom_erased_text() OR NEW.dateline IS NOT NULL) THEN
        RAISE EXCEPTION 'story %: an erased story''s text is the tombstone', NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: story_texts_keep_revision(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.story_texts_keep_revision() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    actor text := nullif(current_setting('newsroom.actor', true), '');
    story_version integer;
    story_section text;
    changed_at timestamptz;
BEGIN
    SELECT s.version, s.section, s.updated_at INTO story_version, story_section, changed_at
      FROM stories s WHERE s.id = NEW.story_id;
    IF TG_OP = 'UPDATE' AND (NEW.story_id <> OLD.story_id OR NEW.version <= OLD.version) THEN
        RAISE EXCEPTION 'story %: its text is rewritten only at a later version', OLD.story_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.version IS DISTINCT FROM story_version THEN
        RAISE EXCEPTION 'story % is at version %: its text is written with the move that makes that version', NEW.story_id, story_version
            USING ERRCODE = 'check_violation';
    END IF;
    IF actor IS NULL THEN
        RAISE EXCEPTION 'who is changing story %? set newsroom.actor in the transaction', NEW.story_id
            USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO story_revisions (story_id, version, headline, section, dateline, body, edited_by, edited_at)
    VALUES (NEW.story_id, NEW.version, NEW.headline, story_section, NEW.dateline, NEW.body, actor, changed_at);
    RETURN NULL;
END $$;


--
-- Name: ticker_history_check_actor(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ticker_history_check_actor() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NEW.action IN ('end', 'cancel') AND newsroom_ticker_line_ended_by_story(NEW.item_id, NEW.actor) THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.actor AND active AND role IN ('editor', 'chief')) THEN
        RAISE EXCEPTION '% may not % ticker lines: only active editors and chiefs may', NEW.actor, NEW.action
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: ticker_items_check_creator(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ticker_items_check_creator() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM staff WHERE handle = NEW.created_by AND active AND role IN ('editor', 'chief')) THEN
        RAISE EXCEPTION '% may not schedule ticker lines: only active editors and chiefs may', NEW.created_by
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.starts_at < now() - interval '1 minute' THEN
        RAISE EXCEPTION 'a ticker line cannot start in the past (%)', NEW.starts_at USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.ends_at > timestamptz '9999-12-30 23:59:59+00' THEN
        RAISE EXCEPTION 'a ticker line cannot end after the year 9999' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: ticker_items_check_link(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ticker_items_check_link() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF NEW.story_id IS NOT NULL AND NEW.cancelled_at IS NULL AND NEW.ends_at > now()
       AND NOT ticker_link_allowed(NEW.story_id, NEW.starts_at) THEN
        RAISE EXCEPTION 'ticker item % links story %, which is neither published nor scheduled to publish before it starts',
            NEW.id, NEW.story_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;


--
-- Name: ticker_items_guard_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ticker_items_guard_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF OLD.cancelled_at IS NOT NULL OR OLD.ends_at <= now() THEN
        RAISE EXCEPTION 'ticker item % is % and can no longer change', OLD.id,
            CASE WHEN OLD.cancelled_at IS NOT NULL THEN 'cancelled' ELSE 'over' END USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.text <> OLD.text OR NEW.urgent <> OLD.urgent OR NEW.starts_at <> OLD.starts_at
       OR NEW.story_id IS DISTINCT FROM OLD.story_id OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'ticker item %: a line''s text, urgency, start and story never change; cancel it and schedule another', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.ends_at < OLD.ends_at AND NOT (NEW.ends_at = now() AND NEW.end_reason IS NOT NULL) THEN
        RAISE EXCEPTION 'ticker item %: its end moves only later, or to now when its story ends it', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.ends_at <> OLD.ends_at AND NEW.ends_at > timestamptz '9999-12-30 23:59:59+00' THEN
        RAISE EXCEPTION 'a ticker line cannot end after the year 9999' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;


--
-- Name: ticker_items_note_reader_changes(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ticker_items_note_reader_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_items) THEN
        PERFORM reader_changes_note(CASE WHEN TG_OP = 'INSERT' THEN 'ticker' ELSE 'site' END, true);
    END IF;
    RETURN NULL;
END $$;


--
-- Name: ticker_link_allowed(bigint, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ticker_link_allowed(story bigint, line_starts timestamp with time zone) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT EXISTS (
        SELECT 1 FROM stories s
         WHERE s.id = story
           AND (s.status = 'published' OR (s.status = 'scheduled' AND s.publish_at <= line_starts))
    )
$$;


--
-- Name: search_close(text); Type: FUNCTION; Schema: reader; Owner: -
--

CREATE FUNCTION reader.search_close(words text, OUT query tsquery, OUT best tsquery, OUT spellings text[]) RETURNS record
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT c.query, c.best, c.spellings FROM newsroom_search_close(words, true) c
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: media; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.media (
    id bigint NOT NULL,
    format text NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    byte_count integer NOT NULL,
    alt text,
    caption text,
    credit text,
    taken_on date,
    focus_x real DEFAULT 0.5 NOT NULL,
    focus_y real DEFAULT 0.5 NOT NULL,
    embedded jsonb DEFAULT '{}'::jsonb NOT NULL,
    added_by text NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    erased_at timestamp with time zone,
    CONSTRAINT media_alt_is_line CHECK (((alt IS NULL) OR public.newsroom_is_line(alt, 800))),
    CONSTRAINT media_byte_limit CHECK (((byte_count >= 1) AND (byte_count <= 52428800))),
    CONSTRAINT media_caption_is_line CHECK (((caption IS NULL) OR public.newsroom_is_line(caption, 2000))),
    CONSTRAINT media_credit_is_line CHECK (((credit IS NULL) OR public.newsroom_is_line(credit, 400))),
    CONSTRAINT media_embedded_is_object CHECK ((jsonb_typeof(embedded) = 'object'::text)),
    CONSTRAINT media_focus_inside CHECK ((((focus_x >= (0)::double precision) AND (focus_x <= (1)::double precision)) AND ((focus_y >= (0)::double precision) AND (focus_y <= (1)::double precision)))),
    CONSTRAINT media_format_known CHECK ((format = ANY (ARRAY['jpeg'::text, 'png'::text, 'webp'::text]))),
    CONSTRAINT media_has_pixels CHECK (((width >= 1) AND (height >= 1))),
    CONSTRAINT media_pixel_limit CHECK ((((width)::bigint * height) <= 80000000)),
    CONSTRAINT media_times_in_order CHECK ((updated_at >= added_at))
);


--
-- Name: media_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.media_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: media_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.media_id_seq OWNED BY public.media.id;


--
-- Name: media_originals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.media_originals (
    media_id bigint NOT NULL,
    bytes bytea NOT NULL,
    sha256 text GENERATED ALWAYS AS (encode(sha256(bytes), 'hex'::text)) STORED
);
ALTER TABLE ONLY public.media_originals ALTER COLUMN bytes SET STORAGE EXTERNAL;


--
-- Name: media_renditions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.media_renditions (
    media_id bigint NOT NULL,
    name text NOT NULL,
    format text NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    bytes bytea NOT NULL,
    hash text GENERATED ALWAYS AS (encode(sha256(bytes), 'hex'::text)) STORED,
    CONSTRAINT media_rendition_format_known CHECK ((format = ANY (ARRAY['jpeg'::text, 'webp'::text]))),
    CONSTRAINT media_rendition_has_pixels CHECK ((((width >= 1) AND (width <= 2048)) AND (height >= 1))),
    CONSTRAINT media_rendition_name_known CHECK ((name ~ '^(w[0-9]{1,4}|16x9|4x3|1x1|social)$'::text)),
    CONSTRAINT media_rendition_not_empty CHECK ((octet_length(bytes) > 0))
);
ALTER TABLE ONLY public.media_renditions ALTER COLUMN bytes SET STORAGE EXTERNAL;


--
-- Name: newsroom_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.newsroom_migrations (
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: newsroom_staff_writes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.newsroom_staff_writes (
    relation regclass NOT NULL,
    privileges text NOT NULL,
    roles text[] NOT NULL,
    CONSTRAINT newsroom_staff_writes_known CHECK ((privileges ~ '^(INSERT|UPDATE|DELETE)(, (INSERT|UPDATE|DELETE))*$'::text)),
    CONSTRAINT newsroom_staff_writes_roles CHECK (((roles <@ ARRAY['reporter'::text, 'editor'::text, 'chief'::text, 'admin'::text, 'scheduler'::text]) AND (cardinality(roles) > 0)))
);


--
-- Name: purge_progress; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.purge_progress (
    hook text NOT NULL,
    through bigint NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT purge_hook_is_line CHECK (public.newsroom_is_line(hook, 200)),
    CONSTRAINT purge_through_not_negative CHECK ((through >= 0))
);


--
-- Name: reader_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reader_changes (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    kind text NOT NULL,
    story_id bigint,
    sections text[],
    published_at timestamp with time zone,
    ticker boolean NOT NULL,
    CONSTRAINT reader_change_kind CHECK ((kind = ANY (ARRAY['story'::text, 'ticker'::text, 'site'::text]))),
    CONSTRAINT reader_change_story CHECK (((kind = 'story'::text) = (story_id IS NOT NULL))),
    CONSTRAINT reader_change_story_details CHECK (((kind = 'story'::text) OR ((sections IS NULL) AND (published_at IS NULL))))
);


--
-- Name: reader_changes_commits; Type: TABLE; Schema: public; Owner: -
--

CREATE UNLOGGED TABLE public.reader_changes_commits (
    txid xid8 DEFAULT pg_current_xact_id() NOT NULL
);


--
-- Name: reader_changes_id; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.reader_changes_id
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: reader_changes_id; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.reader_changes_id OWNED BY public.reader_changes.id;


--
-- Name: reader_changes_pending; Type: TABLE; Schema: public; Owner: -
--

CREATE UNLOGGED TABLE public.reader_changes_pending (
    txid xid8 DEFAULT pg_current_xact_id() NOT NULL,
    seq bigint NOT NULL,
    kind text NOT NULL,
    story_id bigint,
    sections text[],
    published_at timestamp with time zone,
    ticker boolean NOT NULL
);


--
-- Name: reader_changes_pending_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reader_changes_pending ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.reader_changes_pending_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: search_words; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.search_words (
    word text NOT NULL,
    headlines integer DEFAULT 0 NOT NULL,
    stem text GENERATED ALWAYS AS (btrim(public.newsroom_search_stem(word))) STORED,
    forms text[] GENERATED ALWAYS AS ((public.newsroom_search_word_forms(word) || public.newsroom_search_word_forms(btrim(public.newsroom_search_stem(word))))) STORED,
    CONSTRAINT search_words_counted CHECK ((headlines > 0))
);


--
-- Name: sections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sections (
    slug text NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT section_name_is_line CHECK (public.newsroom_is_line(name, 400)),
    CONSTRAINT section_slug_format CHECK ((slug ~ '^[a-z][a-z0-9-]{1,39}$'::text))
);


--
-- Name: settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.settings (
    key text NOT NULL,
    value text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT settings_key_check CHECK ((key ~ '^[a-z][a-z0-9_.]*$'::text)),
    CONSTRAINT site_settings_valid CHECK (
CASE key
    WHEN 'site.name'::text THEN public.newsroom_is_line(value, 400)
    WHEN 'site.language'::text THEN (value ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'::text)
    WHEN 'site.direction'::text THEN (value = ANY (ARRAY['rtl'::text, 'ltr'::text]))
    WHEN 'site.base_url'::text THEN (value ~ '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*[A-Za-z0-9._~%-])?$'::text)
    WHEN 'site.max_age'::text THEN ((value ~ '^[0-9]{1,5}$'::text) AND ((value)::integer <= 86400))
    WHEN 'site.external_links'::text THEN (value = ANY (ARRAY['follow'::text, 'nofollow'::text, 'ugc'::text, 'nofollow ugc'::text]))
    ELSE true
END),
    CONSTRAINT wire_settings_valid CHECK (((key <> 'wire.retention'::text) OR ((value ~ '^[1-9][0-9]{0,3}$'::text) AND ((value)::integer <= 3650))))
);


--
-- Name: staff; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff (
    handle text NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    active boolean DEFAULT true NOT NULL,
    login text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT staff_handle_format CHECK ((handle ~ '^[a-z][a-z0-9._-]{1,31}$'::text)),
    CONSTRAINT staff_login_not_empty CHECK ((login <> ''::text)),
    CONSTRAINT staff_name_is_line CHECK (public.newsroom_is_line(name, 400)),
    CONSTRAINT staff_role_known CHECK ((role = ANY (ARRAY['reporter'::text, 'editor'::text, 'chief'::text, 'admin'::text]))),
    CONSTRAINT staff_wire_never_signs_in CHECK (((handle <> 'agency.wire'::text) OR ((NOT active) AND (login IS NULL))))
);


--
-- Name: stories; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stories (
    id bigint NOT NULL,
    section text NOT NULL,
    author text NOT NULL,
    editor text,
    status text DEFAULT 'draft'::text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    submitted_at timestamp with time zone,
    approved_at timestamp with time zone,
    publish_at timestamp with time zone,
    scheduled_by text,
    published_at timestamp with time zone,
    withdrawn_at timestamp with time zone,
    embargo_until timestamp with time zone,
    expire_at timestamp with time zone,
    expire_by text,
    erased_at timestamp with time zone,
    erasure_order bigint,
    CONSTRAINT story_approved_has_time CHECK (((status <> ALL (ARRAY['approved'::text, 'scheduled'::text])) OR (approved_at IS NOT NULL))),
    CONSTRAINT story_erased_is_out CHECK (((erased_at IS NULL) OR (status = ANY (ARRAY['withdrawn'::text, 'spiked'::text])))),
    CONSTRAINT story_erased_under_order CHECK (((erased_at IS NULL) = (erasure_order IS NULL))),
    CONSTRAINT story_expired_when_set CHECK (((status <> 'withdrawn'::text) OR (expire_at IS NULL) OR (expire_at <= withdrawn_at))),
    CONSTRAINT story_expires_after_embargo CHECK (((expire_at IS NULL) OR (embargo_until IS NULL) OR (expire_at > embargo_until))),
    CONSTRAINT story_expires_after_publication CHECK (((expire_at IS NULL) OR (expire_at > COALESCE(publish_at, published_at, '-infinity'::timestamp with time zone)))),
    CONSTRAINT story_expiry_has_setter CHECK (((expire_at IS NULL) = (expire_by IS NULL))),
    CONSTRAINT story_expiry_while_out CHECK (((expire_at IS NULL) OR (status = ANY (ARRAY['scheduled'::text, 'published'::text, 'withdrawn'::text])))),
    CONSTRAINT story_in_review_has_editor CHECK (((status <> 'in_review'::text) OR ((editor IS NOT NULL) AND (submitted_at IS NOT NULL)))),
    CONSTRAINT story_published_after_embargo CHECK (((embargo_until IS NULL) OR (published_at IS NULL) OR (published_at >= embargo_until))),
    CONSTRAINT story_published_has_time CHECK (((status <> ALL (ARRAY['published'::text, 'withdrawn'::text])) OR (published_at IS NOT NULL))),
    CONSTRAINT story_scheduled_after_embargo CHECK (((status <> 'scheduled'::text) OR (embargo_until IS NULL) OR (publish_at >= embargo_until))),
    CONSTRAINT story_scheduled_has_time CHECK (((status <> 'scheduled'::text) OR ((publish_at IS NOT NULL) AND (scheduled_by IS NOT NULL)))),
    CONSTRAINT story_status_known CHECK ((status = ANY (ARRAY['draft'::text, 'in_review'::text, 'approved'::text, 'scheduled'::text, 'published'::text, 'withdrawn'::text, 'spiked'::text]))),
    CONSTRAINT story_times_in_order CHECK ((updated_at >= created_at)),
    CONSTRAINT story_version_positive CHECK ((version >= 1)),
    CONSTRAINT story_withdrawal_drops_embargo CHECK (((status <> 'withdrawn'::text) OR (embargo_until IS NULL))),
    CONSTRAINT story_withdrawn_has_time CHECK (((status <> 'withdrawn'::text) OR (withdrawn_at IS NOT NULL)))
);


--
-- Name: stories_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.stories ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.stories_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: story_actions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_actions (
    action text NOT NULL,
    from_status text,
    to_status text NOT NULL,
    needs_note boolean NOT NULL
);


--
-- Name: story_budget; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_budget (
    id bigint NOT NULL,
    story_id bigint NOT NULL,
    line text,
    due_at timestamp with time zone,
    priority text DEFAULT 'normal'::text NOT NULL,
    planned_for date,
    set_by text NOT NULL,
    set_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT story_budget_line_is_line CHECK (((line IS NULL) OR public.newsroom_is_line(line, 800))),
    CONSTRAINT story_budget_planned_in_range CHECK (((planned_for >= '0001-01-01'::date) AND (planned_for <= '9999-12-31'::date))),
    CONSTRAINT story_budget_priority_known CHECK ((priority = ANY (ARRAY['top'::text, 'high'::text, 'normal'::text, 'low'::text])))
);


--
-- Name: story_budget_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.story_budget ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.story_budget_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: story_erasure_orders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_erasure_orders (
    id bigint NOT NULL,
    story_id bigint NOT NULL,
    order_ref text NOT NULL,
    requested_by text NOT NULL,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    login text DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT story_erasure_order_is_line CHECK (public.newsroom_is_line(order_ref, 800))
);


--
-- Name: story_erasure_orders_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.story_erasure_orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.story_erasure_orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: story_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_history (
    id bigint NOT NULL,
    story_id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    from_status text,
    to_status text NOT NULL,
    version integer NOT NULL,
    note text,
    scheduled_for timestamp with time zone,
    login text DEFAULT SESSION_USER,
    expires_at timestamp with time zone,
    CONSTRAINT history_action_known CHECK ((action = ANY (ARRAY['create'::text, 'edit'::text, 'correct'::text, 'assign'::text, 'submit'::text, 'return'::text, 'approve'::text, 'publish'::text, 'schedule'::text, 'unschedule'::text, 'publish_skip_review'::text, 'publish_scheduled'::text, 'withdraw'::text, 'set_expiry'::text, 'expire'::text, 'erase'::text, 'spike'::text, 'restore'::text]))),
    CONSTRAINT history_create_has_no_origin CHECK (((action = 'create'::text) = (from_status IS NULL))),
    CONSTRAINT history_expire_says_when CHECK (((action <> 'expire'::text) OR (expires_at IS NOT NULL))),
    CONSTRAINT history_expiry_by_its_actions CHECK (((expires_at IS NULL) OR (action = ANY (ARRAY['publish'::text, 'schedule'::text, 'publish_skip_review'::text, 'set_expiry'::text, 'expire'::text])))),
    CONSTRAINT history_schedule_has_time CHECK (((action <> ALL (ARRAY['schedule'::text, 'publish_scheduled'::text])) OR (scheduled_for IS NOT NULL))),
    CONSTRAINT story_history_version_check CHECK ((version >= 1))
);


--
-- Name: story_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.story_history ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.story_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: story_leases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_leases (
    story_id bigint NOT NULL,
    holder text NOT NULL,
    since timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    taken_from text,
    CONSTRAINT story_lease_ends_after_it_starts CHECK ((expires_at > since))
);


--
-- Name: story_moves; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.story_moves AS
 SELECT DISTINCT story_actions.from_status,
    story_actions.to_status
   FROM public.story_actions
  WHERE ((story_actions.from_status IS NOT NULL) AND (story_actions.from_status <> story_actions.to_status));


--
-- Name: story_note_states; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_note_states (
    id bigint NOT NULL,
    note_id bigint NOT NULL,
    story_id bigint NOT NULL,
    of_a_thread boolean GENERATED ALWAYS AS (false) STORED NOT NULL,
    resolved boolean NOT NULL,
    actor text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: story_note_states_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.story_note_states ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.story_note_states_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: story_notes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_notes (
    id bigint NOT NULL,
    story_id bigint NOT NULL,
    reply_to bigint,
    is_reply boolean GENERATED ALWAYS AS ((reply_to IS NOT NULL)) STORED NOT NULL,
    answers_a_thread boolean GENERATED ALWAYS AS (false) STORED NOT NULL,
    author text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    text public.story_note_text NOT NULL,
    mentions text[] DEFAULT '{}'::text[] NOT NULL,
    CONSTRAINT story_notes_mentions_named CHECK ((array_position(mentions, NULL::text) IS NULL))
);


--
-- Name: story_notes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.story_notes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.story_notes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: story_photos; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_photos (
    story_id bigint NOT NULL,
    media_id bigint NOT NULL,
    role text NOT NULL,
    CONSTRAINT story_photo_role_known CHECK ((role = ANY (ARRAY['lead'::text, 'body'::text])))
);


--
-- Name: story_revisions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_revisions (
    story_id bigint NOT NULL,
    version integer NOT NULL,
    headline text NOT NULL,
    section text NOT NULL,
    dateline text,
    body text NOT NULL,
    edited_by text NOT NULL,
    edited_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT story_revisions_version_check CHECK ((version >= 1))
);


--
-- Name: story_search; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_search (
    story_id bigint NOT NULL,
    headline_terms tsvector NOT NULL,
    terms tsvector NOT NULL,
    headline_words text NOT NULL
);
ALTER TABLE ONLY public.story_search ALTER COLUMN headline_terms SET STATISTICS 1000;
ALTER TABLE ONLY public.story_search ALTER COLUMN terms SET STATISTICS 1000;


--
-- Name: story_texts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_texts (
    story_id bigint NOT NULL,
    version integer NOT NULL,
    headline public.story_headline NOT NULL,
    dateline public.story_dateline,
    body public.story_body DEFAULT ''::text NOT NULL,
    body_text text,
    CONSTRAINT story_body_is_safe CHECK ((NOT public.newsroom_body_unsafe((body)::text))),
    CONSTRAINT story_text_version_positive CHECK ((version >= 1))
);


--
-- Name: COLUMN story_texts.body_text; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.story_texts.body_text IS 'The text readers see of the body (ArticleBody.visibleText), for search; NULL: the body is its own text (the first format).';


--
-- Name: story_wire_origins; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.story_wire_origins (
    story_id bigint NOT NULL,
    item_id bigint NOT NULL,
    version integer NOT NULL,
    creditline text,
    taken_by text NOT NULL,
    taken_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT story_wire_credit_is_line CHECK (((creditline IS NULL) OR public.newsroom_is_line(creditline, 1000)))
);


--
-- Name: ticker_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticker_history (
    id bigint NOT NULL,
    item_id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    note text,
    ends_before timestamp with time zone,
    ends_after timestamp with time zone,
    login text DEFAULT SESSION_USER,
    CONSTRAINT ticker_history_action_known CHECK ((action = ANY (ARRAY['schedule'::text, 'cancel'::text, 'extend'::text, 'end'::text])))
);


--
-- Name: ticker_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.ticker_history ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.ticker_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: ticker_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticker_items (
    id bigint NOT NULL,
    text text NOT NULL,
    urgent boolean DEFAULT false NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    story_id bigint,
    created_by text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    cancelled_at timestamp with time zone,
    cancelled_by text,
    cancel_reason text,
    end_reason text,
    CONSTRAINT ticker_cancel_reason_is_line CHECK (((cancel_reason IS NULL) OR public.newsroom_is_line(cancel_reason, 4000))),
    CONSTRAINT ticker_cancellation_complete CHECK (((cancelled_at IS NULL) = (cancelled_by IS NULL))),
    CONSTRAINT ticker_end_reason_is_line CHECK (((end_reason IS NULL) OR public.newsroom_is_line(end_reason, 4000))),
    CONSTRAINT ticker_reason_only_when_cancelled CHECK (((cancelled_at IS NOT NULL) OR (cancel_reason IS NULL))),
    CONSTRAINT ticker_text_is_line CHECK (public.newsroom_is_line(text, 800)),
    CONSTRAINT ticker_window_at_most_a_week CHECK (((ends_at - starts_at) <= '7 days'::interval)),
    CONSTRAINT ticker_window_ends_after_start CHECK ((ends_at > starts_at))
);


--
-- Name: ticker_items_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.ticker_items ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.ticker_items_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: wire_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.wire_items (
    id bigint NOT NULL,
    source text NOT NULL,
    guid text NOT NULL,
    version integer NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version_created timestamp with time zone NOT NULL,
    urgency smallint,
    pub_status text NOT NULL,
    killed_at timestamp with time zone,
    headline public.story_headline NOT NULL,
    headline_terms tsvector NOT NULL,
    terms tsvector NOT NULL,
    headline_words text NOT NULL,
    CONSTRAINT wire_item_guid_is_line CHECK (public.newsroom_is_line(guid, 4000)),
    CONSTRAINT wire_item_killed_when_not_usable CHECK (((killed_at IS NULL) = (pub_status = 'usable'::text))),
    CONSTRAINT wire_item_status_known CHECK ((pub_status = ANY (ARRAY['usable'::text, 'withheld'::text, 'canceled'::text]))),
    CONSTRAINT wire_item_urgency_range CHECK (((urgency >= 1) AND (urgency <= 9))),
    CONSTRAINT wire_item_version_positive CHECK ((version >= 1))
);
ALTER TABLE ONLY public.wire_items ALTER COLUMN headline_terms SET STATISTICS 1000;
ALTER TABLE ONLY public.wire_items ALTER COLUMN terms SET STATISTICS 1000;


--
-- Name: wire_items_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.wire_items ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.wire_items_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: wire_notices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.wire_notices (
    id bigint NOT NULL,
    story_id bigint NOT NULL,
    item_id bigint NOT NULL,
    kind text NOT NULL,
    version integer NOT NULL,
    urgent boolean NOT NULL,
    note_id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT wire_notice_kind_known CHECK ((kind = ANY (ARRAY['update'::text, 'kill'::text])))
);


--
-- Name: wire_notices_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.wire_notices ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.wire_notices_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: wire_sources; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.wire_sources (
    name text NOT NULL,
    kind text NOT NULL,
    location text NOT NULL,
    poll_seconds integer DEFAULT 60 NOT NULL,
    settle_seconds integer DEFAULT 2 NOT NULL,
    max_bytes integer DEFAULT 5000000 NOT NULL,
    active boolean DEFAULT true NOT NULL,
    etag text,
    last_modified text,
    polled_at timestamp with time zone,
    added_by text NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT wire_source_folder_absolute CHECK (((kind <> 'folder'::text) OR (location ~~ '/%'::text))),
    CONSTRAINT wire_source_kind_known CHECK ((kind = ANY (ARRAY['folder'::text, 'url'::text]))),
    CONSTRAINT wire_source_location_size CHECK (((octet_length(location) <= 2000) AND (location !~ '[\u0001-\u001f\u007f-\u009f]'::text))),
    CONSTRAINT wire_source_name_format CHECK ((name ~ '^[a-z][a-z0-9-]{1,39}$'::text)),
    CONSTRAINT wire_source_poll_range CHECK (((poll_seconds >= 1) AND (poll_seconds <= 86400))),
    CONSTRAINT wire_source_settle_range CHECK (((settle_seconds >= 0) AND (settle_seconds <= 3600))),
    CONSTRAINT wire_source_size_range CHECK (((max_bytes >= 1000) AND (max_bytes <= 100000000))),
    CONSTRAINT wire_source_url_http CHECK (((kind <> 'url'::text) OR ((location ~ '^https?://[^/?# ]'::text) AND (POSITION((' '::text) IN (location)) = 0))))
);


--
-- Name: wire_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.wire_versions (
    item_id bigint NOT NULL,
    version integer NOT NULL,
    format text NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    version_created timestamp with time zone NOT NULL,
    first_created timestamp with time zone,
    pub_status text NOT NULL,
    signals text[] DEFAULT '{}'::text[] NOT NULL,
    urgency smallint,
    headline public.story_headline NOT NULL,
    slugline text,
    dateline public.story_dateline,
    located text,
    creditline text,
    byline text,
    language text,
    subjects text[] DEFAULT '{}'::text[] NOT NULL,
    body public.story_body DEFAULT ''::text NOT NULL,
    body_text text DEFAULT ''::text NOT NULL,
    body_note text,
    origin text NOT NULL,
    CONSTRAINT wire_version_body_is_safe CHECK ((NOT public.newsroom_body_unsafe((body)::text))),
    CONSTRAINT wire_version_byline_is_line CHECK (((byline IS NULL) OR public.newsroom_is_line(byline, 1000))),
    CONSTRAINT wire_version_credit_is_line CHECK (((creditline IS NULL) OR public.newsroom_is_line(creditline, 1000))),
    CONSTRAINT wire_version_format_known CHECK ((format = ANY (ARRAY['newsml-g2'::text, 'ninjs'::text]))),
    CONSTRAINT wire_version_language_tag CHECK (((language IS NULL) OR (language ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$'::text))),
    CONSTRAINT wire_version_located_is_line CHECK (((located IS NULL) OR public.newsroom_is_line(located, 1000))),
    CONSTRAINT wire_version_note_size CHECK (((body_note IS NULL) OR ((body_note <> ''::text) AND (octet_length(body_note) <= 4000)))),
    CONSTRAINT wire_version_origin_size CHECK (((origin <> ''::text) AND (octet_length(origin) <= 8000))),
    CONSTRAINT wire_version_positive CHECK ((version >= 1)),
    CONSTRAINT wire_version_slugline_is_line CHECK (((slugline IS NULL) OR public.newsroom_is_line(slugline, 1000))),
    CONSTRAINT wire_version_status_known CHECK ((pub_status = ANY (ARRAY['usable'::text, 'withheld'::text, 'canceled'::text]))),
    CONSTRAINT wire_version_urgency_range CHECK (((urgency >= 1) AND (urgency <= 9)))
);


--
-- Name: changes; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.changes AS
 SELECT reader_changes.id,
    reader_changes.at,
    reader_changes.kind,
    reader_changes.story_id,
    reader_changes.sections,
    reader_changes.published_at,
    reader_changes.ticker
   FROM public.reader_changes;


--
-- Name: corrections; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.corrections AS
 SELECT h.story_id,
    h.at,
    h.version
   FROM (public.story_history h
     JOIN public.stories s ON ((s.id = h.story_id)))
  WHERE ((s.status = 'published'::text) AND (h.action = 'correct'::text));


--
-- Name: media_files; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.media_files AS
 SELECT r.hash,
    r.name,
    r.format,
    u.published,
        CASE
            WHEN u.published THEN r.bytes
            ELSE NULL::bytea
        END AS bytes
   FROM (public.media_renditions r
     JOIN LATERAL ( SELECT bool_or((s.status = 'published'::text)) AS published
           FROM (public.story_photos p
             JOIN public.stories s ON ((s.id = p.story_id)))
          WHERE ((p.media_id = r.media_id) AND (s.status = ANY (ARRAY['published'::text, 'withdrawn'::text])))) u ON ((u.published IS NOT NULL)));


--
-- Name: migrations; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.migrations AS
 SELECT newsroom_migrations.name,
    newsroom_migrations.checksum
   FROM public.newsroom_migrations;


--
-- Name: photo_renditions; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.photo_renditions AS
 SELECT r.media_id,
    r.name,
    r.format,
    r.width,
    r.height,
    r.hash
   FROM public.media_renditions r
  WHERE (r.media_id IN ( SELECT p.media_id
           FROM (public.story_photos p
             JOIN public.stories s ON (((s.id = p.story_id) AND (s.status = 'published'::text))))));


--
-- Name: published; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.published AS
 SELECT s.id,
    s.section,
    s.published_at
   FROM public.stories s
  WHERE (s.status = 'published'::text);


--
-- Name: search; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.search AS
 SELECT x.story_id AS id,
    s.section,
    s.published_at,
    x.headline_terms,
    x.terms,
    x.headline_words
   FROM (public.story_search x
     JOIN public.stories s ON ((s.id = x.story_id)))
  WHERE (s.status = 'published'::text);


--
-- Name: sections; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.sections AS
 SELECT sections.slug,
    sections.name
   FROM public.sections;


--
-- Name: settings; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.settings AS
 SELECT settings.key,
    settings.value
   FROM public.settings
  WHERE public.reader_setting(settings.key);


--
-- Name: stories; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.stories AS
 SELECT s.id,
    s.section,
    sec.name AS section_name,
    t.headline,
    t.dateline,
    t.body,
    a.name AS author_name,
    s.version,
    s.published_at,
    COALESCE(( SELECT max(h.at) AS max
           FROM public.story_history h
          WHERE ((h.story_id = s.id) AND (h.action = 'correct'::text))), s.published_at) AS modified_at,
    COALESCE(t.body_text, (t.body)::text) AS body_text
   FROM (((public.stories s
     JOIN public.story_texts t ON ((t.story_id = s.id)))
     JOIN public.sections sec ON ((sec.slug = s.section)))
     JOIN public.staff a ON ((a.handle = s.author)))
  WHERE (s.status = 'published'::text);


--
-- Name: story_origins; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.story_origins AS
 SELECT o.story_id,
    i.source,
    i.guid,
    o.version,
    o.creditline
   FROM ((public.story_wire_origins o
     JOIN public.stories s ON (((s.id = o.story_id) AND (s.status = 'published'::text))))
     JOIN public.wire_items i ON ((i.id = o.item_id)));


--
-- Name: story_photo_files; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.story_photo_files AS
 SELECT p.story_id,
    r.hash,
    r.name,
    r.format
   FROM ((public.story_photos p
     JOIN public.stories s ON (((s.id = p.story_id) AND (s.status = ANY (ARRAY['published'::text, 'withdrawn'::text])))))
     JOIN public.media_renditions r ON ((r.media_id = p.media_id)));


--
-- Name: story_photos; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.story_photos AS
 SELECT p.story_id,
    p.role,
    m.id AS media_id,
    m.width,
    m.height,
    m.alt,
    m.caption,
    m.credit
   FROM ((public.story_photos p
     JOIN public.stories s ON (((s.id = p.story_id) AND (s.status = 'published'::text))))
     JOIN public.media m ON (((m.id = p.media_id) AND (m.erased_at IS NULL))));


--
-- Name: ticker; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.ticker AS
 SELECT i.id,
    i.text,
    i.urgent,
    i.starts_at,
    i.ends_at,
        CASE
            WHEN (EXISTS ( SELECT 1
               FROM public.stories s
              WHERE ((s.id = i.story_id) AND (s.status = 'published'::text)))) THEN i.story_id
            ELSE NULL::bigint
        END AS story_id
   FROM public.ticker_items i
  WHERE ((tstzrange(i.starts_at, i.ends_at) @> now()) AND ((i.cancelled_at IS NULL) OR (i.cancelled_at > now())));


--
-- Name: ticker_next_change; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.ticker_next_change AS
 SELECT LEAST(( SELECT min(i.starts_at) AS min
           FROM public.ticker_items i
          WHERE ((i.starts_at > now()) AND (i.cancelled_at IS NULL))), ( SELECT min(i.ends_at) AS min
           FROM public.ticker_items i
          WHERE ((tstzrange(i.starts_at, i.ends_at) @> now()) AND (i.cancelled_at IS NULL)))) AS at;


--
-- Name: ticker_state; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.ticker_state AS
 SELECT COALESCE(( SELECT max(c.id) AS max
           FROM public.reader_changes c
          WHERE c.ticker), (0)::bigint) AS change,
    GREATEST(( SELECT max(i.starts_at) AS max
           FROM public.ticker_items i
          WHERE ((i.starts_at <= now()) AND (i.cancelled_at IS NULL))), ( SELECT max(i.ends_at) AS max
           FROM public.ticker_items i
          WHERE ((i.ends_at <= now()) AND (i.cancelled_at IS NULL)))) AS boundary;


--
-- Name: withdrawn_stories; Type: VIEW; Schema: reader; Owner: -
--

CREATE VIEW reader.withdrawn_stories AS
 SELECT s.id,
    s.withdrawn_at,
    s.version
   FROM public.stories s
  WHERE (s.status = 'withdrawn'::text);


--
-- Name: media id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media ALTER COLUMN id SET DEFAULT nextval('public.media_id_seq'::regclass);


--
-- Name: story_history history_note_is_text; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE public.story_history
    ADD CONSTRAINT history_note_is_text CHECK (((note IS NULL) OR public.newsroom_is_line(note, 4000))) NOT VALID;


--
-- Name: media_originals media_originals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media_originals
    ADD CONSTRAINT media_originals_pkey PRIMARY KEY (media_id);


--
-- Name: media media_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media
    ADD CONSTRAINT media_pkey PRIMARY KEY (id);


--
-- Name: media_renditions media_renditions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media_renditions
    ADD CONSTRAINT media_renditions_pkey PRIMARY KEY (media_id, name, format);


--
-- Name: newsroom_migrations newsroom_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.newsroom_migrations
    ADD CONSTRAINT newsroom_migrations_pkey PRIMARY KEY (name);


--
-- Name: newsroom_staff_writes newsroom_staff_writes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.newsroom_staff_writes
    ADD CONSTRAINT newsroom_staff_writes_pkey PRIMARY KEY (relation);


--
-- Name: purge_progress purge_progress_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.purge_progress
    ADD CONSTRAINT purge_progress_pkey PRIMARY KEY (hook);


--
-- Name: reader_changes_commits reader_changes_commits_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reader_changes_commits
    ADD CONSTRAINT reader_changes_commits_pkey PRIMARY KEY (txid);


--
-- Name: reader_changes reader_changes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reader_changes
    ADD CONSTRAINT reader_changes_pkey PRIMARY KEY (id);


--
-- Name: search_words search_words_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.search_words
    ADD CONSTRAINT search_words_pkey PRIMARY KEY (word);


--
-- Name: sections sections_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sections
    ADD CONSTRAINT sections_pkey PRIMARY KEY (slug);


--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);


--
-- Name: staff staff_login_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_login_unique UNIQUE (login);


--
-- Name: staff staff_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_pkey PRIMARY KEY (handle);


--
-- Name: stories stories_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stories
    ADD CONSTRAINT stories_pkey PRIMARY KEY (id);


--
-- Name: story_actions story_actions_one_target; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_actions
    ADD CONSTRAINT story_actions_one_target UNIQUE NULLS NOT DISTINCT (action, from_status);


--
-- Name: story_body story_body_bidi_balanced; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER DOMAIN public.story_body
    ADD CONSTRAINT story_body_bidi_balanced CHECK (public.newsroom_bidi_balanced(VALUE)) NOT VALID;


--
-- Name: story_body story_body_has_no_noncharacter; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER DOMAIN public.story_body
    ADD CONSTRAINT story_body_has_no_noncharacter CHECK ((NOT public.newsroom_has_noncharacter(VALUE))) NOT VALID;


--
-- Name: story_body story_body_is_text; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER DOMAIN public.story_body
    ADD CONSTRAINT story_body_is_text CHECK (((VALUE IS NFC NORMALIZED) AND (VALUE !~ '[\x01-\x08\x0b-\x1f\x7f-\x9f]'::text) AND public.newsroom_is_trimmed(VALUE) AND (octet_length(VALUE) <= 2000000))) NOT VALID;


--
-- Name: story_body story_body_shows_something; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER DOMAIN public.story_body
    ADD CONSTRAINT story_body_shows_something CHECK (((VALUE = ''::text) OR public.newsroom_has_visible(VALUE))) NOT VALID;


--
-- Name: story_budget story_budget_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_budget
    ADD CONSTRAINT story_budget_pkey PRIMARY KEY (id);


--
-- Name: story_dateline story_dateline_is_line; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER DOMAIN public.story_dateline
    ADD CONSTRAINT story_dateline_is_line CHECK (((VALUE IS NULL) OR public.newsroom_is_line(VALUE, 400))) NOT VALID;


--
-- Name: story_erasure_orders story_erasure_order_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_erasure_orders
    ADD CONSTRAINT story_erasure_order_once UNIQUE (story_id, order_ref);


--
-- Name: story_erasure_orders story_erasure_orders_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_erasure_orders
    ADD CONSTRAINT story_erasure_orders_pkey PRIMARY KEY (id);


--
-- Name: story_headline story_headline_is_line; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER DOMAIN public.story_headline
    ADD CONSTRAINT story_headline_is_line CHECK (public.newsroom_is_line(VALUE, 1000)) NOT VALID;


--
-- Name: story_history story_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_history
    ADD CONSTRAINT story_history_pkey PRIMARY KEY (id);


--
-- Name: story_leases story_leases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_leases
    ADD CONSTRAINT story_leases_pkey PRIMARY KEY (story_id);


--
-- Name: story_note_states story_note_states_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_note_states
    ADD CONSTRAINT story_note_states_pkey PRIMARY KEY (id);


--
-- Name: story_notes story_notes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_notes
    ADD CONSTRAINT story_notes_pkey PRIMARY KEY (id);


--
-- Name: story_notes story_notes_thread_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_notes
    ADD CONSTRAINT story_notes_thread_key UNIQUE (id, story_id, is_reply);


--
-- Name: story_photos story_photos_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_photos
    ADD CONSTRAINT story_photos_pkey PRIMARY KEY (story_id, media_id, role);


--
-- Name: story_revisions story_revisions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_revisions
    ADD CONSTRAINT story_revisions_pkey PRIMARY KEY (story_id, version);


--
-- Name: story_search story_search_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_search
    ADD CONSTRAINT story_search_pkey PRIMARY KEY (story_id);


--
-- Name: story_texts story_texts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_texts
    ADD CONSTRAINT story_texts_pkey PRIMARY KEY (story_id);


--
-- Name: story_wire_origins story_wire_origins_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_wire_origins
    ADD CONSTRAINT story_wire_origins_pkey PRIMARY KEY (story_id);


--
-- Name: ticker_history ticker_history_note_is_line; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE public.ticker_history
    ADD CONSTRAINT ticker_history_note_is_line CHECK (((note IS NULL) OR public.newsroom_is_line(note, 4000))) NOT VALID;


--
-- Name: ticker_history ticker_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticker_history
    ADD CONSTRAINT ticker_history_pkey PRIMARY KEY (id);


--
-- Name: ticker_items ticker_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticker_items
    ADD CONSTRAINT ticker_items_pkey PRIMARY KEY (id);


--
-- Name: wire_items wire_item_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_items
    ADD CONSTRAINT wire_item_once UNIQUE (source, guid);


--
-- Name: wire_items wire_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_items
    ADD CONSTRAINT wire_items_pkey PRIMARY KEY (id);


--
-- Name: wire_notices wire_notice_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_notices
    ADD CONSTRAINT wire_notice_once UNIQUE (story_id, item_id, kind, version);


--
-- Name: wire_notices wire_notices_note_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_notices
    ADD CONSTRAINT wire_notices_note_id_key UNIQUE (note_id);


--
-- Name: wire_notices wire_notices_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_notices
    ADD CONSTRAINT wire_notices_pkey PRIMARY KEY (id);


--
-- Name: wire_sources wire_sources_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_sources
    ADD CONSTRAINT wire_sources_pkey PRIMARY KEY (name);


--
-- Name: wire_versions wire_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_versions
    ADD CONSTRAINT wire_versions_pkey PRIMARY KEY (item_id, version);


--
-- Name: media_renditions_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX media_renditions_hash ON public.media_renditions USING btree (hash);


--
-- Name: reader_changes_pending_transaction; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reader_changes_pending_transaction ON public.reader_changes_pending USING btree (txid, seq);


--
-- Name: reader_changes_ticker; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reader_changes_ticker ON public.reader_changes USING btree (id) WHERE ticker;


--
-- Name: search_words_forms; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX search_words_forms ON public.search_words USING gin (forms);


--
-- Name: stories_author; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stories_author ON public.stories USING btree (author, updated_at DESC);


--
-- Name: stories_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stories_due ON public.stories USING btree (publish_at, id) WHERE (status = 'scheduled'::text);


--
-- Name: stories_editor_in_hand; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stories_editor_in_hand ON public.stories USING btree (editor, updated_at DESC) WHERE ((editor IS NOT NULL) AND (status = ANY (ARRAY['draft'::text, 'in_review'::text, 'approved'::text, 'scheduled'::text])));


--
-- Name: stories_expiring; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stories_expiring ON public.stories USING btree (expire_at, id) WHERE ((status = 'published'::text) AND (expire_at IS NOT NULL));


--
-- Name: stories_published; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stories_published ON public.stories USING btree (published_at DESC, id DESC) WHERE (status = 'published'::text);


--
-- Name: stories_published_section; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stories_published_section ON public.stories USING btree (section, published_at DESC, id DESC) WHERE (status = 'published'::text);


--
-- Name: stories_status_section; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stories_status_section ON public.stories USING btree (status, section, updated_at DESC);


--
-- Name: stories_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stories_updated ON public.stories USING btree (updated_at DESC, id DESC);


--
-- Name: story_budget_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX story_budget_due ON public.story_budget USING btree (due_at);


--
-- Name: story_budget_planned; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX story_budget_planned ON public.story_budget USING btree (planned_for);


--
-- Name: story_budget_story; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX story_budget_story ON public.story_budget USING btree (story_id, id DESC);


--
-- Name: story_history_version; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX story_history_version ON public.story_history USING btree (story_id, version, to_status);


--
-- Name: story_note_states_note; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX story_note_states_note ON public.story_note_states USING btree (note_id, id);


--
-- Name: story_notes_story; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX story_notes_story ON public.story_notes USING btree (story_id, id);


--
-- Name: story_photos_media; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX story_photos_media ON public.story_photos USING btree (media_id);


--
-- Name: story_photos_one_lead; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX story_photos_one_lead ON public.story_photos USING btree (story_id) WHERE (role = 'lead'::text);


--
-- Name: story_search_headline; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX story_search_headline ON public.story_search USING gin (headline_terms);


--
-- Name: story_search_headline_words; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX story_search_headline_words ON public.story_search USING gin (headline_words public.gin_trgm_ops);


--
-- Name: story_search_terms; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX story_search_terms ON public.story_search USING gin (terms);


--
-- Name: story_wire_origins_item; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX story_wire_origins_item ON public.story_wire_origins USING btree (item_id);


--
-- Name: ticker_history_item; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticker_history_item ON public.ticker_history USING btree (item_id, id);


--
-- Name: ticker_items_end; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticker_items_end ON public.ticker_items USING btree (ends_at) WHERE (cancelled_at IS NULL);


--
-- Name: ticker_items_start; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticker_items_start ON public.ticker_items USING btree (starts_at, id);


--
-- Name: ticker_items_story; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticker_items_story ON public.ticker_items USING btree (story_id) WHERE (story_id IS NOT NULL);


--
-- Name: ticker_items_window_all; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticker_items_window_all ON public.ticker_items USING gist (tstzrange(starts_at, ends_at));


--
-- Name: wire_items_headline_terms; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX wire_items_headline_terms ON public.wire_items USING gin (headline_terms);


--
-- Name: wire_items_newest; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX wire_items_newest ON public.wire_items USING btree (version_created DESC, urgency, id DESC);


--
-- Name: wire_items_source_newest; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX wire_items_source_newest ON public.wire_items USING btree (source, version_created DESC, urgency, id DESC);


--
-- Name: wire_items_terms; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX wire_items_terms ON public.wire_items USING gin (terms);


--
-- Name: wire_items_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX wire_items_updated ON public.wire_items USING btree (updated_at);


--
-- Name: media media_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER media_by_actor BEFORE INSERT ON public.media FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('added_by');


--
-- Name: media media_by_role; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER media_by_role BEFORE INSERT OR DELETE OR UPDATE ON public.media FOR EACH ROW EXECUTE FUNCTION public.newsroom_photo_by_role();


--
-- Name: media_originals media_originals_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER media_originals_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.media_originals FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: media_renditions media_renditions_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER media_renditions_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.media_renditions FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: media media_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER media_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.media FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: media media_words_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER media_words_kept AFTER UPDATE OF alt, credit ON public.media DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((new.alt IS NULL) OR (new.credit IS NULL))) EXECUTE FUNCTION public.newsroom_check_story_photos();


--
-- Name: purge_progress purge_progress_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER purge_progress_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.purge_progress FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: purge_progress purge_progress_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER purge_progress_verify_actor_truncate BEFORE TRUNCATE ON public.purge_progress FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: reader_changes_commits reader_changes_commits_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER reader_changes_commits_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.reader_changes_commits FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: reader_changes_commits reader_changes_commits_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER reader_changes_commits_verify_actor_truncate BEFORE TRUNCATE ON public.reader_changes_commits FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: reader_changes_commits reader_changes_number; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER reader_changes_number AFTER INSERT ON public.reader_changes_commits DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.reader_changes_number();


--
-- Name: reader_changes_pending reader_changes_pending_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER reader_changes_pending_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.reader_changes_pending FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: reader_changes_pending reader_changes_pending_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER reader_changes_pending_verify_actor_truncate BEFORE TRUNCATE ON public.reader_changes_pending FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: reader_changes reader_changes_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER reader_changes_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.reader_changes FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: reader_changes reader_changes_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER reader_changes_verify_actor_truncate BEFORE TRUNCATE ON public.reader_changes FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: sections sections_check_administration; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sections_check_administration BEFORE INSERT OR UPDATE ON public.sections FOR EACH ROW EXECUTE FUNCTION public.newsroom_check_administration();


--
-- Name: sections sections_insert_note_reader_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sections_insert_note_reader_changes AFTER INSERT ON public.sections REFERENCING NEW TABLE AS changed_sections FOR EACH STATEMENT EXECUTE FUNCTION public.sections_note_reader_changes();


--
-- Name: sections sections_notify_readers; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sections_notify_readers AFTER INSERT OR UPDATE ON public.sections FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_notify_readers();


--
-- Name: sections sections_update_note_reader_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sections_update_note_reader_changes AFTER UPDATE ON public.sections REFERENCING NEW TABLE AS changed_sections FOR EACH STATEMENT EXECUTE FUNCTION public.sections_note_reader_changes();


--
-- Name: sections sections_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sections_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.sections FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: sections sections_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sections_verify_actor_truncate BEFORE TRUNCATE ON public.sections FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: settings settings_check_administration; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_check_administration BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW EXECUTE FUNCTION public.newsroom_check_administration();


--
-- Name: settings settings_check_timezone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_check_timezone BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW EXECUTE FUNCTION public.settings_check_timezone();


--
-- Name: settings settings_insert_note_reader_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_insert_note_reader_changes AFTER INSERT ON public.settings REFERENCING NEW TABLE AS changed_settings FOR EACH STATEMENT EXECUTE FUNCTION public.settings_note_reader_changes();


--
-- Name: settings settings_notify_readers; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_notify_readers AFTER INSERT OR UPDATE ON public.settings FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_notify_readers();


--
-- Name: settings settings_update_note_reader_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_update_note_reader_changes AFTER UPDATE ON public.settings REFERENCING NEW TABLE AS changed_settings FOR EACH STATEMENT EXECUTE FUNCTION public.settings_note_reader_changes();


--
-- Name: settings settings_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.settings FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: settings settings_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_verify_actor_truncate BEFORE TRUNCATE ON public.settings FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: staff staff_check_administration; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_check_administration BEFORE INSERT OR UPDATE ON public.staff FOR EACH ROW EXECUTE FUNCTION public.newsroom_check_administration();


--
-- Name: staff staff_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_no_delete BEFORE DELETE ON public.staff FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: staff staff_no_rekey; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_no_rekey BEFORE UPDATE OF handle ON public.staff FOR EACH ROW WHEN ((old.handle IS DISTINCT FROM new.handle)) EXECUTE FUNCTION public.staff_refuse_rekey();


--
-- Name: staff staff_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_no_truncate BEFORE TRUNCATE ON public.staff FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: staff staff_note_reader_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_note_reader_changes AFTER UPDATE ON public.staff REFERENCING OLD TABLE AS old_staff NEW TABLE AS new_staff FOR EACH STATEMENT EXECUTE FUNCTION public.staff_note_reader_changes();


--
-- Name: staff staff_notify_readers; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_notify_readers AFTER UPDATE ON public.staff FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_notify_readers();


--
-- Name: staff staff_sync_login; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_sync_login AFTER INSERT OR UPDATE OF role, active, login ON public.staff FOR EACH ROW EXECUTE FUNCTION public.staff_sync_login();


--
-- Name: staff staff_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.staff FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: staff staff_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_verify_actor_truncate BEFORE TRUNCATE ON public.staff FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: stories stories_author_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_author_by_actor BEFORE INSERT ON public.stories FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('author');


--
-- Name: stories stories_check_editor_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_check_editor_insert BEFORE INSERT ON public.stories FOR EACH ROW WHEN ((new.editor IS NOT NULL)) EXECUTE FUNCTION public.stories_check_editor();


--
-- Name: stories stories_check_editor_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_check_editor_update BEFORE UPDATE OF editor ON public.stories FOR EACH ROW WHEN (((new.editor IS NOT NULL) AND (new.editor IS DISTINCT FROM old.editor))) EXECUTE FUNCTION public.stories_check_editor();


--
-- Name: stories stories_check_ticker_links; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER stories_check_ticker_links AFTER UPDATE OF status, publish_at ON public.stories DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((old.status = ANY (ARRAY['published'::text, 'scheduled'::text])) AND ((new.status <> 'published'::text) OR (old.publish_at IS DISTINCT FROM new.publish_at)))) EXECUTE FUNCTION public.stories_check_ticker_links();


--
-- Name: stories stories_erased_with_line; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER stories_erased_with_line AFTER UPDATE OF erased_at ON public.stories DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((old.erased_at IS NULL) AND (new.erased_at IS NOT NULL))) EXECUTE FUNCTION public.stories_erased_with_line();


--
-- Name: stories stories_guard_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_guard_insert BEFORE INSERT ON public.stories FOR EACH ROW WHEN (((new.status <> 'draft'::text) OR (new.version <> 1))) EXECUTE FUNCTION public.stories_refuse_unborn();


--
-- Name: stories stories_guard_moves; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_guard_moves AFTER UPDATE ON public.stories REFERENCING OLD TABLE AS old_stories NEW TABLE AS new_stories FOR EACH STATEMENT EXECUTE FUNCTION public.stories_guard_moves();


--
-- Name: stories stories_guard_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_guard_update BEFORE UPDATE ON public.stories FOR EACH ROW WHEN (((new.id <> old.id) OR (new.author <> old.author) OR (new.created_at <> old.created_at) OR (new.version <> (old.version + 1)))) EXECUTE FUNCTION public.stories_refuse_rewrite();


--
-- Name: stories stories_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_no_delete BEFORE DELETE ON public.stories FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: stories stories_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_no_truncate BEFORE TRUNCATE ON public.stories FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: stories stories_note_reader_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_note_reader_changes AFTER UPDATE ON public.stories REFERENCING OLD TABLE AS old_stories NEW TABLE AS new_stories FOR EACH STATEMENT EXECUTE FUNCTION public.stories_note_reader_changes();


--
-- Name: stories stories_notify_readers; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_notify_readers AFTER UPDATE ON public.stories REFERENCING OLD TABLE AS old_stories NEW TABLE AS new_stories FOR EACH STATEMENT EXECUTE FUNCTION public.stories_notify_readers();


--
-- Name: stories stories_photos_ready; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER stories_photos_ready AFTER INSERT OR UPDATE OF status ON public.stories DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ((new.status = ANY (ARRAY['scheduled'::text, 'published'::text]))) EXECUTE FUNCTION public.newsroom_check_story_photos();


--
-- Name: stories stories_refuse_after_erasure; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_refuse_after_erasure BEFORE UPDATE ON public.stories FOR EACH ROW WHEN ((old.erased_at IS NOT NULL)) EXECUTE FUNCTION public.stories_refuse_after_erasure();


--
-- Name: stories stories_respect_lease; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_respect_lease BEFORE UPDATE ON public.stories FOR EACH ROW WHEN (((old.version IS DISTINCT FROM new.version) AND (new.status <> 'withdrawn'::text) AND (new.erased_at IS NULL) AND (current_setting('newsroom.actor'::text, true) IS DISTINCT FROM 'scheduler'::text))) EXECUTE FUNCTION public.stories_respect_lease();


--
-- Name: stories stories_scheduled_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_scheduled_by_actor BEFORE UPDATE OF scheduled_by ON public.stories FOR EACH ROW WHEN (((SESSION_USER <> 'newsroom'::name) AND (new.scheduled_by IS DISTINCT FROM old.scheduled_by))) EXECUTE FUNCTION public.newsroom_names_who_acts('scheduled_by');


--
-- Name: stories stories_scheduler_publishes_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_scheduler_publishes_only BEFORE UPDATE ON public.stories FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_scheduler_publishes_only();


--
-- Name: stories stories_section_has_revision; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER stories_section_has_revision AFTER UPDATE OF section ON public.stories DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ((old.section IS DISTINCT FROM new.section)) EXECUTE FUNCTION public.stories_section_has_revision();


--
-- Name: stories stories_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.stories FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: stories stories_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stories_verify_actor_truncate BEFORE TRUNCATE ON public.stories FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_actions story_actions_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_actions_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_actions FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_actions story_actions_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_actions_verify_actor_truncate BEFORE TRUNCATE ON public.story_actions FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_budget story_budget_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_budget_append_only BEFORE DELETE OR UPDATE ON public.story_budget FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_budget story_budget_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_budget_by_actor BEFORE INSERT ON public.story_budget FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('set_by');


--
-- Name: story_budget story_budget_by_role; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_budget_by_role BEFORE INSERT ON public.story_budget FOR EACH ROW EXECUTE FUNCTION public.story_budget_by_role();


--
-- Name: story_budget story_budget_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_budget_no_truncate BEFORE TRUNCATE ON public.story_budget FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_budget story_budget_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_budget_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_budget FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_budget story_budget_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_budget_verify_actor_truncate BEFORE TRUNCATE ON public.story_budget FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_erasure_orders story_erasure_orders_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_erasure_orders_append_only BEFORE DELETE OR UPDATE ON public.story_erasure_orders FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_erasure_orders story_erasure_orders_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_erasure_orders_by_actor BEFORE INSERT ON public.story_erasure_orders FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('requested_by');


--
-- Name: story_erasure_orders story_erasure_orders_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_erasure_orders_check BEFORE INSERT ON public.story_erasure_orders FOR EACH ROW EXECUTE FUNCTION public.story_erasure_orders_check();


--
-- Name: story_erasure_orders story_erasure_orders_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_erasure_orders_no_truncate BEFORE TRUNCATE ON public.story_erasure_orders FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_erasure_orders story_erasure_orders_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_erasure_orders_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_erasure_orders FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_erasure_orders story_erasure_orders_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_erasure_orders_verify_actor_truncate BEFORE TRUNCATE ON public.story_erasure_orders FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_history story_history_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_append_only BEFORE DELETE OR UPDATE ON public.story_history FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_history story_history_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_by_actor BEFORE INSERT ON public.story_history FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('actor');


--
-- Name: story_history story_history_check_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_check_actor BEFORE INSERT ON public.story_history FOR EACH ROW WHEN ((new.action <> ALL (ARRAY['publish_scheduled'::text, 'expire'::text]))) EXECUTE FUNCTION public.story_history_check_actor();


--
-- Name: story_history story_history_check_erase; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_check_erase BEFORE INSERT ON public.story_history FOR EACH ROW WHEN ((new.action = 'erase'::text)) EXECUTE FUNCTION public.story_history_check_erase();


--
-- Name: story_history story_history_check_expired; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_check_expired AFTER INSERT ON public.story_history REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION public.story_history_check_expired();


--
-- Name: story_history story_history_check_expiry; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_check_expiry BEFORE INSERT ON public.story_history FOR EACH ROW WHEN (((new.action = 'set_expiry'::text) OR ((new.expires_at IS NOT NULL) AND (new.action <> 'expire'::text)))) EXECUTE FUNCTION public.story_history_check_expiry();


--
-- Name: story_history story_history_check_move; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_check_move BEFORE INSERT ON public.story_history FOR EACH ROW WHEN ((new.action <> ALL (ARRAY['publish_scheduled'::text, 'expire'::text]))) EXECUTE FUNCTION public.story_history_check_move();


--
-- Name: story_history story_history_check_references; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_check_references AFTER INSERT ON public.story_history REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION public.story_history_check_references();


--
-- Name: story_history story_history_check_scheduled; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_check_scheduled AFTER INSERT ON public.story_history REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION public.story_history_check_scheduled();


--
-- Name: story_history story_history_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_no_truncate BEFORE TRUNCATE ON public.story_history FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_history story_history_notify_desk; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_notify_desk AFTER INSERT ON public.story_history FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_desk_notify();


--
-- Name: story_history story_history_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_history FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_history story_history_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_history_verify_actor_truncate BEFORE TRUNCATE ON public.story_history FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_leases story_leases_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_leases_by_actor BEFORE INSERT OR UPDATE ON public.story_leases FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('holder');


--
-- Name: story_leases story_leases_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_leases_guard BEFORE DELETE OR UPDATE ON public.story_leases FOR EACH ROW EXECUTE FUNCTION public.story_leases_guard();


--
-- Name: story_leases story_leases_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_leases_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_leases FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_note_states story_note_states_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_note_states_append_only BEFORE DELETE OR UPDATE ON public.story_note_states FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_note_states story_note_states_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_note_states_by_actor BEFORE INSERT ON public.story_note_states FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('actor');


--
-- Name: story_note_states story_note_states_move; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_note_states_move BEFORE INSERT ON public.story_note_states FOR EACH ROW EXECUTE FUNCTION public.story_note_states_move();


--
-- Name: story_note_states story_note_states_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_note_states_no_truncate BEFORE TRUNCATE ON public.story_note_states FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_note_states story_note_states_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_note_states_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_note_states FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_note_states story_note_states_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_note_states_verify_actor_truncate BEFORE TRUNCATE ON public.story_note_states FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_notes story_notes_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_notes_append_only BEFORE DELETE OR UPDATE ON public.story_notes FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_notes story_notes_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_notes_by_actor BEFORE INSERT ON public.story_notes FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('author');


--
-- Name: story_notes story_notes_check_mentions; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_notes_check_mentions BEFORE INSERT ON public.story_notes FOR EACH ROW EXECUTE FUNCTION public.story_notes_check_mentions();


--
-- Name: story_notes story_notes_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_notes_no_truncate BEFORE TRUNCATE ON public.story_notes FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_notes story_notes_notify_desk; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_notes_notify_desk AFTER INSERT ON public.story_notes FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_desk_notify();


--
-- Name: story_notes story_notes_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_notes_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_notes FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_notes story_notes_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_notes_verify_actor_truncate BEFORE TRUNCATE ON public.story_notes FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_photos story_photos_ready; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER story_photos_ready AFTER INSERT OR UPDATE ON public.story_photos DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.newsroom_check_story_photos();


--
-- Name: story_photos story_photos_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_photos_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_photos FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_revisions story_revisions_edited_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_revisions_edited_by_actor BEFORE INSERT ON public.story_revisions FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('edited_by');


--
-- Name: story_revisions story_revisions_erased_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_revisions_erased_only BEFORE UPDATE ON public.story_revisions FOR EACH ROW EXECUTE FUNCTION public.story_revisions_erased_only();


--
-- Name: story_revisions story_revisions_forget_words; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_revisions_forget_words AFTER UPDATE ON public.story_revisions FOR EACH ROW WHEN ((old.headline IS DISTINCT FROM new.headline)) EXECUTE FUNCTION public.story_revisions_forget_words();


--
-- Name: story_revisions story_revisions_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_revisions_no_delete BEFORE DELETE ON public.story_revisions FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_revisions story_revisions_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_revisions_no_truncate BEFORE TRUNCATE ON public.story_revisions FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_revisions story_revisions_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_revisions_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_revisions FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_revisions story_revisions_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_revisions_verify_actor_truncate BEFORE TRUNCATE ON public.story_revisions FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_texts story_search_follow_text; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_search_follow_text AFTER INSERT OR UPDATE OF headline, dateline, body, body_text ON public.story_texts FOR EACH ROW EXECUTE FUNCTION public.story_search_follow_text();


--
-- Name: story_texts story_texts_erased_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_texts_erased_only BEFORE UPDATE ON public.story_texts FOR EACH ROW EXECUTE FUNCTION public.story_texts_erased_only();


--
-- Name: story_texts story_texts_keep_revision; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_texts_keep_revision AFTER INSERT OR UPDATE ON public.story_texts FOR EACH ROW EXECUTE FUNCTION public.story_texts_keep_revision();


--
-- Name: story_texts story_texts_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_texts_no_delete BEFORE DELETE ON public.story_texts FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_texts story_texts_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_texts_no_truncate BEFORE TRUNCATE ON public.story_texts FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_texts story_texts_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_texts_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_texts FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_texts story_texts_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_texts_verify_actor_truncate BEFORE TRUNCATE ON public.story_texts FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_wire_origins story_wire_origins_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_wire_origins_append_only BEFORE DELETE OR UPDATE ON public.story_wire_origins FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: story_wire_origins story_wire_origins_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_wire_origins_by_actor BEFORE INSERT ON public.story_wire_origins FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('taken_by');


--
-- Name: story_wire_origins story_wire_origins_by_role; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_wire_origins_by_role BEFORE INSERT ON public.story_wire_origins FOR EACH ROW EXECUTE FUNCTION public.newsroom_wire_take_by_role();


--
-- Name: story_wire_origins story_wire_origins_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_wire_origins_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.story_wire_origins FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: story_wire_origins story_wire_origins_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER story_wire_origins_verify_actor_truncate BEFORE TRUNCATE ON public.story_wire_origins FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: ticker_history ticker_history_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_history_append_only BEFORE DELETE OR UPDATE ON public.ticker_history FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: ticker_history ticker_history_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_history_by_actor BEFORE INSERT ON public.ticker_history FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('actor');


--
-- Name: ticker_history ticker_history_check_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_history_check_actor BEFORE INSERT ON public.ticker_history FOR EACH ROW EXECUTE FUNCTION public.ticker_history_check_actor();


--
-- Name: ticker_history ticker_history_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_history_no_truncate BEFORE TRUNCATE ON public.ticker_history FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: ticker_history ticker_history_notify_desk; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_history_notify_desk AFTER INSERT ON public.ticker_history FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_desk_notify();


--
-- Name: ticker_history ticker_history_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_history_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.ticker_history FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: ticker_history ticker_history_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_history_verify_actor_truncate BEFORE TRUNCATE ON public.ticker_history FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: ticker_items ticker_items_cancelled_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_items_cancelled_by_actor BEFORE UPDATE OF cancelled_by ON public.ticker_items FOR EACH ROW WHEN (((SESSION_USER <> 'newsroom'::name) AND (new.cancelled_by IS DISTINCT FROM old.cancelled_by))) EXECUTE FUNCTION public.newsroom_names_who_acts('cancelled_by');


--
-- Name: ticker_items ticker_items_check_creator; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_items_check_creator BEFORE INSERT ON public.ticker_items FOR EACH ROW EXECUTE FUNCTION public.ticker_items_check_creator();


--
-- Name: ticker_items ticker_items_check_link; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER ticker_items_check_link AFTER INSERT OR UPDATE ON public.ticker_items DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.ticker_items_check_link();


--
-- Name: ticker_items ticker_items_created_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_items_created_by_actor BEFORE INSERT ON public.ticker_items FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('created_by');


--
-- Name: ticker_items ticker_items_guard_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_items_guard_update BEFORE UPDATE ON public.ticker_items FOR EACH ROW EXECUTE FUNCTION public.ticker_items_guard_update();


--
-- Name: ticker_items ticker_items_insert_note_reader_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_items_insert_note_reader_changes AFTER INSERT ON public.ticker_items REFERENCING NEW TABLE AS changed_items FOR EACH STATEMENT EXECUTE FUNCTION public.ticker_items_note_reader_changes();


--
-- Name: ticker_items ticker_items_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_items_no_delete BEFORE DELETE ON public.ticker_items FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: ticker_items ticker_items_notify_readers; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_items_notify_readers AFTER INSERT OR UPDATE ON public.ticker_items FOR EACH STATEMENT EXECUTE FUNCTION public.newsroom_notify_readers();


--
-- Name: ticker_items ticker_items_update_note_reader_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_items_update_note_reader_changes AFTER UPDATE ON public.ticker_items REFERENCING NEW TABLE AS changed_items FOR EACH STATEMENT EXECUTE FUNCTION public.ticker_items_note_reader_changes();


--
-- Name: ticker_items ticker_items_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_items_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.ticker_items FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: ticker_items ticker_items_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticker_items_verify_actor_truncate BEFORE TRUNCATE ON public.ticker_items FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: wire_items wire_items_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_items_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.wire_items FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: wire_items wire_items_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_items_verify_actor_truncate BEFORE TRUNCATE ON public.wire_items FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: wire_notices wire_notices_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_notices_append_only BEFORE DELETE OR UPDATE ON public.wire_notices FOR EACH ROW EXECUTE FUNCTION public.newsroom_refuse_change();


--
-- Name: wire_notices wire_notices_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_notices_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.wire_notices FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: wire_notices wire_notices_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_notices_verify_actor_truncate BEFORE TRUNCATE ON public.wire_notices FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: wire_sources wire_sources_by_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_sources_by_actor BEFORE INSERT ON public.wire_sources FOR EACH ROW WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_names_who_acts('added_by');


--
-- Name: wire_sources wire_sources_by_role; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_sources_by_role BEFORE INSERT OR UPDATE ON public.wire_sources FOR EACH ROW EXECUTE FUNCTION public.newsroom_wire_source_by_role();


--
-- Name: wire_sources wire_sources_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_sources_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.wire_sources FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: wire_sources wire_sources_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_sources_verify_actor_truncate BEFORE TRUNCATE ON public.wire_sources FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: wire_versions wire_versions_verify_actor; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_versions_verify_actor BEFORE INSERT OR DELETE OR UPDATE ON public.wire_versions FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: wire_versions wire_versions_verify_actor_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER wire_versions_verify_actor_truncate BEFORE TRUNCATE ON public.wire_versions FOR EACH STATEMENT WHEN ((SESSION_USER <> 'newsroom'::name)) EXECUTE FUNCTION public.newsroom_verify_actor();


--
-- Name: media media_added_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media
    ADD CONSTRAINT media_added_by_fkey FOREIGN KEY (added_by) REFERENCES public.staff(handle);


--
-- Name: media_originals media_originals_media_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media_originals
    ADD CONSTRAINT media_originals_media_id_fkey FOREIGN KEY (media_id) REFERENCES public.media(id) ON DELETE CASCADE;


--
-- Name: media_renditions media_renditions_media_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media_renditions
    ADD CONSTRAINT media_renditions_media_id_fkey FOREIGN KEY (media_id) REFERENCES public.media(id) ON DELETE CASCADE;


--
-- Name: reader_changes reader_changes_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reader_changes
    ADD CONSTRAINT reader_changes_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id);


--
-- Name: stories stories_author_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stories
    ADD CONSTRAINT stories_author_fkey FOREIGN KEY (author) REFERENCES public.staff(handle);


--
-- Name: stories stories_editor_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stories
    ADD CONSTRAINT stories_editor_fkey FOREIGN KEY (editor) REFERENCES public.staff(handle);


--
-- Name: stories stories_erasure_order_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stories
    ADD CONSTRAINT stories_erasure_order_fkey FOREIGN KEY (erasure_order) REFERENCES public.story_erasure_orders(id);


--
-- Name: stories stories_expire_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stories
    ADD CONSTRAINT stories_expire_by_fkey FOREIGN KEY (expire_by) REFERENCES public.staff(handle);


--
-- Name: stories stories_scheduled_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stories
    ADD CONSTRAINT stories_scheduled_by_fkey FOREIGN KEY (scheduled_by) REFERENCES public.staff(handle);


--
-- Name: stories stories_section_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stories
    ADD CONSTRAINT stories_section_fkey FOREIGN KEY (section) REFERENCES public.sections(slug);


--
-- Name: story_budget story_budget_set_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_budget
    ADD CONSTRAINT story_budget_set_by_fkey FOREIGN KEY (set_by) REFERENCES public.staff(handle);


--
-- Name: story_budget story_budget_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_budget
    ADD CONSTRAINT story_budget_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id);


--
-- Name: story_erasure_orders story_erasure_orders_requested_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_erasure_orders
    ADD CONSTRAINT story_erasure_orders_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES public.staff(handle);


--
-- Name: story_erasure_orders story_erasure_orders_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_erasure_orders
    ADD CONSTRAINT story_erasure_orders_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id);


--
-- Name: stories story_has_text; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stories
    ADD CONSTRAINT story_has_text FOREIGN KEY (id) REFERENCES public.story_texts(story_id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: story_leases story_leases_holder_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_leases
    ADD CONSTRAINT story_leases_holder_fkey FOREIGN KEY (holder) REFERENCES public.staff(handle);


--
-- Name: story_leases story_leases_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_leases
    ADD CONSTRAINT story_leases_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id);


--
-- Name: story_leases story_leases_taken_from_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_leases
    ADD CONSTRAINT story_leases_taken_from_fkey FOREIGN KEY (taken_from) REFERENCES public.staff(handle);


--
-- Name: story_note_states story_note_states_actor_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_note_states
    ADD CONSTRAINT story_note_states_actor_fkey FOREIGN KEY (actor) REFERENCES public.staff(handle);


--
-- Name: story_note_states story_note_states_thread; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_note_states
    ADD CONSTRAINT story_note_states_thread FOREIGN KEY (note_id, story_id, of_a_thread) REFERENCES public.story_notes(id, story_id, is_reply);


--
-- Name: story_notes story_notes_author_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_notes
    ADD CONSTRAINT story_notes_author_fkey FOREIGN KEY (author) REFERENCES public.staff(handle);


--
-- Name: story_notes story_notes_reply_in_thread; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_notes
    ADD CONSTRAINT story_notes_reply_in_thread FOREIGN KEY (reply_to, story_id, answers_a_thread) REFERENCES public.story_notes(id, story_id, is_reply);


--
-- Name: story_notes story_notes_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_notes
    ADD CONSTRAINT story_notes_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id);


--
-- Name: story_photos story_photos_media_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_photos
    ADD CONSTRAINT story_photos_media_id_fkey FOREIGN KEY (media_id) REFERENCES public.media(id);


--
-- Name: story_photos story_photos_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_photos
    ADD CONSTRAINT story_photos_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id) ON DELETE CASCADE;


--
-- Name: story_revisions story_revisions_edited_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_revisions
    ADD CONSTRAINT story_revisions_edited_by_fkey FOREIGN KEY (edited_by) REFERENCES public.staff(handle);


--
-- Name: story_revisions story_revisions_section_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_revisions
    ADD CONSTRAINT story_revisions_section_fkey FOREIGN KEY (section) REFERENCES public.sections(slug);


--
-- Name: story_revisions story_revisions_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_revisions
    ADD CONSTRAINT story_revisions_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id);


--
-- Name: story_search story_search_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_search
    ADD CONSTRAINT story_search_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.story_texts(story_id);


--
-- Name: story_texts story_texts_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_texts
    ADD CONSTRAINT story_texts_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id);


--
-- Name: stories story_version_has_history; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stories
    ADD CONSTRAINT story_version_has_history FOREIGN KEY (id, version, status) REFERENCES public.story_history(story_id, version, to_status) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: story_wire_origins story_wire_origins_item_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_wire_origins
    ADD CONSTRAINT story_wire_origins_item_id_fkey FOREIGN KEY (item_id) REFERENCES public.wire_items(id);


--
-- Name: story_wire_origins story_wire_origins_item_id_version_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_wire_origins
    ADD CONSTRAINT story_wire_origins_item_id_version_fkey FOREIGN KEY (item_id, version) REFERENCES public.wire_versions(item_id, version);


--
-- Name: story_wire_origins story_wire_origins_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_wire_origins
    ADD CONSTRAINT story_wire_origins_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id);


--
-- Name: story_wire_origins story_wire_origins_taken_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.story_wire_origins
    ADD CONSTRAINT story_wire_origins_taken_by_fkey FOREIGN KEY (taken_by) REFERENCES public.staff(handle);


--
-- Name: ticker_history ticker_history_actor_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticker_history
    ADD CONSTRAINT ticker_history_actor_fkey FOREIGN KEY (actor) REFERENCES public.staff(handle);


--
-- Name: ticker_history ticker_history_item_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticker_history
    ADD CONSTRAINT ticker_history_item_id_fkey FOREIGN KEY (item_id) REFERENCES public.ticker_items(id);


--
-- Name: ticker_items ticker_items_cancelled_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticker_items
    ADD CONSTRAINT ticker_items_cancelled_by_fkey FOREIGN KEY (cancelled_by) REFERENCES public.staff(handle);


--
-- Name: ticker_items ticker_items_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticker_items
    ADD CONSTRAINT ticker_items_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.staff(handle);


--
-- Name: ticker_items ticker_items_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticker_items
    ADD CONSTRAINT ticker_items_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id);


--
-- Name: wire_items wire_item_current_version; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_items
    ADD CONSTRAINT wire_item_current_version FOREIGN KEY (id, version) REFERENCES public.wire_versions(item_id, version) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: wire_items wire_items_source_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_items
    ADD CONSTRAINT wire_items_source_fkey FOREIGN KEY (source) REFERENCES public.wire_sources(name);


--
-- Name: wire_notices wire_notices_item_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_notices
    ADD CONSTRAINT wire_notices_item_id_fkey FOREIGN KEY (item_id) REFERENCES public.wire_items(id);


--
-- Name: wire_notices wire_notices_item_id_version_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_notices
    ADD CONSTRAINT wire_notices_item_id_version_fkey FOREIGN KEY (item_id, version) REFERENCES public.wire_versions(item_id, version);


--
-- Name: wire_notices wire_notices_note_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_notices
    ADD CONSTRAINT wire_notices_note_id_fkey FOREIGN KEY (note_id) REFERENCES public.story_notes(id);


--
-- Name: wire_notices wire_notices_story_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_notices
    ADD CONSTRAINT wire_notices_story_id_fkey FOREIGN KEY (story_id) REFERENCES public.stories(id);


--
-- Name: wire_sources wire_sources_added_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_sources
    ADD CONSTRAINT wire_sources_added_by_fkey FOREIGN KEY (added_by) REFERENCES public.staff(handle);


--
-- Name: wire_versions wire_versions_item_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.wire_versions
    ADD CONSTRAINT wire_versions_item_id_fkey FOREIGN KEY (item_id) REFERENCES public.wire_items(id) ON DELETE CASCADE;


--
-- Name: media; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.media ENABLE ROW LEVEL SECURITY;

--
-- Name: media media_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY media_active_staff ON public.media USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: media_originals; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.media_originals ENABLE ROW LEVEL SECURITY;

--
-- Name: media_originals media_originals_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY media_originals_active_staff ON public.media_originals USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: media_renditions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.media_renditions ENABLE ROW LEVEL SECURITY;

--
-- Name: media_renditions media_renditions_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY media_renditions_active_staff ON public.media_renditions USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: search_words; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.search_words ENABLE ROW LEVEL SECURITY;

--
-- Name: search_words search_words_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY search_words_active_staff ON public.search_words USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: sections; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sections ENABLE ROW LEVEL SECURITY;

--
-- Name: sections sections_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sections_active_staff ON public.sections USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: settings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.settings ENABLE ROW LEVEL SECURITY;

--
-- Name: settings settings_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY settings_active_staff ON public.settings USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: staff; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.staff ENABLE ROW LEVEL SECURITY;

--
-- Name: staff staff_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY staff_active_staff ON public.staff USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: stories; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stories ENABLE ROW LEVEL SECURITY;

--
-- Name: stories stories_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY stories_active_staff ON public.stories USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_budget; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_budget ENABLE ROW LEVEL SECURITY;

--
-- Name: story_budget story_budget_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_budget_active_staff ON public.story_budget USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_erasure_orders; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_erasure_orders ENABLE ROW LEVEL SECURITY;

--
-- Name: story_erasure_orders story_erasure_orders_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_erasure_orders_active_staff ON public.story_erasure_orders USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_history; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_history ENABLE ROW LEVEL SECURITY;

--
-- Name: story_history story_history_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_history_active_staff ON public.story_history USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_leases; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_leases ENABLE ROW LEVEL SECURITY;

--
-- Name: story_leases story_leases_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_leases_active_staff ON public.story_leases USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_note_states; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_note_states ENABLE ROW LEVEL SECURITY;

--
-- Name: story_note_states story_note_states_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_note_states_active_staff ON public.story_note_states USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_notes; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_notes ENABLE ROW LEVEL SECURITY;

--
-- Name: story_notes story_notes_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_notes_active_staff ON public.story_notes USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_photos; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_photos ENABLE ROW LEVEL SECURITY;

--
-- Name: story_photos story_photos_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_photos_active_staff ON public.story_photos USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_revisions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_revisions ENABLE ROW LEVEL SECURITY;

--
-- Name: story_revisions story_revisions_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_revisions_active_staff ON public.story_revisions USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_search; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_search ENABLE ROW LEVEL SECURITY;

--
-- Name: story_search story_search_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_search_active_staff ON public.story_search USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_texts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_texts ENABLE ROW LEVEL SECURITY;

--
-- Name: story_texts story_texts_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_texts_active_staff ON public.story_texts USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: story_wire_origins; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.story_wire_origins ENABLE ROW LEVEL SECURITY;

--
-- Name: story_wire_origins story_wire_origins_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY story_wire_origins_active_staff ON public.story_wire_origins USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: ticker_history; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ticker_history ENABLE ROW LEVEL SECURITY;

--
-- Name: ticker_history ticker_history_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ticker_history_active_staff ON public.ticker_history USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: ticker_items; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ticker_items ENABLE ROW LEVEL SECURITY;

--
-- Name: ticker_items ticker_items_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ticker_items_active_staff ON public.ticker_items USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: wire_items; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.wire_items ENABLE ROW LEVEL SECURITY;

--
-- Name: wire_items wire_items_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY wire_items_active_staff ON public.wire_items USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: wire_notices; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.wire_notices ENABLE ROW LEVEL SECURITY;

--
-- Name: wire_notices wire_notices_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY wire_notices_active_staff ON public.wire_notices USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: wire_sources; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.wire_sources ENABLE ROW LEVEL SECURITY;

--
-- Name: wire_sources wire_sources_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY wire_sources_active_staff ON public.wire_sources USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: wire_versions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.wire_versions ENABLE ROW LEVEL SECURITY;

--
-- Name: wire_versions wire_versions_active_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY wire_versions_active_staff ON public.wire_versions USING (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff)) WITH CHECK (( SELECT public.newsroom_session_is_staff() AS newsroom_session_is_staff));


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO newsroom_reporter;
GRANT USAGE ON SCHEMA public TO newsroom_editor;
GRANT USAGE ON SCHEMA public TO newsroom_chief;
GRANT USAGE ON SCHEMA public TO newsroom_admin;
GRANT USAGE ON SCHEMA public TO newsroom_scheduler;


--
-- Name: SCHEMA reader; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA reader TO newsroom_reporter;
GRANT USAGE ON SCHEMA reader TO newsroom_editor;
GRANT USAGE ON SCHEMA reader TO newsroom_chief;
GRANT USAGE ON SCHEMA reader TO newsroom_admin;


--
-- Name: FUNCTION newsroom_create_login(new_login text, password_hash text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_create_login(new_login text, password_hash text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.newsroom_create_login(new_login text, password_hash text) TO newsroom_admin;


--
-- Name: FUNCTION newsroom_grant_reader(login text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_grant_reader(login text) FROM PUBLIC;


--
-- Name: FUNCTION newsroom_grant_scheduler(login text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_grant_scheduler(login text) FROM PUBLIC;


--
-- Name: FUNCTION newsroom_names_who_acts(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_names_who_acts() FROM PUBLIC;


--
-- Name: FUNCTION newsroom_refresh_groups(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_refresh_groups() FROM PUBLIC;


--
-- Name: FUNCTION newsroom_revoke_public_temporary(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_revoke_public_temporary() FROM PUBLIC;


--
-- Name: FUNCTION newsroom_setup_groups(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_setup_groups() FROM PUBLIC;


--
-- Name: FUNCTION newsroom_setup_groups_0019(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_setup_groups_0019() FROM PUBLIC;


--
-- Name: FUNCTION newsroom_setup_groups_0025(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_setup_groups_0025() FROM PUBLIC;


--
-- Name: FUNCTION newsroom_share_reader_view(view regclass); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_share_reader_view(view regclass) FROM PUBLIC;


--
-- Name: FUNCTION newsroom_verify_actor(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.newsroom_verify_actor() FROM PUBLIC;


--
-- Name: FUNCTION reader_changes_note(change_kind text, strip boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.reader_changes_note(change_kind text, strip boolean) FROM PUBLIC;


--
-- Name: FUNCTION search_close(words text, OUT query tsquery, OUT best tsquery, OUT spellings text[]); Type: ACL; Schema: reader; Owner: -
--

REVOKE ALL ON FUNCTION reader.search_close(words text, OUT query tsquery, OUT best tsquery, OUT spellings text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION reader.search_close(words text, OUT query tsquery, OUT best tsquery, OUT spellings text[]) TO pg_read_all_data;
GRANT ALL ON FUNCTION reader.search_close(words text, OUT query tsquery, OUT best tsquery, OUT spellings text[]) TO pg_write_all_data;
GRANT ALL ON FUNCTION reader.search_close(words text, OUT query tsquery, OUT best tsquery, OUT spellings text[]) TO newsroom_reporter;
GRANT ALL ON FUNCTION reader.search_close(words text, OUT query tsquery, OUT best tsquery, OUT spellings text[]) TO newsroom_editor;
GRANT ALL ON FUNCTION reader.search_close(words text, OUT query tsquery, OUT best tsquery, OUT spellings text[]) TO newsroom_chief;
GRANT ALL ON FUNCTION reader.search_close(words text, OUT query tsquery, OUT best tsquery, OUT spellings text[]) TO newsroom_admin;


--
-- Name: TABLE media; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.media TO newsroom_reporter;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.media TO newsroom_editor;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.media TO newsroom_chief;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.media TO newsroom_admin;
GRANT SELECT ON TABLE public.media TO newsroom_scheduler;


--
-- Name: SEQUENCE media_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.media_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.media_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.media_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.media_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.media_id_seq TO newsroom_scheduler;


--
-- Name: TABLE media_originals; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.media_originals TO newsroom_reporter;
GRANT SELECT,INSERT,UPDATE ON TABLE public.media_originals TO newsroom_editor;
GRANT SELECT,INSERT,UPDATE ON TABLE public.media_originals TO newsroom_chief;
GRANT SELECT,INSERT,UPDATE ON TABLE public.media_originals TO newsroom_admin;
GRANT SELECT ON TABLE public.media_originals TO newsroom_scheduler;


--
-- Name: TABLE media_renditions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.media_renditions TO newsroom_reporter;
GRANT SELECT,INSERT,DELETE ON TABLE public.media_renditions TO newsroom_editor;
GRANT SELECT,INSERT,DELETE ON TABLE public.media_renditions TO newsroom_chief;
GRANT SELECT,INSERT,DELETE ON TABLE public.media_renditions TO newsroom_admin;
GRANT SELECT ON TABLE public.media_renditions TO newsroom_scheduler;


--
-- Name: TABLE newsroom_migrations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.newsroom_migrations TO newsroom_reporter;
GRANT SELECT ON TABLE public.newsroom_migrations TO newsroom_editor;
GRANT SELECT ON TABLE public.newsroom_migrations TO newsroom_chief;
GRANT SELECT ON TABLE public.newsroom_migrations TO newsroom_admin;
GRANT SELECT ON TABLE public.newsroom_migrations TO newsroom_scheduler;


--
-- Name: TABLE newsroom_staff_writes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.newsroom_staff_writes TO newsroom_reporter;
GRANT SELECT ON TABLE public.newsroom_staff_writes TO newsroom_editor;
GRANT SELECT ON TABLE public.newsroom_staff_writes TO newsroom_chief;
GRANT SELECT ON TABLE public.newsroom_staff_writes TO newsroom_admin;
GRANT SELECT ON TABLE public.newsroom_staff_writes TO newsroom_scheduler;


--
-- Name: TABLE purge_progress; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.purge_progress TO newsroom_reporter;
GRANT SELECT ON TABLE public.purge_progress TO newsroom_editor;
GRANT SELECT ON TABLE public.purge_progress TO newsroom_chief;
GRANT SELECT ON TABLE public.purge_progress TO newsroom_admin;
GRANT SELECT ON TABLE public.purge_progress TO newsroom_scheduler;


--
-- Name: TABLE reader_changes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.reader_changes TO newsroom_reporter;
GRANT SELECT ON TABLE public.reader_changes TO newsroom_editor;
GRANT SELECT ON TABLE public.reader_changes TO newsroom_chief;
GRANT SELECT ON TABLE public.reader_changes TO newsroom_admin;
GRANT SELECT ON TABLE public.reader_changes TO newsroom_scheduler;


--
-- Name: TABLE reader_changes_commits; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.reader_changes_commits TO newsroom_reporter;
GRANT SELECT ON TABLE public.reader_changes_commits TO newsroom_editor;
GRANT SELECT ON TABLE public.reader_changes_commits TO newsroom_chief;
GRANT SELECT ON TABLE public.reader_changes_commits TO newsroom_admin;
GRANT SELECT ON TABLE public.reader_changes_commits TO newsroom_scheduler;


--
-- Name: SEQUENCE reader_changes_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.reader_changes_id TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.reader_changes_id TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.reader_changes_id TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.reader_changes_id TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.reader_changes_id TO newsroom_scheduler;


--
-- Name: TABLE reader_changes_pending; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.reader_changes_pending TO newsroom_reporter;
GRANT SELECT ON TABLE public.reader_changes_pending TO newsroom_editor;
GRANT SELECT ON TABLE public.reader_changes_pending TO newsroom_chief;
GRANT SELECT ON TABLE public.reader_changes_pending TO newsroom_admin;
GRANT SELECT ON TABLE public.reader_changes_pending TO newsroom_scheduler;


--
-- Name: SEQUENCE reader_changes_pending_seq_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.reader_changes_pending_seq_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.reader_changes_pending_seq_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.reader_changes_pending_seq_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.reader_changes_pending_seq_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.reader_changes_pending_seq_seq TO newsroom_scheduler;


--
-- Name: TABLE search_words; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.search_words TO newsroom_reporter;
GRANT SELECT ON TABLE public.search_words TO newsroom_editor;
GRANT SELECT ON TABLE public.search_words TO newsroom_chief;
GRANT SELECT ON TABLE public.search_words TO newsroom_admin;
GRANT SELECT ON TABLE public.search_words TO newsroom_scheduler;


--
-- Name: TABLE sections; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.sections TO newsroom_reporter;
GRANT SELECT ON TABLE public.sections TO newsroom_editor;
GRANT SELECT,INSERT,UPDATE ON TABLE public.sections TO newsroom_chief;
GRANT SELECT,INSERT,UPDATE ON TABLE public.sections TO newsroom_admin;
GRANT SELECT ON TABLE public.sections TO newsroom_scheduler;


--
-- Name: TABLE settings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.settings TO newsroom_reporter;
GRANT SELECT ON TABLE public.settings TO newsroom_editor;
GRANT SELECT,INSERT,UPDATE ON TABLE public.settings TO newsroom_chief;
GRANT SELECT,INSERT,UPDATE ON TABLE public.settings TO newsroom_admin;
GRANT SELECT ON TABLE public.settings TO newsroom_scheduler;


--
-- Name: TABLE staff; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.staff TO newsroom_reporter;
GRANT SELECT ON TABLE public.staff TO newsroom_editor;
GRANT SELECT ON TABLE public.staff TO newsroom_chief;
GRANT SELECT,INSERT,UPDATE ON TABLE public.staff TO newsroom_admin;
GRANT SELECT ON TABLE public.staff TO newsroom_scheduler;


--
-- Name: TABLE stories; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.stories TO newsroom_reporter;
GRANT SELECT,INSERT,UPDATE ON TABLE public.stories TO newsroom_editor;
GRANT SELECT,INSERT,UPDATE ON TABLE public.stories TO newsroom_chief;
GRANT SELECT,INSERT,UPDATE ON TABLE public.stories TO newsroom_admin;
GRANT SELECT,UPDATE ON TABLE public.stories TO newsroom_scheduler;


--
-- Name: SEQUENCE stories_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.stories_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.stories_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.stories_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.stories_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.stories_id_seq TO newsroom_scheduler;


--
-- Name: TABLE story_actions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.story_actions TO newsroom_reporter;
GRANT SELECT ON TABLE public.story_actions TO newsroom_editor;
GRANT SELECT ON TABLE public.story_actions TO newsroom_chief;
GRANT SELECT ON TABLE public.story_actions TO newsroom_admin;
GRANT SELECT ON TABLE public.story_actions TO newsroom_scheduler;


--
-- Name: TABLE story_budget; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.story_budget TO newsroom_reporter;
GRANT SELECT,INSERT ON TABLE public.story_budget TO newsroom_editor;
GRANT SELECT,INSERT ON TABLE public.story_budget TO newsroom_chief;
GRANT SELECT,INSERT ON TABLE public.story_budget TO newsroom_admin;
GRANT SELECT ON TABLE public.story_budget TO newsroom_scheduler;


--
-- Name: SEQUENCE story_budget_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.story_budget_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.story_budget_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.story_budget_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.story_budget_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.story_budget_id_seq TO newsroom_scheduler;


--
-- Name: TABLE story_erasure_orders; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.story_erasure_orders TO newsroom_reporter;
GRANT SELECT ON TABLE public.story_erasure_orders TO newsroom_editor;
GRANT SELECT,INSERT ON TABLE public.story_erasure_orders TO newsroom_chief;
GRANT SELECT,INSERT ON TABLE public.story_erasure_orders TO newsroom_admin;
GRANT SELECT ON TABLE public.story_erasure_orders TO newsroom_scheduler;


--
-- Name: SEQUENCE story_erasure_orders_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.story_erasure_orders_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.story_erasure_orders_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.story_erasure_orders_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.story_erasure_orders_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.story_erasure_orders_id_seq TO newsroom_scheduler;


--
-- Name: TABLE story_history; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.story_history TO newsroom_reporter;
GRANT SELECT,INSERT ON TABLE public.story_history TO newsroom_editor;
GRANT SELECT,INSERT ON TABLE public.story_history TO newsroom_chief;
GRANT SELECT,INSERT ON TABLE public.story_history TO newsroom_admin;
GRANT SELECT,INSERT ON TABLE public.story_history TO newsroom_scheduler;


--
-- Name: SEQUENCE story_history_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.story_history_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.story_history_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.story_history_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.story_history_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.story_history_id_seq TO newsroom_scheduler;


--
-- Name: TABLE story_leases; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.story_leases TO newsroom_reporter;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.story_leases TO newsroom_editor;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.story_leases TO newsroom_chief;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.story_leases TO newsroom_admin;
GRANT SELECT ON TABLE public.story_leases TO newsroom_scheduler;


--
-- Name: TABLE story_moves; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.story_moves TO newsroom_reporter;
GRANT SELECT ON TABLE public.story_moves TO newsroom_editor;
GRANT SELECT ON TABLE public.story_moves TO newsroom_chief;
GRANT SELECT ON TABLE public.story_moves TO newsroom_admin;
GRANT SELECT ON TABLE public.story_moves TO newsroom_scheduler;


--
-- Name: TABLE story_note_states; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.story_note_states TO newsroom_reporter;
GRANT SELECT,INSERT ON TABLE public.story_note_states TO newsroom_editor;
GRANT SELECT,INSERT ON TABLE public.story_note_states TO newsroom_chief;
GRANT SELECT,INSERT ON TABLE public.story_note_states TO newsroom_admin;
GRANT SELECT ON TABLE public.story_note_states TO newsroom_scheduler;


--
-- Name: SEQUENCE story_note_states_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.story_note_states_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.story_note_states_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.story_note_states_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.story_note_states_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.story_note_states_id_seq TO newsroom_scheduler;


--
-- Name: TABLE story_notes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.story_notes TO newsroom_reporter;
GRANT SELECT,INSERT ON TABLE public.story_notes TO newsroom_editor;
GRANT SELECT,INSERT ON TABLE public.story_notes TO newsroom_chief;
GRANT SELECT,INSERT ON TABLE public.story_notes TO newsroom_admin;
GRANT SELECT ON TABLE public.story_notes TO newsroom_scheduler;


--
-- Name: SEQUENCE story_notes_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.story_notes_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.story_notes_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.story_notes_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.story_notes_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.story_notes_id_seq TO newsroom_scheduler;


--
-- Name: TABLE story_photos; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.story_photos TO newsroom_reporter;
GRANT SELECT,INSERT,DELETE ON TABLE public.story_photos TO newsroom_editor;
GRANT SELECT,INSERT,DELETE ON TABLE public.story_photos TO newsroom_chief;
GRANT SELECT,INSERT,DELETE ON TABLE public.story_photos TO newsroom_admin;
GRANT SELECT ON TABLE public.story_photos TO newsroom_scheduler;


--
-- Name: TABLE story_revisions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.story_revisions TO newsroom_reporter;
GRANT SELECT ON TABLE public.story_revisions TO newsroom_editor;
GRANT SELECT ON TABLE public.story_revisions TO newsroom_chief;
GRANT SELECT,UPDATE ON TABLE public.story_revisions TO newsroom_admin;
GRANT SELECT ON TABLE public.story_revisions TO newsroom_scheduler;


--
-- Name: TABLE story_search; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.story_search TO newsroom_reporter;
GRANT SELECT ON TABLE public.story_search TO newsroom_editor;
GRANT SELECT ON TABLE public.story_search TO newsroom_chief;
GRANT SELECT ON TABLE public.story_search TO newsroom_admin;
GRANT SELECT ON TABLE public.story_search TO newsroom_scheduler;


--
-- Name: TABLE story_texts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.story_texts TO newsroom_reporter;
GRANT SELECT,INSERT,UPDATE ON TABLE public.story_texts TO newsroom_editor;
GRANT SELECT,INSERT,UPDATE ON TABLE public.story_texts TO newsroom_chief;
GRANT SELECT,INSERT,UPDATE ON TABLE public.story_texts TO newsroom_admin;
GRANT SELECT ON TABLE public.story_texts TO newsroom_scheduler;


--
-- Name: TABLE story_wire_origins; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.story_wire_origins TO newsroom_reporter;
GRANT SELECT,INSERT ON TABLE public.story_wire_origins TO newsroom_editor;
GRANT SELECT,INSERT ON TABLE public.story_wire_origins TO newsroom_chief;
GRANT SELECT ON TABLE public.story_wire_origins TO newsroom_admin;
GRANT SELECT ON TABLE public.story_wire_origins TO newsroom_scheduler;


--
-- Name: TABLE ticker_history; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.ticker_history TO newsroom_reporter;
GRANT SELECT,INSERT ON TABLE public.ticker_history TO newsroom_editor;
GRANT SELECT,INSERT ON TABLE public.ticker_history TO newsroom_chief;
GRANT SELECT,INSERT ON TABLE public.ticker_history TO newsroom_admin;
GRANT SELECT,INSERT ON TABLE public.ticker_history TO newsroom_scheduler;


--
-- Name: SEQUENCE ticker_history_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.ticker_history_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.ticker_history_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.ticker_history_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.ticker_history_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.ticker_history_id_seq TO newsroom_scheduler;


--
-- Name: TABLE ticker_items; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.ticker_items TO newsroom_reporter;
GRANT SELECT,INSERT,UPDATE ON TABLE public.ticker_items TO newsroom_editor;
GRANT SELECT,INSERT,UPDATE ON TABLE public.ticker_items TO newsroom_chief;
GRANT SELECT,UPDATE ON TABLE public.ticker_items TO newsroom_admin;
GRANT SELECT,UPDATE ON TABLE public.ticker_items TO newsroom_scheduler;


--
-- Name: SEQUENCE ticker_items_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.ticker_items_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.ticker_items_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.ticker_items_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.ticker_items_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.ticker_items_id_seq TO newsroom_scheduler;


--
-- Name: TABLE wire_items; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.wire_items TO newsroom_reporter;
GRANT SELECT ON TABLE public.wire_items TO newsroom_editor;
GRANT SELECT ON TABLE public.wire_items TO newsroom_chief;
GRANT SELECT ON TABLE public.wire_items TO newsroom_admin;
GRANT SELECT ON TABLE public.wire_items TO newsroom_scheduler;


--
-- Name: SEQUENCE wire_items_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.wire_items_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.wire_items_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.wire_items_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.wire_items_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.wire_items_id_seq TO newsroom_scheduler;


--
-- Name: TABLE wire_notices; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.wire_notices TO newsroom_reporter;
GRANT SELECT ON TABLE public.wire_notices TO newsroom_editor;
GRANT SELECT ON TABLE public.wire_notices TO newsroom_chief;
GRANT SELECT ON TABLE public.wire_notices TO newsroom_admin;
GRANT SELECT ON TABLE public.wire_notices TO newsroom_scheduler;


--
-- Name: SEQUENCE wire_notices_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.wire_notices_id_seq TO newsroom_reporter;
GRANT SELECT,USAGE ON SEQUENCE public.wire_notices_id_seq TO newsroom_editor;
GRANT SELECT,USAGE ON SEQUENCE public.wire_notices_id_seq TO newsroom_chief;
GRANT SELECT,USAGE ON SEQUENCE public.wire_notices_id_seq TO newsroom_admin;
GRANT SELECT,USAGE ON SEQUENCE public.wire_notices_id_seq TO newsroom_scheduler;


--
-- Name: TABLE wire_sources; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.wire_sources TO newsroom_reporter;
GRANT SELECT ON TABLE public.wire_sources TO newsroom_editor;
GRANT SELECT,INSERT,UPDATE ON TABLE public.wire_sources TO newsroom_chief;
GRANT SELECT,INSERT,UPDATE ON TABLE public.wire_sources TO newsroom_admin;
GRANT SELECT ON TABLE public.wire_sources TO newsroom_scheduler;


--
-- Name: TABLE wire_versions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.wire_versions TO newsroom_reporter;
GRANT SELECT ON TABLE public.wire_versions TO newsroom_editor;
GRANT SELECT ON TABLE public.wire_versions TO newsroom_chief;
GRANT SELECT ON TABLE public.wire_versions TO newsroom_admin;
GRANT SELECT ON TABLE public.wire_versions TO newsroom_scheduler;


--
-- Name: TABLE changes; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.changes TO pg_read_all_data;
GRANT SELECT ON TABLE reader.changes TO pg_write_all_data;
GRANT SELECT ON TABLE reader.changes TO newsroom_reporter;
GRANT SELECT ON TABLE reader.changes TO newsroom_editor;
GRANT SELECT ON TABLE reader.changes TO newsroom_chief;
GRANT SELECT ON TABLE reader.changes TO newsroom_admin;


--
-- Name: TABLE corrections; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.corrections TO newsroom_reporter;
GRANT SELECT ON TABLE reader.corrections TO newsroom_editor;
GRANT SELECT ON TABLE reader.corrections TO newsroom_chief;
GRANT SELECT ON TABLE reader.corrections TO newsroom_admin;


--
-- Name: TABLE media_files; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.media_files TO pg_read_all_data;
GRANT SELECT ON TABLE reader.media_files TO pg_write_all_data;
GRANT SELECT ON TABLE reader.media_files TO newsroom_reporter;
GRANT SELECT ON TABLE reader.media_files TO newsroom_editor;
GRANT SELECT ON TABLE reader.media_files TO newsroom_chief;
GRANT SELECT ON TABLE reader.media_files TO newsroom_admin;


--
-- Name: TABLE migrations; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.migrations TO newsroom_reporter;
GRANT SELECT ON TABLE reader.migrations TO newsroom_editor;
GRANT SELECT ON TABLE reader.migrations TO newsroom_chief;
GRANT SELECT ON TABLE reader.migrations TO newsroom_admin;


--
-- Name: TABLE photo_renditions; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.photo_renditions TO pg_read_all_data;
GRANT SELECT ON TABLE reader.photo_renditions TO pg_write_all_data;
GRANT SELECT ON TABLE reader.photo_renditions TO newsroom_reporter;
GRANT SELECT ON TABLE reader.photo_renditions TO newsroom_editor;
GRANT SELECT ON TABLE reader.photo_renditions TO newsroom_chief;
GRANT SELECT ON TABLE reader.photo_renditions TO newsroom_admin;


--
-- Name: TABLE published; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.published TO pg_read_all_data;
GRANT SELECT ON TABLE reader.published TO pg_write_all_data;
GRANT SELECT ON TABLE reader.published TO newsroom_reporter;
GRANT SELECT ON TABLE reader.published TO newsroom_editor;
GRANT SELECT ON TABLE reader.published TO newsroom_chief;
GRANT SELECT ON TABLE reader.published TO newsroom_admin;


--
-- Name: TABLE search; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.search TO pg_read_all_data;
GRANT SELECT ON TABLE reader.search TO pg_write_all_data;
GRANT SELECT ON TABLE reader.search TO newsroom_reporter;
GRANT SELECT ON TABLE reader.search TO newsroom_editor;
GRANT SELECT ON TABLE reader.search TO newsroom_chief;
GRANT SELECT ON TABLE reader.search TO newsroom_admin;


--
-- Name: TABLE sections; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.sections TO newsroom_reporter;
GRANT SELECT ON TABLE reader.sections TO newsroom_editor;
GRANT SELECT ON TABLE reader.sections TO newsroom_chief;
GRANT SELECT ON TABLE reader.sections TO newsroom_admin;


--
-- Name: TABLE settings; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.settings TO newsroom_reporter;
GRANT SELECT ON TABLE reader.settings TO newsroom_editor;
GRANT SELECT ON TABLE reader.settings TO newsroom_chief;
GRANT SELECT ON TABLE reader.settings TO newsroom_admin;


--
-- Name: TABLE stories; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.stories TO newsroom_reporter;
GRANT SELECT ON TABLE reader.stories TO newsroom_editor;
GRANT SELECT ON TABLE reader.stories TO newsroom_chief;
GRANT SELECT ON TABLE reader.stories TO newsroom_admin;


--
-- Name: TABLE story_origins; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.story_origins TO pg_read_all_data;
GRANT SELECT ON TABLE reader.story_origins TO pg_write_all_data;
GRANT SELECT ON TABLE reader.story_origins TO newsroom_reporter;
GRANT SELECT ON TABLE reader.story_origins TO newsroom_editor;
GRANT SELECT ON TABLE reader.story_origins TO newsroom_chief;
GRANT SELECT ON TABLE reader.story_origins TO newsroom_admin;


--
-- Name: TABLE story_photo_files; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.story_photo_files TO pg_read_all_data;
GRANT SELECT ON TABLE reader.story_photo_files TO pg_write_all_data;
GRANT SELECT ON TABLE reader.story_photo_files TO newsroom_reporter;
GRANT SELECT ON TABLE reader.story_photo_files TO newsroom_editor;
GRANT SELECT ON TABLE reader.story_photo_files TO newsroom_chief;
GRANT SELECT ON TABLE reader.story_photo_files TO newsroom_admin;


--
-- Name: TABLE story_photos; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.story_photos TO pg_read_all_data;
GRANT SELECT ON TABLE reader.story_photos TO pg_write_all_data;
GRANT SELECT ON TABLE reader.story_photos TO newsroom_reporter;
GRANT SELECT ON TABLE reader.story_photos TO newsroom_editor;
GRANT SELECT ON TABLE reader.story_photos TO newsroom_chief;
GRANT SELECT ON TABLE reader.story_photos TO newsroom_admin;


--
-- Name: TABLE ticker; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.ticker TO newsroom_reporter;
GRANT SELECT ON TABLE reader.ticker TO newsroom_editor;
GRANT SELECT ON TABLE reader.ticker TO newsroom_chief;
GRANT SELECT ON TABLE reader.ticker TO newsroom_admin;


--
-- Name: TABLE ticker_next_change; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.ticker_next_change TO newsroom_reporter;
GRANT SELECT ON TABLE reader.ticker_next_change TO newsroom_editor;
GRANT SELECT ON TABLE reader.ticker_next_change TO newsroom_chief;
GRANT SELECT ON TABLE reader.ticker_next_change TO newsroom_admin;


--
-- Name: TABLE ticker_state; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.ticker_state TO pg_read_all_data;
GRANT SELECT ON TABLE reader.ticker_state TO pg_write_all_data;
GRANT SELECT ON TABLE reader.ticker_state TO newsroom_reporter;
GRANT SELECT ON TABLE reader.ticker_state TO newsroom_editor;
GRANT SELECT ON TABLE reader.ticker_state TO newsroom_chief;
GRANT SELECT ON TABLE reader.ticker_state TO newsroom_admin;


--
-- Name: TABLE withdrawn_stories; Type: ACL; Schema: reader; Owner: -
--

GRANT SELECT ON TABLE reader.withdrawn_stories TO newsroom_reporter;
GRANT SELECT ON TABLE reader.withdrawn_stories TO newsroom_editor;
GRANT SELECT ON TABLE reader.withdrawn_stories TO newsroom_chief;
GRANT SELECT ON TABLE reader.withdrawn_stories TO newsroom_admin;


--
-- PostgreSQL database dump complete
--


