-- +goose Up
-- The broker's workbench (issue 8): follow-up flags and private notes on
-- requests in the queue, managed residents (people who are not online, for
-- whom a broker posts, responds and talks), and invitations of key figures.

-- Who wrote a post when it is not its author: a broker posting on behalf of
-- a managed resident. NULL means the author did.
ALTER TABLE posts ADD COLUMN created_by UUID REFERENCES users (id) ON DELETE SET NULL;
-- The broker who sent a message on behalf of a managed resident (the sender
-- stays the resident, as the other person sees it).
ALTER TABLE messages ADD COLUMN sent_by_broker UUID REFERENCES users (id) ON DELETE SET NULL;

-- A person without a login, managed by brokers covering their
-- neighbourhood. consent_at is the day the person agreed (AVG art. 6 and 7:
-- the broker records it; the note says how).
CREATE TABLE managed_residents (
    user_id      UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    managed_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    consent_at   DATE NOT NULL,
    consent_note TEXT CHECK (length(consent_note) <= 500),
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX managed_residents_created_idx ON managed_residents (created_at DESC, user_id DESC);

-- One follow-up flag per request: "look at this again by due_on".
CREATE TABLE broker_follow_ups (
    post_id    UUID PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    flagged_by UUID REFERENCES users (id) ON DELETE SET NULL,
    due_on     DATE,
    note       TEXT CHECK (length(note) <= 500),
    flagged_at TIMESTAMPTZ NOT NULL
);

-- Private notes of brokers on a post, append-only: never shown to
-- residents, never part of the post's own answers.
CREATE TABLE broker_notes (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    post_id    UUID NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author_id  UUID REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX broker_notes_post_idx ON broker_notes (post_id, created_at DESC, id DESC);

-- A broker invites a key figure for one of their neighbourhoods. When the
-- e-mail has an account the role is granted at once (used_at, user_id set);
-- else the invitation waits for that e-mail to register, for 30 days. Only
-- a hash of the code is kept.
CREATE TABLE keyfigure_invitations (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email           TEXT NOT NULL CHECK (length(email) <= 254),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    organisation_id UUID REFERENCES organisations (id) ON DELETE SET NULL,
    area_code       TEXT NOT NULL REFERENCES areas (code),
    code_hash       BYTEA NOT NULL UNIQUE,
    invited_by      UUID REFERENCES users (id) ON DELETE SET NULL,
    user_id         UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    used_at         TIMESTAMPTZ,
    CHECK ((used_at IS NULL) = (user_id IS NULL))
);
CREATE INDEX keyfigure_invitations_email_idx ON keyfigure_invitations (lower(email)) WHERE used_at IS NULL;
CREATE INDEX keyfigure_invitations_user_idx ON keyfigure_invitations (user_id) WHERE user_id IS NOT NULL;

-- +goose Down
DROP TABLE keyfigure_invitations;
DROP TABLE broker_notes;
DROP TABLE broker_follow_ups;
DROP TABLE managed_residents;
ALTER TABLE messages DROP COLUMN sent_by_broker;
ALTER TABLE posts DROP COLUMN created_by;
