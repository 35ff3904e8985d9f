// Package idempotency stores the first response to a creating POST under
// the caller's Idempotency-Key, so that a retry replays it instead of
// creating something twice.
//
// A key lives in one row per account. The first request claims it in a
// short statement of its own (committed at once, so that a concurrent
// duplicate sees it), runs, and then either stores its response or, when it
// failed on our side, releases the key so that a retry can go through.
package idempotency

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// TTL is how long a key is remembered after its first use.
const TTL = 24 * time.Hour

// staleAfter is when a claim whose request never finished (the process
// died) may be taken over; it is far beyond any request timeout.
const staleAfter = 5 * time.Minute

// MaxKeyLength is the longest key accepted.
const MaxKeyLength = 255

// Store keeps idempotency keys in PostgreSQL.
type Store struct {
	db  *sqlx.DB
	now func() time.Time
}

// New returns the store on db with clock now.
func New(db *sqlx.DB, now func() time.Time) *Store {
	return &Store{db: db, now: now}
}

// Request is one use of a key: who, which key, and the fingerprint of what
// was asked.
type Request struct {
	UserID string
	Key    string
	Method string
	Path   string
	Hash   []byte
}

// Fingerprint is the SHA-256 of method, path and body: the same request
// has the same fingerprint.
func Fingerprint(method, path string, body []byte) []byte {
	h := sha256.New()
	h.Write([]byte(method))
	h.Write([]byte{0})
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write(body)
	return h.Sum(nil)
}

// ValidKey reports whether key may be used: 1–255 printable ASCII
// characters.
func ValidKey(key string) bool {
	if key == "" || len(key) > MaxKeyLength {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x20 || key[i] > 0x7e {
			return false
		}
	}
	return true
}

// Response is a stored first response.
type Response struct {
	Status      int
	ContentType string
	Location    string
	Body        []byte
}

// State is what Begin found for a key.
type State int

const (
	// Started means the key is now claimed by this request: run it, then
	// Complete or Release.
	Started State = iota + 1
	// Replay means the same request finished before: send its response.
	Replay
	// Mismatch means the key was used for a different request.
	Mismatch
	// InFlight means the same key is being handled right now.
	InFlight
)

// Claim is the outcome of Begin; Response is set for Replay.
type Claim struct {
	State    State
	Response Response
}

const claimQuery = `
	INSERT INTO idempotency_keys AS k (user_id, key, method, path, request_hash, created_at, expires_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7)
	ON CONFLICT (user_id, key) DO UPDATE
		SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
		    status_code = NULL, content_type = NULL, location = NULL, body = NULL,
		    created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
		WHERE k.expires_at <= $6 OR (k.status_code IS NULL AND k.created_at <= $8)
	RETURNING true`

type keyRow struct {
	Hash        []byte         `db:"request_hash"`
	Status      sql.NullInt32  `db:"status_code"`
	ContentType sql.NullString `db:"content_type"`
	Location    sql.NullString `db:"location"`
	Body        []byte         `db:"body"`
}

// Begin claims r.Key for r, or tells why it cannot: the first response is
// to be replayed, the key belongs to another request, or it is in flight.
// An expired key counts as absent and is claimed anew.
func (s *Store) Begin(ctx context.Context, r Request) (Claim, error) {
	for attempt := 0; attempt < 3; attempt++ {
		now := s.now()
		var claimed bool
		err := s.db.GetContext(ctx, &claimed, claimQuery, r.UserID, r.Key, r.Method, r.Path, r.Hash,
			now, now.Add(TTL), now.Add(-staleAfter))
		if err == nil {
			return Claim{State: Started}, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return Claim{}, fmt.Errorf("claim idempotency key: %w", err)
		}
		var row keyRow
		err = s.db.GetContext(ctx, &row, `
			SELECT request_hash, status_code, content_type, location, body
			FROM idempotency_keys WHERE user_id = $1 AND key = $2`, r.UserID, r.Key)
		if errors.Is(err, sql.ErrNoRows) {
			continue // released or purged in between: try to claim again
		}
		if err != nil {
			return Claim{}, fmt.Errorf("read idempotency key: %w", err)
		}
		switch {
		case string(row.Hash) != string(r.Hash):
			return Claim{State: Mismatch}, nil
		case !row.Status.Valid:
			return Claim{State: InFlight}, nil
		}
		return Claim{State: Replay, Response: Response{Status: int(row.Status.Int32),
			ContentType: row.ContentType.String, Location: row.Location.String, Body: row.Body}}, nil
	}
	return Claim{State: InFlight}, nil
}

// Complete stores the response to the request that claimed the key.
func (s *Store) Complete(ctx context.Context, r Request, resp Response) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE idempotency_keys
		SET status_code = $4, content_type = NULLIF($5, ''), location = NULLIF($6, ''), body = $7
		WHERE user_id = $1 AND key = $2 AND request_hash = $3 AND status_code IS NULL`,
		r.UserID, r.Key, r.Hash, resp.Status, resp.ContentType, resp.Location, resp.Body)
	if err != nil {
		return fmt.Errorf("store idempotent response: %w", err)
	}
	return nil
}

// Release gives up the claim of a request that failed on our side, so that
// a retry with the same key runs again.
func (s *Store) Release(ctx context.Context, r Request) error {
	_, err := s.db.ExecContext(ctx, `
		DELETE FROM idempotency_keys
		WHERE user_id = $1 AND key = $2 AND request_hash = $3 AND status_code IS NULL`,
		r.UserID, r.Key, r.Hash)
	if err != nil {
		return fmt.Errorf("release idempotency key: %w", err)
	}
	return nil
}

// Purge deletes expired keys and returns how many.
func (s *Store) Purge(ctx context.Context) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE expires_at <= $1`, s.now())
	if err != nil {
		return 0, fmt.Errorf("purge idempotency keys: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// RunOnce does the store's periodic work (purging expired keys) and
// returns how many keys it removed; the server runs it from its job loop.
func (s *Store) RunOnce(ctx context.Context) (int, error) {
	return s.Purge(ctx)
}
