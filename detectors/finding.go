package detectors

// Finding is one secret found on a line. It deliberately has no field that
// holds the secret: a Finding may be logged, counted and sent in alerts.
type Finding struct {
	// RuleID names the rule that found the secret (the most specific one when
	// several did).
	RuleID string
	// Start and End are the byte span of the secret in the input line
	// (line[Start:End]).
	Start, End int
	// Fingerprint is the first 16 lowercase hex characters of
	// HMAC-SHA256(key, secret).
	Fingerprint string
	// Context is where the secret sat: one of the Context* constants.
	Context string
	// Severity of the rule that named the finding.
	Severity Severity
}
