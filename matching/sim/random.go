package sim

import (
	"math"
	"math/rand/v2"

	"github.com/noaber/noaber/matching"
)

func poisson(r *rand.Rand, mean float64) int {
	// Knuth's method is fine for the small means used here.
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

func pickRadius(r *rand.Rand, values, weights []float64) float64 {
	x := r.Float64()
	for i, wt := range weights {
		if x -= wt; x < 0 {
			return values[i]
		}
	}
	return values[len(values)-1]
}

func pickCategory(r *rand.Rand, weight func(category) float64) string {
	total := 0.0
	for _, c := range categories {
		total += weight(c)
	}
	x := r.Float64() * total
	for _, c := range categories {
		if x -= weight(c); x < 0 {
			return c.code
		}
	}
	return categories[len(categories)-1].code
}

// pickSkills draws n different categories by supply.
func pickSkills(r *rand.Rand, n int) []string {
	var out []string
	for len(out) < n {
		c := pickCategory(r, func(c category) float64 { return c.supply })
		if !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func randomSlots(r *rand.Rand, share float64) matching.Slots {
	var s matching.Slots
	for b := range 21 {
		if r.Float64() < share {
			s |= 1 << b
		}
	}
	return s
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// uniform is a common random number: the same decision in every policy run
// gets the same draw, so policies differ by their choices, not by luck.
func uniform(seed uint64, kind, a, b uint64) float64 {
	x := seed ^ kind*0x9e3779b97f4a7c15 ^ a*0xbf58476d1ce4e5b9 ^ b*0x94d049bb133111eb
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return float64(x>>11) / (1 << 53)
}
