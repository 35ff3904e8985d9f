package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// reader collects every problem instead of stopping at the first.
type reader struct {
	lookup   func(string) (string, bool)
	problems []string
}

func (r *reader) str(key, fallback string) string {
	if v, ok := r.lookup(key); ok && strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v)
	}
	return fallback
}

// secret reads KEY, or the file named by KEY_FILE (for Docker and systemd
// secrets); setting both is a mistake worth reporting.
func (r *reader) secret(key string) string {
	v := r.str(key, "")
	path := r.str(key+"_FILE", "")
	if path == "" {
		return v
	}
	if v != "" {
		r.problems = append(r.problems, fmt.Sprintf("%s and %s_FILE: set only one", key, key))
		return ""
	}
	b, err := os.ReadFile(path)
	if err != nil {
		r.problems = append(r.problems, fmt.Sprintf("%s_FILE: %v", key, err))
		return ""
	}
	return strings.TrimSpace(string(b))
}

func (r *reader) list(key string) []string {
	var out []string
	for _, part := range strings.Split(r.str(key, ""), ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (r *reader) integer(key string, fallback int) int {
	v := r.str(key, "")
	if v == "" {
		return fallback
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r.problems = append(r.problems, fmt.Sprintf("%s: %q is not a whole number", key, v))
	}
	return n
}

func (r *reader) duration(key string, fallback time.Duration) time.Duration {
	d := r.anyDuration(key, fallback)
	if d == 0 {
		r.problems = append(r.problems, fmt.Sprintf("%s: 0 is not a positive duration such as 15s", key))
	}
	return d
}

// anyDuration is a duration of zero or more.
func (r *reader) anyDuration(key string, fallback time.Duration) time.Duration {
	v := r.str(key, "")
	if v == "" {
		return fallback
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		r.problems = append(r.problems, fmt.Sprintf("%s: %q is not a duration such as 15s", key, v))
	}
	return d
}
