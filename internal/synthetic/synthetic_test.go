package synthetic_test

import (
	"context"
	"errors"
	"testing"

	"github.com/noaber/noaber/internal/pgtest"
	"github.com/noaber/noaber/internal/synthetic"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func small() synthetic.Options {
	return synthetic.Options{Residents: 600, Posts: 400, Neighbourhoods: 30, Exchanges: 1003}
}

func TestGenerateSmallCity(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	indexes := func() (defs string) {
		t.Helper()
		if err := db.GetContext(ctx, &defs, `SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes
			WHERE schemaname = current_schema()`); err != nil {
			t.Fatal(err)
		}
		return defs
	}
	before := indexes()
	var steps int
	o := small()
	o.Progress = func(synthetic.Step) { steps++ }
	sum, err := synthetic.Generate(ctx, db, o)
	if err != nil {
		t.Fatal(err)
	}
	if b := sum.Busiest; b.Code == "" || len(b.Postcode) != 6 || b.OpenPosts < 400/30 || b.Residents < 600/30 {
		t.Errorf("busiest neighbourhood = %+v", b)
	}
	if after := indexes(); after != before {
		t.Errorf("indexes after generating:\n%s\nwant\n%s", after, before)
	}
	if steps != len(sum.Steps) || steps < 10 {
		t.Errorf("%d progress reports for %d steps", steps, len(sum.Steps))
	}
	var got struct {
		Hoods, Districts, Borders, Postcodes, Residents, Roles, Open, Conversations, Exchanges, Ledger int
	}
	err = db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM areas WHERE kind = 'neighbourhood'),
		(SELECT count(*) FROM areas WHERE kind = 'district'),
		(SELECT count(*) FROM area_borders),
		(SELECT count(*) FROM postcodes),
		(SELECT count(*) FROM users),
		(SELECT count(*) FROM user_roles WHERE role = 'resident'),
		(SELECT count(*) FROM posts WHERE status = 'open' AND expires_at > now()),
		(SELECT count(*) FROM conversations),
		(SELECT count(*) FROM exchanges WHERE status = 'completed'),
		(SELECT count(*) FROM reciprocity_entries)`).Scan(&got.Hoods, &got.Districts, &got.Borders, &got.Postcodes,
		&got.Residents, &got.Roles, &got.Open, &got.Conversations, &got.Exchanges, &got.Ledger)
	if err != nil {
		t.Fatal(err)
	}
	// 30 cells on a 6-wide grid: 5 rows, 5·5 + 4·6 = 49 borders.
	want := struct {
		Hoods, Districts, Borders, Postcodes, Residents, Roles, Open, Conversations, Exchanges, Ledger int
	}{30, 5, 49, 180, 600, 600, 400, 1003, 1003, 1003}
	if got != want {
		t.Errorf("city = %+v\nwant   %+v", got, want)
	}
	// What the foreign keys would have checked, and the rules of the
	// domain: posts in their author's neighbourhood, nobody helping
	// themselves, ledger = exchange.
	var broken int
	err = db.GetContext(ctx, &broken, `SELECT
		(SELECT count(*) FROM posts p LEFT JOIN users u ON u.id = p.author_id
			WHERE u.id IS NULL OR p.neighbourhood_code <> u.neighbourhood_code) +
		(SELECT count(*) FROM conversations c LEFT JOIN posts p ON p.id = c.post_id
			LEFT JOIN users r ON r.id = c.responder_id
			WHERE p.id IS NULL OR r.id IS NULL OR c.author_id <> p.author_id) +
		(SELECT count(*) FROM exchanges e LEFT JOIN conversations c ON c.id = e.conversation_id
			WHERE c.id IS NULL OR e.helper_id = e.receiver_id OR e.post_id <> c.post_id) +
		(SELECT count(*) FROM reciprocity_entries r JOIN exchanges e ON e.id = r.exchange_id
			WHERE r.giver_id <> e.helper_id OR r.completed_at > now()) +
		(SELECT count(*) FROM postcodes p LEFT JOIN areas a ON a.code = p.neighbourhood_code WHERE a.code IS NULL) +
		(SELECT count(*) FROM areas a LEFT JOIN areas d ON d.code = a.parent_code WHERE a.parent_code IS NOT NULL AND d.code IS NULL)`)
	if err != nil || broken != 0 {
		t.Errorf("%d broken references or rules (%v)", broken, err)
	}
	// The centre is the busiest neighbourhood.
	var busiest, avg float64
	err = db.QueryRowContext(ctx, `SELECT max(n), avg(n) FROM (SELECT count(*) AS n FROM users GROUP BY neighbourhood_code) c`).
		Scan(&busiest, &avg)
	if err != nil || busiest < 2*avg {
		t.Errorf("busiest neighbourhood %.0f residents, average %.0f (%v): want a crowded centre", busiest, avg, err)
	}
	if _, err := synthetic.Generate(ctx, db, small()); !errors.Is(err, synthetic.ErrAlreadyThere) {
		t.Errorf("second run: %v, want ErrAlreadyThere", err)
	}
}

func TestGenerateRefusesRealAccounts(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `INSERT INTO users (email, display_name) VALUES ('echt@example.nl', 'Echt')`); err != nil {
		t.Fatal(err)
	}
	if _, err := synthetic.Generate(ctx, db, small()); !errors.Is(err, synthetic.ErrRealUsers) {
		t.Fatalf("with a real account: %v, want ErrRealUsers", err)
	}
	o := small()
	o.Force = true
	if _, err := synthetic.Generate(ctx, db, o); err != nil {
		t.Fatalf("forced: %v", err)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	for _, o := range []synthetic.Options{
		{Residents: 5, Neighbourhoods: 10},
		{Residents: 100, Neighbourhoods: 0},
		{Residents: 100, Neighbourhoods: 10000},
		{Residents: 100, Neighbourhoods: 10, Posts: -1},
	} {
		if o.Validate() == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	if err := synthetic.DefaultOptions().Validate(); err != nil {
		t.Error(err)
	}
}
