package notify

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestAfterQuietHours(t *testing.T) {
	clock := func(hhmm string) time.Time { c, _ := time.Parse("15:04", hhmm); return c }
	at := func(day int, hhmm string) time.Time {
		c := clock(hhmm)
		return time.Date(2026, 11, day, c.Hour(), c.Minute(), 0, 0, amsterdam)
	}
	tests := []struct {
		name       string
		now        time.Time
		start, end string
		want       time.Time
	}{
		{"daytime passes", at(23, "12:00"), "22:00", "08:00", at(23, "12:00")},
		{"evening waits for the morning", at(23, "22:30"), "22:00", "08:00", at(24, "08:00")},
		{"night waits for the morning", at(24, "03:00"), "22:00", "08:00", at(24, "08:00")},
		{"the end itself passes", at(24, "08:00"), "22:00", "08:00", at(24, "08:00")},
		{"the start itself waits", at(23, "22:00"), "22:00", "08:00", at(24, "08:00")},
		{"same-day window", at(23, "13:30"), "13:00", "14:00", at(23, "14:00")},
		{"outside same-day window", at(23, "15:00"), "13:00", "14:00", at(23, "15:00")},
		{"no quiet hours", at(23, "23:00"), "00:00", "00:00", at(23, "23:00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := afterQuietHours(tt.now.UTC(), clock(tt.start), clock(tt.end))
			if !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got.In(amsterdam), tt.want)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		status int
		err    error
		want   outcome
	}{
		{201, nil, delivered},
		{404, nil, subscriptionGone},
		{410, nil, subscriptionGone},
		{401, nil, subscriptionGone},
		{403, nil, subscriptionGone},
		{429, nil, retryAfterHeader},
		{500, nil, retryLater},
		{503, nil, retryLater},
		{0, errors.New("timeout"), retryLater},
		{400, nil, rejected},
		{413, nil, rejected},
	}
	for _, tt := range tests {
		if got := classify(tt.status, tt.err); got != tt.want {
			t.Errorf("classify(%d, %v) = %v, want %v", tt.status, tt.err, got, tt.want)
		}
	}
}

func TestBackoffGrowsWithJitterAndCap(t *testing.T) {
	for attempt := 1; attempt <= 20; attempt++ {
		ceiling := min(5*time.Second<<min(attempt-1, 8), 15*time.Minute)
		for range 50 {
			if d := backoff(attempt); d < ceiling/2 || d > ceiling {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", attempt, d, ceiling/2, ceiling)
			}
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		header string
		want   time.Duration
	}{
		{"7", 7 * time.Second},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"", time.Minute},
		{"soon", time.Minute},
	}
	for _, tt := range tests {
		if got := retryAfter(map[string][]string{"Retry-After": {tt.header}}, now); got != tt.want {
			t.Errorf("Retry-After %q: %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestEndpointAllowList(t *testing.T) {
	prod := NewSubscriptions(nil, DefaultPushHosts, false)
	test := NewSubscriptions(nil, DefaultPushHosts, true)
	tests := []struct {
		endpoint   string
		prod, test bool
	}{
		{"https://fcm.googleapis.com/fcm/send/abc", true, true},
		{"https://updates.push.services.mozilla.com/wpush/v2/x", true, true},
		{"https://web.push.apple.com/QK", true, true},
		{"https://db5p.notify.windows.com/w/?token=x", true, true},
		{"http://fcm.googleapis.com/fcm/send/abc", false, false},
		{"https://fcm.googleapis.com.evil.example/x", false, false},
		{"https://evilpush.apple.com/x", false, false},
		{"https://user@fcm.googleapis.com/x", false, false},
		{"https://127.0.0.1:8443/push/1", false, true},
		{"https://[::1]:8443/push/1", false, true},
		{"https://10.0.0.1/push", false, false},
		{"https://169.254.169.254/latest", false, false},
		{"not a url", false, false},
	}
	for _, tt := range tests {
		if got := prod.allowedEndpoint(tt.endpoint); got != tt.prod {
			t.Errorf("production %s: %v, want %v", tt.endpoint, got, tt.prod)
		}
		if got := test.allowedEndpoint(tt.endpoint); got != tt.test {
			t.Errorf("test mode %s: %v, want %v", tt.endpoint, got, tt.test)
		}
	}
}

func TestSubscriptionKeys(t *testing.T) {
	// A real browser key (uncompressed P-256 point) and auth secret.
	const p256dh = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
	if !validP256dh(p256dh) || !validAuth("tBHItJI5svbpez7KI4CCXg") {
		t.Fatal("valid keys refused")
	}
	offCurve := "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE"
	for _, bad := range []string{"", "short", offCurve, p256dh[:40]} {
		if validP256dh(bad) {
			t.Errorf("p256dh %q accepted", bad)
		}
	}
	for _, bad := range []string{"", "c2hvcnQ", "tBHItJI5svbpez7KI4CCXgXX"} {
		if validAuth(bad) {
			t.Errorf("auth %q accepted", bad)
		}
	}
}
