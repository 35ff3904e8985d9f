package main

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/config"
)

// openAccounts loads the token signing keys (from NOABER_JWT_KEY_FILES, or
// generated into the data dir) and prepares the accounts domain.
func openAccounts(ctx context.Context, cfg config.Config, db *sqlx.DB) (*accounts.Accounts, error) {
	var keys []accounts.SigningKey
	if cfg.JWTPrivateKey != "" {
		key, err := accounts.ParseSigningKey("NOABER_JWT_PRIVATE_KEY", []byte(cfg.JWTPrivateKey))
		if err != nil {
			return nil, err
		}
		keys = append(keys, key)
	}
	if len(cfg.JWTKeyFiles) > 0 {
		more, err := accounts.LoadSigningKeys(cfg.JWTKeyFiles)
		if err != nil {
			return nil, err
		}
		keys = append(keys, more...)
	}
	if len(keys) == 0 {
		key, err := accounts.SigningKeyInDir(cfg.KeysDir())
		if err != nil {
			return nil, err
		}
		keys = []accounts.SigningKey{key}
	}
	tokens, err := accounts.NewTokens(cfg.PublicURL, keys, time.Now)
	if err != nil {
		return nil, err
	}
	return accounts.New(ctx, db, tokens, time.Now)
}
