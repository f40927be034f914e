-- Escalation and reminder timers. A row is due when due_at <= now and fired_at IS NULL. A claim
-- (claimed_by, claimed_at) is a lease: if the claimant dies before firing, the row is claimable
-- again once the lease runs out, so a restart loses no timer.
CREATE TABLE timers (
    id          INTEGER NOT NULL PRIMARY KEY,
    kind        TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    due_at      INTEGER NOT NULL,
    payload     TEXT,
    created_at  INTEGER NOT NULL,
    claimed_by  TEXT,
    claimed_at  INTEGER,
    fired_at    INTEGER
) STRICT;

CREATE INDEX ix_timers_pending_due ON timers (due_at) WHERE fired_at IS NULL;
CREATE INDEX ix_timers_pending_subject ON timers (subject, kind) WHERE fired_at IS NULL;
