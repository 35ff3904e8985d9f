package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
)

func (s *server) getMe(c *fiber.Ctx) error {
	me, err := s.accounts.Me(c.UserContext(), callerOf(c))
	if err != nil {
		return err
	}
	return c.JSON(me)
}

type mePatchRequest struct {
	DisplayName     *string `json:"displayName"`
	Postcode        *string `json:"postcode"`
	HouseNumber     *string `json:"houseNumber"`
	Phone           *string `json:"phone"`
	Language        *string `json:"language"`
	CurrentPassword *string `json:"currentPassword"`
	NewPassword     *string `json:"newPassword"`
}

func (s *server) patchMe(c *fiber.Ctx) error {
	var in mePatchRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	me, err := s.accounts.UpdateMe(c.UserContext(), callerOf(c), accounts.MePatch(in))
	if err != nil {
		return err
	}
	return c.JSON(me)
}

func (s *server) deleteMe(c *fiber.Ctx) error {
	if err := s.accounts.DeleteMe(c.UserContext(), callerOf(c)); err != nil {
		return err
	}
	clearRefreshCookie(c)
	return c.SendStatus(http.StatusNoContent)
}

func (s *server) exportMe(c *fiber.Ctx) error {
	export, err := s.accounts.ExportMe(c.UserContext(), callerOf(c))
	if err != nil {
		return err
	}
	c.Attachment("noaber-mijn-gegevens.json")
	return c.JSON(export)
}

type totpEnrolmentResponse struct {
	Secret     string `json:"secret"`
	OTPAuthURI string `json:"otpauthUri"`
	QRCode     string `json:"qrCode"`
}

func (s *server) startTOTP(c *fiber.Ctx) error {
	var in struct{}
	if len(c.Body()) > 0 {
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
	}
	e, err := s.accounts.StartTOTP(c.UserContext(), callerOf(c).UserID)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(totpEnrolmentResponse(e))
}

func (s *server) verifyTOTP(c *fiber.Ctx) error {
	var in struct {
		Code string `json:"code"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	codes, err := s.accounts.VerifyTOTP(c.UserContext(), callerOf(c), in.Code)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"recoveryCodes": codes})
}
