-- What the escalation engine needs beyond 0002: which level an acknowledgement stopped, who resolved,
-- where an incident was declared, and why each person was paged.
ALTER TABLE incidents ADD COLUMN origin TEXT;
ALTER TABLE incidents ADD COLUMN acknowledged_level TEXT;
ALTER TABLE incidents ADD COLUMN acknowledged_by TEXT;
ALTER TABLE incidents ADD COLUMN acknowledged_at INTEGER;
ALTER TABLE incidents ADD COLUMN resolved_by TEXT;

ALTER TABLE pages ADD COLUMN reason TEXT NOT NULL DEFAULT 'OnCall';
ALTER TABLE pages ADD COLUMN note TEXT;
CREATE INDEX ix_incidents_open_origin ON incidents (origin) WHERE state <> 'resolved' AND origin IS NOT NULL;
