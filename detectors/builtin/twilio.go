package builtin

import "github.com/redactd/redactd/detectors"

// Twilio identifiers are two type letters and 32 lowercase hex characters:
// AC account SID, SK API key SID. The auth token and API key secrets are 32
// bare hex characters and are only recognisable next to a Twilio name.
//
// Keyword note: "AC" and "SK" alone occur in most lines (access, task, ...),
// so the SID rules are gated on a Twilio word or on the prefix followed by a
// digit (the first hex digit is 0-9 in 10 of 16 SIDs). A SID whose first hex
// character is a letter is found only near a Twilio word. Because "ac1",
// "ac5", ... are frequent in hex digests, the regexes start with the literal
// prefix (which Go scans for quickly) instead of \b; a mixed-case AC/SK
// followed by exactly 32 lowercase hex characters does not occur inside
// other tokens.
var twilioRules = []detectors.Rule{
	{
		ID:          "twilio-api-key",
		Description: "Twilio API key SID (SK...)",
		Severity:    detectors.SeverityHigh,
		Keywords: []string{"twilio", "api_key_sid", "apikeysid",
			"SK0", "SK1", "SK2", "SK3", "SK4", "SK5", "SK6", "SK7", "SK8", "SK9"},
		Regex:       `(SK[0-9a-f]{32})\b`,
		SecretGroup: 1,
		MaxLen:      96, // a Twilio word up to ~60 bytes away must share the window
		Entropy:     3.0,
		Remediation: "Delete the API key in the Twilio Console (Account > API keys & tokens) and create a new one.",
	},
	{
		ID:          "twilio-account-sid",
		Description: "Twilio account SID (AC...), which identifies the account an auth token unlocks",
		Severity:    detectors.SeverityMedium,
		Keywords: []string{"twilio", "account_sid", "accountsid", "account-sid",
			"AC0", "AC1", "AC2", "AC3", "AC4", "AC5", "AC6", "AC7", "AC8", "AC9"},
		Regex:       `(AC[0-9a-f]{32})\b`,
		SecretGroup: 1,
		MaxLen:      96,
		Entropy:     3.0,
		Remediation: "The SID itself cannot be rotated; check whether its auth token leaked alongside and rotate that (Console > Account > API keys & tokens).",
	},
	{
		ID:          "twilio-auth-token",
		Description: "Twilio auth token or API key secret (32 hex characters near the Twilio name)",
		Severity:    detectors.SeverityCritical,
		Keywords:    bLowerWords("twilio"),
		Regex:       bNear("twilio", `[0-9a-f]{32}`),
		SecretGroup: 1,
		MaxLen:      bNearMax(32),
		Entropy:     3.0,
		Remediation: "Promote the secondary auth token (or request one) in the Twilio Console (Account > API keys & tokens) and delete the leaked token.",
	},
}
