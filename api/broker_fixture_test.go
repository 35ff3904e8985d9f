package api_test

import (
	"net/http"
	"testing"
	"time"
)

// brokerWorld is the area world with an old request in area X (by
// residentX, Havenkwartier) and one in area Y (by residentY, Esch).
type brokerWorld struct {
	areaWorld
	requestX, requestY string
}

func newBrokerWorld(t *testing.T) brokerWorld {
	t.Helper()
	w := brokerWorld{areaWorld: newAreaWorld(t)}
	w.requestX = w.postAs(t, w.residentX, "request", "Wie helpt met mijn kast?", 10)
	w.requestY = w.postAs(t, w.residentY, "request", "Wie gaat mee wandelen?", 5)
	return w
}

// postAs creates a post through the API and makes it daysOld days old.
func (w brokerWorld) postAs(t *testing.T, u testUser, kind, title string, daysOld int) string {
	t.Helper()
	p := decode[postView](t, w.env.call(t, "POST", "/api/v1/posts", u.Token, postBody(kind, title, nil)), http.StatusCreated)
	w.env.exec(t, `UPDATE posts SET created_at = created_at - make_interval(days => $2) WHERE id = $1`, p.ID, daysOld)
	return p.ID
}

// queueItem is a queue item as the tests read it.
type queueItem struct {
	PostID        string `json:"postId"`
	Title         string `json:"title"`
	Category      string `json:"category"`
	AgeDays       int    `json:"ageDays"`
	ResponseCount int    `json:"responseCount"`
	NoteCount     int    `json:"noteCount"`
	OpenProposal  bool   `json:"openProposal"`
	Author        struct {
		ID, DisplayName string
		Managed         bool
		Neighbourhood   nameRef
	} `json:"author"`
	FollowUp *struct {
		DueOn *string `json:"dueOn"`
		Note  *string `json:"note"`
	} `json:"followUp"`
	Suggestions []struct {
		Person struct{ ID string } `json:"person"`
	} `json:"suggestions"`
}

func (w brokerWorld) queue(t *testing.T, token, query string) pageOf[queueItem] {
	t.Helper()
	return decode[pageOf[queueItem]](t, w.env.call(t, "GET", "/api/v1/broker/queue"+query, token, nil), http.StatusOK)
}

func queueTitles(p pageOf[queueItem]) []string {
	out := []string{}
	for _, it := range p.Items {
		out = append(out, it.Title)
	}
	return out
}

// managed creates a managed resident in Havenkwartier (area X) as brokerX.
func (w brokerWorld) managed(t *testing.T, name string) string {
	t.Helper()
	m := decode[struct{ ID string }](t, w.env.call(t, "POST", "/api/v1/managed-residents", w.brokerX.Token, map[string]any{
		"displayName": name, "postcode": postcodeHavenkwartier, "phone": "06 12345678",
		"consentAt": w.env.clock.Now().AddDate(0, 0, -1).Format(time.DateOnly), "consentNote": "Mondeling, bij de koffie."}),
		http.StatusCreated)
	return m.ID
}
