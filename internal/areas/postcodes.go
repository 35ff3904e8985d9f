package areas

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/domain"
)

var postcodePattern = regexp.MustCompile(`^[1-9][0-9]{3}([A-Z]{2})?$`)

// NormalisePostcode turns " 9999 aa" into "9999AA". ok is false when the
// result is not a Dutch PC6 or PC4 postcode.
func NormalisePostcode(raw string) (postcode string, ok bool) {
	p := strings.ToUpper(strings.Join(strings.Fields(raw), ""))
	return p, postcodePattern.MatchString(p)
}

// Ref names an area by its code and name.
type Ref struct {
	ID   string `json:"id" db:"code"`
	Name string `json:"name" db:"name"`
}

// Placement is where a postcode lies: its neighbourhood, district and
// municipality.
type Placement struct {
	Postcode      string `json:"postcode"`
	Neighbourhood Ref    `json:"neighbourhood"`
	District      Ref    `json:"district"`
	Municipality  Ref    `json:"municipality"`
}

// Locate finds the neighbourhood of a postcode: the PC6 row when there is
// one, else the PC4 row. An unknown postcode is domain.ErrNotFound.
func Locate(ctx context.Context, q sqlx.QueryerContext, postcode string) (Placement, error) {
	var row struct {
		Postcode string `db:"postcode"`
		NCode    string `db:"n_code"`
		NName    string `db:"n_name"`
		DCode    string `db:"d_code"`
		DName    string `db:"d_name"`
		MCode    string `db:"m_code"`
		MName    string `db:"m_name"`
	}
	err := sqlx.GetContext(ctx, q, &row, `
		SELECT p.postcode, n.code AS n_code, n.name AS n_name, d.code AS d_code, d.name AS d_name,
		       m.code AS m_code, m.name AS m_name
		FROM postcodes p
		JOIN areas n ON n.code = p.neighbourhood_code
		JOIN areas d ON d.code = n.parent_code
		JOIN areas m ON m.code = d.parent_code
		WHERE p.postcode IN ($1, left($1, 4))
		ORDER BY length(p.postcode) DESC
		LIMIT 1`, postcode)
	if errors.Is(err, sql.ErrNoRows) {
		return Placement{}, domain.ErrNotFound
	}
	if err != nil {
		return Placement{}, fmt.Errorf("locate postcode: %w", err)
	}
	return Placement{
		Postcode:      postcode,
		Neighbourhood: Ref{row.NCode, row.NName},
		District:      Ref{row.DCode, row.DName},
		Municipality:  Ref{row.MCode, row.MName},
	}, nil
}
