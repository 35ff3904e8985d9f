package matching

import (
	"maps"
	"math"
)

// Reason keys. The texts are in Texts; "you" is always the reader: the
// requester for Rank, the helper for RankRequests.
const (
	ReasonSameNeighbourhood   = "reason.sameNeighbourhood"
	ReasonBordering           = "reason.borderingNeighbourhood"
	ReasonSameDistrict        = "reason.sameDistrict"
	ReasonDistance            = "reason.distance"
	ReasonOffersCategory      = "reason.offersCategory"
	ReasonHelpedInCategory    = "reason.helpedInCategory"
	ReasonMomentFits          = "reason.momentFits"
	ReasonTheyHelpedYou       = "reason.theyHelpedYou"
	ReasonYouHelpedThem       = "reason.youHelpedThem"
	ReasonGivesBack           = "reason.givesBack"
	ReasonNewcomer            = "reason.newcomer"
	ReasonExperienced         = "reason.experienced"
	ReasonThanked             = "reason.thanked"
	ReasonMatchesYourOffer    = "reason.matchesYourOffer"
	ReasonYouHelpedInCategory = "reason.youHelpedInCategory"
	ReasonFitsYourTime        = "reason.fitsYourTime"
	ReasonRequesterGives      = "reason.requesterGives"
	ReasonNoResponsesYet      = "reason.noResponsesYet"
)

// MaxReasons is the most reasons a suggestion carries.
const MaxReasons = 3

// minCountReason is the smallest count worth a "helped N times" reason.
const minCountReason = 2

// texts are the reason texts by language: Dutch at B1 level, and English.
// The PWA keeps its own copy of these strings; TestTextsComplete checks
// both languages have every key.
var texts = map[string]map[string]string{
	"nl": {
		ReasonSameNeighbourhood:   "Woont in jouw buurt",
		ReasonBordering:           "Woont in de buurt naast jou",
		ReasonSameDistrict:        "Woont in jouw wijk",
		ReasonDistance:            "Woont ongeveer {km} km verderop",
		ReasonOffersCategory:      "Biedt hulp aan bij {category}",
		ReasonHelpedInCategory:    "Heeft eerder geholpen bij {category}",
		ReasonMomentFits:          "Kan op het moment dat jij vraagt",
		ReasonTheyHelpedYou:       "Heeft jou eerder geholpen",
		ReasonYouHelpedThem:       "Jij hebt deze buur eerder geholpen",
		ReasonGivesBack:           "Wil graag iets terugdoen",
		ReasonNewcomer:            "Is nieuw en wil graag helpen",
		ReasonExperienced:         "Heeft al {count} keer geholpen",
		ReasonThanked:             "Kreeg al {count} bedankjes",
		ReasonMatchesYourOffer:    "Past bij wat jij aanbiedt: {category}",
		ReasonYouHelpedInCategory: "Jij hebt eerder geholpen bij {category}",
		ReasonFitsYourTime:        "Past bij wanneer jij kunt",
		ReasonRequesterGives:      "Helpt zelf ook vaak andere buren",
		ReasonNoResponsesYet:      "Nog niemand heeft gereageerd",
	},
	"en": {
		ReasonSameNeighbourhood:   "Lives in your neighbourhood",
		ReasonBordering:           "Lives in the neighbourhood next to yours",
		ReasonSameDistrict:        "Lives in your district",
		ReasonDistance:            "Lives about {km} km away",
		ReasonOffersCategory:      "Offers help with {category}",
		ReasonHelpedInCategory:    "Has helped with {category} before",
		ReasonMomentFits:          "Is free at the time you asked for",
		ReasonTheyHelpedYou:       "Has helped you before",
		ReasonYouHelpedThem:       "You have helped this neighbour before",
		ReasonGivesBack:           "Would like to give something back",
		ReasonNewcomer:            "Is new and keen to help",
		ReasonExperienced:         "Has helped {count} times",
		ReasonThanked:             "Has been thanked {count} times",
		ReasonMatchesYourOffer:    "Matches what you offer: {category}",
		ReasonYouHelpedInCategory: "You have helped with {category} before",
		ReasonFitsYourTime:        "Fits when you are free",
		ReasonRequesterGives:      "Often helps other neighbours too",
		ReasonNoResponsesYet:      "Nobody has responded yet",
	},
}

// Texts returns (a copy of) the reason texts for a language ("nl" or
// "en"); any other language gets nil.
func Texts(lang string) map[string]string {
	t, ok := texts[lang]
	if !ok {
		return nil
	}
	return maps.Clone(t)
}

// Text is the text of one reason key in lang ("nl" or "en"); "" when
// either is unknown.
func Text(lang, key string) string { return texts[lang][key] }

// reasonFor turns one part of the score into a reason for the reader; ok is
// false when the part has nothing worth saying.
func reasonFor(pt part, f facts) (r Reason, ok bool) {
	h, req := f.helper, f.req
	forHelper := f.side == helperSide
	switch pt {
	case partProximity:
		return proximityReason(f), true
	case partOffers:
		return Reason{Key: pick(forHelper, ReasonMatchesYourOffer, ReasonOffersCategory), Category: req.Category}, true
	case partHelpedIn:
		return Reason{Key: pick(forHelper, ReasonYouHelpedInCategory, ReasonHelpedInCategory), Category: req.Category}, true
	case partMoment:
		return Reason{Key: pick(forHelper, ReasonFitsYourTime, ReasonMomentFits)}, true
	case partTheyHelpedYou:
		return Reason{Key: ReasonTheyHelpedYou}, true
	case partYouHelpedThem:
		return Reason{Key: ReasonYouHelpedThem}, true
	case partRequesterGave:
		return Reason{Key: ReasonRequesterGives}, forHelper
	case partNoResponses:
		return Reason{Key: ReasonNoResponsesYet}, forHelper
	case partGiveBack:
		return Reason{Key: ReasonGivesBack}, !forHelper
	case partNewcomer:
		return Reason{Key: ReasonNewcomer}, !forHelper
	case partCompleted:
		return Reason{Key: ReasonExperienced, Count: h.Completed}, !forHelper && h.Completed >= minCountReason
	case partThanks:
		return Reason{Key: ReasonThanked, Count: h.Thanks}, !forHelper && h.Thanks >= minCountReason
	}
	return Reason{}, false
}

func proximityReason(f facts) Reason {
	switch tierOf(f) {
	case tierSameNeighbourhood:
		return Reason{Key: ReasonSameNeighbourhood}
	case tierBordering:
		return Reason{Key: ReasonBordering}
	case tierSameDistrict:
		return Reason{Key: ReasonSameDistrict}
	}
	return Reason{Key: ReasonDistance, Km: math.Round(f.pair.DistanceKm*10) / 10}
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// appendReasons appends the 1–MaxReasons most important reasons for f to
// dst, largest positive contribution first (ties in part order). Proximity
// is always available, so there is at least one.
func appendReasons(dst []Reason, f facts, p *parts) []Reason {
	var order [numParts]part
	n := 0
	for pt := part(0); pt < numParts; pt++ {
		if p[pt] > 0 || pt == partProximity {
			order[n] = pt
			n++
		}
	}
	// Insertion sort: a dozen entries at most, and no allocation.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && p[order[j]] > p[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	added := 0
	for _, pt := range order[:n] {
		if r, ok := reasonFor(pt, f); ok && added < MaxReasons {
			dst = append(dst, r)
			added++
		}
	}
	return dst
}
