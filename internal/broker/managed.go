package broker

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// NewManaged is the profile a broker makes for someone who is not online.
type NewManaged struct {
	DisplayName string
	// Postcode or NeighbourhoodID places the person; exactly one is given.
	Postcode        string
	NeighbourhoodID string
	// Phone is for the broker only.
	Phone string
	// ConsentAt is the day the person agreed (2006-01-02), not in the future.
	ConsentAt   string
	ConsentNote *string
}

// ManagedChange changes a managed profile; nil leaves a field, "" clears
// phone or consentNote.
type ManagedChange struct {
	DisplayName *string
	Phone       *string
	ConsentAt   *string
	ConsentNote *string
}

// ManagedResident is a managed profile as the brokers of its area see it.
type ManagedResident struct {
	ID            string    `json:"id"`
	DisplayName   string    `json:"displayName"`
	Neighbourhood AreaRef   `json:"neighbourhood"`
	Phone         *string   `json:"phone"`
	ConsentAt     string    `json:"consentAt"`
	ConsentNote   *string   `json:"consentNote"`
	ManagedBy     *UserRef  `json:"managedBy"`
	CreatedAt     time.Time `json:"createdAt"`
	// UnreadMessages counts messages to the person the brokers have not
	// read yet: managed residents get no notifications.
	UnreadMessages int `json:"unreadMessages"`
}

type managedRow struct {
	ID          string    `db:"id"`
	DisplayName string    `db:"display_name"`
	NCode       string    `db:"n_code"`
	NName       string    `db:"n_name"`
	Phone       *string   `db:"phone"`
	ConsentAt   time.Time `db:"consent_at"`
	ConsentNote *string   `db:"consent_note"`
	ByID        *string   `db:"by_id"`
	ByName      *string   `db:"by_name"`
	CreatedAt   time.Time `db:"created_at"`
	Unread      int       `db:"unread"`
}

func (r managedRow) view() ManagedResident {
	m := ManagedResident{ID: r.ID, DisplayName: r.DisplayName, Neighbourhood: AreaRef{r.NCode, r.NName}, Phone: r.Phone,
		ConsentAt: r.ConsentAt.Format(time.DateOnly), ConsentNote: r.ConsentNote, CreatedAt: r.CreatedAt.UTC(),
		UnreadMessages: r.Unread}
	if r.ByID != nil {
		m.ManagedBy = &UserRef{ID: *r.ByID, DisplayName: *r.ByName}
	}
	return m
}

// unreadFor counts the messages to person u that nobody read for them.
const unreadFor = `(SELECT count(*) FROM conversations c JOIN messages m ON m.conversation_id = c.id
	WHERE u.id IN (c.author_id, c.responder_id) AND m.sender_id <> u.id
	  AND m.created_at > COALESCE(CASE WHEN c.author_id = u.id THEN c.author_read_at ELSE c.responder_read_at END,
	                              '-infinity'))`

// managedSelect reads managed residents that broker $1 covers.
var managedSelect = `SELECT u.id, u.display_name, n.code AS n_code, n.name AS n_name, u.phone, mr.consent_at,
	       mr.consent_note, mb.id AS by_id, mb.display_name AS by_name, mr.created_at, ` + unreadFor + ` AS unread
	FROM managed_residents mr JOIN users u ON u.id = mr.user_id JOIN areas n ON n.code = u.neighbourhood_code
	LEFT JOIN users mb ON mb.id = mr.managed_by
	WHERE u.deleted_at IS NULL AND ` + areas.BrokerCovers("$1", "u.neighbourhood_code")

var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 \-]{5,18}[0-9]$`)

// CreateManaged makes a profile without login for a person in a
// neighbourhood the broker covers, with their consent recorded.
func (b *Broker) CreateManaged(ctx context.Context, brokerID string, in NewManaged) (ManagedResident, error) {
	var id string
	err := database.WithTx(ctx, b.db, func(tx *sqlx.Tx) error {
		now := b.nowUTC()
		var check domain.Checker
		name := checkName(&check, "displayName", in.DisplayName)
		phone := checkPhone(&check, in.Phone)
		consent := checkConsentDate(&check, in.ConsentAt, now)
		note := optionalText(&check, "consentNote", in.ConsentNote, 500)
		code, postcode, err := placeManaged(ctx, tx, &check, brokerID, in)
		if err != nil {
			return err
		}
		if err := check.Err(); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &id, `
			WITH g AS (SELECT gen_random_uuid() AS id)
			INSERT INTO users (id, email, password_hash, display_name, postcode, phone, language, neighbourhood_code,
			                   created_at, password_changed_at)
			SELECT g.id, 'managed+' || g.id || '@noaber.invalid', NULL, $1, $2, NULLIF($3, ''), 'nl', $4, $5, $5 FROM g
			RETURNING id`, name, postcode, phone, code, now); err != nil {
			return fmt.Errorf("insert managed user: %w", err)
		}
		_, err = tx.ExecContext(ctx, `
			WITH r AS (INSERT INTO user_roles (user_id, role, granted_by, granted_at) VALUES ($1, 'resident', $2, $5))
			INSERT INTO managed_residents (user_id, managed_by, consent_at, consent_note, created_at)
			VALUES ($1, $2, $3, $4, $5)`, id, brokerID, consent, note, now)
		if err != nil {
			return fmt.Errorf("insert managed resident: %w", err)
		}
		return nil
	})
	if err != nil {
		return ManagedResident{}, err
	}
	return b.Managed(ctx, brokerID, id)
}

// placeManaged finds the neighbourhood of a new managed resident: from
// exactly one of postcode and neighbourhoodId, and covered by the broker.
func placeManaged(ctx context.Context, tx *sqlx.Tx, check *domain.Checker, brokerID string, in NewManaged) (code string, postcode *string, err error) {
	field := "neighbourhoodId"
	switch {
	case (in.Postcode == "") == (in.NeighbourhoodID == ""):
		check.Fail("postcode", "give either a postcode or a neighbourhoodId")
		return "", nil, nil
	case in.Postcode != "":
		field = "postcode"
		pc, ok := areas.NormalisePostcode(in.Postcode)
		place, err := areas.Locate(ctx, tx, pc)
		if !ok || errors.Is(err, domain.ErrNotFound) {
			check.Fail(field, "is not a known postcode")
			return "", nil, nil
		}
		if err != nil {
			return "", nil, err
		}
		code, postcode = place.Neighbourhood.ID, &pc
	default:
		code = in.NeighbourhoodID
	}
	var covered bool
	if err := tx.GetContext(ctx, &covered, `SELECT EXISTS (SELECT 1 FROM areas a WHERE a.code = $2
		AND a.kind = 'neighbourhood' AND `+areas.BrokerCovers("$1", "a.code")+`)`, brokerID, code); err != nil {
		return "", nil, fmt.Errorf("check neighbourhood: %w", err)
	}
	check.Check(covered, field, "is not in a neighbourhood you work in")
	return code, postcode, nil
}

// Managed is managed resident id when the broker covers their
// neighbourhood; not found otherwise.
func (b *Broker) Managed(ctx context.Context, brokerID, id string) (ManagedResident, error) {
	if err := checkID("managed resident", id); err != nil {
		return ManagedResident{}, err
	}
	var row managedRow
	err := b.db.GetContext(ctx, &row, managedSelect+` AND u.id = $2`, brokerID, id)
	if err := notFoundIfNoRows("managed resident "+id, err); err != nil {
		return ManagedResident{}, err
	}
	return row.view(), nil
}

// ManagedList is one page of the managed residents the broker covers,
// newest first.
func (b *Broker) ManagedList(ctx context.Context, brokerID string, cursor domain.Cursor, limit int) (Page[ManagedResident], error) {
	var rows []managedRow
	if err := b.db.SelectContext(ctx, &rows, managedSelect+`
		AND ($2::timestamptz IS NULL OR (mr.created_at, mr.user_id) < ($2, $3::uuid))
		ORDER BY mr.created_at DESC, mr.user_id DESC LIMIT $4`, brokerID, cursor.AtOrNil(), cursor.IDOrNil(), limit+1); err != nil {
		return Page[ManagedResident]{}, fmt.Errorf("list managed residents: %w", err)
	}
	rows, next := page(rows, limit, func(r managedRow) domain.Cursor { return domain.Cursor{At: r.CreatedAt, ID: r.ID} })
	out := make([]ManagedResident, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.view())
	}
	return Page[ManagedResident]{Items: out, Next: next}, nil
}

// ChangeManaged changes a managed profile the broker covers.
func (b *Broker) ChangeManaged(ctx context.Context, brokerID, id string, ch ManagedChange) (ManagedResident, error) {
	if _, err := b.Managed(ctx, brokerID, id); err != nil {
		return ManagedResident{}, err
	}
	var check domain.Checker
	var name, phone, consentNote *string
	var consent *time.Time
	if ch.DisplayName != nil {
		n := checkName(&check, "displayName", *ch.DisplayName)
		name = &n
	}
	if ch.Phone != nil {
		p := checkPhone(&check, *ch.Phone)
		phone = &p
	}
	if ch.ConsentAt != nil {
		c := checkConsentDate(&check, *ch.ConsentAt, b.nowUTC())
		consent = &c
	}
	if ch.ConsentNote != nil {
		consentNote = optionalText(&check, "consentNote", ch.ConsentNote, 500)
	}
	if err := check.Err(); err != nil {
		return ManagedResident{}, err
	}
	err := database.WithTx(ctx, b.db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET display_name = COALESCE($2, display_name),
			phone = CASE WHEN $3::text IS NULL THEN phone ELSE NULLIF($3, '') END WHERE id = $1`, id, name, phone); err != nil {
			return fmt.Errorf("change managed user %s: %w", id, err)
		}
		_, err := tx.ExecContext(ctx, `UPDATE managed_residents SET consent_at = COALESCE($2, consent_at),
			consent_note = CASE WHEN $3 THEN $4 ELSE consent_note END WHERE user_id = $1`,
			id, consent, ch.ConsentNote != nil, consentNote)
		if err != nil {
			return fmt.Errorf("change managed resident %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return ManagedResident{}, err
	}
	return b.Managed(ctx, brokerID, id)
}

func checkName(check *domain.Checker, field, raw string) string {
	name := strings.Join(strings.Fields(raw), " ")
	n := utf8.RuneCountInString(name)
	check.Check(n >= 1 && n <= 60, field, "must be 1 to 60 characters")
	check.Check(!strings.ContainsFunc(name, unicode.IsControl), field, "must not contain control characters")
	return name
}

func checkPhone(check *domain.Checker, raw string) string {
	phone := strings.TrimSpace(raw)
	check.Check(phone == "" || phonePattern.MatchString(phone), "phone", "must be a phone number such as 06 12345678")
	return phone
}

// checkConsentDate reads the day of consent: required, not after today.
func checkConsentDate(check *domain.Checker, raw string, now time.Time) time.Time {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(raw))
	switch {
	case raw == "":
		check.Fail("consentAt", "is required: the day the person agreed")
	case err != nil:
		check.Fail("consentAt", "must be a date such as 2026-11-30")
	case d.After(now):
		check.Fail("consentAt", "must not be in the future")
	}
	return d
}
