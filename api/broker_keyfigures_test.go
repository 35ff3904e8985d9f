package api_test

import (
	"fmt"
	"net/http"
	"sort"
	"testing"

	"github.com/noaber/noaber/internal/accounts"
)

type noticeBoardView struct {
	Area       struct{ ID, Name, Kind string }
	Week       string
	From, To   string
	RespondVia string
	Items      []struct {
		Kind, Category, Title, DisplayName string
		Neighbourhood                      nameRef
	}
}

// TestNoticeBoard: the week's open requests (first) and offers of the
// neighbourhood or district, first names only, signed by the broker;
// brokers of other areas get 404, residents 403.
func TestNoticeBoard(t *testing.T) {
	t.Parallel()
	w := newBrokerWorld(t)
	w.env.exec(t, `UPDATE users SET phone = '010 1234567', display_name = 'Ans Bakker' WHERE id = $1`, w.brokerX.ID)
	w.env.exec(t, `UPDATE users SET display_name = 'Jan de Vries' WHERE id = $1`, w.residentX.ID)
	w.postAs(t, w.residentX, "offer", "Ik kook graag voor twee", 0)
	withdrawn := w.postAs(t, w.residentX, "request", "Ingetrokken vraag hier", 0)
	w.env.exec(t, `UPDATE posts SET status = 'withdrawn' WHERE id = $1`, withdrawn)
	year, week := w.env.clock.Now().ISOWeek()
	thisWeek := fmt.Sprintf("%04d-W%02d", year, week)

	board := decode[noticeBoardView](t, w.env.call(t, "GET", "/api/v1/areas/"+buHaven+"/notice-board?week="+thisWeek,
		w.brokerX.Token, nil), http.StatusOK)
	if board.Week != thisWeek || board.RespondVia != "Reageren via: Ans Bakker, 010 1234567" {
		t.Errorf("board = %+v", board)
	}
	var got []string
	for _, it := range board.Items {
		got = append(got, it.Kind+":"+it.Title+":"+it.DisplayName)
	}
	want := []string{"request:Wie helpt met mijn kast?:Jan", "offer:Ik kook graag voor twee:Jan"}
	if !sameList(got, want) {
		t.Errorf("items = %v, want %v", got, want)
	}
	// The district Binnenstad holds Centrum and Havenkwartier.
	district := decode[noticeBoardView](t, w.env.call(t, "GET", "/api/v1/areas/BU99990101/notice-board", w.brokerX.Token, nil), http.StatusOK)
	if district.Area.Kind != "neighbourhood" {
		t.Errorf("area = %+v", district.Area)
	}
	// A week long ago has none of today's posts.
	old := decode[noticeBoardView](t, w.env.call(t, "GET", "/api/v1/areas/"+buHaven+"/notice-board?week=2020-W10", w.brokerX.Token, nil), http.StatusOK)
	if len(old.Items) != 0 || old.From != "2020-03-02" || old.To != "2020-03-08" {
		t.Errorf("2020-W10 = %+v", old)
	}
	for _, tc := range []struct {
		name, token, path string
		want              int
	}{
		{"brokerY", w.brokerY.Token, "/api/v1/areas/" + buHaven + "/notice-board", 404},
		{"brokerY own", w.brokerY.Token, "/api/v1/areas/" + buEsch + "/notice-board", 200},
		{"admin", w.admin.Token, "/api/v1/areas/" + buHaven + "/notice-board", 200},
		{"resident", w.resident.Token, "/api/v1/areas/" + buHaven + "/notice-board", 403},
		{"contact", w.contact.Token, "/api/v1/areas/" + buHaven + "/notice-board", 403},
		{"adminWithout2FA", w.adminWithout2FA.Token, "/api/v1/areas/" + buHaven + "/notice-board", 403},
		{"anonymous", "", "/api/v1/areas/" + buHaven + "/notice-board", 401},
		{"bad week", w.brokerX.Token, "/api/v1/areas/" + buHaven + "/notice-board?week=2026-48", 400},
		{"week 53 of 2027", w.brokerX.Token, "/api/v1/areas/" + buHaven + "/notice-board?week=2027-W53", 400},
		{"unknown area", w.brokerX.Token, "/api/v1/areas/BU00000000/notice-board", 404},
	} {
		if got := w.env.call(t, "GET", tc.path, tc.token, nil).StatusCode; got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestKeyfigureInvitations: an existing account becomes a key figure at
// once; a new address is invited and redeemed when it registers; brokers
// cannot invite for areas they do not cover.
func TestKeyfigureInvitations(t *testing.T) {
	t.Parallel()
	w := newBrokerWorld(t)
	existing := w.env.newUser(t, postcodeEsch, accounts.Resident)
	inv := decode[struct {
		Status string
		Code   *string
	}](t, w.env.call(t, "POST", "/api/v1/keyfigure-invitations", w.brokerX.Token, map[string]any{
		"email": existing.Email, "name": "Juf Anja", "organisationId": w.orgX, "areaId": buCentrum}), http.StatusCreated)
	if inv.Status != "granted" || inv.Code != nil {
		t.Errorf("existing account: %+v", inv)
	}
	if n := w.env.count(t, `SELECT count(*) FROM user_roles r JOIN users u ON u.id = r.user_id
		WHERE r.user_id = $1 AND r.role = 'keyfigure' AND u.organisation_id = $2`, existing.ID, w.orgX); n != 1 {
		t.Errorf("existing account not made key figure of orgX")
	}

	pending := decode[struct {
		Status string
		Code   *string
	}](t, w.env.call(t, "POST", "/api/v1/keyfigure-invitations", w.brokerX.Token, map[string]any{
		"email": "nieuw.sleutel@example.nl", "name": "Meester Kees", "areaId": buHaven}), http.StatusCreated)
	if pending.Status != "pending" || pending.Code == nil || len(*pending.Code) < 20 {
		t.Errorf("new address: %+v", pending)
	}
	if n := w.env.count(t, `SELECT count(*) FROM keyfigure_invitations WHERE code_hash = convert_to($1, 'UTF8')`, *pending.Code); n != 0 {
		t.Errorf("the code is stored in the clear")
	}
	// An expired invitation for another address is not redeemed.
	decode[map[string]any](t, w.env.call(t, "POST", "/api/v1/keyfigure-invitations", w.brokerX.Token, map[string]any{
		"email": "te.laat@example.nl", "name": "Te Laat", "areaId": buHaven}), http.StatusCreated)
	w.env.exec(t, `UPDATE keyfigure_invitations SET expires_at = now() - interval '1 day' WHERE email = 'te.laat@example.nl'`)
	register := func(email, code string) *http.Response {
		return w.env.call(t, "POST", "/api/v1/auth/register", "", map[string]any{"email": email,
			"password": "correct horse battery staple", "displayName": "Nieuw", "postcode": postcodeCentrum, "houseNumber": "3",
			"invitationCode": code})
	}
	// The address alone is not enough (addresses are not verified), nor
	// the code with another address.
	decode[map[string]any](t, register("iemand.anders@example.nl", *pending.Code), http.StatusBadRequest)
	decode[map[string]any](t, register("nieuw.sleutel@example.nl", "geraden-code-1234567890"), http.StatusBadRequest)
	for email, want := range map[string]int{"Nieuw.Sleutel@example.nl": 1, "te.laat@example.nl": 0} {
		code := *pending.Code
		if want == 0 {
			code = ""
		}
		decode[map[string]any](t, register(email, code), http.StatusCreated)
		if n := w.env.count(t, `SELECT count(*) FROM user_roles r JOIN users u ON u.id = r.user_id
			WHERE lower(u.email) = lower($1) AND r.role = 'keyfigure'`, email); n != want {
			t.Errorf("%s: keyfigure roles %d, want %d", email, n, want)
		}
	}

	for _, tc := range []struct {
		name, token string
		body        map[string]any
		want        int
	}{
		{"brokerY for area X", w.brokerY.Token, map[string]any{"email": "a@example.nl", "name": "A", "areaId": buCentrum}, 404},
		{"brokerX org of Y", w.brokerX.Token, map[string]any{"email": "a@example.nl", "name": "A", "areaId": buCentrum, "organisationId": w.orgY}, 400},
		{"bad e-mail", w.brokerX.Token, map[string]any{"email": "geen-adres", "name": "A", "areaId": buCentrum}, 400},
		{"resident", w.resident.Token, map[string]any{"email": "a@example.nl", "name": "A", "areaId": buCentrum}, 403},
		{"contact", w.contact.Token, map[string]any{"email": "a@example.nl", "name": "A", "areaId": buCentrum}, 403},
		{"admin", w.admin.Token, map[string]any{"email": "a@example.nl", "name": "A", "areaId": buCentrum}, 403},
		{"anonymous", "", map[string]any{"email": "a@example.nl", "name": "A", "areaId": buCentrum}, 401},
	} {
		if got := w.env.call(t, "POST", "/api/v1/keyfigure-invitations", tc.token, tc.body).StatusCode; got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestKeyfiguresOfMyAreas: contact persons and brokers see the key figures
// of their own areas only, with contact details; residents get 403.
func TestKeyfiguresOfMyAreas(t *testing.T) {
	t.Parallel()
	w := newBrokerWorld(t)
	esch := w.env.newUser(t, postcodeEsch, accounts.Resident, accounts.Keyfigure)
	contactY := w.env.newUser(t, postcodeEsch, accounts.Contact)
	w.env.newTeam(t, "Gebiedsteam Noord", "", buEsch, contactY.ID, "")
	ids := func(token, query string) []string {
		p := decode[pageOf[struct {
			ID, Email string
		}]](t, w.env.call(t, "GET", "/api/v1/keyfigures"+query, token, nil), http.StatusOK)
		out := []string{}
		for _, k := range p.Items {
			if k.Email == "" {
				t.Errorf("key figure %s without e-mail", k.ID)
			}
			out = append(out, k.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name, token, query string
		want               []string
	}{
		{"contact X", w.contact.Token, "", []string{w.keyfigure.ID}},
		{"contact Y", contactY.Token, "", []string{esch.ID}},
		{"brokerX", w.brokerX.Token, "", []string{w.keyfigure.ID}},
		{"brokerY", w.brokerY.Token, "", []string{esch.ID}},
		{"admin", w.admin.Token, "", []string{w.keyfigure.ID, esch.ID}},
		{"admin in Esch", w.admin.Token, "?areaId=" + buEsch, []string{esch.ID}},
		{"contact X asks for Esch", w.contact.Token, "?areaId=" + buEsch, []string{}},
	} {
		got := ids(tc.token, tc.query)
		sort.Strings(got)
		sort.Strings(tc.want)
		if !sameList(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	for _, c := range []caller{{"resident", w.resident.Token}, {"keyfigure", w.keyfigure.Token}, {"adminWithout2FA", w.adminWithout2FA.Token}} {
		readProblem(t, w.env.call(t, "GET", "/api/v1/keyfigures", c.token, nil), http.StatusForbidden)
	}
}
