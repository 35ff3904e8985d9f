package demo_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/demo"
	"github.com/noaber/noaber/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestSeedIsIdempotent(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := demo.SeedAreas(ctx, db); err != nil {
			t.Fatalf("seed #%d: %v", i+1, err)
		}
	}
	counts := map[string]int{}
	rows, err := db.QueryxContext(ctx, `SELECT kind, count(*) FROM areas GROUP BY kind`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var kind string
		var n int
		if err := rows.Scan(&kind, &n); err != nil {
			t.Fatal(err)
		}
		counts[kind] = n
	}
	if counts["municipality"] != 1 || counts["district"] < 3 || counts["neighbourhood"] < 12 {
		t.Errorf("areas by kind = %v, want 1 municipality, ≥3 districts, ≥12 neighbourhoods", counts)
	}
}

func TestCentrumHoldsPostcode9999AA(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	if _, err := demo.SeedAreas(ctx, db); err != nil {
		t.Fatal(err)
	}
	var name string
	err := db.GetContext(ctx, &name, `
		SELECT a.name FROM postcodes p JOIN areas a ON a.code = p.neighbourhood_code WHERE p.postcode = '9999AA'`)
	if err != nil || name != "Centrum" {
		t.Errorf("9999AA lies in %q (%v), want Centrum", name, err)
	}
}

func TestEveryNeighbourhoodHasBordersAndPostcodes(t *testing.T) {
	m := demo.Noaberveen()
	borders := map[string]int{}
	for _, b := range m.Borders {
		borders[b.A]++
		borders[b.B]++
	}
	postcodes := map[string]int{}
	for _, p := range m.Postcodes {
		postcodes[p.NeighbourhoodCode]++
	}
	for _, a := range m.Areas {
		if a.Kind != "neighbourhood" {
			continue
		}
		if borders[a.Code] < 2 || postcodes[a.Code] < 1 || a.Latitude == nil {
			t.Errorf("%s %s: %d borders, %d postcodes, centroid %v", a.Code, a.Name, borders[a.Code], postcodes[a.Code], a.Latitude)
		}
	}
}

func TestSeedWithUsersIsIdempotent(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	_, private, _ := ed25519.GenerateKey(rand.Reader)
	tokens, _ := accounts.NewTokens("test", []accounts.SigningKey{accounts.NewSigningKey(private)}, time.Now)
	accts, err := accounts.New(ctx, db, tokens, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		sum, err := demo.Seed(ctx, db, accts)
		if err != nil || sum.Users != len(demo.Logins) {
			t.Fatalf("seed #%d: %+v, %v", i+1, sum, err)
		}
	}
	var users, totp, brokerAreas int
	err = db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM users WHERE totp_enabled_at IS NOT NULL),
		(SELECT count(*) FROM broker_areas)`).Scan(&users, &totp, &brokerAreas)
	if err != nil {
		t.Fatal(err)
	}
	if users != len(demo.Logins) || totp != 5 || brokerAreas != 16 {
		t.Errorf("users %d, with TOTP %d, broker areas %d; want %d, 5, 16", users, totp, brokerAreas, len(demo.Logins))
	}
	var reported, acknowledged int
	err = db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE status = 'acknowledged') FROM signals`).
		Scan(&reported, &acknowledged)
	if err != nil || reported != 2 || acknowledged != 1 {
		t.Errorf("demo signals: %d reported, %d acknowledged (%v); want 2 and 1", reported, acknowledged, err)
	}
	for _, l := range demo.Logins {
		if _, err := accts.Login(ctx, accounts.Credentials{Email: l.Email, Password: l.Password}); err != nil &&
			err != accounts.ErrSecondFactorRequired {
			t.Errorf("demo login %s: %v", l.Email, err)
		}
	}
}
