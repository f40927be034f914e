-- AUTOINCREMENT so an INC-n number is never handed out twice, even after the newest row is gone.
CREATE TABLE incidents (
    id                     INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    title                  TEXT    NOT NULL,
    type                   TEXT    NOT NULL,
    level                  TEXT    NOT NULL,
    state                  TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'resolved')),
    declared_by            TEXT    NOT NULL,
    lead_person_id         TEXT    REFERENCES people (id),
    alert_dedup_key        TEXT,
    slack_channel_id       TEXT,
    slack_thread_ts        TEXT,
    teams_conversation_id  TEXT,
    teams_activity_id      TEXT,
    summary                TEXT,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    resolved_at            INTEGER,
    version                INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX ix_incidents_open ON incidents (state) WHERE state <> 'resolved';
CREATE INDEX ix_incidents_alert_dedup_key ON incidents (alert_dedup_key) WHERE alert_dedup_key IS NOT NULL;
CREATE INDEX ix_incidents_slack_channel ON incidents (slack_channel_id) WHERE slack_channel_id IS NOT NULL;
CREATE INDEX ix_incidents_teams_conversation ON incidents (teams_conversation_id) WHERE teams_conversation_id IS NOT NULL;

-- The incident timeline; detail is free text or JSON.
CREATE TABLE incident_events (
    id           INTEGER NOT NULL PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    at           INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    detail       TEXT
) STRICT;

CREATE INDEX ix_incident_events_incident ON incident_events (incident_id, at, id);

-- One row per page sent (a re-page is a new row with attempt + 1). The message refs are filled
-- in once the dispatcher has delivered the direct message.
CREATE TABLE pages (
    id                     INTEGER NOT NULL PRIMARY KEY,
    incident_id            INTEGER NOT NULL REFERENCES incidents (id),
    person_id              TEXT    NOT NULL REFERENCES people (id),
    level                  TEXT    NOT NULL,
    attempt                INTEGER NOT NULL DEFAULT 1,
    paged_at               INTEGER NOT NULL,
    acked_at               INTEGER,
    acked_by               TEXT,
    slack_channel_id       TEXT,
    slack_message_ts       TEXT,
    teams_conversation_id  TEXT,
    teams_activity_id      TEXT
) STRICT;

CREATE INDEX ix_pages_incident ON pages (incident_id, level);
CREATE INDEX ix_pages_person ON pages (person_id);
