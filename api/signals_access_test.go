package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// The values that identify each field of a signal in a response body.
const (
	secretIdentification = "Mevrouw Geheim, Kerkstraat 3"
	secretDescription    = "brievenbus puilt uit"
	secretCallback       = "0612345678"
	secretReporter       = "Kees Melder"
	secretNote           = "Dochter woont in Zwolle"
	secretInternal       = "Eerst huisarts bellen"
	secretPublicUpdate   = "We gaan bij haar langs."
	secretAssigneeCard   = "06 11111111" // Anna de Vries's phone
)

var signalFields = []struct{ name, value string }{
	{"identification", secretIdentification}, {"description", secretDescription}, {"callbackPhone", secretCallback},
	{"reporter", secretReporter}, {"notes", secretNote}, {"internalNote", secretInternal},
	{"publicUpdate", secretPublicUpdate}, {"assigneeCard", secretAssigneeCard},
}

// TestSignalConfidentialityMatrix: every role × every field of a signal.
// "v" visible, "-" absent from a 200 response; 401/403/404 are statuses.
func TestSignalConfidentialityMatrix(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	r := w.report(t, w.owner, signalBody("worried"))
	decode[caseView](t, w.move(t, w.contact, r.ID, "acknowledged",
		map[string]any{"note": secretInternal, "publicUpdate": secretPublicUpdate}), http.StatusOK)
	decode[struct{ ID string }](t, w.env.call(t, "POST", "/api/v1/signals/"+r.ID+"/notes", w.contact.Token,
		map[string]string{"text": secretNote}), http.StatusCreated)

	all := "vvvvvvvv"
	rows := []struct {
		who    string
		token  string
		item   int
		fields string // identification, description, callbackPhone, reporter, notes, internalNote, publicUpdate, assigneeCard
		list   int
		inList bool
	}{
		{"anonymous", "", 401, "", 401, false},
		{"resident", w.resident.Token, 404, "", 403, false},
		{"broker", w.broker.Token, 404, "", 403, false},
		{"keyfigure who reported", w.owner.Token, 200, "vvv---vv", 200, true},
		{"other keyfigure", w.otherKeyfigure.Token, 404, "", 200, false},
		{"contact of the team", w.contact.Token, 200, all, 200, true},
		{"backup", w.backup.Token, 200, all, 200, true},
		{"coordinator", w.coordinator.Token, 200, all, 200, true},
		{"contact of another team", w.otherContact.Token, 404, "", 200, false},
		{"admin", w.admin.Token, 200, "--------", 200, true},
	}
	for _, row := range rows {
		t.Run(row.who, func(t *testing.T) {
			resp := w.env.call(t, "GET", "/api/v1/signals/"+r.ID, row.token, nil)
			if resp.StatusCode != row.item {
				t.Fatalf("GET item: status %d, want %d", resp.StatusCode, row.item)
			}
			body, _ := io.ReadAll(resp.Body)
			for i, f := range signalFields {
				if row.item != 200 {
					if strings.Contains(string(body), f.value) {
						t.Errorf("%s leaks in a %d", f.name, row.item)
					}
					continue
				}
				want := row.fields[i] == 'v'
				if got := strings.Contains(string(body), f.value); got != want {
					t.Errorf("%s visible = %v, want %v", f.name, got, want)
				}
			}
			list := w.env.call(t, "GET", "/api/v1/signals", row.token, nil)
			if list.StatusCode != row.list {
				t.Fatalf("GET list: status %d, want %d", list.StatusCode, row.list)
			}
			lb, _ := io.ReadAll(list.Body)
			if got := strings.Contains(string(lb), r.ID); got != row.inList {
				t.Errorf("in list = %v, want %v", got, row.inList)
			}
			// Lists carry no content, except in the reporter's own list their
			// identification and the last public update addressed to them.
			ownList := map[string]bool{"identification": true, "publicUpdate": true}
			if row.token == w.owner.Token && !strings.Contains(string(lb), secretPublicUpdate) {
				t.Error("the reporter's list lacks the last public update")
			}
			for _, f := range signalFields {
				if strings.Contains(string(lb), f.value) && !(ownList[f.name] && row.token == w.owner.Token) {
					t.Errorf("list shows %s", f.name)
				}
			}
		})
	}
}

// TestProcessingLog: one record per professional read of content and per
// write; none for the key figure's own reads, lists or an admin's metadata.
func TestProcessingLog(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	r := w.report(t, w.owner, signalBody("normal"))
	logged := func() int {
		return w.env.count(t, `SELECT count(*) FROM processing_log WHERE signal_id = $1`, r.ID)
	}
	base := logged() // the report itself
	if base != 1 {
		t.Fatalf("report logged %d times, want 1 (create)", base)
	}
	steps := []struct {
		name   string
		method string
		path   string
		user   testUser
		body   any
		status int
		added  int
	}{
		{"owner reads", "GET", "/api/v1/signals/" + r.ID, w.owner, nil, 200, 0},
		{"owner lists", "GET", "/api/v1/signals", w.owner, nil, 200, 0},
		{"contact lists", "GET", "/api/v1/signals", w.contact, nil, 200, 0},
		{"admin reads metadata", "GET", "/api/v1/signals/" + r.ID, w.admin, nil, 200, 0},
		{"other contact is refused", "GET", "/api/v1/signals/" + r.ID, w.otherContact, nil, 404, 0},
		{"contact reads", "GET", "/api/v1/signals/" + r.ID, w.contact, nil, 200, 1},
		{"backup reads", "GET", "/api/v1/signals/" + r.ID, w.backup, nil, 200, 1},
		{"coordinator reads notes", "GET", "/api/v1/signals/" + r.ID + "/notes", w.coordinator, nil, 200, 1},
		{"contact writes a note", "POST", "/api/v1/signals/" + r.ID + "/notes", w.contact, map[string]string{"text": "Gebeld."}, 201, 1},
		{"contact acknowledges", "POST", "/api/v1/signals/" + r.ID + "/transitions", w.contact, map[string]string{"to": "acknowledged"}, 200, 1},
		{"contact reassigns", "PUT", "/api/v1/signals/" + r.ID + "/assignee", w.contact, map[string]string{"userId": w.backup.ID}, 200, 1},
	}
	for _, s := range steps {
		before := logged()
		resp := w.env.call(t, s.method, s.path, s.user.Token, s.body)
		if resp.StatusCode != s.status {
			t.Fatalf("%s: status %d, want %d", s.name, resp.StatusCode, s.status)
		}
		if got := logged() - before; got != s.added {
			t.Errorf("%s: %d log records, want %d", s.name, got, s.added)
		}
	}
	if n := w.env.count(t, `SELECT count(*) FROM processing_log WHERE signal_id = $1 AND action = 'read'
		AND actor_id = $2 AND purpose = 'follow-up'`, r.ID, w.contact.ID); n != 1 {
		t.Errorf("contact's reads = %d, want 1", n)
	}

	type entry struct{ SignalID, ActorID, Action, Purpose string }
	page := decode[struct {
		Items      []entry
		NextCursor *string
	}](t, w.env.call(t, "GET", "/api/v1/processing-log?signalId="+r.ID+"&userId="+w.contact.ID+"&limit=2", w.admin.Token, nil), http.StatusOK)
	if len(page.Items) != 2 || page.NextCursor == nil || page.Items[0].ActorID != w.contact.ID {
		t.Fatalf("first page: %+v", page)
	}
	next := decode[struct{ Items []entry }](t, w.env.call(t, "GET",
		"/api/v1/processing-log?signalId="+r.ID+"&userId="+w.contact.ID+"&limit=2&cursor="+*page.NextCursor, w.admin.Token, nil), http.StatusOK)
	if len(next.Items) != 2 { // read, note, transition, assign
		t.Errorf("second page: %+v", next.Items)
	}
	for _, u := range []testUser{w.contact, w.owner, w.broker} {
		readProblem(t, w.env.call(t, "GET", "/api/v1/processing-log", u.Token, nil), http.StatusForbidden)
	}
	if names := invalidNames(t, w.env.call(t, "GET", "/api/v1/processing-log?signalId=nope", w.admin.Token, nil)); !names["signalId"] {
		t.Errorf("bad signalId: %v", names)
	}
}
