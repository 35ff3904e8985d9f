package broker

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/domain"
)

// NoticeBoard is the printable weekly notice board (prikbord) of an area,
// for the community centre and the library.
type NoticeBoard struct {
	Area AreaKind `json:"area"`
	// Week is the ISO week, such as 2026-W48; From and To are its Monday
	// and Sunday.
	Week string `json:"week"`
	From string `json:"from"`
	To   string `json:"to"`
	// RespondVia is the line printed under the board: who to call.
	RespondVia string       `json:"respondVia"`
	Contact    BoardContact `json:"contact"`
	Items      []NoticeItem `json:"items"`
}

// AreaKind names an area and its level.
type AreaKind struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// BoardContact is the broker people respond through.
type BoardContact struct {
	Name  string  `json:"name"`
	Phone *string `json:"phone"`
}

// NoticeItem is one post on the board: first names only, no addresses.
type NoticeItem struct {
	Kind          string     `json:"kind"`
	Category      string     `json:"category"`
	CategoryLabel string     `json:"categoryLabel"`
	Title         string     `json:"title"`
	Body          string     `json:"body"`
	MomentText    *string    `json:"momentText"`
	MomentAt      *time.Time `json:"momentAt"`
	Recurrence    string     `json:"recurrence"`
	DisplayName   string     `json:"displayName"`
	Neighbourhood AreaRef    `json:"neighbourhood"`
}

type noticeRow struct {
	Kind          string     `db:"kind"`
	Category      string     `db:"category_code"`
	CategoryLabel string     `db:"category_label"`
	Title         string     `db:"title"`
	Body          string     `db:"body"`
	MomentText    *string    `db:"moment_text"`
	MomentAt      *time.Time `db:"moment_at"`
	Recurrence    string     `db:"recurrence"`
	FirstName     string     `db:"first_name"`
	NCode         string     `db:"n_code"`
	NName         string     `db:"n_name"`
}

// MaxNoticeItems is what fits on a few printed A4 pages.
const MaxNoticeItems = 100

// underArea is the SQL condition that neighbourhood n (district d) lies in
// the area whose code is $4.
const underArea = `$4 IN (n.code, n.parent_code, d.parent_code)`

// boardAreaQuery finds area $4 when the viewer covers at least one
// neighbourhood in it (an admin: any area).
var boardAreaQuery = `SELECT a.code AS id, a.name, a.kind FROM areas a WHERE a.code = $4 AND ($2 OR ($3 AND EXISTS (
	SELECT 1 FROM areas n LEFT JOIN areas d ON d.code = n.parent_code
	WHERE n.kind = 'neighbourhood' AND ` + underArea + ` AND ` + areas.BrokerCovers("$1", "n.code") + `)))`

// noticeQuery lists the open requests (not yet matched) and offers (of a
// helper not on holiday) in the viewer's part of area $4 that are up during
// [$5, $6): requests first, then by category.
var noticeQuery = `
	SELECT p.kind, p.category_code, c.label_nl AS category_label, p.title, p.body, p.moment_text, p.moment_at,
	       p.recurrence, split_part(au.display_name, ' ', 1) AS first_name, n.code AS n_code, n.name AS n_name
	FROM posts p
	JOIN users au ON au.id = p.author_id
	JOIN categories c ON c.code = p.category_code
	JOIN areas n ON n.code = p.neighbourhood_code
	LEFT JOIN areas d ON d.code = n.parent_code
	WHERE ` + underArea + ` AND ` + scope("p.neighbourhood_code") + `
	  AND p.status = 'open' AND p.hidden_at IS NULL AND p.created_at < $6 AND p.expires_at > $5
	  AND au.deleted_at IS NULL AND au.disabled_at IS NULL
	  AND NOT (p.kind = 'request' AND EXISTS (SELECT 1 FROM exchanges e WHERE e.post_id = p.id
	                                          AND e.status IN ('agreed', 'completed')))
	  AND NOT (p.kind = 'offer' AND au.paused_at IS NOT NULL AND (au.paused_until IS NULL OR au.paused_until > $5))
	ORDER BY p.kind = 'offer', c.position, c.code, p.created_at, p.id
	LIMIT ` + strconv.Itoa(MaxNoticeItems)

// Board is the notice board of area areaID for ISO week week (empty: this
// week), signed with the caller's name and phone.
func (b *Broker) Board(ctx context.Context, v Viewer, areaID, week string) (NoticeBoard, error) {
	from, err := b.isoWeek(week)
	if err != nil {
		return NoticeBoard{}, err
	}
	to := from.AddDate(0, 0, 7)
	var nb NoticeBoard
	if err := b.db.GetContext(ctx, &nb.Area, boardAreaQuery, v.UserID, v.Admin, v.Broker, areaID); err != nil {
		return NoticeBoard{}, notFoundIfNoRows("area "+areaID, err)
	}
	var rows []noticeRow
	if err := b.db.SelectContext(ctx, &rows, noticeQuery, v.UserID, v.Admin, v.Broker, areaID, from, to); err != nil {
		return NoticeBoard{}, fmt.Errorf("list notice board: %w", err)
	}
	if err := b.db.GetContext(ctx, &nb.Contact, `SELECT display_name AS name, phone FROM users WHERE id = $1`, v.UserID); err != nil {
		return NoticeBoard{}, fmt.Errorf("load broker: %w", err)
	}
	year, w := from.ISOWeek()
	nb.Week = fmt.Sprintf("%04d-W%02d", year, w)
	nb.From, nb.To = from.Format(time.DateOnly), to.AddDate(0, 0, -1).Format(time.DateOnly)
	nb.RespondVia = "Reageren via: " + nb.Contact.Name
	if nb.Contact.Phone != nil {
		nb.RespondVia += ", " + *nb.Contact.Phone
	}
	nb.Items = make([]NoticeItem, 0, len(rows))
	for _, r := range rows {
		nb.Items = append(nb.Items, NoticeItem{Kind: r.Kind, Category: r.Category, CategoryLabel: r.CategoryLabel,
			Title: r.Title, Body: r.Body, MomentText: r.MomentText, MomentAt: utcOrNil(r.MomentAt), Recurrence: r.Recurrence,
			DisplayName: r.FirstName, Neighbourhood: AreaRef{r.NCode, r.NName}})
	}
	return nb, nil
}

func utcOrNil(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// amsterdam is where the weeks begin: Noaber serves Dutch municipalities.
var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// isoWeek is the Monday 00:00 (Amsterdam) that starts ISO week s
// ("2026-W48"); empty is the current week.
func (b *Broker) isoWeek(s string) (time.Time, error) {
	if s == "" {
		now := b.now().In(amsterdam)
		monday := now.AddDate(0, 0, -((int(now.Weekday()) + 6) % 7))
		return time.Date(monday.Year(), monday.Month(), monday.Day(), 0, 0, 0, 0, amsterdam), nil
	}
	bad := &domain.InvalidError{Fields: []domain.FieldError{{Name: "week", Reason: "must be an ISO week such as 2026-W48"}}}
	ys, ws, ok := strings.Cut(s, "-W")
	year, errY := strconv.Atoi(ys)
	week, errW := strconv.Atoi(ws)
	if !ok || len(ys) != 4 || len(ws) != 2 || errY != nil || errW != nil || week < 1 || week > 53 {
		return time.Time{}, bad
	}
	jan4 := time.Date(year, time.January, 4, 0, 0, 0, 0, amsterdam)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(week-1))
	if y, w := monday.ISOWeek(); y != year || w != week {
		return time.Time{}, bad // week 53 of a year that has 52
	}
	return monday, nil
}
