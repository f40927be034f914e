-- Outbound messages, written in the same transaction as the state change that causes them.
-- Messages of one (platform, channel_key) are delivered strictly in id order: only the oldest
-- pending row of a channel is ever handed to the dispatcher. A claim is a lease, as for timers.
CREATE TABLE outbox (
    id               INTEGER NOT NULL PRIMARY KEY,
    platform         TEXT    NOT NULL,
    channel_key      TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    state            TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
    claimed_by       TEXT,
    claimed_at       INTEGER,
    sent_at          INTEGER
) STRICT;

CREATE INDEX ix_outbox_pending_channel ON outbox (platform, channel_key, id) WHERE state = 'pending';
CREATE INDEX ix_outbox_pending_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX ix_outbox_dead ON outbox (id) WHERE state = 'dead';

-- Idempotency keys of inbound traffic (Slack event_id, action ids, Teams activity ids, alert
-- dedup keys): a repeat finds its key here and changes nothing.
CREATE TABLE inbound_keys (
    source       TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (source, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_inbound_keys_received_at ON inbound_keys (received_at);
