package api_test

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/noaber/noaber/api"
)

var fiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

// TestOpenAPIMatchesRoutes fails when a route is missing from the document or
// the document lists an operation that does not exist.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	routes := map[string]bool{}
	for _, r := range env.app.GetRoutes(true) {
		if r.Method == "USE" || r.Method == "HEAD" || !strings.HasPrefix(r.Path, api.BasePath+"/") {
			continue
		}
		path := fiberParam.ReplaceAllString(strings.TrimPrefix(r.Path, api.BasePath), "{$1}")
		routes[r.Method+" "+path] = true
	}

	resp := get(t, env.app, "/api/v1/openapi.json")
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Info    struct{ Version string }              `json:"info"`
		Servers []struct{ URL string }                `json:"servers"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatalf("decode openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") || len(doc.Servers) != 1 || doc.Servers[0].URL != api.BasePath {
		t.Fatalf("openapi %q with servers %+v, want 3.1 on %s", doc.OpenAPI, doc.Servers, api.BasePath)
	}
	if doc.Info.Version != resp.Header.Get("API-Version") {
		t.Errorf("info.version %q differs from API-Version %q", doc.Info.Version, resp.Header.Get("API-Version"))
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method != "parameters" && method != "summary" && method != "description" {
				documented[strings.ToUpper(method)+" "+path] = true
			}
		}
	}
	if missing := difference(routes, documented); len(missing) > 0 {
		t.Errorf("routes missing from openapi.yaml: %v", missing)
	}
	if extra := difference(documented, routes); len(extra) > 0 {
		t.Errorf("openapi.yaml documents operations that do not exist: %v", extra)
	}
}

func difference(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
