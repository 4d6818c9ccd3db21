-- Interchange (ninjs, feeds): a withdrawn story's version too, so partners' systems see the
-- cancellation as a newer version of what they hold. Still nothing of its text.
CREATE OR REPLACE VIEW reader.withdrawn_stories AS
SELECT s.id, s.withdrawn_at, s.version FROM stories s WHERE s.status = 'withdrawn';
