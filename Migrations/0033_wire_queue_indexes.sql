-- The wire queue (0032), indexed as it is read.
-- It is listed newest first and, among items the agency sent at the same time (a
-- newsMessage's items), the more urgent first (1 is the most; an item without an urgency
-- last), as `wire list` says. 0032's indexes held the time and the id alone, so the list
-- ordered by them only; these hold the urgency between, which also lets `--urgency N` be
-- checked in the index rather than row by row.
DROP INDEX wire_items_newest;
DROP INDEX wire_items_source_newest;
CREATE INDEX wire_items_newest ON wire_items (version_created DESC, urgency ASC NULLS LAST, id DESC);
CREATE INDEX wire_items_source_newest ON wire_items (source, version_created DESC, urgency ASC NULLS LAST, id DESC);

-- Retention drops items whose last version came before wire.retention days ago
-- (NewsroomStore.purgeWireQueue, by updated_at): 0032 indexed received_at, which nothing reads,
-- so each pass of the worker read the whole queue to find them.
DROP INDEX wire_items_received;
CREATE INDEX wire_items_updated ON wire_items (updated_at);
