package builtin

import "github.com/redactd/redactd/detectors"

// GitHub tokens (github.blog, "Behind GitHub's new authentication token
// formats"): a type prefix, 30 base62 characters of entropy and a 6-character
// base62 CRC32 of that entropy. Fine-grained PATs are github_pat_ followed by
// 22 and 59 base62 characters joined by '_'.
const githubRevoke = "Revoke it at https://github.com/settings/tokens (or the owning app's settings) and issue a new one; review the audit log for its use."

func githubCRCRule(id, desc, prefix string, sev detectors.Severity, remediation string) detectors.Rule {
	return detectors.Rule{
		ID:          id,
		Description: desc,
		Severity:    sev,
		Keywords:    []string{prefix},
		Regex:       leadWordA + `(` + prefix + `[A-Za-z0-9]{36})\b`,
		SecretGroup: 1,
		MaxLen:      ansiMaxA + len(prefix) + 36,
		Validate:    validCRC32Base62(len(prefix)),
		Remediation: remediation,
	}
}

var githubRules = []detectors.Rule{
	githubCRCRule("github-pat", "GitHub personal access token (classic)", "ghp_", detectors.SeverityCritical,
		"Delete the token at https://github.com/settings/tokens, create a new one and review the security log."),
	githubCRCRule("github-oauth-token", "GitHub OAuth access token", "gho_", detectors.SeverityCritical,
		"Revoke the OAuth app's authorization (Settings > Applications) or call DELETE /applications/{client_id}/token."),
	githubCRCRule("github-user-to-server-token", "GitHub App user-to-server token", "ghu_", detectors.SeverityHigh,
		"Revoke the GitHub App authorization for the user (Settings > Applications > Authorized GitHub Apps)."),
	githubCRCRule("github-app-installation-token", "GitHub App installation (server-to-server) token", "ghs_", detectors.SeverityHigh,
		"Revoke it with DELETE /installation/token; installation tokens expire within an hour, so also rotate the app's private key if it leaked."),
	githubCRCRule("github-refresh-token", "GitHub App refresh token", "ghr_", detectors.SeverityHigh,
		"Revoke the user's authorization of the GitHub App so the refresh token stops working."),
	namedRuleA("github-token-legacy", "GitHub token (pre-2021 40-hex format) next to a GitHub setting name",
		detectors.SeverityCritical, []string{"GITHUB_TOKEN", "GH_TOKEN", "GITHUB_PAT", "GITHUB_OAUTH_TOKEN", "GITHUB_API_TOKEN", "HOMEBREW_GITHUB_API_TOKEN"},
		`[0-9a-f]{40}`, 40, githubRevoke),
	{
		ID:          "github-fine-grained-pat",
		Description: "GitHub fine-grained personal access token",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"github_pat_"},
		Regex:       leadWordA + `(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`,
		SecretGroup: 1,
		MaxLen:      ansiMaxA + 93,
		Entropy:     3.5,
		Remediation: githubRevoke,
	},
}
