-- A wire source's location, by the core's rule (WireRules.checkSource), counted the same way on
-- both sides. 0032 said "control" and "space" by the server's locale classes ([[:cntrl:]],
-- [[:space:]]), which need not be the core's; and the CLI alone refused a space past the host.
-- Control characters are Unicode's Cc (U+0000-U+001F, U+007F-U+009F); an address's space is U+0020.
ALTER TABLE wire_sources DROP CONSTRAINT wire_source_location_size, DROP CONSTRAINT wire_source_url_http;
ALTER TABLE wire_sources
    ADD CONSTRAINT wire_source_location_size CHECK (octet_length(location) <= 2000 AND location !~ '[\u0001-\u001f\u007f-\u009f]'),
    ADD CONSTRAINT wire_source_url_http CHECK (kind <> 'url' OR (location ~ '^https?://[^/?# ]' AND position(' ' IN location) = 0));
