package api_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/accounts"
)

// proposalView is one item of GET /posts/{id}/invitations.
type proposalView struct {
	ID, ConversationID string
	Broker, Helper     struct{ ID, DisplayName string }
	Outcome            string
	CreatedAt          time.Time
	DecidedAt          *time.Time
}

// invite asks helper privately, as u, to help with post.
func (w *exchangeWorld) invite(t *testing.T, u *testUser, postID string, helper *testUser) *http.Response {
	t.Helper()
	return w.env.call(t, "POST", "/api/v1/posts/"+postID+"/invitations", u.Token,
		map[string]any{"userId": helper.ID, "message": "Wil jij mijn buur helpen met een klus?"})
}

// proposals reads the proposals of post as u.
func (w *exchangeWorld) proposals(t *testing.T, u *testUser, postID string) map[string]proposalView {
	t.Helper()
	items := decode[pageOf[proposalView]](t, w.env.call(t, "GET", "/api/v1/posts/"+postID+"/invitations", u.Token, nil),
		http.StatusOK).Items
	out := make(map[string]proposalView, len(items))
	for _, p := range items {
		out[p.Helper.ID] = p
	}
	return out
}

func TestInvitationRoleMatrix(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	otherBroker := w.env.newUser(t, postcodeEsch, accounts.Broker)
	w.env.exec(t, `INSERT INTO broker_areas (user_id, area_code) VALUES ($1, $2)`, otherBroker.ID, buEsch)
	brokerWithout2FA := w.env.newUserWithout2FA(t, accounts.Broker)
	w.env.exec(t, `INSERT INTO broker_areas (user_id, area_code) VALUES ($1, $2)`, brokerWithout2FA.ID, buCentrum)
	request := w.env.newPost(t, w.author, "request", "once")
	offer := w.env.newPost(t, w.author, "offer", "once")
	anonymous := &testUser{}
	cases := []struct {
		name         string
		who          *testUser
		post         string
		invite, list int
	}{
		{"author", w.author, request, http.StatusCreated, http.StatusOK},
		{"broker of the area", w.broker, request, http.StatusCreated, http.StatusOK},
		{"broker of another area", &otherBroker, request, http.StatusNotFound, http.StatusNotFound},
		{"broker without a second factor", &brokerWithout2FA, request, http.StatusNotFound, http.StatusNotFound},
		{"other resident", w.third, request, http.StatusNotFound, http.StatusNotFound},
		{"invitee", w.responder, request, http.StatusNotFound, http.StatusNotFound},
		{"admin", w.admin, request, http.StatusNotFound, http.StatusNotFound},
		{"author of an offer", w.author, offer, http.StatusNotFound, http.StatusNotFound},
		{"unknown id", w.author, "00000000-0000-0000-0000-000000000000", http.StatusNotFound, http.StatusNotFound},
		{"not an id", w.author, "nope", http.StatusNotFound, http.StatusNotFound},
		{"anonymous", anonymous, request, http.StatusUnauthorized, http.StatusUnauthorized},
	}
	for _, c := range cases {
		helper := w.env.newUser(t, postcodeHavenkwartier, accounts.Resident) // a fresh invitee: no 409
		if resp := w.invite(t, c.who, c.post, &helper); resp.StatusCode != c.invite {
			t.Errorf("%s: invite status %d, want %d", c.name, resp.StatusCode, c.invite)
		} else if c.invite >= 400 {
			readProblem(t, resp, c.invite)
		}
		resp := w.env.call(t, "GET", "/api/v1/posts/"+c.post+"/invitations", c.who.Token, nil)
		if resp.StatusCode != c.list {
			t.Errorf("%s: list status %d, want %d", c.name, resp.StatusCode, c.list)
		}
	}
	// Only the broker's invitation is a proposal; the author's is not.
	if got := w.proposals(t, w.author, request); len(got) != 1 {
		t.Errorf("proposals = %d, want 1 (the broker's)", len(got))
	}
}

func TestInvitationInvalidInvitee(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	person := func(set string) *testUser {
		u := w.newResident(t)
		if set != "" {
			w.env.exec(t, `UPDATE users SET `+set+` WHERE id = $1`, u.ID)
		}
		return u
	}
	blockedByAuthor, blocksAuthor := person(""), person("")
	w.env.exec(t, `INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2), ($3, $1)`,
		w.author.ID, blockedByAuthor.ID, blocksAuthor.ID)
	request := w.env.newPost(t, w.author, "request", "once")
	cases := []struct {
		name  string
		body  map[string]any
		wants []string
	}{
		{"the author", map[string]any{"userId": w.author.ID, "message": "Hoi"}, []string{"userId"}},
		{"blocked by the author", map[string]any{"userId": blockedByAuthor.ID, "message": "Hoi"}, []string{"userId"}},
		{"blocks the author", map[string]any{"userId": blocksAuthor.ID, "message": "Hoi"}, []string{"userId"}},
		{"paused", map[string]any{"userId": person("paused_at = now()").ID, "message": "Hoi"}, []string{"userId"}},
		{"deleted", map[string]any{"userId": person("deleted_at = now()").ID, "message": "Hoi"}, []string{"userId"}},
		{"disabled", map[string]any{"userId": person("disabled_at = now()").ID, "message": "Hoi"}, []string{"userId"}},
		{"unknown", map[string]any{"userId": "00000000-0000-0000-0000-000000000000", "message": "Hoi"}, []string{"userId"}},
		{"every bad field", map[string]any{"userId": "nope", "message": "  "}, []string{"message", "userId"}},
	}
	for _, c := range cases {
		p := readProblem(t, w.env.call(t, "POST", "/api/v1/posts/"+request+"/invitations", w.author.Token, c.body),
			http.StatusBadRequest)
		var names []string
		for _, f := range p.InvalidParams {
			names = append(names, f.Name)
		}
		if len(names) != len(c.wants) || names[0] != c.wants[0] || names[len(names)-1] != c.wants[len(c.wants)-1] {
			t.Errorf("%s: invalidParams %v, want %v", c.name, names, c.wants)
		}
	}
	if n := w.env.count(t, `SELECT count(*) FROM conversations WHERE post_id = $1`, request); n != 0 {
		t.Errorf("conversations = %d, want none", n)
	}
}

func TestInvitationConflicts(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	request := w.env.newPost(t, w.author, "request", "once")
	first := decode[conversationView](t, w.invite(t, w.author, request, w.responder), http.StatusCreated)
	if p := readConflict(t, w.invite(t, w.broker, request, w.responder)); p.ConversationID != first.ID {
		t.Errorf("second invitation: conversationId %q, want %q", p.ConversationID, first.ID)
	}
	if p := readConflict(t, w.env.call(t, "POST", "/api/v1/posts/"+request+"/responses", w.responder.Token,
		map[string]any{"message": "Ik help graag"})); p.ConversationID != first.ID {
		t.Errorf("response after invitation: conversationId %q, want %q", p.ConversationID, first.ID)
	}
	responded := w.newResident(t)
	conv := w.respond(t, responded, request)
	if p := readConflict(t, w.invite(t, w.author, request, responded)); p.ConversationID != conv.ID {
		t.Errorf("invitation after response: conversationId %q, want %q", p.ConversationID, conv.ID)
	}
	for name, set := range map[string]string{
		"closed":  "status = 'closed'",
		"expired": "expires_at = now() - interval '1 day'",
		"hidden":  "hidden_at = now()",
	} {
		post := w.env.newPost(t, w.author, "request", "once")
		w.env.exec(t, `UPDATE posts SET `+set+` WHERE id = $1`, post)
		readProblem(t, w.invite(t, w.author, post, w.third), http.StatusConflict)
		want := http.StatusConflict
		if name == "hidden" {
			want = http.StatusNotFound // a broker sees only what others may see
		}
		readProblem(t, w.invite(t, w.broker, post, w.third), want)
	}
}

func TestInvitationOpensConversation(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	request := w.env.newPost(t, w.author, "request", "once")
	resp := w.invite(t, w.author, request, w.responder)
	if loc := resp.Header.Get("Location"); loc == "" {
		t.Error("no Location header")
	}
	conv := decode[conversationView](t, resp, http.StatusCreated)
	if conv.Role != "author" || conv.Other.ID != w.responder.ID || conv.UnreadCount != 0 || !conv.CanAccept {
		t.Errorf("author's view = %+v", conv)
	}
	if n := w.env.notifications(t, w.responder.ID, "invitation_new", conv.ID); n != 1 {
		t.Errorf("invitation_new for the invitee = %d, want 1", n)
	}
	mine := decode[pageOf[conversationView]](t, w.env.call(t, "GET", "/api/v1/conversations", w.responder.Token, nil),
		http.StatusOK).Items
	if len(mine) != 1 || mine[0].ID != conv.ID || mine[0].Role != "responder" || mine[0].UnreadCount != 1 ||
		mine[0].LastMessage == nil || mine[0].LastMessage.Body != "Wil jij mijn buur helpen met een klus?" {
		t.Fatalf("invitee's conversations = %+v", mine)
	}
	if x := w.accept(t, w.author, conv.ID); x.Helper.ID != w.responder.ID || x.Receiver.ID != w.author.ID {
		t.Errorf("exchange helper %s receiver %s", x.Helper.ID, x.Receiver.ID)
	}
}

func TestMatchProposalOutcomes(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	request := w.env.newPost(t, w.author, "request", "once")
	agrees, declines, waits := w.newResident(t), w.newResident(t), w.newResident(t)
	convs := map[string]string{}
	for _, h := range []*testUser{agrees, declines, waits} {
		conv := decode[conversationView](t, w.invite(t, w.broker, request, h), http.StatusCreated)
		convs[h.ID] = conv.ID
		if conv.Role != "author" || conv.Other.ID != h.ID || conv.UnreadCount != 1 {
			t.Errorf("proposal for %s: the requester's view = %+v", h.ID, conv)
		}
		if w.env.notifications(t, h.ID, "invitation_new", conv.ID) != 1 ||
			w.env.notifications(t, w.author.ID, "message_new", conv.ID) != 1 {
			t.Errorf("proposal for %s: the helper and the requester are not both notified", h.ID)
		}
	}
	msgs := decode[pageOf[messageView]](t, w.env.call(t, "GET", "/api/v1/conversations/"+convs[waits.ID]+"/messages",
		waits.Token, nil), http.StatusOK).Items
	if len(msgs) != 1 || msgs[0].Sender.ID != w.broker.ID || msgs[0].Mine {
		t.Errorf("the broker's message as the helper sees it = %+v", msgs)
	}
	for _, p := range w.proposals(t, w.broker, request) {
		if p.Outcome != "open" || p.DecidedAt != nil || p.Broker.ID != w.broker.ID {
			t.Errorf("new proposal = %+v", p)
		}
	}

	if resp := w.env.call(t, "POST", "/api/v1/posts/"+request+"/declines", declines.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("decline: %d", resp.StatusCode)
	}
	w.accept(t, w.author, convs[agrees.ID]) // closes the single-occasion request
	got := w.proposals(t, w.author, request)
	want := map[string]string{agrees.ID: "agreed", declines.ID: "declined", waits.ID: "expired"}
	for helper, outcome := range want {
		if p := got[helper]; p.Outcome != outcome || p.DecidedAt == nil || p.ConversationID != convs[helper] {
			t.Errorf("proposal for %s = %+v, want %s and decided", helper, p, outcome)
		}
	}
}

func TestMatchProposalExpiresWithTheRequest(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	request := w.env.newPost(t, w.author, "request", "once")
	decode[conversationView](t, w.invite(t, w.broker, request, w.responder), http.StatusCreated)
	w.advance(t, 31*24*time.Hour)
	p := w.proposals(t, w.broker, request)[w.responder.ID]
	if p.Outcome != "expired" || p.DecidedAt == nil || !p.DecidedAt.Before(w.env.clock.Now()) {
		t.Errorf("after expiry: %+v", p)
	}
	// Renewed, the request is open again, and so is the proposal.
	w.env.exec(t, `UPDATE posts SET expires_at = $2 WHERE id = $1`, request, w.env.clock.Now().Add(24*time.Hour))
	if p := w.proposals(t, w.broker, request)[w.responder.ID]; p.Outcome != "open" || p.DecidedAt != nil {
		t.Errorf("after renewal: %+v", p)
	}
}

func TestMatchProposalPages(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	request := w.env.newPost(t, w.author, "request", "once")
	for range 3 {
		decode[conversationView](t, w.invite(t, w.broker, request, w.newResident(t)), http.StatusCreated)
		w.env.clock.Advance(time.Minute)
	}
	first := decode[pageOf[proposalView]](t, w.env.call(t, "GET", "/api/v1/posts/"+request+"/invitations?limit=2",
		w.broker.Token, nil), http.StatusOK)
	if len(first.Items) != 2 || first.NextCursor == nil || !first.Items[0].CreatedAt.After(first.Items[1].CreatedAt) {
		t.Fatalf("first page = %+v", first)
	}
	rest := decode[pageOf[proposalView]](t, w.env.call(t, "GET", "/api/v1/posts/"+request+"/invitations?limit=2&cursor="+
		*first.NextCursor, w.broker.Token, nil), http.StatusOK)
	if len(rest.Items) != 1 || rest.NextCursor != nil {
		t.Errorf("second page = %+v", rest)
	}
	readProblem(t, w.env.call(t, "GET", "/api/v1/posts/"+request+"/invitations?limit=101", w.broker.Token, nil),
		http.StatusBadRequest)
}
