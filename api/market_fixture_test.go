package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/accounts"
)

// More demo postcodes: the demo grid has Centrum (9999A*), Havenkwartier
// (B), Kerkbuurt (C), Stationsbuurt (D) in one row, Esch (E), Molenakker (F)
// … Noorderhagen (H) north of it. Centroid distances from Centrum:
// Havenkwartier 1.21 km and Esch 1.33 km (both bordering), Molenakker 1.80,
// Kerkbuurt 2.42, Stationsbuurt 3.63, Noorderhagen 3.87 km.
const (
	postcodeKerkbuurt     = "9999CA"
	postcodeStationsbuurt = "9999DA"
	postcodeMolenakker    = "9999FA"
)

// postView is a Post as the tests read it.
type postView struct {
	ID               string   `json:"id"`
	Kind             string   `json:"kind"`
	Category         string   `json:"category"`
	Title            string   `json:"title"`
	Body             string   `json:"body"`
	MomentText       *string  `json:"momentText"`
	MomentAt         *string  `json:"momentAt"`
	Recurrence       string   `json:"recurrence"`
	RadiusKm         float64  `json:"radiusKm"`
	Status           string   `json:"status"`
	DistanceKm       float64  `json:"distanceKm"`
	Proximity        string   `json:"proximity"`
	Mine             bool     `json:"mine"`
	MyConversationID *string  `json:"myConversationId"`
	ResponseCount    *int     `json:"responseCount"`
	Author           userRef  `json:"author"`
	Organisation     *nameRef `json:"organisation"`
	ExpiresAt        time.Time
	CreatedAt        time.Time
}

type userRef struct {
	ID            string   `json:"id"`
	DisplayName   string   `json:"displayName"`
	Neighbourhood *nameRef `json:"neighbourhood"`
}

type nameRef struct{ ID, Name string }

type postPage struct {
	Items      []postView `json:"items"`
	NextCursor *string    `json:"nextCursor"`
}

// marketWorld is a seeded map with residents in several neighbourhoods.
type marketWorld struct {
	env testEnv
}

func newMarketWorld(t *testing.T) marketWorld {
	t.Helper()
	env := newTestEnv(t)
	env.seedAreas(t)
	return marketWorld{env: env}
}

// resident creates a resident living at postcode.
func (w marketWorld) resident(t *testing.T, postcode string) testUser {
	t.Helper()
	return w.env.newUser(t, postcode, accounts.Resident)
}

// postBody is a valid new post; extra fields override.
func postBody(kind, title string, extra map[string]any) map[string]any {
	b := map[string]any{"kind": kind, "category": "klussen", "title": title,
		"body": "Wie kan mij helpen?\nHet duurt niet lang."}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

// post creates a post through the API and returns it.
func (w marketWorld) post(t *testing.T, u testUser, body map[string]any) postView {
	t.Helper()
	resp := w.env.call(t, "POST", "/api/v1/posts", u.Token, body)
	p := decode[postView](t, resp, http.StatusCreated)
	if loc := resp.Header.Get("Location"); loc != "/api/v1/posts/"+p.ID {
		t.Fatalf("Location = %q, want /api/v1/posts/%s", loc, p.ID)
	}
	return p
}

// feed reads the feed for u with a query string ("" for none).
func (w marketWorld) feed(t *testing.T, u testUser, query string) postPage {
	t.Helper()
	return decode[postPage](t, w.env.call(t, "GET", "/api/v1/posts"+query, u.Token, nil), http.StatusOK)
}

// titles lists the titles of a page in order.
func titles(p postPage) []string {
	out := make([]string, len(p.Items))
	for i, it := range p.Items {
		out[i] = it.Title
	}
	return out
}

// tick moves the clock a little, so that posts made one after another have
// distinct creation times.
func (w marketWorld) tick() { w.env.clock.Advance(time.Second) }

func sameList(a, b []string) bool {
	return fmt.Sprint(a) == fmt.Sprint(b)
}
