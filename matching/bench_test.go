package matching

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkRank1000(b *testing.B) {
	cands := randomCandidates(rand.New(rand.NewPCG(1, 1)), 1000)
	req := baseRequest()
	w := DefaultWeights()
	b.ReportAllocs()
	for b.Loop() {
		Rank(req, cands, w, 10)
	}
}

func BenchmarkRankRequests1000(b *testing.B) {
	reqs := randomRequests(rand.New(rand.NewPCG(1, 1)), 1000)
	h := helper("h").Resident
	w := DefaultWeights()
	b.ReportAllocs()
	for b.Loop() {
		RankRequests(h, reqs, w, 10)
	}
}
