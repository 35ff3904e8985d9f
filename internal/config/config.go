// Package config reads Noaber's configuration once, from NOABER_*
// environment variables, into a typed and validated struct. Nothing else in
// Noaber reads the environment.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is everything Noaber can be told from outside.
type Config struct {
	// Addr is the TCP address the HTTP server listens on.
	Addr string
	// DatabaseURL is a lib/pq URL; empty means the embedded default database.
	DatabaseURL string
	// DatabaseMaxConns is the most database connections; 0: the default
	// (database.DefaultMaxConns).
	DatabaseMaxConns int
	// DataDir holds the embedded database and generated keys.
	DataDir string
	// PublicURL is where people reach Noaber, e.g. https://noaber.example.nl.
	PublicURL string
	// CORSOrigins are the origins other than PublicURL allowed to call the API.
	CORSOrigins []string
	// LogFormat is "json" or "text"; empty picks text on a terminal.
	LogFormat string
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// BodyLimit is the largest request body accepted, in bytes.
	BodyLimit int
	// RequestTimeout bounds the work done for one request.
	RequestTimeout time.Duration
	// ShutdownTimeout bounds how long draining requests may take on stop.
	ShutdownTimeout time.Duration
	// JWTPrivateKey is an Ed25519 private key (PKCS #8 PEM) that signs
	// access tokens, from the environment (or NOABER_JWT_PRIVATE_KEY_FILE).
	JWTPrivateKey string
	// JWTKeyFiles are more Ed25519 private keys (PKCS #8 PEM): without
	// JWTPrivateKey the first signs; all verify (key rotation). Both empty: a
	// key generated into DataDir/keys.
	JWTKeyFiles []string
	// TrustedProxies are the proxy addresses allowed to set X-Forwarded-For.
	TrustedProxies []string
	// VAPIDPublicKey and VAPIDPrivateKey sign Web Push requests (generate
	// with `noaber vapid-keys`); empty: a pair generated into DataDir/keys.
	VAPIDPublicKey  string
	VAPIDPrivateKey string
	// VAPIDSubject is how push services can reach the operator.
	VAPIDSubject string
	// PushHosts are the push services subscriptions may point at.
	PushHosts []string
	// PushWorkers is the number of concurrent push sends.
	PushWorkers int
	// GCPercent is the Go garbage collector's target (GOGC) for serve. The
	// server's live heap is small, so the default 100 collects very often
	// under load: 400 gave 25% more suggestion reads per second on 2 cores
	// (README, Matching) for a few tens of MB more memory.
	GCPercent int
	// SuggestionsTTL is how long a computed ranking of suggestions is kept
	// (0: rank afresh on every read).
	SuggestionsTTL time.Duration
	// Signals holds deadlines, holidays, the daily limit and retention of
	// signals (NOABER_SIGNAL_*).
	Signals SignalConfig
}

// Defaults for settings that may be left out.
const (
	DefaultAddr            = ":8080"
	DefaultDataDir         = "./.noaber"
	DefaultBodyLimit       = 1 << 20
	DefaultRequestTimeout  = 15 * time.Second
	DefaultShutdownTimeout = 20 * time.Second
	DefaultSuggestionsTTL  = 5 * time.Minute
	DefaultGCPercent       = 400
)

// InvalidError lists every setting that is wrong, so that one start shows
// them all.
type InvalidError struct{ Problems []string }

func (e *InvalidError) Error() string {
	return "invalid configuration: " + strings.Join(e.Problems, "; ")
}

// FromEnv reads the configuration from the process environment.
func FromEnv() (Config, error) { return Parse(os.LookupEnv) }

// Parse reads the configuration through lookup (os.LookupEnv in production,
// a map in tests) and validates it.
func Parse(lookup func(string) (string, bool)) (Config, error) {
	r := reader{lookup: lookup}
	cfg := Config{
		Addr:             r.str("NOABER_ADDR", DefaultAddr),
		DatabaseURL:      r.secret("NOABER_DATABASE_URL"),
		DatabaseMaxConns: r.integer("NOABER_DATABASE_MAX_CONNS", 0),
		DataDir:          r.str("NOABER_DATA_DIR", DefaultDataDir),
		PublicURL:        strings.TrimSuffix(r.str("NOABER_PUBLIC_URL", ""), "/"),
		CORSOrigins:      r.list("NOABER_CORS_ORIGINS"),
		LogFormat:        r.str("NOABER_LOG_FORMAT", ""),
		LogLevel:         r.str("NOABER_LOG_LEVEL", "info"),
		BodyLimit:        r.integer("NOABER_BODY_LIMIT", DefaultBodyLimit),
		RequestTimeout:   r.duration("NOABER_REQUEST_TIMEOUT", DefaultRequestTimeout),
		ShutdownTimeout:  r.duration("NOABER_SHUTDOWN_TIMEOUT", DefaultShutdownTimeout),
		JWTPrivateKey:    r.secret("NOABER_JWT_PRIVATE_KEY"),
		JWTKeyFiles:      r.list("NOABER_JWT_KEY_FILES"),
		TrustedProxies:   r.list("NOABER_TRUSTED_PROXIES"),
		VAPIDPublicKey:   r.str("NOABER_VAPID_PUBLIC_KEY", ""),
		VAPIDPrivateKey:  r.secret("NOABER_VAPID_PRIVATE_KEY"),
		VAPIDSubject:     r.str("NOABER_VAPID_SUBJECT", ""),
		PushHosts:        r.list("NOABER_PUSH_HOSTS"),
		PushWorkers:      r.integer("NOABER_PUSH_WORKERS", 8),
		GCPercent:        r.integer("NOABER_GC_PERCENT", DefaultGCPercent),
		SuggestionsTTL:   r.anyDuration("NOABER_SUGGESTIONS_TTL", DefaultSuggestionsTTL),
		Signals:          readSignals(&r),
	}
	if cfg.VAPIDSubject == "" {
		cfg.VAPIDSubject = defaultVAPIDSubject(cfg.PublicURL)
	}
	if cfg.PublicURL == "" {
		cfg.PublicURL = "http://localhost" + portSuffix(cfg.Addr)
	}
	if abs, err := filepath.Abs(cfg.DataDir); err == nil {
		cfg.DataDir = abs
	}
	problems := append(r.problems, cfg.validate()...)
	if len(problems) > 0 {
		return Config{}, &InvalidError{Problems: problems}
	}
	return cfg, nil
}

// EmbeddedDatabase reports whether Noaber runs its own PostgreSQL.
func (c Config) EmbeddedDatabase() bool { return c.DatabaseURL == "" }

// PostgresDir is where the embedded database keeps its files.
func (c Config) PostgresDir() string { return filepath.Join(c.DataDir, "postgres") }

// KeysDir holds keys generated for the embedded default setup.
func (c Config) KeysDir() string { return filepath.Join(c.DataDir, "keys") }

// AllowedOrigins are the browser origins that may call the API.
func (c Config) AllowedOrigins() []string {
	return append([]string{origin(c.PublicURL)}, c.CORSOrigins...)
}

func (c Config) validate() []string {
	var problems []string
	if _, _, err := splitAddr(c.Addr); err != nil {
		problems = append(problems, fmt.Sprintf("NOABER_ADDR: %v", err))
	}
	if err := checkHTTPURL(c.PublicURL); err != nil {
		problems = append(problems, fmt.Sprintf("NOABER_PUBLIC_URL: %v", err))
	}
	for _, o := range c.CORSOrigins {
		if err := checkHTTPURL(o); err != nil || origin(o) != o {
			problems = append(problems, fmt.Sprintf("NOABER_CORS_ORIGINS: %q is not an origin like https://example.nl", o))
		}
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		problems = append(problems, "NOABER_DATABASE_URL: must start with postgres:// or postgresql://")
	}
	switch c.LogFormat {
	case "", "json", "text":
	default:
		problems = append(problems, "NOABER_LOG_FORMAT: must be json or text")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		problems = append(problems, "NOABER_LOG_LEVEL: must be debug, info, warn or error")
	}
	if (c.VAPIDPublicKey == "") != (c.VAPIDPrivateKey == "") {
		problems = append(problems, "NOABER_VAPID_PUBLIC_KEY and NOABER_VAPID_PRIVATE_KEY: set both or neither")
	}
	if !strings.HasPrefix(c.VAPIDSubject, "mailto:") && !strings.HasPrefix(c.VAPIDSubject, "https://") {
		problems = append(problems, "NOABER_VAPID_SUBJECT: must start with mailto: or https://")
	}
	if c.GCPercent < 25 || c.GCPercent > 10_000 {
		problems = append(problems, "NOABER_GC_PERCENT: must be from 25 to 10000")
	}
	if c.DatabaseMaxConns < 0 || c.DatabaseMaxConns > 500 {
		problems = append(problems, "NOABER_DATABASE_MAX_CONNS: must be from 1 to 500 (or 0 for the default)")
	}
	if c.PushWorkers < 1 || c.PushWorkers > 256 {
		problems = append(problems, "NOABER_PUSH_WORKERS: must be from 1 to 256")
	}
	if c.SuggestionsTTL > time.Hour {
		problems = append(problems, "NOABER_SUGGESTIONS_TTL: must be at most 1h")
	}
	if c.BodyLimit < 1024 {
		problems = append(problems, "NOABER_BODY_LIMIT: must be at least 1024 bytes")
	}
	problems = append(problems, c.Signals.validate()...)
	return problems
}

// defaultVAPIDSubject is the public URL when it is https (push services
// accept only mailto: and https: subjects), else a placeholder address.
func defaultVAPIDSubject(publicURL string) string {
	if strings.HasPrefix(publicURL, "https://") {
		return publicURL
	}
	return "mailto:beheer@noaber.invalid"
}

func checkHTTPURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("must be an http(s) URL such as https://noaber.example.nl")
	}
	return nil
}

func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Scheme + "://" + u.Host
}

func splitAddr(addr string) (host string, port int, err error) {
	i := strings.LastIndex(addr, ":")
	if i < 0 {
		return "", 0, errors.New("must look like :8080 or 127.0.0.1:8080")
	}
	port, err = strconv.Atoi(addr[i+1:])
	if err != nil || port < 0 || port > 65535 {
		return "", 0, errors.New("port must be a number from 0 to 65535")
	}
	return addr[:i], port, nil
}

func portSuffix(addr string) string {
	if _, port, err := splitAddr(addr); err == nil && port != 80 {
		return ":" + strconv.Itoa(port)
	}
	return ""
}
