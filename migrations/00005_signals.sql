-- +goose Up
-- Signals (vroegsignalering): a worry a key figure reports about someone,
-- routed to the contact person of the area team serving that person's
-- neighbourhood. A signal holds its current status; its history is the
-- append-only list of signal_events.
CREATE TABLE signals (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    -- NULL once the reporting account is gone; users are soft-deleted, so
    -- this happens only through manual intervention.
    reporter_id        UUID REFERENCES users (id) ON DELETE SET NULL,
    neighbourhood_code TEXT NOT NULL REFERENCES areas (code),
    identification     TEXT NOT NULL CHECK (length(identification) BETWEEN 1 AND 200),
    description        TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
    life_domains       TEXT[] NOT NULL CHECK (
        cardinality(life_domains) BETWEEN 1 AND 9 AND
        life_domains <@ ARRAY['wonen', 'huishouden', 'ontmoeten', 'meedoen', 'werken', 'opgroeien',
                              'rondkomen', 'leren', 'zorgen']::TEXT[]),
    urgency            TEXT NOT NULL CHECK (urgency IN ('normal', 'worried', 'urgent')),
    person_knows       BOOLEAN NOT NULL,
    callback_phone     TEXT CHECK (length(callback_phone) <= 30),
    status             TEXT NOT NULL DEFAULT 'received' CHECK (status IN
        ('received', 'acknowledged', 'in_progress', 'referred', 'resolved', 'closed_no_action')),
    -- NULL while no area team serves the neighbourhood (unrouted).
    assignee_id        UUID REFERENCES users (id) ON DELETE SET NULL,
    escalation_level   SMALLINT NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
    -- When the signal must be acknowledged (left received).
    deadline           TIMESTAMPTZ NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    acknowledged_at    TIMESTAMPTZ,
    resolved_at        TIMESTAMPTZ,
    closed_at          TIMESTAMPTZ,
    redacted_at        TIMESTAMPTZ,
    CHECK ((status IN ('referred', 'resolved', 'closed_no_action')) = (closed_at IS NOT NULL))
);
-- The scheduler: received signals past their deadline.
CREATE INDEX signals_due_idx ON signals (deadline) WHERE status = 'received';
-- Signals waiting for an area team.
CREATE INDEX signals_unrouted_idx ON signals (created_at) WHERE assignee_id IS NULL AND status = 'received';
-- The contact's list, by neighbourhood and deadline.
CREATE INDEX signals_neighbourhood_deadline_idx ON signals (neighbourhood_code, deadline);
CREATE INDEX signals_assignee_id_idx ON signals (assignee_id);
-- The reporter's list and daily limit.
CREATE INDEX signals_reporter_idx ON signals (reporter_id, created_at DESC);
-- Retention.
CREATE INDEX signals_closed_at_idx ON signals (closed_at) WHERE closed_at IS NOT NULL;

-- The history of a signal: never updated, only appended (and deleted with
-- the signal at the end of the retention period).
CREATE TABLE signal_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    signal_id     UUID NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
    at            TIMESTAMPTZ NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('status', 'escalation', 'assignment')),
    -- A status for kind status, a user id for escalation and assignment.
    from_value    TEXT,
    to_value      TEXT,
    actor_id      UUID REFERENCES users (id) ON DELETE SET NULL,
    public_update TEXT CHECK (length(public_update) <= 500),
    internal_note TEXT CHECK (length(internal_note) <= 4000)
);
CREATE INDEX signal_events_signal_id_idx ON signal_events (signal_id, at, id);

-- Professional notes on a signal, for the area team only.
CREATE TABLE signal_notes (
    id        UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    signal_id UUID NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
    author_id UUID REFERENCES users (id) ON DELETE SET NULL,
    at        TIMESTAMPTZ NOT NULL,
    text      TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000)
);
CREATE INDEX signal_notes_signal_id_idx ON signal_notes (signal_id, at, id);

-- Who read or changed which signal, when and why. Never content. No
-- foreign keys: the log outlives the signals (deleted by retention) and
-- accounts.
CREATE TABLE processing_log (
    id        UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    at        TIMESTAMPTZ NOT NULL,
    actor_id  UUID,
    signal_id UUID,
    action    TEXT NOT NULL CHECK (action IN ('read', 'create', 'transition', 'note', 'assign', 'redact', 'delete')),
    purpose   TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 100)
);
CREATE INDEX processing_log_at_idx ON processing_log (at DESC, id DESC);
CREATE INDEX processing_log_signal_id_idx ON processing_log (signal_id, at DESC, id DESC);
CREATE INDEX processing_log_actor_id_idx ON processing_log (actor_id, at DESC, id DESC);

-- What remains of deleted signals for statistics: per month of reporting,
-- neighbourhood, urgency and life domain, how many signals (a signal with
-- two life domains counts once under each).
CREATE TABLE signal_counts (
    month              DATE NOT NULL CHECK (extract(day FROM month) = 1),
    neighbourhood_code TEXT NOT NULL,
    urgency            TEXT NOT NULL,
    life_domain        TEXT NOT NULL,
    count              INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (month, neighbourhood_code, urgency, life_domain)
);

-- +goose Down
DROP TABLE signal_counts;
DROP TABLE processing_log;
DROP TABLE signal_notes;
DROP TABLE signal_events;
DROP TABLE signals;
