package pushtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"time"
)

// maxExpiry is how far ahead "exp" may lie (RFC 8292 §2).
const maxExpiry = 24 * time.Hour

// verifyVAPID checks the Authorization header and returns the JWT claims.
// The ES256 signature is verified once per distinct token and key, as push
// services cache it; the claims are checked on every request.
func (s *Server) verifyVAPID(header string) (map[string]any, error) {
	token, k, err := parseVAPIDHeader(header)
	if err != nil {
		return nil, reject(http.StatusUnauthorized, "Authorization: %v", err)
	}
	s.mu.Lock()
	want, claims, now := s.vapidKey, s.verified[token+" "+k], s.now()
	s.mu.Unlock()
	pub, err := decodePublicKey(k)
	if err != nil {
		return nil, reject(http.StatusUnauthorized, "VAPID k: %v", err)
	}
	if want != nil && !bytes.Equal(want, pub) {
		return nil, reject(http.StatusForbidden, "VAPID k %s is not the application server key (RFC 8292 §4.2)", k)
	}
	if claims == nil {
		if claims, err = verifyES256(token, pub); err != nil {
			return nil, reject(http.StatusUnauthorized, "VAPID JWT: %v", err)
		}
		s.mu.Lock()
		s.verified[token+" "+k] = claims
		s.mu.Unlock()
	}
	if err := checkClaims(claims, s.origin, now); err != nil {
		return nil, reject(http.StatusUnauthorized, "VAPID JWT: %v", err)
	}
	return claims, nil
}

// parseVAPIDHeader splits "vapid t=<jwt>, k=<key>" into its parameters
// (RFC 8292 §3, §3.1 and §3.2).
func parseVAPIDHeader(header string) (token, key string, err error) {
	scheme, params, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "vapid") {
		return "", "", fmt.Errorf("%q, want \"vapid t=..., k=...\"", header)
	}
	for param := range strings.SplitSeq(params, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(param), "=")
		switch strings.ToLower(name) {
		case "t":
			token = value
		case "k":
			key = value
		}
	}
	if token == "" || key == "" {
		return "", "", errors.New("vapid scheme needs both t and k")
	}
	return token, key, nil
}

// decodePublicKey decodes k: base64url without padding of an uncompressed
// P-256 point (RFC 8292 §3.2).
func decodePublicKey(k string) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(k)
	if err != nil {
		return nil, fmt.Errorf("not base64url without padding: %w", err)
	}
	if _, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), raw); err != nil {
		return nil, fmt.Errorf("not an uncompressed P-256 point: %w", err)
	}
	return raw, nil
}

// verifyES256 verifies a compact JWS signed with ES256 (RFC 7515 §5.2,
// RFC 7518 §3.4; RFC 8292 §2 requires ES256) and returns its claims.
func verifyES256(token string, pub []byte) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errors.New("not a compact JWS of three parts")
	}
	var head struct {
		Alg string `json:"alg"`
	}
	if err := decodeJSONPart(parts[0], &head); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if head.Alg != "ES256" {
		return nil, fmt.Errorf("alg %q, want ES256 (RFC 8292 §2)", head.Alg)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return nil, errors.New("signature is not 64 bytes of base64url R || S (RFC 7518 §3.4)")
	}
	key, _ := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), pub) // checked by decodePublicKey
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	if !ecdsa.Verify(key, digest[:], r, s) {
		return nil, errors.New("signature does not verify against k")
	}
	var claims map[string]any
	if err := decodeJSONPart(parts[1], &claims); err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	return claims, nil
}

// decodeJSONPart decodes one base64url part of a compact JWS (RFC 7515 §7.1).
func decodeJSONPart(part string, v any) error {
	raw, err := base64.RawURLEncoding.DecodeString(part)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

// checkClaims checks aud, exp and sub (RFC 8292 §2, §2.1).
func checkClaims(claims map[string]any, origin string, now time.Time) error {
	if aud, _ := claims["aud"].(string); aud != origin {
		return fmt.Errorf("aud %q, want the endpoint origin %q", claims["aud"], origin)
	}
	exp, ok := claims["exp"].(float64)
	if !ok {
		return fmt.Errorf("exp %v, want a NumericDate", claims["exp"])
	}
	expires := time.Unix(int64(exp), 0)
	if !expires.After(now) {
		return fmt.Errorf("exp %s has passed (now %s)", expires.UTC(), now.UTC())
	}
	if expires.Sub(now) > maxExpiry {
		return fmt.Errorf("exp %s is more than 24h after now %s", expires.UTC(), now.UTC())
	}
	sub, _ := claims["sub"].(string)
	return checkSubject(sub)
}

// checkSubject checks that sub is a mailto: address or an https: URL
// (RFC 8292 §2.1).
func checkSubject(sub string) error {
	if addr, ok := strings.CutPrefix(sub, "mailto:"); ok {
		if parsed, err := mail.ParseAddress(addr); err != nil || parsed.Address != addr {
			return fmt.Errorf("sub %q is not mailto: and one e-mail address", sub)
		}
		return nil
	}
	if u, err := url.Parse(sub); err == nil && u.Scheme == "https" && u.Host != "" {
		return nil
	}
	return fmt.Errorf("sub %q, want a mailto: or https: contact", sub)
}

// decodeBase64URL decodes base64url with or without padding.
func decodeBase64URL(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}
