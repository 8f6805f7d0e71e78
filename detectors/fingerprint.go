package detectors

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"sync"
)

// MinKeyLen is the shortest fingerprint key accepted, in bytes.
const MinKeyLen = 32

// FingerprintLen is the length of a fingerprint in hex characters.
const FingerprintLen = 16

// ErrShortKey is returned for a fingerprint key shorter than MinKeyLen.
var ErrShortKey = errors.New("detectors: fingerprint key shorter than 32 bytes")

// Fingerprinter computes keyed fingerprints: the first 16 lowercase hex
// characters of HMAC-SHA256(key, secret). It is safe for concurrent use.
// The same key and secret give the same fingerprint on every host.
type Fingerprinter struct {
	pool sync.Pool // of hash.Hash (HMAC under the key)
}

// NewFingerprinter returns a Fingerprinter for key, which must be at least
// MinKeyLen bytes. The key is copied.
func NewFingerprinter(key []byte) (*Fingerprinter, error) {
	if len(key) < MinKeyLen {
		return nil, ErrShortKey
	}
	k := append([]byte(nil), key...)
	f := &Fingerprinter{}
	f.pool.New = func() any { return hmac.New(sha256.New, k) }
	return f, nil
}

// RandomKey returns a fresh random key of MinKeyLen bytes, for a process that
// was given none. Fingerprints made with it match nothing outside the process.
func RandomKey() []byte {
	k := make([]byte, MinKeyLen)
	if _, err := rand.Read(k); err != nil {
		panic("detectors: crypto/rand failed: " + err.Error()) // never happens on supported platforms
	}
	return k
}

// Append appends the fingerprint of secret (16 lowercase hex characters) to
// dst and returns the extended slice. It does not retain secret.
func (f *Fingerprinter) Append(dst, secret []byte) []byte {
	h := f.pool.Get().(hash.Hash)
	h.Reset()
	h.Write(secret)
	var sum [sha256.Size]byte
	s := h.Sum(sum[:0])
	f.pool.Put(h)
	var out [FingerprintLen]byte
	hex.Encode(out[:], s[:FingerprintLen/2])
	return append(dst, out[:]...)
}

// String returns the fingerprint of secret.
func (f *Fingerprinter) String(secret []byte) string {
	var b [FingerprintLen]byte
	return string(f.Append(b[:0], secret))
}
