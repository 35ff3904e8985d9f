package areas

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/domain"
)

// checkTeam validates a new team (teamID "") or a change to team teamID,
// naming every bad field at once: the name must be unique, coordinator,
// contacts and backups must hold the contact role, each area must be a
// neighbourhood not served by another team, and contact ≠ backup.
func checkTeam(ctx context.Context, tx *sqlx.Tx, teamID string, in TeamInput) error {
	var check domain.Checker
	if err := checkTeamName(ctx, tx, &check, teamID, in.Name); err != nil {
		return err
	}
	contacts, err := liveContacts(ctx, tx, teamPeople(in))
	if err != nil {
		return err
	}
	if id := deref(in.CoordinatorID); id != "" {
		check.Check(contacts[id], "coordinatorId", "must be a person with the contact role")
	}
	if in.Neighbourhoods != nil {
		if err := checkTeamNeighbourhoods(ctx, tx, &check, teamID, *in.Neighbourhoods, contacts); err != nil {
			return err
		}
	}
	return check.Err()
}

func checkTeamName(ctx context.Context, tx *sqlx.Tx, check *domain.Checker, teamID string, raw *string) error {
	if raw == nil {
		check.Check(teamID != "", "name", "is required")
		return nil
	}
	name := strings.TrimSpace(*raw)
	if n := utf8.RuneCountInString(name); n == 0 || n > 120 {
		check.Fail("name", "must be 1 to 120 characters")
		return nil
	}
	var taken bool
	if err := tx.GetContext(ctx, &taken, `
		SELECT EXISTS (SELECT 1 FROM area_teams WHERE name = $1 AND id::text <> $2)`, name, teamID); err != nil {
		return fmt.Errorf("check team name: %w", err)
	}
	check.Check(!taken, "name", "is already used by another area team")
	return nil
}

func checkTeamNeighbourhoods(ctx context.Context, tx *sqlx.Tx, check *domain.Checker, teamID string,
	list []TeamNeighbourhoodInput, contacts map[string]bool) error {
	codes := make([]string, len(list))
	for i, n := range list {
		codes[i] = n.AreaID
	}
	known, err := neighbourhoodTeams(ctx, tx, codes)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, n := range list {
		field := fmt.Sprintf("neighbourhoods[%d].", i)
		team, isNeighbourhood := known[n.AreaID]
		switch {
		case n.AreaID == "":
			check.Fail(field+"areaId", "is required")
		case !isNeighbourhood:
			check.Fail(field+"areaId", "must be the code of a neighbourhood (BU…)")
		case seen[n.AreaID]:
			check.Fail(field+"areaId", "is listed more than once")
		case team.ID != "" && team.ID != teamID:
			check.Fail(field+"areaId", fmt.Sprintf("already belongs to area team %q", team.Name))
		}
		seen[n.AreaID] = true
		check.Check(n.ContactID == "" || contacts[n.ContactID], field+"contactId", "must be a person with the contact role")
		check.Check(n.BackupID == "" || contacts[n.BackupID], field+"backupId", "must be a person with the contact role")
		check.Check(n.BackupID == "" || n.BackupID != n.ContactID, field+"backupId", "must be someone else than the contact")
	}
	return nil
}

// teamPeople lists every user id that the input names.
func teamPeople(in TeamInput) []string {
	ids := []string{deref(in.CoordinatorID)}
	if in.Neighbourhoods != nil {
		for _, n := range *in.Neighbourhoods {
			ids = append(ids, n.ContactID, n.BackupID)
		}
	}
	return ids
}

// liveContacts returns which of ids are live accounts holding the contact
// role. Ids are compared as text so that a malformed id is simply unknown.
func liveContacts(ctx context.Context, q sqlx.QueryerContext, ids []string) (map[string]bool, error) {
	var found []string
	if err := sqlx.SelectContext(ctx, q, &found, `
		SELECT u.id FROM users u
		JOIN user_roles r ON r.user_id = u.id AND r.role = 'contact'
		WHERE u.id::text = ANY($1) AND u.deleted_at IS NULL AND u.disabled_at IS NULL`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("find contacts: %w", err)
	}
	out := make(map[string]bool, len(found))
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// neighbourhoodTeams returns, for each of codes that is a neighbourhood,
// the team serving it (zero TeamRef for none).
func neighbourhoodTeams(ctx context.Context, q sqlx.QueryerContext, codes []string) (map[string]TeamRef, error) {
	var rows []struct {
		Code     string  `db:"code"`
		TeamID   *string `db:"team_id"`
		TeamName *string `db:"team_name"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, `
		SELECT a.code, t.id AS team_id, t.name AS team_name
		FROM areas a
		LEFT JOIN area_team_neighbourhoods atn ON atn.neighbourhood_code = a.code
		LEFT JOIN area_teams t ON t.id = atn.team_id
		WHERE a.code = ANY($1) AND a.kind = 'neighbourhood'`, pq.Array(codes)); err != nil {
		return nil, fmt.Errorf("find neighbourhoods: %w", err)
	}
	out := make(map[string]TeamRef, len(rows))
	for _, r := range rows {
		out[r.Code] = TeamRef{ID: deref(r.TeamID), Name: deref(r.TeamName)}
	}
	return out, nil
}
