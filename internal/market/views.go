package market

import (
	"math"
	"time"

	"github.com/noaber/noaber/internal/areas"
)

// Kind says whether a post asks for help or offers it.
type Kind string

// The kinds of post (vraag, aanbod).
const (
	Request Kind = "request"
	Offer   Kind = "offer"
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Request || k == Offer }

// Recurrence says how often the help is wanted or offered.
type Recurrence string

// The recurrences.
const (
	Once      Recurrence = "once"
	Weekly    Recurrence = "weekly"
	Monthly   Recurrence = "monthly"
	Regularly Recurrence = "regularly"
)

// Valid reports whether r is a known recurrence.
func (r Recurrence) Valid() bool { return r == Once || r == Weekly || r == Monthly || r == Regularly }

// Proximity says how near a post's neighbourhood is to the reader's.
type Proximity string

// The proximities, nearest first (the feed's order).
const (
	Same      Proximity = "same"
	Bordering Proximity = "bordering"
	Nearby    Proximity = "nearby"
)

var proximityByRank = []Proximity{Same, Bordering, Nearby}

// UserRef names a person as others may see them: never an address.
type UserRef struct {
	ID            string     `json:"id"`
	DisplayName   string     `json:"displayName"`
	Neighbourhood *areas.Ref `json:"neighbourhood"`
}

// OrganisationRef names the organisation a post is placed for.
type OrganisationRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Post is a request or offer as one reader sees it.
type Post struct {
	ID             string           `json:"id"`
	Kind           Kind             `json:"kind"`
	Category       string           `json:"category"`
	Title          string           `json:"title"`
	Body           string           `json:"body"`
	MomentText     *string          `json:"momentText"`
	MomentAt       *time.Time       `json:"momentAt"`
	Recurrence     Recurrence       `json:"recurrence"`
	RadiusKm       float64          `json:"radiusKm"`
	Status         Status           `json:"status"`
	Author         UserRef          `json:"author"`
	Organisation   *OrganisationRef `json:"organisation"`
	DistanceKm     float64          `json:"distanceKm"`
	Proximity      Proximity        `json:"proximity"`
	Mine           bool             `json:"mine"`
	MyConversation *string          `json:"myConversationId"`
	ResponseCount  *int             `json:"responseCount"`
	ExpiresAt      time.Time        `json:"expiresAt"`
	CreatedAt      time.Time        `json:"createdAt"`
	UpdatedAt      time.Time        `json:"updatedAt"`
}

// postRow is a post with what a reader needs around it, as the feed and
// the single-post query return it.
type postRow struct {
	ID                string     `db:"id"`
	AuthorID          string     `db:"author_id"`
	AuthorName        string     `db:"author_name"`
	NeighbourhoodCode string     `db:"neighbourhood_code"`
	NeighbourhoodName string     `db:"neighbourhood_name"`
	OrganisationID    *string    `db:"organisation_id"`
	OrganisationName  *string    `db:"organisation_name"`
	Kind              Kind       `db:"kind"`
	Category          string     `db:"category_code"`
	Title             string     `db:"title"`
	Body              string     `db:"body"`
	MomentText        *string    `db:"moment_text"`
	MomentAt          *time.Time `db:"moment_at"`
	Recurrence        Recurrence `db:"recurrence"`
	RadiusKm          float64    `db:"radius_km"`
	Status            Status     `db:"status"`
	Rank              int        `db:"rank"`
	DistanceKm        float64    `db:"distance_km"`
	MyConversation    *string    `db:"my_conversation_id"`
	ResponseCount     *int       `db:"response_count"`
	ExpiresAt         time.Time  `db:"expires_at"`
	CreatedAt         time.Time  `db:"created_at"`
	UpdatedAt         time.Time  `db:"updated_at"`
}

// post is the row as readerID sees it at now: an open post past its
// expiry is expired even before the job has marked it.
func (r postRow) post(readerID string, now time.Time) Post {
	p := Post{ID: r.ID, Kind: r.Kind, Category: r.Category, Title: r.Title, Body: r.Body,
		MomentText: r.MomentText, MomentAt: utcOrNil(r.MomentAt), Recurrence: r.Recurrence,
		RadiusKm: r.RadiusKm, Status: r.Status.at(r.ExpiresAt, now),
		Author: UserRef{ID: r.AuthorID, DisplayName: r.AuthorName,
			Neighbourhood: &areas.Ref{ID: r.NeighbourhoodCode, Name: r.NeighbourhoodName}},
		DistanceKm: roundHalf(r.DistanceKm), Proximity: proximityByRank[min(max(r.Rank, 0), 2)],
		Mine: r.AuthorID == readerID, MyConversation: r.MyConversation, ResponseCount: r.ResponseCount,
		ExpiresAt: r.ExpiresAt.UTC(), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	if r.OrganisationID != nil && r.OrganisationName != nil {
		p.Organisation = &OrganisationRef{ID: *r.OrganisationID, Name: *r.OrganisationName}
	}
	return p
}

// roundHalf rounds a distance to half a kilometre: distances are between
// neighbourhood centroids, so more precision would only suggest an address.
func roundHalf(km float64) float64 { return math.Round(km*2) / 2 }

func utcOrNil(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
