package api_test

import (
	"net/http"
	"testing"

	"github.com/noaber/noaber/internal/accounts"
)

type categoryView struct {
	ID       string            `json:"id"`
	Labels   map[string]string `json:"labels"`
	Icon     string            `json:"icon"`
	Position int               `json:"position"`
	Retired  bool              `json:"retired"`
}

type categoryList struct {
	Items []categoryView `json:"items"`
}

func categoryIDs(l categoryList) map[string]bool {
	out := map[string]bool{}
	for _, c := range l.Items {
		out[c.ID] = true
	}
	return out
}

func TestCategoriesPublicList(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	list := decode[categoryList](t, env.call(t, "GET", "/api/v1/categories", "", nil), http.StatusOK)
	if len(list.Items) != 12 || list.Items[0].ID != "koken" || list.Items[11].ID != "overig" ||
		list.Items[0].Labels["nl"] != "Maaltijd en koken" || list.Items[0].Labels["en"] != "Meals and cooking" {
		t.Errorf("categories = %+v", list.Items)
	}
}

// TestCategoriesAdminOnly is the role × resource matrix of category
// changes: only an admin with a second factor.
func TestCategoriesAdminOnly(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	env := w.env
	want := map[string]int{"anonymous": 401, "resident": 403, "keyfigure": 403, "brokerX": 403, "brokerY": 403,
		"contact": 403, "adminWithout2FA": 403, "admin": 201}
	for _, c := range w.callers {
		resp := env.call(t, "POST", "/api/v1/categories", c.token, map[string]any{"id": "muziek-" + c.name[:3],
			"labels": map[string]string{"nl": "Muziek", "en": "Music"}, "icon": "note", "position": 120})
		if resp.StatusCode != want[c.name] {
			t.Errorf("POST /categories as %s = %d, want %d", c.name, resp.StatusCode, want[c.name])
		}
		patch := env.call(t, "PATCH", "/api/v1/categories/taal", c.token, map[string]any{"position": 5})
		wantPatch := want[c.name]
		if wantPatch == 201 {
			wantPatch = 200
		}
		if patch.StatusCode != wantPatch {
			t.Errorf("PATCH /categories/taal as %s = %d, want %d", c.name, patch.StatusCode, wantPatch)
		}
		all := env.call(t, "GET", "/api/v1/categories?all=true", c.token, nil)
		if all.StatusCode != wantPatch {
			t.Errorf("GET /categories?all=true as %s = %d, want %d", c.name, all.StatusCode, wantPatch)
		}
	}
}

func TestCategoriesAdminChanges(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	admin := env.newUser(t, postcodeCentrum, accounts.Admin)
	resident := env.newUser(t, postcodeCentrum, accounts.Resident)

	created := decode[categoryView](t, env.call(t, "POST", "/api/v1/categories", admin.Token, map[string]any{
		"id": "muziek", "labels": map[string]string{"nl": "Muziek maken", "en": "Making music"}, "icon": "note",
		"position": 120}), http.StatusCreated)
	if created.ID != "muziek" || created.Retired || created.Labels["nl"] != "Muziek maken" {
		t.Errorf("created %+v", created)
	}
	readProblem(t, env.call(t, "POST", "/api/v1/categories", admin.Token, map[string]any{
		"id": "muziek", "labels": map[string]string{"nl": "Muziek", "en": "Music"}, "icon": "note"}), http.StatusConflict)
	names := invalidNames(t, env.call(t, "POST", "/api/v1/categories", admin.Token, map[string]any{
		"id": "Muziek!", "labels": map[string]string{"nl": "", "en": "<b>x</b>"}, "icon": "1"}))
	for _, n := range []string{"id", "labels.nl", "labels.en", "icon"} {
		if !names[n] {
			t.Errorf("invalidParams misses %s: %v", n, names)
		}
	}

	retired := decode[categoryView](t, env.call(t, "PATCH", "/api/v1/categories/muziek", admin.Token, map[string]any{
		"retired": true, "labels": map[string]string{"en": "Music"}}), http.StatusOK)
	if !retired.Retired || retired.Labels["nl"] != "Muziek maken" || retired.Labels["en"] != "Music" {
		t.Errorf("retired %+v", retired)
	}
	readProblem(t, env.call(t, "PATCH", "/api/v1/categories/onbekend", admin.Token, map[string]any{"position": 1}), http.StatusNotFound)
	if categoryIDs(decode[categoryList](t, env.call(t, "GET", "/api/v1/categories", "", nil), http.StatusOK))["muziek"] {
		t.Error("a retired category is in the public list")
	}
	if !categoryIDs(decode[categoryList](t, env.call(t, "GET", "/api/v1/categories?all=true", admin.Token, nil), http.StatusOK))["muziek"] {
		t.Error("a retired category is missing from ?all=true")
	}
	names = invalidNames(t, env.call(t, "POST", "/api/v1/posts", resident.Token, postBody("offer", "Ik speel gitaar", map[string]any{"category": "muziek"})))
	if !names["category"] {
		t.Errorf("post in a retired category: %v", names)
	}
	decode[categoryView](t, env.call(t, "PATCH", "/api/v1/categories/muziek", admin.Token, map[string]any{"retired": false}), http.StatusOK)
	decode[postView](t, env.call(t, "POST", "/api/v1/posts", resident.Token, postBody("offer", "Ik speel gitaar", map[string]any{"category": "muziek"})), http.StatusCreated)
}
