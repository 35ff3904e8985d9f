package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/config"
)

// roleList collects repeated --role flags.
type roleList []accounts.Role

func (r *roleList) String() string { return fmt.Sprint(*r) }

func (r *roleList) Set(v string) error {
	role := accounts.Role(v)
	if !role.Valid() {
		return fmt.Errorf("unknown role %q (resident, keyfigure, broker, contact, admin)", v)
	}
	*r = append(*r, role)
	return nil
}

type usersFlags struct {
	email, name, postcode, houseNumber string
	roles                              roleList
}

func bindUsers(fs *flag.FlagSet) runFunc {
	var o usersFlags
	fs.StringVar(&o.email, "email", "", "e-mail address (required)")
	fs.StringVar(&o.name, "name", "", "display name (required)")
	fs.Var(&o.roles, "role", "role to grant; repeat for several (default resident)")
	fs.StringVar(&o.postcode, "postcode", "", "postcode (required for residents and key figures)")
	fs.StringVar(&o.houseNumber, "house-number", "", "house number")
	return func(ctx context.Context, fs *flag.FlagSet, out io.Writer) error { return runUsers(ctx, fs, out, &o) }
}

// runUsers adds an account, e.g. the first administrator. The password is
// read from standard input so it never shows up in the process list or the
// shell history.
func runUsers(ctx context.Context, fs *flag.FlagSet, out io.Writer, o *usersFlags) error {
	if fs.NArg() == 0 || fs.Arg(0) != "add" {
		return usageError("say: users add --email … --name … --role …")
	}
	// The flags come after the verb "add", where the first parse stopped.
	if err := fs.Parse(fs.Args()[1:]); err != nil || fs.NArg() > 0 {
		return usageError("unexpected arguments after the flags")
	}
	if o.email == "" || o.name == "" {
		return usageError("--email and --name are required")
	}
	if len(o.roles) == 0 {
		o.roles = roleList{accounts.Resident}
	}
	password, err := readPassword(out)
	if err != nil {
		return err
	}
	var id string
	err = withMigrated(ctx, func(cfg config.Config, conn dbConn) error {
		accts, err := openAccounts(ctx, cfg, conn.db)
		if err != nil {
			return err
		}
		id, err = accts.CreateUser(ctx, accounts.NewUser{Email: o.email, Password: password, DisplayName: o.name,
			Postcode: o.postcode, HouseNumber: o.houseNumber, Roles: o.roles})
		return describeInvalid(err)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Added %s (%s) with roles %v.\n", o.email, id, o.roles)
	for _, r := range o.roles {
		if r.Professional() {
			fmt.Fprintln(out, "They must set up a second factor (an authenticator app) at their first login.")
			break
		}
	}
	return nil
}

func readPassword(out io.Writer) (string, error) {
	if term.IsTerminal(int(os.Stdin.Fd())) {
		fmt.Fprint(out, "Password: ")
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(out)
		return string(b), err
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
