-- Gates opened through the Gate API: which service's key opened each one (its SHA-256, never the key), and the URLs
-- its caller gave: details_url to show reviewers, callback_url to be told of the decision (signed with that key).
CREATE TABLE api_gates (
    gate_id          bigint  PRIMARY KEY REFERENCES gates (id),
    service          text    NOT NULL,
    key_sha256       text    NOT NULL,
    details_url      text,
    callback_url     text,
    self_url         text    NOT NULL,
    opened_at        bigint  NOT NULL
);
