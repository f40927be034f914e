-- Review gates as the engine keeps them, their timeline, and the sign-off ledger as one hash chain.

-- Gate columns the engine's Gate carries beyond 0003: where the request came from, the stage under review,
-- when that stage was put to its reviewers, and when the gate was last approved or had changes requested.
-- state is 'open', 'changes-requested' or 'approved'.
ALTER TABLE gates ADD COLUMN requested_via TEXT NOT NULL DEFAULT '';
ALTER TABLE gates ADD COLUMN stage_number INTEGER NOT NULL DEFAULT 1;
ALTER TABLE gates ADD COLUMN stage_opened_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gates ADD COLUMN decided_at INTEGER;

-- The gate timeline; detail is free text.
CREATE TABLE gate_events (
    id       INTEGER NOT NULL PRIMARY KEY,
    gate_id  INTEGER NOT NULL REFERENCES gates (id),
    at       INTEGER NOT NULL,
    kind     TEXT    NOT NULL,
    actor    TEXT    NOT NULL,
    detail   TEXT
) STRICT;

CREATE INDEX ix_gate_events_gate ON gate_events (gate_id, at, id);

-- The sign-off ledger also records gate decisions (gate-approved, changes-requested, resubmitted), so one
-- hash chain covers everything an auditor asks about. A gate-level row has kind 'gate-decision' and seat ''.
-- person_name is who signed as displayed at the time: people are renamed, the ledger is not.
-- optional_seat: the sign-off was on an optional seat (a comment, an objection or an optional approval).
--
-- hash = lowercase hex SHA-256 of the canonical record, which covers prev_hash and every column but hash and
-- is_stale; see SecBot.Storage.Ledger.LedgerHasher for the exact byte layout. `ledger verify` checks it.
ALTER TABLE signoffs ADD COLUMN kind TEXT NOT NULL DEFAULT 'signoff' CHECK (kind IN ('signoff', 'gate-decision'));
ALTER TABLE signoffs ADD COLUMN person_name TEXT;
ALTER TABLE signoffs ADD COLUMN optional_seat INTEGER NOT NULL DEFAULT 0 CHECK (optional_seat IN (0, 1));

-- Belt and braces behind the gate's optimistic version check: a required seat of one stage of one revision
-- is filled (approved or overridden) once, an optional seat is approved once per person and revision, and a
-- revision is approved once. Stale rows belong to older revisions, so they never clash with current ones.
CREATE UNIQUE INDEX ux_signoffs_required_fill
    ON signoffs (gate_id, revision, stage, seat)
    WHERE kind = 'signoff' AND optional_seat = 0 AND decision IN ('approve', 'override');

CREATE UNIQUE INDEX ux_signoffs_optional_approval
    ON signoffs (gate_id, revision, seat, person_id)
    WHERE kind = 'signoff' AND optional_seat = 1 AND decision = 'approve';

CREATE UNIQUE INDEX ux_signoffs_gate_approved
    ON signoffs (gate_id, revision)
    WHERE kind = 'gate-decision' AND decision = 'gate-approved';

-- The list of frozen columns must name every column but is_stale, so it is recreated with the new ones.
DROP TRIGGER signoffs_refuse_update;

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
  OR NEW.kind IS NOT OLD.kind
  OR NEW.person_name IS NOT OLD.person_name
  OR NEW.optional_seat IS NOT OLD.optional_seat
  OR (OLD.is_stale = 1 AND NEW.is_stale = 0)
BEGIN
    SELECT RAISE(ABORT, 'signoffs are append-only: only the stale flag may change, and only to stale');
END;

-- The chain cannot fork: a new record takes the next id and names the last record's hash as its
-- prev_hash (NULL or '' for the first). The hash itself is checked by `ledger verify`, not here.
CREATE TRIGGER signoffs_refuse_fork
BEFORE INSERT ON signoffs
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM signoffs)
  OR coalesce(NEW.prev_hash, '') IS NOT coalesce((SELECT hash FROM signoffs ORDER BY id DESC LIMIT 1), '')
BEGIN
    SELECT RAISE(ABORT, 'signoffs are append-only: a new sign-off must take the next id and chain to the last sign-off''s hash');
END;
