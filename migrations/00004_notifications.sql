-- +goose Up
-- Web Push subscriptions, one per browser; the endpoint identifies it.
CREATE TABLE push_subscriptions (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint        TEXT NOT NULL UNIQUE CHECK (length(endpoint) <= 2048),
    p256dh          TEXT NOT NULL,
    auth            TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_success_at TIMESTAMPTZ
);
CREATE INDEX push_subscriptions_user_id_idx ON push_subscriptions (user_id, created_at);

-- The inbox: every notification, read or not, whether pushed or not.
-- It holds no personal content: a type and the id of what it is about.
CREATE TABLE notifications (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type       TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    read_at    TIMESTAMPTZ,
    pushed     BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX notifications_user_id_idx ON notifications (user_id, created_at DESC, id DESC);

-- The transactional outbox: one row per notification and subscription,
-- written in the same transaction as the event. Workers claim rows with
-- FOR UPDATE SKIP LOCKED and a lease, so each is delivered once and a crash
-- between claim and send leads to a retry after the lease.
CREATE TABLE push_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id UUID NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    subscription_id UUID NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    claimed_until   TIMESTAMPTZ,
    last_status     INTEGER,
    sent_at         TIMESTAMPTZ,
    gave_up_at      TIMESTAMPTZ
);
CREATE INDEX push_outbox_due_idx ON push_outbox (next_attempt_at) WHERE sent_at IS NULL AND gave_up_at IS NULL;

-- Per person: which types may be pushed (the inbox always gets them), quiet
-- hours and the daily cap for suggestion pushes.
CREATE TABLE notification_settings (
    user_id         UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    muted_types     TEXT[] NOT NULL DEFAULT '{}',
    quiet_start     TIME NOT NULL DEFAULT '22:00',
    quiet_end       TIME NOT NULL DEFAULT '08:00',
    suggestion_cap  INTEGER NOT NULL DEFAULT 3 CHECK (suggestion_cap BETWEEN 0 AND 20)
);

-- +goose Down
DROP TABLE notification_settings;
DROP TABLE push_outbox;
DROP TABLE notifications;
DROP TABLE push_subscriptions;
