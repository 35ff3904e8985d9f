package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/notify"
)

const (
	browserP256dh = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
	browserAuth   = "tBHItJI5svbpez7KI4CCXg"
)

func subscription(endpoint, p256dh, auth string) map[string]any {
	return map[string]any{"endpoint": endpoint, "expirationTime": nil, "keys": map[string]string{"p256dh": p256dh, "auth": auth}}
}

func TestPushPublicKeyIsPublic(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	got := decode[struct{ PublicKey string }](t, get(t, env.app, "/api/v1/push/public-key"), 200)
	if got.PublicKey != testVAPIDPublic {
		t.Errorf("publicKey = %q", got.PublicKey)
	}
}

func TestSubscribeValidatesEverything(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident)
	p := readProblem(t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/push-subscriptions", u.Token,
		subscription("https://attacker.example/collect", "bm90IGEga2V5", "c2hvcnQ"))), 400)
	var names []string
	for _, f := range p.InvalidParams {
		names = append(names, f.Name)
	}
	if strings.Join(names, ",") != "endpoint,keys.auth,keys.p256dh" {
		t.Errorf("invalidParams = %v", names)
	}
	var rows int
	_ = env.db.Get(&rows, `SELECT count(*) FROM push_subscriptions`)
	if rows != 0 {
		t.Error("a refused subscription was stored")
	}
	ok := subscription("https://fcm.googleapis.com/fcm/send/abc", browserP256dh, browserAuth)
	first := decode[struct{ ID string }](t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/push-subscriptions", u.Token, ok)), 201)
	again := decode[struct{ ID string }](t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/push-subscriptions", u.Token, ok)), 201)
	if first.ID != again.ID {
		t.Error("the same endpoint made a second subscription")
	}
}

func TestSubscriptionsAndInboxAreOwnerScoped(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	owner := env.newUser(t, postcodeCentrum, accounts.Resident)
	other := env.newUser(t, postcodeCentrum, accounts.Resident)
	sub := decode[struct{ ID string }](t, do(t, env.app, jsonRequest(t, "POST", "/api/v1/push-subscriptions", owner.Token,
		subscription("https://fcm.googleapis.com/fcm/send/owner", browserP256dh, browserAuth))), 201)
	enqueueFor(t, env.db, owner.ID, notify.MessageNew, "conversation-1")

	inbox := decode[struct {
		Items []struct {
			ID, Type, Text, URL string
			ReadAt              *time.Time
		}
		NextCursor *string
	}](t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/notifications", owner.Token, nil)), 200)
	if len(inbox.Items) != 1 || inbox.Items[0].Text != "Je hebt een nieuw bericht." ||
		inbox.Items[0].URL != "/gesprekken/conversation-1" || inbox.NextCursor != nil {
		t.Fatalf("inbox = %+v", inbox)
	}
	id := inbox.Items[0].ID

	tests := []struct {
		name, method, path, token string
		want                      int
	}{
		{"other cannot delete my subscription", "DELETE", "/api/v1/push-subscriptions/" + sub.ID, other.Token, 404},
		{"other cannot read my notification", "POST", "/api/v1/notifications/" + id + "/read", other.Token, 404},
		{"anonymous cannot list", "GET", "/api/v1/notifications", "", 401},
		{"anonymous cannot subscribe", "POST", "/api/v1/push-subscriptions", "", 401},
		{"unknown id", "POST", "/api/v1/notifications/not-a-uuid/read", owner.Token, 404},
		{"owner reads", "POST", "/api/v1/notifications/" + id + "/read", owner.Token, 204},
		{"owner deletes", "DELETE", "/api/v1/push-subscriptions/" + sub.ID, owner.Token, 204},
		{"gone after delete", "DELETE", "/api/v1/push-subscriptions/" + sub.ID, owner.Token, 404},
	}
	for _, tt := range tests {
		var body any
		if tt.method == "POST" && strings.HasSuffix(tt.path, "subscriptions") {
			body = subscription("https://fcm.googleapis.com/fcm/send/x", browserP256dh, browserAuth)
		}
		resp := do(t, env.app, jsonRequest(t, tt.method, tt.path, tt.token, body))
		if resp.StatusCode != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.want)
		}
	}
	others := decode[struct{ Items []any }](t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/notifications", other.Token, nil)), 200)
	if len(others.Items) != 0 {
		t.Error("someone else's notification shows in my inbox")
	}
}

func TestInboxPagination(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident)
	for range 5 {
		enqueueFor(t, env.db, u.ID, notify.ResponseNew, "post")
	}
	type pageBody struct {
		Items      []struct{ ID string }
		NextCursor *string
	}
	seen := map[string]bool{}
	path := "/api/v1/notifications?limit=2"
	for pages := 0; ; pages++ {
		p := decode[pageBody](t, do(t, env.app, jsonRequest(t, "GET", path, u.Token, nil)), 200)
		for _, it := range p.Items {
			if seen[it.ID] {
				t.Fatalf("%s on two pages", it.ID)
			}
			seen[it.ID] = true
		}
		if p.NextCursor == nil {
			break
		}
		path = "/api/v1/notifications?limit=2&cursor=" + *p.NextCursor
	}
	if len(seen) != 5 {
		t.Errorf("paged through %d of 5", len(seen))
	}
	for _, bad := range []string{"?limit=101", "?limit=0", "?cursor=garbage", "?unread=maybe"} {
		readProblem(t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/notifications"+bad, u.Token, nil)), 400)
	}
}

func TestNotificationPreferences(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident)
	prefs := decode[map[string]any](t, do(t, env.app, jsonRequest(t, "GET", "/api/v1/me/notification-preferences", u.Token, nil)), 200)
	prefs["quietHoursStart"] = "23:00"
	prefs["push"].(map[string]any)["suggestion"] = false
	got := decode[map[string]any](t, do(t, env.app, jsonRequest(t, "PUT", "/api/v1/me/notification-preferences", u.Token, prefs)), 200)
	if got["quietHoursStart"] != "23:00" || got["push"].(map[string]any)["suggestion"] != false {
		t.Errorf("saved = %v", got)
	}
	prefs["suggestionDailyCap"] = 50
	p := readProblem(t, do(t, env.app, jsonRequest(t, "PUT", "/api/v1/me/notification-preferences", u.Token, prefs)), 400)
	if p.InvalidParams[0].Name != "suggestionDailyCap" {
		t.Errorf("invalidParams = %+v", p.InvalidParams)
	}
}

// enqueueFor stands in for a domain event that notifies userID.
func enqueueFor(t *testing.T, db *sqlx.DB, userID string, typ notify.Type, subject string) {
	t.Helper()
	err := database.WithTx(context.Background(), db, func(tx *sqlx.Tx) error {
		return notify.Enqueue(context.Background(), tx, time.Now(), notify.Notification{UserID: userID, Type: typ, SubjectID: subject})
	})
	if err != nil {
		t.Fatal(err)
	}
}
