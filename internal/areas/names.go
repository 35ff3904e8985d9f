package areas

import (
	"database/sql"
	"errors"
	"strings"
	"unicode"

	"github.com/noaber/noaber/internal/domain"
)

// Initials abbreviates a display name for an avatar: the first letters of
// its first and last word ("Anna de Vries" → "AV", "Fatima" → "F").
// Lower-case name particles such as "de" or "van" are skipped.
func Initials(name string) string {
	var letters []rune
	for _, w := range strings.Fields(name) {
		r := []rune(w)[0]
		if unicode.IsLetter(r) && unicode.IsUpper(r) || len(letters) == 0 && unicode.IsLetter(r) {
			letters = append(letters, unicode.ToUpper(r))
		}
	}
	switch len(letters) {
	case 0:
		return ""
	case 1:
		return string(letters)
	}
	return string([]rune{letters[0], letters[len(letters)-1]})
}

// notFoundIfNoRows maps sql.ErrNoRows to domain.ErrNotFound.
func notFoundIfNoRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return domain.ErrNotFound
	}
	return err
}
