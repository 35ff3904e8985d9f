package matching

import "time"

// Request is a request for help (a post of kind request) as the ranker sees it.
type Request struct {
	ID            string
	RequesterID   string
	Category      string // category code, e.g. "klussen"
	Neighbourhood string // CBS code of the requester's neighbourhood (BU…)
	District      string // CBS code of its district (WK…)
	RadiusKm      float64
	Moment        Window // optional; the zero Window means "any time"
	Created       time.Time
	// RequesterGiven and RequesterReceived count the requester's completed
	// exchanges as helper and as receiver (indirect reciprocity).
	RequesterGiven    int
	RequesterReceived int
}

// Resident holds the facts about a person as a potential helper.
type Resident struct {
	PersonID      string
	Neighbourhood string
	District      string
	// RadiusKm is how far the helper's own offer reaches; 0 means no limit
	// (a willing helper without an offer).
	RadiusKm     float64
	Offers       []string // categories they offer help in
	HelpedIn     []string // categories they helped in before
	Availability Slots    // when they are usually free; 0 means unknown
	Given        int      // completed exchanges as helper
	Received     int      // completed exchanges as receiver
	// OpenCommitments counts agreed exchanges that have not happened yet.
	OpenCommitments int
	// RecentExchanges counts exchanges in which they helped, in the last 30
	// days: the load that wears volunteers out.
	RecentExchanges int
	Completed       int // completed exchanges as helper, confirmed by both
	Thanks          int // thank-you notes received
	MemberSince     time.Time
	Paused          bool // vakantiestand
	Deleted         bool
}

// Pair holds what is known about one helper and one requester together.
type Pair struct {
	// Bordering is true when the two neighbourhoods share a border.
	Bordering bool
	// DistanceKm is the distance between the two neighbourhood centroids.
	DistanceKm float64
	// HelpedRequester counts exchanges in which the helper helped the requester.
	HelpedRequester int
	// HelpedByRequester counts exchanges in which the requester helped the helper.
	HelpedByRequester int
	Blocked           bool // one of the two blocked the other
	Declined          bool // the helper said no to this request
}

// Candidate is a possible helper for a request: a resident with an offer or
// who said they are willing to help, plus the facts about the pair.
type Candidate struct {
	Resident
	Pair
	OfferID string // the offer that made them a candidate; "" for a willing helper
}

// RequestCandidate is an open request seen from a helper's side
// (RankRequests), plus the facts about the pair.
type RequestCandidate struct {
	Request
	Pair
	Responses int // reactions the request has had so far
}

// Suggestion is one ranked result.
type Suggestion struct {
	// ID is the candidate's person id (Rank) or the request id (RankRequests).
	ID      string   `json:"id"`
	OfferID string   `json:"offerId,omitempty"`
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons"`
}

// Reason is a translation key plus the values its text needs. Texts use the
// placeholders {category} (a category code the UI turns into its label),
// {count} and {km}.
type Reason struct {
	Key      string  `json:"key"`
	Category string  `json:"category,omitempty"`
	Count    int     `json:"count,omitempty"`
	Km       float64 `json:"km,omitempty"`
}
