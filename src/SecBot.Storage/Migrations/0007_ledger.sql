-- The sign-off ledger also records gate decisions (approved, changes requested, resubmitted, override),
-- so one hash chain covers everything an auditor asks about. A gate-level row has stage 0 and seat ''.
-- person_name is who signed as displayed at the time: people are renamed, the ledger is not.
ALTER TABLE signoffs ADD COLUMN kind TEXT NOT NULL DEFAULT 'signoff' CHECK (kind IN ('signoff', 'gate-decision'));
ALTER TABLE signoffs ADD COLUMN person_name TEXT;

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
