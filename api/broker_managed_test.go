package api_test

import (
	"net/http"
	"testing"
	"time"
)

// TestManagedResidentProfiles: a broker creates a profile for someone in
// their area; it cannot log in or be registered over; brokers of other
// areas do not see it.
func TestManagedResidentProfiles(t *testing.T) {
	t.Parallel()
	w := newBrokerWorld(t)
	id := w.managed(t, "Mevrouw Jansen")
	var email string
	if err := w.env.db.Get(&email, `SELECT email FROM users WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	readProblem(t, w.env.call(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": ""}), http.StatusUnauthorized)
	readProblem(t, w.env.call(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": "correct horse battery staple"}), http.StatusUnauthorized)
	if names := invalidNames(t, w.env.call(t, "POST", "/api/v1/auth/register", "", map[string]any{"email": email,
		"password": "correct horse battery staple", "displayName": "Kaper", "postcode": postcodeCentrum, "houseNumber": "1"})); !names["email"] {
		t.Errorf("register over a managed account: %v", names)
	}

	type want struct{ list, get, patch int }
	for _, tc := range []struct {
		name, token string
		want        want
	}{
		{"anonymous", "", want{401, 401, 401}},
		{"resident", w.resident.Token, want{403, 403, 403}},
		{"managed resident's neighbour", w.residentX.Token, want{403, 403, 403}},
		{"brokerX", w.brokerX.Token, want{200, 200, 200}},
		{"brokerY", w.brokerY.Token, want{200, 404, 404}},
		{"contact", w.contact.Token, want{403, 403, 403}},
		{"admin", w.admin.Token, want{403, 403, 403}},
	} {
		got := want{
			list:  w.env.call(t, "GET", "/api/v1/managed-residents", tc.token, nil).StatusCode,
			get:   w.env.call(t, "GET", "/api/v1/managed-residents/"+id, tc.token, nil).StatusCode,
			patch: w.env.call(t, "PATCH", "/api/v1/managed-residents/"+id, tc.token, map[string]any{"phone": "06 87654321"}).StatusCode,
		}
		if got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
	list := decode[pageOf[struct {
		ID, DisplayName, ConsentAt string
		Phone                      *string
		Neighbourhood              nameRef
	}]](t, w.env.call(t, "GET", "/api/v1/managed-residents", w.brokerX.Token, nil), http.StatusOK)
	if len(list.Items) != 1 || list.Items[0].ID != id || list.Items[0].Neighbourhood.ID != buHaven ||
		*list.Items[0].Phone != "06 87654321" {
		t.Errorf("brokerX list = %+v", list.Items)
	}
	if other := decode[pageOf[struct{ ID string }]](t, w.env.call(t, "GET", "/api/v1/managed-residents", w.brokerY.Token, nil), http.StatusOK); len(other.Items) != 0 {
		t.Errorf("brokerY sees %v", other.Items)
	}

	tomorrow := w.env.clock.Now().AddDate(0, 0, 2).Format(time.DateOnly)
	for _, tc := range []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"nothing", map[string]any{}, []string{"displayName", "consentAt", "postcode"}},
		{"future consent", map[string]any{"displayName": "Piet", "postcode": postcodeHavenkwartier, "consentAt": tomorrow}, []string{"consentAt"}},
		{"area Y", map[string]any{"displayName": "Piet", "neighbourhoodId": buEsch, "consentAt": "2025-01-01"}, []string{"neighbourhoodId"}},
		{"bad phone", map[string]any{"displayName": "Piet", "postcode": postcodeCentrum, "consentAt": "2025-01-01", "phone": "bel me"}, []string{"phone"}},
	} {
		names := invalidNames(t, w.env.call(t, "POST", "/api/v1/managed-residents", w.brokerX.Token, tc.body))
		for _, f := range tc.fields {
			if !names[f] {
				t.Errorf("%s: %v lacks %s", tc.name, names, f)
			}
		}
	}
}

// TestPostingAndRespondingOnBehalf: the managed resident is the author or
// responder, the broker is recorded; only their brokers may do it.
func TestPostingAndRespondingOnBehalf(t *testing.T) {
	t.Parallel()
	w := newBrokerWorld(t)
	id := w.managed(t, "Meneer De Boer")
	body := postBody("request", "Wie brengt mij naar de markt?", map[string]any{"onBehalfOf": id})
	p := decode[postView](t, w.env.call(t, "POST", "/api/v1/posts", w.brokerX.Token, body), http.StatusCreated)
	if p.Author.ID != id || p.Author.Neighbourhood == nil || p.Author.Neighbourhood.ID != buHaven {
		t.Errorf("author = %+v, want the managed resident in Havenkwartier", p.Author)
	}
	if n := w.env.count(t, `SELECT count(*) FROM posts WHERE id = $1 AND author_id = $2 AND created_by = $3`, p.ID, id, w.brokerX.ID); n != 1 {
		t.Errorf("created_by not recorded")
	}
	readProblem(t, w.env.call(t, "POST", "/api/v1/posts", w.resident.Token, body), http.StatusForbidden)
	if names := invalidNames(t, w.env.call(t, "POST", "/api/v1/posts", w.brokerY.Token, body)); !names["onBehalfOf"] {
		t.Errorf("brokerY on behalf: %v", names)
	}
	if names := invalidNames(t, w.env.call(t, "POST", "/api/v1/posts", w.brokerX.Token,
		postBody("request", "Voor een gewone buur", map[string]any{"onBehalfOf": w.residentX.ID}))); !names["onBehalfOf"] {
		t.Errorf("on behalf of a resident with a login: %v", names)
	}
	// The queue shows the request as one of a managed resident.
	for _, it := range w.queue(t, w.brokerX.Token, "").Items {
		if it.PostID == p.ID && !it.Author.Managed {
			t.Errorf("queue item not marked managed: %+v", it)
		}
	}

	conv := decode[conversationView](t, w.env.call(t, "POST", "/api/v1/posts/"+w.requestX+"/responses", w.brokerX.Token,
		map[string]any{"message": "Meneer kan u helpen.", "onBehalfOf": id}), http.StatusCreated)
	if n := w.env.count(t, `SELECT count(*) FROM conversations c JOIN messages m ON m.conversation_id = c.id
		WHERE c.id = $1 AND c.responder_id = $2 AND m.sender_id = $2 AND m.sent_by_broker = $3`, conv.ID, id, w.brokerX.ID); n != 1 {
		t.Errorf("response on behalf not recorded with the broker")
	}
	readProblem(t, w.env.call(t, "POST", "/api/v1/posts/"+w.requestY+"/responses", w.resident.Token,
		map[string]any{"message": "Hallo", "onBehalfOf": id}), http.StatusForbidden)
}

// TestBrokerAsIntermediary: the broker reads and writes a managed
// resident's conversation; the other person sees the resident as sender;
// brokers of other areas get 404.
func TestBrokerAsIntermediary(t *testing.T) {
	t.Parallel()
	w := newBrokerWorld(t)
	id := w.managed(t, "Mevrouw Visser")
	p := decode[postView](t, w.env.call(t, "POST", "/api/v1/posts", w.brokerX.Token,
		postBody("request", "Wie leest mijn post voor?", map[string]any{"onBehalfOf": id})), http.StatusCreated)
	conv := decode[conversationView](t, w.env.call(t, "POST", "/api/v1/posts/"+p.ID+"/responses", w.resident.Token,
		map[string]any{"message": "Ik kom dinsdag langs."}), http.StatusCreated)

	residents := decode[pageOf[struct{ UnreadMessages int }]](t, w.env.call(t, "GET", "/api/v1/managed-residents", w.brokerX.Token, nil), http.StatusOK)
	if len(residents.Items) != 1 || residents.Items[0].UnreadMessages != 1 {
		t.Errorf("unread = %+v, want 1", residents.Items)
	}
	convs := decode[pageOf[struct {
		ID, Role    string
		UnreadCount int
	}]](t, w.env.call(t, "GET", "/api/v1/managed-residents/"+id+"/conversations", w.brokerX.Token, nil), http.StatusOK)
	if len(convs.Items) != 1 || convs.Items[0].ID != conv.ID || convs.Items[0].Role != "author" || convs.Items[0].UnreadCount != 1 {
		t.Fatalf("conversations = %+v", convs.Items)
	}
	path := "/api/v1/managed-residents/" + id + "/conversations/" + conv.ID + "/messages"
	w.env.clock.Advance(time.Second)
	sent := decode[struct {
		Mine         bool
		Sender       struct{ ID string }
		SentByBroker *struct{ ID string }
	}](t, w.env.call(t, "POST", path, w.brokerX.Token, map[string]any{"body": "Fijn, om tien uur."}), http.StatusCreated)
	if !sent.Mine || sent.Sender.ID != id || sent.SentByBroker == nil || sent.SentByBroker.ID != w.brokerX.ID {
		t.Errorf("sent = %+v", sent)
	}
	if n := w.env.notifications(t, w.resident.ID, "message_new", conv.ID); n != 1 {
		t.Errorf("the other person got %d notifications, want 1", n)
	}
	theirs := decode[pageOf[messageView]](t, w.env.call(t, "GET", "/api/v1/conversations/"+conv.ID+"/messages", w.resident.Token, nil), http.StatusOK)
	if len(theirs.Items) != 2 || theirs.Items[0].Body != "Fijn, om tien uur." {
		t.Errorf("the other person reads %+v", theirs.Items)
	}
	msgs := decode[pageOf[struct{ Body string }]](t, w.env.call(t, "GET", path, w.brokerX.Token, nil), http.StatusOK)
	if len(msgs.Items) != 2 {
		t.Errorf("broker reads %d messages, want 2", len(msgs.Items))
	}
	if residents := decode[pageOf[struct{ UnreadMessages int }]](t, w.env.call(t, "GET", "/api/v1/managed-residents", w.brokerX.Token, nil), http.StatusOK); residents.Items[0].UnreadMessages != 0 {
		t.Errorf("unread after replying = %d", residents.Items[0].UnreadMessages)
	}
	for _, tc := range []struct {
		name, method, path, token string
		body                      any
		want                      int
	}{
		{"brokerY conversations", "GET", "/api/v1/managed-residents/" + id + "/conversations", w.brokerY.Token, nil, 404},
		{"brokerY messages", "GET", path, w.brokerY.Token, nil, 404},
		{"brokerY send", "POST", path, w.brokerY.Token, map[string]any{"body": "Hallo"}, 404},
		{"brokerX other conversation", "GET", "/api/v1/managed-residents/" + id + "/conversations/" + w.requestX + "/messages", w.brokerX.Token, nil, 404},
		{"resident", "GET", path, w.resident.Token, nil, 403},
		{"empty body", "POST", path, w.brokerX.Token, map[string]any{"body": ""}, 400},
		{"read", "POST", "/api/v1/managed-residents/" + id + "/conversations/" + conv.ID + "/read", w.brokerX.Token, nil, 204},
	} {
		if got := w.env.call(t, tc.method, tc.path, tc.token, tc.body).StatusCode; got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}
