-- +goose Up
-- Matching (issue 6): who was asked to help with a request, who said no,
-- and the indexes that keep candidate retrieval to a few index scans.

-- One row per request and person: asked in a round of the proactive job
-- (asked_at, round) and/or declined through POST /posts/{id}/declines
-- (declined_at). The primary key means nobody is asked twice for the same
-- request; a decline means they are never suggested for it again.
CREATE TABLE suggestion_asks (
    post_id     UUID NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    round       SMALLINT CHECK (round IN (1, 2)),
    asked_at    TIMESTAMPTZ,
    declined_at TIMESTAMPTZ,
    PRIMARY KEY (post_id, user_id),
    CHECK ((round IS NULL) = (asked_at IS NULL)),
    CHECK (asked_at IS NOT NULL OR declined_at IS NOT NULL)
);
-- "Requests I declined", left out of GET /me/suggestions.
CREATE INDEX suggestion_asks_declined_idx ON suggestion_asks (user_id, post_id) WHERE declined_at IS NOT NULL;

-- One row per request the proactive job has handled: the first round when
-- it was posted, the second a day later (asking nobody when the request got
-- a response or closed meanwhile). Inserting the row claims round 1 and
-- setting second_at claims round 2, in the transaction that notifies: each
-- round happens once even with several instances.
CREATE TABLE suggestion_rounds (
    post_id      UUID PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    first_at     TIMESTAMPTZ NOT NULL,
    first_asked  INTEGER NOT NULL CHECK (first_asked >= 0),
    second_at    TIMESTAMPTZ,
    second_asked INTEGER CHECK (second_asked >= 0),
    CHECK ((second_at IS NULL) = (second_asked IS NULL))
);
-- Requests waiting for their second round; the index shrinks as they get it.
CREATE INDEX suggestion_rounds_second_due_idx ON suggestion_rounds (first_at) WHERE second_at IS NULL;

-- Open posts by category, kind and neighbourhood: offers in a request's
-- category near it (candidates for a request), requests in a helper's
-- categories near them (GET /me/suggestions).
CREATE INDEX posts_match_idx ON posts (category_code, kind, neighbourhood_code, created_at DESC)
    WHERE status = 'open' AND hidden_at IS NULL;
-- New open requests, for the first round of the proactive job.
CREATE INDEX posts_open_requests_idx ON posts (created_at)
    WHERE kind = 'request' AND status = 'open' AND hidden_at IS NULL;

-- Who helped in a category around here: the ledger by category and the
-- neighbourhood where the help was given, with the giver in the index so
-- that the lookup never visits the table.
CREATE INDEX reciprocity_entries_category_idx ON reciprocity_entries (category_code, neighbourhood_code, giver_id);

-- The facts about each candidate, counted with index-only scans: what
-- they gave (to whom, in which category), what they received (from whom),
-- and their exchanges as helper (load, completed, thanked).
CREATE INDEX reciprocity_entries_giver_facts_idx ON reciprocity_entries (giver_id, receiver_id, category_code);
CREATE INDEX reciprocity_entries_receiver_facts_idx ON reciprocity_entries (receiver_id, giver_id);
CREATE INDEX exchanges_helper_facts_idx ON exchanges (helper_id, status, created_at) INCLUDE (thanked_at);

-- +goose Down
DROP INDEX exchanges_helper_facts_idx;
DROP INDEX reciprocity_entries_receiver_facts_idx;
DROP INDEX reciprocity_entries_giver_facts_idx;
DROP INDEX reciprocity_entries_category_idx;
DROP INDEX posts_open_requests_idx;
DROP INDEX posts_match_idx;
DROP TABLE suggestion_rounds;
DROP TABLE suggestion_asks;
