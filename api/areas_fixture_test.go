package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/noaber/noaber/internal/accounts"
)

// Demo neighbourhoods used by the area tests.
const (
	buCentrum = "BU99990101" // Binnenstad, postcode 9999AA
	buHaven   = "BU99990102" // Binnenstad, postcode 9999BA
	buEsch    = "BU99990201" // Noord, postcode 9999EA
	buBeekdal = "BU99990301" // Zuid
)

// areaWorld is a seeded map with one person per role: brokerX works in
// Centrum (area X), brokerY in Esch (area Y); residentX lives in Centrum,
// residentY in Esch; orgX is active in Centrum, orgY only in Esch; team
// serves Centrum.
type areaWorld struct {
	env                                   testEnv
	resident, keyfigure, brokerX, brokerY testUser
	contact, admin, adminWithout2FA       testUser
	residentX, residentY                  testUser
	orgX, orgY, team                      string
	callers                               []caller
}

// caller is one column of the role matrix: a name and a token ("" for
// anonymous).
type caller struct{ name, token string }

func newAreaWorld(t *testing.T) areaWorld {
	t.Helper()
	env := newTestEnv(t)
	env.seedAreas(t)
	w := areaWorld{env: env,
		resident:  env.newUser(t, postcodeCentrum, accounts.Resident),
		keyfigure: env.newUser(t, postcodeCentrum, accounts.Resident, accounts.Keyfigure),
		brokerX:   env.newUser(t, postcodeCentrum, accounts.Broker),
		brokerY:   env.newUser(t, postcodeEsch, accounts.Broker),
		contact:   env.newUser(t, postcodeCentrum, accounts.Contact),
		admin:     env.newUser(t, postcodeCentrum, accounts.Admin),
		residentX: env.newUser(t, postcodeHavenkwartier, accounts.Resident),
		residentY: env.newUser(t, postcodeEsch, accounts.Resident),
	}
	w.adminWithout2FA = env.newUserWithout2FA(t, accounts.Admin)
	env.exec(t, `INSERT INTO broker_areas (user_id, area_code) VALUES ($1, $2), ($1, $3), ($4, $5)`,
		w.brokerX.ID, buCentrum, buHaven, w.brokerY.ID, buEsch)
	w.orgX = env.newOrganisation(t, "Buurthuis Centrum", buCentrum)
	w.orgY = env.newOrganisation(t, "Schaakclub Esch", buEsch)
	w.team = env.newTeam(t, "Gebiedsteam Matrix", "", buCentrum, w.contact.ID, "")
	w.callers = []caller{{"anonymous", ""}, {"resident", w.resident.Token}, {"keyfigure", w.keyfigure.Token},
		{"brokerX", w.brokerX.Token}, {"brokerY", w.brokerY.Token}, {"contact", w.contact.Token},
		{"admin", w.admin.Token}, {"adminWithout2FA", w.adminWithout2FA.Token}}
	return w
}

// newUserWithout2FA creates an account with roles but no second factor and
// logs it in: professional roles then do not count yet.
func (env testEnv) newUserWithout2FA(t *testing.T, roles ...accounts.Role) testUser {
	t.Helper()
	n := userSeq.Add(1)
	u := testUser{Email: fmt.Sprintf("user%d@example.nl", n), Password: fmt.Sprintf("correct horse %d battery", n)}
	id, err := env.accounts.CreateUser(context.Background(), accounts.NewUser{Email: u.Email, Password: u.Password,
		DisplayName: fmt.Sprintf("Buur %d", n), Postcode: postcodeCentrum, HouseNumber: "1", Roles: roles})
	if err != nil {
		t.Fatalf("create user: %v", err)
	}
	u.ID = id
	u.Token = env.login(t, u)
	return u
}

// exec runs SQL for test set-up.
func (env testEnv) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	if _, err := env.db.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("exec %q: %v", query, err)
	}
}

// newOrganisation adds an association active in codes and returns its id.
func (env testEnv) newOrganisation(t *testing.T, name string, codes ...string) string {
	t.Helper()
	var id string
	if err := env.db.GetContext(context.Background(), &id,
		`INSERT INTO organisations (name, kind) VALUES ($1, 'association') RETURNING id`, name); err != nil {
		t.Fatal(err)
	}
	for _, c := range codes {
		env.exec(t, `INSERT INTO organisation_areas (organisation_id, area_code) VALUES ($1, $2)`, id, c)
	}
	return id
}

// newTeam adds an area team serving one neighbourhood with a contact and
// backup ("" for none) and returns its id.
func (env testEnv) newTeam(t *testing.T, name, coordinatorID, code, contactID, backupID string) string {
	t.Helper()
	var id string
	if err := env.db.GetContext(context.Background(), &id, `
		INSERT INTO area_teams (name, coordinator_id) VALUES ($1, NULLIF($2, '')::uuid) RETURNING id`,
		name, coordinatorID); err != nil {
		t.Fatal(err)
	}
	env.exec(t, `INSERT INTO area_team_neighbourhoods (neighbourhood_code, team_id, contact_id, backup_id)
		VALUES ($1, $2, NULLIF($3, '')::uuid, NULLIF($4, '')::uuid)`, code, id, contactID, backupID)
	return id
}

// call sends a JSON request and returns the response.
func (env testEnv) call(t *testing.T, method, path, token string, body any) *http.Response {
	t.Helper()
	return do(t, env.app, jsonRequest(t, method, path, token, body))
}

// invalidNames returns the names listed in a 400 problem.
func invalidNames(t *testing.T, resp *http.Response) map[string]bool {
	t.Helper()
	p := readProblem(t, resp, http.StatusBadRequest)
	names := map[string]bool{}
	for _, f := range p.InvalidParams {
		names[f.Name] = true
	}
	return names
}
