package api

import (
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// webapp serves the built PWA: files as they are, with long caching for
// hashed assets, and index.html for every client-side route.
func (s *server) webapp(dist fs.FS) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p := c.Path()
		if (c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead) || isAPIPath(p) || strings.HasPrefix(p, "/api/") {
			return c.Next()
		}
		c.Locals(localRoute, "webapp")
		name := strings.TrimPrefix(path.Clean(p), "/")
		if name == "" {
			name = "index.html"
		}
		body, err := fs.ReadFile(dist, name)
		if err != nil {
			if path.Ext(name) != "" {
				return fiber.ErrNotFound // a missing file, not a client-side route
			}
			name = "index.html"
			if body, err = fs.ReadFile(dist, name); err != nil {
				return fiber.ErrNotFound
			}
		}
		c.Set(fiber.HeaderContentType, contentType(name))
		c.Set(fiber.HeaderCacheControl, cacheControl(name))
		return c.Status(http.StatusOK).Send(body)
	}
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".webmanifest":
		return "application/manifest+json"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// cacheControl lets browsers keep content-hashed files for a year, and makes
// them check the entry points (index.html, the service worker, the
// manifest) every time so that a new release arrives.
func cacheControl(name string) string {
	switch {
	case strings.HasPrefix(name, "assets/"):
		return "public, max-age=31536000, immutable"
	case name == "index.html", name == "sw.js", strings.HasSuffix(name, ".webmanifest"), name == "registerSW.js":
		return "no-cache"
	default:
		return "public, max-age=3600"
	}
}
