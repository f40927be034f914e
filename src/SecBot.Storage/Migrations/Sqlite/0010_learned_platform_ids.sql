-- Chat user ids SecBot learned for roster people who are configured with an Email but no user id on that platform
-- (Slack's users.lookupByEmail). email is the address it was learned from: once the roster gives the person another
-- address, the row no longer applies. One learned id per person and platform, and one person per platform user id.
-- A roster person's configured id always wins over a learned one.
CREATE TABLE learned_platform_ids (
    person_id   TEXT    NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    platform    TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    email       TEXT    NOT NULL,
    learned_at  INTEGER NOT NULL,
    PRIMARY KEY (person_id, platform)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX ux_learned_platform_ids_user ON learned_platform_ids (platform, user_id);
