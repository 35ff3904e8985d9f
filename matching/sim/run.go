package sim

import (
	"math"
	"slices"
)

// Kinds of random draw (see uniform).
const (
	drawSee uint64 = iota + 1
	drawAccept
	drawDelay
	drawBrowse
	drawBoard
	drawThanks
	drawDone
)

// reply is a notified or browsing helper's yes, arriving at some hour.
type reply struct{ req, helper int }

// status is a request's progress in one run.
type status struct {
	matchedAt int // -1 while open
	helper    int
	lastRound int
	lowGiver  bool // requester had given at most once when asking
	notified  []int
	helperLow bool // the helper had given at most once when matched
}

// run is one policy on one World; the World is never changed.
type run struct {
	w        *World
	policy   Policy
	now      int
	given    []int // during the run
	received []int
	thanks   []int
	open     []int
	recent   [][]int // hours of completed exchanges, given or received
	helpedIn [][]string
	pairs    map[[2]int]int // [helper, receiver] → completed exchanges
	judged   map[[2]int]bool
	capDay   []int
	capCount []int
	status   []status
	replies  map[int][]reply // hour → replies arriving
	done     map[int][]reply // hour → exchanges taking place
	openReqs []int
	nextReq  int
}

// Run plays one policy on the World and returns its measurements.
func Run(w *World, p Policy) Result {
	n := len(w.residents)
	r := &run{
		w: w, policy: p, given: make([]int, n), received: make([]int, n), thanks: make([]int, n),
		open: make([]int, n), recent: make([][]int, n), helpedIn: make([][]string, n),
		pairs: map[[2]int]int{}, judged: map[[2]int]bool{}, capDay: make([]int, n), capCount: make([]int, n),
		status: make([]status, len(w.requests)), replies: map[int][]reply{}, done: map[int][]reply{},
	}
	for i, res := range w.residents {
		if res.given0 > 0 {
			r.helpedIn[i] = slices.Clone(res.offers)
		}
	}
	for r.now = 0; r.now < w.hours(); r.now++ {
		r.step()
	}
	return r.result()
}

func (r *run) step() {
	r.arrive()
	r.expire()
	r.notifyRound()
	r.browse()
	r.answer()
	r.complete()
}

func (r *run) arrive() {
	for ; r.nextReq < len(r.w.requests) && r.w.requests[r.nextReq].created == r.now; r.nextReq++ {
		q := r.w.requests[r.nextReq]
		r.status[q.id] = status{matchedAt: -1, lastRound: -1 << 30, lowGiver: r.givenBy(q.requester) <= 1}
		r.openReqs = append(r.openReqs, q.id)
	}
}

// expire drops matched and expired requests from the open list.
func (r *run) expire() {
	r.openReqs = slices.DeleteFunc(r.openReqs, func(id int) bool {
		return r.status[id].matchedAt >= 0 || r.now >= r.w.requests[id].expires
	})
}

func (r *run) notifyRound() {
	if !r.policy.notifies() {
		return
	}
	for _, id := range r.openReqs {
		st := &r.status[id]
		if r.now-st.lastRound < r.w.cfg.RenotifyHours {
			continue
		}
		st.lastRound = r.now
		for _, h := range r.choose(id) {
			r.notify(id, h)
		}
	}
}

// notify sends one notification; the helper may read it and say yes later.
func (r *run) notify(id, h int) {
	day := r.now / 24
	if r.capDay[h] != day {
		r.capDay[h], r.capCount[h] = day, 0
	}
	r.capCount[h]++
	st := &r.status[id]
	st.notified = append(st.notified, h)
	seed, k := r.w.seed, uint64(id)
	if uniform(seed, drawSee, k, uint64(h)) >= r.w.cfg.SeeNotification {
		return // unread in time; may still find it on the board
	}
	r.judged[[2]int{id, h}] = true
	if uniform(seed, drawAccept, k, uint64(h)) >= r.acceptP(id, h) {
		return
	}
	delay := -r.w.cfg.MeanReplyHours * math.Log(1-uniform(seed, drawDelay, k, uint64(h)))
	at := r.now + 1 + min(int(delay), 48)
	r.replies[at] = append(r.replies[at], reply{id, h})
}

// browse: helpers who look at the board today see the newest posts near them.
func (r *run) browse() {
	if hod := r.now % 24; hod < 8 || hod >= 22 {
		return
	}
	chance := r.w.cfg.BrowsePerDay / 14
	for _, h := range r.w.pool {
		if uniform(r.w.seed, drawBrowse, uint64(h), uint64(r.now)) < chance && r.active(h) {
			r.lookAtBoard(h)
		}
	}
}

func (r *run) lookAtBoard(h int) {
	var shown []int
	for i := len(r.openReqs) - 1; i >= 0 && len(shown) < r.w.cfg.BoardShown; i-- {
		if id := r.openReqs[i]; r.eligible(id, h) {
			shown = append(shown, id) // openReqs is oldest first
		}
	}
	attention := 1.0
	for _, id := range shown {
		key := [2]int{id, h}
		if !r.judged[key] && uniform(r.w.seed, drawBoard, uint64(id), uint64(h)<<20|uint64(r.now)) < attention {
			r.judged[key] = true
			if uniform(r.w.seed, drawAccept, uint64(id), uint64(h)) < r.acceptP(id, h) {
				r.replies[r.now+1] = append(r.replies[r.now+1], reply{id, h})
			}
		}
		attention *= r.w.cfg.BoardAttention
	}
}

// answer: the first yes to arrive for an open request makes the match.
func (r *run) answer() {
	for _, rp := range r.replies[r.now] {
		st, q := &r.status[rp.req], r.w.requests[rp.req]
		if st.matchedAt >= 0 || r.now >= q.expires {
			continue
		}
		st.matchedAt, st.helper, st.helperLow = r.now, rp.helper, r.givenBy(rp.helper) <= 1
		r.open[rp.helper]++
		at := r.now + 6 + int(66*uniform(r.w.seed, drawDone, uint64(rp.req), 0))
		if !q.moment.IsZero() {
			at = max(r.now+1, r.w.hourOf(q.moment.Start))
		}
		r.done[at] = append(r.done[at], rp)
	}
	delete(r.replies, r.now)
}

// complete books exchanges that took place: ledger, history, thanks.
func (r *run) complete() {
	for _, rp := range r.done[r.now] {
		h, q := rp.helper, r.w.requests[rp.req]
		r.open[h]--
		r.given[h]++
		r.received[q.requester]++
		r.recent[h] = append(r.recent[h], r.now)
		r.pairs[[2]int{h, q.requester}]++
		if !contains(r.helpedIn[h], q.category) {
			r.helpedIn[h] = append(r.helpedIn[h], q.category)
		}
		if uniform(r.w.seed, drawThanks, uint64(rp.req), 0) < r.w.cfg.ThanksShare {
			r.thanks[h]++
		}
	}
	delete(r.done, r.now)
}
