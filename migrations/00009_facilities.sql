-- +goose Up
-- The social map (sociale kaart): general facilities per area, such as a
-- klussendienst, a buurtbus or a repair café. A facility serves one or more
-- areas; a facility for a district or the whole municipality serves every
-- neighbourhood in it. Contact details are the organisation's public
-- details, not a person's.
CREATE TABLE facilities (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    description   TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    phone         TEXT CHECK (length(phone) BETWEEN 1 AND 30),
    email         TEXT CHECK (length(email) BETWEEN 3 AND 254),
    address       TEXT CHECK (length(address) BETWEEN 1 AND 200),
    opening_hours TEXT CHECK (length(opening_hours) BETWEEN 1 AND 200),
    link          TEXT CHECK (link ~ '^https://' AND length(link) <= 500),
    -- The broker or admin who entered it; NULL once their account is deleted.
    created_by    UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
-- The list is newest first (cursor pages).
CREATE INDEX facilities_created_at_idx ON facilities (created_at DESC, id DESC);
CREATE INDEX facilities_created_by_idx ON facilities (created_by);

CREATE TABLE facility_categories (
    facility_id   UUID NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    category_code TEXT NOT NULL REFERENCES categories (code),
    PRIMARY KEY (facility_id, category_code)
);
-- The hint on the post form: "what serves me in this category".
CREATE INDEX facility_categories_category_code_idx ON facility_categories (category_code, facility_id);

CREATE TABLE facility_areas (
    facility_id UUID NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    area_code   TEXT NOT NULL REFERENCES areas (code),
    PRIMARY KEY (facility_id, area_code)
);
CREATE INDEX facility_areas_area_code_idx ON facility_areas (area_code, facility_id);

-- The monitor (internal/stats) counts per area and period. These indexes
-- keep its queries to the neighbourhoods and days asked for; the existing
-- ones are partial (open posts) or by person.
-- Posts by time first: led by neighbourhood it would compete with the
-- feed's partial posts_feed_idx, and the planner sometimes chose it for the
-- feed (reading closed posts too).
CREATE INDEX posts_created_neighbourhood_idx ON posts (created_at, neighbourhood_code);
CREATE INDEX exchanges_post_id_idx ON exchanges (post_id, created_at);
CREATE INDEX reciprocity_entries_neighbourhood_idx ON reciprocity_entries (neighbourhood_code, completed_at);
CREATE INDEX signals_neighbourhood_created_idx ON signals (neighbourhood_code, created_at);

-- +goose Down
DROP INDEX signals_neighbourhood_created_idx;
DROP INDEX reciprocity_entries_neighbourhood_idx;
DROP INDEX exchanges_post_id_idx;
DROP INDEX posts_created_neighbourhood_idx;
DROP TABLE facility_areas;
DROP TABLE facility_categories;
DROP TABLE facilities;
