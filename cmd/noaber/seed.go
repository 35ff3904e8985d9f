package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/noaber/noaber/internal/config"
	"github.com/noaber/noaber/internal/demo"
)

func runSeed(ctx context.Context, fs *flag.FlagSet, out io.Writer) error {
	switch {
	case fs.NArg() >= 1 && fs.Arg(0) == "synthetic":
		return runSeedSynthetic(ctx, fs.Args()[1:], out)
	case fs.NArg() != 1 || fs.Arg(0) != "demo":
		return usageError("say what to seed: demo, or synthetic [--residents N …]")
	}
	return withMigrated(ctx, func(cfg config.Config, conn dbConn) error {
		accts, err := openAccounts(ctx, cfg, conn.db)
		if err != nil {
			return err
		}
		sum, err := demo.Seed(ctx, conn.db, accts)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Demo data ready: %s, %d districts, %d neighbourhoods, %d postcodes, %d users, %d posts.\n",
			sum.Municipality, sum.Districts, sum.Neighbourhoods, sum.Postcodes, sum.Users, sum.Posts)
		printLogins(out)
		return nil
	})
}

// printLogins shows a visitor how to log in to the demo.
func printLogins(out io.Writer) {
	fmt.Fprintln(out, "\nDemo logins (e-mail / password / roles):")
	for _, l := range demo.Logins {
		fmt.Fprintf(out, "  %-30s %-28s %v\n", l.Email, l.Password, l.Roles)
	}
	fmt.Fprintf(out, "Professionals (broker, contact, admin) log in with a code from an authenticator app\n"+
		"for the secret %s (except nieuwe.makelaar, who sets one up).\n", demo.TOTPSecret)
}
