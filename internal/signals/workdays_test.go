package signals

import (
	"testing"
	"time"
)

func TestEaster(t *testing.T) {
	t.Parallel()
	known := map[int]string{
		1961: "1961-04-02", 2000: "2000-04-23", 2008: "2008-03-23", 2011: "2011-04-24", 2019: "2019-04-21",
		2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25",
		2285: "2285-03-22",
	}
	for year, want := range known {
		if got := Easter(year).Format(time.DateOnly); got != want {
			t.Errorf("Easter(%d) = %s, want %s", year, got, want)
		}
	}
}

func TestDutchHolidays(t *testing.T) {
	t.Parallel()
	var got []string
	for _, h := range DutchHolidays(2026) {
		got = append(got, h.Format(time.DateOnly))
	}
	want := []string{"2026-01-01", "2026-04-05", "2026-04-06", "2026-04-27", "2026-05-05", "2026-05-14",
		"2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"}
	if len(got) != len(want) {
		t.Fatalf("holidays = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("holiday %d = %s, want %s", i, got[i], want[i])
		}
	}
	// 27 April 2025 is a Sunday: Koningsdag moves to Saturday the 26th.
	if k := DutchHolidays(2025)[3].Format(time.DateOnly); k != "2025-04-26" {
		t.Errorf("Koningsdag 2025 = %s, want 2025-04-26", k)
	}
}

func ams(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Amsterdam)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDeadline(t *testing.T) {
	t.Parallel()
	dutch := NewCalendar(nil)
	cases := []struct {
		name string
		cal  *Calendar
		from string
		term Term
		want string
	}{
		{"worried on Friday afternoon is due Monday", dutch, "2026-03-13 15:30", Term{WorkingDays: 1}, "2026-03-16 15:30"},
		{"normal on Thursday skips the weekend", dutch, "2026-03-12 09:00", Term{WorkingDays: 2}, "2026-03-16 09:00"},
		{"normal on Tuesday", dutch, "2026-03-10 11:00", Term{WorkingDays: 2}, "2026-03-12 11:00"},
		{"Saturday counts from Monday 00:00", dutch, "2026-03-14 10:00", Term{WorkingDays: 1}, "2026-03-17 00:00"},
		{"Thursday before Christmas skips Christmas and the weekend", dutch, "2026-12-24 14:00", Term{WorkingDays: 1}, "2026-12-28 14:00"},
		{"2 days from 23 December 2026", dutch, "2026-12-23 10:00", Term{WorkingDays: 2}, "2026-12-28 10:00"},
		{"Christmas Day counts from the next working day", dutch, "2026-12-25 10:00", Term{WorkingDays: 1}, "2026-12-29 00:00"},
		{"Koningsdag on a Sunday (2025) moves to Saturday: Friday → Monday", dutch, "2025-04-25 12:00", Term{WorkingDays: 1}, "2025-04-28 12:00"},
		{"Koningsdag on a Monday (2026) is skipped", dutch, "2026-04-24 12:00", Term{WorkingDays: 1}, "2026-04-28 12:00"},
		{"Easter Monday is skipped", dutch, "2026-04-03 16:00", Term{WorkingDays: 1}, "2026-04-07 16:00"},
		{"Hemelvaart is skipped", dutch, "2026-05-13 08:00", Term{WorkingDays: 1}, "2026-05-15 08:00"},
		{"urgent: 4 clock hours over the weekend", dutch, "2026-03-13 22:00", Term{Clock: 4 * time.Hour}, "2026-03-14 02:00"},
		{"urgent on a Sunday", dutch, "2026-03-15 11:00", Term{Clock: 4 * time.Hour}, "2026-03-15 15:00"},
		{"clock time is kept over the summer time change", dutch, "2026-03-27 10:00", Term{WorkingDays: 1}, "2026-03-30 10:00"},
		{"configured holidays replace the national ones", NewCalendar([]time.Time{time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)}),
			"2026-03-13 15:30", Term{WorkingDays: 1}, "2026-03-17 15:30"},
		{"configured holidays: Christmas is a working day then", NewCalendar([]time.Time{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}),
			"2026-12-24 14:00", Term{WorkingDays: 1}, "2026-12-25 14:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := c.cal.Deadline(ams(c.from), c.term)
			if want := ams(c.want); !got.Equal(want) {
				t.Errorf("Deadline(%s, %+v) = %s, want %s", c.from, c.term, got.In(Amsterdam).Format("2006-01-02 15:04 Mon"), c.want)
			}
		})
	}
}

func TestTransitionTable(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	recent, old := now.Add(-13*24*time.Hour), now.Add(-15*24*time.Hour)
	for _, from := range Statuses {
		for _, to := range Statuses {
			want := false
			for _, a := range transitions[from] {
				want = want || a == to
			}
			err := checkTransition(from, to, &recent, now)
			if (err == nil) != want {
				t.Errorf("%s → %s: err = %v, want allowed %v", from, to, err, want)
			}
		}
	}
	if err := checkTransition(Resolved, InProgress, &old, now); err == nil {
		t.Error("reopen after 15 days was allowed")
	}
	if got := AllowedTransitions(Resolved, &old, now); len(got) != 0 {
		t.Errorf("allowed after the reopen window = %v, want none", got)
	}
}
