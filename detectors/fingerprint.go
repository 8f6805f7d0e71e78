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
	pool sync.Pool // of *fpState
}

// fpState is a pooled HMAC with a buffer for its sum, so that Append does not
// allocate.
type fpState struct {
	h   hash.Hash // HMAC-SHA256 under the key
	sum [sha256.Size]byte
}

// NewFingerprinter returns a Fingerprinter for key, which must be at least
// MinKeyLen bytes. The key is copied.
func NewFingerprinter(key []byte) (*Fingerprinter, error) {
	if len(key) < MinKeyLen {
		return nil, ErrShortKey
	}
	k := append([]byte(nil), key...)
	f := &Fingerprinter{}
	f.pool.New = func() any { return &fpState{h: hmac.New(sha256.New, k)} }
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
// dst and returns the extended slice. It does not retain secret and
// allocates only to grow dst.
func (f *Fingerprinter) Append(dst, secret []byte) []byte {
	st := f.pool.Get().(*fpState)
	st.h.Reset()
	st.h.Write(secret)
	s := st.h.Sum(st.sum[:0])
	var out [FingerprintLen]byte
	hex.Encode(out[:], s[:FingerprintLen/2])
	clear(st.sum[:]) // the sum is keyed, but leave nothing derived from a secret in the pool
	f.pool.Put(st)
	return append(dst, out[:]...)
}

// String returns the fingerprint of secret.
func (f *Fingerprinter) String(secret []byte) string {
	var b [FingerprintLen]byte
	return string(f.Append(b[:0], secret))
}
