-- The dedup keys of alert senders (PagerDuty Events v2 dedup_key, Alertmanager fingerprint), each pointing at the
-- incident its trigger opened. source is a fingerprint of the routing key (never the key itself), so two senders'
-- keys never meet. A key whose incident is resolved opens a new incident and is pointed at it; repeats counts the
-- triggers coalesced into the current incident (the timeline says when each batch came).
CREATE TABLE alert_keys (
    source       TEXT     NOT NULL,
    dedup_key    TEXT     NOT NULL,
    incident_id  INTEGER  NOT NULL REFERENCES incidents (id),
    repeats      INTEGER  NOT NULL DEFAULT 0,
    opened_at    INTEGER  NOT NULL,
    last_at      INTEGER  NOT NULL,
    PRIMARY KEY (source, dedup_key)
);

CREATE INDEX ix_alert_keys_incident ON alert_keys (incident_id);
