// Package migrations holds the database schema as numbered goose SQL files,
// embedded in the binary so that it installs and upgrades its own schema.
package migrations

import "embed"

// FS holds every migration file. Never edit a migration that has landed:
// add a new one.
//
//go:embed *.sql
var FS embed.FS
