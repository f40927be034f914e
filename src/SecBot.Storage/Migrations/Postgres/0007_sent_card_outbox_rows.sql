-- The outbox row each delivered card came from: a refresh leaves alone the cards queued with the change it shows (a
-- stage approval's request to the approver's next seat keeps its buttons). NULL for cards recorded before this: they
-- are updated by every refresh, as before.
ALTER TABLE sent_cards ADD COLUMN outbox_id bigint;
