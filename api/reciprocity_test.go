package api_test

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"
)

type reciprocityView struct {
	Given, Received struct {
		Count int
		Hours float64
	}
	ByCategory []struct {
		Category        string
		Given, Received int
	}
	ByMonth []struct {
		Month           string
		Given, Received int
	}
	InviteToGive bool
}

func TestReciprocity(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	a, b, c := w.author, w.responder, w.third
	get := func(u *testUser) reciprocityView {
		return decode[reciprocityView](t, w.env.call(t, "GET", "/api/v1/me/reciprocity", u.Token, nil), http.StatusOK)
	}
	empty := get(a)
	if empty.Given.Count != 0 || empty.Received.Count != 0 || empty.ByCategory == nil || len(empty.ByCategory) != 0 ||
		len(empty.ByMonth) != 12 || empty.InviteToGive {
		t.Errorf("nothing yet: %+v", empty)
	}

	year := w.env.clock.Now().Year() + 1
	w.advance(t, time.Date(year, 3, 10, 12, 0, 0, 0, time.UTC).Sub(w.env.clock.Now()))
	w.complete(t, a, b, 2) // a received from b, 2 hours, klussen
	// 22:30 UTC on 31 May is already June in Amsterdam (CEST).
	w.advance(t, time.Date(year, 5, 31, 22, 30, 0, 0, time.UTC).Sub(w.env.clock.Now()))
	w.complete(t, a, b, nil)
	garden := w.env.newPost(t, a, "request", "once")
	w.env.exec(t, `UPDATE posts SET category_code = 'tuin' WHERE id = $1`, garden)
	x := w.accept(t, a, w.respond(t, c, garden).ID)
	decode[exchangeView](t, w.answer(t, c, x.ID, map[string]any{"happened": true, "hours": 1.5}), http.StatusOK)
	decode[exchangeView](t, w.answer(t, a, x.ID, map[string]any{"happened": true}), http.StatusOK)

	r := get(a)
	if r.Given.Count != 0 || r.Given.Hours != 0 || r.Received.Count != 3 || r.Received.Hours != 3.5 || !r.InviteToGive {
		t.Errorf("a: given %+v received %+v invite %v", r.Given, r.Received, r.InviteToGive)
	}
	if len(r.ByCategory) != 2 || r.ByCategory[0].Category != "klussen" || r.ByCategory[0].Received != 2 ||
		r.ByCategory[1].Category != "tuin" || r.ByCategory[1].Received != 1 || r.ByCategory[1].Given != 0 {
		t.Errorf("a by category: %+v", r.ByCategory)
	}
	months := map[string][2]int{}
	var order []string
	for _, m := range r.ByMonth {
		months[m.Month] = [2]int{m.Given, m.Received}
		order = append(order, m.Month)
	}
	var want []string
	for i := 0; i < 12; i++ {
		want = append(want, time.Date(year-1, time.July+time.Month(i), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"))
	}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("months %v, want %v", order, want)
	}
	march, may, june := fmt.Sprintf("%d-03", year), fmt.Sprintf("%d-05", year), fmt.Sprintf("%d-06", year)
	if months[march] != [2]int{0, 1} || months[may] != [2]int{0, 0} || months[june] != [2]int{0, 2} {
		t.Errorf("a by month: march %v may %v june %v", months[march], months[may], months[june])
	}
	if rb := get(b); rb.Given.Count != 2 || rb.Given.Hours != 2 || rb.Received.Count != 0 || rb.InviteToGive {
		t.Errorf("b: %+v", rb)
	}

	// a gives back: once is not enough (3 ≥ 3 × 1), twice is (3 < 3 × 2).
	w.complete(t, b, a, 1)
	if r := get(a); r.Given.Count != 1 || !r.InviteToGive {
		t.Errorf("after giving once: given %d invite %v", r.Given.Count, r.InviteToGive)
	}
	w.complete(t, c, a, nil)
	if r := get(a); r.Given.Count != 2 || r.Given.Hours != 1 || r.InviteToGive {
		t.Errorf("after giving twice: given %+v invite %v", r.Given, r.InviteToGive)
	}

	profile := decode[map[string]any](t, w.env.call(t, "GET", "/api/v1/users/"+a.ID, w.broker.Token, nil), http.StatusOK)
	if profile["given"] != float64(2) || profile["received"] != float64(3) {
		t.Errorf("profile counts: given %v received %v", profile["given"], profile["received"])
	}
	profile = decode[map[string]any](t, w.env.call(t, "GET", "/api/v1/users/"+w.admin.ID, a.Token, nil), http.StatusOK)
	if profile["given"] != float64(0) || profile["received"] != float64(0) {
		t.Errorf("profile without exchanges: %v", profile)
	}
}
