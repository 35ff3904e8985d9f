package accounts

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// LoadSigningKeys reads Ed25519 private keys (PKCS #8 PEM) from files; the
// first one signs new tokens.
func LoadSigningKeys(paths []string) ([]SigningKey, error) {
	keys := make([]SigningKey, 0, len(paths))
	for _, p := range paths {
		k, err := readSigningKey(p)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// SigningKeyInDir returns the key in dir/jwt-ed25519.pem, generating it on
// first use (for the embedded default setup).
func SigningKeyInDir(dir string) (SigningKey, error) {
	path := filepath.Join(dir, "jwt-ed25519.pem")
	k, err := readSigningKey(path)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		return k, err
	}
	_, private, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return SigningKey{}, fmt.Errorf("generate signing key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(private)
	if err != nil {
		return SigningKey{}, fmt.Errorf("encode signing key: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return SigningKey{}, fmt.Errorf("create key dir: %w", err)
	}
	block := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if err := os.WriteFile(path, block, 0o600); err != nil {
		return SigningKey{}, fmt.Errorf("write signing key: %w", err)
	}
	return NewSigningKey(private), nil
}

func readSigningKey(path string) (SigningKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return SigningKey{}, fmt.Errorf("read signing key: %w", err)
	}
	return ParseSigningKey(path, data)
}

// ParseSigningKey reads an Ed25519 private key in PKCS #8 PEM; name says
// where it came from, for errors.
func ParseSigningKey(name string, data []byte) (SigningKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return SigningKey{}, fmt.Errorf("signing key %s: not PEM", name)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return SigningKey{}, fmt.Errorf("signing key %s: %w", name, err)
	}
	private, ok := parsed.(ed25519.PrivateKey)
	if !ok {
		return SigningKey{}, fmt.Errorf("signing key %s: not an Ed25519 key", name)
	}
	return NewSigningKey(private), nil
}
