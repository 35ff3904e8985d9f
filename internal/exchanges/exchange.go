package exchanges

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/domain"
)

// Exchange is agreed help between a helper and a receiver, as one of the
// two sees it.
type Exchange struct {
	ID             string  `json:"id"`
	Post           PostRef `json:"post"`
	ConversationID string  `json:"conversationId"`
	Helper         UserRef `json:"helper"`
	Receiver       UserRef `json:"receiver"`
	// Role is "helper" or "receiver": the caller's side.
	Role     string     `json:"role"`
	Status   Status     `json:"status"`
	MomentAt *time.Time `json:"momentAt"`
	CheckAt  time.Time  `json:"checkAt"`
	// MyAnswer is whether the caller said it happened (nil: not answered).
	MyAnswer      *bool      `json:"myAnswer"`
	OtherAnswered bool       `json:"otherAnswered"`
	Hours         *float64   `json:"hours"`
	Thanks        *string    `json:"thanks"`
	ThankedAt     *time.Time `json:"thankedAt"`
	CancelReason  *string    `json:"cancelReason"`
	CreatedAt     time.Time  `json:"createdAt"`
	UpdatedAt     time.Time  `json:"updatedAt"`
}

// exchangeQuery selects the exchanges in which $1 (the caller) is helper or
// receiver; callers add conditions.
const exchangeQuery = `
	SELECT x.id, x.conversation_id, x.status, x.moment_at, x.check_at, x.helper_answer, x.receiver_answer,
	       x.hours, x.thanks, x.thanked_at, x.cancel_reason, x.created_at, x.updated_at, x.single_occasion,
	       x.helper_id = $1 AS is_helper,
	       p.id AS post_id, p.kind AS post_kind, p.category_code AS post_category, p.title AS post_title,
	       p.status AS post_status,
	       h.id AS helper_id, h.display_name AS helper_name, ha.code AS helper_n_code, ha.name AS helper_n_name,
	       r.id AS receiver_id, r.display_name AS receiver_name, ra.code AS receiver_n_code, ra.name AS receiver_n_name
	FROM exchanges x
	JOIN posts p ON p.id = x.post_id
	JOIN users h ON h.id = x.helper_id LEFT JOIN areas ha ON ha.code = h.neighbourhood_code
	JOIN users r ON r.id = x.receiver_id LEFT JOIN areas ra ON ra.code = r.neighbourhood_code
	WHERE (x.helper_id = $1 OR x.receiver_id = $1)`

type exchangeRow struct {
	ID             string     `db:"id"`
	ConversationID string     `db:"conversation_id"`
	Status         Status     `db:"status"`
	MomentAt       *time.Time `db:"moment_at"`
	CheckAt        time.Time  `db:"check_at"`
	HelperAnswer   *bool      `db:"helper_answer"`
	ReceiverAnswer *bool      `db:"receiver_answer"`
	Hours          *float64   `db:"hours"`
	Thanks         *string    `db:"thanks"`
	ThankedAt      *time.Time `db:"thanked_at"`
	CancelReason   *string    `db:"cancel_reason"`
	CreatedAt      time.Time  `db:"created_at"`
	UpdatedAt      time.Time  `db:"updated_at"`
	SingleOccasion bool       `db:"single_occasion"`
	IsHelper       bool       `db:"is_helper"`
	PostID         string     `db:"post_id"`
	PostKind       string     `db:"post_kind"`
	PostCategory   string     `db:"post_category"`
	PostTitle      string     `db:"post_title"`
	PostStatus     string     `db:"post_status"`
	HelperID       string     `db:"helper_id"`
	HelperName     string     `db:"helper_name"`
	HelperNCode    *string    `db:"helper_n_code"`
	HelperNName    *string    `db:"helper_n_name"`
	ReceiverID     string     `db:"receiver_id"`
	ReceiverName   string     `db:"receiver_name"`
	ReceiverNCode  *string    `db:"receiver_n_code"`
	ReceiverNName  *string    `db:"receiver_n_name"`
}

// answers are the caller's answer and the other side's.
func (r exchangeRow) answers() (mine, other *bool) {
	if r.IsHelper {
		return r.HelperAnswer, r.ReceiverAnswer
	}
	return r.ReceiverAnswer, r.HelperAnswer
}

func (r exchangeRow) view() Exchange {
	mine, other := r.answers()
	e := Exchange{ID: r.ID, ConversationID: r.ConversationID, Role: "receiver", Status: r.Status,
		Post:     PostRef{ID: r.PostID, Kind: r.PostKind, Category: r.PostCategory, Title: r.PostTitle, Status: r.PostStatus},
		Helper:   userRef(r.HelperID, r.HelperName, r.HelperNCode, r.HelperNName),
		Receiver: userRef(r.ReceiverID, r.ReceiverName, r.ReceiverNCode, r.ReceiverNName),
		MomentAt: utc(r.MomentAt), CheckAt: r.CheckAt.UTC(), MyAnswer: mine, OtherAnswered: other != nil,
		Hours: r.Hours, Thanks: r.Thanks, ThankedAt: utc(r.ThankedAt), CancelReason: r.CancelReason,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	if r.IsHelper {
		e.Role = "helper"
	}
	return e
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// loadExchange reads exchange id when userID is its helper or receiver;
// suffix may lock it.
func loadExchange(ctx context.Context, q sqlx.QueryerContext, userID, id, suffix string) (exchangeRow, error) {
	var row exchangeRow
	if !domain.IsUUID(id) {
		return row, domain.ErrNotFound
	}
	err := sqlx.GetContext(ctx, q, &row, exchangeQuery+` AND x.id = $2 `+suffix, userID, id)
	if errors.Is(err, sql.ErrNoRows) {
		return row, domain.ErrNotFound
	}
	if err != nil {
		return row, fmt.Errorf("load exchange %s: %w", id, err)
	}
	return row, nil
}

// Exchange is exchange id as userID sees it; not found unless they are its
// helper or receiver.
func (x *Exchanges) Exchange(ctx context.Context, userID, id string) (Exchange, error) {
	row, err := loadExchange(ctx, x.db, userID, id, "")
	return row.view(), err
}

// List is one page of userID's exchanges (in status, when not empty),
// newest first.
func (x *Exchanges) List(ctx context.Context, userID string, status Status, cursor domain.Cursor, limit int) ([]Exchange, string, error) {
	if status != "" && !status.Valid() {
		return nil, "", &domain.InvalidError{Fields: []domain.FieldError{{Name: "status",
			Reason: "must be agreed, completed, cancelled or not_happened"}}}
	}
	var rows []exchangeRow
	err := x.db.SelectContext(ctx, &rows, exchangeQuery+` AND ($2 = '' OR x.status = $2)
		  AND ($3::timestamptz IS NULL OR (x.created_at, x.id) < ($3, $4::uuid))
		ORDER BY x.created_at DESC, x.id DESC LIMIT $5`, userID, status, cursor.AtOrNil(), cursor.IDOrNil(), limit+1)
	if err != nil {
		return nil, "", fmt.Errorf("list exchanges: %w", err)
	}
	rows, next := page(rows, limit, func(r exchangeRow) domain.Cursor { return domain.Cursor{At: r.CreatedAt, ID: r.ID} })
	out := make([]Exchange, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.view())
	}
	return out, next, nil
}
