-- Gates opened through the Gate API: which service's key opened each one (its SHA-256, never the key), and the URLs
-- its caller gave: details_url to show reviewers, callback_url to be told of the decision (signed with that key).
CREATE TABLE api_gates (
    gate_id          INTEGER PRIMARY KEY REFERENCES gates (id),
    service          TEXT    NOT NULL,
    key_sha256       TEXT    NOT NULL,
    details_url      TEXT,
    callback_url     TEXT,
    self_url         TEXT    NOT NULL,
    opened_at        INTEGER NOT NULL
) STRICT;
