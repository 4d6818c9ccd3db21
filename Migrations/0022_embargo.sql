-- Embargoes (issue 18): a story that may not be published before a time (a report under
-- embargo, a court's ruling due at noon). `story publish ID --embargo-until T` schedules it
-- for T, or for a later --at; no path publishes it earlier, and the database holds that
-- whatever writes: a published story's publication is at or after its embargo, a scheduled
-- one's time is too. A ticker line links only a published story or one scheduled before the
-- line starts (0003), so no line can point at it before T either; readers see published
-- stories only. A withdrawal drops the embargo; a correction after it has passed keeps it,
-- and it says nothing any more.
ALTER TABLE stories ADD COLUMN embargo_until timestamptz;
ALTER TABLE stories
    ADD CONSTRAINT story_published_after_embargo CHECK (embargo_until IS NULL OR published_at IS NULL OR published_at >= embargo_until),
    ADD CONSTRAINT story_scheduled_after_embargo CHECK (status <> 'scheduled' OR embargo_until IS NULL OR publish_at >= embargo_until),
    ADD CONSTRAINT story_withdrawal_drops_embargo CHECK (status <> 'withdrawn' OR embargo_until IS NULL);
