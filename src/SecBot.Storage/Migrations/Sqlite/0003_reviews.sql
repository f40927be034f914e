-- AUTOINCREMENT so a REV-n number is never handed out twice.
CREATE TABLE gates (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    type             TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    requester        TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    revision         INTEGER NOT NULL DEFAULT 1,
    incident_id      INTEGER REFERENCES incidents (id),
    owner_person_id  TEXT    REFERENCES people (id),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX ix_gates_state ON gates (state);
CREATE INDEX ix_gates_incident ON gates (incident_id) WHERE incident_id IS NOT NULL;

CREATE TABLE gate_stages (
    gate_id  INTEGER NOT NULL REFERENCES gates (id),
    ordinal  INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    state    TEXT    NOT NULL,
    PRIMARY KEY (gate_id, ordinal)
) STRICT, WITHOUT ROWID;

-- The sign-off ledger: append-only and hash-chained (hash covers prev_hash and the record).
-- is_stale is the one mutable column (a resubmitted revision dismisses the old sign-offs) and is
-- deliberately outside the hash.
CREATE TABLE signoffs (
    id           INTEGER NOT NULL PRIMARY KEY,
    gate_id      INTEGER NOT NULL REFERENCES gates (id),
    revision     INTEGER NOT NULL,
    stage        INTEGER NOT NULL,
    seat         TEXT    NOT NULL,
    person_id    TEXT    NOT NULL REFERENCES people (id),
    role_held    TEXT    NOT NULL,
    decision     TEXT    NOT NULL,
    comment      TEXT,
    checklist    TEXT,
    platform     TEXT    NOT NULL,
    is_override  INTEGER NOT NULL DEFAULT 0 CHECK (is_override IN (0, 1)),
    is_stale     INTEGER NOT NULL DEFAULT 0 CHECK (is_stale IN (0, 1)),
    at           INTEGER NOT NULL,
    prev_hash    TEXT,
    hash         TEXT    NOT NULL UNIQUE
) STRICT;

CREATE INDEX ix_signoffs_gate ON signoffs (gate_id, revision, stage);

CREATE TRIGGER signoffs_refuse_delete
BEFORE DELETE ON signoffs
BEGIN
    SELECT RAISE(ABORT, 'signoffs are append-only: a sign-off cannot be deleted');
END;

-- Every column but is_stale must stay as it was, and a stale sign-off cannot be revived.
-- A migration that adds a column to signoffs must add it to this list.
CREATE TRIGGER signoffs_refuse_update
BEFORE UPDATE ON signoffs
WHEN NEW.id IS NOT OLD.id
  OR NEW.gate_id IS NOT OLD.gate_id
  OR NEW.revision IS NOT OLD.revision
  OR NEW.stage IS NOT OLD.stage
  OR NEW.seat IS NOT OLD.seat
  OR NEW.person_id IS NOT OLD.person_id
  OR NEW.role_held IS NOT OLD.role_held
  OR NEW.decision IS NOT OLD.decision
  OR NEW.comment IS NOT OLD.comment
  OR NEW.checklist IS NOT OLD.checklist
  OR NEW.platform IS NOT OLD.platform
  OR NEW.is_override IS NOT OLD.is_override
  OR NEW.at IS NOT OLD.at
  OR NEW.prev_hash IS NOT OLD.prev_hash
  OR NEW.hash IS NOT OLD.hash
  OR (OLD.is_stale = 1 AND NEW.is_stale = 0)
BEGIN
    SELECT RAISE(ABORT, 'signoffs are append-only: only the stale flag may change, and only to stale');
END;

-- INSERT OR REPLACE deletes the clashing row without firing the delete trigger (recursive
-- triggers are off), so an insert that would replace an existing sign-off is refused up front.
CREATE TRIGGER signoffs_refuse_replace
BEFORE INSERT ON signoffs
WHEN EXISTS (SELECT 1 FROM signoffs WHERE id = NEW.id OR hash = NEW.hash)
BEGIN
    SELECT RAISE(ABORT, 'signoffs are append-only: an existing sign-off cannot be replaced');
END;
