// Command noaber runs Noaber, the neighbourhood marketplace for informal
// help: the API, the embedded web app and the background work, in one
// binary. It only wires things together; the work lives in the packages.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `Noaber: neighbourhood marketplace for informal help.

Usage:
  noaber <command> [arguments]

Commands:
  serve              run the web app and API (default database: embedded)
  migrate up|down|status
                     apply, roll back or list database migrations
  seed demo          fill the database with the demo municipality Noaberveen
  seed synthetic     generate a large benchmark city (Proefstad) in an empty database
  areas import       import municipalities, neighbourhoods and postcodes (CBS CSV)
  users add          add an account (e.g. the first admin); password on stdin
  signals retention [--dry-run]
                     redact and delete signals past their retention period
  vapid-keys         print a new VAPID key pair for Web Push
  version            print the version
  healthcheck        exit 0 when the local server is healthy

Run "noaber <command> --help" for more about a command.
Configuration comes from NOABER_* environment variables; see README.md.
`

// runFunc does the work of a subcommand once its flags are parsed.
type runFunc func(ctx context.Context, fs *flag.FlagSet, out io.Writer) error

// command is one subcommand: bind declares its flags on fs and returns the
// function that runs it with their values.
type command struct {
	summary string
	bind    func(fs *flag.FlagSet) runFunc
}

// noFlags is bind for a command without flags.
func noFlags(run runFunc) func(*flag.FlagSet) runFunc {
	return func(*flag.FlagSet) runFunc { return run }
}

func commands() map[string]command {
	return map[string]command{
		"serve":   {summary: "noaber serve\n\nRuns the web app and API until SIGINT or SIGTERM.", bind: noFlags(runServe)},
		"migrate": {summary: "noaber migrate up|down|status\n\nup applies every pending migration, down rolls back the last one, status lists them.", bind: noFlags(runMigrate)},
		"seed":    {summary: "noaber seed demo | noaber seed synthetic [--help]\n\nseed demo fills the database with the demo municipality Noaberveen, demo users and a\nlively marketplace; safe to run again. seed synthetic generates Proefstad, a large city\nfor benchmarks (see \"noaber seed synthetic --help\").", bind: noFlags(runSeed)},
		"users": {summary: "noaber users add --email EMAIL --name NAME [--role ROLE]... [--postcode PC --house-number N]\n\n" +
			"Adds an account, e.g. the first admin. The password is read from standard input.", bind: bindUsers},
		"areas":   {summary: areasSummary, bind: bindAreas},
		"signals": {summary: signalsSummary, bind: bindSignals},
		"vapid-keys": {summary: "noaber vapid-keys\n\nPrints a new VAPID key pair for Web Push, as environment variables.",
			bind: noFlags(runVAPIDKeys)},
		"version": {summary: "noaber version\n\nPrints the version.", bind: noFlags(runVersion)},
		"healthcheck": {summary: "noaber healthcheck\n\nExits 0 when the server on NOABER_ADDR answers /healthz (for container health checks).",
			bind: noFlags(runHealthcheck)},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "noaber: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, cmd.summary) }
	runCmd := cmd.bind(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := runCmd(ctx, fs, stdout); err != nil {
		fmt.Fprintf(stderr, "noaber %s: %v\n", args[0], err)
		var usageErr usageError
		if errors.As(err, &usageErr) {
			fs.Usage()
			return 2
		}
		return 1
	}
	return 0
}

// usageError means the command was called the wrong way.
type usageError string

func (e usageError) Error() string { return string(e) }
