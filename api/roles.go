package api

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
)

type roleGrantRequest struct {
	AreaIDs        *[]string      `json:"areaIds"`
	OrganisationID optionalString `json:"organisationId"`
}

// grantRole is idempotent; the body is optional.
func (s *server) grantRole(c *fiber.Ctx) error {
	var req roleGrantRequest
	if len(bytes.TrimSpace(c.Body())) > 0 {
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
	}
	err := s.accounts.GrantRole(c.UserContext(), callerOf(c), c.Params("id"), accounts.Grant{
		Role: accounts.Role(c.Params("role")), AreaIDs: req.AreaIDs, OrganisationID: req.OrganisationID.orEmpty()})
	return s.roleChanged(c, err)
}

func (s *server) revokeRole(c *fiber.Ctx) error {
	err := s.accounts.RevokeRole(c.UserContext(), callerOf(c), c.Params("id"), accounts.Role(c.Params("role")))
	return s.roleChanged(c, err)
}

// roleChanged answers a grant or revocation: a role the caller may not hand
// out at all is a 403 (who the person is does not matter).
func (s *server) roleChanged(c *fiber.Ctx, err error) error {
	if errors.Is(err, accounts.ErrRoleNotAllowed) {
		return s.writeProblem(c, newProblem(http.StatusForbidden, "Your role only allows you to grant or revoke the keyfigure role."))
	}
	if err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}
