package notify

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// GenerateVAPID makes a new VAPID key pair (base64url, as browsers and push
// services expect).
func GenerateVAPID() (public, private string, err error) {
	private, public, err = webpush.GenerateVAPIDKeys()
	if err != nil {
		return "", "", fmt.Errorf("generate VAPID keys: %w", err)
	}
	return public, private, nil
}

type vapidFile struct {
	PublicKey  string `json:"publicKey"`
	PrivateKey string `json:"privateKey"`
}

// VAPIDInDir returns the key pair in dir/vapid.json, generating it on first
// use (for the embedded default setup).
func VAPIDInDir(dir string) (public, private string, err error) {
	path := filepath.Join(dir, "vapid.json")
	b, err := os.ReadFile(path)
	if err == nil {
		var f vapidFile
		if err := json.Unmarshal(b, &f); err != nil || f.PublicKey == "" || f.PrivateKey == "" {
			return "", "", fmt.Errorf("read %s: not a VAPID key file", path)
		}
		return f.PublicKey, f.PrivateKey, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return "", "", fmt.Errorf("read VAPID keys: %w", err)
	}
	public, private, err = GenerateVAPID()
	if err != nil {
		return "", "", err
	}
	b, _ = json.Marshal(vapidFile{PublicKey: public, PrivateKey: private})
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", fmt.Errorf("create key dir: %w", err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return "", "", fmt.Errorf("write VAPID keys: %w", err)
	}
	return public, private, nil
}
