package api_test

import (
	"net/http"
	"reflect"
	"sort"
	"testing"
)

type orgBody struct {
	ID, Name, Kind string
	Areas          []areaRef
}

func orgAreaIDs(o orgBody) []string {
	var ids []string
	for _, a := range o.Areas {
		ids = append(ids, a.ID)
	}
	sort.Strings(ids)
	return ids
}

func TestOrganisationScope(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	env := w.env
	both := env.newOrganisation(t, "Kerk aan de Brink", buCentrum, buEsch)

	list := func(token string) []string {
		l := decode[struct{ Items []orgBody }](t, env.call(t, "GET", "/api/v1/organisations", token, nil), http.StatusOK)
		var ids []string
		for _, o := range l.Items {
			ids = append(ids, o.ID)
		}
		sort.Strings(ids)
		return ids
	}
	sorted := func(ids ...string) []string { sort.Strings(ids); return ids }
	if got, want := list(w.brokerX.Token), sorted(w.orgX, both); !reflect.DeepEqual(got, want) {
		t.Errorf("broker X sees %v, want %v", got, want)
	}
	if got, want := list(w.brokerY.Token), sorted(w.orgY, both); !reflect.DeepEqual(got, want) {
		t.Errorf("broker Y sees %v, want %v", got, want)
	}
	if got := list(w.admin.Token); len(got) != 3 {
		t.Errorf("admin sees %v, want all three", got)
	}

	// A broker replaces only the areas in their own neighbourhoods.
	org := decode[orgBody](t, env.call(t, "PATCH", "/api/v1/organisations/"+both, w.brokerX.Token,
		map[string]any{"areaIds": []string{buHaven}, "name": "  Kerk   aan de Brink  "}), http.StatusOK)
	if got := orgAreaIDs(org); !reflect.DeepEqual(got, []string{buHaven, buEsch}) || org.Name != "Kerk aan de Brink" {
		t.Errorf("after broker X's change: %+v, want Havenkwartier and (untouched) Esch", org)
	}
	org = decode[orgBody](t, env.call(t, "PATCH", "/api/v1/organisations/"+both, w.admin.Token,
		map[string]any{"areaIds": []string{buBeekdal}}), http.StatusOK)
	if got := orgAreaIDs(org); !reflect.DeepEqual(got, []string{buBeekdal}) {
		t.Errorf("after the admin's change: %v, want only Beekdal", got)
	}
	readProblem(t, env.call(t, "PATCH", "/api/v1/organisations/"+both, w.brokerX.Token,
		map[string]any{"kind": "church"}), http.StatusNotFound)
	readProblem(t, env.call(t, "PATCH", "/api/v1/organisations/not-an-id", w.admin.Token,
		map[string]any{"kind": "church"}), http.StatusNotFound)
}

func TestOrganisationValidation(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	tests := []struct {
		name, method, path string
		body               map[string]any
		want               []string
	}{
		{"create: every field missing", "POST", "/api/v1/organisations", map[string]any{},
			[]string{"areaIds", "kind", "name"}},
		{"create: every field wrong", "POST", "/api/v1/organisations", map[string]any{
			"name": "", "kind": "club", "areaIds": []string{"WK999901", buEsch, buCentrum, buCentrum}},
			[]string{"areaIds[0]", "areaIds[1]", "areaIds[3]", "kind", "name"}},
		{"change: empty area list", "PATCH", "/api/v1/organisations/" + w.orgX, map[string]any{"areaIds": []string{}},
			[]string{"areaIds"}},
		{"change: wrong type", "PATCH", "/api/v1/organisations/" + w.orgX, map[string]any{"areaIds": "BU99990101"},
			[]string{"areaIds"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := invalidNames(t, w.env.call(t, tt.method, tt.path, w.brokerX.Token, tt.body))
			var got []string
			for n := range names {
				got = append(got, n)
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("invalidParams = %v, want %v", got, tt.want)
			}
		})
	}
	org := decode[orgBody](t, w.env.call(t, "POST", "/api/v1/organisations", w.brokerX.Token,
		map[string]any{"name": "Huisartsenpraktijk Haven", "kind": "practice", "areaIds": []string{buHaven}}), http.StatusCreated)
	if org.Kind != "practice" || len(org.Areas) != 1 || org.Areas[0].Name != "Havenkwartier" {
		t.Errorf("created %+v", org)
	}
}
