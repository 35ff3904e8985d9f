package exchanges

import (
	"context"
	"fmt"
	"time"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/domain"
)

// ProposalOutcome is what became of a broker's proposed match.
type ProposalOutcome string

// The outcomes of a proposal. Expired is never stored: it is derived when
// the request closed or expired while the proposal was still open.
const (
	ProposalOpen     ProposalOutcome = "open"
	ProposalAgreed   ProposalOutcome = "agreed"
	ProposalDeclined ProposalOutcome = "declined"
	ProposalExpired  ProposalOutcome = "expired"
)

// Proposal is a match a broker proposed on a request: they invited a helper
// into a conversation with the requester.
type Proposal struct {
	ID             string          `json:"id"`
	ConversationID string          `json:"conversationId"`
	Broker         UserRef         `json:"broker"`
	Helper         UserRef         `json:"helper"`
	Outcome        ProposalOutcome `json:"outcome"`
	CreatedAt      time.Time       `json:"createdAt"`
	DecidedAt      *time.Time      `json:"decidedAt"`
}

// proposalLapsed is the SQL condition that an open proposal (row mp) on
// post p has expired at $3: the request is no longer open or is past its
// expiry. It is the one definition of "expired" (see migration 00011).
const proposalLapsed = `(mp.outcome = 'open' AND (p.status <> 'open' OR p.expires_at <= $3))`

const proposalQuery = `
	SELECT mp.id, mp.conversation_id, mp.created_at,
	       CASE WHEN ` + proposalLapsed + ` THEN 'expired' ELSE mp.outcome END AS outcome,
	       CASE WHEN ` + proposalLapsed + ` THEN LEAST(p.updated_at, p.expires_at) ELSE mp.decided_at END AS decided_at,
	       b.id AS broker_id, b.display_name AS broker_name, ba.code AS broker_n_code, ba.name AS broker_n_name,
	       h.id AS helper_id, h.display_name AS helper_name, ha.code AS helper_n_code, ha.name AS helper_n_name
	FROM match_proposals mp
	JOIN posts p ON p.id = mp.post_id
	JOIN users b ON b.id = mp.broker_id LEFT JOIN areas ba ON ba.code = b.neighbourhood_code
	JOIN users h ON h.id = mp.helper_id LEFT JOIN areas ha ON ha.code = h.neighbourhood_code
	WHERE mp.post_id = $1
	  AND ($4::timestamptz IS NULL OR (mp.created_at, mp.id) < ($4, $5::uuid))
	ORDER BY mp.created_at DESC, mp.id DESC LIMIT $2`

type proposalRow struct {
	ID             string          `db:"id"`
	ConversationID string          `db:"conversation_id"`
	CreatedAt      time.Time       `db:"created_at"`
	Outcome        ProposalOutcome `db:"outcome"`
	DecidedAt      *time.Time      `db:"decided_at"`
	BrokerID       string          `db:"broker_id"`
	BrokerName     string          `db:"broker_name"`
	BrokerNCode    *string         `db:"broker_n_code"`
	BrokerNName    *string         `db:"broker_n_name"`
	HelperID       string          `db:"helper_id"`
	HelperName     string          `db:"helper_name"`
	HelperNCode    *string         `db:"helper_n_code"`
	HelperNName    *string         `db:"helper_n_name"`
}

func (r proposalRow) view() Proposal {
	p := Proposal{ID: r.ID, ConversationID: r.ConversationID, Outcome: r.Outcome, CreatedAt: r.CreatedAt.UTC(),
		Broker: userRef(r.BrokerID, r.BrokerName, r.BrokerNCode, r.BrokerNName),
		Helper: userRef(r.HelperID, r.HelperName, r.HelperNCode, r.HelperNName)}
	if r.DecidedAt != nil {
		t := r.DecidedAt.UTC()
		p.DecidedAt = &t
	}
	return p
}

// Proposals is one page of the matches brokers proposed on request postID,
// newest first, for its author (in any status) and brokers of its area;
// not found for anyone else.
func (x *Exchanges) Proposals(ctx context.Context, by Inviter, postID string, cursor domain.Cursor,
	limit int) ([]Proposal, string, error) {
	if !domain.IsUUID(postID) {
		return nil, "", domain.ErrNotFound
	}
	var ok bool
	err := x.db.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM posts p
		WHERE p.id = $1 AND p.kind = 'request'
		  AND (p.author_id = $2 OR ($3 AND `+areas.BrokerCovers("$2", "p.neighbourhood_code")+`)))`,
		postID, by.UserID, by.Broker)
	if err != nil {
		return nil, "", fmt.Errorf("check post %s: %w", postID, err)
	}
	if !ok {
		return nil, "", domain.ErrNotFound
	}
	var rows []proposalRow
	if err := x.db.SelectContext(ctx, &rows, proposalQuery, postID, limit+1, x.nowUTC(),
		cursor.AtOrNil(), cursor.IDOrNil()); err != nil {
		return nil, "", fmt.Errorf("list proposals of %s: %w", postID, err)
	}
	rows, next := page(rows, limit, func(r proposalRow) domain.Cursor { return domain.Cursor{At: r.CreatedAt, ID: r.ID} })
	out := make([]Proposal, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.view())
	}
	return out, next, nil
}
