package api_test

import (
	"io"
	"testing"
)

func TestWebappServing(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	tests := []struct {
		path, wantType, wantCache, wantBody string
	}{
		{"/", "text/html; charset=utf-8", "no-cache", "<!doctype html>"},
		{"/index.html", "text/html; charset=utf-8", "no-cache", "<!doctype html>"},
		{"/assets/app-1a2b3c.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "console.log"},
		{"/manifest.webmanifest", "application/manifest+json", "no-cache", `{"name":"Noaber"}`},
		{"/sw.js", "text/javascript; charset=utf-8", "no-cache", "self.addEventListener"},
		{"/vraag/123", "text/html; charset=utf-8", "no-cache", "<!doctype html>"}, // client-side route
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp := get(t, env.app, tt.path)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if got := resp.Header.Get("Content-Type"); got != tt.wantType {
				t.Errorf("Content-Type = %q, want %q", got, tt.wantType)
			}
			if got := resp.Header.Get("Cache-Control"); got != tt.wantCache {
				t.Errorf("Cache-Control = %q, want %q", got, tt.wantCache)
			}
			if len(body) < len(tt.wantBody) || string(body[:len(tt.wantBody)]) != tt.wantBody {
				t.Errorf("body = %q, want prefix %q", body, tt.wantBody)
			}
		})
	}
}

func TestWebappDoesNotShadowTheAPI(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	for _, path := range []string{"/api/v1/posts/", "/api/v2/anything", "/api/v1", "/missing-file.png"} {
		readProblem(t, get(t, env.app, path), 404)
	}
}
