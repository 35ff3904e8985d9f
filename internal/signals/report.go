package signals

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// Report is what a key figure tells about someone they worry about.
type Report struct {
	// Postcode or NeighbourhoodID (exactly one) says where the person lives.
	Postcode        string
	NeighbourhoodID string
	Identification  string
	LifeDomains     []string
	Urgency         Urgency
	Description     string
	PersonKnows     *bool
	CallbackPhone   string
}

// Receipt is what the reporter hears right away.
type Receipt struct {
	ID        string     `json:"id"`
	Status    Status     `json:"status"`
	Deadline  time.Time  `json:"deadline"`
	Promise   Promise    `json:"promise"`
	Emergency *Emergency `json:"emergency"`
}

// Promise tells the reporter who picks the signal up and by when.
type Promise struct {
	// ContactName is null while no area team serves the neighbourhood.
	ContactName *string `json:"contactName"`
	Text        string  `json:"text"`
	TextEn      string  `json:"textEn"`
}

// Emergency tells the reporter of an urgent signal whom to call instead.
type Emergency struct {
	Text         string   `json:"text"`
	TextEn       string   `json:"textEn"`
	PhoneNumbers []string `json:"phoneNumbers"`
}

// urgentAdvice is shown with every urgent signal: a signal is not a
// replacement for emergency services.
var urgentAdvice = Emergency{
	Text: "Is iemand in direct gevaar? Bel dan 112. Zorgen over huiselijk geweld of kindermishandeling? " +
		"Bel Veilig Thuis: 0800-2000 (gratis, dag en nacht).",
	TextEn: "Is someone in immediate danger? Call 112. Worried about domestic violence or child abuse? " +
		"Call Veilig Thuis: 0800-2000 (free, day and night).",
	PhoneNumbers: []string{"112", "0800-2000"},
}

// LimitError means the reporter reached the daily limit; they may report
// again after RetryAfter.
type LimitError struct{ RetryAfter time.Duration }

func (e *LimitError) Error() string { return "daily limit of signals reached" }

var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 \-]{5,19}$`)

// check validates r, naming every bad field at once.
func (r Report) check() error {
	var c domain.Checker
	c.Check((r.Postcode == "") != (r.NeighbourhoodID == ""), "postcode", "give exactly one of postcode and neighbourhoodId")
	if r.Postcode != "" {
		_, ok := areas.NormalisePostcode(r.Postcode)
		c.Check(ok, "postcode", "must be a Dutch postcode such as 1234 AB")
	}
	n := utf8.RuneCountInString(strings.TrimSpace(r.Identification))
	c.Check(n >= 1 && n <= 200, "identification", "must be 1 to 200 characters")
	n = utf8.RuneCountInString(strings.TrimSpace(r.Description))
	c.Check(n >= 10 && n <= 4000, "description", "must be 10 to 4000 characters")
	c.Check(r.Urgency.Valid(), "urgency", "must be normal, worried or urgent")
	c.Check(r.PersonKnows != nil, "personKnows", "must be true or false")
	c.Check(validDomains(r.LifeDomains), "lifeDomains",
		"must be 1 to 9 different life domains of: "+strings.Join(LifeDomains, ", "))
	c.Check(r.CallbackPhone == "" || phonePattern.MatchString(strings.TrimSpace(r.CallbackPhone)),
		"callbackPhone", "must be a phone number such as 06 12345678")
	return c.Err()
}

func validDomains(list []string) bool {
	if len(list) < 1 || len(list) > len(LifeDomains) {
		return false
	}
	seen := map[string]bool{}
	for _, d := range list {
		known := false
		for _, k := range LifeDomains {
			known = known || k == d
		}
		if !known || seen[d] {
			return false
		}
		seen[d] = true
	}
	return true
}

// Report stores a signal of reporterID, routes it to the area team of the
// person's neighbourhood and notifies the assignee, in one transaction.
func (s *Signals) Report(ctx context.Context, reporterID string, r Report) (Receipt, error) {
	if err := r.check(); err != nil {
		return Receipt{}, err
	}
	now := s.now().UTC()
	var out Receipt
	err := database.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		code, err := neighbourhoodOf(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := s.checkDailyLimit(ctx, tx, reporterID, now); err != nil {
			return err
		}
		out, err = s.insert(ctx, tx, reporterID, code, r, now)
		return err
	})
	return out, err
}

// neighbourhoodOf finds the neighbourhood of the person concerned.
func neighbourhoodOf(ctx context.Context, tx *sqlx.Tx, r Report) (string, error) {
	if r.Postcode != "" {
		pc, _ := areas.NormalisePostcode(r.Postcode)
		place, err := areas.Locate(ctx, tx, pc)
		if errors.Is(err, domain.ErrNotFound) {
			return "", &domain.InvalidError{Fields: []domain.FieldError{{Name: "postcode", Reason: "is not a known postcode"}}}
		}
		return place.Neighbourhood.ID, err
	}
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM areas WHERE code = $1 AND kind = 'neighbourhood'`,
		r.NeighbourhoodID); err != nil {
		return "", fmt.Errorf("find neighbourhood: %w", err)
	}
	if n == 0 {
		return "", &domain.InvalidError{Fields: []domain.FieldError{{Name: "neighbourhoodId", Reason: "is not a known neighbourhood (BU…)"}}}
	}
	return r.NeighbourhoodID, nil
}

// checkDailyLimit counts the reporter's signals since midnight in
// Amsterdam. The advisory lock serialises one reporter's reports so that two
// at once cannot both slip under the limit.
func (s *Signals) checkDailyLimit(ctx context.Context, tx *sqlx.Tx, reporterID string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('signals:' || $1, 0))`, reporterID); err != nil {
		return fmt.Errorf("lock reporter: %w", err)
	}
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM signals WHERE reporter_id = $1 AND created_at >= $2`,
		reporterID, startOfDay(now)); err != nil {
		return fmt.Errorf("count signals today: %w", err)
	}
	if n >= s.cfg.DailyLimit {
		return &LimitError{RetryAfter: nextMidnight(now).Sub(now)}
	}
	return nil
}

const insertSignalQuery = `
	INSERT INTO signals (reporter_id, neighbourhood_code, identification, description, life_domains, urgency,
	                     person_knows, callback_phone, assignee_id, deadline, created_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, ''), NULLIF($9, '')::uuid, $10, $11)
	RETURNING id`

func (s *Signals) insert(ctx context.Context, tx *sqlx.Tx, reporterID, code string, r Report, now time.Time) (Receipt, error) {
	a, routed, err := route(ctx, tx, code)
	if err != nil {
		return Receipt{}, err
	}
	deadline := s.deadline(r.Urgency, now)
	var id string
	if err := tx.GetContext(ctx, &id, insertSignalQuery, reporterID, code, strings.TrimSpace(r.Identification),
		strings.TrimSpace(r.Description), pq.Array(r.LifeDomains), r.Urgency, *r.PersonKnows,
		strings.TrimSpace(r.CallbackPhone), a.ID, deadline, now); err != nil {
		return Receipt{}, fmt.Errorf("insert signal: %w", err)
	}
	if err := appendEvent(ctx, tx, event{SignalID: id, At: now, Kind: kindStatus, To: string(Received),
		ActorID: reporterID}); err != nil {
		return Receipt{}, err
	}
	if err := logProcessing(ctx, tx, now, reporterID, id, ActionCreate, PurposeReport); err != nil {
		return Receipt{}, err
	}
	if routed {
		err = notifyAssignee(ctx, tx, now, a.ID, id, r.Urgency)
	} else {
		err = alertAdmins(ctx, tx, now, id)
	}
	if err != nil {
		return Receipt{}, err
	}
	out := Receipt{ID: id, Status: Received, Deadline: deadline, Promise: s.promise(a, routed, r.Urgency)}
	if r.Urgency == Urgent {
		e := urgentAdvice
		out.Emergency = &e
	}
	return out, nil
}

// promise is the reporter's promise: who picks it up, and by when.
func (s *Signals) promise(a assignee, routed bool, u Urgency) Promise {
	if !routed {
		return Promise{
			Text: "Je signaal is ontvangen. Voor deze buurt is nog geen contactpersoon; de beheerder is gewaarschuwd " +
				"en zorgt dat het gebiedsteam het oppakt.",
			TextEn: "Your signal was received. This neighbourhood has no contact person yet; the administrator " +
				"has been alerted and will make sure the area team picks it up.",
		}
	}
	nl, en := termText(s.cfg.Deadlines[u])
	name := a.DisplayName
	return Promise{ContactName: &name,
		Text:   fmt.Sprintf("%s pakt dit %s op.", name, nl),
		TextEn: fmt.Sprintf("%s will pick this up %s.", name, en)}
}
