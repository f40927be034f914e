-- Conventions for every table: instants are INTEGER unix epoch milliseconds (UTC); calendar
-- dates are TEXT 'yyyy-MM-dd'. Tables are STRICT so a value of the wrong type (say an instant
-- written as text) is refused instead of silently stored.

-- People as configured under SecBot:Roster:People. A person who leaves the configuration but is
-- still referenced (an override, a page, a sign-off) is kept with configured = 0.
CREATE TABLE people (
    id             TEXT    NOT NULL PRIMARY KEY,
    name           TEXT    NOT NULL,
    email          TEXT,
    slack_user_id  TEXT,
    teams_user_id  TEXT,
    configured     INTEGER NOT NULL DEFAULT 1 CHECK (configured IN (0, 1)),
    synced_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX ix_people_slack_user_id ON people (slack_user_id) WHERE slack_user_id IS NOT NULL;
CREATE INDEX ix_people_teams_user_id ON people (teams_user_id) WHERE teams_user_id IS NOT NULL;

-- current = 1: a role listed under the person's Roles (held now, no dates).
-- current = 0: a dated assignment (the six-month rotation); to_date is inclusive, NULL = open-ended.
CREATE TABLE role_assignments (
    id         INTEGER NOT NULL PRIMARY KEY,
    person_id  TEXT    NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL,
    from_date  TEXT,
    to_date    TEXT,
    current    INTEGER NOT NULL CHECK (current IN (0, 1))
) STRICT;

CREATE UNIQUE INDEX ux_role_assignments
    ON role_assignments (person_id, role, current, coalesce(from_date, ''), coalesce(to_date, ''));
CREATE INDEX ix_role_assignments_role ON role_assignments (role);

-- A person covers a target ('rotation:<id>' or 'role:<RoleId>') for [starts_at, ends_at).
CREATE TABLE oncall_overrides (
    id          INTEGER NOT NULL PRIMARY KEY,
    target      TEXT    NOT NULL,
    person_id   TEXT    NOT NULL REFERENCES people (id),
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
) STRICT;

CREATE INDEX ix_oncall_overrides_window ON oncall_overrides (ends_at, starts_at);
