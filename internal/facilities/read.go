package facilities

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/domain"
)

// Filter narrows the list. An empty AreaID means the viewer's own
// neighbourhood; an empty Category means every category.
type Filter struct {
	AreaID   string
	Category string
}

// facilityColumns are the columns every read returns, with the categories
// and areas of each facility gathered in the same row.
const facilityColumns = `
	f.id, f.name, f.description, f.phone, f.email, f.address, f.opening_hours, f.link, f.created_at, f.updated_at,
	ARRAY(SELECT fc.category_code FROM facility_categories fc WHERE fc.facility_id = f.id
	      ORDER BY fc.category_code) AS categories,
	(SELECT coalesce(json_agg(json_build_object('id', a.code, 'name', a.name, 'kind', a.kind) ORDER BY a.code), '[]')
	 FROM facility_areas fa JOIN areas a ON a.code = fa.area_code WHERE fa.facility_id = f.id) AS areas`

// listQuery pages through the facilities that serve area $1: those for the
// area itself, for the areas above it (a municipality-wide facility serves
// every neighbourhood) and for the areas below it (a broker looking at a
// district sees what its neighbourhoods have). $2 is a category or ”.
const listQuery = `
	WITH x AS (SELECT code, parent_code FROM areas WHERE code = $1),
	scope AS (
		SELECT code FROM x
		UNION SELECT parent_code FROM x WHERE parent_code IS NOT NULL
		UNION SELECT p.parent_code FROM x JOIN areas p ON p.code = x.parent_code WHERE p.parent_code IS NOT NULL
		UNION SELECT c.code FROM areas c JOIN x ON c.parent_code = x.code
		UNION SELECT g.code FROM areas g JOIN areas c ON g.parent_code = c.code JOIN x ON c.parent_code = x.code
	)
	SELECT ` + facilityColumns + `
	FROM facilities f
	WHERE EXISTS (SELECT 1 FROM facility_areas fa WHERE fa.facility_id = f.id AND fa.area_code IN (SELECT code FROM scope))
	  AND ($2 = '' OR EXISTS (SELECT 1 FROM facility_categories fc
	                          WHERE fc.facility_id = f.id AND fc.category_code = $2))
	  AND ($3::timestamptz IS NULL OR (f.created_at, f.id) < ($3, $4::uuid))
	ORDER BY f.created_at DESC, f.id DESC
	LIMIT $5`

// mayViewAreaQuery says whether viewer $2 may filter on area $1: an admin
// ($3) any area, a broker ($4) the areas they cover, anybody the
// neighbourhood they live in ($5) and the district and municipality above it.
var mayViewAreaQuery = `
	SELECT EXISTS (SELECT 1 FROM areas a WHERE a.code = $1 AND (
		$3 OR ($4 AND ` + areas.BrokerCovers("$2::uuid", "a.code") + `)
		OR a.code IN (SELECT unnest(ARRAY[n.code, n.parent_code, d.parent_code])
		              FROM areas n LEFT JOIN areas d ON d.code = n.parent_code WHERE n.code = $5)))`

// facilityRow is a facility as read from SQL.
type facilityRow struct {
	ID           string          `db:"id"`
	Name         string          `db:"name"`
	Description  string          `db:"description"`
	Phone        *string         `db:"phone"`
	Email        *string         `db:"email"`
	Address      *string         `db:"address"`
	OpeningHours *string         `db:"opening_hours"`
	Link         *string         `db:"link"`
	CreatedAt    time.Time       `db:"created_at"`
	UpdatedAt    time.Time       `db:"updated_at"`
	Categories   pq.StringArray  `db:"categories"`
	Areas        json.RawMessage `db:"areas"`
}

func (r facilityRow) facility() (Facility, error) {
	f := Facility{ID: r.ID, Name: r.Name, Description: r.Description,
		Contact:      Contact{Phone: r.Phone, Email: r.Email, Address: r.Address},
		OpeningHours: r.OpeningHours, Link: r.Link, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Categories: append([]string{}, r.Categories...)}
	if err := json.Unmarshal(r.Areas, &f.Areas); err != nil {
		return f, fmt.Errorf("facility %s areas: %w", r.ID, err)
	}
	return f, nil
}

// List pages through the facilities serving the filter's area, newest
// first. An area the viewer may not look at is domain.ErrNotFound; a viewer
// without a neighbourhood who names no area gets an empty page.
func (f *Facilities) List(ctx context.Context, v Viewer, filter Filter, cursor domain.Cursor, limit int) (Page, error) {
	if err := f.checkCategoryFilter(ctx, filter.Category); err != nil {
		return Page{}, err
	}
	area := filter.AreaID
	if area == "" {
		area = v.NeighbourhoodCode
	} else if err := f.checkAreaFilter(ctx, v, area); err != nil {
		return Page{}, err
	}
	if area == "" {
		return Page{Items: []Facility{}}, nil
	}
	var rows []facilityRow
	if err := f.db.SelectContext(ctx, &rows, listQuery, area, filter.Category,
		cursor.AtOrNil(), cursor.IDOrNil(), limit+1); err != nil {
		return Page{}, fmt.Errorf("list facilities: %w", err)
	}
	return page(rows, limit)
}

func (f *Facilities) checkAreaFilter(ctx context.Context, v Viewer, area string) error {
	var ok bool
	if err := f.db.GetContext(ctx, &ok, mayViewAreaQuery, area, nullUUID(v.UserID), v.Admin, v.Broker,
		v.NeighbourhoodCode); err != nil {
		return fmt.Errorf("check facility area: %w", err)
	}
	if !ok {
		return domain.ErrNotFound
	}
	return nil
}

func (f *Facilities) checkCategoryFilter(ctx context.Context, category string) error {
	if category == "" {
		return nil
	}
	var ok bool
	if err := f.db.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM categories WHERE code = $1)`, category); err != nil {
		return fmt.Errorf("check facility category: %w", err)
	}
	var check domain.Checker
	check.Check(ok, "category", "is not a category (see GET /categories)")
	return check.Err()
}

// page turns limit+1 rows into a page and the cursor of the next one.
func page(rows []facilityRow, limit int) (Page, error) {
	p := Page{Items: make([]Facility, 0, min(len(rows), limit))}
	for i, r := range rows {
		if i == limit {
			last := rows[limit-1]
			p.Next = domain.Cursor{At: last.CreatedAt, ID: last.ID}.String()
			break
		}
		fac, err := r.facility()
		if err != nil {
			return p, err
		}
		p.Items = append(p.Items, fac)
	}
	return p, nil
}

// get reads one facility inside tx.
func get(ctx context.Context, tx *sqlx.Tx, id string) (Facility, error) {
	var r facilityRow
	if err := tx.GetContext(ctx, &r, `SELECT `+facilityColumns+` FROM facilities f WHERE f.id = $1`, id); err != nil {
		return Facility{}, fmt.Errorf("read facility %s: %w", id, err)
	}
	return r.facility()
}

// nullUUID is nil for "" so that SQL compares with NULL, not a bad uuid.
func nullUUID(id string) *string {
	if id == "" {
		return nil
	}
	return &id
}
