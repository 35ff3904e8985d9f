package api_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

const march2024 = "from=2024-03-01&to=2024-03-31"

// getStats asks the monitor and returns the JSON answer.
func getStats(t *testing.T, env testEnv, token, query string) map[string]any {
	t.Helper()
	return decode[map[string]any](t, env.call(t, "GET", "/api/v1/stats?"+query, token, nil), http.StatusOK)
}

// field walks a path of keys through a JSON answer and prints the value as
// the test tables write it: 7, <5, <nil> (hidden) or a measure as 0.5 or
// "suppressed".
func field(t *testing.T, v any, path string) string {
	t.Helper()
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: %v is not an object", path, v)
		}
		if v, ok = m[k]; !ok {
			t.Fatalf("%s: no key %q in %v", path, k, m)
		}
	}
	if m, ok := v.(map[string]any); ok {
		if m["suppressed"] == true {
			if m["value"] != nil {
				t.Errorf("%s: suppressed with a value %v", path, m["value"])
			}
			return "suppressed"
		}
		return fmt.Sprint(m["value"])
	}
	return fmt.Sprint(v)
}

// seedMarchMarketplace writes the known marketplace of March 2024 (times
// in UTC); the comments give the hours after each request was posted.
func seedMarchMarketplace(f statsFixture) {
	hour := time.Hour
	centrum := utcAt(f.t, "2024-03-10T10:00:00Z")
	for i, reaction := range []time.Duration{1 * hour, 2 * hour, 3 * hour, 4 * hour, 10 * hour, 0, 0} {
		p := f.post(0, "request", "klussen", buCentrum, centrum, "closed")
		if reaction == 0 {
			continue
		}
		c := f.react(p, 1, centrum.Add(reaction))
		switch i {
		case 0:
			f.exchange(c, centrum.Add(5*hour), "agreed", time.Time{})
		case 1:
			f.exchange(c, centrum.Add(7*hour), "completed", utcAt(f.t, "2024-03-11T12:00:00Z"))
		case 2:
			f.exchange(c, centrum.Add(9*hour), "agreed", time.Time{})
		case 3: // agreed, then cancelled: a first exchange, but not matched
			f.exchange(c, centrum.Add(20*hour), "cancelled", time.Time{})
		}
	}
	haven := utcAt(f.t, "2024-03-12T08:00:00Z")
	reactions := []time.Duration{1 * hour, 1 * hour, 2 * hour, 2 * hour, 3 * hour}
	for i := range 8 {
		p := f.post(0, "request", "tuin", buHaven, haven, "closed")
		if i < len(reactions) {
			c := f.react(p, 2, haven.Add(reactions[i]))
			f.exchange(c, haven.Add(time.Duration(2*(i+1))*hour), "agreed", time.Time{})
		}
	}
	for range 5 {
		f.post(1, "offer", "koken", buCentrum, utcAt(f.t, "2024-03-15T09:00:00Z"), "closed")
		f.post(3, "request", "vervoer", buEsch, utcAt(f.t, "2024-03-15T09:00:00Z"), "closed")
	}
	for range 4 {
		f.post(2, "offer", "koken", buHaven, utcAt(f.t, "2024-03-15T09:00:00Z"), "closed")
	}
}

// TestStatsKnownAnswers checks the marketplace part of the monitor against
// a dataset worked out by hand, per neighbourhood, district and
// municipality: exact counts, shares and medians, "<5" below five, and the
// subtraction rule.
func TestStatsKnownAnswers(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	seedMarchMarketplace(newStatsFixture(t, w))
	keys := []string{"requestsPosted", "offersPosted", "exchangesAgreed", "exchangesCompleted", "requestsMatched",
		"shareMatched", "medianHoursToFirstReaction", "medianHoursToMatch"}
	cases := []struct {
		area string
		want []string // in the order of keys
	}{
		// 7 requests, 3 matched (and one cancelled exchange), reactions
		// after 1, 2, 3, 4 and 10 hours: median 3.
		{buCentrum, []string{"7", "5", "<5", "<5", "<5", "suppressed", "3", "suppressed"}},
		// 8 requests, 5 matched: the 3 unmatched would follow from 8 - 5,
		// so the 5 is hidden (null) too.
		{buHaven, []string{"8", "<5", "5", "<5", "<nil>", "suppressed", "2", "6"}},
		// Binnenstad: 15 requests, 8 matched; reactions 1,1,1,2,2,2,3,3,4,10;
		// first exchanges 2,4,5,6,7,8,9,10,20.
		{"WK999901", []string{"15", "9", "9", "<5", "8", "0.533", "2", "7"}},
		// Noaberveen adds 5 requests in Esch without reactions.
		{"GM9999", []string{"20", "9", "9", "<5", "8", "0.4", "2", "7"}},
	}
	for _, tc := range cases {
		t.Run(tc.area, func(t *testing.T) {
			got := getStats(t, w.env, w.admin.Token, "areaId="+tc.area+"&"+march2024)
			for i, k := range keys {
				if v := field(t, got, "marketplace."+k); v != tc.want[i] {
					t.Errorf("%s = %s, want %s", k, v, tc.want[i])
				}
			}
		})
	}
	got := getStats(t, w.env, w.brokerX.Token, "areaId="+buCentrum+"&"+march2024)
	if field(t, got, "area.kind") != "neighbourhood" || field(t, got, "period.from") != "2024-03-01" ||
		field(t, got, "period.timeZone") != "Europe/Amsterdam" {
		t.Errorf("area and period: %v %v", got["area"], got["period"])
	}
}

// TestStatsSignals: counts by urgency and life domain, never content, the
// share acknowledged in time, and the subtraction rule on the urgencies.
func TestStatsSignals(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	f := newStatsFixture(t, w)
	created := utcAt(t, "2024-03-05T09:00:00Z")
	inTime, late := 2*time.Hour, 30*time.Hour
	for i := range 7 { // normal: 5 in time, 1 late, 1 never
		domains := []string{"wonen"}
		if i < 2 {
			domains = append(domains, "zorgen")
		}
		ack := []*time.Duration{&inTime, &inTime, &inTime, &inTime, &inTime, &late, nil}[i]
		f.signal(buCentrum, "normal", domains, created, ack)
	}
	for i := range 5 { // worried: 2 in time, 2 late, 1 never
		ack := []*time.Duration{&inTime, &inTime, &late, &late, nil}[i]
		f.signal(buCentrum, "worried", []string{"wonen", "rondkomen"}, created, ack)
	}
	f.signal(buEsch, "urgent", []string{"wonen"}, created, nil)
	got := getStats(t, w.env, w.brokerX.Token, "areaId="+buCentrum+"&"+march2024)
	for path, want := range map[string]string{
		"signals.reported":               "12",
		"signals.byUrgency.normal":       "7",
		"signals.byUrgency.worried":      "<nil>", // else urgent = 12 - 7 - 5 = 0
		"signals.byUrgency.urgent":       "<5",
		"signals.byLifeDomain.wonen":     "12",
		"signals.byLifeDomain.rondkomen": "5",
		"signals.byLifeDomain.zorgen":    "<5",
		"signals.byLifeDomain.leren":     "<5",
		"signals.acknowledgedInTime":     "0.583",
	} {
		if v := field(t, got, path); v != want {
			t.Errorf("%s = %s, want %s", path, v, want)
		}
	}
	body := fmt.Sprint(got["signals"])
	if strings.Contains(body, "Meneer") || strings.Contains(body, "Zorgen") {
		t.Errorf("signal content in the monitor: %s", body)
	}
}

// TestStatsSupplyAndDemand: open requests against active helpers now, with
// an alert for a category that has requests but no helper.
func TestStatsSupplyAndDemand(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	f := newStatsFixture(t, w)
	now, day := time.Now().UTC(), 24*time.Hour
	for range 2 {
		f.post(0, "request", "klussen", buCentrum, now.Add(-day), "open")
	}
	for range 6 {
		f.post(0, "request", "tuin", buCentrum, now.Add(-day), "open")
	}
	for _, u := range []int{0, 1, 2} {
		f.post(u, "offer", "tuin", buCentrum, now.Add(-day), "open")
	}
	f.post(1, "offer", "koken", buCentrum, now.Add(-day), "open")
	f.post(1, "offer", "klussen", buEsch, now.Add(-day), "open") // another area
	for giver, ago := range map[int]time.Duration{3: 10 * day, 4: 20 * day, 0: 5 * day, 7: 100 * day} {
		p := f.post(5, "request", "tuin", buCentrum, now.Add(-ago-day), "closed")
		f.exchange(f.react(p, giver, now.Add(-ago-day)), now.Add(-ago-day), "completed", now.Add(-ago))
	}
	got := getStats(t, w.env, w.admin.Token, "areaId="+buCentrum)
	rows := map[string]string{}
	for _, r := range got["supplyAndDemand"].([]any) {
		c := r.(map[string]any)
		rows[c["category"].(string)] = fmt.Sprint(c["openRequests"], " ", c["activeHelpers"], " ", c["alert"])
	}
	for category, want := range map[string]string{
		"klussen": "<5 <5 true", "tuin": "6 5 false", "koken": "<5 <5 false", "vervoer": "<5 <5 false"} {
		if rows[category] != want {
			t.Errorf("%s = %q, want %q", category, rows[category], want)
		}
	}
}

// TestStatsPeriodBoundaries: days are Amsterdam days, summer time
// included (it started on 31 March 2024).
func TestStatsPeriodBoundaries(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	f := newStatsFixture(t, w)
	for _, when := range []string{"2024-03-31T21:30:00Z", "2024-03-31T22:30:00Z", "2024-02-29T23:30:00Z",
		"2024-02-29T22:30:00Z"} {
		for range 5 {
			f.post(0, "offer", "koken", buCentrum, utcAt(t, when), "closed")
		}
	}
	for query, want := range map[string]string{
		march2024:                       "10", // 23:30 on 31 March and 00:30 on 1 March
		"from=2024-04-01&to=2024-04-01": "5",  // 00:30 in summer time
		"from=2024-02-29&to=2024-02-29": "5",  // 23:30 in winter time
		"from=2024-03-02&to=2024-03-30": "<5",
		"from=2024-02-01&to=2024-04-30": "20",
		"from=2022-05-01&to=2024-04-30": "20", // just under two years
		"to=2024-03-31":                 "5",  // the 30 days from 2 March
	} {
		got := getStats(t, w.env, w.admin.Token, "areaId="+buCentrum+"&"+query)
		if v := field(t, got, "marketplace.offersPosted"); v != want {
			t.Errorf("%s: offersPosted = %s, want %s", query, v, want)
		}
	}
	got := getStats(t, w.env, w.admin.Token, "areaId="+buCentrum)
	to, _ := time.Parse("2006-01-02", field(t, got, "period.to"))
	from, _ := time.Parse("2006-01-02", field(t, got, "period.from"))
	if to.Sub(from) != 29*24*time.Hour || time.Since(to) > 48*time.Hour {
		t.Errorf("default period %s to %s", from, to)
	}
}

// TestStatsAccess: brokers see the areas they cover as a whole, admins
// every area (with a second factor), everybody else has no monitor.
func TestStatsAccess(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	want := map[string][4]int{ // Centrum, Esch, Binnenstad, Noaberveen
		"anonymous":       {401, 401, 401, 401},
		"resident":        {403, 403, 403, 403},
		"keyfigure":       {403, 403, 403, 403},
		"brokerX":         {200, 404, 404, 404},
		"brokerY":         {404, 200, 404, 404},
		"contact":         {403, 403, 403, 403},
		"admin":           {200, 200, 200, 200},
		"adminWithout2FA": {403, 403, 403, 403},
	}
	for _, c := range w.callers {
		for i, area := range []string{buCentrum, buEsch, "WK999901", "GM9999"} {
			resp := w.env.call(t, "GET", "/api/v1/stats?areaId="+area, c.token, nil)
			if resp.StatusCode != want[c.name][i] {
				t.Errorf("%s on %s: status %d, want %d", c.name, area, resp.StatusCode, want[c.name][i])
			}
		}
	}
	readProblem(t, w.env.call(t, "GET", "/api/v1/stats?areaId=BU00000000", w.admin.Token, nil), 404)
}

// TestStatsValidation names every bad parameter at once.
func TestStatsValidation(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	for query, want := range map[string]string{
		"": "areaId",
		"areaId=GM9999&from=2024-13-01&to=morgen":     "from,to",
		"from=2024-03-10&to=2024-03-01":               "areaId,from",
		"areaId=GM9999&from=2022-01-01&to=2024-01-01": "to",
	} {
		p := readProblem(t, w.env.call(t, "GET", "/api/v1/stats?"+query, w.admin.Token, nil), 400)
		var names []string
		for _, f := range p.InvalidParams {
			names = append(names, f.Name)
		}
		if strings.Join(names, ",") != want {
			t.Errorf("%q: invalidParams %v, want %s", query, names, want)
		}
	}
}

// TestStatsCSV: the same answer as CSV, one row per metric with "<5" kept;
// a format that is neither JSON nor CSV is a 406.
func TestStatsCSV(t *testing.T) {
	t.Parallel()
	w := newAreaWorld(t)
	seedMarchMarketplace(newStatsFixture(t, w))
	req := jsonRequest(t, "GET", "/api/v1/stats?areaId="+buHaven+"&"+march2024, w.brokerX.Token, nil)
	req.Header.Set("Accept", "text/csv")
	resp := do(t, w.env.app, req)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "noaber-stats-BU99990102-2024-03-01-2024-03-31.csv") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	b, _ := io.ReadAll(resp.Body)
	body := string(b)
	for _, line := range []string{"metric,dimension,value\n", "area,,BU99990102\n", "requestsPosted,,8\n",
		"offersPosted,,<5\n", "requestsMatched,,suppressed\n", "shareMatched,,suppressed\n",
		"medianHoursToMatch,,6\n", "openRequests,klussen,<5\n", "alert,klussen,false\n",
		"signalsByUrgency,urgent,<5\n", "signalsByLifeDomain,wonen,<5\n", "signalsAcknowledgedInTime,,suppressed\n"} {
		if !strings.Contains(body, line) {
			t.Errorf("CSV lacks %q:\n%s", line, body)
		}
	}
	for accept, status := range map[string]int{"application/xml": 406, "text/csv;q=0.5, application/json": 200,
		"*/*": 200} {
		req := jsonRequest(t, "GET", "/api/v1/stats?areaId="+buHaven, w.brokerX.Token, nil)
		req.Header.Set("Accept", accept)
		resp := do(t, w.env.app, req)
		if status == 406 {
			readProblem(t, resp, 406)
		} else if ct := resp.Header.Get("Content-Type"); resp.StatusCode != status || !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Accept %q: status %d, Content-Type %q", accept, resp.StatusCode, ct)
		}
	}
}
