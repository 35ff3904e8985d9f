// Package facilities is the social map (sociale kaart): general facilities
// per area, such as a klussendienst, a buurtbus or a repair café, kept up to
// date by brokers. A facility serves one or more areas; one for a district
// or the whole municipality serves every neighbourhood in it. Everybody who
// is logged in reads the map; who may change an entry is decided in the
// queries, through areas.BrokerCovers.
package facilities

import (
	"encoding/json"
	"time"

	"github.com/jmoiron/sqlx"
)

// Facilities answers for the social map.
type Facilities struct {
	db  *sqlx.DB
	now func() time.Time
}

// New returns the social map on db with clock now.
func New(db *sqlx.DB, now func() time.Time) *Facilities {
	return &Facilities{db: db, now: now}
}

// Viewer is the person asking. Broker and Admin are only set with a proven
// second factor.
type Viewer struct {
	UserID string
	// NeighbourhoodCode is where the person lives ("" when unknown).
	NeighbourhoodCode string
	Broker            bool
	Admin             bool
}

// Facility is one entry on the social map.
type Facility struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Description  string    `json:"description"`
	Categories   []string  `json:"categories"`
	Areas        []AreaRef `json:"areas"`
	Contact      Contact   `json:"contact"`
	OpeningHours *string   `json:"openingHours"`
	Link         *string   `json:"link"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
}

// Contact is how to reach a facility: the organisation's public details.
type Contact struct {
	Phone   *string `json:"phone"`
	Email   *string `json:"email"`
	Address *string `json:"address"`
}

// AreaRef names an area a facility serves.
type AreaRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// Page is one page of facilities; Next is "" on the last one.
type Page struct {
	Items []Facility
	Next  string
}

// Nullable is a field of a change that may be left out (Set false), set to
// a value or cleared with null (Value nil).
type Nullable[T any] struct {
	Set   bool
	Value *T
}

// UnmarshalJSON is only called when the field is present.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	n.Set = true
	return json.Unmarshal(b, &n.Value)
}

func (f *Facilities) nowUTC() time.Time { return f.now().UTC() }
