package api_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// TestFeedOrderAndRadius: same neighbourhood first, then bordering, then
// the rest by distance, newest first within each; a post shows only when
// the two centroids are within both the post's and the reader's radius.
func TestFeedOrderAndRadius(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	reader := w.resident(t, postcodeCentrum)
	authors := map[string]testUser{}
	for _, pc := range []string{postcodeCentrum, postcodeHavenkwartier, postcodeEsch, postcodeMolenakker,
		postcodeKerkbuurt, postcodeStationsbuurt} {
		authors[pc] = w.resident(t, pc)
	}
	for _, p := range []struct {
		pc, title string
		radius    float64
	}{
		{postcodeStationsbuurt, "Stationsbuurt 5 km", 5}, // 3.63 km: nearby
		{postcodeKerkbuurt, "Kerkbuurt 2 km", 2},         // 2.42 km: out of the post's reach
		{postcodeKerkbuurt, "Kerkbuurt 3 km", 3},         // nearby
		{postcodeMolenakker, "Molenakker 2 km", 2},       // 1.80 km: nearby, not bordering
		{postcodeEsch, "Esch 1 km", 1},                   // 1.33 km: bordering, but out of reach
		{postcodeEsch, "Esch 2 km", 2},                   // bordering
		{postcodeHavenkwartier, "Haven 1.5 km", 1.5},     // 1.21 km: bordering
		{postcodeCentrum, "Centrum oud", 0.5},            // same: always in
		{postcodeCentrum, "Centrum nieuw", 0.5},          // same, newer
		{postcodeHavenkwartier, "Haven nieuwste", 1.5},   // bordering, newest of all
	} {
		w.post(t, authors[p.pc], postBody("request", p.title, map[string]any{"radiusKm": p.radius}))
		w.tick()
	}

	page := w.feed(t, reader, "")
	want := []string{"Centrum nieuw", "Centrum oud", "Haven nieuwste", "Haven 1.5 km", "Esch 2 km",
		"Molenakker 2 km", "Kerkbuurt 3 km", "Stationsbuurt 5 km"}
	if !sameList(titles(page), want) {
		t.Fatalf("feed = %v\nwant   %v", titles(page), want)
	}
	wantProx := []string{"same", "same", "bordering", "bordering", "bordering", "nearby", "nearby", "nearby"}
	wantKm := []float64{0, 0, 1, 1, 1.5, 2, 2.5, 3.5}
	for i, it := range page.Items {
		if it.Proximity != wantProx[i] || it.DistanceKm != wantKm[i] || it.Mine || it.Status != "open" {
			t.Errorf("%s: proximity %s at %.1f km (mine %v), want %s at %.1f km", it.Title, it.Proximity,
				it.DistanceKm, it.Mine, wantProx[i], wantKm[i])
		}
	}
	if page.NextCursor != nil {
		t.Errorf("nextCursor = %v on the only page", *page.NextCursor)
	}

	for _, tc := range []struct {
		radius string
		want   []string
	}{
		{"2", []string{"Centrum nieuw", "Centrum oud", "Haven nieuwste", "Haven 1.5 km", "Esch 2 km", "Molenakker 2 km"}},
		{"1", []string{"Centrum nieuw", "Centrum oud"}},
		{"15", want},
	} {
		if got := titles(w.feed(t, reader, "?radiusKm="+tc.radius)); !sameList(got, tc.want) {
			t.Errorf("radiusKm=%s: %v, want %v", tc.radius, got, tc.want)
		}
	}
	for _, bad := range []string{"0", "16", "x"} {
		if names := invalidNames(t, w.env.call(t, "GET", "/api/v1/posts?radiusKm="+bad, reader.Token, nil)); !names["radiusKm"] {
			t.Errorf("radiusKm=%s: %v", bad, names)
		}
	}
}

// TestFeedExclusions: what never shows in anybody's feed.
func TestFeedExclusions(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	reader := w.resident(t, postcodeCentrum)
	post := func(title string) (testUser, postView) {
		u := w.resident(t, postcodeCentrum)
		w.tick()
		return u, w.post(t, u, postBody("offer", title, nil))
	}
	post("Zichtbaar")
	w.post(t, reader, postBody("offer", "Van mijzelf", nil))
	_, expired := post("Verlopen")
	w.env.exec(t, `UPDATE posts SET expires_at = $2 WHERE id = $1`, expired.ID, w.env.clock.Now())
	_, expiredStatus := post("Verlopen status")
	w.env.exec(t, `UPDATE posts SET status = 'expired' WHERE id = $1`, expiredStatus.ID)
	_, closed := post("Gesloten")
	w.env.exec(t, `UPDATE posts SET status = 'closed' WHERE id = $1`, closed.ID)
	author, withdrawn := post("Ingetrokken")
	w.env.call(t, "DELETE", "/api/v1/posts/"+withdrawn.ID, author.Token, nil)
	_, hidden := post("Verborgen")
	w.env.exec(t, `UPDATE posts SET hidden_at = $2 WHERE id = $1`, hidden.ID, w.env.clock.Now())
	paused, _ := post("Op vakantie")
	decode[map[string]any](t, w.env.call(t, "PUT", "/api/v1/me/pause", paused.Token, map[string]any{"until": nil}), http.StatusOK)
	w.post(t, paused, postBody("request", "Vraag tijdens vakantie", nil)) // a pause stops offers only
	pausedUntil, _ := post("Op vakantie tot volgende week")
	until := w.env.clock.Now().Add(7 * 24 * time.Hour).Format(time.RFC3339)
	decode[map[string]any](t, w.env.call(t, "PUT", "/api/v1/me/pause", pausedUntil.Token, map[string]any{"until": until}), http.StatusOK)
	back, _ := post("Terug van vakantie")
	w.env.exec(t, `UPDATE users SET paused_at = $2, paused_until = $2 WHERE id = $1`, back.ID, w.env.clock.Now())
	blockedByReader, _ := post("Door mij geblokkeerd")
	w.env.call(t, "POST", "/api/v1/blocks/"+blockedByReader.ID, reader.Token, nil)
	blocksReader, _ := post("Blokkeert mij")
	w.env.call(t, "POST", "/api/v1/blocks/"+reader.ID, blocksReader.Token, nil)
	deleted, _ := post("Verwijderd account")
	w.env.exec(t, `UPDATE users SET deleted_at = $2 WHERE id = $1`, deleted.ID, w.env.clock.Now())
	disabled, _ := post("Geblokkeerd account")
	w.env.exec(t, `UPDATE users SET disabled_at = $2 WHERE id = $1`, disabled.ID, w.env.clock.Now())

	got := titles(w.feed(t, reader, ""))
	if !sameList(got, []string{"Terug van vakantie", "Vraag tijdens vakantie", "Zichtbaar"}) {
		t.Errorf("feed = %v, want the visible offer, the one whose pause ended and the paused person's request", got)
	}
	for _, p := range []postView{expired, expiredStatus, closed, withdrawn, hidden} {
		readProblem(t, w.env.call(t, "GET", "/api/v1/posts/"+p.ID, reader.Token, nil), http.StatusNotFound)
	}
}

func TestFeedFilters(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	reader := w.resident(t, postcodeCentrum)
	author := w.resident(t, postcodeHavenkwartier)
	w.post(t, author, postBody("request", "Mijn fiets heeft een lekke band", map[string]any{"category": "vervoer"}))
	w.tick()
	w.post(t, author, postBody("offer", "Ik repareer fietsen", map[string]any{"category": "klussen"}))
	w.tick()
	w.post(t, author, postBody("offer", "Soep voor de buren", map[string]any{"category": "koken",
		"body": "Elke vrijdag kook ik te veel."}))
	w.tick()
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"?kind=request", []string{"Mijn fiets heeft een lekke band"}},
		{"?kind=offer", []string{"Soep voor de buren", "Ik repareer fietsen"}},
		{"?category=koken", []string{"Soep voor de buren"}},
		{"?q=" + url.QueryEscape("fietsen"), []string{"Ik repareer fietsen", "Mijn fiets heeft een lekke band"}},
		{"?q=" + url.QueryEscape("fiets"), []string{"Ik repareer fietsen", "Mijn fiets heeft een lekke band"}},
		{"?q=" + url.QueryEscape("soepen"), []string{"Soep voor de buren"}},
		{"?q=" + url.QueryEscape("\"lekke band\""), []string{"Mijn fiets heeft een lekke band"}},
		{"?q=" + url.QueryEscape("de het"), []string{"Soep voor de buren", "Ik repareer fietsen", "Mijn fiets heeft een lekke band"}},
		{"?q=" + url.QueryEscape("fiets -band"), []string{"Ik repareer fietsen"}},
		{"?kind=offer&q=fietsen", []string{"Ik repareer fietsen"}},
		{"?q=taart", []string{}},
	} {
		if got := titles(w.feed(t, reader, tc.query)); !sameList(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.query, got, tc.want)
		}
	}
	names := invalidNames(t, w.env.call(t, "GET", "/api/v1/posts?kind=gift&limit=0&cursor=x", reader.Token, nil))
	for _, n := range []string{"kind", "limit", "cursor"} {
		if !names[n] {
			t.Errorf("invalidParams misses %s: %v", n, names)
		}
	}
}

// TestFeedCursorPages walks the feed in small pages: every post once, in
// the order of the whole feed, also across equal creation times.
func TestFeedCursorPages(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	reader := w.resident(t, postcodeCentrum)
	var authors []testUser
	for _, pc := range []string{postcodeCentrum, postcodeHavenkwartier, postcodeEsch, postcodeMolenakker, postcodeKerkbuurt} {
		authors = append(authors, w.resident(t, pc))
	}
	for i := 0; i < 23; i++ {
		w.post(t, authors[i%len(authors)], postBody("offer", "Aanbod "+string(rune('A'+i)), map[string]any{"radiusKm": 5}))
		if i%3 == 0 {
			w.tick() // the others share a creation time: the id breaks the tie
		}
	}
	whole := w.feed(t, reader, "?limit=100")
	if len(whole.Items) != 23 {
		t.Fatalf("whole feed has %d posts, want 23", len(whole.Items))
	}
	var walked []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("too many pages")
		}
		page := w.feed(t, reader, "?limit=4"+cursor)
		walked = append(walked, titles(page)...)
		if page.NextCursor == nil {
			break
		}
		cursor = "&cursor=" + url.QueryEscape(*page.NextCursor)
	}
	if !sameList(walked, titles(whole)) {
		t.Errorf("pages = %v\nwhole = %v", walked, titles(whole))
	}
}
