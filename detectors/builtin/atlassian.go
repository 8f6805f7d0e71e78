package builtin

import "github.com/redactd/redactd/detectors"

// Atlassian credentials: API tokens begin ATATT3 and Bitbucket access tokens
// ATCTT3, each a long base64url body ending in '=' and an 8-digit uppercase
// hex checksum; Bitbucket app passwords are ATBB plus 32 characters and an
// 8-digit hex checksum. Legacy API tokens (24 characters) are only taken next
// to a Jira/Confluence setting name.
var atlassianRules = []detectors.Rule{
	tokenRuleA("atlassian-api-token", "Atlassian (Jira, Confluence) API token", detectors.SeverityHigh,
		[]string{"ATATT3"}, `ATATT3[A-Za-z0-9_=-]{150,400}=[0-9A-F]{8}`, 420,
		"Revoke the token at https://id.atlassian.com/manage-profile/security/api-tokens and create a new one."),
	tokenRuleA("bitbucket-access-token", "Bitbucket repository, project or workspace access token", detectors.SeverityHigh,
		[]string{"ATCTT3"}, `ATCTT3[A-Za-z0-9_=-]{150,400}=[0-9A-F]{8}`, 420,
		"Revoke the access token in the repository, project or workspace settings (Security > Access tokens)."),
	tokenRuleA("bitbucket-app-password", "Bitbucket app password", detectors.SeverityHigh,
		[]string{"ATBB"}, `ATBB[A-Za-z0-9]{32}[0-9A-F]{8}`, 44,
		"Revoke the app password in Bitbucket (Personal settings > App passwords) and replace it with an API token."),
	namedRuleA("atlassian-api-token-legacy", "Atlassian API token (legacy 24-character format) next to a Jira/Confluence setting name",
		detectors.SeverityHigh,
		[]string{"JIRA_API_TOKEN", "jira_token", "CONFLUENCE_API_TOKEN", "confluence_token", "ATLASSIAN_API_TOKEN"},
		`[A-Za-z0-9]{24}`, 24,
		"Revoke the token at https://id.atlassian.com/manage-profile/security/api-tokens and create a new one."),
}
