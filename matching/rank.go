package matching

import (
	"cmp"
	"math"
	"slices"
)

// scored is one eligible candidate during ranking.
type scored struct {
	index int
	score float64
	id    string
	sub   string // offer id, to order one person's several offers
}

// Rank ranks the candidates for a request, best first, and returns at most
// limit suggestions (all eligible ones when limit <= 0). Each person appears
// once, with their best offer. The candidates slice is not modified.
func Rank(req Request, candidates []Candidate, w Weights, limit int) []Suggestion {
	list := make([]scored, 0, len(candidates))
	var p parts
	for i := range candidates {
		c := &candidates[i]
		f := facts{req: &req, helper: &c.Resident, pair: &c.Pair, side: requesterSide}
		if !eligible(f) {
			continue
		}
		score(f, &w, &p)
		list = append(list, scored{index: i, score: p.total(), id: c.PersonID, sub: c.OfferID})
	}
	list = best(list, limit)
	out := make([]Suggestion, len(list))
	reasons := make([]Reason, 0, MaxReasons*len(list))
	for k, s := range list {
		c := &candidates[s.index]
		f := facts{req: &req, helper: &c.Resident, pair: &c.Pair, side: requesterSide}
		out[k] = suggest(s, c.OfferID, f, &w, &p, &reasons)
	}
	return out
}

// RankRequests ranks open requests a resident could answer, best first,
// scored the same way as Rank, with reasons written for the helper. It
// returns at most limit suggestions (all when limit <= 0), none when the
// helper is paused or deleted.
func RankRequests(helper Resident, requests []RequestCandidate, w Weights, limit int) []Suggestion {
	list := make([]scored, 0, len(requests))
	var p parts
	for i := range requests {
		r := &requests[i]
		f := facts{req: &r.Request, helper: &helper, pair: &r.Pair, responses: r.Responses, side: helperSide}
		if !eligible(f) {
			continue
		}
		score(f, &w, &p)
		list = append(list, scored{index: i, score: p.total(), id: r.ID})
	}
	list = best(list, limit)
	out := make([]Suggestion, len(list))
	reasons := make([]Reason, 0, MaxReasons*len(list))
	for k, s := range list {
		r := &requests[s.index]
		f := facts{req: &r.Request, helper: &helper, pair: &r.Pair, responses: r.Responses, side: helperSide}
		out[k] = suggest(s, "", f, &w, &p, &reasons)
	}
	return out
}

// eligible applies the hard rules, which no score can outweigh.
func eligible(f facts) bool {
	h, pr, req := f.helper, f.pair, f.req
	switch {
	case h.PersonID == req.RequesterID, h.Paused, h.Deleted, pr.Blocked, pr.Declined:
		return false
	case math.IsNaN(pr.DistanceKm), pr.DistanceKm < 0:
		return false
	}
	return within(pr.DistanceKm, req.RadiusKm) && within(pr.DistanceKm, h.RadiusKm)
}

// within: a radius of 0 means no limit was set.
func within(km, radius float64) bool {
	return radius <= 0 || km <= radius
}

// best sorts by score (high first), then id and sub-id, keeps each id once
// and cuts at limit. The order is total, so the input order never matters.
func best(list []scored, limit int) []scored {
	slices.SortFunc(list, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := cmp.Compare(a.id, b.id); c != 0 {
			return c
		}
		return cmp.Compare(a.sub, b.sub)
	})
	out := list[:0]
	for _, s := range list {
		if limit > 0 && len(out) == limit {
			break
		}
		if !seen(out, s.id) {
			out = append(out, s)
		}
	}
	return out
}

// seen is a linear scan: results are short, and a map would allocate.
func seen(list []scored, id string) bool {
	for _, s := range list {
		if s.id == id {
			return true
		}
	}
	return false
}

// suggest builds one suggestion, taking its reasons from the shared buffer.
func suggest(s scored, offerID string, f facts, w *Weights, p *parts, buf *[]Reason) Suggestion {
	score(f, w, p)
	start := len(*buf)
	*buf = appendReasons(*buf, f, p)
	return Suggestion{ID: s.id, OfferID: offerID, Score: s.score, Reasons: (*buf)[start:len(*buf):len(*buf)]}
}
