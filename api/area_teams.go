package api

import (
	"encoding/json"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/areas"
)

type areaTeamRequest struct {
	Name           *string                     `json:"name"`
	CoordinatorID  optionalString              `json:"coordinatorId"`
	Neighbourhoods *[]teamNeighbourhoodRequest `json:"neighbourhoods"`
}

type teamNeighbourhoodRequest struct {
	AreaID    string  `json:"areaId"`
	ContactID *string `json:"contactId"`
	BackupID  *string `json:"backupId"`
}

func (r areaTeamRequest) input() areas.TeamInput {
	in := areas.TeamInput{Name: r.Name, CoordinatorID: r.CoordinatorID.orEmpty()}
	if r.Neighbourhoods != nil {
		list := make([]areas.TeamNeighbourhoodInput, len(*r.Neighbourhoods))
		for i, n := range *r.Neighbourhoods {
			list[i] = areas.TeamNeighbourhoodInput{AreaID: n.AreaID, ContactID: stringOrEmpty(n.ContactID), BackupID: stringOrEmpty(n.BackupID)}
		}
		in.Neighbourhoods = &list
	}
	return in
}

func (s *server) listAreaTeams(c *fiber.Ctx) error {
	teams, err := areas.Teams(c.UserContext(), s.db)
	if err != nil {
		return err
	}
	return c.JSON(newPage(teams, ""))
}

func (s *server) createAreaTeam(c *fiber.Ctx) error {
	var req areaTeamRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	team, err := areas.CreateTeam(c.UserContext(), s.db, req.input())
	if err != nil {
		return err
	}
	c.Location(BasePath + "/area-teams/" + team.ID)
	return c.Status(http.StatusCreated).JSON(team)
}

func (s *server) updateAreaTeam(c *fiber.Ctx) error {
	var req areaTeamRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	team, err := areas.UpdateTeam(c.UserContext(), s.db, c.Params("id"), req.input())
	if err != nil {
		return err
	}
	return c.JSON(team)
}

// optionalString tells a field left out (Set false) from one set to null
// (Set true, Value nil): in a PATCH, null removes a value.
type optionalString struct {
	Set   bool
	Value *string
}

// UnmarshalJSON is only called when the field is present.
func (o *optionalString) UnmarshalJSON(b []byte) error {
	o.Set = true
	return json.Unmarshal(b, &o.Value)
}

// orEmpty is nil when the field was left out, "" when it was null.
func (o optionalString) orEmpty() *string {
	if !o.Set {
		return nil
	}
	v := stringOrEmpty(o.Value)
	return &v
}

func stringOrEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
