package areas

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// ContactAssignment tells a key figure whom to turn to for one
// neighbourhood.
type ContactAssignment struct {
	Area    Ref           `json:"area"`
	Team    TeamRef       `json:"team"`
	Contact ContactPerson `json:"contact"`
}

// ContactPerson is the personal contact of a key figure.
type ContactPerson struct {
	DisplayName string  `json:"displayName"`
	Initials    string  `json:"initials"`
	Phone       *string `json:"phone"`
	Email       string  `json:"email"`
	// PhotoURL is always null until profile photos exist.
	PhotoURL *string `json:"photoUrl"`
}

// contactPersonsQuery finds, for the neighbourhood of user $1 and the
// neighbourhoods of their organisation, the contact person or, failing one,
// the team coordinator. Neighbourhoods without a team (or with nobody at
// all in it) drop out; the person's own neighbourhood comes first.
const contactPersonsQuery = `
	WITH mine AS (
		SELECT code, min(ord) AS ord FROM (
			SELECT neighbourhood_code AS code, 0 AS ord FROM users
			WHERE id = $1 AND neighbourhood_code IS NOT NULL
			UNION ALL
			SELECT oa.area_code, 1 FROM users u
			JOIN organisation_areas oa ON oa.organisation_id = u.organisation_id
			WHERE u.id = $1
		) codes GROUP BY code
	)
	SELECT code, name, team_id, team_name, display_name, phone, email FROM (
		SELECT DISTINCT ON (a.code) a.code, a.name, mine.ord, t.id AS team_id, t.name AS team_name,
		       u.display_name, u.phone, u.email
		FROM mine
		JOIN areas a ON a.code = mine.code AND a.kind = 'neighbourhood'
		JOIN area_contacts c ON c.neighbourhood_code = a.code AND c.role IN ('contact', 'coordinator')
		JOIN area_teams t ON t.id = c.team_id
		JOIN users u ON u.id = c.user_id
		ORDER BY a.code, c.rank
	) best
	ORDER BY ord, name, code`

// ContactPersons lists the personal contact of key figure userID per
// neighbourhood they work in: where they live, and where their organisation
// is active. A neighbourhood without a contact person falls back to the
// team coordinator.
func ContactPersons(ctx context.Context, q sqlx.QueryerContext, userID string) ([]ContactAssignment, error) {
	var rows []struct {
		Code        string  `db:"code"`
		Name        string  `db:"name"`
		TeamID      string  `db:"team_id"`
		TeamName    string  `db:"team_name"`
		DisplayName string  `db:"display_name"`
		Phone       *string `db:"phone"`
		Email       string  `db:"email"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, contactPersonsQuery, userID); err != nil {
		return nil, fmt.Errorf("find contact persons: %w", err)
	}
	out := make([]ContactAssignment, 0, len(rows))
	for _, r := range rows {
		out = append(out, ContactAssignment{
			Area: Ref{r.Code, r.Name},
			Team: TeamRef{r.TeamID, r.TeamName},
			Contact: ContactPerson{DisplayName: r.DisplayName, Initials: Initials(r.DisplayName),
				Phone: r.Phone, Email: r.Email},
		})
	}
	return out, nil
}
