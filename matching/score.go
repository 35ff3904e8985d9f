package matching

import (
	"math"
	"time"
)

// part names one contribution to a score.
type part int

// The parts of a score, in the order reasons are preferred on a tie.
const (
	partProximity part = iota
	partOffers
	partTheyHelpedYou
	partYouHelpedThem
	partHelpedIn
	partMoment
	partRequesterGave
	partGiveBack
	partNewcomer
	partNoResponses
	partCompleted
	partThanks
	partLoad
	numParts
)

// side says from whose point of view reasons are written.
type side int

const (
	requesterSide side = iota // Rank: the requester (or broker) reads
	helperSide                // RankRequests: the helper reads
)

// parts holds the contributions of one pair; their sum is the score.
type parts [numParts]float64

// total adds the parts up in a fixed order, so equal facts give bit-equal scores.
func (p *parts) total() float64 {
	var s float64
	for _, v := range p {
		s += v
	}
	return s
}

// facts is everything the score needs about one helper–request pair.
type facts struct {
	req       *Request
	helper    *Resident
	pair      *Pair
	responses int
	side      side
}

// score fills p with the contributions for f.
func score(f facts, w *Weights, p *parts) {
	*p = parts{}
	p[partProximity] = w.Proximity * proximity(f, w)
	fit(f, w, p)
	reciprocity(f, w, p)
	fairness(f, w, p)
	trust(f, w, p)
}

// tier is where the helper lives relative to the request.
type tier int

const (
	tierSameNeighbourhood tier = iota
	tierBordering
	tierSameDistrict
	tierFar
)

// tierOf places the pair. An empty area code never matches.
func tierOf(f facts) tier {
	switch {
	case f.req.Neighbourhood != "" && f.req.Neighbourhood == f.helper.Neighbourhood:
		return tierSameNeighbourhood
	case f.pair.Bordering:
		return tierBordering
	case f.req.District != "" && f.req.District == f.helper.District:
		return tierSameDistrict
	}
	return tierFar
}

// proximity is 0–1: the tier's fraction, and within a tier up to 10% for
// being closer. The tiers never overlap while the factors are ordered.
func proximity(f facts, w *Weights) float64 {
	decay := math.Exp(-f.pair.DistanceKm / math.Max(w.DecayKm, 0.1))
	switch tierOf(f) {
	case tierSameNeighbourhood:
		return 0.9 + 0.1*decay
	case tierBordering:
		return w.BorderingFactor * (0.9 + 0.1*decay)
	case tierSameDistrict:
		return w.DistrictFactor * (0.9 + 0.1*decay)
	}
	return w.FarFactor * decay
}

func fit(f facts, w *Weights, p *parts) {
	if contains(f.helper.Offers, f.req.Category) {
		p[partOffers] = w.OffersCategory
	}
	if contains(f.helper.HelpedIn, f.req.Category) {
		p[partHelpedIn] = w.HelpedInCategory
	}
	want := f.req.Moment.Slots()
	switch {
	case want == 0 || f.helper.Availability == 0:
	case want&f.helper.Availability != 0:
		p[partMoment] = w.MomentFits
	default:
		p[partMoment] = -w.MomentFits / 2
	}
}

func reciprocity(f facts, w *Weights, p *parts) {
	// From the reader's side "they helped you" is the requester being
	// helped by the helper (Rank) or the helper by the requester (RankRequests).
	theyHelped, youHelped := f.pair.HelpedRequester, f.pair.HelpedByRequester
	if f.side == helperSide {
		theyHelped, youHelped = youHelped, theyHelped
	}
	if theyHelped > 0 {
		p[partTheyHelpedYou] = w.DirectReciprocity
	}
	if youHelped > 0 {
		p[partYouHelpedThem] = w.DirectReciprocity * 1.1 // returning a favour weighs a bit more
	}
	if g, r := f.req.RequesterGiven, f.req.RequesterReceived; g > 0 {
		p[partRequesterGave] = w.RequesterGave * float64(g) / float64(g+r)
	}
	if h := f.helper; h.Received > h.Given {
		p[partGiveBack] = w.GiveBack * float64(h.Received-h.Given) / float64(h.Received)
	}
}

func fairness(f facts, w *Weights, p *parts) {
	h := f.helper
	open := min(max(h.OpenCommitments, 0), w.MaxLoadCount)
	recent := min(max(h.RecentExchanges, 0), w.MaxLoadCount)
	p[partLoad] = -(w.OpenCommitment*float64(open) + w.RecentExchange*float64(recent))
	if isNewcomer(h, f.req.Created, w.NewcomerDays) {
		p[partNewcomer] = w.Newcomer
	}
	if f.side == helperSide && f.responses == 0 {
		p[partNoResponses] = w.NoResponses
	}
}

// isNewcomer: joined recently (relative to the request, so no clock is
// needed) and not yet helped anyone.
func isNewcomer(h *Resident, at time.Time, days int) bool {
	if h.Completed > 0 || h.Given > 0 || h.MemberSince.IsZero() {
		return false
	}
	return at.Sub(h.MemberSince) < time.Duration(days)*24*time.Hour
}

func trust(f facts, w *Weights, p *parts) {
	p[partCompleted] = w.Completed * saturate(f.helper.Completed, w.TrustSaturation)
	p[partThanks] = w.Thanks * saturate(f.helper.Thanks, w.TrustSaturation/2)
}

// saturate maps a count to 0–1 logarithmically, reaching 1 at full.
func saturate(n, full int) float64 {
	if n <= 0 {
		return 0
	}
	if full < 1 {
		full = 1
	}
	return math.Min(1, math.Log1p(float64(n))/math.Log1p(float64(full)))
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
