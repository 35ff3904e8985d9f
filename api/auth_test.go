package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/noaber/noaber/internal/accounts"
)

type session struct {
	AccessToken string
	TokenType   string
	ExpiresIn   int
	User        struct {
		ID                   string
		Email                string
		DisplayName          string
		Roles                []string
		Neighbourhood        struct{ ID, Name string }
		SecondFactorRequired bool
	}
}

func registration(email string) map[string]string {
	return map[string]string{"email": email, "password": "een lange zin als wachtwoord",
		"displayName": "Anja", "postcode": "9999 aa", "houseNumber": "12a"}
}

// refreshCookieOf returns the refresh cookie set by resp.
func refreshCookieOf(t *testing.T, resp *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == "noaber_refresh" {
			return c
		}
	}
	t.Fatal("no refresh cookie")
	return nil
}

func withCookie(req *http.Request, c *http.Cookie) *http.Request {
	req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	return req
}

func TestRegisterPlacesResidentInNeighbourhood(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	resp := do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/register", "", registration("anja@example.nl")))
	s := decode[session](t, resp, http.StatusCreated)
	if s.TokenType != "Bearer" || s.ExpiresIn != 900 || s.AccessToken == "" {
		t.Errorf("session = %+v", s)
	}
	if s.User.Neighbourhood.Name != "Centrum" || strings.Join(s.User.Roles, ",") != "resident" {
		t.Errorf("user = %+v", s.User)
	}
	c := refreshCookieOf(t, resp)
	if !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteStrictMode || c.Path != "/api/v1/auth" {
		t.Errorf("refresh cookie %+v must be HttpOnly, Secure, SameSite=Strict, Path=/api/v1/auth", c)
	}
	if len(c.Value) < 43 {
		t.Errorf("refresh token %q is shorter than 256 bits", c.Value)
	}
	var stored int
	if err := env.db.Get(&stored, `SELECT count(*) FROM refresh_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))`, c.Value); err != nil || stored != 1 {
		t.Errorf("refresh token stored as its hash: %d rows (%v)", stored, err)
	}
}

func TestRegisterValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/register", "", registration("taken@example.nl")))
	tests := []struct {
		name string
		edit func(map[string]string)
		want string
	}{
		{"everything wrong at once", func(m map[string]string) {
			m["email"], m["password"], m["displayName"], m["postcode"], m["houseNumber"] = "nope", "short", " ", "12", "x"
		}, "displayName,email,houseNumber,password,postcode"},
		{"unknown postcode", func(m map[string]string) { m["postcode"] = "1234 AB" }, "postcode"},
		{"common password", func(m map[string]string) { m["password"] = "Password1" }, "password"},
		{"too long password", func(m map[string]string) { m["password"] = strings.Repeat("x", 129) }, "password"},
		{"email taken (any case)", func(m map[string]string) { m["email"] = "TAKEN@example.nl" }, "email"},
		{"language", func(m map[string]string) { m["language"] = "de" }, "language"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := registration("new@example.nl")
			tt.edit(body)
			p := readProblem(t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/register", "", body)), 400)
			var names []string
			for _, f := range p.InvalidParams {
				names = append(names, f.Name)
			}
			if strings.Join(names, ",") != tt.want {
				t.Errorf("invalidParams = %v, want %s", names, tt.want)
			}
		})
	}
	var users int
	if err := env.db.Get(&users, `SELECT count(*) FROM users`); err != nil || users != 1 {
		t.Errorf("%d users after refused registrations, want 1", users)
	}
}

func TestLoginSameAnswerForUnknownAndWrong(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident)
	for _, body := range []map[string]string{
		{"email": u.Email, "password": "wrong password here"},
		{"email": "nobody@example.nl", "password": u.Password},
	} {
		p := readProblem(t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", body)), 401)
		if !strings.HasSuffix(p.Type, "/invalid-credentials") || p.Detail != "The e-mail address or password is not right." {
			t.Errorf("problem = %+v", p)
		}
	}
	body := map[string]string{"email": strings.ToUpper(u.Email), "password": u.Password}
	decode[session](t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", body)), 200)
}

func TestLoginAsksForSecondFactor(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Broker)
	body := map[string]string{"email": u.Email, "password": u.Password}
	p := readProblem(t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", body)), 401)
	if !strings.HasSuffix(p.Type, "/second-factor-required") {
		t.Errorf("type = %s", p.Type)
	}
	body["totpCode"] = "000000"
	p = readProblem(t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", body)), 401)
	if !strings.HasSuffix(p.Type, "/invalid-second-factor") {
		t.Errorf("type = %s", p.Type)
	}
	body["totpCode"], _ = totp.GenerateCode(u.TOTPSecret, env.clock.Now())
	s := decode[session](t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", body)), 200)
	if s.User.SecondFactorRequired {
		t.Error("second factor proven but still required")
	}
}

func TestRefreshRotatesAndDetectsReuse(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	resp := do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/register", "", registration("r@example.nl")))
	first := refreshCookieOf(t, resp)
	access := decode[session](t, resp, 201).AccessToken

	resp = do(t, env.app, withCookie(jsonRequest(t, "POST", "/api/v1/auth/refresh", "", nil), first))
	decode[session](t, resp, 200)
	second := refreshCookieOf(t, resp)
	if second.Value == first.Value {
		t.Fatal("refresh token not rotated")
	}
	// The first token again: stolen. The whole session ends.
	readProblem(t, do(t, env.app, withCookie(jsonRequest(t, "POST", "/api/v1/auth/refresh", "", nil), first)), 401)
	readProblem(t, do(t, env.app, withCookie(jsonRequest(t, "POST", "/api/v1/auth/refresh", "", nil), second)), 401)
	readProblem(t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/me", access, nil)), 401)
}

func TestRefreshEndsAfterAbsoluteLifetime(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	resp := do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/register", "", registration("old@example.nl")))
	cookie := refreshCookieOf(t, resp)
	for day := 0; day < 29; day++ { // refreshing daily never extends the session
		env.clock.Advance(24 * time.Hour)
		resp = do(t, env.app, withCookie(jsonRequest(t, "POST", "/api/v1/auth/refresh", "", nil), cookie))
		decode[session](t, resp, 200)
		cookie = refreshCookieOf(t, resp)
	}
	env.clock.Advance(25 * time.Hour)
	readProblem(t, do(t, env.app, withCookie(jsonRequest(t, "POST", "/api/v1/auth/refresh", "", nil), cookie)), 401)
}

func TestLogoutEndsSession(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	resp := do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/register", "", registration("out@example.nl")))
	cookie := refreshCookieOf(t, resp)
	access := decode[session](t, resp, 201).AccessToken
	resp = do(t, env.app, withCookie(jsonRequest(t, "POST", "/api/v1/auth/logout", access, nil), cookie))
	if resp.StatusCode != 204 {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if c := refreshCookieOf(t, resp); c.Value != "" {
		t.Error("logout did not clear the cookie")
	}
	readProblem(t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/me", access, nil)), 401)
	readProblem(t, do(t, env.app, withCookie(jsonRequest(t, "POST", "/api/v1/auth/refresh", "", nil), cookie)), 401)
}

func TestLoginThrottling(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident)
	wrong := map[string]string{"email": u.Email, "password": "not the password"}
	for i := 0; i < 5; i++ {
		readProblem(t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", wrong)), 401)
	}
	// Now even the right password waits: the account is throttled.
	right := map[string]string{"email": u.Email, "password": u.Password}
	resp := do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", right))
	readProblem(t, resp, 429)
	if ra := resp.Header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After = %q", ra)
	}
	env.clock.Advance(16 * time.Minute)
	decode[session](t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/login", "", right)), 200)
}

func TestRegisterThrottledPerAddress(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	for i := 0; i < 10; i++ {
		do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/register", "", map[string]string{}))
	}
	resp := do(t, env.app, jsonRequest(t, "POST", "/api/v1/auth/register", "", registration("late@example.nl")))
	readProblem(t, resp, 429)
}
