package pushtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
)

// Sizes from RFC 8188 §2 and RFC 8291 §4.
const (
	saltSize      = 16
	headerSize    = saltSize + 4 + 1 // salt, rs, idlen
	publicSize    = 65               // uncompressed P-256 point
	tagSize       = 16               // AES-GCM authentication tag
	minRecordSize = 18               // smallest rs allowed (RFC 8188 §2.1)
)

// codingHeader is the aes128gcm content-coding header (RFC 8188 §2.1).
type codingHeader struct {
	salt     []byte
	rs       uint32
	asPublic []byte // keyid: the application server's ephemeral key (RFC 8291 §4)
}

// decrypt opens an aes128gcm push message body with the user agent's private
// key and authentication secret (RFC 8291 §3 and §4, RFC 8188 §2).
func decrypt(body []byte, uaPrivate *ecdh.PrivateKey, authSecret []byte) ([]byte, error) {
	head, ciphertext, err := parseCodingHeader(body)
	if err != nil {
		return nil, err
	}
	// RFC 8291 §4: a push message is a single record.
	if len(ciphertext) > int(head.rs) {
		return nil, fmt.Errorf("%d bytes of ciphertext exceed rs %d: push messages are one record (RFC 8291 §4)", len(ciphertext), head.rs)
	}
	ikm, err := deriveIKM(uaPrivate, authSecret, head.asPublic)
	if err != nil {
		return nil, err
	}
	cek, nonce, err := deriveCEKAndNonce(head.salt, ikm)
	if err != nil {
		return nil, err
	}
	record, err := openRecord(cek, nonce, ciphertext)
	if err != nil {
		return nil, err
	}
	return unpadLastRecord(record)
}

// parseCodingHeader splits body into the header and the records that follow
// (RFC 8188 §2.1); RFC 8291 §4 requires the keyid to be the 65-byte key.
func parseCodingHeader(body []byte) (codingHeader, []byte, error) {
	if len(body) < headerSize {
		return codingHeader{}, nil, fmt.Errorf("body of %d bytes is shorter than the aes128gcm header", len(body))
	}
	head := codingHeader{
		salt: body[:saltSize],
		rs:   binary.BigEndian.Uint32(body[saltSize : saltSize+4]),
	}
	if head.rs < minRecordSize {
		return codingHeader{}, nil, fmt.Errorf("rs %d below %d (RFC 8188 §2.1)", head.rs, minRecordSize)
	}
	idlen := int(body[headerSize-1])
	if idlen != publicSize {
		return codingHeader{}, nil, fmt.Errorf("idlen %d, want %d: keyid is the sender's public key (RFC 8291 §4)", idlen, publicSize)
	}
	if len(body) < headerSize+idlen+tagSize+1 {
		return codingHeader{}, nil, errors.New("body too short for keyid and one record")
	}
	head.asPublic = body[headerSize : headerSize+idlen]
	return head, body[headerSize+idlen:], nil
}

// deriveIKM combines the ECDH secret with the authentication secret
// (RFC 8291 §3.3 and §3.4):
//
//	IKM = HKDF(salt=auth_secret, ikm=ecdh_secret,
//	           info="WebPush: info" || 0x00 || ua_public || as_public, L=32)
func deriveIKM(uaPrivate *ecdh.PrivateKey, authSecret, asPublic []byte) ([]byte, error) {
	senderKey, err := ecdh.P256().NewPublicKey(asPublic)
	if err != nil {
		return nil, fmt.Errorf("keyid is not a P-256 public key: %w", err)
	}
	ecdhSecret, err := uaPrivate.ECDH(senderKey)
	if err != nil {
		return nil, fmt.Errorf("ecdh: %w", err)
	}
	info := "WebPush: info\x00" + string(uaPrivate.PublicKey().Bytes()) + string(asPublic)
	return hkdf.Key(sha256.New, ecdhSecret, authSecret, info, 32)
}

// deriveCEKAndNonce derives the content encryption key and the nonce of the
// first record (RFC 8188 §2.2 and §2.3; the sequence number 0 leaves it as is).
func deriveCEKAndNonce(salt, ikm []byte) (cek, nonce []byte, err error) {
	cek, err = hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: aes128gcm\x00", 16)
	if err != nil {
		return nil, nil, err
	}
	nonce, err = hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: nonce\x00", 12)
	return cek, nonce, err
}

// openRecord decrypts and authenticates one record with AEAD_AES_128_GCM
// (RFC 8188 §2).
func openRecord(cek, nonce, ciphertext []byte) ([]byte, error) {
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, nonce, ciphertext, nil)
	if err != nil {
		return nil, errors.New("AES-GCM authentication failed: wrong keys or tampered body")
	}
	return plain, nil
}

// unpadLastRecord strips the zero padding and the delimiter, which must be
// 0x02 in the last record (RFC 8188 §2; RFC 8291 §4). The result is a copy,
// so the padded record (usually 4 KB) is not kept alive with the message.
func unpadLastRecord(record []byte) ([]byte, error) {
	end := len(bytes.TrimRight(record, "\x00"))
	if end == 0 || record[end-1] != 0x02 {
		return nil, errors.New("no 0x02 padding delimiter ending the last record (RFC 8188 §2)")
	}
	return bytes.Clone(record[:end-1]), nil
}
