package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestBrokerWorkbenchAccessMatrix: who reaches the queue, follow-ups and
// notes of a request in area X. Collections are 403 for roles without
// access; a single object outside the caller's areas is a 404.
func TestBrokerWorkbenchAccessMatrix(t *testing.T) {
	t.Parallel()
	w := newBrokerWorld(t)
	followUp := "/api/v1/broker/queue/" + w.requestX + "/follow-up"
	notes := "/api/v1/posts/" + w.requestX + "/broker-notes"
	type want struct{ queue, followUp, notes, addNote, clear int }
	cases := map[string]want{
		"anonymous":       {401, 401, 401, 401, 401},
		"resident":        {403, 404, 404, 404, 404},
		"keyfigure":       {403, 404, 404, 404, 404},
		"brokerX":         {200, 200, 200, 201, 204},
		"brokerY":         {200, 404, 404, 404, 404},
		"contact":         {403, 404, 404, 404, 404},
		"admin":           {200, 200, 200, 201, 204},
		"adminWithout2FA": {403, 403, 403, 403, 403},
	}
	for _, c := range w.callers {
		wt := cases[c.name]
		got := want{
			queue:    w.env.call(t, "GET", "/api/v1/broker/queue", c.token, nil).StatusCode,
			followUp: w.env.call(t, "PUT", followUp, c.token, map[string]any{"note": "Bellen"}).StatusCode,
			notes:    w.env.call(t, "GET", notes, c.token, nil).StatusCode,
			addNote:  w.env.call(t, "POST", notes, c.token, map[string]any{"text": "Gebeld, geen gehoor."}).StatusCode,
			clear:    w.env.call(t, "DELETE", followUp, c.token, nil).StatusCode,
		}
		if got != wt {
			t.Errorf("%s: got %+v, want %+v", c.name, got, wt)
		}
	}
	// Each broker's queue holds their own area only; the admin's both.
	for _, tc := range []struct {
		name, token string
		want        []string
	}{
		{"brokerX", w.brokerX.Token, []string{"Wie helpt met mijn kast?"}},
		{"brokerY", w.brokerY.Token, []string{"Wie gaat mee wandelen?"}},
		{"admin", w.admin.Token, []string{"Wie helpt met mijn kast?", "Wie gaat mee wandelen?"}},
	} {
		if got := queueTitles(w.queue(t, tc.token, "")); !sameList(got, tc.want) {
			t.Errorf("%s queue = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestBrokerQueueContentAndOrder: unmatched open requests only, oldest
// first, with age, responses, follow-up, notes and suggestions; filters
// and cursor pages.
func TestBrokerQueueContentAndOrder(t *testing.T) {
	t.Parallel()
	w := newBrokerWorld(t)
	older := w.postAs(t, w.resident, "request", "Wie doet mijn boodschappen?", 20)
	w.env.exec(t, `UPDATE posts SET category_code = 'boodschappen' WHERE id = $1`, older)
	w.postAs(t, w.resident, "offer", "Ik help met klussen", 1)
	expired := w.postAs(t, w.resident, "request", "Verlopen vraag hier", 40)
	w.env.exec(t, `UPDATE posts SET expires_at = now() - interval '1 day' WHERE id = $1`, expired)
	matched := w.postAs(t, w.resident, "request", "Al geholpen vraag", 30)
	conv := decode[conversationView](t, w.env.call(t, "POST", "/api/v1/posts/"+matched+"/responses", w.residentX.Token,
		map[string]any{"message": "Ik help je."}), http.StatusCreated)
	decode[exchangeView](t, w.env.call(t, "POST", "/api/v1/exchanges", w.resident.Token,
		map[string]any{"conversationId": conv.ID}), http.StatusCreated)
	decode[conversationView](t, w.env.call(t, "POST", "/api/v1/posts/"+w.requestX+"/responses", w.resident.Token,
		map[string]any{"message": "Misschien zaterdag?"}), http.StatusCreated)
	decode[map[string]any](t, w.env.call(t, "PUT", "/api/v1/broker/queue/"+w.requestX+"/follow-up", w.brokerX.Token,
		map[string]any{"dueOn": "2030-01-15", "note": "Bellen"}), http.StatusOK)
	decode[map[string]any](t, w.env.call(t, "POST", "/api/v1/posts/"+w.requestX+"/broker-notes", w.brokerX.Token,
		map[string]any{"text": "Mevrouw is slechthorend."}), http.StatusCreated)

	q := w.queue(t, w.brokerX.Token, "")
	if got, want := queueTitles(q), []string{"Wie doet mijn boodschappen?", "Wie helpt met mijn kast?"}; !sameList(got, want) {
		t.Fatalf("queue = %v, want %v", got, want)
	}
	kast := q.Items[1]
	if kast.AgeDays != 10 || kast.ResponseCount != 1 || kast.NoteCount != 1 || kast.FollowUp == nil ||
		*kast.FollowUp.DueOn != "2030-01-15" || kast.Author.ID != w.residentX.ID || kast.Author.Neighbourhood.ID != buHaven {
		t.Errorf("queue item = %+v", kast)
	}
	if len(kast.Suggestions) == 0 || len(kast.Suggestions) > 3 {
		t.Errorf("suggestions = %d, want 1 to 3 (the klussen helper)", len(kast.Suggestions))
	}
	for query, want := range map[string][]string{
		"?followUp=true":         {"Wie helpt met mijn kast?"},
		"?minAgeDays=15":         {"Wie doet mijn boodschappen?"},
		"?category=boodschappen": {"Wie doet mijn boodschappen?"},
	} {
		if got := queueTitles(w.queue(t, w.brokerX.Token, query)); !sameList(got, want) {
			t.Errorf("%s: %v, want %v", query, got, want)
		}
	}
	first := w.queue(t, w.brokerX.Token, "?limit=1")
	if first.NextCursor == nil || len(first.Items) != 1 {
		t.Fatalf("first page = %+v", first)
	}
	if got := queueTitles(w.queue(t, w.brokerX.Token, "?limit=1&cursor="+*first.NextCursor)); !sameList(got, []string{"Wie helpt met mijn kast?"}) {
		t.Errorf("second page = %v", got)
	}
	if names := invalidNames(t, w.env.call(t, "GET", "/api/v1/broker/queue?minAgeDays=x&followUp=ja", w.brokerX.Token, nil)); !names["minAgeDays"] || !names["followUp"] {
		t.Errorf("invalid filters = %v", names)
	}
	// Clearing the flag takes it out of the follow-up filter.
	if resp := w.env.call(t, "DELETE", "/api/v1/broker/queue/"+w.requestX+"/follow-up", w.brokerX.Token, nil); resp.StatusCode != 204 {
		t.Fatalf("clear = %d", resp.StatusCode)
	}
	if got := w.queue(t, w.brokerX.Token, "?followUp=true"); len(got.Items) != 0 {
		t.Errorf("after clearing: %v", queueTitles(got))
	}
}

// TestBrokerNotesNeverLeakIntoPosts: a broker's notes are not part of any
// answer about the post, for its author or the broker.
func TestBrokerNotesNeverLeakIntoPosts(t *testing.T) {
	t.Parallel()
	w := newBrokerWorld(t)
	secret := "Vertrouwelijk: schulden bij de woningbouw."
	decode[map[string]any](t, w.env.call(t, "POST", "/api/v1/posts/"+w.requestX+"/broker-notes", w.brokerX.Token,
		map[string]any{"text": secret}), http.StatusCreated)
	for _, tc := range []struct{ name, token, path string }{
		{"author post", w.residentX.Token, "/api/v1/posts/" + w.requestX},
		{"author my posts", w.residentX.Token, "/api/v1/me/posts"},
		{"neighbour feed", w.resident.Token, "/api/v1/posts"},
		{"broker post", w.brokerX.Token, "/api/v1/posts/" + w.requestX},
		{"author export", w.residentX.Token, "/api/v1/me/export"},
	} {
		resp := w.env.call(t, "GET", tc.path, tc.token, nil)
		body, _ := io.ReadAll(resp.Body)
		if strings.Contains(string(body), secret) || strings.Contains(string(body), "brokerNote") {
			t.Errorf("%s leaks the broker note: %s", tc.name, body)
		}
	}
	notes := decode[pageOf[struct{ Text string }]](t, w.env.call(t, "GET", "/api/v1/posts/"+w.requestX+"/broker-notes",
		w.brokerX.Token, nil), http.StatusOK)
	if len(notes.Items) != 1 || notes.Items[0].Text != secret {
		t.Errorf("notes = %+v", notes.Items)
	}
	if names := invalidNames(t, w.env.call(t, "POST", "/api/v1/posts/"+w.requestX+"/broker-notes", w.brokerX.Token,
		map[string]any{"text": "  "})); !names["text"] {
		t.Errorf("empty note: %v", names)
	}
}
