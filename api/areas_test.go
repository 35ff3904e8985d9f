package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/demo"
)

type areaNode struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Kind     string     `json:"kind"`
	Children []areaNode `json:"children"`
}

type areaRef struct{ ID, Name string }

type areaDetail struct {
	ID       string         `json:"id"`
	Kind     string         `json:"kind"`
	Parent   *areaRef       `json:"parent"`
	Children []areaRef      `json:"children"`
	Borders  []areaRef      `json:"borders"`
	Contacts *[]areaContact `json:"contacts"`
}

type areaContact struct {
	Role, DisplayName, Initials, Email string
	Phone                              *string
}

func TestAreaTree(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	list := decode[struct {
		Items      []areaNode `json:"items"`
		NextCursor *string    `json:"nextCursor"`
	}](t, get(t, env.app, "/api/v1/areas"), http.StatusOK)
	if len(list.Items) != 1 || list.Items[0].ID != demo.MunicipalityCode || list.NextCursor != nil {
		t.Fatalf("items = %+v, want one municipality and nextCursor null", list.Items)
	}
	districts := list.Items[0].Children
	if len(districts) != 3 || districts[0].Name != "Binnenstad" || districts[0].Kind != "district" {
		t.Fatalf("districts = %+v, want Binnenstad, Noord, Zuid", districts)
	}
	for _, d := range districts {
		if len(d.Children) != 4 || d.Children[0].Kind != "neighbourhood" || d.Children[0].Children == nil {
			t.Errorf("district %s has %+v, want 4 neighbourhoods with empty children", d.Name, d.Children)
		}
	}
}

func TestAreaDetail(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	contact := env.newUser(t, postcodeCentrum, accounts.Contact)
	backup := env.newUser(t, postcodeCentrum, accounts.Contact)
	coordinator := env.newUser(t, postcodeEsch, accounts.Contact)
	resident := env.newUser(t, postcodeEsch, accounts.Resident)
	env.newTeam(t, "Team Centrum", coordinator.ID, buCentrum, contact.ID, backup.ID)

	anonymous := decode[areaDetail](t, get(t, env.app, "/api/v1/areas/"+buCentrum), http.StatusOK)
	if anonymous.Parent == nil || anonymous.Parent.ID != "WK999901" || anonymous.Contacts != nil {
		t.Errorf("anonymous: parent %+v, contacts %v; want Binnenstad and no contacts", anonymous.Parent, anonymous.Contacts)
	}
	var borders []string
	for _, b := range anonymous.Borders {
		borders = append(borders, b.ID)
	}
	if strings.Join(borders, ",") != "BU99990301,BU99990201,BU99990102" { // Beekdal, Esch, Havenkwartier
		t.Errorf("borders = %v", borders)
	}

	seen := decode[areaDetail](t, env.call(t, "GET", "/api/v1/areas/"+buCentrum, resident.Token, nil), http.StatusOK)
	if seen.Contacts == nil || len(*seen.Contacts) != 3 {
		t.Fatalf("contacts = %+v, want contact, backup, coordinator", seen.Contacts)
	}
	for i, want := range []string{"contact", "backup", "coordinator"} {
		if c := (*seen.Contacts)[i]; c.Role != want || c.Email == "" || c.Initials != "B" {
			t.Errorf("contacts[%d] = %+v, want role %s with e-mail and initials", i, c, want)
		}
	}

	district := decode[areaDetail](t, env.call(t, "GET", "/api/v1/areas/WK999902", resident.Token, nil), http.StatusOK)
	if len(district.Children) != 4 || len(district.Borders) != 0 || district.Parent.ID != demo.MunicipalityCode {
		t.Errorf("district = %+v", district)
	}
	readProblem(t, get(t, env.app, "/api/v1/areas/BU00000000"), http.StatusNotFound)
	readProblem(t, env.call(t, "GET", "/api/v1/areas/"+buCentrum, "not-a-token", nil), http.StatusUnauthorized)
}

func TestAreaGaps(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	env.seedAreas(t)
	admin := env.newUser(t, postcodeCentrum, accounts.Admin)
	contact := env.newUser(t, postcodeCentrum, accounts.Contact)
	backup := env.newUser(t, postcodeCentrum, accounts.Contact)
	seedDemoTeams(t, env, []string{contact.ID, backup.ID}, "")

	gaps := func() []string {
		list := decode[struct {
			Items []struct {
				ID       string
				Kind     string
				District areaRef
				Team     *areaRef
			}
		}](t, env.call(t, "GET", "/api/v1/areas?withoutContact=true", admin.Token, nil), http.StatusOK)
		var ids []string
		for _, g := range list.Items {
			if g.Kind != "neighbourhood" || g.District.ID == "" {
				t.Errorf("gap %+v lacks kind or district", g)
			}
			ids = append(ids, g.ID)
		}
		return ids
	}
	if got := strings.Join(gaps(), ","); got != "BU99990301,BU99990304,BU99990302,BU99990303" { // Zuid, by name
		t.Errorf("gaps = %s, want the four neighbourhoods of Zuid", got)
	}
	// Without the contact role, the contact no longer counts: Binnenstad
	// and Noord become gaps too, at once.
	resp := env.call(t, "DELETE", "/api/v1/users/"+contact.ID+"/roles/contact", admin.Token, nil)
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("revoke contact: %d", resp.StatusCode)
	}
	if got := gaps(); len(got) != 12 {
		t.Errorf("after revoking the contact: %d gaps, want 12", len(got))
	}
	readProblem(t, env.call(t, "GET", "/api/v1/areas?withoutContact=maybe", admin.Token, nil), http.StatusBadRequest)
}

// seedDemoTeams runs demo.SeedTeams in one transaction.
func seedDemoTeams(t *testing.T, env testEnv, contactIDs []string, coordinatorID string) {
	t.Helper()
	err := database.WithTx(context.Background(), env.db, func(tx *sqlx.Tx) error {
		return demo.SeedTeams(context.Background(), tx, contactIDs, coordinatorID)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportedAreasAreFound imports a small CBS table and finds its
// postcodes and computed borders through the API.
func TestImportedAreasAreFound(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	buurten := "\ufeffGM_CODE;GM_NAAM;WK_CODE;WK_NAAM;BU_CODE;BU_NAAM;LAT;LON\n" +
		"GM0123;Testdorp;WK012301;Dorp;BU01230101;Kern;52,1000;5,1000\n" +
		"GM0123;Testdorp;WK012301;Dorp;BU01230102;Kern-Oost;52,1000;5,1100\n" +
		"GM0123;Testdorp;WK012302;Buitengebied;BU01230201;Polder;52,1500;5,1000\n"
	postcodes := "PC6,BU_CODE\n1234AB,BU01230101\n1234 ac,BU01230102\n1235AA,BU01230201\n"
	sum, err := areas.Import(context.Background(), env.db, areas.ImportSource{
		Areas: strings.NewReader(buurten), AreasName: "buurten.csv",
		Postcodes: strings.NewReader(postcodes), PostcodesName: "postcodes.csv", BorderKm: areas.DefaultBorderKm})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Municipalities != 1 || sum.Districts != 2 || sum.Neighbourhoods != 3 || sum.Postcodes != 3 || sum.Borders != 1 {
		t.Errorf("summary = %+v", sum)
	}
	place := decode[struct {
		Neighbourhood, District, Municipality areaRef
	}](t, get(t, env.app, "/api/v1/postcodes/1234AC"), http.StatusOK)
	if place.Neighbourhood.ID != "BU01230102" || place.District.ID != "WK012301" || place.Municipality.Name != "Testdorp" {
		t.Errorf("1234AC lies in %+v", place)
	}
	kern := decode[areaDetail](t, get(t, env.app, "/api/v1/areas/BU01230101"), http.StatusOK)
	if len(kern.Borders) != 1 || kern.Borders[0].ID != "BU01230102" {
		t.Errorf("Kern borders %+v, want only Kern-Oost (680 m; Polder is 5.6 km away)", kern.Borders)
	}
	var gm map[string]any
	if err := json.NewDecoder(get(t, env.app, "/api/v1/areas/GM0123").Body).Decode(&gm); err != nil || gm["latitude"] == nil {
		t.Errorf("municipality %v has no centroid (%v)", gm, err)
	}
}
