package builtin

import "github.com/redactd/redactd/detectors"

// catalogueA lists the rule families of cloud and developer platforms.
func catalogueA() []detectors.Rule {
	var rs []detectors.Rule
	rs = append(rs, githubRules...)
	return rs
}

var githubRules = []detectors.Rule{
	{
		ID:          "github-pat",
		Description: "GitHub personal access token (classic)",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"ghp_"},
		Regex:       `\b(ghp_[A-Za-z0-9]{36})\b`,
		SecretGroup: 1,
		MaxLen:      48,
		Remediation: "Revoke the token at https://github.com/settings/tokens and create a new one.",
	},
}
