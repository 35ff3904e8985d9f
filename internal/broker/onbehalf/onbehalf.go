// Package onbehalf decides whether a broker may act for a managed resident:
// post, respond and talk in their name. It is a leaf, so that the
// marketplace and the exchanges can ask it inside their own transactions
// without importing the broker's workbench.
package onbehalf

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/domain"
)

// mayActQuery is true when $2 is a live managed resident living in an area
// that broker $1 covers.
var mayActQuery = `SELECT EXISTS (SELECT 1 FROM managed_residents mr JOIN users u ON u.id = mr.user_id
	WHERE mr.user_id::text = $2 AND u.deleted_at IS NULL AND u.disabled_at IS NULL
	  AND ` + areas.BrokerCovers("$1", "u.neighbourhood_code") + `)`

// Check returns nil when brokerID may act for residentID, else an
// *domain.InvalidError naming field (the request's onBehalfOf): an id in a
// body that the caller may not use is bad input, as an organisation they do
// not manage is.
func Check(ctx context.Context, q sqlx.QueryerContext, brokerID, residentID, field string) error {
	var ok bool
	if err := sqlx.GetContext(ctx, q, &ok, mayActQuery, brokerID, residentID); err != nil {
		return fmt.Errorf("check managed resident: %w", err)
	}
	if !ok {
		var check domain.Checker
		check.Fail(field, "is not a managed resident you may act for")
		return check.Err()
	}
	return nil
}

// Actor resolves who acts: with onBehalfOf nil the caller themselves (and
// no broker), else the managed resident with the caller as their broker.
func Actor(ctx context.Context, q sqlx.QueryerContext, callerID string, onBehalfOf *string) (actor string, broker *string, err error) {
	if onBehalfOf == nil {
		return callerID, nil, nil
	}
	if err := Check(ctx, q, callerID, *onBehalfOf, "onBehalfOf"); err != nil {
		return "", nil, err
	}
	return *onBehalfOf, &callerID, nil
}

// RecordPost notes on post postID the broker who wrote it (nil: its author
// did).
func RecordPost(ctx context.Context, tx *sqlx.Tx, postID string, broker *string) error {
	if broker == nil {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE posts SET created_by = $2 WHERE id = $1`, postID, *broker); err != nil {
		return fmt.Errorf("record broker of post %s: %w", postID, err)
	}
	return nil
}

// RecordMessage notes on message messageID the broker who sent it for the
// resident (nil: the resident did).
func RecordMessage(ctx context.Context, tx *sqlx.Tx, messageID string, broker *string) error {
	if broker == nil {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET sent_by_broker = $2 WHERE id = $1`, messageID, *broker); err != nil {
		return fmt.Errorf("record broker of message %s: %w", messageID, err)
	}
	return nil
}
