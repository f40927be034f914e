-- A cover (on-call override) is cancelled by marking it, never by deleting it: who cancelled it and when stay on
-- the row for the audit trail, and a cancelled cover no longer covers anything. Both columns are set together, once.
ALTER TABLE oncall_overrides ADD COLUMN cancelled_at INTEGER;
ALTER TABLE oncall_overrides ADD COLUMN cancelled_by TEXT CHECK ((cancelled_by IS NULL) = (cancelled_at IS NULL));

CREATE TRIGGER oncall_overrides_keep_rows
BEFORE DELETE ON oncall_overrides
BEGIN
    SELECT RAISE(ABORT, 'covers are never deleted; cancel them instead');
END;

CREATE TRIGGER oncall_overrides_cancel_once
BEFORE UPDATE ON oncall_overrides
WHEN OLD.cancelled_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.target IS NOT OLD.target OR NEW.person_id IS NOT OLD.person_id
  OR NEW.starts_at IS NOT OLD.starts_at OR NEW.ends_at IS NOT OLD.ends_at
  OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'a cover is only changed by cancelling it, once');
END;
