package api_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/suggest"
)

// suggestionView is one item of GET /posts/{id}/suggestions or /me/suggestions.
type suggestionView struct {
	Person struct {
		ID, DisplayName string
		Neighbourhood   struct{ ID, Name string }
	}
	Post struct {
		ID, Kind, Category, Title string
		Author                    struct{ ID, DisplayName string }
		DistanceKm                float64
	}
	OfferID *string
	Score   float64
	Reasons []struct {
		Key, Text string
		Params    map[string]any
	}
}

// suggestions reads the suggested helpers of post as u.
func (w *exchangeWorld) suggestions(t *testing.T, u *testUser, postID string) []suggestionView {
	t.Helper()
	return decode[pageOf[suggestionView]](t, w.env.call(t, "GET", "/api/v1/posts/"+postID+"/suggestions", u.Token, nil),
		http.StatusOK).Items
}

// helperAt is a resident at postcode with an open klussen offer.
func (w *exchangeWorld) helperAt(t *testing.T, postcode string) *testUser {
	t.Helper()
	u := w.env.newUser(t, postcode, accounts.Resident)
	w.env.newPost(t, &u, "offer", "regularly")
	return &u
}

func personIDs(items []suggestionView) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Person.ID
	}
	return out
}

func TestSuggestRoleMatrix(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	otherBroker := w.env.newUser(t, postcodeEsch, accounts.Broker)
	w.env.exec(t, `INSERT INTO broker_areas (user_id, area_code) VALUES ($1, $2)`, otherBroker.ID, buEsch)
	helper := w.helperAt(t, postcodeHavenkwartier)
	request := w.env.newPost(t, w.author, "request", "once")
	offer := w.env.newPost(t, w.author, "offer", "once")
	cases := []struct {
		name   string
		who    *testUser
		post   string
		status int
	}{
		{"author", w.author, request, http.StatusOK},
		{"broker of the area", w.broker, request, http.StatusOK},
		{"broker of another area", &otherBroker, request, http.StatusNotFound},
		{"other resident", w.third, request, http.StatusNotFound},
		{"helper", helper, request, http.StatusNotFound},
		{"admin", w.admin, request, http.StatusNotFound},
		{"author of an offer", w.author, offer, http.StatusNotFound},
		{"unknown id", w.author, "00000000-0000-0000-0000-000000000000", http.StatusNotFound},
		{"not an id", w.author, "nope", http.StatusNotFound},
	}
	for _, c := range cases {
		resp := w.env.call(t, "GET", "/api/v1/posts/"+c.post+"/suggestions", c.who.Token, nil)
		if resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.name, resp.StatusCode, c.status)
			continue
		}
		if c.status == http.StatusOK {
			items := decode[pageOf[suggestionView]](t, resp, http.StatusOK).Items
			if ids := personIDs(items); len(ids) != 1 || ids[0] != helper.ID {
				t.Errorf("%s: suggested %v, want the helper %s", c.name, ids, helper.ID)
			}
		}
	}
	readProblem(t, w.env.call(t, "GET", "/api/v1/posts/"+request+"/suggestions?limit=0", w.author.Token, nil),
		http.StatusBadRequest)
	readProblem(t, w.env.call(t, "GET", "/api/v1/posts/"+request+"/suggestions", "", nil), http.StatusUnauthorized)
}

func TestSuggestExclusions(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	ok := w.helperAt(t, postcodeCentrum)
	blockedByAuthor := w.helperAt(t, postcodeCentrum)
	blocksAuthor := w.helperAt(t, postcodeCentrum)
	paused := w.helperAt(t, postcodeCentrum)
	deleted := w.helperAt(t, postcodeCentrum)
	disabled := w.helperAt(t, postcodeCentrum)
	far := w.helperAt(t, postcodeStationsbuurt) // 3.6 km, the request reaches 2 km
	w.env.exec(t, `UPDATE posts SET radius_km = 15 WHERE author_id = $1`, far.ID)
	w.env.newPost(t, w.author, "offer", "regularly") // the author's own offer
	w.env.exec(t, `INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2), ($3, $1)`,
		w.author.ID, blockedByAuthor.ID, blocksAuthor.ID)
	w.env.exec(t, `UPDATE users SET paused_at = $2 WHERE id = $1`, paused.ID, w.env.clock.Now())
	w.env.exec(t, `UPDATE users SET deleted_at = $2 WHERE id = $1`, deleted.ID, w.env.clock.Now())
	w.env.exec(t, `UPDATE users SET disabled_at = $2 WHERE id = $1`, disabled.ID, w.env.clock.Now())
	request := w.env.newPost(t, w.author, "request", "once")

	if ids := personIDs(w.suggestions(t, w.author, request)); len(ids) != 1 || ids[0] != ok.ID {
		t.Fatalf("suggested %v, want only %s", ids, ok.ID)
	}
	// A decline takes the helper out for good.
	if resp := w.env.call(t, "POST", "/api/v1/posts/"+request+"/declines", ok.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("decline: status %d", resp.StatusCode)
	}
	if ids := personIDs(w.suggestions(t, w.author, request)); len(ids) != 0 {
		t.Fatalf("after the decline suggested %v, want nobody", ids)
	}
	// A request that is no longer open has no suggestions.
	w.env.exec(t, `UPDATE posts SET status = 'closed' WHERE id = $1`, request)
	if items := w.suggestions(t, w.author, request); len(items) != 0 {
		t.Fatalf("closed request: %d suggestions", len(items))
	}
}

func TestSuggestDirectReciprocityRanksHigher(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	helpedBefore := w.helperAt(t, postcodeHavenkwartier)
	stranger := w.helperAt(t, postcodeHavenkwartier)
	// Both helped once in klussen, so load, trust and fit are equal; only
	// helpedBefore helped the requester.
	w.complete(t, w.author, helpedBefore, 2)
	w.complete(t, w.third, stranger, 2)
	request := w.env.newPost(t, w.author, "request", "once")

	items := w.suggestions(t, w.author, request)
	if ids := personIDs(items); len(ids) != 2 || ids[0] != helpedBefore.ID || ids[1] != stranger.ID {
		t.Fatalf("order %v, want %s before %s", ids, helpedBefore.ID, stranger.ID)
	}
	if items[0].Score <= items[1].Score {
		t.Fatalf("scores %v and %v", items[0].Score, items[1].Score)
	}
	reasons := map[string]string{}
	for _, it := range items {
		if len(it.Reasons) == 0 || len(it.Reasons) > 3 || it.OfferID == nil {
			t.Fatalf("item %+v: want 1-3 reasons and an offer", it)
		}
		for _, r := range it.Reasons {
			if r.Text == "" || strings.Contains(r.Text, "{") {
				t.Fatalf("reason %+v has no finished text", r)
			}
			reasons[r.Key] = r.Text
		}
	}
	if got := reasons["reason.theyHelpedYou"]; got != "Heeft jou eerder geholpen" {
		t.Errorf("theyHelpedYou = %q, want the Dutch text; reasons %v", got, reasons)
	}
	if got := reasons["reason.borderingNeighbourhood"]; got != "Woont in de buurt naast jou" {
		t.Errorf("bordering = %q; reasons %v", got, reasons)
	}
}

func TestSuggestForMe(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	helper := w.helperAt(t, postcodeHavenkwartier)
	wanted := w.env.newPost(t, w.author, "request", "once")
	declined := w.env.newPost(t, w.third, "request", "once")
	blocker := w.newResident(t)
	fromBlocker := w.env.newPost(t, blocker, "request", "once")
	w.env.exec(t, `INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)`, blocker.ID, helper.ID)
	w.env.newPost(t, helper, "request", "once") // own
	w.env.newPost(t, w.third, "offer", "once")  // not a request
	_ = fromBlocker

	if resp := w.env.call(t, "POST", "/api/v1/posts/"+declined+"/declines", helper.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("decline: status %d", resp.StatusCode)
	}
	if resp := w.env.call(t, "POST", "/api/v1/posts/"+declined+"/declines", helper.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("decline again: status %d", resp.StatusCode)
	}
	readProblem(t, w.env.call(t, "POST", "/api/v1/posts/"+fromBlocker+"/declines", helper.Token, nil), http.StatusNotFound)

	items := decode[pageOf[suggestionView]](t, w.env.call(t, "GET", "/api/v1/me/suggestions", helper.Token, nil), http.StatusOK).Items
	if len(items) != 1 || items[0].Post.ID != wanted {
		t.Fatalf("suggested %+v, want only %s", items, wanted)
	}
	it := items[0]
	if it.Post.Author.ID != w.author.ID || it.Post.Kind != "request" || it.Post.DistanceKm != 1 || it.OfferID == nil {
		t.Errorf("item %+v", it)
	}
	if len(it.Reasons) == 0 || it.Reasons[0].Text == "" {
		t.Errorf("reasons %+v", it.Reasons)
	}
	w.env.exec(t, `UPDATE users SET paused_at = $2 WHERE id = $1`, helper.ID, w.env.clock.Now())
	if items := decode[pageOf[suggestionView]](t, w.env.call(t, "GET", "/api/v1/me/suggestions", helper.Token, nil), http.StatusOK).Items; len(items) != 0 {
		t.Fatalf("paused: %d suggestions", len(items))
	}
}

// asked lists who was notified of a suggestion for post.
func (w *exchangeWorld) asked(t *testing.T, postID string) map[string]int {
	t.Helper()
	var rows []struct {
		UserID string `db:"user_id"`
		N      int    `db:"n"`
	}
	if err := w.env.db.SelectContext(context.Background(), &rows, `
		SELECT user_id, count(*) AS n FROM notifications WHERE type = 'suggestion' AND subject_id = $1
		GROUP BY user_id`, postID); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.UserID] = r.N
	}
	return out
}

func TestSuggestJobRounds(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	var helpers []*testUser
	for range 4 {
		helpers = append(helpers, w.helperAt(t, postcodeCentrum))
	}
	decliner := w.helperAt(t, postcodeCentrum)
	request := w.env.newPost(t, w.author, "request", "once")
	answered := w.env.newPost(t, w.third, "request", "once")
	if resp := w.env.call(t, "POST", "/api/v1/posts/"+request+"/declines", decliner.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("decline: status %d", resp.StatusCode)
	}
	jobs := suggest.NewJobs(suggest.New(w.env.db, w.env.clock.Now))
	run := func() {
		t.Helper()
		if _, err := jobs.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	run()
	first := w.asked(t, request)
	if len(first) != 3 || first[decliner.ID] != 0 || first[w.author.ID] != 0 {
		t.Fatalf("round 1 asked %v, want 3 helpers, not the decliner", first)
	}
	run()
	w.advance(t, 23*time.Hour, helpers[0]) // and log in again
	run()
	if again := w.asked(t, request); len(again) != 3 {
		t.Fatalf("before 24 h asked %v", again)
	}
	w.respond(t, helpers[0], answered)
	w.env.clock.Advance(2 * time.Hour)
	run()
	second := w.asked(t, request)
	if len(second) != 4 || second[decliner.ID] != 0 {
		t.Fatalf("round 2 asked %v, want the fourth helper too and never the decliner", second)
	}
	for id, n := range second {
		if n != 1 {
			t.Errorf("%s asked %d times", id, n)
		}
	}
	if got := w.asked(t, answered); len(got) != 3 {
		t.Errorf("a request with a response: asked %v, want only round 1's three", got)
	}
	w.env.clock.Advance(48 * time.Hour)
	run()
	if got := w.asked(t, request); len(got) != 4 {
		t.Errorf("no third round: asked %v", got)
	}
}

func TestSuggestJobConcurrentRunsAskOnce(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	for range 5 {
		w.helperAt(t, postcodeCentrum)
	}
	request := w.env.newPost(t, w.author, "request", "once")
	s := suggest.New(w.env.db, w.env.clock.Now)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		wg.Go(func() {
			_, err := suggest.NewJobs(s).RunOnce(context.Background())
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got := w.asked(t, request)
	if len(got) != 3 {
		t.Fatalf("asked %v, want 3", got)
	}
	for id, n := range got {
		if n != 1 {
			t.Errorf("%s asked %d times", id, n)
		}
	}
}

// A ranking is kept for the TTL: someone new shows up only after it, but
// what must hold at once (blocks, pauses, withdrawn offers, declines) holds
// on every read, and a changed request is ranked again.
func TestSuggestKeptRankingForRequest(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	first := w.helperAt(t, postcodeCentrum)
	request := w.env.newPost(t, w.author, "request", "once")
	ids := func() []string { return personIDs(w.suggestions(t, w.author, request)) }
	if got := ids(); !slices.Equal(got, []string{first.ID}) {
		t.Fatalf("suggested %v, want %s", got, first.ID)
	}

	late := w.helperAt(t, postcodeCentrum)
	w.env.clock.Advance(suggest.DefaultTTL - time.Second)
	if got := ids(); !slices.Equal(got, []string{first.ID}) {
		t.Fatalf("within the TTL suggested %v, want the kept %s", got, first.ID)
	}
	w.env.clock.Advance(2 * time.Second)
	if got := ids(); len(got) != 2 || !slices.Contains(got, late.ID) {
		t.Fatalf("after the TTL suggested %v, want %s too", got, late.ID)
	}

	// Kept now holds both; each rule below takes one out at once.
	paused := w.helperAt(t, postcodeCentrum)
	blocked := w.helperAt(t, postcodeCentrum)
	w.env.clock.Advance(time.Second)
	decode[postView](t, w.env.call(t, "PATCH", "/api/v1/posts/"+request, w.author.Token,
		map[string]any{"title": "Wie helpt met de kast?"}), http.StatusOK)
	if got := ids(); len(got) != 4 {
		t.Fatalf("a changed request is ranked again: suggested %v, want 4 people", got)
	}
	w.env.exec(t, `UPDATE users SET paused_at = $2 WHERE id = $1`, paused.ID, w.env.clock.Now())
	w.env.exec(t, `INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)`, blocked.ID, w.author.ID)
	w.env.exec(t, `UPDATE posts SET status = 'withdrawn' WHERE author_id = $1`, late.ID)
	if got := ids(); !slices.Equal(got, []string{first.ID}) {
		t.Fatalf("after pause, block and withdrawn offer suggested %v, want only %s", got, first.ID)
	}
	if resp := w.env.call(t, "POST", "/api/v1/posts/"+request+"/declines", first.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("decline: status %d", resp.StatusCode)
	}
	if got := ids(); len(got) != 0 {
		t.Fatalf("after the decline suggested %v", got)
	}

	// A deleted account leaves no kept ranking that names it.
	var kept int
	count := func() int {
		if err := w.env.db.Get(&kept, `SELECT count(*) FROM request_suggestion_items WHERE user_id = $1`, first.ID); err != nil {
			t.Fatal(err)
		}
		return kept
	}
	if count() != 1 {
		t.Fatalf("kept rankings naming the helper: %d, want 1", kept)
	}
	if resp := w.env.call(t, "DELETE", "/api/v1/me", first.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE /me: %d", resp.StatusCode)
	}
	if count() != 0 {
		t.Fatalf("kept rankings naming a deleted account: %d", kept)
	}
}

func TestSuggestKeptRankingForMe(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	helper := w.helperAt(t, postcodeHavenkwartier)
	first := w.env.newPost(t, w.author, "request", "once")
	ids := func() []string {
		items := decode[pageOf[suggestionView]](t, w.env.call(t, "GET", "/api/v1/me/suggestions", helper.Token, nil),
			http.StatusOK).Items
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = it.Post.ID
		}
		return out
	}
	if got := ids(); !slices.Equal(got, []string{first}) {
		t.Fatalf("suggested %v, want %s", got, first)
	}
	late := w.env.newPost(t, w.third, "request", "once")
	if got := ids(); !slices.Equal(got, []string{first}) {
		t.Fatalf("within the TTL suggested %v, want the kept %s", got, first)
	}
	// The resident's own new offer ranks again at once.
	w.env.newPost(t, helper, "offer", "once")
	if got := ids(); len(got) != 2 || !slices.Contains(got, late) {
		t.Fatalf("after a new offer of my own suggested %v, want %s too", got, late)
	}
	// A closed request leaves at once; a newer one comes after the TTL.
	newest := w.env.newPost(t, w.author, "request", "once")
	w.env.exec(t, `UPDATE posts SET status = 'closed' WHERE id = $1`, first)
	if got := ids(); !slices.Equal(got, []string{late}) {
		t.Fatalf("closed request still suggested: %v", got)
	}
	w.env.clock.Advance(suggest.DefaultTTL + time.Second)
	if got := ids(); len(got) != 2 || !slices.Contains(got, newest) {
		t.Fatalf("after the TTL suggested %v, want %s too", got, newest)
	}
	// The job deletes what is past the TTL.
	w.env.clock.Advance(suggest.DefaultTTL + time.Second)
	if _, err := suggest.NewJobs(suggest.New(w.env.db, w.env.clock.Now)).RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	var kept int
	if err := w.env.db.Get(&kept, `SELECT (SELECT count(*) FROM resident_suggestions) + (SELECT count(*) FROM request_suggestions)`); err != nil {
		t.Fatal(err)
	}
	if kept != 0 {
		t.Fatalf("%d kept rankings past the TTL", kept)
	}
}
