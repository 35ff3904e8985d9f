package api

import (
	"errors"
	"log/slog"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/jmoiron/sqlx"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type httpMetrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newHTTPMetrics(reg *prometheus.Registry, db *sqlx.DB) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "noaber_http_requests_total",
			Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "noaber_http_request_duration_seconds",
			Help:    "HTTP request latency by route and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
	}
	reg.MustRegister(m.requests, m.latency)
	if db != nil {
		reg.MustRegister(collectors.NewDBStatsCollector(db.DB, "noaber"))
	}
	return m
}

func (m *httpMetrics) handler(reg *prometheus.Registry) fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
}

// observe records metrics and one structured log line per request.
func (s *server) observe(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	var fe *fiber.Error
	if errors.As(err, &fe) && (fe.Code == fiber.StatusNotFound || fe.Code == fiber.StatusMethodNotAllowed) &&
		c.Locals(localRoute) == nil {
		c.Locals(localRoute, "unmatched") // the router found no route
	}
	if err != nil {
		// Let the error handler write the response now, so that the status
		// we record is the one the client gets.
		if herr := s.handleError(c, err); herr != nil {
			return herr
		}
	}
	elapsed := time.Since(start)
	status := c.Response().StatusCode()
	route := routePath(c)
	s.metrics.requests.WithLabelValues(route, c.Method(), strconv.Itoa(status)).Inc()
	s.metrics.latency.WithLabelValues(route, c.Method()).Observe(elapsed.Seconds())
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.LogAttrs(c.UserContext(), level, "request",
		slog.String("requestId", requestID(c)), slog.String("method", c.Method()),
		slog.String("route", route), slog.Int("status", status), slog.Duration("duration", elapsed))
	return nil
}

// routePath is the matched route pattern ("/api/v1/posts/:id"), never the
// raw path, so that metrics stay bounded and no ids end up in labels.
func routePath(c *fiber.Ctx) string {
	if name, ok := c.Locals(localRoute).(string); ok {
		return name
	}
	return c.Route().Path
}
