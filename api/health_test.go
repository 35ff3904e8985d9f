package api_test

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/noaber/noaber/internal/pgtest"
)

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		resp := get(t, env.app, path)
		var body struct{ Status string }
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 || body.Status != "ok" {
			t.Errorf("%s: status %d, body %+v, err %v", path, resp.StatusCode, body, err)
		}
	}
}

func TestNotReadyWithoutDatabase(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	app := newApp(t, db)
	db.Close() // the database is gone
	readProblem(t, get(t, app, "/readyz"), 503)
	if resp := get(t, app, "/healthz"); resp.StatusCode != 200 {
		t.Errorf("/healthz = %d, want 200: the process itself is fine", resp.StatusCode)
	}
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	get(t, env.app, "/healthz")
	get(t, env.app, "/api/v1/no-such-thing/12345")
	resp := get(t, env.app, "/metrics")
	body, _ := io.ReadAll(resp.Body)
	text := string(body)
	for _, want := range []string{
		`noaber_http_requests_total{method="GET",route="/healthz",status="200"} 1`,
		`noaber_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`noaber_http_request_duration_seconds_bucket{method="GET",route="/healthz"`,
		`go_sql_max_open_connections{db_name="noaber"}`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(text, "12345") {
		t.Error("raw paths leak into metric labels")
	}
}
