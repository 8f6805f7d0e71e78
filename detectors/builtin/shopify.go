package builtin

import "github.com/redactd/redactd/detectors"

// Shopify tokens are a type prefix and 32 hex characters: shpat_ (Admin API
// access token of a custom app), shpca_ (custom app), shppa_ (private app
// password), shpss_ (app shared secret, used to verify webhooks and OAuth).
var shopifyRules = []detectors.Rule{
	{
		ID:          "shopify-access-token",
		Description: "Shopify Admin API access token (shpat_, shpca_, shppa_)",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"shpat_", "shpca_", "shppa_"},
		Regex:       `\b(shp(?:at|ca|pa)_[0-9a-fA-F]{32})\b`,
		SecretGroup: 1,
		MaxLen:      38,
		Entropy:     3.0,
		Remediation: "Uninstall and reinstall the app or rotate its access token in the Shopify admin (Apps > Develop apps > API credentials).",
	},
	{
		ID:          "shopify-shared-secret",
		Description: "Shopify app shared secret (shpss_)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"shpss_"},
		Regex:       `\b(shpss_[0-9a-fA-F]{32})\b`,
		SecretGroup: 1,
		MaxLen:      38,
		Entropy:     3.0,
		Remediation: "Rotate the app's client secret in the Shopify Partner Dashboard (App setup > Client credentials).",
	},
}
