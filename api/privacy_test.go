package api_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/noaber/noaber/internal/accounts"
)

// personalTables is every table that refers to a person, with where its rows
// go in GET /me/export. A new table that refers to users fails
// TestEveryPersonalTableIsExported until somebody decides here (and in
// accounts.DeleteMe) what export and deletion do with it.
var personalTables = map[string]string{
	"users":                    "account",
	"user_roles":               "roles",
	"broker_areas":             "brokerAreas",
	"sessions":                 "sessions",
	"recovery_codes":           "recoveryCodes",
	"area_teams":               "areaTeamRoles",
	"area_team_neighbourhoods": "areaTeamRoles",
	"push_subscriptions":       "pushSubscriptions",
	"notifications":            "notifications",
	"notification_settings":    "-",
	"signals":                  "signalsReported",
	"signal_events":            "-",
	"signal_notes":             "-",
	"processing_log":           "-",
	"posts":                    "marketplace.posts",
	"conversations":            "marketplace.conversations",
	"messages":                 "marketplace.conversations",
	"exchanges":                "marketplace.exchanges",
	"reciprocity_entries":      "marketplace.reciprocity",
	"blocks":                   "marketplace.blocks",
	"idempotency_keys":         "-",
	"suggestion_asks":          "marketplace.suggestions",
	"resident_suggestions":     "-", // a kept ranking: derived, deleted with the account
	"request_suggestion_items": "-", // idem
	"reports":                  "marketplace.reports",
	"moderation_decisions":     "marketplace.moderationNotices",
	"managed_residents":        "-", // the person has no login; their broker keeps it
	"broker_follow_ups":        "-", // a broker's work notes
	"broker_notes":             "-", // a broker's work notes
	"keyfigure_invitations":    "keyfigureInvitations",
	"match_proposals":          "marketplace.matchProposals",
	"facilities":               "facilitiesCreated",
}

func TestEveryPersonalTableIsExported(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	var tables []string
	if err := env.db.Select(&tables, `
		SELECT DISTINCT tc.table_name
		FROM information_schema.table_constraints tc
		JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
		WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'users'
		UNION SELECT 'users' ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	var undecided []string
	for _, table := range tables {
		if _, ok := personalTables[table]; !ok {
			undecided = append(undecided, table)
		}
	}
	sort.Strings(undecided)
	if len(undecided) > 0 {
		t.Fatalf("tables that refer to a person without a decision in personalTables: %v", undecided)
	}

	env.seedAreas(t)
	u := env.newUser(t, postcodeCentrum, accounts.Resident)
	export := decode[map[string]json.RawMessage](t, env.call(t, "GET", "/api/v1/me/export", u.Token, nil), http.StatusOK)
	var market map[string]json.RawMessage
	if err := json.Unmarshal(export["marketplace"], &market); err != nil {
		t.Fatalf("marketplace: %v", err)
	}
	for table, key := range personalTables {
		if key == "-" {
			continue
		}
		section, sub, nested := strings.Cut(key, ".")
		got, ok := export[section]
		if nested {
			got, ok = market[sub]
		}
		if !ok || len(got) == 0 || string(got) == "null" && table != "users" {
			t.Errorf("export has no %s for table %s", key, table)
		}
	}
}

// TestMarketplaceDataInExportAndDeletion: my posts and messages are in my
// export; deleting my account withdraws my posts and removes my words,
// while the other person keeps the conversation.
func TestMarketplaceDataInExportAndDeletion(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	me := env.newUser(t, postcodeCentrum, accounts.Resident)
	other := env.newUser(t, postcodeCentrum, accounts.Resident)
	post := decode[map[string]any](t, env.call(t, "POST", "/api/v1/posts", me.Token, map[string]any{
		"kind": "request", "category": "klussen", "title": "Wie hangt mijn lamp op?", "body": "Mijn lamp moet aan het plafond."}),
		http.StatusCreated)
	conv := decode[map[string]any](t, env.call(t, "POST", "/api/v1/posts/"+post["id"].(string)+"/responses", other.Token,
		map[string]any{"message": "Ik kan zaterdag."}), http.StatusCreated)
	convPath := "/api/v1/conversations/" + conv["id"].(string) + "/messages"
	decode[map[string]any](t, env.call(t, "POST", convPath, me.Token, map[string]any{"body": "Fijn, om tien uur?"}),
		http.StatusCreated)

	export := decode[map[string]json.RawMessage](t, env.call(t, "GET", "/api/v1/me/export", me.Token, nil), http.StatusOK)
	for _, want := range []string{"Wie hangt mijn lamp op?", "Fijn, om tien uur?", "Ik kan zaterdag."} {
		if !strings.Contains(string(export["marketplace"]), want) {
			t.Errorf("export lacks %q: %s", want, export["marketplace"])
		}
	}

	if resp := env.call(t, "DELETE", "/api/v1/me", me.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE /me: %d", resp.StatusCode)
	}
	var status, title string
	if err := env.db.QueryRow(`SELECT status, title FROM posts WHERE id = $1`, post["id"]).Scan(&status, &title); err != nil {
		t.Fatal(err)
	}
	if status != "withdrawn" || strings.Contains(title, "lamp") {
		t.Errorf("after deletion the post is %s %q, want withdrawn without my words", status, title)
	}
	msgs := decode[struct{ Items []map[string]any }](t, env.call(t, "GET", convPath, other.Token, nil), http.StatusOK)
	var bodies []string
	for _, m := range msgs.Items {
		bodies = append(bodies, m["body"].(string))
	}
	if len(bodies) != 2 || strings.Contains(strings.Join(bodies, "|"), "tien uur") ||
		!strings.Contains(strings.Join(bodies, "|"), "Ik kan zaterdag.") {
		t.Errorf("the other person's conversation after my deletion: %v", bodies)
	}
}
