package api_test

import (
	"net/http"
	"testing"

	"github.com/noaber/noaber/internal/accounts"
)

type contactAssignment struct {
	Area    areaRef
	Team    areaRef
	Contact struct {
		DisplayName, Initials, Email string
		Phone, PhotoURL              *string
	}
}

// TestContactPerson: the keyfigure's own neighbourhood first, then those of
// their organisation, each once; the coordinator stands in for a missing
// contact; a neighbourhood without a team is left out.
func TestContactPerson(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	contact := env.newUser(t, postcodeCentrum, accounts.Contact)
	coordinator := env.newUser(t, postcodeCentrum, accounts.Contact)
	env.exec(t, `UPDATE users SET display_name = 'Anna de Vries', phone = '06 11111111' WHERE id = $1`, contact.ID)
	env.exec(t, `UPDATE users SET display_name = 'Karel Jansen' WHERE id = $1`, coordinator.ID)
	binnenstad := env.newTeam(t, "Team Binnenstad", "", buCentrum, contact.ID, "")
	noord := env.newTeam(t, "Team Noord", coordinator.ID, buEsch, "", "")
	// Havenkwartier's contact no longer holds the role: nobody to turn to,
	// and no coordinator either.
	exContact := env.newUser(t, postcodeCentrum, accounts.Resident)
	env.exec(t, `INSERT INTO area_team_neighbourhoods (neighbourhood_code, team_id, contact_id) VALUES ($1, $2, $3)`,
		buHaven, binnenstad, exContact.ID)
	org := env.newOrganisation(t, "VV Noaberveen", buEsch, buCentrum, buBeekdal, buHaven)

	keyfigure := env.newUser(t, postcodeCentrum, accounts.Resident, accounts.Keyfigure)
	env.exec(t, `UPDATE users SET organisation_id = $2 WHERE id = $1`, keyfigure.ID, org)
	list := decode[struct {
		Items      []contactAssignment
		NextCursor *string
	}](t, env.call(t, "GET", "/api/v1/me/contact-person", keyfigure.Token, nil), http.StatusOK)
	if len(list.Items) != 2 || list.NextCursor != nil {
		t.Fatalf("items = %+v, want Centrum and Esch", list.Items)
	}
	centrum, esch := list.Items[0], list.Items[1]
	if centrum.Area.ID != buCentrum || centrum.Team.ID != binnenstad || centrum.Contact.DisplayName != "Anna de Vries" ||
		centrum.Contact.Initials != "AV" || centrum.Contact.Phone == nil || centrum.Contact.PhotoURL != nil ||
		centrum.Contact.Email == "" {
		t.Errorf("Centrum: %+v", centrum)
	}
	if esch.Area.ID != buEsch || esch.Team.ID != noord || esch.Contact.DisplayName != "Karel Jansen" || esch.Contact.Phone != nil {
		t.Errorf("Esch falls back to the coordinator: %+v", esch)
	}

	alone := env.newUser(t, postcodeEsch, accounts.Resident, accounts.Keyfigure)
	list = decode[struct {
		Items      []contactAssignment
		NextCursor *string
	}](t, env.call(t, "GET", "/api/v1/me/contact-person", alone.Token, nil), http.StatusOK)
	if len(list.Items) != 1 || list.Items[0].Area.ID != buEsch {
		t.Errorf("without organisation: %+v", list.Items)
	}
}
