package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDefaults(t *testing.T) {
	cfg, err := Parse(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":8080" || !cfg.EmbeddedDatabase() || cfg.PublicURL != "http://localhost:8080" ||
		cfg.BodyLimit != DefaultBodyLimit || cfg.RequestTimeout != DefaultRequestTimeout ||
		cfg.SuggestionsTTL != DefaultSuggestionsTTL || cfg.GCPercent != DefaultGCPercent {
		t.Errorf("unexpected defaults: %+v", cfg)
	}
	if !filepath.IsAbs(cfg.DataDir) || filepath.Base(cfg.PostgresDir()) != "postgres" {
		t.Errorf("data dir %q, postgres dir %q", cfg.DataDir, cfg.PostgresDir())
	}
}

func TestParseValues(t *testing.T) {
	cfg, err := Parse(env(map[string]string{
		"NOABER_ADDR":               "127.0.0.1:9000",
		"NOABER_DATABASE_URL":       "postgres://u@db/noaber",
		"NOABER_PUBLIC_URL":         "https://noaber.example.nl/",
		"NOABER_CORS_ORIGINS":       "https://a.example.nl, https://b.example.nl",
		"NOABER_REQUEST_TIMEOUT":    "3s",
		"NOABER_SHUTDOWN_TIMEOUT":   "1m",
		"NOABER_SUGGESTIONS_TTL":    "0s",
		"NOABER_DATABASE_MAX_CONNS": "6",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.EmbeddedDatabase() || cfg.PublicURL != "https://noaber.example.nl" || cfg.RequestTimeout != 3*time.Second ||
		cfg.SuggestionsTTL != 0 || cfg.DatabaseMaxConns != 6 {
		t.Errorf("unexpected: %+v", cfg)
	}
	want := "https://noaber.example.nl,https://a.example.nl,https://b.example.nl"
	if got := strings.Join(cfg.AllowedOrigins(), ","); got != want {
		t.Errorf("origins %q, want %q", got, want)
	}
}

func TestSecretFromFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "url")
	if err := os.WriteFile(path, []byte("postgres://u:secret@db/noaber\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Parse(env(map[string]string{"NOABER_DATABASE_URL_FILE": path}))
	if err != nil || cfg.DatabaseURL != "postgres://u:secret@db/noaber" {
		t.Fatalf("cfg %+v, err %v", cfg, err)
	}
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	_, err := Parse(env(map[string]string{
		"NOABER_ADDR":               "8080",
		"NOABER_DATABASE_URL":       "mysql://x",
		"NOABER_DATABASE_URL_FILE":  "/nonexistent",
		"NOABER_PUBLIC_URL":         "noaber.nl",
		"NOABER_CORS_ORIGINS":       "https://a.nl/path",
		"NOABER_LOG_FORMAT":         "xml",
		"NOABER_LOG_LEVEL":          "loud",
		"NOABER_BODY_LIMIT":         "lots",
		"NOABER_REQUEST_TIMEOUT":    "-1s",
		"NOABER_SHUTDOWN_TIMEOUT":   "0s",
		"NOABER_SUGGESTIONS_TTL":    "2h",
		"NOABER_DATABASE_MAX_CONNS": "-1",
	}))
	var invalid *InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("err = %v, want *InvalidError", err)
	}
	for _, key := range []string{"NOABER_ADDR", "NOABER_DATABASE_URL and NOABER_DATABASE_URL_FILE", "NOABER_PUBLIC_URL",
		"NOABER_CORS_ORIGINS", "NOABER_LOG_FORMAT", "NOABER_LOG_LEVEL", "NOABER_BODY_LIMIT", "NOABER_REQUEST_TIMEOUT",
		"NOABER_SHUTDOWN_TIMEOUT", "NOABER_SUGGESTIONS_TTL", "NOABER_DATABASE_MAX_CONNS"} {
		if !strings.Contains(err.Error(), key+":") {
			t.Errorf("error does not mention %s: %v", key, err)
		}
	}
}
