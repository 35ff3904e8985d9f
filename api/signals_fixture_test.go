package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/signals"
)

// signalWorld is a seeded map with everybody who may or may not see a
// signal: Team Binnenstad serves Centrum with contact (Anna de Vries),
// backup and coordinator; Team Noord serves Esch with otherContact; Zuid
// (Beekdal) has no team. owner and otherKeyfigure are key figures.
type signalWorld struct {
	env                                        testEnv
	contact, backup, coordinator, otherContact testUser
	owner, otherKeyfigure, resident, broker    testUser
	admin                                      testUser
	binnenstad                                 string
}

func newSignalWorld(t *testing.T) signalWorld {
	t.Helper()
	env := newTestEnv(t)
	env.seedAreas(t)
	w := signalWorld{env: env,
		contact:        env.newUser(t, postcodeCentrum, accounts.Contact),
		backup:         env.newUser(t, postcodeCentrum, accounts.Contact),
		coordinator:    env.newUser(t, postcodeCentrum, accounts.Contact),
		otherContact:   env.newUser(t, postcodeEsch, accounts.Contact),
		owner:          env.newUser(t, postcodeEsch, accounts.Resident, accounts.Keyfigure),
		otherKeyfigure: env.newUser(t, postcodeCentrum, accounts.Resident, accounts.Keyfigure),
		resident:       env.newUser(t, postcodeCentrum, accounts.Resident),
		broker:         env.newUser(t, postcodeCentrum, accounts.Broker),
		admin:          env.newUser(t, postcodeCentrum, accounts.Admin),
	}
	env.exec(t, `INSERT INTO broker_areas (user_id, area_code) VALUES ($1, $2)`, w.broker.ID, buCentrum)
	env.exec(t, `UPDATE users SET display_name = 'Anna de Vries', phone = '06 11111111' WHERE id = $1`, w.contact.ID)
	env.exec(t, `UPDATE users SET display_name = 'Pieter Bakker' WHERE id = $1`, w.backup.ID)
	env.exec(t, `UPDATE users SET display_name = 'Fatima El Amrani' WHERE id = $1`, w.coordinator.ID)
	env.exec(t, `UPDATE users SET display_name = 'Kees Melder', phone = '06 99999999' WHERE id = $1`, w.owner.ID)
	w.binnenstad = env.newTeam(t, "Team Binnenstad", w.coordinator.ID, buCentrum, w.contact.ID, w.backup.ID)
	env.newTeam(t, "Team Noord", "", buEsch, w.otherContact.ID, "")
	return w
}

// signalBody is a valid report about someone in Centrum; change returns a
// variant.
func signalBody(urgency string) map[string]any {
	return map[string]any{
		"postcode":       "9999 AA",
		"identification": "Mevrouw Geheim, Kerkstraat 3",
		"lifeDomains":    []string{"ontmoeten", "zorgen"},
		"urgency":        urgency,
		"description":    "Zij komt al weken niet buiten en de brievenbus puilt uit.",
		"personKnows":    false,
		"callbackPhone":  "0612345678",
	}
}

type receipt struct {
	ID       string
	Status   string
	Deadline time.Time
	Promise  struct {
		ContactName  *string
		Text, TextEn string
	}
	Emergency *struct {
		Text, TextEn string
		PhoneNumbers []string
	}
}

// report files a signal as u and returns the receipt.
func (w signalWorld) report(t *testing.T, u testUser, body map[string]any) receipt {
	t.Helper()
	return decode[receipt](t, w.env.call(t, "POST", "/api/v1/signals", u.Token, body), http.StatusCreated)
}

// caseView is the team's view of a signal, as far as tests look at it.
type caseView struct {
	ID                 string
	Status             string
	EscalationLevel    int
	AssigneeID         *string
	Overdue            bool
	AllowedTransitions []string
	Events             []struct{ Kind, To string }
}

// move asks for a transition as u.
func (w signalWorld) move(t *testing.T, u testUser, id, to string, extra map[string]any) *http.Response {
	t.Helper()
	body := map[string]any{"to": to}
	for k, v := range extra {
		body[k] = v
	}
	return w.env.call(t, "POST", "/api/v1/signals/"+id+"/transitions", u.Token, body)
}

// count runs a count query.
func (env testEnv) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := env.db.GetContext(context.Background(), &n, query, args...); err != nil {
		t.Fatalf("count %q: %v", query, err)
	}
	return n
}

// scheduler is a signal scheduler on env's database and clock.
func (env testEnv) scheduler() *signals.Scheduler {
	return signals.NewScheduler(signals.New(env.db, signals.DefaultConfig(), env.clock.Now),
		slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// setClock moves env's clock forward to at; log users in again after.
func (env testEnv) setClock(t *testing.T, at time.Time) {
	t.Helper()
	d := at.Sub(env.clock.Now())
	if d < 0 {
		t.Fatalf("clock can only move forward, to %s", at)
	}
	env.clock.Advance(d)
}

// relogin gives users fresh tokens after the clock moved on.
func (w signalWorld) relogin(t *testing.T, users ...*testUser) {
	t.Helper()
	for _, u := range users {
		u.Token = w.env.login(t, *u)
	}
}
