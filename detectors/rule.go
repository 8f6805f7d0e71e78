package detectors

import (
	"fmt"
	"strings"
)

// Severity ranks how bad an exposed secret is. The zero value is SeverityLow.
type Severity int

// Severities, from least to most severe.
const (
	SeverityLow Severity = iota
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"low", "medium", "high", "critical"}

// String returns the lowercase name of s ("low", "medium", "high", "critical").
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity parses a severity name, case-insensitively.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(name, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want low, medium, high or critical)", name)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Leak contexts recorded in Finding.Context: where a secret sat on its line.
const (
	ContextText        = "text"
	ContextHeader      = "header"
	ContextQuery       = "query"
	ContextURLUserinfo = "url-userinfo"
	ContextJSON        = "json"
	ContextAssignment  = "assignment"
	ContextPEM         = "pem"
)

// Rule describes one secret format as data. Rules are compiled by New; a Rule
// value itself holds no compiled state and may be shared.
type Rule struct {
	// ID names the rule in tokens, alerts and config ("github-pat"). Lowercase
	// letters, digits and '-' only, so a token never needs escaping.
	ID string
	// Description is one short human sentence for `redactd rules` and alerts.
	Description string
	// Severity of an exposure of this kind of secret.
	Severity Severity
	// Keywords gate the rule: its regex runs only when one of them occurs in
	// the line (ASCII case-insensitive). Pick distinctive anchors ("ghp_",
	// "AKIA", "xoxb-"), never common words such as "key" or "token". A rule
	// with no keyword runs on every line and must say why in a comment.
	Keywords []string
	// Regex is an RE2 pattern (Go regexp syntax) matching the secret, usually
	// with a little context. It is compiled by New; a bad pattern is an error
	// naming ID.
	Regex string
	// SecretGroup is the capture group holding the secret; 0 means the whole
	// match.
	SecretGroup int
	// Entropy, when > 0, is the minimum Shannon entropy (bits per byte) of the
	// secret; a candidate below it is not a finding.
	Entropy float64
	// MaxLen bounds the length in bytes of a whole regex match, which must
	// contain a keyword occurrence. When > 0 the engine runs the regex only
	// in a window around each keyword hit instead of over the whole line:
	// from MaxLen bytes after the hit back to MaxLen bytes before it, or,
	// when New can read from the regex how far a match reaches before its
	// keyword (a bounded prefix such as `(?:^|[^A-Za-z0-9])` followed by a
	// literal that starts with a keyword), just that far. Overlapping
	// windows of one rule are merged, so a match is reported once. A match
	// that touches a window edge inside the line makes the engine rerun the
	// rule over the whole line, so an underestimated MaxLen costs time, not
	// secrets. 0 means the whole line.
	MaxLen int
	// Validate, when set, checks the secret's structure or checksum (for
	// example GitHub's CRC32 suffix). A candidate it rejects is not a finding.
	// It must not retain or modify its argument.
	Validate func(secret []byte) bool
	// Allowlist drops candidates that are known not to be secrets.
	Allowlist Allowlist
	// Context is the leak context reported for findings of this rule;
	// empty means ContextText.
	Context string
	// Remediation is a short hint for alerts: how to revoke or rotate.
	Remediation string
}

// AllowlistCondition says how the parts of an Allowlist combine.
type AllowlistCondition int

const (
	// AllowlistOr drops a candidate when any part matches (the default).
	AllowlistOr AllowlistCondition = iota
	// AllowlistAnd drops a candidate only when every non-empty part matches.
	AllowlistAnd
)

// Allowlist drops candidates. Regexes and StopWords target the secret itself,
// not the whole regex match.
type Allowlist struct {
	Description string
	Condition   AllowlistCondition
	// Regexes are RE2 patterns tested against the secret.
	Regexes []string
	// StopWords drop a secret that contains any of them (ASCII case-insensitive).
	StopWords []string
}
