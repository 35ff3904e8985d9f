package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/noaber/noaber/internal/database"
)

func runMigrate(ctx context.Context, fs *flag.FlagSet, out io.Writer) error {
	if fs.NArg() != 1 {
		return usageError("say up, down or status")
	}
	action := fs.Arg(0)
	if action != "up" && action != "down" && action != "status" {
		return usageError(fmt.Sprintf("unknown migrate action %q", action))
	}
	cfg, log, err := setup()
	if err != nil {
		return err
	}
	conn, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer conn.close(context.WithoutCancel(ctx)) //nolint:errcheck // best effort on exit

	switch action {
	case "up":
		applied, err := database.MigrateUp(ctx, conn.db.DB, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "applied %d migration(s): %v\n", len(applied), applied)
	case "down":
		v, err := database.MigrateDown(ctx, conn.db.DB, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "rolled back migration %d\n", v)
	case "status":
		list, err := database.MigrateStatus(ctx, conn.db.DB)
		if err != nil {
			return err
		}
		for _, m := range list {
			state := "pending"
			if m.Applied {
				state = "applied"
			}
			fmt.Fprintf(out, "%-8s %05d %s\n", state, m.Version, m.Name)
		}
	}
	return nil
}
