package suggest

import (
	"database/sql"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/noaber/noaber/matching"
)

// label is a category's name in both languages.
type label struct{ nl, en string }

// categoryLabels maps category codes to their names.
type categoryLabels map[string]label

// in returns the name of code in lang, lower-cased at the start for use
// inside a sentence ("Heeft eerder geholpen bij klussen"); the code itself
// when it is unknown.
func (l categoryLabels) in(code, lang string) string {
	names, ok := l[code]
	if !ok {
		return code
	}
	name := names.nl
	if lang == "en" {
		name = names.en
	}
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToLower(r)) + name[size:]
}

// render turns the ranker's reasons into text in lang ("nl" or "en"; any
// other is Dutch), with the values the text needs as params, so that a
// client may also write its own text from the key.
func render(rs []matching.Reason, lang string, labels categoryLabels) []Reason {
	if lang != "en" {
		lang = "nl"
	}
	out := make([]Reason, len(rs))
	for i, r := range rs {
		text := matching.Text(lang, r.Key)
		params := map[string]any{}
		if strings.Contains(text, "{category}") {
			params["category"] = r.Category
			text = strings.ReplaceAll(text, "{category}", labels.in(r.Category, lang))
		}
		if strings.Contains(text, "{count}") {
			params["count"] = r.Count
			text = strings.ReplaceAll(text, "{count}", strconv.Itoa(r.Count))
		}
		if strings.Contains(text, "{km}") {
			params["km"] = r.Km
			text = strings.ReplaceAll(text, "{km}", formatKm(r.Km, lang))
		}
		out[i] = Reason{Key: r.Key, Text: text, Params: params}
	}
	return out
}

// formatKm writes a distance with one decimal, with a decimal comma in Dutch.
func formatKm(km float64, lang string) string {
	s := strconv.FormatFloat(km, 'f', -1, 64)
	if lang == "nl" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// roundScore keeps three decimals: enough to order by, without noise.
func roundScore(v float64) float64 { return math.Round(v*1000) / 1000 }

// roundHalfKm rounds a distance to 0.5 km, as the feed shows it.
func roundHalfKm(km float64) float64 { return math.Round(km*2) / 2 }

// amsterdam is the time zone moments are read in: dayparts are local.
var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// moment is a request's moment as a window for the ranker (zero: none).
func moment(at sql.NullTime) matching.Window {
	if !at.Valid {
		return matching.Window{}
	}
	return matching.Window{Start: at.Time.In(amsterdam)}
}
