package matching

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

var categories = []string{"klussen", "koken", "tuin", "gezelschap", "vervoer", "computer"}

func randomCategories(r *rand.Rand) []string {
	var out []string
	for _, c := range categories {
		if r.IntN(3) == 0 {
			out = append(out, c)
		}
	}
	return out
}

func randomPair(r *rand.Rand) Pair {
	return Pair{
		Bordering: r.IntN(4) == 0, DistanceKm: float64(r.IntN(60)) / 10,
		HelpedRequester: r.IntN(8) / 6, HelpedByRequester: r.IntN(8) / 6,
		Blocked: r.IntN(30) == 0, Declined: r.IntN(30) == 0,
	}
}

func randomResident(r *rand.Rand, id string) Resident {
	given := r.IntN(10)
	return Resident{
		PersonID: id, Neighbourhood: fmt.Sprint("BU0", r.IntN(4)), District: fmt.Sprint("WK0", r.IntN(2)),
		RadiusKm: float64(r.IntN(5)), Offers: randomCategories(r), HelpedIn: randomCategories(r),
		Availability: Slots(r.Uint32()) & AllSlots, Given: given, Received: r.IntN(10),
		OpenCommitments: r.IntN(4), RecentExchanges: r.IntN(6), Completed: given, Thanks: r.IntN(given + 1),
		MemberSince: t0.AddDate(0, 0, -r.IntN(400)), Paused: r.IntN(30) == 0, Deleted: r.IntN(50) == 0,
	}
}

func randomCandidates(r *rand.Rand, n int) []Candidate {
	out := make([]Candidate, n)
	for i := range out {
		out[i] = Candidate{Resident: randomResident(r, fmt.Sprintf("p%04d", i)), Pair: randomPair(r)}
		if r.IntN(2) == 0 {
			out[i].OfferID = fmt.Sprint("o", i)
		}
	}
	return out
}

func randomRequests(r *rand.Rand, n int) []RequestCandidate {
	out := make([]RequestCandidate, n)
	for i := range out {
		req := baseRequest()
		req.ID, req.RequesterID = fmt.Sprintf("r%04d", i), fmt.Sprintf("p%04d", r.IntN(n))
		req.Category = categories[r.IntN(len(categories))]
		req.Neighbourhood, req.RadiusKm = fmt.Sprint("BU0", r.IntN(4)), float64(1+r.IntN(5))
		req.RequesterGiven, req.RequesterReceived = r.IntN(5), r.IntN(5)
		if r.IntN(2) == 0 {
			start := t0.Add(time.Duration(r.IntN(24*7)) * time.Hour)
			req.Moment = Window{Start: start, End: start.Add(2 * time.Hour)}
		}
		out[i] = RequestCandidate{Request: req, Pair: randomPair(r), Responses: r.IntN(3)}
	}
	return out
}

func TestReasonsOneToThree(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 3))
	nl := Texts("nl")
	check := func(t *testing.T, s Suggestion) {
		t.Helper()
		if len(s.Reasons) < 1 || len(s.Reasons) > MaxReasons {
			t.Fatalf("%s: %d reasons", s.ID, len(s.Reasons))
		}
		keys := map[string]bool{}
		for _, x := range s.Reasons {
			if nl[x.Key] == "" || keys[x.Key] {
				t.Fatalf("%s: unknown or repeated reason %q", s.ID, x.Key)
			}
			keys[x.Key] = true
		}
	}
	req := baseRequest()
	req.Moment = Window{Start: t0, End: t0.Add(time.Hour)}
	for _, s := range Rank(req, randomCandidates(r, 500), DefaultWeights(), 0) {
		check(t, s)
	}
	for _, s := range RankRequests(helper("h").Resident, randomRequests(r, 500), DefaultWeights(), 0) {
		check(t, s)
	}
}

func TestReasonsMostImportantFirst(t *testing.T) {
	t.Parallel()
	c := helper("a")
	c.HelpedRequester, c.Completed, c.Thanks = 1, 12, 7
	got := Rank(baseRequest(), []Candidate{c}, DefaultWeights(), 1)[0].Reasons
	want := []Reason{
		{Key: ReasonSameNeighbourhood},
		{Key: ReasonOffersCategory, Category: "klussen"},
		{Key: ReasonTheyHelpedYou},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// Far away, the distance reason drops behind the category.
	c = far(helper("b"), 3.04)
	got = Rank(baseRequest(), []Candidate{c}, DefaultWeights(), 1)[0].Reasons
	if got[0].Key != ReasonOffersCategory || got[1] != (Reason{Key: ReasonDistance, Km: 3}) {
		t.Errorf("far: got %v", got)
	}
}

func TestNewcomerGetsFirstChance(t *testing.T) {
	t.Parallel()
	newcomer, regular := helper("z-new"), helper("a-regular")
	newcomer.MemberSince = t0.AddDate(0, 0, -10)
	newcomer.Given, newcomer.Completed, newcomer.Received = 0, 0, 0
	regular.Given, regular.Completed, regular.Received = 1, 1, 1
	if !ranksAbove(t, baseRequest(), newcomer, regular) {
		t.Error("a newcomer should rank above a regular with one exchange")
	}
	old := newcomer
	old.MemberSince = t0.AddDate(-1, 0, 0)
	if ranksAbove(t, baseRequest(), old, regular) {
		t.Error("a long-time member who never helped is no newcomer")
	}
}

func TestFitRanksHigher(t *testing.T) {
	t.Parallel()
	req := baseRequest()
	req.Moment = Window{Start: t0, End: t0.Add(2 * time.Hour)} // Saturday morning
	tests := []struct {
		name       string
		good, poor func(*Candidate)
	}{
		{"offers the category", func(*Candidate) {}, func(c *Candidate) { c.Offers = []string{"koken"} }},
		{"helped in the category", func(c *Candidate) { c.HelpedIn = []string{"klussen"} }, func(*Candidate) {}},
		{"free at the moment", func(c *Candidate) { c.Availability = Slot(time.Saturday, Morning) },
			func(c *Candidate) { c.Availability = Slot(time.Monday, Evening) }},
		{"known free beats unknown", func(c *Candidate) { c.Availability = Slot(time.Saturday, Morning) }, func(*Candidate) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			good, poor := helper("z-good"), helper("a-poor")
			tt.good(&good)
			tt.poor(&poor)
			if !ranksAbove(t, req, good, poor) {
				t.Error("better fit should rank higher")
			}
		})
	}
}

func TestOnePersonOnceAndLimit(t *testing.T) {
	t.Parallel()
	a1, a2 := helper("a"), helper("a")
	a1.OfferID, a2.OfferID = "o1", "o2"
	a2.Offers = nil // o2 is a worse fit
	got := Rank(baseRequest(), []Candidate{a2, helper("b"), a1, helper("c")}, DefaultWeights(), 2)
	if len(got) != 2 || got[0].ID != "a" || got[0].OfferID != "o1" || got[1].ID != "b" {
		t.Errorf("got %+v", got)
	}
}

func TestRankRequestsFromHelperSide(t *testing.T) {
	t.Parallel()
	h := helper("h").Resident
	near := RequestCandidate{Request: baseRequest(), Responses: 1}
	near.ID = "near"
	quiet := RequestCandidate{Request: baseRequest(), Pair: Pair{Bordering: true, DistanceKm: 1}}
	quiet.ID, quiet.Neighbourhood = "quiet", "BU02"
	farAway := RequestCandidate{Request: baseRequest(), Pair: Pair{DistanceKm: 4}, Responses: 1}
	farAway.ID, farAway.Neighbourhood, farAway.District = "far", "BU09", "WK09"
	got := RankRequests(h, []RequestCandidate{farAway, quiet, near}, DefaultWeights(), 0)
	if fmt.Sprint(ids(got)) != "[near quiet far]" {
		t.Fatalf("got %v", ids(got))
	}
	if got[0].Reasons[1].Key != ReasonMatchesYourOffer {
		t.Errorf("reasons for helper: %v", got[0].Reasons)
	}
	if !hasReason(got[1], ReasonNoResponsesYet) {
		t.Errorf("quiet request should say nobody responded: %v", got[1].Reasons)
	}
	h.Paused = true
	if len(RankRequests(h, []RequestCandidate{near}, DefaultWeights(), 0)) != 0 {
		t.Error("a paused helper gets no requests")
	}
}

func hasReason(s Suggestion, key string) bool {
	for _, r := range s.Reasons {
		if r.Key == key {
			return true
		}
	}
	return false
}

func TestTextsComplete(t *testing.T) {
	t.Parallel()
	nl, en := Texts("nl"), Texts("en")
	if len(nl) != len(en) || len(nl) != 18 {
		t.Fatalf("nl has %d texts, en %d; want 18 each", len(nl), len(en))
	}
	for key, text := range nl {
		if en[key] == "" {
			t.Errorf("%s: no English text", key)
		}
		for _, ph := range []string{"{category}", "{count}", "{km}"} {
			if strings.Contains(text, ph) != strings.Contains(en[key], ph) {
				t.Errorf("%s: placeholder %s differs between nl and en", key, ph)
			}
		}
	}
}

func TestWindowSlots(t *testing.T) {
	t.Parallel()
	sat := func(h int) time.Time { return time.Date(2025, 3, 1, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		w    Window
		want Slots
	}{
		{"none", Window{}, 0},
		{"start only", Window{Start: sat(9)}, Slot(time.Saturday, Morning)},
		{"morning", Window{Start: sat(9), End: sat(12)}, Slot(time.Saturday, Morning)},
		{"morning into afternoon", Window{Start: sat(11), End: sat(13)}, Slot(time.Saturday, Morning) | Slot(time.Saturday, Afternoon)},
		{"evening to sunday morning", Window{Start: sat(20), End: sat(20).Add(14 * time.Hour)},
			Slot(time.Saturday, Evening) | Slot(time.Sunday, Morning)},
		{"two weeks", Window{Start: sat(0), End: sat(0).AddDate(0, 0, 14)}, AllSlots},
	}
	for _, tt := range tests {
		if got := tt.w.Slots(); got != tt.want {
			t.Errorf("%s: got %021b, want %021b", tt.name, got, tt.want)
		}
	}
}
