package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC) // a Saturday morning

func baseRequest() Request {
	return Request{
		ID: "req-1", RequesterID: "asker", Category: "klussen",
		Neighbourhood: "BU01", District: "WK01", RadiusKm: 5, Created: t0,
	}
}

// helper returns a plain candidate in the requester's own neighbourhood.
func helper(id string) Candidate {
	return Candidate{
		Resident: Resident{
			PersonID: id, Neighbourhood: "BU01", District: "WK01",
			Offers: []string{"klussen"}, MemberSince: t0.AddDate(-2, 0, 0),
			Given: 3, Received: 3, Completed: 3,
		},
		Pair: Pair{DistanceKm: 0},
	}
}

// far moves a candidate to another district at km.
func far(c Candidate, km float64) Candidate {
	c.Neighbourhood, c.District, c.Bordering, c.DistanceKm = "BU99", "WK09", false, km
	return c
}

func ids(s []Suggestion) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = x.ID
	}
	return out
}

// ranksAbove reports whether a comes before b when both are ranked.
func ranksAbove(t *testing.T, req Request, a, b Candidate) bool {
	t.Helper()
	got := ids(Rank(req, []Candidate{b, a}, DefaultWeights(), 0))
	if len(got) != 2 {
		t.Fatalf("want both candidates ranked, got %v", got)
	}
	return got[0] == a.PersonID
}

func TestCloserRanksHigher(t *testing.T) {
	t.Parallel()
	bordering := helper("b")
	bordering.Neighbourhood, bordering.Bordering, bordering.DistanceKm = "BU02", true, 1.2
	district := helper("c")
	district.Neighbourhood, district.DistanceKm = "BU03", 1.0 // closer than bordering, still below it
	tests := []struct {
		name        string
		near, other Candidate
	}{
		{"same neighbourhood beats far away", helper("a"), far(helper("z"), 4)},
		{"same neighbourhood beats bordering", helper("a"), bordering},
		{"bordering beats same district", bordering, district},
		{"same district beats far but closer", district, far(helper("z"), 0.9)},
		{"far: nearer beats farther", far(helper("y"), 1.5), far(helper("z"), 4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !ranksAbove(t, baseRequest(), tt.near, tt.other) {
				t.Errorf("%s should rank above %s", tt.near.PersonID, tt.other.PersonID)
			}
		})
	}
}

func TestOverloadedHelperRanksBelowIdle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		open, recent int
	}{
		{"one open commitment", 1, 0},
		{"three open commitments", 3, 0},
		{"many recent exchanges", 0, 6},
		{"both", 2, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// The busy helper gets the id that would win a tie, so only the
			// load can put them below.
			busy, idle := helper("a-busy"), helper("b-idle")
			busy.OpenCommitments, busy.RecentExchanges = tt.open, tt.recent
			if !ranksAbove(t, baseRequest(), idle, busy) {
				t.Errorf("idle helper should rank above one with %d open, %d recent", tt.open, tt.recent)
			}
		})
	}
}

func TestHelpedEachOtherRanksHigher(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name             string
		helped, helpedBy int
	}{
		{"helper helped the requester", 1, 0},
		{"requester helped the helper", 0, 1},
		{"both ways", 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			known, stranger := helper("z-known"), helper("a-stranger")
			known.HelpedRequester, known.HelpedByRequester = tt.helped, tt.helpedBy
			if !ranksAbove(t, baseRequest(), known, stranger) {
				t.Error("pair with history should rank above a stranger")
			}
			// The same from the helper's side.
			h := helper("h").Resident
			rs := []RequestCandidate{{Request: baseRequest()}, {Request: baseRequest()}}
			rs[0].ID, rs[1].ID = "a-stranger", "z-known"
			rs[1].HelpedRequester, rs[1].HelpedByRequester = tt.helped, tt.helpedBy
			if got := ids(RankRequests(h, rs, DefaultWeights(), 0)); got[0] != "z-known" {
				t.Errorf("helper side: got %v, want z-known first", got)
			}
		})
	}
}

func TestHardRulesExclude(t *testing.T) {
	t.Parallel()
	// Each excluded candidate is otherwise the best one: same neighbourhood,
	// offers the category, helped the requester, much thanked.
	star := func(mod func(*Candidate)) Candidate {
		c := helper("x")
		c.HelpedRequester, c.Thanks, c.Completed = 3, 10, 10
		mod(&c)
		return c
	}
	tests := []struct {
		name string
		mod  func(*Candidate)
	}{
		{"self", func(c *Candidate) { c.PersonID = "asker" }},
		{"blocked", func(c *Candidate) { c.Blocked = true }},
		{"paused", func(c *Candidate) { c.Paused = true }},
		{"deleted", func(c *Candidate) { c.Deleted = true }},
		{"declined", func(c *Candidate) { c.Declined = true }},
		{"outside request radius", func(c *Candidate) { *c = far(*c, 5.1) }},
		{"outside own offer radius", func(c *Candidate) { *c = far(*c, 3); c.RadiusKm = 2 }},
		{"unknown distance", func(c *Candidate) { c.DistanceKm = math.NaN() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			bad := star(tt.mod)
			cands := []Candidate{helper("ok1"), bad, far(helper("ok2"), 4.9)}
			got := ids(Rank(baseRequest(), cands, DefaultWeights(), 0))
			if !reflect.DeepEqual(got, []string{"ok1", "ok2"}) {
				t.Errorf("got %v, want [ok1 ok2]", got)
			}
			checkHelperSide(t, bad)
		})
	}
}

// checkHelperSide: the same exclusion must hold when the excluded person
// looks for requests.
func checkHelperSide(t *testing.T, bad Candidate) {
	t.Helper()
	r := RequestCandidate{Request: baseRequest(), Pair: bad.Pair}
	if got := RankRequests(bad.Resident, []RequestCandidate{r}, DefaultWeights(), 0); len(got) != 0 {
		t.Errorf("helper side: request should be hidden, got %v", ids(got))
	}
}

func TestRankIndependentOfInputOrder(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 5; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(seed, 7))
			cands := randomCandidates(r, 300)
			// Exact twins (different ids) force ties that only the id breaks.
			twin := cands[0]
			twin.PersonID = "twin"
			// One person with two equally good offers: the offer id decides.
			second := cands[1]
			second.OfferID = second.OfferID + "-second"
			cands = append(cands, twin, second)
			for _, limit := range []int{0, 3, 25} {
				want := Rank(baseRequest(), cands, DefaultWeights(), limit)
				for range 10 {
					shuffled := slices.Clone(cands)
					r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
					if got := Rank(baseRequest(), shuffled, DefaultWeights(), limit); !reflect.DeepEqual(got, want) {
						t.Fatalf("limit %d: order depends on input order", limit)
					}
				}
			}
		})
	}
}

func TestRankRequestsIndependentOfInputOrder(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(11, 7))
	reqs := randomRequests(r, 200)
	h := helper("h").Resident
	want := RankRequests(h, reqs, DefaultWeights(), 0)
	for range 10 {
		shuffled := slices.Clone(reqs)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := RankRequests(h, shuffled, DefaultWeights(), 0); !reflect.DeepEqual(got, want) {
			t.Fatal("order depends on input order")
		}
	}
}
