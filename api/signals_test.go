package api_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/noaber/noaber/internal/accounts"
)

func TestReportSignalPromisesTheContact(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	cases := []struct {
		urgency, text, textEn string
		emergency             bool
	}{
		{"normal", "Anna de Vries pakt dit binnen 2 werkdagen op.", "Anna de Vries will pick this up within 2 working days.", false},
		{"worried", "Anna de Vries pakt dit binnen 1 werkdag op.", "Anna de Vries will pick this up within 1 working day.", false},
		{"urgent", "Anna de Vries pakt dit binnen 4 uur op.", "Anna de Vries will pick this up within 4 hours.", true},
	}
	for _, c := range cases {
		r := w.report(t, w.owner, signalBody(c.urgency))
		if r.Status != "received" || r.Promise.ContactName == nil || *r.Promise.ContactName != "Anna de Vries" ||
			r.Promise.Text != c.text || r.Promise.TextEn != c.textEn || r.Deadline.IsZero() {
			t.Errorf("%s: receipt %+v", c.urgency, r)
		}
		if (r.Emergency != nil) != c.emergency {
			t.Errorf("%s: emergency = %+v", c.urgency, r.Emergency)
		}
		if c.emergency && (len(r.Emergency.PhoneNumbers) != 2 || r.Emergency.PhoneNumbers[0] != "112" ||
			r.Emergency.Text != "Is iemand in direct gevaar? Bel dan 112. Zorgen over huiselijk geweld of "+
				"kindermishandeling? Bel Veilig Thuis: 0800-2000 (gratis, dag en nacht).") {
			t.Errorf("emergency advice: %+v", r.Emergency)
		}
	}
	// The contact was told, urgently for the urgent one, in the same transaction.
	if n := w.env.count(t, `SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'signal_assigned'`, w.contact.ID); n != 3 {
		t.Errorf("contact got %d notifications, want 3", n)
	}
}

func TestReportSignalValidation(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	bad := map[string]any{"postcode": "9999 AA", "neighbourhoodId": buCentrum, "identification": "",
		"lifeDomains": []string{"zorgen", "zorgen"}, "urgency": "acuut", "description": "kort", "callbackPhone": "bel me"}
	names := invalidNames(t, w.env.call(t, "POST", "/api/v1/signals", w.owner.Token, bad))
	for _, n := range []string{"postcode", "identification", "lifeDomains", "urgency", "description", "personKnows", "callbackPhone"} {
		if !names[n] {
			t.Errorf("%s not in invalidParams %v", n, names)
		}
	}
	unknown := signalBody("normal")
	unknown["postcode"] = "1234 ZZ"
	if names := invalidNames(t, w.env.call(t, "POST", "/api/v1/signals", w.owner.Token, unknown)); !names["postcode"] {
		t.Errorf("unknown postcode: %v", names)
	}
	byCode := signalBody("normal")
	delete(byCode, "postcode")
	byCode["neighbourhoodId"] = buCentrum
	w.report(t, w.owner, byCode)

	for name, u := range map[string]testUser{"resident": w.resident, "broker": w.broker, "contact": w.contact, "admin": w.admin} {
		readProblem(t, w.env.call(t, "POST", "/api/v1/signals", u.Token, signalBody("normal")), http.StatusForbidden)
		_ = name
	}
	readProblem(t, w.env.call(t, "POST", "/api/v1/signals", "", signalBody("normal")), http.StatusUnauthorized)
}

func TestReportSignalDailyLimit(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	for i := 0; i < 10; i++ {
		w.report(t, w.owner, signalBody("normal"))
	}
	resp := w.env.call(t, "POST", "/api/v1/signals", w.owner.Token, signalBody("normal"))
	readProblem(t, resp, http.StatusTooManyRequests)
	wait, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || wait < 1 || wait > 25*3600 {
		t.Errorf("Retry-After = %q", resp.Header.Get("Retry-After"))
	}
	// Another key figure is not affected.
	w.report(t, w.otherKeyfigure, signalBody("normal"))
}

func TestRoutingWithoutContactOrTeam(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	// Havenkwartier: a team with only a coordinator → the coordinator.
	coordinatorOnly := w.env.newUser(t, postcodeCentrum, accounts.Contact)
	w.env.exec(t, `UPDATE users SET display_name = 'Karel Jansen' WHERE id = $1`, coordinatorOnly.ID)
	w.env.newTeam(t, "Team Haven", coordinatorOnly.ID, buHaven, "", "")
	body := signalBody("normal")
	body["postcode"] = postcodeHavenkwartier
	r := w.report(t, w.owner, body)
	if r.Promise.ContactName == nil || *r.Promise.ContactName != "Karel Jansen" {
		t.Errorf("without contact: %+v", r.Promise)
	}

	// Beekdal: no team at all → stored unassigned, every admin alerted.
	delete(body, "postcode")
	body["neighbourhoodId"] = buBeekdal
	r = w.report(t, w.owner, body)
	if r.Promise.ContactName != nil || r.Status != "received" || r.Promise.Text == "" {
		t.Errorf("without team: %+v", r)
	}
	if n := w.env.count(t, `SELECT count(*) FROM notifications WHERE user_id = $1 AND subject_id = $2`, w.admin.ID, r.ID); n != 1 {
		t.Errorf("admin alerted %d times, want 1", n)
	}
	list := decode[struct{ Items []struct{ ID string } }](t,
		w.env.call(t, "GET", "/api/v1/signals?unassigned=true", w.admin.Token, nil), http.StatusOK)
	if len(list.Items) != 1 || list.Items[0].ID != r.ID {
		t.Errorf("admin's unrouted list: %+v", list.Items)
	}

	// Once a team serves Beekdal, the scheduler routes it there.
	w.env.newTeam(t, "Team Zuid", "", buBeekdal, w.otherContact.ID, "")
	if n, err := w.env.scheduler().RunOnce(t.Context()); err != nil || n != 1 {
		t.Fatalf("RunOnce = %d, %v; want 1 routed", n, err)
	}
	got := decode[caseView](t, w.env.call(t, "GET", "/api/v1/signals/"+r.ID, w.otherContact.Token, nil), http.StatusOK)
	if got.AssigneeID == nil || *got.AssigneeID != w.otherContact.ID {
		t.Errorf("after routing: %+v", got)
	}
}

func TestReassignWithinTheTeam(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	r := w.report(t, w.owner, signalBody("worried"))
	path := "/api/v1/signals/" + r.ID + "/assignee"
	got := decode[caseView](t, w.env.call(t, "PUT", path, w.contact.Token, map[string]string{"userId": w.backup.ID}), http.StatusOK)
	if got.AssigneeID == nil || *got.AssigneeID != w.backup.ID {
		t.Errorf("assignee = %v, want the backup", got.AssigneeID)
	}
	if n := w.env.count(t, `SELECT count(*) FROM notifications WHERE user_id = $1 AND subject_id = $2`, w.backup.ID, r.ID); n != 1 {
		t.Errorf("backup notified %d times", n)
	}
	if names := invalidNames(t, w.env.call(t, "PUT", path, w.contact.Token, map[string]string{"userId": w.otherContact.ID})); !names["userId"] {
		t.Errorf("assigning outside the team: %v", names)
	}
	for _, u := range []testUser{w.otherContact, w.owner, w.broker, w.admin} {
		readProblem(t, w.env.call(t, "PUT", path, u.Token, map[string]string{"userId": u.ID}), http.StatusNotFound)
	}
}

func TestNotesAreForTheTeamOnly(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	r := w.report(t, w.owner, signalBody("normal"))
	path := "/api/v1/signals/" + r.ID + "/notes"
	note := decode[struct{ ID, Text string }](t, w.env.call(t, "POST", path, w.backup.Token, map[string]string{"text": "Gebeld, geen gehoor."}), http.StatusCreated)
	if note.ID == "" || note.Text != "Gebeld, geen gehoor." {
		t.Errorf("note = %+v", note)
	}
	list := decode[struct{ Items []struct{ Text string } }](t, w.env.call(t, "GET", path, w.coordinator.Token, nil), http.StatusOK)
	if len(list.Items) != 1 {
		t.Errorf("notes = %+v", list.Items)
	}
	for _, u := range []testUser{w.owner, w.otherKeyfigure, w.resident, w.broker, w.otherContact, w.admin} {
		readProblem(t, w.env.call(t, "GET", path, u.Token, nil), http.StatusNotFound)
		readProblem(t, w.env.call(t, "POST", path, u.Token, map[string]string{"text": "x"}), http.StatusNotFound)
	}
	if names := invalidNames(t, w.env.call(t, "POST", path, w.contact.Token, map[string]string{"text": " "})); !names["text"] {
		t.Errorf("empty note: %v", names)
	}
}
