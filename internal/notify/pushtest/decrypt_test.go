package pushtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"strings"
	"testing"
)

// The example of RFC 8291 §5, with the keys of its Appendix A.
var rfc = struct{ uaPrivate, asPrivate, auth, salt, body, plaintext string }{
	uaPrivate: "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94",
	asPrivate: "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
	auth:      "BTBZMqHH6r4Tts7J_aSIgg",
	salt:      "DGv6ra1nlYgDCS1FRnbzlw",
	body: "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml" +
		"mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT" +
		"pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
	plaintext: "When I grow up, I want to be a watermelon",
}

func rfcKey(t testing.TB, b64 string) *ecdh.PrivateKey {
	t.Helper()
	key, err := ecdh.P256().NewPrivateKey(mustB64(t, b64))
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func mustB64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecryptsRFC8291Example(t *testing.T) {
	t.Parallel()
	got, err := decrypt(mustB64(t, rfc.body), rfcKey(t, rfc.uaPrivate), mustB64(t, rfc.auth))
	if err != nil || string(got) != rfc.plaintext {
		t.Fatalf("decrypt = %q, %v; want %q", got, err, rfc.plaintext)
	}
}

// seal encrypts one record as a sender would, with the RFC's sender key and
// salt, written out from RFC 8291 §3.4 and RFC 8188 §2 independently of
// deriveIKM.
func seal(t testing.TB, record []byte, rs uint32) []byte {
	t.Helper()
	as, ua := rfcKey(t, rfc.asPrivate), rfcKey(t, rfc.uaPrivate)
	secret, err := as.ECDH(ua.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	asPublic := as.PublicKey().Bytes()
	info := "WebPush: info\x00" + string(ua.PublicKey().Bytes()) + string(asPublic)
	ikm, _ := hkdf.Key(sha256.New, secret, mustB64(t, rfc.auth), info, 32)
	salt := mustB64(t, rfc.salt)
	cek, _ := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: aes128gcm\x00", 16)
	nonce, _ := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: nonce\x00", 12)
	block, _ := aes.NewCipher(cek)
	gcm, _ := cipher.NewGCM(block)
	head := binary.BigEndian.AppendUint32(salt, rs)
	head = append(append(head, byte(len(asPublic))), asPublic...)
	return gcm.Seal(head, nonce, record, nil)
}

func TestSealMatchesRFC8291Example(t *testing.T) {
	t.Parallel()
	if got := seal(t, []byte(rfc.plaintext+"\x02"), 4096); !bytes.Equal(got, mustB64(t, rfc.body)) {
		t.Fatal("the test sealer does not reproduce RFC 8291 §5, so the cases below prove nothing")
	}
}

func TestDecryptRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body func(t testing.TB) []byte
		auth string
		want string
	}{
		{"not-last delimiter 0x01", sealed("hoi\x01", 4096), rfc.auth, "0x02"},
		{"no delimiter", sealed("hoi", 4096), rfc.auth, "0x02"},
		{"only padding", sealed("\x00\x00\x00", 4096), rfc.auth, "0x02"},
		{"data after padding", sealed("hoi\x02\x00\x07", 4096), rfc.auth, "0x02"},
		{"two records", sealed("0123456789\x02", 18), rfc.auth, "one record"},
		{"rs below 18", sealed("\x02", 17), rfc.auth, "rs 17"},
		{"wrong auth secret", sealed("hoi\x02", 4096), "AAAAAAAAAAAAAAAAAAAAAA", "authentication failed"},
		{"keyid off the curve", func(t testing.TB) []byte {
			b := seal(t, []byte("hoi\x02"), 4096)
			copy(b[22:86], make([]byte, 64))
			return b
		}, rfc.auth, "keyid"},
		{"header only", func(t testing.TB) []byte { return seal(t, nil, 4096)[:86] }, rfc.auth, "too short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := decrypt(tt.body(t), rfcKey(t, rfc.uaPrivate), mustB64(t, tt.auth))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("decrypt = %q, %v; want an error containing %q", got, err, tt.want)
			}
		})
	}
}

func sealed(record string, rs uint32) func(testing.TB) []byte {
	return func(t testing.TB) []byte { return seal(t, []byte(record), rs) }
}
