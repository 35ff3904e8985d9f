package areas

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// Team is an area team (gebiedsteam) with the neighbourhoods it serves.
type Team struct {
	ID             string              `json:"id"`
	Name           string              `json:"name"`
	Coordinator    *Member             `json:"coordinator"`
	Neighbourhoods []TeamNeighbourhood `json:"neighbourhoods"`
}

// TeamNeighbourhood is a neighbourhood a team serves, with its contact
// person and the backup who steps in.
type TeamNeighbourhood struct {
	Area    Ref     `json:"area"`
	Contact *Member `json:"contact"`
	Backup  *Member `json:"backup"`
}

// Member is a professional of an area team, as the admin sees them.
type Member struct {
	ID          string  `json:"id"`
	DisplayName string  `json:"displayName"`
	Initials    string  `json:"initials"`
	Email       string  `json:"email"`
	Phone       *string `json:"phone"`
}

// TeamInput creates or changes a team. For a change, nil fields stay as
// they are; CoordinatorID "" removes the coordinator; Neighbourhoods
// replaces the whole list.
type TeamInput struct {
	Name           *string
	CoordinatorID  *string
	Neighbourhoods *[]TeamNeighbourhoodInput
}

// TeamNeighbourhoodInput assigns a neighbourhood with its contact and
// backup ("" for none).
type TeamNeighbourhoodInput struct {
	AreaID    string
	ContactID string
	BackupID  string
}

// Teams lists every area team by name.
func Teams(ctx context.Context, q sqlx.QueryerContext) ([]Team, error) {
	return loadTeams(ctx, q, "")
}

// CreateTeam adds an area team in one transaction.
func CreateTeam(ctx context.Context, db *sqlx.DB, in TeamInput) (Team, error) {
	var out Team
	err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		if err := checkTeam(ctx, tx, "", in); err != nil {
			return err
		}
		var id string
		err := tx.GetContext(ctx, &id, `
			INSERT INTO area_teams (name, coordinator_id) VALUES ($1, NULLIF($2, '')::uuid) RETURNING id`,
			strings.TrimSpace(*in.Name), deref(in.CoordinatorID))
		if err != nil {
			return teamWriteError(err)
		}
		out, err = saveTeamNeighbourhoods(ctx, tx, id, in.Neighbourhoods)
		return err
	})
	return out, err
}

// UpdateTeam changes an area team in one transaction; an unknown id is
// domain.ErrNotFound.
func UpdateTeam(ctx context.Context, db *sqlx.DB, id string, in TeamInput) (Team, error) {
	var out Team
	err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		var found string
		err := tx.GetContext(ctx, &found, `SELECT id FROM area_teams WHERE id::text = $1 FOR UPDATE`, id)
		if err != nil {
			return fmt.Errorf("find team: %w", notFoundIfNoRows(err))
		}
		if err := checkTeam(ctx, tx, found, in); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE area_teams SET name = COALESCE($2, name),
			       coordinator_id = CASE WHEN $3 THEN NULLIF($4, '')::uuid ELSE coordinator_id END
			WHERE id = $1`, found, trimmed(in.Name), in.CoordinatorID != nil, deref(in.CoordinatorID)); err != nil {
			return teamWriteError(err)
		}
		out, err = saveTeamNeighbourhoods(ctx, tx, found, in.Neighbourhoods)
		return err
	})
	return out, err
}

// saveTeamNeighbourhoods replaces the team's neighbourhoods when list is
// given, and returns the team as it now is.
func saveTeamNeighbourhoods(ctx context.Context, tx *sqlx.Tx, teamID string, list *[]TeamNeighbourhoodInput) (Team, error) {
	if list != nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM area_team_neighbourhoods WHERE team_id = $1`, teamID); err != nil {
			return Team{}, fmt.Errorf("clear team neighbourhoods: %w", err)
		}
		for _, n := range *list {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO area_team_neighbourhoods (neighbourhood_code, team_id, contact_id, backup_id)
				VALUES ($1, $2, NULLIF($3, '')::uuid, NULLIF($4, '')::uuid)`,
				n.AreaID, teamID, n.ContactID, n.BackupID); err != nil {
				return Team{}, teamWriteError(err)
			}
		}
	}
	teams, err := loadTeams(ctx, tx, teamID)
	if err != nil || len(teams) != 1 {
		return Team{}, fmt.Errorf("reload team %s: %w (%d found)", teamID, err, len(teams))
	}
	return teams[0], nil
}

// teamWriteError turns a race lost to another transaction into a conflict
// or a named field; checkTeam catches everything else beforehand.
func teamWriteError(err error) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "23505" {
		if pqErr.Constraint == "area_teams_name_key" {
			return &domain.InvalidError{Fields: []domain.FieldError{{Name: "name", Reason: "is already used by another area team"}}}
		}
		return fmt.Errorf("save team: %w", domain.ErrConflict)
	}
	return fmt.Errorf("save team: %w", err)
}

const teamsQuery = `
	SELECT t.id, t.name, c.id AS m_id, c.display_name AS m_name, c.email AS m_email, c.phone AS m_phone
	FROM area_teams t LEFT JOIN users c ON c.id = t.coordinator_id
	WHERE $1 = '' OR t.id::text = $1
	ORDER BY t.name`

const teamNeighbourhoodsQuery = `
	SELECT atn.team_id, a.code, a.name,
	       c.id AS "c.m_id", c.display_name AS "c.m_name", c.email AS "c.m_email", c.phone AS "c.m_phone",
	       b.id AS "b.m_id", b.display_name AS "b.m_name", b.email AS "b.m_email", b.phone AS "b.m_phone"
	FROM area_team_neighbourhoods atn
	JOIN areas a ON a.code = atn.neighbourhood_code
	LEFT JOIN users c ON c.id = atn.contact_id
	LEFT JOIN users b ON b.id = atn.backup_id
	WHERE $1 = '' OR atn.team_id::text = $1
	ORDER BY a.name, a.code`

// loadTeams reads one team (id) or all (id "").
func loadTeams(ctx context.Context, q sqlx.QueryerContext, id string) ([]Team, error) {
	var teams []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
		memberRow
	}
	if err := sqlx.SelectContext(ctx, q, &teams, teamsQuery, id); err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	var rows []struct {
		TeamID string    `db:"team_id"`
		Code   string    `db:"code"`
		Name   string    `db:"name"`
		C      memberRow `db:"c"`
		B      memberRow `db:"b"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, teamNeighbourhoodsQuery, id); err != nil {
		return nil, fmt.Errorf("list team neighbourhoods: %w", err)
	}
	out := make([]Team, len(teams))
	index := make(map[string]int, len(teams))
	for i, t := range teams {
		out[i] = Team{ID: t.ID, Name: t.Name, Coordinator: t.member(), Neighbourhoods: []TeamNeighbourhood{}}
		index[t.ID] = i
	}
	for _, r := range rows {
		if i, ok := index[r.TeamID]; ok {
			out[i].Neighbourhoods = append(out[i].Neighbourhoods,
				TeamNeighbourhood{Area: Ref{r.Code, r.Name}, Contact: r.C.member(), Backup: r.B.member()})
		}
	}
	return out, nil
}

// memberRow is a LEFT JOINed user: all columns NULL when there is none.
type memberRow struct {
	ID    sql.NullString `db:"m_id"`
	Name  sql.NullString `db:"m_name"`
	Email sql.NullString `db:"m_email"`
	Phone *string        `db:"m_phone"`
}

func (m memberRow) member() *Member {
	if !m.ID.Valid {
		return nil
	}
	return &Member{ID: m.ID.String, DisplayName: m.Name.String, Initials: Initials(m.Name.String),
		Email: m.Email.String, Phone: m.Phone}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func trimmed(s *string) *string {
	if s == nil {
		return nil
	}
	t := strings.TrimSpace(*s)
	return &t
}
