package api_test

import (
	"net/http"
	"slices"
	"testing"
)

// TestModerationAccessMatrix: who may list, read and decide a report about
// a post in Centrum (brokerX's area, not brokerY's).
func TestModerationAccessMatrix(t *testing.T) {
	t.Parallel()
	w := newModerationWorld(t)
	postID := w.post(t, w.author, "Hulp bij de heg", "Wie knipt mijn heg?")
	r := w.report(t, w.reporter, "post", postID, "spam")
	callers := append(slices.Clone(w.callers), caller{"reporter", w.reporter.Token})

	type want struct{ list, get, decide int }
	wants := map[string]want{
		"anonymous":       {401, 401, 401},
		"resident":        {403, 404, 403},
		"keyfigure":       {403, 404, 403},
		"brokerX":         {200, 200, 200},
		"brokerY":         {200, 404, 404},
		"contact":         {403, 404, 403},
		"admin":           {200, 200, 200},
		"adminWithout2FA": {403, 404, 403},
		"reporter":        {403, 200, 403},
	}
	for _, c := range callers {
		wt, ok := wants[c.name]
		if !ok {
			t.Fatalf("no expectation for %s", c.name)
		}
		t.Run(c.name, func(t *testing.T) {
			// Open or decided: the report is decided along the way.
			list := w.env.call(t, "GET", "/api/v1/reports", c.token, nil)
			if list.StatusCode != wt.list {
				t.Errorf("list: %d, want %d", list.StatusCode, wt.list)
			} else if wt.list == http.StatusOK {
				ids := append(w.queue(t, testUser{Token: c.token}, "open"), w.queue(t, testUser{Token: c.token}, "decided")...)
				if listed := slices.Contains(ids, r.ID); listed != (wt.get == http.StatusOK) {
					t.Errorf("listed = %v, want %v", listed, wt.get == http.StatusOK)
				}
			}
			get := w.env.call(t, "GET", "/api/v1/reports/"+r.ID, c.token, nil)
			if get.StatusCode != wt.get {
				t.Errorf("get: %d, want %d", get.StatusCode, wt.get)
			} else if wt.get == http.StatusOK {
				v := decode[reportView](t, get, http.StatusOK)
				moderator := c.name != "reporter"
				if (v.Subject.Summary != nil) != moderator || (v.Decisions != nil) != moderator || (v.Reporter != nil) != moderator {
					t.Errorf("view of %s = %+v", c.name, v)
				}
			}
			body := map[string]any{"action": "dismiss", "reason": "Geen probleem gezien."}
			if got := w.env.call(t, "POST", "/api/v1/reports/"+r.ID+"/decision", c.token, body).StatusCode; got != wt.decide {
				t.Errorf("decide: %d, want %d", got, wt.decide)
			}
		})
	}
	if n := w.env.count(t, `SELECT count(*) FROM moderation_decisions WHERE report_id = $1`, r.ID); n != 2 {
		t.Errorf("decisions = %d, want 2 (brokerX and admin)", n)
	}
}

// TestModerationScope: a report about a person follows that person's
// neighbourhood; nobody moderates a report about themselves; the queue is
// oldest first and filters on status.
func TestModerationScope(t *testing.T) {
	t.Parallel()
	w := newModerationWorld(t)
	aboutY := w.report(t, w.reporter, "user", w.residentY.ID, "spam")
	w.env.clock.Advance(1e9)
	aboutBrokerX := w.report(t, w.reporter, "user", w.brokerX.ID, "offensive")
	w.env.clock.Advance(1e9)
	aboutAuthor := w.report(t, w.reporter, "user", w.author.ID, "other")

	if q := w.queue(t, w.brokerY, "open"); !slices.Equal(q, []string{aboutY.ID}) {
		t.Errorf("brokerY's queue = %v, want the report about residentY", q)
	}
	if q := w.queue(t, w.brokerX, "open"); !slices.Equal(q, []string{aboutAuthor.ID}) {
		t.Errorf("brokerX's queue = %v, want only the report about the author (not about themselves)", q)
	}
	if q := w.queue(t, w.admin, "open"); !slices.Equal(q, []string{aboutY.ID, aboutBrokerX.ID, aboutAuthor.ID}) {
		t.Errorf("admin's queue = %v, want oldest first", q)
	}
	for _, resp := range []*http.Response{
		w.env.call(t, "GET", "/api/v1/reports/"+aboutBrokerX.ID, w.brokerX.Token, nil),
		w.decide(t, w.brokerX, aboutBrokerX.ID, "dismiss", ""),
		w.decide(t, w.brokerX, aboutY.ID, "warn", "Let op je woorden."),
	} {
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s: %d, want 404", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode)
		}
	}
	decode[reportView](t, w.decide(t, w.admin, aboutBrokerX.ID, "dismiss", ""), http.StatusOK)
	if q := w.queue(t, w.admin, "decided"); !slices.Equal(q, []string{aboutBrokerX.ID}) {
		t.Errorf("decided queue = %v", q)
	}
	if resp := w.env.call(t, "GET", "/api/v1/reports?status=closed", w.admin.Token, nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("status=closed: %d, want 400", resp.StatusCode)
	}
	// Paging: one at a time, in the same order.
	p := decode[pageOf[reportView]](t, w.env.call(t, "GET", "/api/v1/reports?limit=1", w.admin.Token, nil), http.StatusOK)
	if len(p.Items) != 1 || p.Items[0].ID != aboutY.ID || p.NextCursor == nil {
		t.Fatalf("first page = %+v", p)
	}
	p = decode[pageOf[reportView]](t, w.env.call(t, "GET", "/api/v1/reports?limit=1&cursor="+*p.NextCursor, w.admin.Token, nil),
		http.StatusOK)
	if len(p.Items) != 1 || p.Items[0].ID != aboutAuthor.ID {
		t.Errorf("second page = %+v", p)
	}
}
