-- +goose Up
-- The people a neighbourhood can turn to: its contact, its backup and the
-- coordinator of its area team, ranked in that order. Only live accounts
-- that still hold the contact role count, so that disabling an account or
-- revoking the role takes effect at once everywhere (area pages, the key
-- figure's contact person, the admin's list of gaps).
CREATE VIEW area_contacts AS
SELECT atn.neighbourhood_code, atn.team_id, x.role, x.rank, x.user_id
FROM area_team_neighbourhoods atn
JOIN area_teams t ON t.id = atn.team_id
CROSS JOIN LATERAL (VALUES ('contact', 1, atn.contact_id),
                           ('backup', 2, atn.backup_id),
                           ('coordinator', 3, t.coordinator_id)) AS x (role, rank, user_id)
JOIN users u ON u.id = x.user_id AND u.deleted_at IS NULL AND u.disabled_at IS NULL
WHERE EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = x.user_id AND r.role = 'contact');

-- Brokers and organisations are found by area.
CREATE INDEX organisation_areas_area_code_idx ON organisation_areas (area_code);
CREATE INDEX broker_areas_area_code_idx ON broker_areas (area_code);

-- +goose Down
DROP INDEX broker_areas_area_code_idx;
DROP INDEX organisation_areas_area_code_idx;
DROP VIEW area_contacts;
