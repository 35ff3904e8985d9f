-- +goose Up
-- Matching (issue 6): a broker proposes a match. A broker of the area asks
-- a helper privately to help with a request (POST /posts/{id}/invitations):
-- that opens a conversation between the requester and the helper, and
-- this row records the proposal so that its outcome can be followed.
--
-- outcome is stored for what happens to the proposal itself:
--   open      proposed, nothing decided yet
--   agreed    an exchange was agreed in its conversation (exchanges' accept)
--   declined  the helper declined the request (POST /posts/{id}/declines)
-- "expired" is never stored: an open proposal whose request is no longer
-- open, or past its expiry, reads as expired (decided at the earlier of
-- the post's last change and its expiry). Deriving it at query time needs
-- no job, and a renewed request brings the proposal back to open. Every
-- reader of this table derives it the same way (see
-- internal/exchanges/invitations.go, proposalOutcome).
CREATE TABLE match_proposals (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    post_id         UUID NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    conversation_id UUID NOT NULL UNIQUE REFERENCES conversations (id) ON DELETE CASCADE,
    broker_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    helper_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    outcome         TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'agreed', 'declined')),
    created_at      TIMESTAMPTZ NOT NULL,
    decided_at      TIMESTAMPTZ,
    CHECK ((outcome = 'open') = (decided_at IS NULL))
);
-- The proposals of a request, newest first (GET /posts/{id}/invitations),
-- and the helper's open ones when they decline it.
CREATE INDEX match_proposals_post_idx ON match_proposals (post_id, created_at DESC, id DESC);
CREATE INDEX match_proposals_helper_idx ON match_proposals (helper_id, post_id) WHERE outcome = 'open';
CREATE INDEX match_proposals_broker_idx ON match_proposals (broker_id, created_at DESC);

-- +goose Down
DROP TABLE match_proposals;
