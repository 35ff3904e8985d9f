package api_test

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestModerationReportRules: only what the reporter can see can be
// reported; a second report while the first is open returns the first.
func TestModerationReportRules(t *testing.T) {
	t.Parallel()
	w := newModerationWorld(t)
	postID := w.post(t, w.author, "Wie helpt met mijn schuur?", "De deur klemt.")

	first := w.report(t, w.reporter, "post", postID, "offensive")
	if !first.Mine || first.Status != "open" || first.Automatic || first.Subject.Summary != nil || first.Reporter != nil {
		t.Errorf("reporter's view = %+v", first)
	}
	again := w.env.call(t, "POST", "/api/v1/reports", w.reporter.Token,
		map[string]any{"subject": "post", "subjectId": postID, "reason": "spam"})
	if got := decode[reportView](t, again, http.StatusOK); got.ID != first.ID {
		t.Errorf("second report = %s, want the open one %s", got.ID, first.ID)
	}
	if n := w.env.count(t, `SELECT count(*) FROM reports WHERE reporter_id = $1`, w.reporter.ID); n != 1 {
		t.Errorf("reports = %d, want 1", n)
	}

	names := invalidNames(t, w.env.call(t, "POST", "/api/v1/reports", w.reporter.Token,
		map[string]any{"subject": "exchange", "reason": "auto-flag", "note": strings.Repeat("x", 501)}))
	for _, n := range []string{"subject", "subjectId", "reason", "note"} {
		if !names[n] {
			t.Errorf("invalidParams lacks %s: %v", n, names)
		}
	}

	// What the reporter cannot see.
	hidden := w.post(t, w.author, "Verborgen vraag", "Niet te zien.")
	w.env.exec(t, `UPDATE posts SET hidden_at = now() WHERE id = $1`, hidden)
	blocker := w.env.newUser(t, postcodeCentrum, "resident")
	blockersPost := w.post(t, blocker, "Vraag van iemand die blokkeert", "Hallo.")
	if resp := w.env.call(t, "POST", "/api/v1/blocks/"+w.reporter.ID, blocker.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("block: %d", resp.StatusCode)
	}
	suspended := w.env.newUser(t, postcodeCentrum, "resident")
	w.env.exec(t, `UPDATE users SET disabled_at = now() WHERE id = $1`, suspended.ID)
	conv := decode[conversationView](t, w.env.call(t, "POST", "/api/v1/posts/"+postID+"/responses", w.resident.Token,
		map[string]any{"message": "Ik kom morgen kijken."}), http.StatusCreated)
	othersMessage := firstMessage(t, w, w.author, conv.ID)

	for _, tc := range []struct{ name, subject, id string }{
		{"unknown post", "post", "00000000-0000-0000-0000-000000000000"},
		{"not an id", "post", "abc"},
		{"hidden post", "post", hidden},
		{"post of someone who blocked me", "post", blockersPost},
		{"message in another's conversation", "message", othersMessage},
		{"suspended person", "user", suspended.ID},
	} {
		resp := w.env.call(t, "POST", "/api/v1/reports", w.reporter.Token,
			map[string]any{"subject": tc.subject, "subjectId": tc.id, "reason": "other"})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", tc.name, resp.StatusCode)
		}
	}
	// What the reporter can see: a message in their own conversation, a person.
	w.report(t, w.author, "message", othersMessage, "unsafe")
	w.report(t, w.reporter, "user", w.author.ID, "spam")
	// Oneself and one's own words are not reportable.
	for _, tc := range []struct{ subject, id string }{{"user", w.reporter.ID}, {"post", postID}, {"message", othersMessage}} {
		u := w.reporter
		if tc.subject != "user" {
			u = map[string]testUser{"post": w.author, "message": w.resident}[tc.subject]
		}
		if names := invalidNames(t, w.env.call(t, "POST", "/api/v1/reports", u.Token,
			map[string]any{"subject": tc.subject, "subjectId": tc.id, "reason": "other"})); !names["subjectId"] {
			t.Errorf("own %s: %v", tc.subject, names)
		}
	}
}

// firstMessage is the id of the oldest message u sees in conversation id.
func firstMessage(t *testing.T, w moderationWorld, u testUser, id string) string {
	t.Helper()
	p := decode[pageOf[messageView]](t, w.env.call(t, "GET", "/api/v1/conversations/"+id+"/messages", u.Token, nil),
		http.StatusOK)
	if len(p.Items) == 0 {
		t.Fatal("no messages")
	}
	return p.Items[len(p.Items)-1].ID
}

// TestModerationAutoFlags: new and edited posts with contact details,
// money or selling words are flagged for review and stay visible.
func TestModerationAutoFlags(t *testing.T) {
	t.Parallel()
	w := newModerationWorld(t)
	flagged := w.post(t, w.author, "Hulp bij verhuizen", "Bel me even op 06-12345678, ik geef € 10.")
	clean := w.post(t, w.author, "Hulp bij de tuin", "Ik stel het op prijs als iemand de heg knipt.")

	f := w.autoFlag(t, flagged)
	if f == nil || f.Reason != "auto-flag" || f.Reporter != nil || !slices.Equal(f.Flags, []string{"money", "phone"}) {
		t.Fatalf("flag on new post = %+v", f)
	}
	if f.Subject.Summary == nil || f.Subject.Summary.Title == nil || *f.Subject.Summary.Title != "Hulp bij verhuizen" {
		t.Errorf("summary = %+v", f.Subject.Summary)
	}
	if w.autoFlag(t, clean) != nil {
		t.Error("a clean post was flagged")
	}
	// Flagged posts stay visible until a broker decides.
	decode[postView](t, w.env.call(t, "GET", "/api/v1/posts/"+flagged, w.reporter.Token, nil), http.StatusOK)

	edit := func(id string, body map[string]any) {
		t.Helper()
		decode[postView](t, w.env.call(t, "PATCH", "/api/v1/posts/"+id, w.author.Token, body), http.StatusOK)
	}
	edit(clean, map[string]any{"body": "Heg knippen. Mail naar jan@example.nl, het is een aanbieding."})
	if f := w.autoFlag(t, clean); f == nil || !slices.Equal(f.Flags, []string{"commercial", "email"}) {
		t.Fatalf("flag on edited post = %+v", f)
	}
	edit(clean, map[string]any{"title": "Heg knippen, betalen op NL91ABNA0417164300"})
	if f := w.autoFlag(t, clean); f == nil || !slices.Equal(f.Flags, []string{"commercial", "email", "iban"}) {
		t.Fatalf("flag after second edit = %+v", f)
	}
	if n := w.env.count(t, `SELECT count(*) FROM reports WHERE subject_id = $1`, clean); n != 1 {
		t.Errorf("open flags on one post = %d, want 1 (updated, not added)", n)
	}
	// The kinds are kept, never the matched text.
	if n := w.env.count(t, `SELECT count(*) FROM reports WHERE array_to_string(flags, ' ') LIKE '%0612%'
		OR note LIKE '%06%'`); n != 0 {
		t.Errorf("matched text stored in %d reports", n)
	}
}

// TestModerationLifecycle: hide → restore, warn, suspend → restore, with
// every decision appended, reports on one subject decided together and
// reporters told the outcome without the moderator's reason.
func TestModerationLifecycle(t *testing.T) {
	t.Parallel()
	w := newModerationWorld(t)
	postID := w.post(t, w.author, "Klusje gezocht", "Wie helpt met de kast?")
	other := w.post(t, w.author, "Tweede vraag", "Wie wil er wandelen?")
	first := w.report(t, w.reporter, "post", postID, "offensive")
	second := w.report(t, w.resident, "post", postID, "spam")
	userReport := w.report(t, w.reporter, "user", w.author.ID, "unsafe")

	// Hide: both reports on the post are decided and their reporters told.
	decided := decode[reportView](t, w.decide(t, w.brokerX, first.ID, "hide", ""), http.StatusOK)
	if decided.Status != "decided" || decided.Subject.Summary == nil || !decided.Subject.Summary.Hidden {
		t.Errorf("after hide = %+v", decided)
	}
	if got := decode[reportView](t, w.env.call(t, "GET", "/api/v1/reports/"+second.ID, w.brokerX.Token, nil),
		http.StatusOK); got.Status != "decided" || got.Outcome == nil || got.Outcome.Action != "hide" {
		t.Errorf("second report = %+v", got)
	}
	for _, r := range []struct {
		u  testUser
		id string
	}{{w.reporter, first.ID}, {w.resident, second.ID}} {
		if n := w.env.notifications(t, r.u.ID, "report_decided", r.id); n != 1 {
			t.Errorf("report_decided for %s = %d, want 1", r.id, n)
		}
	}
	if w.env.count(t, `SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'moderation_notice'`, w.author.ID) != 1 {
		t.Error("author not told of the hide")
	}
	if resp := w.env.call(t, "GET", "/api/v1/posts/"+postID, w.reporter.Token, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("hidden post: %d, want 404", resp.StatusCode)
	}
	// The reporter sees the outcome, never the moderator's reason.
	resp := w.env.call(t, "GET", "/api/v1/reports/"+first.ID, w.reporter.Token, nil)
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(raw), `"action":"hide"`) ||
		strings.Contains(string(raw), "Intern") || strings.Contains(string(raw), "summary") {
		t.Errorf("reporter's view after hide: %d %s", resp.StatusCode, raw)
	}

	// Restore the decided report: the post is back, reporters are not told twice.
	decode[reportView](t, w.decide(t, w.brokerX, first.ID, "restore", ""), http.StatusOK)
	decode[postView](t, w.env.call(t, "GET", "/api/v1/posts/"+postID, w.reporter.Token, nil), http.StatusOK)
	if n := w.env.notifications(t, w.reporter.ID, "report_decided", first.ID); n != 1 {
		t.Errorf("report_decided after restore = %d, want still 1", n)
	}

	// Warn: a message to the author is required and readable by them only.
	if names := invalidNames(t, w.decide(t, w.brokerX, first.ID, "warn", "")); !names["messageToUser"] {
		t.Errorf("warn without message: %v", names)
	}
	warned := decode[reportView](t, w.decide(t, w.brokerX, first.ID, "warn", "Deel geen nummers in je vraag."), http.StatusOK)
	ds := *warned.Decisions
	if len(ds) != 3 || ds[0].Action != "hide" || ds[1].Action != "restore" || ds[2].Action != "warn" {
		t.Fatalf("decisions = %+v", ds)
	}
	notice := w.env.call(t, "GET", "/api/v1/moderation-notices/"+ds[2].ID, w.author.Token, nil)
	raw, _ = io.ReadAll(notice.Body)
	if notice.StatusCode != http.StatusOK || !strings.Contains(string(raw), "Deel geen nummers") || strings.Contains(string(raw), "Intern") {
		t.Errorf("notice for the author: %d %s", notice.StatusCode, raw)
	}
	if resp := w.env.call(t, "GET", "/api/v1/moderation-notices/"+ds[2].ID, w.reporter.Token, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("notice for the reporter: %d, want 404", resp.StatusCode)
	}

	// Suspend through the report about the person: they are locked out and
	// their posts leave the feed; restore on the same report lets them back.
	decode[reportView](t, w.decide(t, w.brokerX, userReport.ID, "suspend", ""), http.StatusOK)
	if resp := w.env.call(t, "GET", "/api/v1/me", w.author.Token, nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("suspended person's token: %d, want 401", resp.StatusCode)
	}
	login := w.env.call(t, "POST", "/api/v1/auth/login", "", map[string]string{"email": w.author.Email, "password": w.author.Password})
	if login.StatusCode != http.StatusUnauthorized {
		t.Errorf("suspended person's login: %d, want 401", login.StatusCode)
	}
	if ids := feedIDs(t, w, w.reporter); slices.Contains(ids, other) {
		t.Error("a suspended person's post is still in the feed")
	}
	decode[reportView](t, w.decide(t, w.brokerX, userReport.ID, "restore", ""), http.StatusOK)
	w.author.Token = w.env.login(t, w.author)
	if ids := feedIDs(t, w, w.reporter); !slices.Contains(ids, other) {
		t.Error("after restore the post is not back in the feed")
	}

	// Decisions are append-only, also for whoever has the database.
	for _, q := range []string{`UPDATE moderation_decisions SET action = 'dismiss'`, `DELETE FROM moderation_decisions`} {
		if _, err := w.env.db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want append-only error", q, err)
		}
	}
	if n := w.env.count(t, `SELECT count(*) FROM moderation_decisions`); n != 5 {
		t.Errorf("decisions = %d, want 5", n)
	}
}

func feedIDs(t *testing.T, w moderationWorld, u testUser) []string {
	t.Helper()
	p := decode[postPage](t, w.env.call(t, "GET", "/api/v1/posts?limit=100", u.Token, nil), http.StatusOK)
	var ids []string
	for _, it := range p.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

// TestModerationHiddenMessage: a hidden message leaves the conversation
// for both participants; restoring brings it back.
func TestModerationHiddenMessage(t *testing.T) {
	t.Parallel()
	w := newModerationWorld(t)
	postID := w.post(t, w.author, "Boodschappen", "Wie gaat er naar de markt?")
	conv := decode[conversationView](t, w.env.call(t, "POST", "/api/v1/posts/"+postID+"/responses", w.reporter.Token,
		map[string]any{"message": "Ik ga zaterdag, zal ik iets meenemen?"}), http.StatusCreated)
	msgID := firstMessage(t, w, w.author, conv.ID)
	r := w.report(t, w.author, "message", msgID, "offensive")
	got := decode[reportView](t, w.env.call(t, "GET", "/api/v1/reports/"+r.ID, w.brokerX.Token, nil), http.StatusOK)
	if s := got.Subject.Summary; s == nil || s.Text == nil || !strings.Contains(*s.Text, "zaterdag") ||
		s.Person == nil || s.Person.ID != w.reporter.ID || s.Neighbourhood == nil || s.Neighbourhood.ID != buCentrum {
		t.Fatalf("message summary = %+v", got.Subject.Summary)
	}
	decode[reportView](t, w.decide(t, w.brokerX, r.ID, "hide", ""), http.StatusOK)
	for _, u := range []testUser{w.author, w.reporter} {
		p := decode[pageOf[messageView]](t, w.env.call(t, "GET", "/api/v1/conversations/"+conv.ID+"/messages", u.Token, nil),
			http.StatusOK)
		if len(p.Items) != 0 {
			t.Errorf("hidden message still listed: %+v", p.Items)
		}
		c := decode[conversationView](t, w.env.call(t, "GET", "/api/v1/conversations/"+conv.ID, u.Token, nil), http.StatusOK)
		if c.LastMessage != nil || c.UnreadCount != 0 {
			t.Errorf("hidden message still previewed or counted: %+v, unread %d", c.LastMessage, c.UnreadCount)
		}
	}
	decode[reportView](t, w.decide(t, w.brokerX, r.ID, "restore", ""), http.StatusOK)
	if firstMessage(t, w, w.author, conv.ID) != msgID {
		t.Error("restored message not back")
	}
	if names := invalidNames(t, w.decide(t, w.brokerX, w.report(t, w.author, "user", w.reporter.ID, "spam").ID, "hide", "")); !names["action"] {
		t.Errorf("hide on a person: %v", names)
	}
}
