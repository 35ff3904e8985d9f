package api_test

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestExchangeRolesByPostKind(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	for _, tc := range []struct {
		kind                         string
		helper, receiver, authorRole string
	}{
		{"request", w.responder.ID, w.author.ID, "receiver"},
		{"offer", w.author.ID, w.responder.ID, "helper"},
	} {
		post := w.env.newPost(t, w.author, tc.kind, "once")
		c := w.respond(t, w.responder, post)
		resp := w.env.call(t, "POST", "/api/v1/exchanges", w.author.Token, map[string]any{"conversationId": c.ID})
		x := decode[exchangeView](t, resp, http.StatusCreated)
		if resp.Header.Get("Location") != "/api/v1/exchanges/"+x.ID {
			t.Errorf("%s: Location %q", tc.kind, resp.Header.Get("Location"))
		}
		if x.Helper.ID != tc.helper || x.Receiver.ID != tc.receiver || x.Role != tc.authorRole ||
			x.Status != "agreed" || x.ConversationID != c.ID || x.Post.ID != post || x.MyAnswer != nil || x.OtherAnswered {
			t.Errorf("%s: exchange = %+v", tc.kind, x)
		}
		if want := w.env.clock.Now().Add(72 * time.Hour); !x.CheckAt.Equal(want) || x.MomentAt != nil {
			t.Errorf("%s: checkAt %s, want %s (3 days without a moment)", tc.kind, x.CheckAt, want)
		}
		if n := w.env.notifications(t, w.responder.ID, "exchange_agreed", x.ID); n != 1 {
			t.Errorf("%s: exchange_agreed to the responder = %d", tc.kind, n)
		}
		theirs := decode[exchangeView](t, w.env.call(t, "GET", "/api/v1/exchanges/"+x.ID, w.responder.Token, nil), http.StatusOK)
		if theirs.Role == tc.authorRole {
			t.Errorf("%s: responder's role = %s", tc.kind, theirs.Role)
		}
	}
	// The request is closed by its exchange; the offer stays open.
	if n := w.env.count(t, `SELECT count(*) FROM posts WHERE author_id = $1 AND status = 'closed'`, w.author.ID); n != 1 {
		t.Errorf("closed posts = %d, want 1 (the request)", n)
	}

	moment := w.env.clock.Now().Add(48 * time.Hour)
	post := w.env.newPost(t, w.author, "request", "once")
	w.env.exec(t, `UPDATE posts SET moment_at = $2 WHERE id = $1`, post, moment)
	x := w.accept(t, w.author, w.respond(t, w.responder, post).ID)
	if x.MomentAt == nil || !x.MomentAt.Equal(moment) || !x.CheckAt.Equal(moment.Add(2*time.Hour)) {
		t.Errorf("post moment: momentAt %v checkAt %s", x.MomentAt, x.CheckAt)
	}
	chosen := moment.Add(24 * time.Hour)
	c := w.respond(t, w.responder, w.env.newPost(t, w.author, "offer", "weekly"))
	x = decode[exchangeView](t, w.env.call(t, "POST", "/api/v1/exchanges", w.author.Token,
		map[string]any{"conversationId": c.ID, "momentAt": chosen.Format(time.RFC3339)}), http.StatusCreated)
	if x.MomentAt == nil || !x.MomentAt.Equal(chosen) || !x.CheckAt.Equal(chosen.Add(2*time.Hour)) {
		t.Errorf("chosen moment: momentAt %v checkAt %s", x.MomentAt, x.CheckAt)
	}
}

func TestExchangeAcceptRules(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	post := w.env.newPost(t, w.author, "request", "once")
	c := w.respond(t, w.responder, post)
	other := w.respond(t, w.third, post)
	accept := func(u *testUser, body map[string]any) *http.Response {
		return w.env.call(t, "POST", "/api/v1/exchanges", u.Token, body)
	}
	readProblem(t, accept(w.responder, map[string]any{"conversationId": c.ID}), http.StatusForbidden)
	readProblem(t, accept(w.broker, map[string]any{"conversationId": c.ID}), http.StatusNotFound)
	readProblem(t, accept(w.author, map[string]any{"conversationId": "not-an-id"}), http.StatusNotFound)
	if names := invalidNames(t, accept(w.author, map[string]any{})); !names["conversationId"] {
		t.Errorf("missing conversationId: %v", names)
	}
	past := w.env.clock.Now().Add(-time.Hour).Format(time.RFC3339)
	for _, m := range []string{past, "zaterdag"} {
		if names := invalidNames(t, accept(w.author, map[string]any{"conversationId": c.ID, "momentAt": m})); !names["momentAt"] {
			t.Errorf("momentAt %q: %v", m, names)
		}
	}

	x := w.accept(t, w.author, c.ID)
	readConflict(t, accept(w.author, map[string]any{"conversationId": c.ID}))     // same conversation again
	readConflict(t, accept(w.author, map[string]any{"conversationId": other.ID})) // single occasion: post closed
	seen := decode[conversationView](t, w.env.call(t, "GET", "/api/v1/conversations/"+c.ID, w.author.Token, nil), http.StatusOK)
	if seen.CanAccept || seen.Exchange == nil || seen.Exchange.ID != x.ID || seen.Exchange.Status != "agreed" ||
		seen.Post.Status != "closed" {
		t.Errorf("conversation after accepting = %+v", seen)
	}

	// A weekly request may be agreed with several helpers.
	weekly := w.env.newPost(t, w.author, "request", "weekly")
	w.accept(t, w.author, w.respond(t, w.responder, weekly).ID)
	w.accept(t, w.author, w.respond(t, w.third, weekly).ID)

	for name, setup := range map[string]string{
		"withdrawn": `UPDATE posts SET status = 'withdrawn' WHERE id = $1`,
		"expired":   `UPDATE posts SET expires_at = now() - interval '1 minute' WHERE id = $1`,
		"hidden":    `UPDATE posts SET hidden_at = now() WHERE id = $1`,
	} {
		p := w.env.newPost(t, w.author, "offer", "regularly")
		conv := w.respond(t, w.responder, p)
		w.env.exec(t, setup, p)
		if got := accept(w.author, map[string]any{"conversationId": conv.ID}).StatusCode; got != http.StatusConflict {
			t.Errorf("%s post: %d, want 409", name, got)
		}
	}
}

func TestExchangeConcurrentAccepts(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	post := w.env.newPost(t, w.author, "request", "once")
	const n = 8
	conversations := make([]string, n)
	for i := range conversations {
		conversations[i] = w.respond(t, w.newResident(t), post).ID
	}
	// Every accept reads the post as open, then waits to insert until all
	// of them wait: the partial unique index alone has to pick the winner.
	ctx := context.Background()
	lock, err := w.env.db.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback() //nolint:errcheck // after Commit a no-op
	if _, err := lock.ExecContext(ctx, `LOCK TABLE exchanges IN SHARE MODE`); err != nil {
		t.Fatal(err)
	}
	statuses := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, id := range conversations {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := jsonRequest(t, "POST", "/api/v1/exchanges", w.author.Token, map[string]any{"conversationId": id})
			<-start
			resp, err := w.env.app.Test(req, -1)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
	}
	close(start)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		waiting := w.env.count(t, `SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
			WHERE c.relname = 'exchanges' AND NOT l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`)
		if waiting == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d accepts wait to insert", waiting, n)
		}
	}
	if err := lock.Commit(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	created := 0
	for _, s := range statuses {
		switch s {
		case http.StatusCreated:
			created++
		case http.StatusConflict:
		default:
			t.Errorf("status %d, want 201 or 409", s)
		}
	}
	if created != 1 {
		t.Errorf("created %d exchanges (%v), want exactly 1", created, statuses)
	}
	if got := w.env.count(t, `SELECT count(*) FROM exchanges WHERE post_id = $1`, post); got != 1 {
		t.Errorf("exchanges in the database = %d", got)
	}
}

// TestExchangeStateMachine tries every step from every status.
func TestExchangeStateMachine(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	// in makes a fresh exchange (request: helper = responder) in status.
	in := func(status string) exchangeView {
		if status == "completed" {
			return w.complete(t, w.author, w.responder, nil)
		}
		x := w.agreed(t, w.author, w.responder, "request", "once")
		switch status {
		case "not_happened":
			decode[exchangeView](t, w.answer(t, w.author, x.ID, map[string]any{"happened": false}), http.StatusOK)
		case "cancelled":
			decode[exchangeView](t, w.env.call(t, "POST", "/api/v1/exchanges/"+x.ID+"/cancellation", w.author.Token, nil), http.StatusOK)
		}
		return x
	}
	steps := map[string]func(id string) *http.Response{
		"cancel": func(id string) *http.Response {
			return w.env.call(t, "POST", "/api/v1/exchanges/"+id+"/cancellation", w.responder.Token, map[string]any{"reason": "ziek"})
		},
		"say it happened": func(id string) *http.Response {
			return w.answer(t, w.responder, id, map[string]any{"happened": true, "hours": 2})
		},
		"say it did not happen": func(id string) *http.Response {
			return w.answer(t, w.responder, id, map[string]any{"happened": false})
		},
		"thank": func(id string) *http.Response {
			return w.env.call(t, "POST", "/api/v1/exchanges/"+id+"/thanks", w.author.Token, map[string]any{"message": "Dank je!"})
		},
	}
	for _, tc := range []struct {
		from, step string
		want       int
		to         string // status after a 200
	}{
		{"agreed", "cancel", 200, "cancelled"},
		{"agreed", "say it happened", 200, "agreed"},
		{"agreed", "say it did not happen", 200, "not_happened"},
		{"agreed", "thank", 409, ""},
		{"completed", "cancel", 409, ""},
		{"completed", "say it happened", 409, ""},
		{"completed", "say it did not happen", 409, ""},
		{"completed", "thank", 200, "completed"},
		{"cancelled", "cancel", 409, ""},
		{"cancelled", "say it happened", 409, ""},
		{"cancelled", "say it did not happen", 409, ""},
		{"cancelled", "thank", 409, ""},
		{"not_happened", "cancel", 409, ""},
		{"not_happened", "say it happened", 409, ""},
		{"not_happened", "say it did not happen", 409, ""},
		{"not_happened", "thank", 409, ""},
	} {
		x := in(tc.from)
		resp := steps[tc.step](x.ID)
		if tc.want == 200 {
			if got := decode[exchangeView](t, resp, http.StatusOK); got.Status != tc.to {
				t.Errorf("%s, %s: status %s, want %s", tc.from, tc.step, got.Status, tc.to)
			}
			continue
		}
		p := readConflict(t, resp)
		// Steps of the workflow list what is allowed now: nothing, from a
		// final status.
		if tc.step != "thank" && (p.AllowedTransitions == nil || !reflect.DeepEqual(*p.AllowedTransitions, []string{})) {
			t.Errorf("%s, %s: allowedTransitions %v, want []", tc.from, tc.step, p.AllowedTransitions)
		}
	}
}

func TestExchangeCompletion(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	x := w.agreed(t, w.author, w.responder, "request", "once") // responder helps
	if names := invalidNames(t, w.answer(t, w.responder, x.ID, map[string]any{"hours": 2})); !names["happened"] {
		t.Errorf("missing happened: %v", names)
	}
	for _, h := range []float64{0, 0.4, 24.5} {
		if names := invalidNames(t, w.answer(t, w.responder, x.ID, map[string]any{"happened": true, "hours": h})); !names["hours"] {
			t.Errorf("hours %v: %v", h, names)
		}
	}
	if names := invalidNames(t, w.answer(t, w.author, x.ID, map[string]any{"happened": true, "hours": 1})); !names["hours"] {
		t.Errorf("hours from the receiver: %v", names)
	}

	got := decode[exchangeView](t, w.answer(t, w.author, x.ID, map[string]any{"happened": true}), http.StatusOK)
	if got.Status != "agreed" || got.MyAnswer == nil || !*got.MyAnswer || got.OtherAnswered {
		t.Errorf("after the receiver's yes: %+v", got)
	}
	readConflict(t, w.answer(t, w.author, x.ID, map[string]any{"happened": true}))
	if n := w.env.count(t, `SELECT count(*) FROM reciprocity_entries WHERE exchange_id = $1`, x.ID); n != 0 {
		t.Fatalf("ledger entries before both answered = %d", n)
	}
	got = decode[exchangeView](t, w.answer(t, w.responder, x.ID, map[string]any{"happened": true, "hours": 1.5}), http.StatusOK)
	if got.Status != "completed" || got.Hours == nil || *got.Hours != 1.5 || !got.OtherAnswered {
		t.Errorf("after both said yes: %+v", got)
	}
	var entry struct {
		Giver, Receiver, Category string
		Hours                     float64
	}
	if err := w.env.db.Get(&entry, `SELECT giver_id AS giver, receiver_id AS receiver, category_code AS category, hours
		FROM reciprocity_entries WHERE exchange_id = $1`, x.ID); err != nil {
		t.Fatal(err)
	}
	if entry.Giver != w.responder.ID || entry.Receiver != w.author.ID || entry.Category != "klussen" || entry.Hours != 1.5 {
		t.Errorf("ledger entry = %+v", entry)
	}
	readConflict(t, w.answer(t, w.responder, x.ID, map[string]any{"happened": true}))
	if n := w.env.count(t, `SELECT count(*) FROM reciprocity_entries WHERE exchange_id = $1`, x.ID); n != 1 {
		t.Errorf("ledger entries = %d, want exactly 1", n)
	}

	// One no is enough, whoever says it first; the request opens again.
	y := w.agreed(t, w.author, w.responder, "request", "once")
	decode[exchangeView](t, w.answer(t, w.responder, y.ID, map[string]any{"happened": true, "hours": 3}), http.StatusOK)
	got = decode[exchangeView](t, w.answer(t, w.author, y.ID, map[string]any{"happened": false}), http.StatusOK)
	if got.Status != "not_happened" || got.Post.Status != "open" {
		t.Errorf("after a no: %+v", got)
	}
	if n := w.env.count(t, `SELECT count(*) FROM reciprocity_entries WHERE exchange_id = $1`, y.ID); n != 0 {
		t.Errorf("ledger entries of an exchange that did not happen = %d", n)
	}
}

func TestExchangeThanks(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	x := w.complete(t, w.author, w.responder, 2) // author receives
	thank := func(u *testUser, body map[string]any) *http.Response {
		return w.env.call(t, "POST", "/api/v1/exchanges/"+x.ID+"/thanks", u.Token, body)
	}
	readProblem(t, thank(w.responder, map[string]any{"message": "Graag gedaan"}), http.StatusForbidden)
	readProblem(t, thank(w.third, map[string]any{"message": "Hoi"}), http.StatusNotFound)
	if names := invalidNames(t, thank(w.author, map[string]any{"message": ""})); !names["message"] {
		t.Errorf("empty thanks: %v", names)
	}
	got := decode[exchangeView](t, thank(w.author, map[string]any{"message": "Heel erg bedankt!"}), http.StatusOK)
	if got.Thanks == nil || *got.Thanks != "Heel erg bedankt!" || got.ThankedAt == nil {
		t.Errorf("thanked: %+v", got)
	}
	readConflict(t, thank(w.author, map[string]any{"message": "Nog eens bedankt"}))
	helperView := decode[exchangeView](t, w.env.call(t, "GET", "/api/v1/exchanges/"+x.ID, w.responder.Token, nil), http.StatusOK)
	if helperView.Thanks == nil || *helperView.Thanks != "Heel erg bedankt!" {
		t.Errorf("the helper does not see the thanks: %+v", helperView)
	}
}

func TestExchangeCancellationReopensPost(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	post := w.env.newPost(t, w.author, "request", "once")
	c := w.respond(t, w.responder, post)
	x := w.accept(t, w.author, c.ID)
	cancel := func(u *testUser, id string, body any) *http.Response {
		return w.env.call(t, "POST", "/api/v1/exchanges/"+id+"/cancellation", u.Token, body)
	}
	if names := invalidNames(t, cancel(w.responder, x.ID, map[string]any{"reason": strings.Repeat("a", 501)})); !names["reason"] {
		t.Errorf("long reason: %v", names)
	}
	got := decode[exchangeView](t, cancel(w.responder, x.ID, map[string]any{"reason": "Ik ben ziek"}), http.StatusOK)
	if got.Status != "cancelled" || got.CancelReason == nil || *got.CancelReason != "Ik ben ziek" || got.Post.Status != "open" {
		t.Errorf("cancelled: %+v", got)
	}
	// Open again: the two may agree anew in the same conversation.
	again := decode[conversationView](t, w.env.call(t, "GET", "/api/v1/conversations/"+c.ID, w.author.Token, nil), http.StatusOK)
	if !again.CanAccept || again.Exchange == nil || again.Exchange.Status != "cancelled" {
		t.Errorf("conversation after cancelling: %+v", again)
	}
	y := w.accept(t, w.author, c.ID)
	if y.ID == x.ID {
		t.Error("the same exchange came back")
	}

	// A request whose time is up expires instead of reopening.
	w.env.exec(t, `UPDATE posts SET expires_at = now() - interval '1 minute' WHERE id = $1`, post)
	got = decode[exchangeView](t, cancel(w.author, y.ID, nil), http.StatusOK)
	if got.Status != "cancelled" || got.Post.Status != "expired" {
		t.Errorf("cancelled after expiry: %+v", got)
	}
	readConflict(t, cancel(w.author, y.ID, nil))
}

// TestExchangeAccessMatrix: a third resident, a broker and an admin get a
// 404 for every endpoint of another person's conversation or exchange,
// exactly like an id that does not exist.
func TestExchangeAccessMatrix(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	post := w.env.newPost(t, w.author, "request", "once")
	c := w.respond(t, w.responder, post)
	x := w.accept(t, w.author, c.ID)
	endpoints := []struct {
		method, path string
		body         any
	}{
		{"GET", "/api/v1/conversations/" + c.ID, nil},
		{"GET", "/api/v1/conversations/" + c.ID + "/messages", nil},
		{"POST", "/api/v1/conversations/" + c.ID + "/messages", map[string]any{"body": "Hallo"}},
		{"POST", "/api/v1/conversations/" + c.ID + "/read", nil},
		{"POST", "/api/v1/exchanges", map[string]any{"conversationId": c.ID}},
		{"GET", "/api/v1/exchanges/" + x.ID, nil},
		{"POST", "/api/v1/exchanges/" + x.ID + "/completion", map[string]any{"happened": true}},
		{"POST", "/api/v1/exchanges/" + x.ID + "/cancellation", nil},
		{"POST", "/api/v1/exchanges/" + x.ID + "/thanks", map[string]any{"message": "Dank"}},
	}
	for _, u := range []struct {
		name string
		user *testUser
	}{{"third resident", w.third}, {"broker", w.broker}, {"admin", w.admin}} {
		for _, e := range endpoints {
			if got := w.env.call(t, e.method, e.path, u.user.Token, e.body).StatusCode; got != http.StatusNotFound {
				t.Errorf("%s: %s %s = %d, want 404", u.name, e.method, e.path, got)
			}
		}
		convs := decode[pageOf[conversationView]](t, w.env.call(t, "GET", "/api/v1/conversations", u.user.Token, nil), http.StatusOK)
		exs := decode[pageOf[exchangeView]](t, w.env.call(t, "GET", "/api/v1/exchanges", u.user.Token, nil), http.StatusOK)
		if len(convs.Items) != 0 || len(exs.Items) != 0 {
			t.Errorf("%s lists %d conversations, %d exchanges", u.name, len(convs.Items), len(exs.Items))
		}
	}
	for _, e := range endpoints {
		readProblem(t, w.env.call(t, e.method, e.path, "", e.body), http.StatusUnauthorized)
	}
	// Nothing changed on the way.
	got := decode[exchangeView](t, w.env.call(t, "GET", "/api/v1/exchanges/"+x.ID, w.responder.Token, nil), http.StatusOK)
	if got.Status != "agreed" || got.OtherAnswered || got.Thanks != nil {
		t.Errorf("exchange after the matrix: %+v", got)
	}
	if n := w.env.count(t, `SELECT count(*) FROM messages WHERE conversation_id = $1`, c.ID); n != 1 {
		t.Errorf("messages = %d", n)
	}
}

func TestExchangeList(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	first := w.agreed(t, w.author, w.responder, "request", "once")
	w.env.clock.Advance(time.Second)
	second := w.agreed(t, w.responder, w.author, "offer", "weekly")
	w.env.clock.Advance(time.Second)
	third := w.agreed(t, w.author, w.third, "request", "once")
	decode[exchangeView](t, w.env.call(t, "POST", "/api/v1/exchanges/"+first.ID+"/cancellation", w.author.Token, nil), http.StatusOK)

	all := decode[pageOf[exchangeView]](t, w.env.call(t, "GET", "/api/v1/exchanges?limit=2", w.author.Token, nil), http.StatusOK)
	if len(all.Items) != 2 || all.Items[0].ID != third.ID || all.Items[1].ID != second.ID || all.NextCursor == nil {
		t.Fatalf("first page = %+v", all)
	}
	rest := decode[pageOf[exchangeView]](t, w.env.call(t, "GET", "/api/v1/exchanges?limit=2&cursor="+*all.NextCursor,
		w.author.Token, nil), http.StatusOK)
	if len(rest.Items) != 1 || rest.Items[0].ID != first.ID || rest.NextCursor != nil {
		t.Errorf("second page = %+v", rest)
	}
	cancelled := decode[pageOf[exchangeView]](t, w.env.call(t, "GET", "/api/v1/exchanges?status=cancelled", w.author.Token, nil), http.StatusOK)
	if len(cancelled.Items) != 1 || cancelled.Items[0].ID != first.ID {
		t.Errorf("cancelled = %+v", cancelled.Items)
	}
	if names := invalidNames(t, w.env.call(t, "GET", "/api/v1/exchanges?status=done", w.author.Token, nil)); !names["status"] {
		t.Errorf("bad status: %v", names)
	}
	if second.Role != "helper" {
		t.Errorf("the author of the offer's responder helps? role %s", second.Role)
	}
}
