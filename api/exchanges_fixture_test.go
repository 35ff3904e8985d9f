package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/accounts"
)

// exchangeWorld is a seeded map with the people of the marketplace: author
// writes posts, responder reacts, third is a neighbour who takes no part;
// broker and admin have no view of other people's conversations either.
type exchangeWorld struct {
	env                                     testEnv
	author, responder, third, broker, admin *testUser
}

func newExchangeWorld(t *testing.T) *exchangeWorld {
	t.Helper()
	env := newTestEnv(t)
	env.seedAreas(t)
	user := func(postcode string, roles ...accounts.Role) *testUser {
		u := env.newUser(t, postcode, roles...)
		return &u
	}
	w := &exchangeWorld{env: env,
		author:    user(postcodeCentrum, accounts.Resident),
		responder: user(postcodeHavenkwartier, accounts.Resident),
		third:     user(postcodeCentrum, accounts.Resident),
		broker:    user(postcodeCentrum, accounts.Broker),
		admin:     user(postcodeCentrum, accounts.Admin),
	}
	env.exec(t, `INSERT INTO broker_areas (user_id, area_code) VALUES ($1, $2)`, w.broker.ID, buCentrum)
	return w
}

// newResident adds one more resident to the world.
func (w *exchangeWorld) newResident(t *testing.T) *testUser {
	t.Helper()
	u := w.env.newUser(t, postcodeCentrum, accounts.Resident)
	return &u
}

// advance moves the clock on by d and logs everybody in again (access
// tokens live 15 minutes).
func (w *exchangeWorld) advance(t *testing.T, d time.Duration, others ...*testUser) {
	t.Helper()
	w.env.clock.Advance(d)
	for _, u := range append([]*testUser{w.author, w.responder, w.third, w.broker, w.admin}, others...) {
		u.Token = w.env.login(t, *u)
	}
}

// newPost inserts an open post of author with SQL (posts belong to the
// market, built alongside): category klussen, expiring in 30 days.
func (env testEnv) newPost(t *testing.T, author *testUser, kind, recurrence string) string {
	t.Helper()
	var id string
	now := env.clock.Now()
	if err := env.db.GetContext(context.Background(), &id, `
		INSERT INTO posts (author_id, kind, category_code, title, body, recurrence, neighbourhood_code,
		                   expires_at, created_at, updated_at)
		SELECT u.id, $2, 'klussen', 'Hulp bij een klus', 'Wie kan mij helpen?', $3, u.neighbourhood_code, $4, $5, $5
		FROM users u WHERE u.id = $1 RETURNING id`, author.ID, kind, recurrence, now.Add(30*24*time.Hour), now); err != nil {
		t.Fatalf("insert post: %v", err)
	}
	return id
}

// conversationView is a Conversation as the tests read it.
type conversationView struct {
	ID   string
	Post struct{ ID, Kind, Category, Title, Status string }
	Role string
	// Other is the other participant.
	Other struct {
		ID, DisplayName string
		Neighbourhood   *struct{ ID, Name string }
	}
	LastMessage *struct {
		Body string
		Mine bool
	}
	UnreadCount   int
	Exchange      *struct{ ID, Status string }
	CanAccept     bool
	CreatedAt     time.Time
	LastMessageAt time.Time
}

// exchangeView is an Exchange as the tests read it.
type exchangeView struct {
	ID             string
	Post           struct{ ID, Kind, Status string }
	ConversationID string
	Helper         struct{ ID string }
	Receiver       struct{ ID string }
	Role, Status   string
	MomentAt       *time.Time
	CheckAt        time.Time
	MyAnswer       *bool
	OtherAnswered  bool
	Hours          *float64
	Thanks         *string
	ThankedAt      *time.Time
	CancelReason   *string
}

type messageView struct {
	ID, ConversationID, Body string
	Mine                     bool
	Sender                   struct{ ID string }
}

type pageOf[T any] struct {
	Items      []T
	NextCursor *string
}

// respond reacts to post as u and returns the conversation.
func (w *exchangeWorld) respond(t *testing.T, u *testUser, postID string) conversationView {
	t.Helper()
	return decode[conversationView](t, w.env.call(t, "POST", "/api/v1/posts/"+postID+"/responses", u.Token,
		map[string]any{"message": "Ik kan je helpen!"}), http.StatusCreated)
}

// accept agrees an exchange in conversation as u.
func (w *exchangeWorld) accept(t *testing.T, u *testUser, conversationID string) exchangeView {
	t.Helper()
	return decode[exchangeView](t, w.env.call(t, "POST", "/api/v1/exchanges", u.Token,
		map[string]any{"conversationId": conversationID}), http.StatusCreated)
}

// answer says whether exchange id happened, as u.
func (w *exchangeWorld) answer(t *testing.T, u *testUser, id string, body map[string]any) *http.Response {
	t.Helper()
	return w.env.call(t, "POST", "/api/v1/exchanges/"+id+"/completion", u.Token, body)
}

// agreed makes a fresh exchange on a new post of author: the author accepts
// the responder's response.
func (w *exchangeWorld) agreed(t *testing.T, author, responder *testUser, kind, recurrence string) exchangeView {
	t.Helper()
	post := w.env.newPost(t, author, kind, recurrence)
	return w.accept(t, author, w.respond(t, responder, post).ID)
}

// complete makes a fresh completed exchange in which helper helped receiver
// (a request of receiver) with hours (nil: none given).
func (w *exchangeWorld) complete(t *testing.T, receiver, helper *testUser, hours any) exchangeView {
	t.Helper()
	x := w.agreed(t, receiver, helper, "request", "once")
	body := map[string]any{"happened": true}
	if hours != nil {
		body["hours"] = hours
	}
	decode[exchangeView](t, w.answer(t, helper, x.ID, body), http.StatusOK)
	x = decode[exchangeView](t, w.answer(t, receiver, x.ID, map[string]any{"happened": true}), http.StatusOK)
	if x.Status != "completed" {
		t.Fatalf("exchange %s = %s, want completed", x.ID, x.Status)
	}
	return x
}

// transitionProblem is a 409 with the steps allowed now.
type transitionProblem struct {
	Status             int
	AllowedTransitions *[]string
	ConversationID     string
}

func readConflict(t *testing.T, resp *http.Response) transitionProblem {
	t.Helper()
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("status = %d, want 409", resp.StatusCode)
	}
	var p transitionProblem
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatal(err)
	}
	return p
}

// notifications counts the notifications of type typ about subject for
// user.
func (env testEnv) notifications(t *testing.T, userID, typ, subject string) int {
	t.Helper()
	return env.count(t, `SELECT count(*) FROM notifications WHERE user_id = $1 AND type = $2 AND subject_id = $3`,
		userID, typ, subject)
}
