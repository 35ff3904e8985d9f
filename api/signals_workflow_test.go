package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// workflow is the transition table of the issue, written out again so that
// the test does not trust the implementation's own table.
var workflow = map[string][]string{
	"received":         {"acknowledged", "in_progress"},
	"acknowledged":     {"in_progress", "closed_no_action"},
	"in_progress":      {"referred", "resolved", "closed_no_action"},
	"resolved":         {"in_progress"},
	"referred":         {},
	"closed_no_action": {},
}

var allStatuses = []string{"received", "acknowledged", "in_progress", "referred", "resolved", "closed_no_action"}

// insertSignal stores a signal of w.owner about Centrum, assigned to the
// contact, in status; resolvedAgo sets when it was resolved.
func (w signalWorld) insertSignal(t *testing.T, status string, resolvedAgo time.Duration) string {
	t.Helper()
	now := w.env.clock.Now()
	var closedAt, resolvedAt *time.Time
	if status == "referred" || status == "resolved" || status == "closed_no_action" {
		c := now.Add(-resolvedAgo)
		closedAt = &c
	}
	if status == "resolved" {
		resolvedAt = closedAt
	}
	var id string
	err := w.env.db.GetContext(context.Background(), &id, `
		INSERT INTO signals (reporter_id, neighbourhood_code, identification, description, life_domains, urgency,
		                     person_knows, status, assignee_id, deadline, created_at, closed_at, resolved_at)
		VALUES ($1, $2, 'Meneer Test', 'Een beschrijving van de zorg.', '{wonen}', 'normal', true, $3, $4,
		        $5, $5, $6, $7) RETURNING id`,
		w.owner.ID, buCentrum, status, w.contact.ID, now, closedAt, resolvedAt)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestSignalWorkflowEveryPair tries every (from, to) pair of statuses.
func TestSignalWorkflowEveryPair(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	for _, from := range allStatuses {
		for _, to := range allStatuses {
			t.Run(from+"→"+to, func(t *testing.T) {
				id := w.insertSignal(t, from, 24*time.Hour)
				resp := w.move(t, w.contact, id, to, nil)
				if slices.Contains(workflow[from], to) {
					got := decode[caseView](t, resp, http.StatusOK)
					if got.Status != to || !slices.Equal(got.AllowedTransitions, allowedAfter(to)) {
						t.Errorf("after the move: status %s, allowed %v", got.Status, got.AllowedTransitions)
					}
					return
				}
				checkNotAllowed(t, resp, workflow[from])
			})
		}
	}
}

// allowedAfter is what may follow a move to status just now.
func allowedAfter(status string) []string { return workflow[status] }

func checkNotAllowed(t *testing.T, resp *http.Response, allowed []string) {
	t.Helper()
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("status = %d, want 409", resp.StatusCode)
	}
	var p struct {
		Status             int
		Detail             string
		AllowedTransitions *[]string
	}
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || p.AllowedTransitions == nil {
		t.Fatalf("problem without allowedTransitions: %+v (%v)", p, err)
	}
	if !slices.Equal(*p.AllowedTransitions, allowed) {
		t.Errorf("allowedTransitions = %v, want %v", *p.AllowedTransitions, allowed)
	}
}

func TestReopenWithinFourteenDays(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	recent := w.insertSignal(t, "resolved", 13*24*time.Hour)
	decode[caseView](t, w.move(t, w.contact, recent, "in_progress", nil), http.StatusOK)
	old := w.insertSignal(t, "resolved", 15*24*time.Hour)
	checkNotAllowed(t, w.move(t, w.contact, old, "in_progress", nil), []string{})

	// Through the API and the clock: resolved now, reopened 14 days later
	// is fine; another resolve and 14 days and a minute later is not.
	id := w.insertSignal(t, "in_progress", 0)
	decode[caseView](t, w.move(t, w.contact, id, "resolved", nil), http.StatusOK)
	w.env.clock.Advance(14 * 24 * time.Hour)
	w.relogin(t, &w.contact)
	decode[caseView](t, w.move(t, w.contact, id, "in_progress", nil), http.StatusOK)
	decode[caseView](t, w.move(t, w.contact, id, "resolved", nil), http.StatusOK)
	w.env.clock.Advance(14*24*time.Hour + time.Minute)
	w.relogin(t, &w.contact)
	checkNotAllowed(t, w.move(t, w.contact, id, "in_progress", nil), []string{})
}

func TestTransitionRulesAndUpdates(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	r := w.report(t, w.owner, signalBody("normal"))
	names := invalidNames(t, w.move(t, w.contact, r.ID, "done", map[string]any{"publicUpdate": strings.Repeat("x", 501)}))
	if !names["to"] || !names["publicUpdate"] {
		t.Errorf("invalidParams = %v", names)
	}
	// Only the neighbourhood's team moves it.
	for _, u := range []testUser{w.owner, w.otherKeyfigure, w.resident, w.broker, w.otherContact, w.admin} {
		readProblem(t, w.move(t, u, r.ID, "acknowledged", nil), http.StatusNotFound)
	}
	readProblem(t, w.move(t, w.contact, "00000000-0000-4000-8000-000000000000", "acknowledged", nil), http.StatusNotFound)
	readProblem(t, w.move(t, w.contact, "not-an-id", "acknowledged", nil), http.StatusNotFound)

	// The backup may move it too; a public update tells the reporter.
	decode[caseView](t, w.move(t, w.backup, r.ID, "acknowledged", map[string]any{"publicUpdate": "Opgepakt."}), http.StatusOK)
	decode[caseView](t, w.move(t, w.coordinator, r.ID, "in_progress", map[string]any{"note": "Alleen intern."}), http.StatusOK)
	if n := w.env.count(t, `SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'signal_update'`, w.owner.ID); n != 1 {
		t.Errorf("reporter notified %d times, want once (one public update)", n)
	}
	view := decode[struct {
		Status   string
		Timeline []struct {
			Status       string
			PublicUpdate *string
		}
	}](t, w.env.call(t, "GET", "/api/v1/signals/"+r.ID, w.owner.Token, nil), http.StatusOK)
	if view.Status != "in_progress" || len(view.Timeline) != 3 || view.Timeline[1].PublicUpdate == nil ||
		*view.Timeline[1].PublicUpdate != "Opgepakt." || view.Timeline[2].PublicUpdate != nil {
		t.Errorf("reporter's view: %+v", view)
	}
	if n := w.env.count(t, `SELECT count(*) FROM signal_events WHERE signal_id = $1`, r.ID); n != 3 {
		t.Errorf("events = %d, want 3 (received, acknowledged, in_progress)", n)
	}
}
