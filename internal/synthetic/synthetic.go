// Package synthetic generates a large fictional city for benchmarks: a
// municipality with districts and neighbourhoods on a ~10×10 km grid,
// residents, open posts and a year of completed exchanges with their
// reciprocity entries. Everything is made inside PostgreSQL with
// generate_series (INSERT … SELECT), in one transaction, so that a city of
// 200,000 residents and a million exchanges takes a minute or two rather
// than hours of row-by-row inserts.
package synthetic

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/database"
)

// MunicipalityCode is the CBS-style code of the synthetic city.
const MunicipalityCode = "GM8888"

// EmailDomain is the domain of every synthetic resident: it tells them
// apart from real accounts.
const EmailDomain = "synthetic.invalid"

// exchangesPerPost is how many exchanges one past (recurring) post had.
const exchangesPerPost = 5

// Options says how large the city is.
type Options struct {
	Residents      int
	Posts          int
	Neighbourhoods int
	Exchanges      int
	// Force generates even when the database holds real accounts.
	Force bool
	// Progress, when set, hears about every finished step.
	Progress func(Step)
}

// DefaultOptions is the city of issue 4's benchmark.
func DefaultOptions() Options {
	return Options{Residents: 200_000, Posts: 100_000, Neighbourhoods: 300, Exchanges: 1_000_000}
}

// Step is one generation step and how long it took.
type Step struct {
	Name string
	Rows int64
	Took time.Duration
}

// Summary tells what was generated.
type Summary struct {
	Steps []Step
	Took  time.Duration
	// FastPath is true when foreign keys were trusted rather than checked
	// row by row (possible as superuser only).
	FastPath bool
	// Busiest is the neighbourhood with the most open posts: where a
	// benchmark's reader lives.
	Busiest Neighbourhood
}

// Neighbourhood describes one neighbourhood of the city.
type Neighbourhood struct {
	Code      string `db:"code"`
	Name      string `db:"name"`
	Postcode  string `db:"postcode"`
	Residents int    `db:"residents"`
	OpenPosts int    `db:"open_posts"`
}

var (
	// ErrRealUsers means the database has accounts that are not synthetic.
	ErrRealUsers = errors.New("the database has real accounts; use --force to add a synthetic city anyway")
	// ErrAlreadyThere means the synthetic city was generated before.
	ErrAlreadyThere = errors.New("the synthetic city " + MunicipalityCode + " is already in this database; use a fresh one")
)

// Validate checks the sizes.
func (o Options) Validate() error {
	switch {
	case o.Neighbourhoods < 1 || o.Neighbourhoods > 99*99:
		return fmt.Errorf("neighbourhoods must be 1 to %d", 99*99)
	case o.Residents < 10:
		return errors.New("residents must be at least 10")
	case o.Posts < 0 || o.Exchanges < 0:
		return errors.New("posts and exchanges cannot be negative")
	case o.Neighbourhoods > 8999:
		return errors.New("at most 8999 neighbourhoods (one PC4 each)")
	}
	return nil
}

// grid places n neighbourhoods on a square grid spanning ~10 km.
type grid struct {
	side, rows int
	lat0, lon0 float64
	dLat, dLon float64
	centre     [2]float64
}

func newGrid(n int) grid {
	side := int(math.Ceil(math.Sqrt(float64(n))))
	rows := (n + side - 1) / side
	stepKm := 10.0 / math.Max(1, float64(side-1))
	g := grid{side: side, rows: rows, lat0: 52.20, lon0: 6.00}
	g.dLat = stepKm / 111.2
	g.dLon = stepKm / (111.2 * math.Cos(g.lat0*math.Pi/180))
	g.centre = [2]float64{g.lat0 + float64(rows-1)*g.dLat/2, g.lon0 + float64(side-1)*g.dLon/2}
	return g
}

// Generate builds the city described by o in db, in one transaction.
func Generate(ctx context.Context, db *sqlx.DB, o Options) (Summary, error) {
	if err := o.Validate(); err != nil {
		return Summary{}, err
	}
	if err := checkEmpty(ctx, db, o.Force); err != nil {
		return Summary{}, err
	}
	var sum Summary
	start := time.Now()
	err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		fast, err := trustForeignKeys(ctx, tx)
		if err != nil {
			return err
		}
		sum.FastPath = fast
		began := time.Now()
		indexes, err := dropIndexes(ctx, tx)
		if err != nil {
			return err
		}
		sum.Steps = append(sum.Steps, o.report(Step{Name: "drop secondary indexes", Rows: int64(len(indexes)),
			Took: time.Since(began)}))
		for _, st := range steps(o, newGrid(o.Neighbourhoods)) {
			began := time.Now()
			res, err := tx.ExecContext(ctx, st.query, st.args...)
			if err != nil {
				return fmt.Errorf("synthetic %s: %w", st.name, err)
			}
			if st.name == "" {
				continue
			}
			n, _ := res.RowsAffected()
			sum.Steps = append(sum.Steps, o.report(Step{Name: st.name, Rows: n, Took: time.Since(began)}))
		}
		began = time.Now()
		for _, def := range indexes {
			if _, err := tx.ExecContext(ctx, def); err != nil {
				return fmt.Errorf("synthetic: rebuild index: %w", err)
			}
		}
		sum.Steps = append(sum.Steps, o.report(Step{Name: "rebuild secondary indexes", Rows: int64(len(indexes)),
			Took: time.Since(began)}))
		return nil
	})
	if err != nil {
		return sum, err
	}
	// Fresh statistics, and visibility maps for the tables the feed reads,
	// as a long-running database has.
	for _, table := range []string{"areas", "area_borders", "postcodes", "users", "user_roles", "posts", "blocks"} {
		if err := maintain(ctx, db, o, &sum, "VACUUM (ANALYZE) ", table); err != nil {
			return sum, err
		}
	}
	for _, table := range []string{"conversations", "messages", "exchanges", "reciprocity_entries"} {
		if err := maintain(ctx, db, o, &sum, "ANALYZE ", table); err != nil {
			return sum, err
		}
	}
	err = db.GetContext(ctx, &sum.Busiest, `
		SELECT a.code, a.name,
			(SELECT min(pc.postcode) FROM postcodes pc WHERE pc.neighbourhood_code = a.code AND length(pc.postcode) = 6) AS postcode,
			(SELECT count(*) FROM users u WHERE u.neighbourhood_code = a.code) AS residents, p.n AS open_posts
		FROM (SELECT neighbourhood_code, count(*) AS n FROM posts WHERE status = 'open'
			GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1) p
		JOIN areas a ON a.code = p.neighbourhood_code`)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return sum, fmt.Errorf("synthetic: busiest neighbourhood: %w", err)
	}
	sum.Took = time.Since(start)
	return sum, nil
}

func maintain(ctx context.Context, db *sqlx.DB, o Options, sum *Summary, command, table string) error {
	began := time.Now()
	if _, err := db.ExecContext(ctx, command+table); err != nil {
		return fmt.Errorf("synthetic %s%s: %w", command, table, err)
	}
	sum.Steps = append(sum.Steps, o.report(Step{Name: strings.ToLower(strings.Fields(command)[0]) + " " + table,
		Took: time.Since(began)}))
	return nil
}

// bulkTables get their secondary indexes rebuilt after loading: one sort
// per index instead of millions of random B-tree inserts.
var bulkTables = []string{"users", "user_roles", "posts", "conversations", "messages", "exchanges", "reciprocity_entries"}

// dropIndexes drops the indexes of bulkTables that back no constraint
// (primary keys and UNIQUE constraints stay) and returns their
// definitions, read from the catalogue so that they are rebuilt exactly as
// the migrations made them. The drops lock the tables until commit.
func dropIndexes(ctx context.Context, tx *sqlx.Tx) ([]string, error) {
	var idx []struct {
		Name string `db:"name"`
		Def  string `db:"def"`
	}
	err := tx.SelectContext(ctx, &idx, `
		SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
		FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
		WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
		ORDER BY 1`, pq.Array(bulkTables))
	if err != nil {
		return nil, fmt.Errorf("synthetic: list indexes: %w", err)
	}
	defs := make([]string, 0, len(idx))
	for _, ix := range idx {
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+ix.Name); err != nil {
			return nil, fmt.Errorf("synthetic: drop index %s: %w", ix.Name, err)
		}
		defs = append(defs, ix.Def)
	}
	return defs, nil
}

func (o Options) report(s Step) Step {
	if o.Progress != nil {
		o.Progress(s)
	}
	return s
}

// checkEmpty refuses a database that already has the city, or real
// accounts unless forced.
func checkEmpty(ctx context.Context, db *sqlx.DB, force bool) error {
	var real int
	var there bool
	err := db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM users WHERE email NOT LIKE ('%@' || $1)),
		EXISTS (SELECT 1 FROM areas WHERE code = $2)`, EmailDomain, MunicipalityCode).Scan(&real, &there)
	switch {
	case err != nil:
		return fmt.Errorf("synthetic: look for existing data: %w", err)
	case there:
		return ErrAlreadyThere
	case real > 0 && !force:
		return ErrRealUsers
	}
	return nil
}

// trustForeignKeys skips the row-by-row foreign-key triggers for this
// transaction when we may (superuser): the generator only refers to rows
// it made itself, and checking 6 million references would take most of
// the time. Check constraints and unique indexes still apply.
func trustForeignKeys(ctx context.Context, tx *sqlx.Tx) (bool, error) {
	var super bool
	if err := tx.GetContext(ctx, &super, `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`); err != nil {
		return false, fmt.Errorf("synthetic: role: %w", err)
	}
	if !super {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
		return false, fmt.Errorf("synthetic: replication role: %w", err)
	}
	return true, nil
}
