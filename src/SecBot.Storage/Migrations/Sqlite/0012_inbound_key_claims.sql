-- A Slack delivery's key is claimed before its command runs and settled by the first write that command commits,
-- in that same transaction (InboundKeyScope). settled_at IS NULL is a claim: if the process died between the claim
-- and the command's commit, Slack's retry finds the claim past its lease and handles the delivery instead of
-- taking it for a duplicate. Keys recorded inside their change (alerts) are settled when written.
ALTER TABLE inbound_keys ADD COLUMN settled_at INTEGER;
UPDATE inbound_keys SET settled_at = received_at;
