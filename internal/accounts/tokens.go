package accounts

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// AccessTokenTTL is how long an access token is valid. It is short because
// an access token cannot be revoked before it expires.
const AccessTokenTTL = 15 * time.Minute

// accessTokenType is the JWT "typ" header of access tokens (RFC 9068), so
// that no other kind of JWT can be passed off as one.
const accessTokenType = "at+jwt"

// Audience is the "aud" of every access token.
const Audience = "noaber-api"

// ErrInvalidToken means a token is malformed, forged, expired or not ours.
var ErrInvalidToken = errors.New("invalid access token")

// SigningKey is one Ed25519 key with its key id.
type SigningKey struct {
	ID      string
	Private ed25519.PrivateKey
}

// NewSigningKey names a key by a hash of its public half, so the same key
// always gets the same kid.
func NewSigningKey(private ed25519.PrivateKey) SigningKey {
	sum := sha256.Sum256(private.Public().(ed25519.PublicKey))
	return SigningKey{ID: hex.EncodeToString(sum[:8]), Private: private}
}

// Tokens issues and verifies access tokens. The first key signs; every key
// verifies, so keys can be rotated by adding a new first key and removing
// the old one after AccessTokenTTL.
type Tokens struct {
	issuer string
	keys   []SigningKey
	now    func() time.Time

	// verified remembers tokens whose signature and claims were checked,
	// until they expire: an Ed25519 verification costs more than the rest
	// of a typical request (see README, Matching). Only the exact token
	// bytes hit; the time window is checked again on every use.
	mu       sync.Mutex
	verified map[string]verifiedToken
}

// verifiedToken is what Verify found in a token.
type verifiedToken struct {
	userID, sessionID string
	notBefore, expiry time.Time
}

// maxVerified bounds the verified tokens remembered: a few per active
// person in a 15-minute window.
const maxVerified = 20_000

// NewTokens returns Tokens for the given issuer (the public URL).
func NewTokens(issuer string, keys []SigningKey, now func() time.Time) (*Tokens, error) {
	if len(keys) == 0 {
		return nil, errors.New("no signing key")
	}
	return &Tokens{issuer: issuer, keys: keys, now: now, verified: map[string]verifiedToken{}}, nil
}

// accessClaims are the claims of an access token: who (sub) and which
// session (sid). Roles are not in it: they are read from the database on
// every request, so that a revoked role or session stops working at once.
type accessClaims struct {
	SessionID string `json:"sid"`
	jwt.RegisteredClaims
}

// Issue signs an access token for a user's session.
func (t *Tokens) Issue(userID, sessionID string) (string, error) {
	now := t.now()
	claims := accessClaims{SessionID: sessionID, RegisteredClaims: jwt.RegisteredClaims{
		Issuer:    t.issuer,
		Subject:   userID,
		Audience:  jwt.ClaimStrings{Audience},
		IssuedAt:  jwt.NewNumericDate(now),
		NotBefore: jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(AccessTokenTTL)),
	}}
	token := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	token.Header["kid"] = t.keys[0].ID
	token.Header["typ"] = accessTokenType
	signed, err := token.SignedString(t.keys[0].Private)
	if err != nil {
		return "", fmt.Errorf("sign access token: %w", err)
	}
	return signed, nil
}

// Verify checks an access token: algorithm pinned to EdDSA, a known kid,
// typ at+jwt, and exp, iss and aud required. It returns the user and
// session ids.
func (t *Tokens) Verify(raw string) (userID, sessionID string, err error) {
	now := t.now()
	if v, ok := t.remembered(raw); ok {
		if now.Before(v.notBefore) || !now.Before(v.expiry) {
			return "", "", ErrInvalidToken
		}
		return v.userID, v.sessionID, nil
	}
	var claims accessClaims
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithIssuer(t.issuer),
		jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(t.now),
	)
	_, err = parser.ParseWithClaims(raw, &claims, t.keyFor)
	if err != nil || claims.Subject == "" || claims.SessionID == "" {
		return "", "", ErrInvalidToken
	}
	v := verifiedToken{userID: claims.Subject, sessionID: claims.SessionID, expiry: claims.ExpiresAt.Time}
	for _, from := range []*jwt.NumericDate{claims.NotBefore, claims.IssuedAt} {
		if from != nil && from.After(v.notBefore) {
			v.notBefore = from.Time
		}
	}
	t.remember(raw, v, now)
	return claims.Subject, claims.SessionID, nil
}

func (t *Tokens) remembered(raw string) (verifiedToken, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	v, ok := t.verified[raw]
	return v, ok
}

// remember keeps v for raw; when full, it first forgets expired tokens, and
// everything if that is not enough (the next uses verify again).
func (t *Tokens) remember(raw string, v verifiedToken, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.verified) >= maxVerified {
		for k, old := range t.verified {
			if !now.Before(old.expiry) {
				delete(t.verified, k)
			}
		}
		if len(t.verified) >= maxVerified {
			clear(t.verified)
		}
	}
	t.verified[raw] = v
}

func (t *Tokens) keyFor(token *jwt.Token) (any, error) {
	if typ, _ := token.Header["typ"].(string); typ != accessTokenType {
		return nil, errors.New("not an access token")
	}
	kid, _ := token.Header["kid"].(string)
	for _, k := range t.keys {
		if k.ID == kid {
			return k.Private.Public(), nil
		}
	}
	return nil, errors.New("unknown key id")
}
