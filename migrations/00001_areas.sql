-- +goose Up
-- Areas follow the CBS hierarchy: municipality (GM…) → district (WK…) →
-- neighbourhood (BU…). The CBS code is the public id.
CREATE TABLE areas (
    code        TEXT PRIMARY KEY CHECK (code ~ '^(GM|WK|BU)[0-9]{4,8}$'),
    kind        TEXT NOT NULL CHECK (kind IN ('municipality', 'district', 'neighbourhood')),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    parent_code TEXT REFERENCES areas (code),
    latitude    DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
    longitude   DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
    CHECK ((kind = 'municipality') = (parent_code IS NULL)),
    CHECK (left(code, 2) = CASE kind WHEN 'municipality' THEN 'GM' WHEN 'district' THEN 'WK' ELSE 'BU' END)
);
CREATE INDEX areas_parent_code_idx ON areas (parent_code);

-- Neighbourhoods that border each other; stored once per pair, smaller code first.
CREATE TABLE area_borders (
    area_code     TEXT NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
    neighbour_code TEXT NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
    PRIMARY KEY (area_code, neighbour_code),
    CHECK (area_code < neighbour_code)
);
CREATE INDEX area_borders_neighbour_code_idx ON area_borders (neighbour_code);

-- Postcode → neighbourhood. PC6 ("9999AA") rows, looked up with a PC4
-- ("9999") fallback.
CREATE TABLE postcodes (
    postcode          TEXT PRIMARY KEY CHECK (postcode ~ '^[1-9][0-9]{3}([A-Z]{2})?$'),
    neighbourhood_code TEXT NOT NULL REFERENCES areas (code) ON DELETE CASCADE
);
CREATE INDEX postcodes_neighbourhood_code_idx ON postcodes (neighbourhood_code);

-- +goose Down
DROP TABLE postcodes;
DROP TABLE area_borders;
DROP TABLE areas;
