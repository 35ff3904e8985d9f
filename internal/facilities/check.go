package facilities

import (
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/noaber/noaber/internal/domain"
)

// Input is a new facility, or the whole of one after a change: every field
// a facility has, with nil for "none".
type Input struct {
	Name         string
	Description  string
	Categories   []string
	Areas        []string
	Phone        *string
	Email        *string
	Address      *string
	OpeningHours *string
	Link         *string
}

// Change is a partial update; fields that are not Set stay as they are.
type Change struct {
	Name         *string
	Description  *string
	Categories   *[]string
	Areas        *[]string
	Phone        Nullable[string]
	Email        Nullable[string]
	Address      Nullable[string]
	OpeningHours Nullable[string]
	Link         Nullable[string]
}

// Limits of the fields, also in the database's CHECK constraints.
const (
	maxName         = 120
	maxDescription  = 1000
	maxAddress      = 200
	maxOpeningHours = 200
	maxLink         = 500
	maxCategories   = 12
	maxAreas        = 50
)

// phoneDigits is a Dutch (0…) or international (+…) number once spaces,
// dashes and brackets are left out.
var phoneDigits = regexp.MustCompile(`^(\+[1-9][0-9]{7,14}|0[0-9]{6,10})$`)

// normalise trims every text and turns empty optional texts into nil, so
// that "" and null mean the same.
func (in *Input) normalise() {
	in.Name = strings.TrimSpace(in.Name)
	in.Description = strings.TrimSpace(in.Description)
	for _, p := range []**string{&in.Phone, &in.Email, &in.Address, &in.OpeningHours, &in.Link} {
		if *p == nil {
			continue
		}
		if v := strings.TrimSpace(**p); v != "" {
			*p = &v
		} else {
			*p = nil
		}
	}
	in.Categories = unique(in.Categories)
	in.Areas = unique(in.Areas)
}

// check validates the fields that need no database; every bad field is
// named at once. Whether categories and areas exist (and whether a broker
// covers the areas) is checked in SQL.
func (in *Input) check(check *domain.Checker) {
	in.normalise()
	n := utf8.RuneCountInString
	check.Check(in.Name != "" && n(in.Name) <= maxName, "name", "must be 1 to 120 characters")
	check.Check(n(in.Description) <= maxDescription, "description", "must be at most 1000 characters")
	check.Check(len(in.Categories) >= 1 && len(in.Categories) <= maxCategories, "categories",
		"must hold 1 to 12 category codes")
	check.Check(len(in.Areas) >= 1 && len(in.Areas) <= maxAreas, "areas", "must hold 1 to 50 area codes")
	if in.Phone != nil {
		digits := strings.NewReplacer(" ", "", "-", "", "(", "", ")", "").Replace(*in.Phone)
		check.Check(phoneDigits.MatchString(digits) && len(*in.Phone) <= 30, "contact.phone",
			"must be a phone number such as 0591 123456 or +31 591 123456")
	}
	if in.Email != nil {
		check.Check(validEmail(*in.Email), "contact.email", "must be an e-mail address such as info@example.nl")
	}
	if in.Address != nil {
		check.Check(n(*in.Address) <= maxAddress, "contact.address", "must be at most 200 characters")
	}
	if in.OpeningHours != nil {
		check.Check(n(*in.OpeningHours) <= maxOpeningHours, "openingHours", "must be at most 200 characters")
	}
	if in.Link != nil {
		check.Check(validLink(*in.Link), "link", "must be an https:// address of at most 500 characters")
	}
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || len(s) > 254 {
		return false
	}
	_, host, _ := strings.Cut(s, "@")
	return strings.Contains(host, ".") && !strings.HasSuffix(host, ".")
}

func validLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && len(s) <= maxLink && u.Scheme == "https" && u.Host != "" && u.User == nil &&
		u.Hostname() != "" && !strings.ContainsAny(s, " \t\r\n")
}

// Apply returns in with the change applied.
func (in Input) Apply(c Change) Input {
	if c.Name != nil {
		in.Name = *c.Name
	}
	if c.Description != nil {
		in.Description = *c.Description
	}
	if c.Categories != nil {
		in.Categories = *c.Categories
	}
	if c.Areas != nil {
		in.Areas = *c.Areas
	}
	for _, p := range []struct {
		change Nullable[string]
		field  **string
	}{{c.Phone, &in.Phone}, {c.Email, &in.Email}, {c.Address, &in.Address},
		{c.OpeningHours, &in.OpeningHours}, {c.Link, &in.Link}} {
		if p.change.Set {
			*p.field = p.change.Value
		}
	}
	return in
}

// unique keeps the first of each code, trimmed, in order.
func unique(codes []string) []string {
	seen := make(map[string]bool, len(codes))
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		c = strings.TrimSpace(c)
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}
