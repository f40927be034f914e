-- Where a platform can reach a roster person directly, learned from what they sent (Teams: the per-bot 29: user id,
-- the serviceUrl and tenant of their activities, and the 1:1 conversation once it exists; it cannot be looked up by
-- e-mail). One row per person and platform, replaced as newer activities arrive. conversation_id is NULL until a 1:1
-- conversation is known or created.
CREATE TABLE platform_conversations (
    person_id        TEXT    NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    platform         TEXT    NOT NULL,
    user_id          TEXT    NOT NULL,
    conversation_id  TEXT,
    service_url      TEXT,
    tenant_id        TEXT,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (person_id, platform)
) STRICT, WITHOUT ROWID;

-- Every card delivered about an incident or gate, where it landed and to whom (the outbox channel key, e.g.
-- person:maya): so a later change of that subject can update each copy in place, on every platform (a page
-- acknowledged on Teams updates the Slack page too; a review approved on Slack updates the reviewer's Teams copy).
CREATE TABLE sent_cards (
    id               INTEGER PRIMARY KEY,
    platform         TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    recipient        TEXT,
    conversation_id  TEXT    NOT NULL,
    message_id       TEXT    NOT NULL,
    service_url      TEXT,
    sent_at          INTEGER NOT NULL,
    UNIQUE (platform, conversation_id, message_id)
) STRICT;

CREATE INDEX ix_sent_cards_subject ON sent_cards (platform, subject);
