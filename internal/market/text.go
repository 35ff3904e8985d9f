package market

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/noaber/noaber/internal/domain"
)

// htmlTag finds something a browser would read as markup: a tag, a closing
// tag, a comment or a declaration. "a < b" or "<3" are plain text.
var htmlTag = regexp.MustCompile(`<[/!?]?[A-Za-z][^<>]*>|<!--`)

// textRule says how long a plain-text field may be and whether it may hold
// line breaks.
type textRule struct {
	min, max  int
	multiline bool
}

// normalize trims the text and turns Windows line breaks into "\n", so that
// a textarea's text counts the same on every platform.
func normalize(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// checkText records at most one reason why s is not acceptable as field
// name: posts are shown as plain text to neighbours, so markup and control
// characters are refused rather than silently escaped or stripped.
func checkText(check *domain.Checker, name, s string, r textRule) {
	n := utf8.RuneCountInString(s)
	switch {
	case n < r.min || n > r.max:
		check.Fail(name, lengthReason(r))
	case htmlTag.MatchString(s):
		check.Fail(name, "must be plain text without HTML tags")
	case hasControl(s, r.multiline):
		if r.multiline {
			check.Fail(name, "must not contain control characters (line breaks are fine)")
		} else {
			check.Fail(name, "must be one line without control characters")
		}
	}
}

func lengthReason(r textRule) string {
	if r.min == 0 {
		return "must be at most " + strconv.Itoa(r.max) + " characters"
	}
	return "must be " + strconv.Itoa(r.min) + " to " + strconv.Itoa(r.max) + " characters"
}

func hasControl(s string, multiline bool) bool {
	for _, c := range s {
		if c == '\n' && multiline {
			continue
		}
		if unicode.IsControl(c) || c == '\u2028' || c == '\u2029' {
			return true
		}
	}
	return false
}
