-- Newsroom settings: one row per key, read by every command (e.g. the time zone).
CREATE TABLE settings (
    key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
    value text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO settings (key, value) VALUES ('timezone', 'UTC');

-- A time zone the server does not know would break every time shown; refuse it here too.
CREATE FUNCTION settings_check_timezone() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER settings_check_timezone BEFORE INSERT OR UPDATE ON settings
    FOR EACH ROW EXECUTE FUNCTION settings_check_timezone();
