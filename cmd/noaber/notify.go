package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/config"
	"github.com/noaber/noaber/internal/notify"
)

// pushSetup is what serve needs for Web Push.
type pushSetup struct {
	vapid         notify.VAPID
	subscriptions *notify.Subscriptions
	dispatcher    *notify.Dispatcher
}

// openPush loads or generates the VAPID keys and prepares delivery.
func openPush(cfg config.Config, db *sqlx.DB, dbURL string, log *slog.Logger) (pushSetup, error) {
	public, private := cfg.VAPIDPublicKey, cfg.VAPIDPrivateKey
	if public == "" {
		var err error
		if public, private, err = notify.VAPIDInDir(cfg.KeysDir()); err != nil {
			return pushSetup{}, err
		}
	}
	vapid := notify.VAPID{PublicKey: public, PrivateKey: private, Subject: cfg.VAPIDSubject}
	hosts := cfg.PushHosts
	if len(hosts) == 0 {
		hosts = notify.DefaultPushHosts
	}
	d := notify.NewDispatcher(db, vapid, notify.DispatcherConfig{Workers: cfg.PushWorkers, ListenURL: dbURL},
		log, time.Now)
	return pushSetup{vapid: vapid, subscriptions: notify.NewSubscriptions(db, hosts, false), dispatcher: d}, nil
}

func runVAPIDKeys(_ context.Context, _ *flag.FlagSet, out io.Writer) error {
	public, private, err := notify.GenerateVAPID()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "NOABER_VAPID_PUBLIC_KEY=%s\nNOABER_VAPID_PRIVATE_KEY=%s\n", public, private)
	return err
}
