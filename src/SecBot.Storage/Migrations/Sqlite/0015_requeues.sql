-- Every re-queue of something SecBot gave up on (a dead-lettered outbox message, a parked timer) by a manager's
-- `retry`: who, when, which row, about what. The incident's or gate's timeline gets a note too; this log is the audit
-- of every re-queue, and the only record of one that concerns no incident or gate. Rows are only ever added.
CREATE TABLE requeues (
    id         INTEGER NOT NULL PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor      TEXT    NOT NULL,
    target     TEXT    NOT NULL CHECK (target IN ('message', 'timer')),
    target_id  INTEGER NOT NULL,
    subject    TEXT,
    detail     TEXT    NOT NULL
) STRICT;

CREATE INDEX ix_requeues_target ON requeues (target, target_id);
