package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// needs2FA in the matrix is a 403 whose type says: prove a second factor.
const needs2FA = -403

// TestAreaAccessMatrix checks every endpoint of areas, area teams,
// organisations, roles and profiles for every kind of caller. Columns:
// anonymous, resident, keyfigure, broker of area X, broker of area Y,
// contact, admin, admin without a second factor. The rows run in order:
// grants and revocations are idempotent, so each caller meets the same
// state.
func TestAreaAccessMatrix(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	newOrg := map[string]any{"name": "Repair café", "kind": "other", "areaIds": []string{buCentrum}}
	rows := []struct {
		method, path string
		body         any
		want         [8]int
	}{
		{"GET", "/api/v1/areas", nil, [8]int{200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/areas?withoutContact=true", nil, [8]int{401, 403, 403, 403, 403, 403, 200, needs2FA}},
		{"GET", "/api/v1/areas/" + buCentrum, nil, [8]int{200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/area-teams", nil, [8]int{401, 403, 403, 403, 403, 403, 200, needs2FA}},
		{"POST", "/api/v1/area-teams", map[string]any{"name": "Gebiedsteam Nieuw"}, [8]int{401, 403, 403, 403, 403, 403, 201, needs2FA}},
		{"PATCH", "/api/v1/area-teams/" + w.team, map[string]any{"name": "Gebiedsteam Matrix"}, [8]int{401, 403, 403, 403, 403, 403, 200, needs2FA}},
		{"GET", "/api/v1/organisations", nil, [8]int{401, 403, 403, 200, 200, 403, 200, needs2FA}},
		// Broker Y may not place an organisation in Centrum: 400 on areaIds[0].
		{"POST", "/api/v1/organisations", newOrg, [8]int{401, 403, 403, 201, 400, 403, 201, needs2FA}},
		{"PATCH", "/api/v1/organisations/" + w.orgX, map[string]any{"kind": "association"}, [8]int{401, 403, 403, 200, 404, 403, 200, needs2FA}},
		{"PATCH", "/api/v1/organisations/" + w.orgY, map[string]any{"kind": "association"}, [8]int{401, 403, 403, 404, 200, 403, 200, needs2FA}},
		{"GET", "/api/v1/users/" + w.residentY.ID, nil, [8]int{401, 200, 200, 200, 200, 200, 200, 200}},
		{"PUT", "/api/v1/users/" + w.residentX.ID + "/roles/keyfigure", nil, [8]int{401, 403, 403, 204, 404, 403, 204, needs2FA}},
		{"PUT", "/api/v1/users/" + w.residentY.ID + "/roles/keyfigure", nil, [8]int{401, 403, 403, 404, 204, 403, 204, needs2FA}},
		{"PUT", "/api/v1/users/" + w.residentX.ID + "/roles/contact", nil, [8]int{401, 403, 403, 403, 403, 403, 204, needs2FA}},
		{"DELETE", "/api/v1/users/" + w.residentX.ID + "/roles/contact", nil, [8]int{401, 403, 403, 403, 403, 403, 204, needs2FA}},
		{"DELETE", "/api/v1/users/" + w.residentX.ID + "/roles/keyfigure", nil, [8]int{401, 403, 403, 204, 404, 403, 204, needs2FA}},
		{"GET", "/api/v1/me/contact-person", nil, [8]int{401, 403, 200, 403, 403, 403, 403, 403}},
	}
	for _, row := range rows {
		for i, c := range w.callers {
			want := row.want[i]
			resp := w.env.call(t, row.method, row.path, c.token, row.body)
			switch {
			case want == needs2FA:
				if p := readProblemStatus(t, resp, http.StatusForbidden); !strings.HasSuffix(p.Type, "/second-factor-required") {
					t.Errorf("%s %s as %s: type %q, want …/second-factor-required", row.method, row.path, c.name, p.Type)
				}
			case resp.StatusCode != want:
				t.Errorf("%s %s as %s: status %d, want %d", row.method, row.path, c.name, resp.StatusCode, want)
			case want >= 400:
				readProblem(t, resp, want)
			}
		}
	}
}

// readProblemStatus is readProblem that reports a wrong status as an error
// of the calling test rather than stopping it.
func readProblemStatus(t *testing.T, resp *http.Response, status int) problemBody {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("%s %s: status %d, want %d", resp.Request.Method, resp.Request.URL, resp.StatusCode, status)
		return problemBody{}
	}
	return readProblem(t, resp, status)
}
