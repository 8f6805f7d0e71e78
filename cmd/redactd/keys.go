package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/redactd/redactd/config"
	"github.com/redactd/redactd/detectors"
)

// fingerprintKey is the loaded HMAC key and where it came from.
type fingerprintKey struct {
	key    []byte
	origin string // "env REDACTD_FINGERPRINT_KEY", "file /etc/...", "random"
	// stable is false for a random per-process key.
	stable bool
}

// id names the key without revealing it: the first 8 hex characters of
// SHA-256 over a fixed label and the key, for operators rotating keys.
func (k fingerprintKey) id() string {
	h := sha256.New()
	h.Write([]byte("redactd key id\x00"))
	h.Write(k.key)
	return hex.EncodeToString(h.Sum(nil)[:4])
}

// loadKey finds the fingerprint key: key_file when set, else the environment
// variable key_env (default REDACTD_FINGERPRINT_KEY), else a random
// per-process key. Errors never contain key material.
func loadKey(e env, f config.Fingerprint) (fingerprintKey, error) {
	if f.KeyFile != "" {
		st, err := os.Stat(f.KeyFile)
		if err != nil {
			return fingerprintKey{}, fmt.Errorf("fingerprint.key_file: %w", err)
		}
		if st.Mode().Perm()&0o077 != 0 {
			return fingerprintKey{}, fmt.Errorf("fingerprint.key_file %s: readable by group or others (mode %04o); run chmod 600 on it", f.KeyFile, st.Mode().Perm())
		}
		if !st.Mode().IsRegular() {
			return fingerprintKey{}, fmt.Errorf("fingerprint.key_file %s: not a regular file", f.KeyFile)
		}
		b, err := os.ReadFile(f.KeyFile)
		if err != nil {
			return fingerprintKey{}, fmt.Errorf("fingerprint.key_file: %w", err)
		}
		b = bytes.TrimRight(b, "\r\n")
		if len(b) < detectors.MinKeyLen {
			return fingerprintKey{}, fmt.Errorf("fingerprint.key_file %s: key is %d bytes; at least %d are required", f.KeyFile, len(b), detectors.MinKeyLen)
		}
		return fingerprintKey{key: b, origin: "file " + f.KeyFile, stable: true}, nil
	}
	name := f.KeyEnv
	if name == "" {
		name = config.DefaultKeyEnv
	}
	if v := e.getenv(name); v != "" {
		if len(v) < detectors.MinKeyLen {
			return fingerprintKey{}, fmt.Errorf("environment variable %s: key is %d bytes; at least %d are required", name, len(v), detectors.MinKeyLen)
		}
		return fingerprintKey{key: []byte(v), origin: "env " + name, stable: true}, nil
	}
	return fingerprintKey{key: detectors.RandomKey(), origin: "random"}, nil
}
