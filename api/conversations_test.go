package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestResponseOpensConversation(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	post := w.env.newPost(t, w.author, "offer", "weekly")

	resp := w.env.call(t, "POST", "/api/v1/posts/"+post+"/responses", w.responder.Token,
		map[string]any{"message": "  Mag ik je iets vragen?  "})
	c := decode[conversationView](t, resp, http.StatusCreated)
	if got := resp.Header.Get("Location"); got != "/api/v1/conversations/"+c.ID {
		t.Errorf("Location = %q", got)
	}
	if c.Role != "responder" || c.Post.ID != post || c.Post.Kind != "offer" || c.Post.Category != "klussen" ||
		c.Other.ID != w.author.ID || c.Other.Neighbourhood == nil || c.Other.Neighbourhood.ID != buCentrum ||
		c.LastMessage == nil || c.LastMessage.Body != "Mag ik je iets vragen?" || !c.LastMessage.Mine ||
		c.UnreadCount != 0 || c.Exchange != nil || c.CanAccept {
		t.Errorf("responder's conversation = %+v", c)
	}
	if n := w.env.notifications(t, w.author.ID, "response_new", post); n != 1 {
		t.Errorf("response_new to the author = %d, want 1", n)
	}
	mine := decode[conversationView](t, w.env.call(t, "GET", "/api/v1/conversations/"+c.ID, w.author.Token, nil), http.StatusOK)
	if mine.Role != "author" || mine.Other.ID != w.responder.ID || mine.UnreadCount != 1 || !mine.CanAccept ||
		mine.LastMessage.Mine {
		t.Errorf("author's conversation = %+v", mine)
	}
}

func TestResponseRules(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	path := func(post string) string { return "/api/v1/posts/" + post + "/responses" }
	msg := map[string]any{"message": "Ik help graag"}

	own := w.env.newPost(t, w.author, "request", "once")
	readConflict(t, w.env.call(t, "POST", path(own), w.author.Token, msg))

	first := w.respond(t, w.responder, own)
	p := readConflict(t, w.env.call(t, "POST", path(own), w.responder.Token, msg))
	if p.ConversationID != first.ID {
		t.Errorf("conversationId = %q, want %q", p.ConversationID, first.ID)
	}

	for _, tc := range []struct{ name, setup string }{
		{"closed", `UPDATE posts SET status = 'closed' WHERE id = $1`},
		{"expired status", `UPDATE posts SET status = 'expired' WHERE id = $1`},
		{"past expiry", `UPDATE posts SET expires_at = now() - interval '1 minute' WHERE id = $1`},
	} {
		post := w.env.newPost(t, w.author, "request", "once")
		w.env.exec(t, tc.setup, post)
		if got := w.env.call(t, "POST", path(post), w.responder.Token, msg).StatusCode; got != http.StatusConflict {
			t.Errorf("%s: status %d, want 409", tc.name, got)
		}
	}

	for _, tc := range []struct {
		name, kind, setup string
		want              int
	}{
		{"hidden", "request", `UPDATE posts SET hidden_at = now() WHERE id = $1`, 404},
		{"withdrawn", "request", `UPDATE posts SET status = 'withdrawn' WHERE id = $1`, 404},
		{"offer of a paused author", "offer", `UPDATE users SET paused_at = now() FROM posts p WHERE p.id = $1 AND users.id = p.author_id`, 409},
		{"offer of a pause that ended", "offer", `UPDATE users SET paused_at = now() - interval '9 days', paused_until = now() - interval '1 day'
			FROM posts p WHERE p.id = $1 AND users.id = p.author_id`, 201},
		{"request of a paused author", "request", `UPDATE users SET paused_at = now() FROM posts p WHERE p.id = $1 AND users.id = p.author_id`, 201},
		{"author blocked responder", "request", `INSERT INTO blocks (blocker_id, blocked_id) SELECT author_id, '` + w.responder.ID + `' FROM posts WHERE id = $1`, 404},
		{"responder blocked author", "request", `INSERT INTO blocks (blocker_id, blocked_id) SELECT '` + w.responder.ID + `', author_id FROM posts WHERE id = $1`, 404},
		{"deleted author", "request", `UPDATE users SET deleted_at = now() FROM posts p WHERE p.id = $1 AND users.id = p.author_id`, 404},
	} {
		post := w.env.newPost(t, w.newResident(t), tc.kind, "once")
		w.env.exec(t, tc.setup, post)
		if got := w.env.call(t, "POST", path(post), w.responder.Token, msg).StatusCode; got != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, got, tc.want)
		}
	}
	for _, id := range []string{"00000000-0000-4000-8000-000000000000", "not-an-id"} {
		readProblem(t, w.env.call(t, "POST", path(id), w.responder.Token, msg), http.StatusNotFound)
	}

	open := w.env.newPost(t, w.author, "request", "once")
	for _, body := range []map[string]any{{"message": "   "}, {"message": strings.Repeat("a", 2001)}, {"message": "a\x00b"}, {}} {
		if names := invalidNames(t, w.env.call(t, "POST", path(open), w.third.Token, body)); !names["message"] {
			t.Errorf("body %v: invalidParams %v, want message", body, names)
		}
	}
	readProblem(t, w.env.call(t, "POST", path(open), "", msg), http.StatusUnauthorized)
}

func TestResponsesList(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	post := w.env.newPost(t, w.author, "request", "weekly")
	mine := w.respond(t, w.responder, post)
	other := w.newResident(t)
	w.env.clock.Advance(time.Second)
	theirs := w.respond(t, other, post)
	path := "/api/v1/posts/" + post + "/responses"

	all := decode[pageOf[conversationView]](t, w.env.call(t, "GET", path, w.author.Token, nil), http.StatusOK)
	if len(all.Items) != 2 || all.Items[0].ID != theirs.ID || all.Items[1].ID != mine.ID {
		t.Errorf("author sees %+v, want both, newest first", all.Items)
	}
	first := decode[pageOf[conversationView]](t, w.env.call(t, "GET", path+"?limit=1", w.author.Token, nil), http.StatusOK)
	if len(first.Items) != 1 || first.NextCursor == nil {
		t.Fatalf("first page %+v", first)
	}
	second := decode[pageOf[conversationView]](t, w.env.call(t, "GET", path+"?limit=1&cursor="+*first.NextCursor,
		w.author.Token, nil), http.StatusOK)
	if len(second.Items) != 1 || second.Items[0].ID != mine.ID || second.NextCursor != nil {
		t.Errorf("second page %+v", second)
	}
	own := decode[pageOf[conversationView]](t, w.env.call(t, "GET", path, w.responder.Token, nil), http.StatusOK)
	if len(own.Items) != 1 || own.Items[0].ID != mine.ID {
		t.Errorf("responder sees %+v, want only their own", own.Items)
	}
	for _, u := range []*testUser{w.third, w.broker, w.admin} {
		if p := decode[pageOf[conversationView]](t, w.env.call(t, "GET", path, u.Token, nil), http.StatusOK); len(p.Items) != 0 {
			t.Errorf("a bystander sees %+v", p.Items)
		}
	}
	w.env.exec(t, `UPDATE posts SET hidden_at = now() WHERE id = $1`, post)
	readProblem(t, w.env.call(t, "GET", path, w.third.Token, nil), http.StatusNotFound)
	if p := decode[pageOf[conversationView]](t, w.env.call(t, "GET", path, w.responder.Token, nil), http.StatusOK); len(p.Items) != 1 {
		t.Errorf("a responder still sees their own response on a hidden post: %+v", p.Items)
	}
	readProblem(t, w.env.call(t, "GET", "/api/v1/posts/not-an-id/responses", w.third.Token, nil), http.StatusNotFound)
}

func TestConversationMessagesAndUnread(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	c := w.respond(t, w.responder, w.env.newPost(t, w.author, "request", "once"))
	unread := func(u *testUser) int {
		return decode[struct{ Conversations int }](t, w.env.call(t, "GET", "/api/v1/me/unread", u.Token, nil), http.StatusOK).Conversations
	}
	if unread(w.author) != 1 || unread(w.responder) != 0 {
		t.Fatalf("unread after the response: author %d, responder %d", unread(w.author), unread(w.responder))
	}
	msgs := "/api/v1/conversations/" + c.ID + "/messages"
	for i, body := range []string{"Wanneer schikt het?", "Zaterdag?", "Prima!"} {
		w.env.clock.Advance(time.Second)
		m := decode[messageView](t, w.env.call(t, "POST", msgs, w.responder.Token, map[string]any{"body": body}), http.StatusCreated)
		if m.Body != body || !m.Mine || m.ConversationID != c.ID || m.Sender.ID != w.responder.ID {
			t.Errorf("message %d = %+v", i, m)
		}
	}
	if n := w.env.notifications(t, w.author.ID, "message_new", c.ID); n != 3 {
		t.Errorf("message_new to the author = %d, want 3", n)
	}
	if unread(w.author) != 4 {
		t.Errorf("author's unread = %d, want 4", unread(w.author))
	}
	list := decode[pageOf[conversationView]](t, w.env.call(t, "GET", "/api/v1/conversations", w.author.Token, nil), http.StatusOK)
	if len(list.Items) != 1 || list.Items[0].UnreadCount != 4 || list.Items[0].LastMessage.Body != "Prima!" {
		t.Errorf("author's list = %+v", list.Items)
	}

	page1 := decode[pageOf[messageView]](t, w.env.call(t, "GET", msgs+"?limit=2", w.author.Token, nil), http.StatusOK)
	if len(page1.Items) != 2 || page1.Items[0].Body != "Prima!" || page1.Items[0].Mine || page1.NextCursor == nil {
		t.Fatalf("first page = %+v", page1)
	}
	page2 := decode[pageOf[messageView]](t, w.env.call(t, "GET", msgs+"?limit=2&cursor="+*page1.NextCursor, w.author.Token, nil), http.StatusOK)
	if len(page2.Items) != 2 || page2.Items[0].Body != "Wanneer schikt het?" || page2.Items[1].Body != "Ik kan je helpen!" ||
		page2.NextCursor != nil {
		t.Errorf("second page = %+v", page2)
	}

	w.env.clock.Advance(time.Second)
	if got := w.env.call(t, "POST", "/api/v1/conversations/"+c.ID+"/read", w.author.Token, nil).StatusCode; got != http.StatusNoContent {
		t.Fatalf("read: %d", got)
	}
	if unread(w.author) != 0 {
		t.Errorf("unread after reading = %d", unread(w.author))
	}
	w.env.clock.Advance(time.Second)
	decode[messageView](t, w.env.call(t, "POST", msgs, w.author.Token, map[string]any{"body": "Tot zaterdag"}), http.StatusCreated)
	if unread(w.responder) != 1 || unread(w.author) != 0 {
		t.Errorf("after the author's reply: responder %d, author %d", unread(w.responder), unread(w.author))
	}
	if names := invalidNames(t, w.env.call(t, "POST", msgs, w.author.Token, map[string]any{"body": ""})); !names["body"] {
		t.Errorf("empty body: %v", names)
	}
	invalidNames(t, w.env.call(t, "GET", msgs+"?cursor=nonsense", w.author.Token, nil))
}

func TestConversationBlocking(t *testing.T) {
	t.Parallel()
	for _, direction := range []string{"author blocks", "responder blocks"} {
		t.Run(direction, func(t *testing.T) {
			t.Parallel()
			w := newExchangeWorld(t)
			c := w.respond(t, w.responder, w.env.newPost(t, w.author, "request", "once"))
			blocker, blocked := w.author, w.responder
			if direction == "responder blocks" {
				blocker, blocked = w.responder, w.author
			}
			w.env.exec(t, `INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)`, blocker.ID, blocked.ID)
			for _, u := range []*testUser{w.author, w.responder} {
				for _, r := range []struct {
					method, path string
					body         any
				}{
					{"GET", "/api/v1/conversations/" + c.ID, nil},
					{"GET", "/api/v1/conversations/" + c.ID + "/messages", nil},
					{"POST", "/api/v1/conversations/" + c.ID + "/messages", map[string]any{"body": "Hallo?"}},
					{"POST", "/api/v1/conversations/" + c.ID + "/read", nil},
					{"POST", "/api/v1/exchanges", map[string]any{"conversationId": c.ID}},
				} {
					if got := w.env.call(t, r.method, r.path, u.Token, r.body).StatusCode; got != http.StatusNotFound {
						t.Errorf("%s %s as a participant: %d, want 404", r.method, r.path, got)
					}
				}
				list := decode[pageOf[conversationView]](t, w.env.call(t, "GET", "/api/v1/conversations", u.Token, nil), http.StatusOK)
				if len(list.Items) != 0 {
					t.Errorf("list still shows %+v", list.Items)
				}
				if n := decode[struct{ Conversations int }](t, w.env.call(t, "GET", "/api/v1/me/unread", u.Token, nil), http.StatusOK); n.Conversations != 0 {
					t.Errorf("unread counts a hidden conversation: %d", n.Conversations)
				}
			}
			if n := w.env.count(t, `SELECT count(*) FROM messages WHERE conversation_id = $1`, c.ID); n != 1 {
				t.Errorf("messages = %d, want only the response", n)
			}
			w.env.exec(t, `DELETE FROM blocks`)
			decode[conversationView](t, w.env.call(t, "GET", "/api/v1/conversations/"+c.ID, w.author.Token, nil), http.StatusOK)
		})
	}
}
