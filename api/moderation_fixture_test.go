package api_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/noaber/noaber/internal/accounts"
)

// reportView is a Report as the tests read it.
type reportView struct {
	ID      string
	Subject struct {
		Type, ID string
		Summary  *struct {
			Title, Text       *string
			Person            *userRef
			Neighbourhood     *nameRef
			Hidden, Suspended bool
		}
	}
	Reason, Status  string
	Flags           []string
	Note            *string
	Automatic, Mine bool
	Outcome         *struct{ Action string }
	Reporter        *userRef
	Decisions       *[]struct {
		ID, ReportID, Action, Reason string
		MessageToUser                *string
	}
}

// moderationWorld is the area world (brokerX in Centrum and Havenkwartier,
// brokerY in Esch) with a reporter and an author in Centrum.
type moderationWorld struct {
	areaWorld
	reporter, author testUser
}

func newModerationWorld(t *testing.T) moderationWorld {
	t.Helper()
	w := moderationWorld{areaWorld: newAreaWorld(t)}
	w.reporter = w.env.newUser(t, postcodeCentrum, accounts.Resident)
	w.author = w.env.newUser(t, postcodeCentrum, accounts.Resident)
	return w
}

// post publishes a request of u through the API (so the automatic check
// runs) and returns its id.
func (w moderationWorld) post(t *testing.T, u testUser, title, body string) string {
	t.Helper()
	p := decode[postView](t, w.env.call(t, "POST", "/api/v1/posts", u.Token, map[string]any{
		"kind": "request", "category": "klussen", "title": title, "body": body}), http.StatusCreated)
	return p.ID
}

func (w moderationWorld) report(t *testing.T, u testUser, subject, id, reason string) reportView {
	t.Helper()
	return decode[reportView](t, w.env.call(t, "POST", "/api/v1/reports", u.Token,
		map[string]any{"subject": subject, "subjectId": id, "reason": reason}), http.StatusCreated)
}

func (w moderationWorld) decide(t *testing.T, u testUser, reportID, action, messageToUser string) *http.Response {
	t.Helper()
	body := map[string]any{"action": action, "reason": "Intern: " + action + " na controle"}
	if messageToUser != "" {
		body["messageToUser"] = messageToUser
	}
	return w.env.call(t, "POST", "/api/v1/reports/"+reportID+"/decision", u.Token, body)
}

// queue is the ids of the open reports u moderates.
func (w moderationWorld) queue(t *testing.T, u testUser, status string) []string {
	t.Helper()
	p := decode[pageOf[reportView]](t, w.env.call(t, "GET", "/api/v1/reports?status="+status, u.Token, nil), http.StatusOK)
	var ids []string
	for _, r := range p.Items {
		ids = append(ids, r.ID)
	}
	return ids
}

// autoFlag is the open automatic flag on post id, or nil.
func (w moderationWorld) autoFlag(t *testing.T, postID string) *reportView {
	t.Helper()
	p := decode[pageOf[reportView]](t, w.env.call(t, "GET", "/api/v1/reports?limit=100", w.admin.Token, nil), http.StatusOK)
	i := slices.IndexFunc(p.Items, func(r reportView) bool { return r.Automatic && r.Subject.ID == postID })
	if i < 0 {
		return nil
	}
	return &p.Items[i]
}
