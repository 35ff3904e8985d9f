package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/gofiber/fiber/v2"
)

const (
	headerAPIVersion = "API-Version"
	headerRequestID  = "X-Request-ID"
	localRequestID   = "requestId"
	// localRoute names what answered when no route pattern did (metrics).
	localRoute = "route"
)

// appCSP allows only the app's own scripts, styles and connections: no
// inline code, no framing.
const appCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'none'"

// recoverPanic turns a panic into a logged 500 problem; the client never
// sees a stack trace.
func (s *server) recoverPanic(c *fiber.Ctx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic", slog.String("requestId", requestID(c)), slog.Any("panic", r),
				slog.String("stack", string(debug.Stack())))
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return c.Next()
}

// requestContext gives the request an id and a deadline. fasthttp never
// cancels a request when the client goes away, so the deadline is what
// bounds database work.
func (s *server) requestContext(c *fiber.Ctx) error {
	id := c.Get(headerRequestID)
	if !validRequestID(id) {
		id = newRequestID()
	}
	c.Locals(localRequestID, id)
	c.Set(headerRequestID, id)
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	c.SetUserContext(ctx)
	return c.Next()
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // crypto/rand never fails on Linux
	return hex.EncodeToString(b)
}

func requestID(c *fiber.Ctx) string {
	id, _ := c.Locals(localRequestID).(string)
	return id
}

// commonHeaders sets the headers every response carries.
func (s *server) commonHeaders(c *fiber.Ctx) error {
	s.setCommonHeaders(c)
	return c.Next()
}

func (s *server) setCommonHeaders(c *fiber.Ctx) {
	c.Set(headerAPIVersion, s.apiVersion)
	c.Set(fiber.HeaderStrictTransportSecurity, "max-age=63072000; includeSubDomains")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	c.Set(fiber.HeaderContentSecurityPolicy, appCSP)
	c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	if isAPIPath(c.Path()) {
		c.Set(fiber.HeaderCacheControl, "no-store")
	}
}

// isAPIPath reports whether path is served by the API rather than the app.
func isAPIPath(path string) bool {
	return path == BasePath || strings.HasPrefix(path, BasePath+"/") ||
		path == "/healthz" || path == "/readyz" || path == "/metrics"
}

// requireJSONBody refuses request bodies that are not JSON (415), so that no
// handler has to guess what it was sent.
func (s *server) requireJSONBody(c *fiber.Ctx) error {
	if len(c.Body()) == 0 && c.Request().Header.ContentLength() <= 0 {
		return c.Next()
	}
	mediaType, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if err != nil || (mediaType != fiber.MIMEApplicationJSON && !strings.HasSuffix(mediaType, "+json")) {
		return s.writeProblem(c, newProblem(http.StatusUnsupportedMediaType,
			"Send the request body as application/json."))
	}
	return c.Next()
}

// cors allows browsers on the allow-listed origins to call the API; the
// OpenAPI document is public to every origin.
func (s *server) cors(c *fiber.Ctx) error {
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		return c.Next()
	}
	c.Vary(fiber.HeaderOrigin)
	switch {
	case c.Path() == BasePath+"/openapi.json":
		c.Set(fiber.HeaderAccessControlAllowOrigin, "*")
	case s.origins[origin]:
		c.Set(fiber.HeaderAccessControlAllowOrigin, origin)
		c.Set(fiber.HeaderAccessControlAllowCredentials, "true")
		c.Set(fiber.HeaderAccessControlExposeHeaders, "API-Version, Retry-After, Location, X-Request-ID, Idempotency-Replayed")
	default:
		return c.Next() // no CORS headers: the browser blocks the response
	}
	if c.Method() == fiber.MethodOptions && c.Get(fiber.HeaderAccessControlRequestMethod) != "" {
		c.Set(fiber.HeaderAccessControlAllowMethods, "GET, POST, PUT, PATCH, DELETE")
		c.Set(fiber.HeaderAccessControlAllowHeaders, "Authorization, Content-Type, Idempotency-Key, X-Request-ID")
		c.Set(fiber.HeaderAccessControlMaxAge, "600")
		c.Locals(localRoute, "preflight")
		return c.SendStatus(http.StatusNoContent)
	}
	return c.Next()
}
