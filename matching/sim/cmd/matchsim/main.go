// Command matchsim compares the matching ranker with the notice board and
// nearest-first on a synthetic neighbourhood and prints a markdown table.
//
//	go run ./matching/sim/cmd/matchsim -seeds 5
package main

import (
	"flag"
	"fmt"

	"github.com/noaber/noaber/matching/sim"
)

func main() {
	cfg := sim.DefaultConfig()
	seeds := flag.Int("seeds", 5, "number of seeded worlds to average over")
	first := flag.Uint64("first-seed", 1, "first seed; seeds follow on")
	flag.IntVar(&cfg.Residents, "residents", cfg.Residents, "residents in the area")
	flag.IntVar(&cfg.Weeks, "weeks", cfg.Weeks, "weeks in which requests arrive")
	flag.Float64Var(&cfg.RequestsPerWeek, "requests", cfg.RequestsPerWeek, "mean requests per week")
	flag.Parse()
	list := make([]uint64, *seeds)
	for i := range list {
		list[i] = *first + uint64(i)
	}
	fmt.Printf("%d residents, %d weeks, %.0f requests/week, mean of seeds %d–%d\n\n", cfg.Residents, cfg.Weeks, cfg.RequestsPerWeek, *first, *first+uint64(*seeds)-1)
	fmt.Print(sim.Markdown(sim.Compare(cfg, list)))
}
