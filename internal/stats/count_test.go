package stats

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestCountJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		c    Count
		want string
	}{{newCount(0), `"<5"`}, {newCount(4), `"<5"`}, {newCount(5), `5`}, {newCount(12), `12`},
		{Count{n: 12, hidden: true}, `null`}, {Count{n: 3, hidden: true}, `"<5"`}} {
		b, err := json.Marshal(tc.c)
		if err != nil || unescaped(b) != tc.want {
			t.Errorf("%+v: %s, want %s", tc.c, b, tc.want)
		}
	}
}

// TestProtect: after secondary suppression no "<5" part follows from the
// total by subtraction.
func TestProtect(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		total int
		parts []int
		want  string // total then parts, as JSON
	}{
		{12, []int{7, 5, 0}, `12 7 null "<5"`},           // one small part: hide the smallest other
		{13, []int{7, 5, 1}, `13 7 null "<5"`},           //
		{20, []int{10, 6, 2, 2}, `20 10 null "<5" "<5"`}, // two small parts adding up to 4
		{20, []int{10, 5, 3, 2}, `20 10 5 "<5" "<5"`},    // two small parts adding up to 5: safe
		{15, []int{15, 0}, `15 null "<5"`},               // the 15 is hidden: x + y = 15 with y < 5 tells nothing
		{20, []int{10, 10}, `20 10 10`},
		{4, []int{4, 0}, `"<5" "<5" "<5"`},
	} {
		total := newCount(tc.total)
		parts := make([]*Count, len(tc.parts))
		for i, n := range tc.parts {
			c := newCount(n)
			parts[i] = &c
		}
		protect(&total, parts...)
		got := []string{jsonOf(t, total)}
		for _, p := range parts {
			got = append(got, jsonOf(t, *p))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("protect(%d, %v) = %s, want %s", tc.total, tc.parts, strings.Join(got, " "), tc.want)
		}
	}
}

func jsonOf(t *testing.T, c Count) string {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return unescaped(b)
}

// unescaped undoes encoding/json's escaping of "<".
func unescaped(b []byte) string { return strings.ReplaceAll(string(b), `\u003c`, "<") }

func TestShareAndMedian(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		m    Measure
		want string
	}{
		{share(5, 10), "0.5"}, {share(4, 10), "suppressed"}, {share(6, 10), "suppressed"},
		{share(0, 0), "suppressed"}, {share(8, 15), "0.533"},
		{hours(ptr(3*3600.0), 5), "3"}, {hours(ptr(3*3600.0), 4), "suppressed"}, {hours(nil, 9), "suppressed"},
	} {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("%+v = %s, want %s", tc.m, got, tc.want)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 3, 31, 22, 30, 0, 0, time.UTC) // 00:30 on 1 April in Amsterdam
	for _, tc := range []struct {
		from, to, want string
	}{
		{"", "", "2024-03-03T00:00:00+01:00 2024-04-02T00:00:00+02:00"},
		{"2024-03-01", "2024-03-31", "2024-03-01T00:00:00+01:00 2024-04-01T00:00:00+02:00"},
		{"2024-10-27", "2024-10-27", "2024-10-27T00:00:00+02:00 2024-10-28T00:00:00+01:00"},
		{"2024-03-02", "2024-03-01", "invalid input: from"},
		{"2022-03-01", "2024-03-01", "invalid input: to"},
		{"1 maart", "", "invalid input: from"},
	} {
		p, err := ParsePeriod(tc.from, tc.to, now)
		got := fmt.Sprint(p.Start().Format(time.RFC3339), " ", p.End().Format(time.RFC3339))
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("ParsePeriod(%q, %q) = %s, want %s", tc.from, tc.to, got, tc.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
