// Package api is Noaber's HTTP interface: the Fiber app, its middleware, one
// file per resource and the OpenAPI document. It is the only package that
// knows about HTTP; handlers decode, validate, call a domain and encode.
package api

import (
	"io/fs"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jmoiron/sqlx"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/broker"
	"github.com/noaber/noaber/internal/exchanges"
	"github.com/noaber/noaber/internal/facilities"
	"github.com/noaber/noaber/internal/idempotency"
	"github.com/noaber/noaber/internal/market"
	"github.com/noaber/noaber/internal/moderation"
	"github.com/noaber/noaber/internal/notify"
	"github.com/noaber/noaber/internal/signals"
	"github.com/noaber/noaber/internal/stats"
	"github.com/noaber/noaber/internal/suggest"
	"github.com/noaber/noaber/internal/throttle"
)

// BasePath is the root of every API route.
const BasePath = "/api/v1"

// Deps is what the API needs from the outside world.
type Deps struct {
	DB     *sqlx.DB
	Logger *slog.Logger
	// AllowedOrigins may call the API from a browser (CORS).
	AllowedOrigins []string
	// BodyLimit is the largest request body in bytes.
	BodyLimit int
	// RequestTimeout bounds the work for one request.
	RequestTimeout time.Duration
	// Webapp is the built PWA served at "/"; nil serves no app.
	Webapp fs.FS
	// Registry receives the HTTP and database metrics.
	Registry *prometheus.Registry
	// TrustedProxies may set X-Forwarded-For (the client address used for
	// throttling); empty means the connection's address is the client's.
	TrustedProxies []string
	Accounts       *accounts.Accounts
	Limiter        *throttle.Limiter
	// VAPIDPublicKey is served to browsers that subscribe to push.
	VAPIDPublicKey string
	Subscriptions  *notify.Subscriptions
	Inbox          *notify.Inbox
	// Signals is early signalling: reports, workflow, processing log.
	Signals *signals.Signals
	// Market is the notice board: posts, feed, categories, blocks, pauses.
	Market *market.Market
	// Exchanges is conversations, exchanges and reciprocity.
	Exchanges *exchanges.Exchanges
	// Idempotency stores the first response to creating POSTs.
	Idempotency *idempotency.Store
	// Suggest is matching: suggested helpers and requests, declines.
	Suggest *suggest.Suggest
	// Moderation is reports, automatic flags and brokers' decisions.
	Moderation *moderation.Moderation
	// Facilities is the social map; Stats the monitor.
	Facilities *facilities.Facilities
	Stats      *stats.Stats
	// Broker is the broker's workbench.
	Broker *broker.Broker
	// Now is the clock.
	Now func() time.Time
}

type server struct {
	db         *sqlx.DB
	log        *slog.Logger
	apiVersion string
	origins    map[string]bool
	timeout    time.Duration
	metrics    *httpMetrics
	openapi    []byte
	accounts   *accounts.Accounts
	limiter    *throttle.Limiter

	vapidPublicKey string
	subscriptions  *notify.Subscriptions
	inbox          *notify.Inbox
	signals        *signals.Signals
	market         *market.Market
	exchanges      *exchanges.Exchanges
	idempotency    *idempotency.Store
	suggest        *suggest.Suggest
	moderation     *moderation.Moderation
	facilities     *facilities.Facilities
	stats          *stats.Stats
	broker         *broker.Broker
	now            func() time.Time
}

// New builds the Fiber app with the whole route table.
func New(deps Deps) (*fiber.App, error) {
	spec, version, err := loadOpenAPI()
	if err != nil {
		return nil, err
	}
	s := &server{
		db:         deps.DB,
		log:        deps.Logger,
		apiVersion: version,
		origins:    make(map[string]bool),
		timeout:    deps.RequestTimeout,
		metrics:    newHTTPMetrics(deps.Registry, deps.DB),
		openapi:    spec,
		accounts:   deps.Accounts,
		limiter:    deps.Limiter,

		vapidPublicKey: deps.VAPIDPublicKey,
		subscriptions:  deps.Subscriptions,
		inbox:          deps.Inbox,
		signals:        deps.Signals,
		market:         deps.Market,
		exchanges:      deps.Exchanges,
		idempotency:    deps.Idempotency,
		suggest:        deps.Suggest,
		moderation:     deps.Moderation,
		facilities:     deps.Facilities,
		stats:          deps.Stats,
		broker:         deps.Broker,
		now:            deps.Now,
	}
	for _, o := range deps.AllowedOrigins {
		s.origins[o] = true
	}
	cfg := fiber.Config{
		StrictRouting:         true, // "/posts/" is a 404, not a redirect
		CaseSensitive:         true,
		Immutable:             true, // request values outlive the handler
		BodyLimit:             deps.BodyLimit,
		ReadTimeout:           10 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           120 * time.Second,
		DisableStartupMessage: true,
		ErrorHandler:          s.handleError,
	}
	if len(deps.TrustedProxies) > 0 {
		cfg.EnableTrustedProxyCheck = true
		cfg.TrustedProxies = deps.TrustedProxies
		cfg.ProxyHeader = fiber.HeaderXForwardedFor
	}
	app := fiber.New(cfg)
	s.routes(app, deps)
	return app, nil
}

// routes is the whole route table, in one place.
func (s *server) routes(app *fiber.App, deps Deps) {
	app.Use(s.requestContext, s.observe, s.recoverPanic, s.commonHeaders, s.cors)

	app.Get("/healthz", s.healthz)
	app.Get("/readyz", s.readyz)
	app.Get("/metrics", s.metrics.handler(deps.Registry))

	v1 := app.Group(BasePath, s.requireJSONBody)
	v1.Get("/openapi.json", s.openAPIDocument)

	v1.Post("/auth/register", s.register)
	v1.Post("/auth/login", s.login)
	v1.Post("/auth/refresh", s.refresh)
	v1.Post("/auth/logout", s.logout)
	v1.Post("/auth/totp", s.authenticated, s.startTOTP)
	v1.Post("/auth/totp/verification", s.authenticated, s.verifyTOTP)

	v1.Get("/me", s.authenticated, s.getMe)
	v1.Patch("/me", s.authenticated, s.patchMe)
	v1.Delete("/me", s.authenticated, s.deleteMe)
	v1.Get("/me/export", s.authenticated, s.exportMe)

	v1.Get("/postcodes/:postcode", s.getPostcode)
	s.areaRoutes(v1)
	s.notificationRoutes(v1)
	s.signalRoutes(v1)
	s.postRoutes(v1)
	s.exchangeRoutes(v1)
	s.suggestionRoutes(v1)
	s.invitationRoutes(v1)
	s.moderationRoutes(v1)
	s.socialMapRoutes(v1)
	s.brokerRoutes(v1)

	// Last, and as middleware rather than a GET route, so that unknown API
	// paths stay a 404 (not a 405) and the app never shadows the API.
	if deps.Webapp != nil {
		app.Use(s.webapp(deps.Webapp))
	}
}
