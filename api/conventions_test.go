package api_test

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/api"
	"github.com/noaber/noaber/internal/domain"
)

// addTestRoutes registers routes that exist only in tests, to exercise the
// shared machinery (decoding, validation, panics) before real resources use it.
func addTestRoutes(app *fiber.App) {
	app.Post("/api/v1/test-echo", func(c *fiber.Ctx) error {
		var in struct {
			Title string `json:"title"`
			Count int    `json:"count"`
		}
		if err := api.DecodeJSONForTest(c, &in); err != nil {
			return err
		}
		var check domain.Checker
		check.Check(in.Title != "", "title", "is required")
		check.Check(in.Count > 0, "count", "must be at least 1")
		if err := check.Err(); err != nil {
			return err
		}
		return c.JSON(in)
	})
	app.Get("/api/v1/test-panic", func(c *fiber.Ctx) error { panic("secret internal detail") })
}

func TestProblemsForEveryError(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	addTestRoutes(env.app)
	tests := []struct {
		name   string
		req    *http.Request
		status int
	}{
		{"unknown route", request("GET", "/api/v1/nothing-here", "", ""), 404},
		{"trailing slash is not redirected", request("GET", "/api/v1/openapi.json/", "", ""), 404},
		{"paths are case-sensitive", request("GET", "/api/v1/OpenAPI.json", "", ""), 404},
		{"wrong method", request("DELETE", "/api/v1/openapi.json", "", ""), 405},
		{"unknown route, other method", request("POST", "/api/v1/nothing-here", "application/json", "{}"), 404},
		{"body not JSON", request("POST", "/api/v1/test-echo", "text/plain", "hello"), 415},
		{"no content type", request("POST", "/api/v1/test-echo", "", `{"title":"a"}`), 415},
		{"malformed JSON", request("POST", "/api/v1/test-echo", "application/json", `{"title":`), 400},
		{"panic", request("GET", "/api/v1/test-panic", "", ""), 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, env.app, tt.req)
			readProblem(t, resp, tt.status)
			if resp.Header.Get("API-Version") == "" {
				t.Error("API-Version header missing on an error")
			}
		})
	}
}

// TestBodyTooLarge needs a real connection: fasthttp rejects the body while
// reading it, before Fiber's test transport could see a response.
func TestBodyTooLarge(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	addTestRoutes(env.app)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go env.app.Listener(ln) //nolint:errcheck // ends with Shutdown
	t.Cleanup(func() { _ = env.app.Shutdown() })
	body := `{"title":"` + strings.Repeat("x", testBodyLimit) + `"}`
	resp, err := http.Post("http://"+ln.Addr().String()+"/api/v1/test-echo", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	readProblem(t, resp, 413)
	if resp.Header.Get("API-Version") == "" {
		t.Error("API-Version header missing on 413")
	}
}

func TestMethodNotAllowedListsAllowedMethods(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	resp := do(t, env.app, request("POST", "/api/v1/openapi.json", "", ""))
	readProblem(t, resp, 405)
	if got := resp.Header.Get("Allow"); !strings.HasPrefix(got, "GET") || strings.Contains(got, "POST") {
		t.Errorf("Allow = %q, want GET (and HEAD)", got)
	}
}

func TestPanicRevealsNothing(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	addTestRoutes(env.app)
	resp := do(t, env.app, request("GET", "/api/v1/test-panic", "", ""))
	body, _ := io.ReadAll(resp.Body)
	if strings.Contains(string(body), "secret") || strings.Contains(string(body), "goroutine") {
		t.Errorf("500 leaks internals: %s", body)
	}
}

func TestInvalidParamsListsEveryBadField(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	addTestRoutes(env.app)
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"two missing fields", `{}`, []string{"count", "title"}},
		{"wrong type names the field", `{"title":"a","count":"many"}`, []string{"count"}},
		{"unknown field", `{"title":"a","count":1,"admin":true}`, []string{"admin"}},
		{"two objects", `{"title":"a","count":1}{}`, []string{"body"}},
		{"empty body", ` `, []string{"body"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, env.app, request("POST", "/api/v1/test-echo", "application/json", tt.body))
			p := readProblem(t, resp, 400)
			var got []string
			for _, f := range p.InvalidParams {
				if f.Reason == "" {
					t.Errorf("field %s has no reason", f.Name)
				}
				got = append(got, f.Name)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("invalidParams = %v, want %v", got, tt.want)
			}
		})
	}
	resp := do(t, env.app, request("POST", "/api/v1/test-echo", "application/json; charset=utf-8", `{"title":"a","count":2}`))
	if resp.StatusCode != 200 {
		t.Errorf("valid input: status %d, want 200", resp.StatusCode)
	}
}

func TestHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	for _, path := range []string{"/healthz", "/api/v1/openapi.json", "/api/v1/missing", "/", "/assets/app-1a2b3c.js"} {
		t.Run(path, func(t *testing.T) {
			resp := get(t, env.app, path)
			want := map[string]string{
				"API-Version":               "0.1.0",
				"X-Content-Type-Options":    "nosniff",
				"X-Frame-Options":           "DENY",
				"Strict-Transport-Security": "max-age=63072000; includeSubDomains",
			}
			for k, v := range want {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
				t.Errorf("no CSP: %q", resp.Header.Get("Content-Security-Policy"))
			}
			if s := resp.Header.Get("Server"); s != "" {
				t.Errorf("Server header %q leaks the stack", s)
			}
			if resp.Header.Get("X-Request-ID") == "" {
				t.Error("no X-Request-ID")
			}
		})
	}
}

func TestAPIResponsesAreNotCached(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	for _, path := range []string{"/healthz", "/api/v1/missing"} {
		if got := get(t, env.app, path).Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control = %q, want no-store", path, got)
		}
	}
}

func TestRequestIDIsKeptOrMade(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	req := request("GET", "/healthz", "", "")
	req.Header.Set("X-Request-ID", "abc-123")
	if got := do(t, env.app, req).Header.Get("X-Request-ID"); got != "abc-123" {
		t.Errorf("X-Request-ID = %q, want the caller's", got)
	}
	req = request("GET", "/healthz", "", "")
	req.Header.Set("X-Request-ID", "bad id\n with spaces")
	if got := do(t, env.app, req).Header.Get("X-Request-ID"); got == "" || strings.Contains(got, " ") {
		t.Errorf("X-Request-ID = %q, want a fresh one", got)
	}
}

func TestCORS(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	tests := []struct {
		name, origin, path, method, wantAllow string
		wantStatus                            int
	}{
		{"allow-listed origin", testOrigin, "/healthz", "GET", testOrigin, 200},
		{"other origin gets no CORS", "https://evil.example", "/healthz", "GET", "", 200},
		{"openapi is public", "https://evil.example", "/api/v1/openapi.json", "GET", "*", 200},
		{"preflight from allowed origin", testOrigin, "/api/v1/anything", "OPTIONS", testOrigin, 204},
		{"preflight from other origin", "https://evil.example", "/api/v1/anything", "OPTIONS", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := request(tt.method, tt.path, "", "")
			req.Header.Set("Origin", tt.origin)
			if tt.method == "OPTIONS" {
				req.Header.Set("Access-Control-Request-Method", "POST")
			}
			resp := do(t, env.app, req)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.wantAllow {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.wantAllow)
			}
		})
	}
}
