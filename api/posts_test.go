package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestPostValidationNamesEveryField(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	other := w.env.newOrganisation(t, "Schaakclub", buCentrum)
	resp := w.env.call(t, "POST", "/api/v1/posts", alice.Token, map[string]any{
		"kind": "gift", "category": "onbekend", "title": "<b>Hoi</b>", "body": "",
		"momentText": "zaterdag\u0007", "momentAt": "zaterdag", "recurrence": "daily", "radiusKm": 0.3,
		"organisationId": other})
	names := invalidNames(t, resp)
	for _, want := range []string{"kind", "category", "title", "body", "momentText", "momentAt", "recurrence",
		"radiusKm", "organisationId"} {
		if !names[want] {
			t.Errorf("invalidParams misses %q: %v", want, names)
		}
	}

	cases := []struct {
		name  string
		extra map[string]any
		field string
	}{
		{"title too short", map[string]any{"title": "Hi"}, "title"},
		{"title too long", map[string]any{"title": strings.Repeat("a", 81)}, "title"},
		{"title on two lines", map[string]any{"title": "Hulp\nnodig"}, "title"},
		{"body with a tag", map[string]any{"body": "klik <a href='x'>hier</a>"}, "body"},
		{"body with a script", map[string]any{"body": "<script>alert(1)</script>"}, "body"},
		{"body with a control character", map[string]any{"body": "hallo\u0000daar"}, "body"},
		{"body too long", map[string]any{"body": strings.Repeat("a", 1001)}, "body"},
		{"moment text too long", map[string]any{"momentText": strings.Repeat("a", 81)}, "momentText"},
		{"moment in the past", map[string]any{"momentAt": "2020-01-01T10:00:00Z"}, "momentAt"},
		{"radius not in steps of 0.5", map[string]any{"radiusKm": 2.3}, "radiusKm"},
		{"radius too large", map[string]any{"radiusKm": 15.5}, "radiusKm"},
		{"organisation not mine", map[string]any{"organisationId": other}, "organisationId"},
		{"organisation not an id", map[string]any{"organisationId": "x"}, "organisationId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			names := invalidNames(t, w.env.call(t, "POST", "/api/v1/posts", alice.Token, postBody("request", "Hulp bij klussen", tc.extra)))
			if len(names) != 1 || !names[tc.field] {
				t.Errorf("invalidParams = %v, want only %s", names, tc.field)
			}
		})
	}

	// Plain text that only looks like markup, and line breaks in the body, are fine.
	p := w.post(t, alice, postBody("offer", "Ik <3 tuinieren", map[string]any{"body": "a < b > c\r\nen verder"}))
	if p.Title != "Ik <3 tuinieren" || p.Body != "a < b > c\nen verder" {
		t.Errorf("plain text changed: %q / %q", p.Title, p.Body)
	}
}

func TestPostCreateDefaultsAndOrganisation(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	org := w.env.newOrganisation(t, "Buurthuis", buCentrum)
	w.env.exec(t, `UPDATE users SET organisation_id = $1 WHERE id = $2`, org, alice.ID)
	moment := w.env.clock.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
	p := w.post(t, alice, postBody("request", "Hulp bij de heg", map[string]any{
		"organisationId": org, "momentText": "zaterdagochtend", "momentAt": moment}))
	now := w.env.clock.Now()
	if p.Status != "open" || p.Recurrence != "once" || p.RadiusKm != 2 || !p.Mine || p.Proximity != "same" ||
		p.DistanceKm != 0 || p.ResponseCount == nil || *p.ResponseCount != 0 || p.MyConversationID != nil {
		t.Errorf("defaults: %+v", p)
	}
	if !p.ExpiresAt.Equal(now.Add(30 * 24 * time.Hour)) {
		t.Errorf("expiresAt = %s, want 30 days from %s", p.ExpiresAt, now)
	}
	if p.Organisation == nil || p.Organisation.ID != org || p.Organisation.Name != "Buurthuis" {
		t.Errorf("organisation = %+v", p.Organisation)
	}
	if p.Author.ID != alice.ID || p.Author.Neighbourhood == nil || p.Author.Neighbourhood.ID != buCentrum {
		t.Errorf("author = %+v", p.Author)
	}
	if p.MomentAt == nil || *p.MomentAt != moment {
		t.Errorf("momentAt = %v, want %s", p.MomentAt, moment)
	}
}

func TestPostWithoutNeighbourhood(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	w.env.exec(t, `UPDATE users SET neighbourhood_code = NULL WHERE id = $1`, alice.ID)
	for _, resp := range []*http.Response{
		w.env.call(t, "POST", "/api/v1/posts", alice.Token, postBody("request", "Hulp bij klussen", nil)),
		w.env.call(t, "GET", "/api/v1/posts", alice.Token, nil),
	} {
		p := readProblem(t, resp, http.StatusConflict)
		if !strings.HasSuffix(p.Type, "/neighbourhood-required") || !strings.Contains(p.Detail, "postcode") {
			t.Errorf("problem = %+v", p)
		}
	}
}

func TestPostLifecycle(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	bob := w.resident(t, postcodeCentrum)
	p := w.post(t, alice, postBody("request", "Hulp bij klussen", map[string]any{"momentText": "zaterdag"}))
	path := "/api/v1/posts/" + p.ID

	w.tick()
	changed := decode[postView](t, w.env.call(t, "PATCH", path, alice.Token, map[string]any{
		"title": "Hulp bij de schuur", "radiusKm": 3.5, "momentText": nil, "category": "tuin"}), http.StatusOK)
	if changed.Title != "Hulp bij de schuur" || changed.RadiusKm != 3.5 || changed.MomentText != nil ||
		changed.Category != "tuin" || changed.Body != p.Body || !changed.CreatedAt.Equal(p.CreatedAt) {
		t.Errorf("after PATCH: %+v", changed)
	}
	names := invalidNames(t, w.env.call(t, "PATCH", path, alice.Token, map[string]any{"kind": "offer"}))
	if !names["kind"] {
		t.Errorf("PATCH kind: %v", names)
	}
	names = invalidNames(t, w.env.call(t, "PATCH", path, alice.Token, map[string]any{"title": "<i>x</i>", "body": ""}))
	if !names["title"] || !names["body"] {
		t.Errorf("PATCH invalid: %v", names)
	}

	seen := decode[postView](t, w.env.call(t, "GET", path, bob.Token, nil), http.StatusOK)
	if seen.Mine || seen.ResponseCount != nil || seen.Title != "Hulp bij de schuur" {
		t.Errorf("bob sees %+v", seen)
	}

	if resp := w.env.call(t, "DELETE", path, alice.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE = %d", resp.StatusCode)
	}
	if resp := w.env.call(t, "DELETE", path, alice.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Errorf("DELETE again = %d, want 204", resp.StatusCode)
	}
	own := decode[postView](t, w.env.call(t, "GET", path, alice.Token, nil), http.StatusOK)
	if own.Status != "withdrawn" {
		t.Errorf("status = %s, want withdrawn", own.Status)
	}
	readProblem(t, w.env.call(t, "GET", path, bob.Token, nil), http.StatusNotFound)
	readProblem(t, w.env.call(t, "PATCH", path, alice.Token, map[string]any{"title": "Nog een keer"}), http.StatusConflict)
	readProblem(t, w.env.call(t, "POST", path+"/renewal", alice.Token, nil), http.StatusConflict)
}

func TestPostClosedCannotChange(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	p := w.post(t, alice, postBody("request", "Hulp bij klussen", nil))
	w.env.exec(t, `UPDATE posts SET status = 'closed' WHERE id = $1`, p.ID)
	path := "/api/v1/posts/" + p.ID
	readProblem(t, w.env.call(t, "PATCH", path, alice.Token, map[string]any{"title": "Nog een keer"}), http.StatusConflict)
	readProblem(t, w.env.call(t, "POST", path+"/renewal", alice.Token, nil), http.StatusConflict)
	readProblem(t, w.env.call(t, "DELETE", path, alice.Token, nil), http.StatusConflict)
}

func TestPostRenewal(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	bob := w.resident(t, postcodeCentrum)
	p := w.post(t, alice, postBody("offer", "Ik help met de computer", nil))
	path := "/api/v1/posts/" + p.ID

	w.env.clock.Advance(10 * 24 * time.Hour)
	alice.Token, bob.Token = w.env.login(t, alice), w.env.login(t, bob)
	open := decode[postView](t, w.env.call(t, "POST", path+"/renewal", alice.Token, nil), http.StatusOK)
	if want := w.env.clock.Now().Add(30 * 24 * time.Hour); !open.ExpiresAt.Equal(want) || open.Status != "open" {
		t.Errorf("renewed open post: %s %s, want open until %s", open.Status, open.ExpiresAt, want)
	}

	// Past its expiry (before the job ran) the post is expired for everybody.
	w.env.clock.Advance(31 * 24 * time.Hour)
	alice.Token, bob.Token = w.env.login(t, alice), w.env.login(t, bob)
	if got := decode[postView](t, w.env.call(t, "GET", path, alice.Token, nil), http.StatusOK); got.Status != "expired" {
		t.Errorf("status = %s, want expired", got.Status)
	}
	readProblem(t, w.env.call(t, "GET", path, bob.Token, nil), http.StatusNotFound)
	readProblem(t, w.env.call(t, "PATCH", path, alice.Token, map[string]any{"title": "Nog een keer"}), http.StatusConflict)
	renewed := decode[postView](t, w.env.call(t, "POST", path+"/renewal", alice.Token, nil), http.StatusOK)
	if renewed.Status != "open" || !renewed.ExpiresAt.After(w.env.clock.Now().Add(29*24*time.Hour)) {
		t.Errorf("renewed expired post: %+v", renewed)
	}
	decode[postView](t, w.env.call(t, "GET", path, bob.Token, nil), http.StatusOK)
}

// TestPostAccessMatrix: only the author changes a post; a post someone may
// not see is a 404 like one that does not exist.
func TestPostAccessMatrix(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	bob := w.resident(t, postcodeCentrum)
	blocked := w.resident(t, postcodeCentrum)
	blocker := w.resident(t, postcodeCentrum)
	p := w.post(t, alice, postBody("request", "Hulp bij klussen", nil))
	path := "/api/v1/posts/" + p.ID
	if resp := w.env.call(t, "POST", "/api/v1/blocks/"+blocked.ID, alice.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("block: %d", resp.StatusCode)
	}
	if resp := w.env.call(t, "POST", "/api/v1/blocks/"+alice.ID, blocker.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("block: %d", resp.StatusCode)
	}

	cases := []struct {
		who            string
		token          string
		method, suffix string
		body           any
		want           int
	}{
		{"anonymous", "", "GET", "", nil, http.StatusUnauthorized},
		{"anonymous", "", "PATCH", "", map[string]any{"title": "Van mij"}, http.StatusUnauthorized},
		{"other resident", bob.Token, "GET", "", nil, http.StatusOK},
		{"other resident", bob.Token, "PATCH", "", map[string]any{"title": "Van mij"}, http.StatusNotFound},
		{"other resident", bob.Token, "DELETE", "", nil, http.StatusNotFound},
		{"other resident", bob.Token, "POST", "/renewal", nil, http.StatusNotFound},
		{"blocked by author", blocked.Token, "GET", "", nil, http.StatusNotFound},
		{"blocker of author", blocker.Token, "GET", "", nil, http.StatusNotFound},
		{"author", alice.Token, "GET", "", nil, http.StatusOK},
		{"unknown post", alice.Token, "GET", "x", nil, http.StatusNotFound},
	}
	for _, tc := range cases {
		resp := w.env.call(t, tc.method, path+tc.suffix, tc.token, tc.body)
		if tc.suffix == "x" {
			resp = w.env.call(t, tc.method, "/api/v1/posts/00000000-0000-4000-8000-000000000000", tc.token, tc.body)
		}
		if resp.StatusCode != tc.want {
			t.Errorf("%s %s%s as %s = %d, want %d", tc.method, path, tc.suffix, tc.who, resp.StatusCode, tc.want)
		}
	}
	readProblem(t, w.env.call(t, "GET", "/api/v1/posts/not-an-id", bob.Token, nil), http.StatusNotFound)
	if got := decode[postView](t, w.env.call(t, "GET", path, alice.Token, nil), http.StatusOK); got.Title != "Hulp bij klussen" {
		t.Errorf("post changed by someone else: %+v", got)
	}
}

func TestMyPosts(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	bob := w.resident(t, postcodeCentrum)
	var ids []string
	for _, title := range []string{"Eerste vraag", "Tweede vraag", "Derde vraag"} {
		ids = append(ids, w.post(t, alice, postBody("request", title, nil)).ID)
		w.tick()
	}
	w.post(t, bob, postBody("request", "Van Bob", nil))
	w.env.call(t, "DELETE", "/api/v1/posts/"+ids[0], alice.Token, nil)

	first := decode[postPage](t, w.env.call(t, "GET", "/api/v1/me/posts?limit=2", alice.Token, nil), http.StatusOK)
	if !sameList(titles(first), []string{"Derde vraag", "Tweede vraag"}) || first.NextCursor == nil {
		t.Fatalf("first page: %v next %v", titles(first), first.NextCursor)
	}
	second := decode[postPage](t, w.env.call(t, "GET", "/api/v1/me/posts?limit=2&cursor="+*first.NextCursor, alice.Token, nil), http.StatusOK)
	if !sameList(titles(second), []string{"Eerste vraag"}) || second.NextCursor != nil {
		t.Errorf("second page: %v", titles(second))
	}
	withdrawn := decode[postPage](t, w.env.call(t, "GET", "/api/v1/me/posts?status=withdrawn", alice.Token, nil), http.StatusOK)
	if !sameList(titles(withdrawn), []string{"Eerste vraag"}) {
		t.Errorf("withdrawn: %v", titles(withdrawn))
	}
	if names := invalidNames(t, w.env.call(t, "GET", "/api/v1/me/posts?status=gone", alice.Token, nil)); !names["status"] {
		t.Errorf("bad status: %v", names)
	}
}
