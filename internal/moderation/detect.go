package moderation

import (
	"regexp"
	"sort"
	"strings"
)

// Flag is a kind of content that gets a post flagged for a broker's review.
// Only the kind is kept, never the text that matched.
type Flag string

// The kinds of automatic flag.
const (
	// FlagPhone is a Dutch phone number: 06-12345678, +31 6 1234 5678,
	// 0031 6…, 010-1234567 (a 0 and nine more digits). "Je 06 nummer" is
	// not a number; postcodes, house numbers and dates are not either.
	FlagPhone Flag = "phone"
	// FlagEmail is an e-mail address.
	FlagEmail Flag = "email"
	// FlagIBAN is a Dutch bank account number (NL…) with a valid mod-97
	// check: a random "NL12 ABCD…" is not flagged.
	FlagIBAN Flag = "iban"
	// FlagMoney is an amount of money with a number: € 10, 10 euro,
	// EUR 10,-, 10,-. "Een paar euro" has no amount and is not flagged.
	FlagMoney Flag = "money"
	// FlagCommercial is one of commercialWords.
	FlagCommercial Flag = "commercial"
)

// Contact details and money in a post move the talk outside the app and
// towards paid work: Noaber is for free help between neighbours, and its
// conversations exist so that nobody needs to share a phone number.
var (
	ibanPattern  = regexp.MustCompile(`(?i)\bNL\d{2}(?:\s?[A-Z0-9]){14}\b`)
	emailPattern = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`)
	// A national number: a 0 and nine digits, with at most two separators
	// between digits ("(010) 123 45 67"). International: +31 or 0031, an
	// optional "(0)", then nine digits.
	nationalPhone = regexp.MustCompile(`\(?0(?:[\s\-.()]{0,2}\d){9}`)
	intlPhone     = regexp.MustCompile(`(?:\+|\b00)\s?31[\s\-.]*(?:\(0\)[\s\-.]*)?\d(?:[\s\-.]{0,2}\d){8}`)
	// A date (dd-mm-yyyy) followed by a time is ten digits that start with
	// a 0 too: "03-06-2025 10:00" is not a phone number.
	dutchIBAN     = regexp.MustCompile(`^NL\d{2}[A-Z]{4}\d{10}$`)
	datePrefix    = regexp.MustCompile(`^\(?\d{2}[\-./]\d{2}[\-./]\d{4}`)
	moneyPatterns = []*regexp.Regexp{
		regexp.MustCompile(`€\s?\d`),
		regexp.MustCompile(`\d\s?€`),
		regexp.MustCompile(`(?i)\beur\s?\d`),
		regexp.MustCompile(`(?i)\d(?:[.,]\d+)?\s?(?:euro'?s?|eur)\b`),
		regexp.MustCompile(`\d,-`),
	}
)

// commercialWords are Dutch words that say something is sold or paid for.
// They are whole words, case-insensitive. Left out on purpose, because
// neighbours use them for free help: "koop" ("ik koop je boodschappen"),
// "bestellen" ("hulp bij online bestellen") and "prijs" in "op prijs
// stellen" (to appreciate).
var commercialWords = regexp.MustCompile(`(?i)\b(?:te koop|te huur|verkoop\w*|korting\w*|aanbieding\w*|` +
	`bestel|bestel nu|webshop\w*|web shop|(?:op\s+)?prijs|prijzen|prijslijst|tarief|tarieven|uurtarief|` +
	`offerte\w*|btw|kvk|gratis verzending)\b`)

// Detect returns the kinds of flag that text contains, sorted; none for
// ordinary text. It is a pure function: the caller decides what to do.
func Detect(text string) []Flag {
	found := map[Flag]bool{}
	// Whatever looks like an IBAN (valid or not) and e-mail addresses are
	// blanked before phone numbers are looked for: an account number's
	// digits look like one.
	text = ibanPattern.ReplaceAllStringFunc(text, func(s string) string {
		found[FlagIBAN] = found[FlagIBAN] || validIBAN(s)
		return strings.Repeat(" ", len(s))
	})
	text = emailPattern.ReplaceAllStringFunc(text, func(s string) string {
		found[FlagEmail] = true
		return strings.Repeat(" ", len(s))
	})
	found[FlagPhone] = hasPhone(text)
	for _, p := range moneyPatterns {
		found[FlagMoney] = found[FlagMoney] || p.MatchString(text)
	}
	for _, m := range commercialWords.FindAllString(text, -1) {
		if !strings.HasPrefix(strings.ToLower(m), "op") {
			found[FlagCommercial] = true
		}
	}
	var out []Flag
	for f, ok := range found {
		if ok {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// hasPhone reports whether text holds a national or international Dutch
// phone number that stands on its own (no letter or digit glued to it).
func hasPhone(text string) bool {
	for _, p := range []*regexp.Regexp{intlPhone, nationalPhone} {
		for _, loc := range p.FindAllStringIndex(text, -1) {
			if standsAlone(text, loc[0], loc[1]) && !datePrefix.MatchString(text[loc[0]:loc[1]]) {
				return true
			}
		}
	}
	return false
}

func standsAlone(text string, start, end int) bool {
	if start > 0 && isWordByte(text[start-1]) {
		return false
	}
	return end >= len(text) || !isWordByte(text[end])
}

func isWordByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '+'
}

// validIBAN checks a Dutch IBAN (NLkk BBBB 0123456789) with the mod-97
// rule of ISO 13616: the first four characters move to the end, letters
// become 10…35, and the number modulo 97 must be 1.
func validIBAN(s string) bool {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if !dutchIBAN.MatchString(s) {
		return false
	}
	rem := 0
	for _, r := range s[4:] + s[:4] {
		if r >= 'A' && r <= 'Z' {
			rem = (rem*100 + int(r-'A'+10)) % 97
		} else {
			rem = (rem*10 + int(r-'0')) % 97
		}
	}
	return rem == 1
}
