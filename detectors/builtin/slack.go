package builtin

import "github.com/redactd/redactd/detectors"

// Slack tokens start with xox and a type letter (b bot, p user, a/o/s/r
// legacy kinds), xapp- for app-level tokens and xoxe for rotating config and
// refresh tokens. Incoming webhook URLs embed their secret in the path:
// /services/T<team>/B<bot>/<24 characters>; workflow and trigger webhooks use
// /workflows/ or /triggers/ and a 32-character secret.
var slackRules = []detectors.Rule{
	{
		// xoxb-<team>-<bot>-<secret>; bot tokens from before 2018 have a
		// single number group.
		ID:          "slack-bot-token",
		Description: "Slack bot token (xoxb-)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"xoxb-"},
		Regex:       `\b(xoxb-\d{8,13}(?:-\d{8,13})?-[A-Za-z0-9]{24,34})\b`,
		SecretGroup: 1,
		MaxLen:      70,
		Remediation: "Revoke the token (auth.revoke, or reinstall the app) at https://api.slack.com/apps and store the new bot token.",
	},
	{
		ID:          "slack-user-token",
		Description: "Slack user token (xoxp-)",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"xoxp-"},
		Regex:       `\b(xoxp-\d{8,13}-\d{8,13}-\d{8,13}-[0-9a-f]{32})\b`,
		SecretGroup: 1,
		MaxLen:      80,
		Remediation: "Revoke the user token (auth.revoke) or reinstall the app at https://api.slack.com/apps; it acts as the user who installed it.",
	},
	{
		ID:          "slack-app-token",
		Description: "Slack app-level token (xapp-)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"xapp-"},
		Regex:       `\b(xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[0-9a-f]{64})\b`,
		SecretGroup: 1,
		MaxLen:      100,
		Remediation: "Revoke and regenerate the app-level token at https://api.slack.com/apps (Basic Information > App-Level Tokens).",
	},
	{
		ID:          "slack-config-token",
		Description: "Slack app configuration access token (xoxe.xoxp-/xoxe.xoxb-)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"xoxe.xox"},
		Regex:       `\b(xoxe\.xox[bp]-1-[A-Za-z0-9]{140,260})\b`,
		SecretGroup: 1,
		MaxLen:      276,
		Entropy:     3.5,
		Remediation: "Revoke the configuration token at https://api.slack.com/apps (Your App Configuration Tokens) and generate a new pair.",
	},
	{
		ID:          "slack-refresh-token",
		Description: "Slack token-rotation refresh token (xoxe-)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"xoxe-"},
		Regex:       `\b(xoxe-1-[A-Za-z0-9]{100,260})\b`,
		SecretGroup: 1,
		MaxLen:      268,
		Entropy:     3.5,
		Remediation: "Revoke the app's tokens (auth.revoke) and reinstall it; a refresh token mints new access tokens.",
	},
	{
		ID:          "slack-legacy-token",
		Description: "Slack legacy or workspace token (xoxa-, xoxo-, xoxr-, xoxs-)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"xoxa-", "xoxo-", "xoxr-", "xoxs-"},
		Regex:       `\b(xox[aors]-\d-?[0-9A-Za-z-]{20,220}[0-9A-Za-z])\b`,
		SecretGroup: 1,
		MaxLen:      230,
		Entropy:     3.2,
		Remediation: "Revoke the token (auth.revoke) and move the integration to a bot or user token of a Slack app.",
	},
	{
		ID:          "slack-webhook-url",
		Description: "Slack incoming webhook URL",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"hooks.slack.com/services/"},
		Regex:       `(https?://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{23,25})\b`,
		SecretGroup: 1,
		MaxLen:      90,
		Remediation: "Remove the webhook (app settings > Incoming Webhooks > Remove) and add a new one; anyone holding the URL can post to the channel.",
	},
	{
		ID:          "slack-workflow-webhook-url",
		Description: "Slack Workflow Builder webhook trigger URL",
		Severity:    detectors.SeverityMedium,
		Keywords:    []string{"hooks.slack.com/workflows/", "hooks.slack.com/triggers/"},
		Regex:       `(https?://hooks\.slack\.com/(?:workflows|triggers)/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/\d{12,22}/[A-Za-z0-9]{32})\b`,
		SecretGroup: 1,
		MaxLen:      130,
		Remediation: "Delete and recreate the workflow's webhook trigger in Slack Workflow Builder, then update the callers.",
	},
}
