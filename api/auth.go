package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/throttle"
)

const refreshCookie = "noaber_refresh"

// Throttling rules: failed logins per account, and attempts per address.
var (
	loginPerAccount = throttle.Rule{Max: 5, Window: 15 * time.Minute}
	loginPerAddress = throttle.Rule{Max: 50, Window: 15 * time.Minute}
	registerPerAddr = throttle.Rule{Max: 10, Window: time.Hour}
)

type sessionResponse struct {
	AccessToken string      `json:"accessToken"`
	TokenType   string      `json:"tokenType"`
	ExpiresIn   int         `json:"expiresIn"`
	User        accounts.Me `json:"user"`
}

// sendSession answers with a new access token and puts the refresh token in
// its cookie, which only the auth endpoints ever see.
func (s *server) sendSession(c *fiber.Ctx, status int, sess accounts.Session) error {
	me, err := s.accounts.Me(c.UserContext(), accounts.Caller{UserID: sess.UserID, SecondFactor: sess.SecondFactor})
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{
		Name: refreshCookie, Value: sess.RefreshToken, Path: BasePath + "/auth",
		Expires: sess.RefreshExpires, HTTPOnly: true, Secure: true, SameSite: fiber.CookieSameSiteStrictMode,
	})
	return c.Status(status).JSON(sessionResponse{AccessToken: sess.AccessToken, TokenType: "Bearer",
		ExpiresIn: int(sess.ExpiresIn.Seconds()), User: me})
}

func clearRefreshCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: refreshCookie, Value: "", Path: BasePath + "/auth", MaxAge: -1,
		Expires: time.Unix(0, 0), HTTPOnly: true, Secure: true, SameSite: fiber.CookieSameSiteStrictMode})
}

type registerRequest struct {
	Email       string `json:"email"`
	Password    string `json:"password"`
	DisplayName string `json:"displayName"`
	Postcode    string `json:"postcode"`
	HouseNumber string `json:"houseNumber"`
	Language    string `json:"language"`
	// InvitationCode redeems a key figure invitation.
	InvitationCode string `json:"invitationCode"`
}

func (s *server) register(c *fiber.Ctx) error {
	if wait, err := s.limiter.Hit(c.UserContext(), "register:addr:"+c.IP(), registerPerAddr); err != nil || wait > 0 {
		return s.throttled(c, wait, err)
	}
	var in registerRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	sess, err := s.accounts.Register(c.UserContext(), accounts.Registration(in))
	if err != nil {
		return err
	}
	return s.sendSession(c, http.StatusCreated, sess)
}

type loginRequest struct {
	Email        string `json:"email"`
	Password     string `json:"password"`
	TOTPCode     string `json:"totpCode"`
	RecoveryCode string `json:"recoveryCode"`
}

func (s *server) login(c *fiber.Ctx) error {
	ctx := c.UserContext()
	if wait, err := s.limiter.Hit(ctx, "login:addr:"+c.IP(), loginPerAddress); err != nil || wait > 0 {
		return s.throttled(c, wait, err)
	}
	var in loginRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	accountKey := "login:account:" + strings.ToLower(strings.TrimSpace(in.Email))
	if wait, err := s.limiter.Blocked(ctx, accountKey, loginPerAccount); err != nil || wait > 0 {
		return s.throttled(c, wait, err)
	}
	sess, err := s.accounts.Login(ctx, accounts.Credentials(in))
	if errors.Is(err, accounts.ErrInvalidCredentials) || errors.Is(err, accounts.ErrInvalidSecondFactor) {
		if _, herr := s.limiter.Hit(ctx, accountKey, loginPerAccount); herr != nil {
			return herr
		}
	}
	if err != nil {
		return err
	}
	if err := s.limiter.Reset(ctx, accountKey); err != nil {
		return err
	}
	return s.sendSession(c, http.StatusOK, sess)
}

func (s *server) refresh(c *fiber.Ctx) error {
	sess, err := s.accounts.Refresh(c.UserContext(), c.Cookies(refreshCookie))
	if err != nil {
		clearRefreshCookie(c)
		return err
	}
	return s.sendSession(c, http.StatusOK, sess)
}

func (s *server) logout(c *fiber.Ctx) error {
	sessionID := ""
	if caller, err := s.accounts.Authenticate(c.UserContext(), bearerToken(c)); err == nil {
		sessionID = caller.SessionID
	}
	if err := s.accounts.Logout(c.UserContext(), c.Cookies(refreshCookie), sessionID); err != nil {
		return err
	}
	clearRefreshCookie(c)
	return c.SendStatus(http.StatusNoContent)
}

// throttled answers 429 with the Retry-After the client must honour (or
// passes on the error that prevented counting).
func (s *server) throttled(c *fiber.Ctx, wait time.Duration, err error) error {
	if err != nil {
		return err
	}
	seconds := int(wait.Seconds() + 0.999)
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(max(seconds, 1)))
	return s.writeProblem(c, newProblem(http.StatusTooManyRequests, "Too many attempts. Wait a moment and try again."))
}
