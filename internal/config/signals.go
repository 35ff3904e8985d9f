package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Term is a deadline's length: clock time, or a number of working days.
type Term struct {
	Clock       time.Duration
	WorkingDays int
}

// SignalConfig holds the rules for signals.
type SignalConfig struct {
	// Deadlines is the term to acknowledge a signal, per urgency ("normal",
	// "worried", "urgent").
	Deadlines map[string]Term
	// Holidays replace the computed Dutch national holidays when not empty.
	Holidays []time.Time
	// DailyLimit is how many signals one key figure may report per day.
	DailyLimit int
	// RedactAfterDays and DeleteAfterDays count from closing a signal.
	RedactAfterDays int
	DeleteAfterDays int
	// SchedulerInterval is how often due signals are looked for.
	SchedulerInterval time.Duration
}

// Defaults for signals.
const (
	DefaultSignalDailyLimit      = 10
	DefaultSignalRedactAfterDays = 180
	DefaultSignalDeleteAfterDays = 1826 // five years
)

// readSignals reads the NOABER_SIGNAL_* variables.
func readSignals(r *reader) SignalConfig {
	return SignalConfig{
		Deadlines: map[string]Term{
			"urgent":  r.term("NOABER_SIGNAL_DEADLINE_URGENT", Term{Clock: 4 * time.Hour}),
			"worried": r.term("NOABER_SIGNAL_DEADLINE_WORRIED", Term{WorkingDays: 1}),
			"normal":  r.term("NOABER_SIGNAL_DEADLINE_NORMAL", Term{WorkingDays: 2}),
		},
		Holidays:          r.dates("NOABER_SIGNAL_HOLIDAYS"),
		DailyLimit:        r.integer("NOABER_SIGNAL_DAILY_LIMIT", DefaultSignalDailyLimit),
		RedactAfterDays:   r.integer("NOABER_SIGNAL_REDACT_AFTER_DAYS", DefaultSignalRedactAfterDays),
		DeleteAfterDays:   r.integer("NOABER_SIGNAL_DELETE_AFTER_DAYS", DefaultSignalDeleteAfterDays),
		SchedulerInterval: r.duration("NOABER_SIGNAL_SCHEDULER_INTERVAL", 5*time.Second),
	}
}

func (s SignalConfig) validate() []string {
	var problems []string
	if s.DailyLimit < 1 || s.DailyLimit > 1000 {
		problems = append(problems, "NOABER_SIGNAL_DAILY_LIMIT: must be from 1 to 1000")
	}
	if s.RedactAfterDays < 1 {
		problems = append(problems, "NOABER_SIGNAL_REDACT_AFTER_DAYS: must be at least 1")
	}
	if s.DeleteAfterDays <= s.RedactAfterDays {
		problems = append(problems, "NOABER_SIGNAL_DELETE_AFTER_DAYS: must be more than NOABER_SIGNAL_REDACT_AFTER_DAYS")
	}
	if s.SchedulerInterval > 0 && s.SchedulerInterval < time.Second {
		problems = append(problems, "NOABER_SIGNAL_SCHEDULER_INTERVAL: must be at least 1s")
	}
	return problems
}

// term reads a deadline: a duration of clock time such as 4h, or working
// days such as 2wd.
func (r *reader) term(key string, fallback Term) Term {
	v := r.str(key, "")
	if v == "" {
		return fallback
	}
	if days, ok := strings.CutSuffix(v, "wd"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 || n > 30 {
			r.problems = append(r.problems, fmt.Sprintf("%s: %q must be 1wd to 30wd (working days) or a duration such as 4h", key, v))
		}
		return Term{WorkingDays: n}
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < time.Minute {
		r.problems = append(r.problems, fmt.Sprintf("%s: %q must be a duration such as 4h (at least 1m) or working days such as 2wd", key, v))
	}
	return Term{Clock: d}
}

// dates reads a comma-separated list of dates (YYYY-MM-DD).
func (r *reader) dates(key string) []time.Time {
	var out []time.Time
	for _, v := range r.list(key) {
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			r.problems = append(r.problems, fmt.Sprintf("%s: %q is not a date such as 2026-12-25", key, v))
			continue
		}
		out = append(out, d)
	}
	return out
}
