// Package sim runs a synthetic neighbourhood over simulated weeks to compare
// the matching ranker with two baselines: a notice board (newest first, no
// notifications) and nearest-first notification. Its assumptions are in
// ASSUMPTIONS.md. Everything is seeded: the same Config and seed give the
// same numbers.
package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/noaber/noaber/matching"
)

// Config describes the synthetic neighbourhood and the behaviour in it.
type Config struct {
	Residents       int     // people living in the area
	GridW, GridH    int     // neighbourhoods on a grid; each row is a district
	CellKm          float64 // width of one neighbourhood
	Weeks           int     // weeks in which requests arrive; two more let them settle
	RequestsPerWeek float64 // mean requests per week (Poisson, 8:00–22:00)
	HelperShare     float64 // residents with at least one offer
	HeavyGiverShare float64 // residents who give a lot (part of the helpers)
	AskerShare      float64 // residents who ask often
	NewcomerShare   float64 // helpers who joined in the last 60 days
	ExpiryDays      int     // a request closes unmatched after this (or at its moment)

	NotifyTop       int     // helpers notified per round
	RenotifyHours   int     // next round when still unmatched
	DailyCap        int     // notifications per helper per day
	SeeNotification float64 // chance a notification is read in time
	MeanReplyHours  float64 // mean delay before a notified helper answers
	BrowsePerDay    float64 // chance a helper looks at the board on a day
	BoardShown      int     // posts a browsing helper looks at, newest first
	BoardAttention  float64 // each lower post is looked at with this factor less

	AcceptDecayKm  float64 // acceptance falls to 1/e over this real distance
	OffSkillFactor float64 // acceptance factor outside one's offered categories
	LoadOpen       float64 // acceptance falls by exp(-LoadOpen) per open commitment
	LoadRecent     float64 // and by exp(-LoadRecent) per exchange in the last 30 days
	MomentMissed   float64 // acceptance factor when the moment is outside one's availability
	FamiliarFactor float64 // acceptance factor for a pair who helped each other before
	ThanksShare    float64 // completed exchanges that get a thank-you note

	// Weights are the ranker's weights (matching.DefaultWeights by default).
	Weights matching.Weights
}

// DefaultConfig is the neighbourhood described in ASSUMPTIONS.md.
func DefaultConfig() Config {
	return Config{
		Residents: 600, GridW: 4, GridH: 3, CellKm: 1, Weeks: 12, RequestsPerWeek: 60,
		HelperShare: 0.45, HeavyGiverShare: 0.05, AskerShare: 0.3, NewcomerShare: 0.1, ExpiryDays: 14,
		NotifyTop: 3, RenotifyHours: 24, DailyCap: 2, SeeNotification: 0.5, MeanReplyHours: 4,
		BrowsePerDay: 0.1, BoardShown: 8, BoardAttention: 0.85,
		AcceptDecayKm: 1.5, OffSkillFactor: 0.15, LoadOpen: 0.6, LoadRecent: 0.08,
		MomentMissed: 0.25, FamiliarFactor: 1.5, ThanksShare: 0.6,
		Weights: matching.DefaultWeights(),
	}
}

// category is one kind of help with its share of demand and of supply.
type category struct {
	code           string
	demand, supply float64
}

// categories: some kinds of help are scarcer than they are asked for.
var categories = []category{
	{"boodschappen", 0.15, 0.20}, {"klussen", 0.20, 0.15}, {"gezelschap", 0.15, 0.20},
	{"vervoer", 0.12, 0.05}, {"computer", 0.12, 0.10}, {"tuin", 0.10, 0.12},
	{"formulieren", 0.08, 0.05}, {"koken", 0.08, 0.13},
}

// resident is one synthetic person. Willing is hidden from every policy.
type resident struct {
	id          string
	x, y        float64 // km
	cell        int
	helper      bool
	offers      []string
	willing     float64
	avail       matching.Slots
	radiusKm    float64
	askWeight   float64
	memberSince time.Time
	given0      int // history before the simulation starts
	received0   int
	thanks0     int
	pausedFrom  int // hour; pausedFrom == pausedTo means never paused
	pausedTo    int
	deletedAt   int // hour; -1 when never deleted
}

// request is one synthetic request for help.
type request struct {
	id        int
	requester int
	category  string
	radiusKm  float64
	created   int // hour
	expires   int // hour
	moment    matching.Window
}

// World is a seeded neighbourhood with its stream of requests; every
// policy runs on the same World.
type World struct {
	cfg       Config
	seed      uint64
	start     time.Time
	residents []resident
	pool      []int // indices of helpers
	requests  []request
	blocks    map[[2]int]bool // smaller index first
}

// NewWorld builds the neighbourhood and its requests from a seed.
func NewWorld(cfg Config, seed uint64) *World {
	r := rand.New(rand.NewPCG(seed, 0x6e6f61626572))
	w := &World{cfg: cfg, seed: seed, start: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), blocks: map[[2]int]bool{}}
	for i := range cfg.Residents {
		w.residents = append(w.residents, w.newResident(r, i))
		if w.residents[i].helper {
			w.pool = append(w.pool, i)
		}
	}
	w.addBlocks(r)
	w.addRequests(r)
	return w
}

func (w *World) hours() int { return (w.cfg.Weeks + 2) * 168 }

func (w *World) newResident(r *rand.Rand, i int) resident {
	cfg := w.cfg
	cell := r.IntN(cfg.GridW * cfg.GridH)
	p := resident{
		id: fmt.Sprintf("p%04d", i), cell: cell, deletedAt: -1,
		x:         (float64(cell%cfg.GridW) + r.Float64()) * cfg.CellKm,
		y:         (float64(cell/cfg.GridW) + r.Float64()) * cfg.CellKm,
		askWeight: 1, radiusKm: pickRadius(r, []float64{1.5, 2, 3, 5}, []float64{0.2, 0.4, 0.3, 0.1}),
	}
	years := 0.2 + 2.8*r.Float64()
	heavy := r.Float64() < cfg.HeavyGiverShare
	p.helper = heavy || r.Float64() < cfg.HelperShare
	if p.helper && !heavy && r.Float64() < cfg.NewcomerShare {
		years = r.Float64() * 60 / 365
	}
	p.memberSince = w.start.Add(-time.Duration(years * 365 * 24 * float64(time.Hour)))
	if r.Float64() < cfg.AskerShare {
		p.askWeight = 4
	}
	switch {
	case heavy:
		p.willing, p.askWeight = 0.8+0.2*r.Float64(), 0.5
		p.offers, p.avail = pickSkills(r, 3+r.IntN(3)), randomSlots(r, 0.7)
	case p.helper:
		p.willing = 0.15 + 0.6*r.Float64()
		p.offers, p.avail = pickSkills(r, 1+r.IntN(2)), randomSlots(r, 0.35)
	}
	if p.helper && years > 0.2 {
		p.given0 = poisson(r, 6*p.willing*years)
	}
	p.received0 = poisson(r, p.askWeight*years)
	p.thanks0 = poisson(r, cfg.ThanksShare*float64(p.given0))
	w.addPause(r, &p)
	return p
}

// addPause gives some helpers one holiday of 1–2 weeks; 1% of accounts are
// deleted somewhere in the period.
func (w *World) addPause(r *rand.Rand, p *resident) {
	if p.helper && r.Float64() < 0.3 {
		p.pausedFrom = r.IntN(w.hours())
		p.pausedTo = p.pausedFrom + 168 + r.IntN(168)
	}
	if r.Float64() < 0.01 {
		p.deletedAt = r.IntN(w.hours())
	}
}

// addBlocks: 3% of residents blocked one neighbour.
func (w *World) addBlocks(r *rand.Rand) {
	for i := range w.residents {
		if r.Float64() < 0.03 {
			if j := r.IntN(len(w.residents)); j != i {
				w.blocks[pairKey(i, j)] = true
			}
		}
	}
}

func (w *World) addRequests(r *rand.Rand) {
	perHour := w.cfg.RequestsPerWeek / (7 * 14)
	totalAsk := 0.0
	for _, p := range w.residents {
		totalAsk += p.askWeight
	}
	for h := range w.cfg.Weeks * 168 {
		if hod := h % 24; hod < 8 || hod >= 22 {
			continue
		}
		for range poisson(r, perHour) {
			w.requests = append(w.requests, w.newRequest(r, h, totalAsk))
		}
	}
}

func (w *World) newRequest(r *rand.Rand, h int, totalAsk float64) request {
	q := request{id: len(w.requests), created: h, expires: h + w.cfg.ExpiryDays*24}
	q.requester = w.pickRequester(r, totalAsk, h)
	q.category = pickCategory(r, func(c category) float64 { return c.demand })
	q.radiusKm = pickRadius(r, []float64{1.5, 2, 3}, []float64{0.15, 0.6, 0.25})
	if r.Float64() < 0.5 {
		day := 1 + r.IntN(7)
		start := w.start.Add(time.Duration(h/24+day)*24*time.Hour + time.Duration(9+4*r.IntN(3))*time.Hour)
		q.moment = matching.Window{Start: start, End: start.Add(2 * time.Hour)}
		q.expires = min(q.expires, w.hourOf(start))
	}
	return q
}

func (w *World) pickRequester(r *rand.Rand, totalAsk float64, h int) int {
	for {
		x := r.Float64() * totalAsk
		for i, p := range w.residents {
			if x -= p.askWeight; x < 0 {
				if p.deletedAt < 0 || p.deletedAt > h {
					return i
				}
				break
			}
		}
	}
}

func (w *World) hourOf(t time.Time) int { return int(t.Sub(w.start) / time.Hour) }

func (w *World) timeOf(h int) time.Time { return w.start.Add(time.Duration(h) * time.Hour) }

// centroidKm is the distance the app knows: between neighbourhood centroids.
func (w *World) centroidKm(a, b int) float64 {
	ca, cb := w.residents[a].cell, w.residents[b].cell
	dx := float64(ca%w.cfg.GridW - cb%w.cfg.GridW)
	dy := float64(ca/w.cfg.GridW - cb/w.cfg.GridW)
	return math.Hypot(dx, dy) * w.cfg.CellKm
}

// realKm is the distance people feel: between their homes.
func (w *World) realKm(a, b int) float64 {
	pa, pb := w.residents[a], w.residents[b]
	return math.Hypot(pa.x-pb.x, pa.y-pb.y)
}

func (w *World) bordering(a, b int) bool {
	ca, cb := w.residents[a].cell, w.residents[b].cell
	dx, dy := ca%w.cfg.GridW-cb%w.cfg.GridW, ca/w.cfg.GridW-cb/w.cfg.GridW
	return dx*dx+dy*dy == 1
}

func (w *World) neighbourhood(i int) string { return fmt.Sprintf("BU%02d", w.residents[i].cell) }

func (w *World) district(i int) string { return fmt.Sprintf("WK%02d", w.residents[i].cell/w.cfg.GridW) }

func pairKey(a, b int) [2]int {
	if a > b {
		a, b = b, a
	}
	return [2]int{a, b}
}
