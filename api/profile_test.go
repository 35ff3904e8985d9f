package api_test

import (
	"net/http"
	"reflect"
	"sort"
	"testing"

	"github.com/noaber/noaber/internal/accounts"
)

func TestPublicProfile(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	viewer := env.newUser(t, postcodeCentrum, accounts.Resident)
	subject := env.newUser(t, postcodeEsch, accounts.Resident, accounts.Keyfigure)
	env.exec(t, `UPDATE users SET phone = '06 12345678' WHERE id = $1`, subject.ID)

	profile := decode[map[string]any](t, env.call(t, "GET", "/api/v1/users/"+subject.ID, viewer.Token, nil), http.StatusOK)
	var keys []string
	for k := range profile {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if !reflect.DeepEqual(keys, []string{"displayName", "given", "id", "memberSince", "neighbourhood", "received"}) {
		t.Errorf("profile fields = %v: never e-mail, address, phone or roles", keys)
	}
	if n, _ := profile["neighbourhood"].(map[string]any); n["id"] != buEsch || n["name"] != "Esch" ||
		profile["memberSince"] != env.clock.Now().UTC().Format("2006-01") {
		t.Errorf("profile = %v", profile)
	}

	disabled := env.newUser(t, postcodeCentrum, accounts.Resident)
	env.exec(t, `UPDATE users SET disabled_at = now() WHERE id = $1`, disabled.ID)
	deleted := env.newUser(t, postcodeCentrum, accounts.Resident)
	if got := env.call(t, "DELETE", "/api/v1/me", deleted.Token, nil).StatusCode; got != http.StatusNoContent {
		t.Fatalf("delete account: %d", got)
	}
	for _, id := range []string{disabled.ID, deleted.ID, "00000000-0000-4000-8000-000000000000", "not-an-id"} {
		readProblem(t, env.call(t, "GET", "/api/v1/users/"+id, viewer.Token, nil), http.StatusNotFound)
	}
}
