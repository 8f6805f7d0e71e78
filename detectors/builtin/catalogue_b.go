package builtin

import "github.com/redactd/redactd/detectors"

// catalogueB lists the rule families of SaaS, payments, chat and AI providers.
func catalogueB() []detectors.Rule {
	var rs []detectors.Rule
	rs = append(rs, stripeRules...)
	return rs
}

var stripeRules = []detectors.Rule{
	{
		ID:          "stripe-secret-key",
		Description: "Stripe secret API key",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"sk_live_", "sk_test_"},
		Regex:       `\b(sk_(?:live|test)_[A-Za-z0-9]{24,99})\b`,
		SecretGroup: 1,
		MaxLen:      120,
		Remediation: "Roll the key in the Stripe dashboard (Developers > API keys).",
	},
}
