package builtin

import "github.com/redactd/redactd/detectors"

// Stripe secret and restricted keys are sk_/rk_ + live_/test_ + 24 to 247
// base62 characters (older keys have 24, newer ones start with "51" and are
// about 99 long). Publishable keys (pk_live_, pk_test_) are public by design
// and no rule matches them. Webhook signing secrets are whsec_ + 32 base62
// characters; Svix-style webhook secrets (also used by Clerk and Resend) have
// the same prefix and a base64 body, and this rule covers them too.
var stripeRules = []detectors.Rule{
	{
		ID:          "stripe-secret-key",
		Description: "Stripe secret API key (sk_live_/sk_test_)",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"sk_live_", "sk_test_"},
		Regex:       `\b(sk_(?:live|test)_[A-Za-z0-9]{24,247})\b`,
		SecretGroup: 1,
		MaxLen:      255,
		Entropy:     3.0,
		Remediation: "Roll the key in the Stripe Dashboard (Developers > API keys > Roll key) and update every service that uses it.",
	},
	{
		ID:          "stripe-restricted-key",
		Description: "Stripe restricted API key (rk_live_/rk_test_)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"rk_live_", "rk_test_"},
		Regex:       `\b(rk_(?:live|test)_[A-Za-z0-9]{24,247})\b`,
		SecretGroup: 1,
		MaxLen:      255,
		Entropy:     3.0,
		Remediation: "Delete or roll the restricted key in the Stripe Dashboard (Developers > API keys) and issue a new one with the same permissions.",
	},
	{
		ID:          "stripe-webhook-secret",
		Description: "Stripe (or Svix-style) webhook signing secret (whsec_)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"whsec_"},
		Regex:       `\b(whsec_[A-Za-z0-9+/]{32,88}={0,2})` + bEndBase64,
		SecretGroup: 1,
		MaxLen:      100,
		Entropy:     3.0,
		Remediation: "Roll the endpoint's signing secret in the Stripe Dashboard (Developers > Webhooks > endpoint > Roll secret); forged events were possible while it leaked.",
	},
}
