package matching

// Weights sets how much each part of the score counts. A score is a sum of
// contributions; most lie between 0 and the weight named here. Change the
// weights only together with a run of the simulator (matching/sim), which
// measures what they do to the share of requests matched and to the spread
// of help over helpers.
type Weights struct {
	// Proximity is the contribution of a helper in the same neighbourhood.
	// Other places get a fraction of it, always in the order
	// same neighbourhood > bordering > same district > farther away.
	Proximity float64
	// BorderingFactor is the fraction for a bordering neighbourhood.
	BorderingFactor float64
	// DistrictFactor is the fraction for the same district.
	DistrictFactor float64
	// FarFactor is the largest fraction for anywhere else; it decays with
	// distance. Keep FarFactor < DistrictFactor < BorderingFactor < 1.
	FarFactor float64
	// DecayKm is the distance over which the far fraction falls to 1/e. Within
	// a tier the distance also counts a little (up to 10% of the tier).
	DecayKm float64

	// OffersCategory counts when the helper offers help in the request's category.
	OffersCategory float64
	// HelpedInCategory counts when the helper helped in that category before.
	HelpedInCategory float64
	// MomentFits counts when the request's moment falls in the helper's
	// availability; when it clearly does not, half of it is subtracted.
	MomentFits float64

	// DirectReciprocity counts when the two helped each other before, either way.
	DirectReciprocity float64
	// RequesterGave counts, scaled by the share the requester gave of all
	// their exchanges, when the requester has helped others (indirect).
	RequesterGave float64
	// GiveBack is the gentle boost for a helper who mostly received.
	GiveBack float64

	// OpenCommitment is subtracted per open commitment, up to MaxLoadCount.
	OpenCommitment float64
	// RecentExchange is subtracted per exchange in the last 30 days, up to MaxLoadCount.
	RecentExchange float64
	// MaxLoadCount caps each load count so the penalty stays bounded.
	MaxLoadCount int
	// Newcomer counts for a helper who joined less than NewcomerDays before
	// the request was made and has not completed an exchange yet.
	Newcomer     float64
	NewcomerDays int

	// Completed counts completed exchanges as helper, growing with the
	// logarithm and full at TrustSaturation exchanges.
	Completed float64
	// Thanks counts thank-you notes in the same way.
	Thanks          float64
	TrustSaturation int

	// NoResponses counts, on the helper's side only, for a request nobody
	// has reacted to yet.
	NoResponses float64
}

// DefaultWeights returns the weights tuned with the simulator (see
// sim/ASSUMPTIONS.md). Proximity and fit decide first; fairness is strong
// enough that one open commitment, or two exchanges given in the last 30
// days, put a helper below an idle one a tier farther away (volunteer
// burnout is the failure to avoid); trust only breaks near-ties, so it does
// not feed the same few helpers again and again.
func DefaultWeights() Weights {
	return Weights{
		Proximity:         1.0,
		BorderingFactor:   0.8,
		DistrictFactor:    0.6,
		FarFactor:         0.45,
		DecayKm:           2.0,
		OffersCategory:    0.8,
		HelpedInCategory:  0.3,
		MomentFits:        0.3,
		DirectReciprocity: 0.35,
		RequesterGave:     0.2,
		GiveBack:          0.15,
		OpenCommitment:    0.35,
		RecentExchange:    0.2,
		MaxLoadCount:      8,
		Newcomer:          0.25,
		NewcomerDays:      90,
		Completed:         0.08,
		Thanks:            0.05,
		TrustSaturation:   20,
		NoResponses:       0.2,
	}
}
