package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pquerna/otp/totp"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/demo"
)

// Demo postcodes used in tests: 9999AA lies in Centrum (BU99990101),
// 9999BA in Havenkwartier (BU99990102), 9999EA in Esch (BU99990201).
const (
	postcodeCentrum       = "9999AA"
	postcodeHavenkwartier = "9999BA"
	postcodeEsch          = "9999EA"
)

var userSeq atomic.Int64

// testUser is an account made for one test, logged in through the API.
type testUser struct {
	ID, Email, Password, TOTPSecret, Token string
}

// seedAreas gives the test database the demo map.
func (env testEnv) seedAreas(t *testing.T) {
	t.Helper()
	if _, err := demo.SeedAreas(context.Background(), env.db); err != nil {
		t.Fatal(err)
	}
}

// newUser creates an account with roles living at postcode and logs it in
// (with a second factor for professionals). The areas must be seeded.
func (env testEnv) newUser(t *testing.T, postcode string, roles ...accounts.Role) testUser {
	t.Helper()
	n := userSeq.Add(1)
	u := testUser{Email: fmt.Sprintf("user%d@example.nl", n), Password: fmt.Sprintf("correct horse %d battery", n)}
	for _, r := range roles {
		if r.Professional() {
			key, err := totp.Generate(totp.GenerateOpts{Issuer: "Noaber", AccountName: u.Email})
			if err != nil {
				t.Fatal(err)
			}
			u.TOTPSecret = key.Secret()
		}
	}
	id, err := env.accounts.CreateUser(context.Background(), accounts.NewUser{Email: u.Email, Password: u.Password,
		DisplayName: fmt.Sprintf("Buur %d", n), Postcode: postcode, HouseNumber: "1", Roles: roles, TOTPSecret: u.TOTPSecret})
	if err != nil {
		t.Fatalf("create user: %v", err)
	}
	u.ID = id
	u.Token = env.login(t, u)
	return u
}

// login returns an access token for u, answering the second factor.
func (env testEnv) login(t *testing.T, u testUser) string {
	t.Helper()
	body := map[string]string{"email": u.Email, "password": u.Password}
	if u.TOTPSecret != "" {
		code, err := totp.GenerateCode(u.TOTPSecret, env.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		body["totpCode"] = code
	}
	resp := do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", body))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login %s: status %d", u.Email, resp.StatusCode)
	}
	var s struct{ AccessToken string }
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil || s.AccessToken == "" {
		t.Fatalf("login %s: %v", u.Email, err)
	}
	return s.AccessToken
}

// jsonRequest builds a request with a JSON body (nil: none) and a bearer token
// (empty: none).
func jsonRequest(t *testing.T, method, path, token string, body any) *http.Request {
	t.Helper()
	var req *http.Request
	if body == nil {
		req, _ = http.NewRequest(method, path, nil)
	} else {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		req, _ = http.NewRequest(method, path, strings.NewReader(string(b)))
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req
}

// decode reads a JSON response into v, failing the test on a wrong status.
func decode[T any](t *testing.T, resp *http.Response, status int) T {
	t.Helper()
	var v T
	if resp.StatusCode != status {
		var p problemBody
		_ = json.NewDecoder(resp.Body).Decode(&p)
		t.Fatalf("status = %d, want %d: %+v", resp.StatusCode, status, p)
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return v
}
