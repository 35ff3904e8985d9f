package market

import (
	"context"
	"encoding/json"
	"math"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/domain"
)

// Nullable is a field that may be left out, set to null (to clear it) or
// set to a value: Set false means left out.
type Nullable[T any] struct {
	Set   bool
	Value *T
}

// UnmarshalJSON is only called when the field is present.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	n.Set = true
	return json.Unmarshal(b, &n.Value)
}

// fields are a post's editable fields; nil (or not Set) leaves a field as
// it is. Create fills in defaults first, so there every field is given.
type fields struct {
	Category, Title, Body, Recurrence *string
	MomentText, MomentAt              Nullable[string]
	OrganisationID                    Nullable[string]
	RadiusKm                          *float64
}

// checked are fields after validation, ready for SQL.
type checked struct {
	momentAt *time.Time
}

// author is what validation needs to know about the person posting.
type author struct {
	NeighbourhoodCode *string `db:"neighbourhood_code"`
	OrganisationID    *string `db:"organisation_id"`
}

// validate normalizes f in place and checks every given field at once,
// including those the database must confirm (category, organisation).
// storedMoment is the post's current moment (nil for a new post): an
// unchanged moment in the past is left alone.
func validate(ctx context.Context, tx *sqlx.Tx, a author, f *fields, storedMoment *time.Time, now time.Time) (checked, error) {
	var check domain.Checker
	var out checked
	if f.Title != nil {
		*f.Title = normalize(*f.Title)
		checkText(&check, "title", *f.Title, textRule{min: 3, max: 80})
	}
	if f.Body != nil {
		*f.Body = normalize(*f.Body)
		checkText(&check, "body", *f.Body, textRule{min: 1, max: 1000, multiline: true})
	}
	if f.MomentText.Value != nil {
		*f.MomentText.Value = normalize(*f.MomentText.Value)
		checkText(&check, "momentText", *f.MomentText.Value, textRule{max: 80})
	}
	if f.Recurrence != nil {
		check.Check(Recurrence(*f.Recurrence).Valid(), "recurrence", "must be once, weekly, monthly or regularly")
	}
	if f.RadiusKm != nil {
		r := *f.RadiusKm
		check.Check(r >= 0.5 && r <= 15 && math.Trunc(r*2) == r*2, "radiusKm", "must be 0.5 to 15 km in steps of 0.5")
	}
	out.momentAt = checkMoment(&check, f.MomentAt, storedMoment, now)
	if f.OrganisationID.Value != nil {
		id := *f.OrganisationID.Value
		check.Check(a.OrganisationID != nil && *a.OrganisationID == id, "organisationId",
			"must be the organisation you belong to")
	}
	if f.Category != nil {
		usable, err := categoryState(ctx, tx, *f.Category)
		if err != nil {
			return out, err
		}
		check.Check(usable, "category", "must be an existing category that is still in use")
	}
	return out, check.Err()
}

// checkMoment parses an RFC 3339 moment: it may not lie in the past, unless
// it is the post's stored moment sent back unchanged.
func checkMoment(check *domain.Checker, in Nullable[string], stored *time.Time, now time.Time) *time.Time {
	if in.Value == nil {
		return nil
	}
	at, err := time.Parse(time.RFC3339, *in.Value)
	if err != nil {
		check.Fail("momentAt", "must be a date and time in RFC 3339 format, e.g. 2026-05-02T10:00:00+02:00")
		return nil
	}
	at = at.UTC()
	unchanged := stored != nil && stored.Equal(at)
	switch {
	case !unchanged && at.Before(now):
		check.Fail("momentAt", "must not be in the past")
	case at.After(now.AddDate(1, 0, 0)):
		check.Fail("momentAt", "must be within a year from now")
	}
	return &at
}
