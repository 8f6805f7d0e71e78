package scanners

import "github.com/redactd/redactd/detectors"

var ruleInfo = []detectors.Rule{
	{ID: RulePassword, Severity: detectors.SeverityHigh, Context: detectors.ContextAssignment,
		Description: "Password assigned to a password-named key, CLI flag or SQL statement",
		Remediation: "Change the password and stop logging the configuration or request that carried it."},
	{ID: RuleSecret, Severity: detectors.SeverityHigh, Context: detectors.ContextAssignment,
		Description: "Value of a secret- or credential-named key",
		Remediation: "Rotate the secret at its issuer and stop logging the settings that carried it."},
	{ID: RuleToken, Severity: detectors.SeverityHigh, Context: detectors.ContextAssignment,
		Description: "Value of a token-named key (access, auth, refresh token)",
		Remediation: "Revoke the token at its issuer; stop logging request parameters or settings that carry it."},
	{ID: RuleAPIKey, Severity: detectors.SeverityHigh, Context: detectors.ContextAssignment,
		Description: "Value of an API-key-named key or header (api_key, X-API-Key)",
		Remediation: "Rotate the API key in the provider's console; log header names, not values."},
	{ID: RuleSession, Severity: detectors.SeverityMedium, Context: detectors.ContextHeader,
		Description: "Session identifier in a cookie or session-named field",
		Remediation: "Invalidate the session (log the user out server-side); stop logging Cookie headers."},
	{ID: RuleBearer, Severity: detectors.SeverityHigh, Context: detectors.ContextHeader,
		Description: "Bearer token in an Authorization header",
		Remediation: "Revoke the token at its issuer; stop logging request headers."},
	{ID: RuleBasic, Severity: detectors.SeverityHigh, Context: detectors.ContextHeader,
		Description: "HTTP Basic credentials (base64 of user:password) in an Authorization header",
		Remediation: "Change the password of the user; stop logging request headers."},
	{ID: RuleAuthz, Severity: detectors.SeverityHigh, Context: detectors.ContextHeader,
		Description: "Credentials in an Authorization header with another scheme (token, ApiKey, ...)",
		Remediation: "Revoke the credential at its issuer; stop logging request headers."},
	{ID: RuleURLPassword, Severity: detectors.SeverityHigh, Context: detectors.ContextURLUserinfo,
		Description: "Password in the userinfo of a URL (scheme://user:password@host)",
		Remediation: "Change the password; log connection URLs with the password masked."},
	{ID: RuleQuerySecret, Severity: detectors.SeverityHigh, Context: detectors.ContextQuery,
		Description: "Secret-named query or form parameter (token=, api_key=, sig=, password=)",
		Remediation: "Revoke the credential; send it in a header or body instead, and strip it from access logs."},
	{ID: RulePathToken, Severity: detectors.SeverityHigh, Context: detectors.ContextText,
		Description: "Token in a URL path after a password-reset, confirmation or webhook segment (/password_resets/<token>, /hooks/<token>)",
		Remediation: "Expire the link or rotate the webhook URL; log the route, not the path."},
	{ID: RuleHighEntropy, Severity: detectors.SeverityMedium, Context: detectors.ContextAssignment,
		Description: "Long random base64 or hex value under a key that does not say it is an id or digest",
		Remediation: "Check what the value is; if it is key material, rotate it and stop logging it."},
	{ID: RulePrivateKey, Severity: detectors.SeverityCritical, Context: detectors.ContextPEM,
		Description: "PEM private key (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP)",
		Remediation: "Treat the key as compromised: revoke its certificates, replace the key, and remove it from logs."},
}

// Rules returns metadata for the rule ids the scanners report: id,
// description, severity, context and remediation, for listing (`redactd
// rules`) and alerts. The rules have no Regex (detectors.New refuses them):
// they describe what the scanners report. The slice is new on each call.
func Rules() []detectors.Rule { return append([]detectors.Rule(nil), ruleInfo...) }

func severityOf(id string) detectors.Severity {
	for i := range ruleInfo {
		if ruleInfo[i].ID == id {
			return ruleInfo[i].Severity
		}
	}
	return detectors.SeverityHigh
}

// DefaultAllowlist returns the well-known documentation example credentials
// (AWS's AKIAIOSFODNN7EXAMPLE and friends), which appear in tutorials, test
// fixtures and READMEs and are not secrets. Merge it into
// detectors.Options.Allowlist. The value is new on each call.
func DefaultAllowlist() detectors.Allowlist {
	return detectors.Allowlist{
		Description: "documentation example credentials",
		Regexes: []string{
			// AWS documentation access key ids and secret keys
			`^AKIA[A-Z0-9]{0,12}EXAMPLE$`,
			`^ASIA[A-Z0-9]{0,12}EXAMPLE$`,
			`EXAMPLEKEY$`,
			`^wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY$`,
			`^je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY$`,
			// Stripe's published test-mode sample key
			`^sk_test_4eC39HqLyjWDarjtT1zdp7dc$`,
			// Slack's documentation webhook sample
			`T00000000/B00000000/X{24}`,
			// JWT from jwt.io's front page ({"sub":"1234567890","name":"John Doe",...})
			`^eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ\.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c$`,
			// RFC 7617's Basic example (Aladdin:open sesame) and RFC 6750's bearer example
			`^QWxhZGRpbjpvcGVuIHNlc2FtZQ==$`,
			`^mF_9\.B5f-4\.1JqM$`,
		},
	}
}
