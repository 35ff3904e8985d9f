-- +goose Up
-- Matching (issue 6): computed suggestions are kept for a few minutes
-- (NOABER_SUGGESTIONS_TTL, default 5 minutes). Ranking reads the facts of
-- up to 200 people or 500 requests; showing a kept ranking reads only the
-- 20 or so shown. What must hold at once is checked again on every read,
-- in the read query itself: blocks either way, declines, paused, deleted
-- and disabled accounts, and closed, hidden or expired posts and offers.
-- What may wait up to the TTL: a new offer or request appearing, and
-- changes in load or trust moving someone up or down. A changed request,
-- and a resident's own changed offers (trigger below), rank again at once.
--
-- A ranking is a head row (when it was made) and its items, best first
-- (n from 0, at most 100: the largest page). reasons are matching.Reason
-- values (key and parameters), put into words when read, in the reader's
-- language.
--
-- UNLOGGED: this is a cache. After a crash PostgreSQL empties it and the
-- next read ranks again.
CREATE UNLOGGED TABLE request_suggestions (
    post_id         UUID PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    -- The request as it was ranked: a changed request (PATCH) is ranked again.
    post_updated_at TIMESTAMPTZ NOT NULL,
    computed_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX request_suggestions_computed_idx ON request_suggestions (computed_at);

CREATE UNLOGGED TABLE request_suggestion_items (
    post_id  UUID NOT NULL REFERENCES request_suggestions (post_id) ON DELETE CASCADE,
    n        SMALLINT NOT NULL CHECK (n >= 0),
    user_id  UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    offer_id UUID REFERENCES posts (id) ON DELETE CASCADE,
    score    FLOAT8 NOT NULL,
    reasons  JSONB NOT NULL,
    PRIMARY KEY (post_id, n)
);

CREATE UNLOGGED TABLE resident_suggestions (
    user_id     UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    computed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX resident_suggestions_computed_idx ON resident_suggestions (computed_at);

CREATE UNLOGGED TABLE resident_suggestion_items (
    user_id UUID NOT NULL REFERENCES resident_suggestions (user_id) ON DELETE CASCADE,
    n       SMALLINT NOT NULL CHECK (n >= 0),
    post_id UUID NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    -- Between the neighbourhood centroids, rounded to 0.5 km as shown.
    km      FLOAT8 NOT NULL,
    score   FLOAT8 NOT NULL,
    reasons JSONB NOT NULL,
    PRIMARY KEY (user_id, n)
);

-- A resident's own offers decide which requests they are shown: a new,
-- changed, withdrawn or expired offer ranks their suggestions again at the
-- next read, instead of after the TTL.
-- +goose StatementBegin
CREATE FUNCTION forget_resident_suggestions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM resident_suggestions WHERE user_id = NEW.author_id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER posts_offer_forgets_resident_suggestions
    AFTER INSERT OR UPDATE OF status, category_code, radius_km, hidden_at, expires_at ON posts
    FOR EACH ROW WHEN (NEW.kind = 'offer') EXECUTE FUNCTION forget_resident_suggestions();

-- +goose Down
DROP TRIGGER posts_offer_forgets_resident_suggestions ON posts;
DROP FUNCTION forget_resident_suggestions();
DROP TABLE resident_suggestion_items;
DROP TABLE resident_suggestions;
DROP TABLE request_suggestion_items;
DROP TABLE request_suggestions;
