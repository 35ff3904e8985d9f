package accounts

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"

	"github.com/noaber/noaber/internal/domain"
)

// argonParams follow OWASP's password storage advice for argon2id:
// 19 MiB of memory, two iterations, one lane.
var argonParams = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// Password length limits (NIST SP 800-63B): long enough to matter, short
// enough that hashing cannot be abused; no composition rules.
const (
	MinPasswordLength = 8
	MaxPasswordLength = 128
)

//go:embed common-passwords.txt
var commonPasswordFile []byte

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 12000)
	lines := bufio.NewScanner(bytes.NewReader(commonPasswordFile))
	for lines.Scan() {
		if line := lines.Text(); line != "" && !strings.HasPrefix(line, "#") {
			set[line] = struct{}{}
		}
	}
	return set
})

// checkPassword records why password is not acceptable under field name.
func checkPassword(check *domain.Checker, field, password string) {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		check.Fail(field, fmt.Sprintf("must be at least %d characters", MinPasswordLength))
	case n > MaxPasswordLength:
		check.Fail(field, fmt.Sprintf("must be at most %d characters", MaxPasswordLength))
	default:
		if _, common := commonPasswords()[strings.ToLower(password)]; common {
			check.Fail(field, "is too common; choose another one")
		}
	}
}

func hashPassword(password string) (string, error) {
	h, err := argon2id.CreateHash(password, argonParams)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return h, nil
}

// dummyHash is compared against when no account exists, so that an unknown
// e-mail address takes as long as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := hashPassword("no account has this password")
	return h
})

func passwordMatches(password, hash string) bool {
	if hash == "" {
		hash = dummyHash()
	}
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	return err == nil && ok
}
