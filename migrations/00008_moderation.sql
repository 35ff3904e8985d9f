-- +goose Up
-- Moderation (issue 8): reports (meldingen) about a post, a message or a
-- person, automatic flags on posts, and the append-only decisions of
-- brokers and admins.

-- A moderator can hide a single message; the conversation's lists leave it
-- out for both participants.
ALTER TABLE messages ADD COLUMN hidden_at TIMESTAMPTZ;

-- A report. reporter_id NULL is an automatic flag (reason 'auto-flag', the
-- kinds that matched in flags: never the matched text). The subject is
-- polymorphic (a post, message or user id): posts are withdrawn and people
-- anonymised rather than deleted, so the subject outlives the report.
-- decision_id is the latest decision that applied to this report.
CREATE TABLE reports (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    reporter_id  UUID REFERENCES users (id),
    subject_type TEXT NOT NULL CHECK (subject_type IN ('post', 'message', 'user')),
    subject_id   UUID NOT NULL,
    reason       TEXT NOT NULL CHECK (reason IN ('spam', 'commercial', 'offensive', 'unsafe', 'personal-data',
                                                 'other', 'auto-flag')),
    flags        TEXT[] NOT NULL DEFAULT '{}',
    note         TEXT CHECK (length(note) <= 500),
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
    decision_id  UUID,
    created_at   TIMESTAMPTZ NOT NULL,
    decided_at   TIMESTAMPTZ,
    CHECK ((reporter_id IS NULL) = (reason = 'auto-flag'))
);
-- One open report per reporter and subject, and one open automatic flag
-- per subject (NULLs are distinct in a unique index, hence two indexes).
CREATE UNIQUE INDEX reports_open_reporter_idx ON reports (reporter_id, subject_type, subject_id)
    WHERE status = 'open' AND reporter_id IS NOT NULL;
CREATE UNIQUE INDEX reports_open_flag_idx ON reports (subject_type, subject_id)
    WHERE status = 'open' AND reporter_id IS NULL;
CREATE INDEX reports_queue_idx ON reports (status, created_at, id);
CREATE INDEX reports_subject_idx ON reports (subject_type, subject_id);

-- A decision, append-only: a trigger refuses UPDATE and DELETE. person_id is
-- the person concerned (the post's author, the message's sender, the
-- reported user) who may read message_to_user; report_id is the report the
-- moderator acted on (others on the same subject are decided with it).
CREATE TABLE moderation_decisions (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    -- seq orders decisions made within the same instant.
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    report_id       UUID NOT NULL REFERENCES reports (id),
    subject_type    TEXT NOT NULL,
    subject_id      UUID NOT NULL,
    person_id       UUID REFERENCES users (id),
    moderator_id    UUID NOT NULL REFERENCES users (id),
    action          TEXT NOT NULL CHECK (action IN ('hide', 'restore', 'warn', 'suspend', 'dismiss')),
    reason          TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    message_to_user TEXT CHECK (length(message_to_user) <= 500),
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX moderation_decisions_subject_idx ON moderation_decisions (subject_type, subject_id, seq);
CREATE INDEX moderation_decisions_person_idx ON moderation_decisions (person_id, created_at);
ALTER TABLE reports ADD CONSTRAINT reports_decision_id_fkey
    FOREIGN KEY (decision_id) REFERENCES moderation_decisions (id);

-- +goose StatementBegin
CREATE FUNCTION moderation_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'moderation_decisions is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER moderation_decisions_append_only BEFORE UPDATE OR DELETE ON moderation_decisions
    FOR EACH ROW EXECUTE FUNCTION moderation_decisions_append_only();

-- +goose Down
DROP TRIGGER moderation_decisions_append_only ON moderation_decisions;
DROP FUNCTION moderation_decisions_append_only();
ALTER TABLE reports DROP CONSTRAINT reports_decision_id_fkey;
DROP TABLE moderation_decisions;
DROP TABLE reports;
ALTER TABLE messages DROP COLUMN hidden_at;
