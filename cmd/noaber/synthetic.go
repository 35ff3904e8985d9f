package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/noaber/noaber/internal/config"
	"github.com/noaber/noaber/internal/synthetic"
)

const syntheticSummary = `noaber seed synthetic [--residents N] [--posts N] [--neighbourhoods N] [--exchanges N] [--force]

Generates the benchmark city Proefstad (GM8888): neighbourhoods on a grid of
about 10×10 km with borders and postcodes, residents (without password,
e-mail inwonerN@synthetic.invalid) crowding towards the centre, open posts
of the last 30 days and a year of completed exchanges with their
reciprocity entries. Refuses a database with real accounts unless --force,
and a database that already has the city.`

// runSeedSynthetic parses the flags after "seed synthetic" and generates.
func runSeedSynthetic(ctx context.Context, args []string, out io.Writer) error {
	o := synthetic.DefaultOptions()
	fs := flag.NewFlagSet("seed synthetic", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.Usage = func() { fmt.Fprintln(os.Stderr, syntheticSummary) }
	fs.IntVar(&o.Residents, "residents", o.Residents, "number of residents")
	fs.IntVar(&o.Posts, "posts", o.Posts, "number of open posts")
	fs.IntVar(&o.Neighbourhoods, "neighbourhoods", o.Neighbourhoods, "number of neighbourhoods")
	fs.IntVar(&o.Exchanges, "exchanges", o.Exchanges, "number of completed exchanges")
	fs.BoolVar(&o.Force, "force", false, "generate even when the database has real accounts")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil
		}
		return usageError(err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments after the flags")
	}
	if err := o.Validate(); err != nil {
		return usageError(err.Error())
	}
	o.Progress = func(s synthetic.Step) {
		fmt.Fprintf(out, "  %-30s %10d rows %8.1f s\n", s.Name, s.Rows, s.Took.Seconds())
	}
	return withMigrated(ctx, func(_ config.Config, conn dbConn) error {
		fmt.Fprintf(out, "Generating Proefstad (%s): %d neighbourhoods, %d residents, %d posts, %d exchanges.\n",
			synthetic.MunicipalityCode, o.Neighbourhoods, o.Residents, o.Posts, o.Exchanges)
		sum, err := synthetic.Generate(ctx, conn.db, o)
		if err != nil {
			return err
		}
		check := "checked row by row (not superuser)"
		if sum.FastPath {
			check = "trusted (superuser bulk load)"
		}
		fmt.Fprintf(out, "Synthetic city ready in %s; foreign keys %s.\n", sum.Took.Round(100*time.Millisecond), check)
		if b := sum.Busiest; b.Code != "" {
			fmt.Fprintf(out, "Busiest neighbourhood: %s %s, postcode %s, %d residents, %d open posts.\n",
				b.Code, b.Name, b.Postcode, b.Residents, b.OpenPosts)
		}
		return nil
	})
}
