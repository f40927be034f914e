-- The dedup keys of alert senders (PagerDuty Events v2 dedup_key, Alertmanager fingerprint), each pointing at the
-- incident its trigger opened. source is a fingerprint of the routing key (never the key itself), so two senders'
-- keys never meet. A key whose incident is resolved opens a new incident and is pointed at it; repeats counts the
-- triggers coalesced into the current incident (the timeline says when each batch came).
CREATE TABLE alert_keys (
    source       text    NOT NULL,
    dedup_key    text    NOT NULL,
    incident_id  bigint  NOT NULL REFERENCES incidents (id),
    repeats      bigint  NOT NULL DEFAULT 0,
    opened_at    bigint  NOT NULL,
    last_at      bigint  NOT NULL,
    PRIMARY KEY (source, dedup_key)
);

CREATE INDEX ix_alert_keys_incident ON alert_keys (incident_id);
