-- +goose Up
-- The marketplace: posts (requests and offers), conversations, exchanges and
-- the reciprocity ledger; blocks and the holiday pause; the idempotency
-- store for creating POSTs.

-- Categories are seeded here and edited by admins; retired ones stay for
-- old posts but cannot be chosen for new ones.
CREATE TABLE categories (
    code       TEXT PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    label_nl   TEXT NOT NULL CHECK (length(label_nl) BETWEEN 1 AND 60),
    label_en   TEXT NOT NULL CHECK (length(label_en) BETWEEN 1 AND 60),
    icon       TEXT NOT NULL CHECK (icon ~ '^[a-z][a-z0-9-]{1,39}$'),
    position   INTEGER NOT NULL DEFAULT 0,
    retired_at TIMESTAMPTZ
);
INSERT INTO categories (code, label_nl, label_en, icon, position) VALUES
    ('koken',        'Maaltijd en koken',              'Meals and cooking',     'pan',        10),
    ('boodschappen', 'Boodschappen',                   'Shopping',              'bag',        20),
    ('klussen',      'Klussen',                        'Odd jobs',              'hammer',     30),
    ('tuin',         'Tuin',                           'Garden',                'flower',     40),
    ('gezelschap',   'Gezelschap',                     'Company',               'coffee',     50),
    ('vervoer',      'Vervoer',                        'Transport',             'car',        60),
    ('dieren',       'Dieren en hond uitlaten',        'Pets and dog walking',  'paw',        70),
    ('computer',     'Computer en telefoon',           'Computer and phone',    'phone',      80),
    ('formulieren',  'Formulieren en administratie',   'Forms and paperwork',   'document',   90),
    ('kinderen',     'Kinderen en oppas',              'Children and babysitting', 'child',  100),
    ('taal',         'Taal en lezen',                  'Language and reading',  'book',      110),
    ('overig',       'Overig',                         'Other',                 'dots',      999);

-- Vakantiestand: a paused helper gets no suggestions and their offers are
-- not shown. paused_until NULL with paused_at set means "until I say so".
ALTER TABLE users ADD COLUMN paused_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN paused_until TIMESTAMPTZ;

-- A block hides posts, responses and messages both ways.
CREATE TABLE blocks (
    blocker_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX blocks_blocked_id_idx ON blocks (blocked_id);

-- A post belongs to its author's neighbourhood (copied at creation, so a
-- move does not drag old posts along). Distances are between neighbourhood
-- centroids: an address is never stored with a post.
CREATE TABLE posts (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    author_id          UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id    UUID REFERENCES organisations (id) ON DELETE SET NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('request', 'offer')),
    category_code      TEXT NOT NULL REFERENCES categories (code),
    title              TEXT NOT NULL CHECK (length(title) BETWEEN 3 AND 80),
    body               TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
    moment_text        TEXT CHECK (length(moment_text) <= 80),
    moment_at          TIMESTAMPTZ,
    recurrence         TEXT NOT NULL DEFAULT 'once' CHECK (recurrence IN ('once', 'weekly', 'monthly', 'regularly')),
    radius_km          NUMERIC(3, 1) NOT NULL DEFAULT 2 CHECK (radius_km > 0 AND radius_km <= 15),
    neighbourhood_code TEXT NOT NULL REFERENCES areas (code),
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'withdrawn', 'expired')),
    hidden_at          TIMESTAMPTZ,
    expires_at         TIMESTAMPTZ NOT NULL,
    reminded_at        TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    search             TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', body), 'B')) STORED
);
CREATE INDEX posts_feed_idx ON posts (neighbourhood_code, created_at DESC, id)
    WHERE status = 'open' AND hidden_at IS NULL;
CREATE INDEX posts_search_idx ON posts USING GIN (search) WHERE status = 'open' AND hidden_at IS NULL;
CREATE INDEX posts_author_id_idx ON posts (author_id, created_at DESC);
CREATE INDEX posts_expires_at_idx ON posts (expires_at) WHERE status = 'open';

-- A response opens a conversation between the post's author and the
-- responder; its text is the conversation's first message. One
-- conversation per post and responder.
CREATE TABLE conversations (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    post_id           UUID NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    responder_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_message_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    author_read_at    TIMESTAMPTZ,
    responder_read_at TIMESTAMPTZ,
    UNIQUE (post_id, responder_id),
    CHECK (author_id <> responder_id)
);
CREATE INDEX conversations_author_id_idx ON conversations (author_id, last_message_at DESC);
CREATE INDEX conversations_responder_id_idx ON conversations (responder_id, last_message_at DESC);

CREATE TABLE messages (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sender_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body            TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX messages_conversation_id_idx ON messages (conversation_id, created_at DESC, id DESC);

-- An exchange is agreed help between a helper and a receiver. A post that
-- happens once gets at most one live exchange: the partial unique index
-- makes the second of two concurrent accepts fail.
CREATE TABLE exchanges (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    post_id          UUID NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    conversation_id  UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    helper_id        UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    receiver_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_code    TEXT NOT NULL REFERENCES categories (code),
    single_occasion  BOOLEAN NOT NULL,
    status           TEXT NOT NULL DEFAULT 'agreed' CHECK (status IN ('agreed', 'completed', 'cancelled', 'not_happened')),
    moment_at        TIMESTAMPTZ,
    check_at         TIMESTAMPTZ NOT NULL,
    checked_at       TIMESTAMPTZ,
    helper_answer    BOOLEAN,
    receiver_answer  BOOLEAN,
    hours            NUMERIC(4, 1) CHECK (hours > 0 AND hours <= 24),
    cancelled_by     UUID REFERENCES users (id) ON DELETE SET NULL,
    cancel_reason    TEXT CHECK (length(cancel_reason) <= 500),
    thanks           TEXT CHECK (length(thanks) BETWEEN 1 AND 500),
    thanked_at       TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (helper_id <> receiver_id)
);
CREATE UNIQUE INDEX exchanges_single_occasion_idx ON exchanges (post_id)
    WHERE single_occasion AND status IN ('agreed', 'completed');
-- One live exchange per conversation; after a cancellation (or one that did
-- not happen) the two may agree again in the same conversation.
CREATE UNIQUE INDEX exchanges_conversation_live_idx ON exchanges (conversation_id)
    WHERE status IN ('agreed', 'completed');
CREATE INDEX exchanges_conversation_id_idx ON exchanges (conversation_id, created_at DESC);
CREATE INDEX exchanges_helper_id_idx ON exchanges (helper_id, created_at DESC);
CREATE INDEX exchanges_receiver_id_idx ON exchanges (receiver_id, created_at DESC);
CREATE INDEX exchanges_check_at_idx ON exchanges (check_at) WHERE status = 'agreed' AND checked_at IS NULL;

-- The reciprocity ledger: one entry per completed exchange.
CREATE TABLE reciprocity_entries (
    exchange_id        UUID PRIMARY KEY REFERENCES exchanges (id) ON DELETE CASCADE,
    giver_id           UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    receiver_id        UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_code      TEXT NOT NULL REFERENCES categories (code),
    neighbourhood_code TEXT REFERENCES areas (code),
    hours              NUMERIC(4, 1),
    completed_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX reciprocity_entries_giver_id_idx ON reciprocity_entries (giver_id, completed_at);
CREATE INDEX reciprocity_entries_receiver_id_idx ON reciprocity_entries (receiver_id, completed_at);

-- Idempotency-Key (API.md): the first response to a creating POST, replayed
-- for the same key and body until it expires.
CREATE TABLE idempotency_keys (
    user_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key           TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    method        TEXT NOT NULL,
    path          TEXT NOT NULL,
    request_hash  BYTEA NOT NULL,
    status_code   INTEGER,
    content_type  TEXT,
    location      TEXT,
    body          BYTEA,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE reciprocity_entries;
DROP TABLE exchanges;
DROP TABLE messages;
DROP TABLE conversations;
DROP TABLE posts;
DROP TABLE blocks;
ALTER TABLE users DROP COLUMN paused_until;
ALTER TABLE users DROP COLUMN paused_at;
DROP TABLE categories;
