-- Storm control (README, "Storm control and declare limits"). One row per person SecBot has paged: a page locks it
-- (an upsert), so concurrent pages to one person, on any replica, are counted one after the other; digest_due_at is
-- when the digest of their held pages goes out (NULL: none pending).
CREATE TABLE page_recipients (
    person_id      TEXT    NOT NULL PRIMARY KEY,
    digest_due_at  INTEGER,
    paged_at       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The page DMs (and digests) queued to each person within the storm window; older rows are forgotten as pages come.
CREATE TABLE page_sends (
    id         INTEGER PRIMARY KEY,
    person_id  TEXT    NOT NULL,
    sent_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX ix_page_sends_person ON page_sends (person_id, sent_at);

-- Pages held for the person's next digest; the digest takes them (their incidents' timelines keep the record).
CREATE TABLE held_pages (
    id           INTEGER PRIMARY KEY,
    person_id    TEXT    NOT NULL,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    level        TEXT    NOT NULL,
    attempt      INTEGER NOT NULL,
    held_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX ix_held_pages_person ON held_pages (person_id, id);
