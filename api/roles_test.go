package api_test

import (
	"context"
	"net/http"
	"reflect"
	"sort"
	"testing"

	"github.com/noaber/noaber/internal/accounts"
)

func (env testEnv) rolesOf(t *testing.T, userID string) []string {
	t.Helper()
	var roles []string
	if err := env.db.SelectContext(context.Background(), &roles,
		`SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role`, userID); err != nil {
		t.Fatal(err)
	}
	return roles
}

func TestGrantAndRevokeRoles(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	env := w.env
	path := func(u testUser, role string) string { return "/api/v1/users/" + u.ID + "/roles/" + role }
	status := func(method, p, token string, body any) int {
		t.Helper()
		return env.call(t, method, p, token, body).StatusCode
	}

	// Admin makes residentY a broker of two neighbourhoods; twice is the same.
	for i := 0; i < 2; i++ {
		if got := status("PUT", path(w.residentY, "broker"), w.admin.Token,
			map[string]any{"areaIds": []string{buEsch, buBeekdal}}); got != http.StatusNoContent {
			t.Fatalf("grant broker #%d: %d", i+1, got)
		}
	}
	var areas []string
	_ = env.db.Select(&areas, `SELECT area_code FROM broker_areas WHERE user_id = $1 ORDER BY area_code`, w.residentY.ID)
	if got := env.rolesOf(t, w.residentY.ID); !reflect.DeepEqual(got, []string{"broker", "resident"}) ||
		!reflect.DeepEqual(areas, []string{buEsch, buBeekdal}) {
		t.Errorf("roles %v, broker areas %v", got, areas)
	}

	// Broker X makes residentX a keyfigure of an organisation in their area.
	if got := status("PUT", path(w.residentX, "keyfigure"), w.brokerX.Token,
		map[string]any{"organisationId": w.orgX}); got != http.StatusNoContent {
		t.Fatalf("broker grants keyfigure: %d", got)
	}
	var org *string
	_ = env.db.Get(&org, `SELECT organisation_id FROM users WHERE id = $1`, w.residentX.ID)
	if org == nil || *org != w.orgX {
		t.Errorf("organisation = %v, want %s", org, w.orgX)
	}

	invalid := []struct {
		name, method, path, token string
		body                      any
		want                      []string
	}{
		{"organisation outside the broker's areas", "PUT", path(w.residentX, "keyfigure"), w.brokerX.Token,
			map[string]any{"organisationId": w.orgY}, []string{"organisationId"}},
		{"fields of other roles", "PUT", path(w.residentX, "contact"), w.admin.Token,
			map[string]any{"organisationId": w.orgX, "areaIds": []string{buEsch}}, []string{"areaIds", "organisationId"}},
		{"broker areas must be neighbourhoods", "PUT", path(w.residentX, "broker"), w.admin.Token,
			map[string]any{"areaIds": []string{"WK999901", buEsch, "GM9999"}}, []string{"areaIds[0]", "areaIds[2]"}},
		{"unknown role", "PUT", path(w.residentX, "mayor"), w.admin.Token, nil, []string{"role"}},
		{"unknown organisation", "PUT", path(w.residentX, "keyfigure"), w.admin.Token,
			map[string]any{"organisationId": "nope"}, []string{"organisationId"}},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			names := invalidNames(t, env.call(t, tt.method, tt.path, tt.token, tt.body))
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

	// Revoking keyfigure removes the organisation; revoking twice is fine.
	for i := 0; i < 2; i++ {
		if got := status("DELETE", path(w.residentX, "keyfigure"), w.brokerX.Token, nil); got != http.StatusNoContent {
			t.Fatalf("revoke keyfigure #%d: %d", i+1, got)
		}
	}
	_ = env.db.Get(&org, `SELECT organisation_id FROM users WHERE id = $1`, w.residentX.ID)
	if org != nil || len(env.rolesOf(t, w.residentX.ID)) != 1 {
		t.Errorf("after revoking: organisation %v, roles %v", org, env.rolesOf(t, w.residentX.ID))
	}
}

// TestRevokedRoleStopsAtOnce: the session stays, the role does not.
func TestRevokedRoleStopsAtOnce(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	admin := env.newUser(t, postcodeCentrum, accounts.Admin)
	other := env.newUser(t, postcodeCentrum, accounts.Admin)
	if got := env.call(t, "GET", "/api/v1/area-teams", other.Token, nil).StatusCode; got != http.StatusOK {
		t.Fatalf("before: %d", got)
	}
	if got := env.call(t, "DELETE", "/api/v1/users/"+other.ID+"/roles/admin", admin.Token, nil).StatusCode; got != http.StatusNoContent {
		t.Fatalf("revoke: %d", got)
	}
	readProblem(t, env.call(t, "GET", "/api/v1/area-teams", other.Token, nil), http.StatusForbidden)
	decode[map[string]any](t, env.call(t, "GET", "/api/v1/me", other.Token, nil), http.StatusOK)

	// The last admin cannot revoke themselves.
	readProblem(t, env.call(t, "DELETE", "/api/v1/users/"+admin.ID+"/roles/admin", admin.Token, nil), http.StatusConflict)
	readProblem(t, env.call(t, "PUT", "/api/v1/users/00000000-0000-4000-8000-000000000000/roles/resident", admin.Token, nil),
		http.StatusNotFound)
}
