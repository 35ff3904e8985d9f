package config

import (
	"strings"
	"testing"
	"time"
)

func TestSignalSettings(t *testing.T) {
	t.Parallel()
	cfg, err := Parse(env(map[string]string{
		"NOABER_SIGNAL_DEADLINE_URGENT":   "2h",
		"NOABER_SIGNAL_DEADLINE_NORMAL":   "3wd",
		"NOABER_SIGNAL_HOLIDAYS":          "2026-12-25, 2026-12-26",
		"NOABER_SIGNAL_DAILY_LIMIT":       "5",
		"NOABER_SIGNAL_REDACT_AFTER_DAYS": "90",
	}))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Signals
	if s.Deadlines["urgent"] != (Term{Clock: 2 * time.Hour}) || s.Deadlines["worried"] != (Term{WorkingDays: 1}) ||
		s.Deadlines["normal"] != (Term{WorkingDays: 3}) || len(s.Holidays) != 2 || s.DailyLimit != 5 ||
		s.RedactAfterDays != 90 || s.DeleteAfterDays != DefaultSignalDeleteAfterDays {
		t.Errorf("signals = %+v", s)
	}
	_, err = Parse(env(map[string]string{
		"NOABER_SIGNAL_DEADLINE_WORRIED":  "soon",
		"NOABER_SIGNAL_HOLIDAYS":          "25-12-2026",
		"NOABER_SIGNAL_DAILY_LIMIT":       "0",
		"NOABER_SIGNAL_DELETE_AFTER_DAYS": "10",
	}))
	for _, key := range []string{"NOABER_SIGNAL_DEADLINE_WORRIED", "NOABER_SIGNAL_HOLIDAYS", "NOABER_SIGNAL_DAILY_LIMIT",
		"NOABER_SIGNAL_DELETE_AFTER_DAYS"} {
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s not reported: %v", key, err)
		}
	}
}
