package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pquerna/otp/totp"

	"github.com/noaber/noaber/internal/accounts"
)

type meBody struct {
	ID                   string
	Email                string
	DisplayName          string
	Roles                []string
	Postcode             *string
	Phone                *string
	Language             string
	Neighbourhood        *struct{ ID, Name string }
	TOTPEnabled          bool `json:"totpEnabled"`
	SecondFactorRequired bool
}

func TestMeRequiresToken(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	resp := do(t, env.app, jsonRequest(t, "GET", "/api/v1/me", "", nil))
	readProblem(t, resp, 401)
	if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
		t.Error("401 without WWW-Authenticate: Bearer")
	}
}

func TestPatchMe(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident)
	patch := map[string]string{"displayName": "  Jan   de Buur ", "postcode": postcodeEsch, "phone": "06 12345678", "language": "en"}
	me := decode[meBody](t, do(t, env.app, jsonRequest(t, "PATCH", "/api/v1/me", u.Token, patch)), 200)
	if me.DisplayName != "Jan de Buur" || me.Neighbourhood.Name != "Esch" || *me.Phone != "06 12345678" || me.Language != "en" {
		t.Errorf("me = %+v", me)
	}
	bad := map[string]string{"displayName": "", "postcode": "0000", "phone": "call me", "language": "fr", "newPassword": "x"}
	p := readProblem(t, do(t, env.app, jsonRequest(t, "PATCH", "/api/v1/me", u.Token, bad)), 400)
	var names []string
	for _, f := range p.InvalidParams {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, ","); got != "currentPassword,displayName,language,newPassword,phone,postcode" {
		t.Errorf("invalidParams = %s", got)
	}
	after := decode[meBody](t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/me", u.Token, nil)), 200)
	if after.DisplayName != "Jan de Buur" {
		t.Error("a refused patch changed something")
	}
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident)
	other := env.login(t, u)
	patch := map[string]string{"currentPassword": u.Password, "newPassword": "een heel nieuw wachtwoord"}
	decode[meBody](t, do(t, env.app, jsonRequest(t, "PATCH", "/api/v1/me", u.Token, patch)), 200)
	readProblem(t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/me", other, nil)), 401)
	decode[meBody](t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/me", u.Token, nil)), 200)
	u.Password = "een heel nieuw wachtwoord"
	env.login(t, u)
}

func TestDisablingAnAccountEndsItsSessions(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident)
	if _, err := env.db.Exec(`UPDATE users SET disabled_at = now() WHERE id = $1`, u.ID); err != nil {
		t.Fatal(err)
	}
	readProblem(t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/me", u.Token, nil)), 401)
}

func TestTOTPEnrolment(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	id, err := env.accounts.CreateUser(context.Background(), accounts.NewUser{Email: "new.broker@example.nl",
		Password: "makelaar wachtwoord", DisplayName: "Nieuw", Postcode: postcodeCentrum, HouseNumber: "3",
		Roles: []accounts.Role{accounts.Broker}})
	if err != nil {
		t.Fatal(err)
	}
	u := testUser{ID: id, Email: "new.broker@example.nl", Password: "makelaar wachtwoord"}
	u.Token = env.login(t, u) // no second factor yet: login works, broker endpoints don't
	me := decode[meBody](t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/me", u.Token, nil)), 200)
	if !me.SecondFactorRequired || me.TOTPEnabled {
		t.Fatalf("before enrolment: %+v", me)
	}
	enrol := decode[struct{ Secret, OtpauthURI, QRCode string }](t,
		do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/totp", u.Token, map[string]string{})), 201)
	if enrol.Secret == "" || !strings.HasPrefix(enrol.OtpauthURI, "otpauth://totp/Noaber") ||
		!strings.HasPrefix(enrol.QRCode, "data:image/png;base64,") {
		t.Fatalf("enrolment = %+v", enrol)
	}
	p := readProblem(t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/totp/verification", u.Token,
		map[string]string{"code": "000000"})), 400)
	if p.InvalidParams[0].Name != "code" {
		t.Errorf("invalidParams = %+v", p.InvalidParams)
	}
	code, _ := totp.GenerateCode(enrol.Secret, env.clock.Now())
	rc := decode[struct{ RecoveryCodes []string }](t, do(t, env.app, jsonRequest(t, "POST",
		"/api/v1/auth/totp/verification", u.Token, map[string]string{"code": code})), 200)
	if len(rc.RecoveryCodes) != 10 {
		t.Fatalf("%d recovery codes", len(rc.RecoveryCodes))
	}
	me = decode[meBody](t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/me", u.Token, nil)), 200)
	if me.SecondFactorRequired || !me.TOTPEnabled {
		t.Errorf("after enrolment: %+v", me)
	}
	readProblem(t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/totp", u.Token, map[string]string{})), 409)

	// A recovery code works once instead of the app.
	login := map[string]string{"email": u.Email, "password": u.Password, "recoveryCode": strings.ToUpper(rc.RecoveryCodes[0])}
	decode[session](t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", login)), 200)
	readProblem(t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", login)), 401)
}

func TestExportHoldsMyData(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident, accounts.Keyfigure)
	resp := do(t, env.app, jsonRequest(t, "GET", "/api/v1/me/export", u.Token, nil))
	if !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("Content-Disposition = %q", resp.Header.Get("Content-Disposition"))
	}
	export := decode[map[string]json.RawMessage](t, resp, 200)
	for _, key := range []string{"exportedAt", "account", "roles", "sessions", "brokerAreas", "recoveryCodes", "areaTeamRoles"} {
		if _, ok := export[key]; !ok {
			t.Errorf("export lacks %s", key)
		}
	}
	if !strings.Contains(string(export["account"]), u.Email) || !strings.Contains(string(export["roles"]), "keyfigure") {
		t.Errorf("export account/roles incomplete: %s %s", export["account"], export["roles"])
	}
	if strings.Contains(string(export["account"]), "argon2") {
		t.Error("export leaks the password hash")
	}
}

func TestDeleteMeAnonymises(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident, accounts.Keyfigure)
	resp := do(t, env.app, jsonRequest(t, "DELETE", "/api/v1/me", u.Token, nil))
	if resp.StatusCode != 204 {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	readProblem(t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/me", u.Token, nil)), 401)
	var row struct {
		Email, DisplayName string
		Postcode, Hash     *string
		Neighbourhood      *string
		Roles, Sessions    int
	}
	err := env.db.QueryRow(`SELECT email, display_name, postcode, password_hash, neighbourhood_code,
		(SELECT count(*) FROM user_roles WHERE user_id = u.id), (SELECT count(*) FROM sessions WHERE user_id = u.id)
		FROM users u WHERE id = $1`, u.ID).Scan(&row.Email, &row.DisplayName, &row.Postcode, &row.Hash,
		&row.Neighbourhood, &row.Roles, &row.Sessions)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(row.Email, "example.nl") || row.Postcode != nil || row.Hash != nil || row.Roles != 0 || row.Sessions != 0 {
		t.Errorf("personal data left after deletion: %+v", row)
	}
	if row.Neighbourhood == nil {
		t.Error("neighbourhood removed: statistics per area would no longer add up")
	}
	// The address can register again.
	body := registration(u.Email)
	decode[session](t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/register", "", body)), 201)
}

// TestMeListsBrokerAreas: a broker's areas come with GET /me, so the app can
// offer only those; anybody else gets an empty list.
func TestMeListsBrokerAreas(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	type me struct {
		BrokerAreas []struct{ ID, Name string }
	}
	got := decode[me](t, w.env.call(t, "GET", "/api/v1/me", w.brokerX.Token, nil), http.StatusOK)
	if len(got.BrokerAreas) != 2 || got.BrokerAreas[0].ID != buCentrum || got.BrokerAreas[0].Name == "" ||
		got.BrokerAreas[1].ID != buHaven {
		t.Errorf("brokerX areas = %+v, want Centrum and Havenkwartier", got.BrokerAreas)
	}
	raw := decode[map[string]any](t, w.env.call(t, "GET", "/api/v1/me", w.resident.Token, nil), http.StatusOK)
	if areas, ok := raw["brokerAreas"].([]any); !ok || len(areas) != 0 {
		t.Errorf("resident brokerAreas = %#v, want []", raw["brokerAreas"])
	}
}
