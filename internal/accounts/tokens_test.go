package accounts

import (
	"crypto/ed25519"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/noaber/noaber/internal/domain"
)

func newKey(t *testing.T) SigningKey {
	t.Helper()
	_, private, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return NewSigningKey(private)
}

// TestTokenAttacks forges tokens the ways attackers do; every one must fail.
func TestTokenAttacks(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	key, other := newKey(t), newKey(t)
	tokens, err := NewTokens("https://noaber.example.nl", []SigningKey{key}, clock)
	if err != nil {
		t.Fatal(err)
	}
	valid := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": "https://noaber.example.nl", "aud": Audience, "sub": "u1", "sid": "s1",
			"iat": now.Unix(), "exp": now.Add(time.Minute).Unix()}
	}
	sign := func(method jwt.SigningMethod, k any, claims jwt.MapClaims, header map[string]any) string {
		tok := jwt.NewWithClaims(method, claims)
		tok.Header["kid"], tok.Header["typ"] = key.ID, accessTokenType
		for h, v := range header {
			if v == nil {
				delete(tok.Header, h)
			} else {
				tok.Header[h] = v
			}
		}
		s, err := tok.SignedString(k)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	edit := func(f func(jwt.MapClaims)) jwt.MapClaims { c := valid(); f(c); return c }
	publicKey := []byte(key.Private.Public().(ed25519.PublicKey))

	tests := []struct {
		name  string
		token string
	}{
		{"alg none", sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid(), nil)},
		{"HS256 signed with the public key", sign(jwt.SigningMethodHS256, publicKey, valid(), nil)},
		{"signed by an unknown key with our kid", sign(jwt.SigningMethodEdDSA, other.Private, valid(), nil)},
		{"unknown kid", sign(jwt.SigningMethodEdDSA, key.Private, valid(), map[string]any{"kid": "nope"})},
		{"no kid", sign(jwt.SigningMethodEdDSA, key.Private, valid(), map[string]any{"kid": nil})},
		{"wrong typ", sign(jwt.SigningMethodEdDSA, key.Private, valid(), map[string]any{"typ": "JWT"})},
		{"no typ", sign(jwt.SigningMethodEdDSA, key.Private, valid(), map[string]any{"typ": nil})},
		{"wrong aud", sign(jwt.SigningMethodEdDSA, key.Private, edit(func(c jwt.MapClaims) { c["aud"] = "other" }), nil)},
		{"no aud", sign(jwt.SigningMethodEdDSA, key.Private, edit(func(c jwt.MapClaims) { delete(c, "aud") }), nil)},
		{"wrong iss", sign(jwt.SigningMethodEdDSA, key.Private, edit(func(c jwt.MapClaims) { c["iss"] = "https://evil" }), nil)},
		{"no iss", sign(jwt.SigningMethodEdDSA, key.Private, edit(func(c jwt.MapClaims) { delete(c, "iss") }), nil)},
		{"expired", sign(jwt.SigningMethodEdDSA, key.Private, edit(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Second).Unix() }), nil)},
		{"no exp", sign(jwt.SigningMethodEdDSA, key.Private, edit(func(c jwt.MapClaims) { delete(c, "exp") }), nil)},
		{"issued in the future", sign(jwt.SigningMethodEdDSA, key.Private, edit(func(c jwt.MapClaims) { c["iat"] = now.Add(time.Hour).Unix() }), nil)},
		{"no subject", sign(jwt.SigningMethodEdDSA, key.Private, edit(func(c jwt.MapClaims) { delete(c, "sub") }), nil)},
		{"no session", sign(jwt.SigningMethodEdDSA, key.Private, edit(func(c jwt.MapClaims) { delete(c, "sid") }), nil)},
		{"garbage", "not.a.token"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := tokens.Verify(tt.token); err != ErrInvalidToken {
				t.Errorf("Verify = %v, want ErrInvalidToken", err)
			}
		})
	}

	good := sign(jwt.SigningMethodEdDSA, key.Private, valid(), nil)
	if user, session, err := tokens.Verify(good); err != nil || user != "u1" || session != "s1" {
		t.Errorf("a valid token: %s %s %v", user, session, err)
	}
	parts := strings.Split(good, ".")
	if _, _, err := tokens.Verify(parts[0] + "." + parts[1] + "x." + parts[2]); err != ErrInvalidToken {
		t.Error("a tampered payload was accepted")
	}
}

func TestIssuedTokensAndKeyRotation(t *testing.T) {
	now := time.Now()
	clock := func() time.Time { return now }
	old, current := newKey(t), newKey(t)
	before, _ := NewTokens("iss", []SigningKey{old}, clock)
	after, _ := NewTokens("iss", []SigningKey{current, old}, clock)
	issued, err := before.Issue("u1", "s1")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := after.Verify(issued); err != nil {
		t.Errorf("a token of the previous key must verify during rotation: %v", err)
	}
	fresh, _ := after.Issue("u1", "s1")
	if _, _, err := before.Verify(fresh); err != ErrInvalidToken {
		t.Error("a token of an unknown new key verified")
	}
	if _, _, err := after.Verify(fresh); err != nil {
		t.Fatalf("a fresh token: %v", err)
	}
	// Verified once, the token is remembered; its lifetime still counts.
	now = now.Add(AccessTokenTTL + time.Second)
	if _, _, err := after.Verify(fresh); err != ErrInvalidToken {
		t.Error("a token older than its lifetime verified")
	}
}

func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		password string
		ok       bool
	}{
		{"kort", false},
		{"1234567", false},
		{"password", false},
		{"WACHTWOORD", false},
		{"12345678", false},
		{strings.Repeat("a", 129), false},
		{"fiets op de dijk", true},
		{"ĳsvogel én kievit", true},
		{strings.Repeat("a", 128), true},
	}
	for _, tt := range tests {
		var c domain.Checker
		checkPassword(&c, "password", tt.password)
		if ok := c.Err() == nil; ok != tt.ok {
			t.Errorf("%q: ok = %v, want %v", tt.password, ok, tt.ok)
		}
	}
}

func TestParseSigningKey(t *testing.T) {
	dir := t.TempDir()
	generated, err := SigningKeyInDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	again, err := SigningKeyInDir(dir)
	if err != nil || again.ID != generated.ID {
		t.Fatalf("the generated key was not kept: %v", err)
	}
	if _, err := ParseSigningKey("env", []byte("not a key")); err == nil {
		t.Error("garbage accepted as a key")
	}
}
