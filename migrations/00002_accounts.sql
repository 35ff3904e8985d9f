-- +goose Up
-- Organisations (verenigingen, schools, practices…) that key figures belong to.
CREATE TABLE organisations (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    kind       TEXT NOT NULL CHECK (kind IN ('association', 'school', 'practice', 'church', 'shop', 'other')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE organisation_areas (
    organisation_id UUID NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    area_code       TEXT NOT NULL REFERENCES areas (code),
    PRIMARY KEY (organisation_id, area_code)
);

-- A person. Rows of deleted accounts stay, anonymised (AVG art. 17), so that
-- the statistics that refer to them keep adding up.
CREATE TABLE users (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email               TEXT NOT NULL CHECK (length(email) <= 254),
    password_hash       TEXT,
    display_name        TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
    postcode            TEXT,
    house_number        TEXT,
    phone               TEXT,
    language            TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
    neighbourhood_code  TEXT REFERENCES areas (code),
    organisation_id     UUID REFERENCES organisations (id) ON DELETE SET NULL,
    totp_secret         TEXT,
    totp_enabled_at     TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    password_changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    disabled_at         TIMESTAMPTZ,
    deleted_at          TIMESTAMPTZ
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
CREATE INDEX users_neighbourhood_code_idx ON users (neighbourhood_code) WHERE deleted_at IS NULL;

CREATE TABLE user_roles (
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('resident', 'keyfigure', 'broker', 'contact', 'admin')),
    granted_by UUID REFERENCES users (id) ON DELETE SET NULL,
    granted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, role)
);

-- The neighbourhoods a broker works in.
CREATE TABLE broker_areas (
    user_id   UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    area_code TEXT NOT NULL REFERENCES areas (code),
    PRIMARY KEY (user_id, area_code)
);

-- A login session: one family of refresh tokens. Every refresh rotates the
-- token; presenting a used one revokes the whole family.
CREATE TABLE sessions (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    second_factor BOOLEAN NOT NULL DEFAULT false,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash BYTEA PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    used_at    TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);

CREATE TABLE recovery_codes (
    user_id   UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash BYTEA NOT NULL,
    used_at   TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);

-- Fixed-window counters for throttling (login, register), shared by every
-- instance through the database.
CREATE TABLE throttle_windows (
    key          TEXT PRIMARY KEY,
    window_start TIMESTAMPTZ NOT NULL,
    hits         INTEGER NOT NULL
);

-- Area teams: a team serves neighbourhoods; per neighbourhood a contact
-- person and a backup; per team a coordinator.
CREATE TABLE area_teams (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name           TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 120),
    coordinator_id UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE area_team_neighbourhoods (
    neighbourhood_code TEXT PRIMARY KEY REFERENCES areas (code),
    team_id            UUID NOT NULL REFERENCES area_teams (id) ON DELETE CASCADE,
    contact_id         UUID REFERENCES users (id) ON DELETE SET NULL,
    backup_id          UUID REFERENCES users (id) ON DELETE SET NULL,
    CHECK (contact_id IS NULL OR backup_id IS NULL OR contact_id <> backup_id)
);
CREATE INDEX area_team_neighbourhoods_team_id_idx ON area_team_neighbourhoods (team_id);
CREATE INDEX area_team_neighbourhoods_contact_id_idx ON area_team_neighbourhoods (contact_id);

-- +goose Down
DROP TABLE area_team_neighbourhoods;
DROP TABLE area_teams;
DROP TABLE throttle_windows;
DROP TABLE recovery_codes;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE broker_areas;
DROP TABLE user_roles;
DROP TABLE users;
DROP TABLE organisation_areas;
DROP TABLE organisations;
