-- The clock asks after every change to the timers when the next one is due: the earliest unclaimed due time
-- (ix_timers_pending_due, read in order, stops at the first unclaimed row) or the earliest expiring lease, found
-- here among the few timers claimed at any moment instead of by reading every pending timer.
CREATE INDEX ix_timers_pending_claimed ON timers (claimed_at) WHERE fired_at IS NULL AND claimed_at IS NOT NULL;
