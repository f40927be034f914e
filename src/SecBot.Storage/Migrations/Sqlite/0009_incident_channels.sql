-- Per-incident channels (SecBot:Slack:PerIncidentChannels). The channel made for an incident, so a command typed
-- there without an id acts on that incident, and whether its incident card was posted there yet.
CREATE TABLE incident_channels (
    incident_id     INTEGER NOT NULL REFERENCES incidents (id),
    platform        TEXT    NOT NULL,
    channel_id      TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    card_posted_at  INTEGER,
    PRIMARY KEY (incident_id, platform)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX ux_incident_channels_channel ON incident_channels (channel_id, platform);

-- Who was invited to an incident's channel, so a later page invites only the newly paged. error is set when
-- the platform refused the invitation for good (e.g. a deactivated user); it is not tried again.
CREATE TABLE incident_channel_members (
    incident_id  INTEGER NOT NULL,
    platform     TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    invited_at   INTEGER NOT NULL,
    error        TEXT,
    PRIMARY KEY (incident_id, platform, user_id),
    FOREIGN KEY (incident_id, platform) REFERENCES incident_channels (incident_id, platform)
) STRICT, WITHOUT ROWID;
