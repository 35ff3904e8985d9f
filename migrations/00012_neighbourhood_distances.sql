-- +goose Up
-- Distances between neighbourhood centroids, computed once instead of in
-- every feed query: on the synthetic city the 300 haversines and border
-- checks were two thirds of the feed's time. One row per ordered pair
-- within 15 km (the largest radius), plus each neighbourhood with itself;
-- rank 0 = the same neighbourhood, 1 = bordering, 2 = further away.
-- Triggers on areas and area_borders keep it current for every writer;
-- bulk loads that disable triggers (`noaber seed synthetic`) call
-- refresh_neighbourhood_distances() afterwards.
CREATE TABLE neighbourhood_distances (
    from_code TEXT NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
    to_code   TEXT NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
    km        DOUBLE PRECISION NOT NULL CHECK (km >= 0),
    rank      SMALLINT NOT NULL CHECK (rank IN (0, 1, 2)),
    PRIMARY KEY (from_code, to_code)
);

-- +goose StatementBegin
CREATE FUNCTION centroid_km(lat1 DOUBLE PRECISION, lon1 DOUBLE PRECISION,
                            lat2 DOUBLE PRECISION, lon2 DOUBLE PRECISION)
RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE AS $$
    SELECT 2 * 6371.0 * asin(least(1, sqrt(
        power(sin(radians(lat2 - lat1) / 2), 2) +
        cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))))
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- The rows of one neighbourhood, both directions. A neighbourhood without
-- a centroid is only near itself.
CREATE FUNCTION neighbourhood_distance_rows(n TEXT)
RETURNS TABLE (from_code TEXT, to_code TEXT, km DOUBLE PRECISION, rank SMALLINT)
LANGUAGE sql STABLE AS $$
    WITH me AS (SELECT code, latitude, longitude FROM areas WHERE code = n AND kind = 'neighbourhood'),
    near AS (
        SELECT o.code, CASE WHEN o.code = me.code THEN 0 ELSE centroid_km(me.latitude, me.longitude, o.latitude, o.longitude) END AS km
        FROM me JOIN areas o ON o.kind = 'neighbourhood'
        WHERE o.code = me.code
           OR (me.latitude IS NOT NULL AND o.latitude IS NOT NULL
               AND o.latitude BETWEEN me.latitude - 0.14 AND me.latitude + 0.14
               AND centroid_km(me.latitude, me.longitude, o.latitude, o.longitude) <= 15)
    ),
    ranked AS (
        SELECT me.code AS a, near.code AS b, near.km,
               (CASE WHEN near.code = me.code THEN 0
                     WHEN EXISTS (SELECT 1 FROM area_borders ab
                                  WHERE ab.area_code = least(me.code, near.code)
                                    AND ab.neighbour_code = greatest(me.code, near.code)) THEN 1
                     ELSE 2 END)::smallint AS rank
        FROM me, near
    )
    SELECT a, b, km, rank FROM ranked
    UNION
    SELECT b, a, km, rank FROM ranked
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION refresh_neighbourhood_distances() RETURNS void LANGUAGE sql AS $$
    DELETE FROM neighbourhood_distances;
    INSERT INTO neighbourhood_distances (from_code, to_code, km, rank)
    SELECT DISTINCT ON (r.from_code, r.to_code) r.from_code, r.to_code, r.km, r.rank
    FROM areas a, neighbourhood_distance_rows(a.code) r
    WHERE a.kind = 'neighbourhood';
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION areas_distances_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM neighbourhood_distances WHERE from_code = OLD.code OR to_code = OLD.code;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.kind = 'neighbourhood' THEN
        DELETE FROM neighbourhood_distances WHERE from_code = NEW.code OR to_code = NEW.code;
        INSERT INTO neighbourhood_distances (from_code, to_code, km, rank)
        SELECT r.from_code, r.to_code, r.km, r.rank FROM neighbourhood_distance_rows(NEW.code) r
        ON CONFLICT (from_code, to_code) DO UPDATE SET km = EXCLUDED.km, rank = EXCLUDED.rank;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION area_borders_distances_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    b area_borders%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN b := OLD; ELSE b := NEW; END IF;
    UPDATE neighbourhood_distances
    SET rank = CASE WHEN TG_OP = 'DELETE' THEN 2 ELSE 1 END
    WHERE (from_code, to_code) IN ((b.area_code, b.neighbour_code), (b.neighbour_code, b.area_code));
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER areas_distances AFTER INSERT OR DELETE OR UPDATE OF kind, latitude, longitude ON areas
    FOR EACH ROW EXECUTE FUNCTION areas_distances_trigger();
CREATE TRIGGER area_borders_distances AFTER INSERT OR DELETE ON area_borders
    FOR EACH ROW EXECUTE FUNCTION area_borders_distances_trigger();

SELECT refresh_neighbourhood_distances();

-- +goose Down
DROP TRIGGER area_borders_distances ON area_borders;
DROP TRIGGER areas_distances ON areas;
DROP FUNCTION area_borders_distances_trigger();
DROP FUNCTION areas_distances_trigger();
DROP FUNCTION refresh_neighbourhood_distances();
DROP FUNCTION neighbourhood_distance_rows(TEXT);
DROP FUNCTION centroid_km(DOUBLE PRECISION, DOUBLE PRECISION, DOUBLE PRECISION, DOUBLE PRECISION);
DROP TABLE neighbourhood_distances;
