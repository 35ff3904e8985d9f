package main

import (
	"log/slog"
	"os"

	"github.com/noaber/noaber/internal/config"
)

// newLogger logs JSON in production and text on a terminal, to stderr.
func newLogger(cfg config.Config) *slog.Logger {
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo,
		"warn": slog.LevelWarn, "error": slog.LevelError}[cfg.LogLevel]
	opts := &slog.HandlerOptions{Level: level}
	format := cfg.LogFormat
	if format == "" {
		format = "json"
		if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			format = "text"
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(os.Stderr, opts))
}

// setup reads the configuration and makes the logger every command uses.
func setup() (config.Config, *slog.Logger, error) {
	cfg, err := config.FromEnv()
	if err != nil {
		return config.Config{}, nil, err
	}
	return cfg, newLogger(cfg), nil
}
