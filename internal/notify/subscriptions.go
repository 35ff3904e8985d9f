package notify

import (
	"context"
	"crypto/ecdh"
	"encoding/base64"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/domain"
)

// MaxSubscriptionsPerUser caps browsers per person; the oldest goes first.
const MaxSubscriptionsPerUser = 10

// DefaultPushHosts are the push services of the major browsers. A host
// matches exactly, or as a subdomain of an entry that starts with a dot.
var DefaultPushHosts = []string{
	"fcm.googleapis.com", "updates.push.services.mozilla.com", ".push.services.mozilla.com",
	".notify.windows.com", "web.push.apple.com", ".push.apple.com",
}

// Subscription is a browser's push subscription as the Push API gives it.
type Subscription struct {
	Endpoint string
	P256dh   string
	Auth     string
}

// Subscriptions stores push subscriptions, refusing endpoints outside the
// allow-list so that Noaber never sends requests to arbitrary hosts (SSRF).
type Subscriptions struct {
	db            *sqlx.DB
	hosts         []string
	allowLoopback bool
}

// NewSubscriptions returns a store that accepts endpoints on hosts; with
// allowLoopback (tests only) also https://127.0.0.1 and ::1.
func NewSubscriptions(db *sqlx.DB, hosts []string, allowLoopback bool) *Subscriptions {
	return &Subscriptions{db: db, hosts: hosts, allowLoopback: allowLoopback}
}

// Subscribe validates s and stores it for userID (moving it from another
// account that used the same browser before). It returns its id.
func (st *Subscriptions) Subscribe(ctx context.Context, userID string, s Subscription) (string, error) {
	var check domain.Checker
	check.Check(st.allowedEndpoint(s.Endpoint), "endpoint", "must be an https URL of a known push service")
	check.Check(validP256dh(s.P256dh), "keys.p256dh", "must be an uncompressed P-256 public key (base64url)")
	check.Check(validAuth(s.Auth), "keys.auth", "must be 16 bytes (base64url)")
	if err := check.Err(); err != nil {
		return "", err
	}
	var id string
	err := st.db.GetContext(ctx, &id, `
		WITH upsert AS (
			INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4)
			ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh,
				auth = EXCLUDED.auth, created_at = now()
			RETURNING id
		), pruned AS (
			DELETE FROM push_subscriptions WHERE id IN (
				SELECT id FROM push_subscriptions WHERE user_id = $1 AND endpoint <> $2
				ORDER BY created_at DESC OFFSET $5 - 1)
		)
		SELECT id FROM upsert`, userID, s.Endpoint, s.P256dh, s.Auth, MaxSubscriptionsPerUser)
	if err != nil {
		return "", fmt.Errorf("subscribe: %w", err)
	}
	return id, nil
}

// Unsubscribe removes the caller's own subscription; someone else's is
// domain.ErrNotFound.
func (st *Subscriptions) Unsubscribe(ctx context.Context, userID, id string) error {
	res, err := st.db.ExecContext(ctx, `DELETE FROM push_subscriptions WHERE id::text = $1 AND user_id = $2`, id, userID)
	if err != nil {
		return fmt.Errorf("unsubscribe: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.ErrNotFound
	}
	return nil
}

func (st *Subscriptions) allowedEndpoint(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.User != nil || len(raw) > 2048 {
		return false
	}
	host := strings.ToLower(u.Hostname())
	if ip := net.ParseIP(host); ip != nil {
		return st.allowLoopback && ip.IsLoopback()
	}
	for _, allowed := range st.hosts {
		if host == allowed || strings.HasPrefix(allowed, ".") && strings.HasSuffix(host, allowed) {
			return true
		}
	}
	return false
}

// decodeKey reads base64url as browsers send it, or standard base64.
func decodeKey(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	if b, err := base64.RawURLEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	return base64.RawStdEncoding.DecodeString(s)
}

// validP256dh checks that the browser's key is a point on P-256, so that
// encrypting to it cannot fail later.
func validP256dh(s string) bool {
	b, err := decodeKey(s)
	if err != nil || len(b) != 65 {
		return false
	}
	_, err = ecdh.P256().NewPublicKey(b)
	return err == nil
}

func validAuth(s string) bool {
	b, err := decodeKey(s)
	return err == nil && len(b) == 16
}
