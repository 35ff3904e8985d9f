package signals

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/noaber/noaber/internal/domain"
)

// ListFilter narrows a list of signals; zero values do not filter.
type ListFilter struct {
	Status Status
	// Unassigned keeps only signals that no area team could take yet.
	Unassigned bool
}

// Page is one page of signals; Items holds Metadata (area team, admin) or
// ReporterSummary (key figure) values.
type Page struct {
	Items []any
	Next  string
}

// List is the signals v may see, one page at a time. Lists never carry
// content (identification excepted for the reporter's own), so reading one
// is not a read of a signal's content.
//
//   - a contact person (area team member) sees the signals of the
//     neighbourhoods their team serves and those assigned to them, signals
//     awaiting acknowledgement first, each part by deadline: overdue first;
//   - else an admin sees every signal's metadata, newest first;
//   - else a key figure sees their own signals, newest first.
func (s *Signals) List(ctx context.Context, v Viewer, f ListFilter, cursor domain.Cursor, limit int) (Page, error) {
	if f.Status != "" && !f.Status.Valid() {
		return Page{}, &domain.InvalidError{Fields: []domain.FieldError{{Name: "status", Reason: "is not a status"}}}
	}
	switch {
	case v.Contact:
		return s.teamList(ctx, v.UserID, f, cursor, limit)
	case v.Admin:
		return s.newestFirst(ctx, "$6::text IS NOT NULL", "", f, cursor, limit, false)
	case v.Keyfigure:
		return s.newestFirst(ctx, "s.reporter_id = $6::uuid", v.UserID, f, cursor, limit, true)
	}
	return Page{}, domain.ErrNotFound
}

const filterCondition = `($1 = '' OR s.status = $1) AND (NOT $2 OR s.assignee_id IS NULL)`

func (s *Signals) newestFirst(ctx context.Context, cond, userID string, f ListFilter, cursor domain.Cursor,
	limit int, reporter bool) (Page, error) {
	var rows []signalRow
	err := s.db.SelectContext(ctx, &rows, `SELECT `+signalColumns+` FROM signals s
		WHERE `+filterCondition+` AND ($3::timestamptz IS NULL OR (s.created_at, s.id) < ($3, $4::uuid))
		  AND `+cond+`
		ORDER BY s.created_at DESC, s.id DESC LIMIT $5`,
		f.Status, f.Unassigned, cursor.AtOrNil(), cursor.IDOrNil(), limit+1, userID)
	if err != nil {
		return Page{}, fmt.Errorf("list signals: %w", err)
	}
	var p Page
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		p.Next = domain.Cursor{At: last.CreatedAt, ID: last.ID}.String()
	}
	p.Items = make([]any, 0, len(rows))
	now := s.now()
	for _, r := range rows {
		if reporter {
			p.Items = append(p.Items, r.reporterSummary())
		} else {
			p.Items = append(p.Items, r.metadata(now))
		}
	}
	return p, nil
}

// teamList orders by (awaiting acknowledgement first, deadline, id); the
// cursor's id carries the first part as "0:" or "1:".
func (s *Signals) teamList(ctx context.Context, userID string, f ListFilter, cursor domain.Cursor, limit int) (Page, error) {
	rank, id := 0, ""
	if !cursor.IsZero() {
		r, rest, ok := strings.Cut(cursor.ID, ":")
		n, err := strconv.Atoi(r)
		if !ok || err != nil || !domain.IsUUID(rest) {
			return Page{}, &domain.InvalidError{Fields: []domain.FieldError{{Name: "cursor", Reason: "is not a cursor from a previous page"}}}
		}
		rank, id = n, rest
	}
	var rows []signalRow
	err := s.db.SelectContext(ctx, &rows, `SELECT `+signalColumns+` FROM signals s
		WHERE `+filterCondition+` AND `+teamMember("$6")+`
		  AND ($3::timestamptz IS NULL OR ((s.status <> 'received')::int, s.deadline, s.id) > ($7, $3, $4::uuid))
		ORDER BY (s.status <> 'received')::int, s.deadline, s.id LIMIT $5`,
		f.Status, f.Unassigned, cursor.AtOrNil(), nullIfEmpty(id), limit+1, userID, rank)
	if err != nil {
		return Page{}, fmt.Errorf("list team signals: %w", err)
	}
	var p Page
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		r := 0
		if last.Status != Received {
			r = 1
		}
		p.Next = domain.Cursor{At: last.Deadline, ID: fmt.Sprintf("%d:%s", r, last.ID)}.String()
	}
	p.Items = make([]any, 0, len(rows))
	now := s.now()
	for _, r := range rows {
		p.Items = append(p.Items, r.metadata(now))
	}
	return p, nil
}

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
