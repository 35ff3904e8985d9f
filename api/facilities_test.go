package api_test

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// facilityBody is a valid new facility for the given areas.
func facilityBody(name string, categories []string, areas ...string) map[string]any {
	return map[string]any{"name": name, "description": "Vrijwilligers helpen met kleine klussen.",
		"categories": categories, "areas": areas,
		"contact":      map[string]any{"phone": "0591 123456", "email": "info@noaberveen.nl", "address": "Brink 4"},
		"openingHours": "Werkdagen 9 tot 12 uur", "link": "https://www.noaberveen.nl/klussendienst"}
}

// newFacility creates a facility through the API and returns its id.
func (w areaWorld) newFacility(t *testing.T, token string, body map[string]any) string {
	t.Helper()
	f := decode[map[string]any](t, w.env.call(t, "POST", "/api/v1/facilities", token, body), http.StatusCreated)
	return f["id"].(string)
}

// facilityNames lists the names on one page of GET path.
func facilityNames(t *testing.T, env testEnv, path, token string) []string {
	t.Helper()
	p := decode[struct {
		Items []struct {
			Name string `json:"name"`
		} `json:"items"`
	}](t, env.call(t, "GET", path, token, nil), http.StatusOK)
	names := make([]string, 0, len(p.Items))
	for _, it := range p.Items {
		names = append(names, it.Name)
	}
	sort.Strings(names)
	return names
}

// TestFacilitiesRoleMatrix: who may create, change and delete an entry on
// the social map of area X (Centrum), and who may filter on area Y (Esch).
func TestFacilitiesRoleMatrix(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	want := map[string]struct{ create, patch, del, listEsch int }{
		"anonymous":       {401, 401, 401, 401},
		"resident":        {403, 404, 404, 404},
		"keyfigure":       {403, 404, 404, 404},
		"brokerX":         {201, 200, 204, 404},
		"brokerY":         {400, 404, 404, 200},
		"contact":         {403, 404, 404, 404},
		"admin":           {201, 200, 204, 200},
		"adminWithout2FA": {403, 403, 403, 404},
	}
	for _, c := range w.callers {
		exp := want[c.name]
		t.Run(c.name, func(t *testing.T) {
			resp := w.env.call(t, "POST", "/api/v1/facilities", c.token, facilityBody("Klussendienst "+c.name,
				[]string{"klussen"}, buCentrum))
			if resp.StatusCode != exp.create {
				t.Errorf("create: status %d, want %d", resp.StatusCode, exp.create)
			}
			if exp.create == 400 {
				if p := readProblem(t, resp, 400); len(p.InvalidParams) != 1 || p.InvalidParams[0].Name != "areas" {
					t.Errorf("create: invalidParams %+v, want areas", p.InvalidParams)
				}
			}
			id := w.newFacility(t, w.admin.Token, facilityBody("Repair café", []string{"klussen"}, buCentrum))
			resp = w.env.call(t, "PATCH", "/api/v1/facilities/"+id, c.token, map[string]any{"name": "Repair café Centrum"})
			if resp.StatusCode != exp.patch {
				t.Errorf("patch: status %d, want %d", resp.StatusCode, exp.patch)
			}
			resp = w.env.call(t, "DELETE", "/api/v1/facilities/"+id, c.token, nil)
			if resp.StatusCode != exp.del {
				t.Errorf("delete: status %d, want %d", resp.StatusCode, exp.del)
			}
			resp = w.env.call(t, "GET", "/api/v1/facilities?areaId="+buEsch, c.token, nil)
			if resp.StatusCode != exp.listEsch {
				t.Errorf("list Esch: status %d, want %d", resp.StatusCode, exp.listEsch)
			}
		})
	}
}

// TestFacilitiesBrokerCoverage: a broker changes an entry when they cover
// one of its areas, but cannot add an area they do not cover, nor a
// district they only partly cover; an unknown id is a 404.
func TestFacilitiesBrokerCoverage(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	shared := w.newFacility(t, w.admin.Token, facilityBody("Hoeskamer", []string{"gezelschap"}, buCentrum, buEsch))
	resp := w.env.call(t, "PATCH", "/api/v1/facilities/"+shared, w.brokerY.Token, map[string]any{"openingHours": nil})
	got := decode[map[string]any](t, resp, http.StatusOK)
	if got["openingHours"] != nil || got["name"] != "Hoeskamer" {
		t.Errorf("after clearing openingHours: %v", got)
	}
	for name, body := range map[string]map[string]any{
		"area of another broker": {"areas": []string{buEsch, buHaven}},
		"whole district":         {"areas": []string{"WK999902"}},
	} {
		resp := w.env.call(t, "PATCH", "/api/v1/facilities/"+shared, w.brokerY.Token, body)
		if p := readProblem(t, resp, 400); p.InvalidParams[0].Name != "areas" {
			t.Errorf("%s: invalidParams %+v", name, p.InvalidParams)
		}
	}
	readProblem(t, w.env.call(t, "POST", "/api/v1/facilities", w.brokerX.Token,
		facilityBody("Buurtbus", []string{"vervoer"}, "WK999901")), 400)
	for _, id := range []string{"not-a-uuid", "00000000-0000-4000-8000-000000000000"} {
		readProblem(t, w.env.call(t, "PATCH", "/api/v1/facilities/"+id, w.admin.Token, map[string]any{"name": "x"}), 404)
		readProblem(t, w.env.call(t, "DELETE", "/api/v1/facilities/"+id, w.admin.Token, nil), 404)
	}
}

// TestFacilityValidation names every bad field at once.
func TestFacilityValidation(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	cases := []struct {
		name string
		body map[string]any
		want []string
	}{
		{"everything wrong", map[string]any{"name": " ", "description": strings.Repeat("a", 1001),
			"categories": []string{}, "areas": []string{},
			"contact":      map[string]any{"phone": "bel me", "email": "info@", "address": strings.Repeat("b", 201)},
			"openingHours": strings.Repeat("c", 201), "link": "http://www.noaberveen.nl"},
			[]string{"areas", "categories", "contact.address", "contact.email", "contact.phone", "description",
				"link", "name", "openingHours"}},
		{"unknown codes", map[string]any{"name": "Buurtbus", "categories": []string{"vervoer", "ruimtevaart"},
			"areas": []string{"BU00000000"}}, []string{"areas", "categories"}},
		{"too long name", map[string]any{"name": strings.Repeat("n", 121), "categories": []string{"vervoer"},
			"areas": []string{buCentrum}, "link": "javascript:alert(1)"}, []string{"link", "name"}},
		{"no fields", map[string]any{"description": "Alleen tekst"}, []string{"areas", "categories", "name"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, w.env.call(t, "POST", "/api/v1/facilities", w.admin.Token, tc.body), 400)
			var got []string
			for _, f := range p.InvalidParams {
				got = append(got, f.Name)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("invalidParams = %v, want %v", got, tc.want)
			}
		})
	}
	ok := decode[map[string]any](t, w.env.call(t, "POST", "/api/v1/facilities", w.admin.Token, map[string]any{
		"name": "Buurtbus", "categories": []string{"vervoer"}, "areas": []string{buCentrum},
		"contact": map[string]any{"phone": "+31 591-123 456", "email": "", "address": nil}}), http.StatusCreated)
	contact := ok["contact"].(map[string]any)
	if contact["phone"] != "+31 591-123 456" || contact["email"] != nil || ok["link"] != nil {
		t.Errorf("created: %v", ok)
	}
}

// TestFacilitiesAreaInheritance: a facility for the whole municipality or
// a district shows in every neighbourhood under it; the category filter is
// the hint "Voor vervoer is er ook de Buurtbus".
func TestFacilitiesAreaInheritance(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	w.newFacility(t, w.admin.Token, facilityBody("Buurtbus", []string{"vervoer"}, "GM9999"))
	w.newFacility(t, w.admin.Token, facilityBody("Repair café Binnenstad", []string{"klussen"}, "WK999901"))
	w.newFacility(t, w.brokerX.Token, facilityBody("Klussendienst Centrum", []string{"klussen"}, buCentrum))
	w.newFacility(t, w.brokerY.Token, facilityBody("Klussendienst Esch", []string{"klussen", "vervoer"}, buEsch))
	cases := []struct {
		name, path, token, want string
	}{
		{"resident of Centrum", "/api/v1/facilities", w.resident.Token,
			"Buurtbus,Klussendienst Centrum,Repair café Binnenstad"},
		{"resident of Havenkwartier", "/api/v1/facilities", w.residentX.Token, "Buurtbus,Repair café Binnenstad"},
		{"resident of Esch", "/api/v1/facilities", w.residentY.Token, "Buurtbus,Klussendienst Esch"},
		{"hint for vervoer", "/api/v1/facilities?category=vervoer", w.resident.Token, "Buurtbus"},
		{"hint for vervoer in Esch", "/api/v1/facilities?category=vervoer", w.residentY.Token,
			"Buurtbus,Klussendienst Esch"},
		{"own district", "/api/v1/facilities?areaId=WK999901", w.resident.Token,
			"Buurtbus,Klussendienst Centrum,Repair café Binnenstad"},
		{"admin: whole municipality", "/api/v1/facilities?areaId=GM9999", w.admin.Token,
			"Buurtbus,Klussendienst Centrum,Klussendienst Esch,Repair café Binnenstad"},
		{"broker: covered neighbourhood", "/api/v1/facilities?areaId=" + buHaven, w.brokerX.Token,
			"Buurtbus,Repair café Binnenstad"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(facilityNames(t, w.env, tc.path, tc.token), ","); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	readProblem(t, w.env.call(t, "GET", "/api/v1/facilities?category=ruimtevaart", w.resident.Token, nil), 400)
}

// TestFacilitiesPages: cursor pages of the newest first, without doubles.
func TestFacilitiesPages(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	for _, n := range []string{"A", "B", "C"} {
		w.newFacility(t, w.admin.Token, facilityBody("Voorziening "+n, []string{"overig"}, buCentrum))
		w.env.clock.Advance(1e9)
	}
	var seen []string
	path := "/api/v1/facilities?limit=2"
	for path != "" {
		p := decode[struct {
			Items []struct {
				Name string `json:"name"`
			} `json:"items"`
			NextCursor *string `json:"nextCursor"`
		}](t, w.env.call(t, "GET", path, w.resident.Token, nil), http.StatusOK)
		for _, it := range p.Items {
			seen = append(seen, it.Name)
		}
		path = ""
		if p.NextCursor != nil {
			path = "/api/v1/facilities?limit=2&cursor=" + url.QueryEscape(*p.NextCursor)
		}
	}
	if got := strings.Join(seen, ","); got != "Voorziening C,Voorziening B,Voorziening A" {
		t.Errorf("pages = %q", got)
	}
}
