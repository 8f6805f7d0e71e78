// Package scanners holds redactd's context detectors: hand-written byte
// scanners for secrets that do not announce themselves by a provider format
// but by where they sit on a log line.
//
//   - assignments: a secret-named key and its value in every log shape
//     (k=v, logfmt, YAML, JSON and JSON escaped inside JSON, Python reprs,
//     shell exports, CLI flags, form bodies, tracebacks);
//   - HTTP credentials: Authorization and Proxy-Authorization headers, session
//     cookies, API-key headers;
//   - URLs: userinfo passwords and secret-named query parameters;
//   - entropy: long base64, base64url and hex values under key names that do
//     not say they are ids, digests or hashes;
//   - PEM private keys: on one line with \n escapes (PEMInline) and across the
//     lines of a stream (PEMFollower).
//
// The scanners are built for the per-line hot path: one pass over the line
// with a 256-entry byte-class table, no regular expressions, no lowercase
// copies and no allocation when a line holds no secret.
//
// The engine (package detectors) applies allowlists, merges overlapping spans
// (a provider rule's name wins over a scanner's), fingerprints and renders
// tokens. Wire the scanners into an engine with
//
//	eng, err := detectors.New(builtin.Rules(), detectors.Options{
//		Key:       key,
//		Scanners:  scanners.All(scanners.Options{}),
//		Allowlist: scanners.DefaultAllowlist(), // merged with the operator's
//	})
//
// give each stream its own follower, scanners.NewPEMFollower(eng,
// scanners.PEMOptions{}), and list Rules() beside the engine's rules in
// `redactd rules`.
package scanners
