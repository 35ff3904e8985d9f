package domain

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsUUID reports whether s can be an id. Ids in paths are checked before
// they reach a query: PostgreSQL would refuse a malformed uuid with an
// error, where the caller should simply get "not found".
func IsUUID(s string) bool { return uuidPattern.MatchString(s) }

// PlainText trims s (Windows line breaks become "\n") and records on c when
// it is not min to max characters of plain text: no control characters but
// line breaks and tabs. It returns the trimmed text.
func PlainText(c *Checker, name, s string, min, max int) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	n := utf8.RuneCountInString(s)
	c.Check(n >= min && n <= max, name, fmt.Sprintf("must be %d to %d characters", min, max))
	c.Check(!strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }),
		name, "must not contain control characters")
	return s
}
