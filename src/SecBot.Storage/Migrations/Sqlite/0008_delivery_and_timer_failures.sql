-- Failures kept in sight: a message the dispatcher gave up on and a timer whose handler kept failing are kept,
-- counted by `status`, and noted on the timeline of the incident or gate they concern.

-- When the dispatcher dead-lettered a message (state 'dead'); NULL for messages dead-lettered before this column.
ALTER TABLE outbox ADD COLUMN dead_at INTEGER;

-- A timer whose handler throws is retried a bounded number of times: attempts counts the failed firings and
-- last_error is the latest. The last failure parks it: failed_at and fired_at are both set to when it was given up
-- on, so it leaves the schedule (firing, claiming and cancelling only look at unfired timers) while the row is kept.
-- A parked timer is one with failed_at set; a timer that fired normally has failed_at NULL.
ALTER TABLE timers ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE timers ADD COLUMN last_error TEXT;
ALTER TABLE timers ADD COLUMN failed_at INTEGER;

CREATE INDEX ix_timers_failed ON timers (failed_at) WHERE failed_at IS NOT NULL;

-- A parked timer is evidence of something SecBot did not do: a purge of old timers skips it rather than deleting it.
CREATE TRIGGER timers_keep_parked
BEFORE DELETE ON timers
WHEN OLD.failed_at IS NOT NULL
BEGIN
    SELECT RAISE(IGNORE);
END;
