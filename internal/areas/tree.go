package areas

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Node is an area in the tree of municipalities, districts and
// neighbourhoods.
type Node struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Kind      Kind     `json:"kind"`
	Latitude  *float64 `json:"latitude"`
	Longitude *float64 `json:"longitude"`
	Children  []*Node  `json:"children"`
}

// Tree returns every municipality with its districts and their
// neighbourhoods, each level sorted by name.
func Tree(ctx context.Context, q sqlx.QueryerContext) ([]*Node, error) {
	var rows []Area
	// Parents sort before their children by kind, so one pass builds the tree.
	err := sqlx.SelectContext(ctx, q, &rows, `
		SELECT code, kind, name, parent_code, latitude, longitude
		FROM areas
		ORDER BY CASE kind WHEN 'municipality' THEN 0 WHEN 'district' THEN 1 ELSE 2 END, name, code`)
	if err != nil {
		return nil, fmt.Errorf("list areas: %w", err)
	}
	byCode := make(map[string]*Node, len(rows))
	roots := []*Node{}
	for _, a := range rows {
		n := &Node{ID: a.Code, Name: a.Name, Kind: a.Kind, Latitude: a.Latitude, Longitude: a.Longitude, Children: []*Node{}}
		byCode[a.Code] = n
		if a.ParentCode == nil {
			roots = append(roots, n)
		} else if parent, ok := byCode[*a.ParentCode]; ok {
			parent.Children = append(parent.Children, n)
		}
	}
	return roots, nil
}

// Detail is one area with its surroundings.
type Detail struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Kind      Kind     `json:"kind"`
	Latitude  *float64 `json:"latitude"`
	Longitude *float64 `json:"longitude"`
	Parent    *Ref     `json:"parent"`
	Children  []Ref    `json:"children"`
	// Borders lists the neighbourhoods that border a neighbourhood (empty
	// for districts and municipalities).
	Borders []Ref `json:"borders"`
	// Contacts is only filled for authenticated callers; nil leaves it out.
	Contacts []Contact `json:"contacts,omitempty"`
}

// Contact is a person of the area team whom people of a neighbourhood can
// turn to.
type Contact struct {
	Role        string  `json:"role" db:"role"`
	DisplayName string  `json:"displayName" db:"display_name"`
	Initials    string  `json:"initials" db:"-"`
	Phone       *string `json:"phone" db:"phone"`
	Email       string  `json:"email" db:"email"`
}

// Find returns the area with the given code. withContacts adds its contact
// persons (for neighbourhoods: contact, backup and team coordinator).
func Find(ctx context.Context, q sqlx.QueryerContext, code string, withContacts bool) (Detail, error) {
	var a Area
	err := sqlx.GetContext(ctx, q, &a, `
		SELECT code, kind, name, parent_code, latitude, longitude FROM areas WHERE code = $1`, code)
	if err != nil {
		return Detail{}, fmt.Errorf("find area %s: %w", code, notFoundIfNoRows(err))
	}
	d := Detail{ID: a.Code, Name: a.Name, Kind: a.Kind, Latitude: a.Latitude, Longitude: a.Longitude,
		Children: []Ref{}, Borders: []Ref{}}
	if a.ParentCode != nil {
		var parent Ref
		if err := sqlx.GetContext(ctx, q, &parent, `SELECT code, name FROM areas WHERE code = $1`, *a.ParentCode); err != nil {
			return Detail{}, fmt.Errorf("find parent of %s: %w", code, err)
		}
		d.Parent = &parent
	}
	if err := sqlx.SelectContext(ctx, q, &d.Children, `
		SELECT code, name FROM areas WHERE parent_code = $1 ORDER BY name, code`, code); err != nil {
		return Detail{}, fmt.Errorf("list children of %s: %w", code, err)
	}
	if err := sqlx.SelectContext(ctx, q, &d.Borders, `
		SELECT a.code, a.name FROM area_borders b
		JOIN areas a ON a.code = CASE WHEN b.area_code = $1 THEN b.neighbour_code ELSE b.area_code END
		WHERE $1 IN (b.area_code, b.neighbour_code)
		ORDER BY a.name, a.code`, code); err != nil {
		return Detail{}, fmt.Errorf("list borders of %s: %w", code, err)
	}
	if withContacts {
		if d.Contacts, err = contactsOf(ctx, q, code); err != nil {
			return Detail{}, err
		}
	}
	return d, nil
}

func contactsOf(ctx context.Context, q sqlx.QueryerContext, code string) ([]Contact, error) {
	out := []Contact{}
	if err := sqlx.SelectContext(ctx, q, &out, `
		SELECT c.role, u.display_name, u.phone, u.email
		FROM area_contacts c JOIN users u ON u.id = c.user_id
		WHERE c.neighbourhood_code = $1
		ORDER BY c.rank`, code); err != nil {
		return nil, fmt.Errorf("list contacts of %s: %w", code, err)
	}
	for i := range out {
		out[i].Initials = Initials(out[i].DisplayName)
	}
	return out, nil
}

// Gap is a neighbourhood without a contact person: the admin's to-do list.
type Gap struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Kind     Kind   `json:"kind"`
	District Ref    `json:"district"`
	// Team is the team serving it without a contact, or nil for no team.
	Team *TeamRef `json:"team"`
}

// TeamRef names an area team.
type TeamRef struct {
	ID   string `json:"id" db:"id"`
	Name string `json:"name" db:"name"`
}

// Gaps lists the neighbourhoods that have no live contact person, by
// district and name.
func Gaps(ctx context.Context, q sqlx.QueryerContext) ([]Gap, error) {
	var rows []struct {
		Code     string  `db:"code"`
		Name     string  `db:"name"`
		DCode    string  `db:"d_code"`
		DName    string  `db:"d_name"`
		TeamID   *string `db:"team_id"`
		TeamName *string `db:"team_name"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `
		SELECT n.code, n.name, d.code AS d_code, d.name AS d_name, t.id AS team_id, t.name AS team_name
		FROM areas n
		JOIN areas d ON d.code = n.parent_code
		LEFT JOIN area_team_neighbourhoods atn ON atn.neighbourhood_code = n.code
		LEFT JOIN area_teams t ON t.id = atn.team_id
		WHERE n.kind = 'neighbourhood'
		  AND NOT EXISTS (SELECT 1 FROM area_contacts c WHERE c.neighbourhood_code = n.code AND c.role = 'contact')
		ORDER BY d.name, n.name, n.code`)
	if err != nil {
		return nil, fmt.Errorf("list gaps: %w", err)
	}
	out := make([]Gap, 0, len(rows))
	for _, r := range rows {
		g := Gap{ID: r.Code, Name: r.Name, Kind: Neighbourhood, District: Ref{r.DCode, r.DName}}
		if r.TeamID != nil {
			g.Team = &TeamRef{ID: *r.TeamID, Name: *r.TeamName}
		}
		out = append(out, g)
	}
	return out, nil
}
