package market

import (
	"context"
	"fmt"
	"time"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/domain"
)

// Block is a person the caller blocked: neither sees the other's posts,
// responses or messages.
type Block struct {
	User      UserRef   `json:"user"`
	CreatedAt time.Time `json:"createdAt"`
}

// BlockUser blocks userID for blockerID; blocking twice is fine. An
// unknown (or deleted) person is not found; blocking yourself is invalid.
func (m *Market) BlockUser(ctx context.Context, blockerID, userID string) error {
	if blockerID == userID {
		return &domain.InvalidError{Fields: []domain.FieldError{{Name: "userId", Reason: "you cannot block yourself"}}}
	}
	if !domain.IsUUID(userID) {
		return fmt.Errorf("user %q: %w", userID, domain.ErrNotFound)
	}
	res, err := m.db.ExecContext(ctx, `
		INSERT INTO blocks (blocker_id, blocked_id, created_at)
		SELECT $1, u.id, $3 FROM users u WHERE u.id = $2 AND u.deleted_at IS NULL
		ON CONFLICT DO NOTHING`, blockerID, userID, m.nowUTC())
	if err != nil {
		return fmt.Errorf("block user: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	var exists bool
	if err := m.db.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM blocks
		WHERE blocker_id = $1 AND blocked_id = $2)`, blockerID, userID); err != nil {
		return fmt.Errorf("block user: %w", err)
	}
	if !exists {
		return fmt.Errorf("user %s: %w", userID, domain.ErrNotFound)
	}
	return nil
}

// UnblockUser lifts a block; a block that does not exist is not found.
func (m *Market) UnblockUser(ctx context.Context, blockerID, userID string) error {
	if !domain.IsUUID(userID) {
		return fmt.Errorf("block of %q: %w", userID, domain.ErrNotFound)
	}
	res, err := m.db.ExecContext(ctx, `DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2`, blockerID, userID)
	if err != nil {
		return fmt.Errorf("unblock user: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("block of %s: %w", userID, domain.ErrNotFound)
	}
	return nil
}

// Blocks lists the people blockerID blocked, most recent first. The list
// is short by nature and answered in full.
func (m *Market) Blocks(ctx context.Context, blockerID string) ([]Block, error) {
	var rows []struct {
		ID                string    `db:"id"`
		DisplayName       string    `db:"display_name"`
		NeighbourhoodCode *string   `db:"neighbourhood_code"`
		NeighbourhoodName *string   `db:"neighbourhood_name"`
		CreatedAt         time.Time `db:"created_at"`
	}
	err := m.db.SelectContext(ctx, &rows, `
		SELECT u.id, u.display_name, a.code AS neighbourhood_code, a.name AS neighbourhood_name, b.created_at
		FROM blocks b
		JOIN users u ON u.id = b.blocked_id
		LEFT JOIN areas a ON a.code = u.neighbourhood_code
		WHERE b.blocker_id = $1
		ORDER BY b.created_at DESC, u.id`, blockerID)
	if err != nil {
		return nil, fmt.Errorf("list blocks: %w", err)
	}
	out := make([]Block, len(rows))
	for i, r := range rows {
		out[i] = Block{User: UserRef{ID: r.ID, DisplayName: r.DisplayName}, CreatedAt: r.CreatedAt.UTC()}
		if r.NeighbourhoodCode != nil && r.NeighbourhoodName != nil {
			out[i].User.Neighbourhood = &areas.Ref{ID: *r.NeighbourhoodCode, Name: *r.NeighbourhoodName}
		}
	}
	return out, nil
}
