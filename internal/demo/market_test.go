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

func TestSeedMarketplaceOnce(t *testing.T) {
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
		if _, err := demo.Seed(ctx, db, accts); err != nil {
			t.Fatalf("seed #%d: %v", i+1, err)
		}
	}
	var got struct {
		Open, Closed, Authors, Conversations, Messages, Agreed, Completed, Ledger, Thanks, Misplaced, Expired int
	}
	err = db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM posts WHERE status = 'open'),
		(SELECT count(*) FROM posts WHERE status = 'closed'),
		(SELECT count(DISTINCT author_id) FROM posts),
		(SELECT count(*) FROM conversations),
		(SELECT count(*) FROM messages),
		(SELECT count(*) FROM exchanges WHERE status = 'agreed'),
		(SELECT count(*) FROM exchanges WHERE status = 'completed'),
		(SELECT count(*) FROM reciprocity_entries),
		(SELECT count(*) FROM exchanges WHERE thanks IS NOT NULL),
		(SELECT count(*) FROM posts p JOIN users u ON u.id = p.author_id
			WHERE p.neighbourhood_code IS DISTINCT FROM u.neighbourhood_code),
		(SELECT count(*) FROM posts WHERE expires_at < now() + interval '29 days')`).Scan(
		&got.Open, &got.Closed, &got.Authors, &got.Conversations, &got.Messages, &got.Agreed, &got.Completed,
		&got.Ledger, &got.Thanks, &got.Misplaced, &got.Expired)
	if err != nil {
		t.Fatal(err)
	}
	if got.Open != 12 || got.Closed != 2 || got.Authors < 8 || got.Conversations != 6 || got.Messages < 12 ||
		got.Agreed != 1 || got.Completed != 2 || got.Ledger != 2 || got.Thanks != 1 || got.Misplaced != 0 || got.Expired != 0 {
		t.Errorf("demo marketplace after two seeds: %+v", got)
	}
	// The ledger agrees with the exchanges: the helper gave, the receiver
	// received, in the post's neighbourhood.
	var mismatched int
	if err := db.GetContext(ctx, &mismatched, `
		SELECT count(*) FROM reciprocity_entries r
		JOIN exchanges e ON e.id = r.exchange_id JOIN posts p ON p.id = e.post_id
		WHERE r.giver_id <> e.helper_id OR r.receiver_id <> e.receiver_id OR r.neighbourhood_code <> p.neighbourhood_code
		   OR e.helper_id = p.author_id AND p.kind = 'request'`); err != nil || mismatched != 0 {
		t.Errorf("%d ledger entries disagree with their exchange (%v)", mismatched, err)
	}
	// Every conversation's last message time is its newest message.
	var stale int
	if err := db.GetContext(ctx, &stale, `
		SELECT count(*) FROM conversations c
		WHERE c.last_message_at <> (SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id)`); err != nil || stale != 0 {
		t.Errorf("%d conversations with a wrong last_message_at (%v)", stale, err)
	}
}
