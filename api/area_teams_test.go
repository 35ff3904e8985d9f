package api_test

import (
	"net/http"
	"reflect"
	"sort"
	"testing"

	"github.com/noaber/noaber/internal/accounts"
)

type teamBody struct {
	ID             string
	Name           string
	Coordinator    *struct{ ID, DisplayName string }
	Neighbourhoods []struct {
		Area            areaRef
		Contact, Backup *struct{ ID string }
	}
}

func TestAreaTeamValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	admin := env.newUser(t, postcodeCentrum, accounts.Admin)
	c1 := env.newUser(t, postcodeCentrum, accounts.Contact)
	c2 := env.newUser(t, postcodeCentrum, accounts.Contact)
	resident := env.newUser(t, postcodeCentrum, accounts.Resident)
	taken := decode[teamBody](t, env.call(t, "POST", "/api/v1/area-teams", admin.Token, map[string]any{
		"name": "Team Centrum", "neighbourhoods": []any{map[string]any{"areaId": buCentrum, "contactId": c1.ID}}}),
		http.StatusCreated)

	tests := []struct {
		name string
		body map[string]any
		want []string
	}{
		{"every bad field at once", map[string]any{
			"name":          " ",
			"coordinatorId": resident.ID,
			"neighbourhoods": []any{
				map[string]any{"areaId": "WK999901"},
				map[string]any{"areaId": buCentrum, "contactId": resident.ID, "backupId": "not-an-id"},
				map[string]any{"areaId": buEsch, "contactId": c2.ID, "backupId": c2.ID},
				map[string]any{"areaId": buEsch, "contactId": c1.ID},
				map[string]any{},
			}},
			[]string{"coordinatorId", "name", "neighbourhoods[0].areaId", "neighbourhoods[1].areaId",
				"neighbourhoods[1].backupId", "neighbourhoods[1].contactId", "neighbourhoods[2].backupId",
				"neighbourhoods[3].areaId", "neighbourhoods[4].areaId"}},
		{"name required and unique", map[string]any{"neighbourhoods": []any{}}, []string{"name"}},
		{"name taken", map[string]any{"name": "Team Centrum"}, []string{"name"}},
		{"wrong type", map[string]any{"name": "Team X", "coordinatorId": 5}, []string{"coordinatorId"}},
		{"unknown field", map[string]any{"name": "Team X", "areas": []string{buEsch}}, []string{"areas"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := invalidNames(t, env.call(t, "POST", "/api/v1/area-teams", admin.Token, tt.body))
			var got []string
			for n := range names {
				got = append(got, n)
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("invalidParams = %v, want %v", got, tt.want)
			}
		})
	}

	// A PATCH keeps what it leaves out, replaces the neighbourhood list and
	// may keep the team's own neighbourhoods.
	path := "/api/v1/area-teams/" + taken.ID
	team := decode[teamBody](t, env.call(t, "PATCH", path, admin.Token, map[string]any{
		"coordinatorId": c2.ID,
		"neighbourhoods": []any{map[string]any{"areaId": buCentrum, "contactId": c2.ID, "backupId": c1.ID},
			map[string]any{"areaId": buHaven}}}), http.StatusOK)
	if team.Name != "Team Centrum" || team.Coordinator == nil || team.Coordinator.ID != c2.ID || len(team.Neighbourhoods) != 2 ||
		team.Neighbourhoods[0].Backup.ID != c1.ID || team.Neighbourhoods[1].Contact != nil {
		t.Errorf("patched team = %+v", team)
	}
	team = decode[teamBody](t, env.call(t, "PATCH", path, admin.Token, map[string]any{"coordinatorId": nil}), http.StatusOK)
	if team.Coordinator != nil || len(team.Neighbourhoods) != 2 {
		t.Errorf("after removing the coordinator: %+v", team)
	}
	readProblem(t, env.call(t, "PATCH", "/api/v1/area-teams/00000000-0000-4000-8000-000000000000", admin.Token,
		map[string]any{"name": "X"}), http.StatusNotFound)
	readProblem(t, env.call(t, "PATCH", "/api/v1/area-teams/nonsense", admin.Token, map[string]any{"name": "X"}),
		http.StatusNotFound)

	list := decode[struct{ Items []teamBody }](t, env.call(t, "GET", "/api/v1/area-teams", admin.Token, nil), http.StatusOK)
	if len(list.Items) != 1 || list.Items[0].ID != taken.ID {
		t.Errorf("teams = %+v", list.Items)
	}
}
