package sim

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/noaber/noaber/matching"
)

// Policy decides whom to notify about a request. The notice board is
// there in every policy: helpers browse it whatever else happens.
type Policy int

// The policies compared.
const (
	// Ranker notifies the top helpers from matching.Rank.
	Ranker Policy = iota
	// NoticeBoard notifies nobody: posts wait on the board, newest first.
	NoticeBoard
	// Nearest notifies the helpers who live nearest (real home distance).
	Nearest
	// NearestInCategory notifies the nearest helpers who offer the
	// category, then the nearest others: a stronger baseline than asked for.
	NearestInCategory
)

// Policies lists all policies in report order.
var Policies = []Policy{Ranker, NoticeBoard, Nearest, NearestInCategory}

func (p Policy) String() string {
	return [...]string{"ranker (ours)", "notice board", "nearest-first", "nearest in category"}[p]
}

func (p Policy) notifies() bool { return p != NoticeBoard }

// choose returns the helpers to notify this round for request id.
func (r *run) choose(id int) []int {
	var hs []int
	for _, h := range r.w.pool {
		if r.eligible(id, h) && !slices.Contains(r.status[id].notified, h) && !r.capped(h) {
			hs = append(hs, h)
		}
	}
	if r.policy == Ranker {
		return r.rank(id, hs)
	}
	q := r.w.requests[id]
	slices.SortFunc(hs, func(a, b int) int {
		if r.policy == NearestInCategory {
			ia, ib := contains(r.w.residents[a].offers, q.category), contains(r.w.residents[b].offers, q.category)
			if ia != ib && ia {
				return -1
			} else if ia != ib {
				return 1
			}
		}
		return cmp.Or(cmp.Compare(r.w.realKm(a, q.requester), r.w.realKm(b, q.requester)), cmp.Compare(a, b))
	})
	return hs[:min(len(hs), r.w.cfg.NotifyTop)]
}

func (r *run) rank(id int, hs []int) []int {
	q := r.w.requests[id]
	cands := make([]matching.Candidate, len(hs))
	for i, h := range hs {
		cands[i] = r.candidate(q, h)
	}
	sugg := matching.Rank(r.matchingRequest(q), cands, r.w.cfg.Weights, r.w.cfg.NotifyTop)
	out := make([]int, len(sugg))
	for i, s := range sugg {
		out[i] = hs[slices.IndexFunc(hs, func(h int) bool { return r.w.residents[h].id == s.ID })]
	}
	return out
}

// matchingRequest is what the app would know about a request.
func (r *run) matchingRequest(q request) matching.Request {
	return matching.Request{
		ID: fmt.Sprint("r", q.id), RequesterID: r.w.residents[q.requester].id, Category: q.category,
		Neighbourhood: r.w.neighbourhood(q.requester), District: r.w.district(q.requester),
		RadiusKm: q.radiusKm, Moment: q.moment, Created: r.w.timeOf(q.created),
		RequesterGiven: r.givenBy(q.requester), RequesterReceived: r.receivedBy(q.requester),
	}
}

// candidate is what the app would know about a helper: no willingness,
// no home address, only the neighbourhood and the ledger.
func (r *run) candidate(q request, h int) matching.Candidate {
	p := r.w.residents[h]
	return matching.Candidate{
		Resident: matching.Resident{
			PersonID: p.id, Neighbourhood: r.w.neighbourhood(h), District: r.w.district(h),
			RadiusKm: p.radiusKm, Offers: p.offers, HelpedIn: r.helpedIn[h], Availability: p.avail,
			Given: r.givenBy(h), Received: r.receivedBy(h), OpenCommitments: r.open[h],
			RecentExchanges: r.recentCount(h), Completed: r.givenBy(h), Thanks: p.thanks0 + r.thanks[h],
			MemberSince: p.memberSince,
		},
		Pair: matching.Pair{
			Bordering: r.w.bordering(h, q.requester), DistanceKm: r.w.centroidKm(h, q.requester),
			HelpedRequester: r.pairs[[2]int{h, q.requester}], HelpedByRequester: r.pairs[[2]int{q.requester, h}],
		},
	}
}

// eligible: the hard rules, the same for every policy and for the board.
func (r *run) eligible(id, h int) bool {
	q := r.w.requests[id]
	if h == q.requester || !r.active(h) || r.w.blocks[pairKey(h, q.requester)] || r.judged[[2]int{id, h}] {
		return false
	}
	km := r.w.centroidKm(h, q.requester)
	return km <= q.radiusKm && km <= r.w.residents[h].radiusKm
}

// active: not on holiday and not deleted.
func (r *run) active(h int) bool {
	p := r.w.residents[h]
	if p.deletedAt >= 0 && r.now >= p.deletedAt {
		return false
	}
	return r.now < p.pausedFrom || r.now >= p.pausedTo
}

func (r *run) capped(h int) bool {
	return r.capDay[h] == r.now/24 && r.capCount[h] >= r.w.cfg.DailyCap
}

// acceptP is the chance helper h says yes to request id when they look at it.
func (r *run) acceptP(id, h int) float64 {
	cfg, q, p := r.w.cfg, r.w.requests[id], r.w.residents[h]
	prob := p.willing * math.Exp(-r.w.realKm(h, q.requester)/cfg.AcceptDecayKm)
	prob *= math.Exp(-cfg.LoadOpen*float64(r.open[h]) - cfg.LoadRecent*float64(r.recentCount(h)))
	if !contains(p.offers, q.category) {
		prob *= cfg.OffSkillFactor
	}
	if !q.moment.IsZero() && q.moment.Slots()&p.avail == 0 {
		prob *= cfg.MomentMissed
	}
	if r.pairs[[2]int{h, q.requester}]+r.pairs[[2]int{q.requester, h}] > 0 {
		prob *= cfg.FamiliarFactor
	}
	return min(prob, 1)
}

func (r *run) givenBy(i int) int    { return r.w.residents[i].given0 + r.given[i] }
func (r *run) receivedBy(i int) int { return r.w.residents[i].received0 + r.received[i] }

// recentCount counts exchanges given in the last 30 days.
func (r *run) recentCount(i int) int {
	n := 0
	for _, at := range r.recent[i] {
		if r.now-at < 30*24 {
			n++
		}
	}
	return n
}
