package builtin

import (
	"encoding/base64"

	"github.com/redactd/redactd/detectors"
)

// chatRules covers chat and notification services other than Slack
// (slack.go): Discord, Telegram, Microsoft Teams, Mattermost, Zoom, Webex,
// Rocket.Chat, Zulip, Pushbullet, Pushover and ntfy.
var chatRules = []detectors.Rule{
	{
		// <base64 user id>.<6 timestamp chars>.<27-38 HMAC chars>. The
		// format has no literal prefix, so the rule needs "discord" or the
		// "Authorization: Bot" header on the line, and the first part must
		// decode to a snowflake id.
		ID:          "discord-bot-token",
		Description: "Discord bot token",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"discord", "authorization: bot"},
		Regex: `(?:(?i:discord)[\w.-]{0,40}?[\\"']{0,3}\s{0,3}[:=]\s{0,3}[\\"']{0,3}(?:(?i:bot)\s+)?|(?i:authorization: bot)\s+)` +
			`([MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})` + bEndDash,
		SecretGroup: 1,
		MaxLen:      140,
		Validate:    validDiscordToken,
		Remediation: "Reset the bot token in the Discord Developer Portal (Applications > Bot > Reset Token).",
	},
	{
		ID:          "discord-webhook-url",
		Description: "Discord webhook URL",
		Severity:    detectors.SeverityMedium,
		Keywords:    []string{"discord.com/api/webhooks/", "discordapp.com/api/webhooks/"},
		Regex:       `(https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_-]{60,68})` + bEndDash,
		SecretGroup: 1,
		MaxLen:      140,
		Entropy:     3.5,
		Remediation: "Delete the webhook in the channel settings (Integrations > Webhooks) and create a new one.",
	},
	{
		// <bot id>:<35 characters starting with AA>; in API URLs it follows
		// /bot directly.
		ID:          "telegram-bot-token",
		Description: "Telegram Bot API token",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{":AA"},
		Regex:       `(?:\b|bot)(\d{8,12}:AA[A-Za-z0-9_-]{33})` + bEndDash,
		SecretGroup: 1,
		MaxLen:      55,
		Entropy:     3.5,
		Remediation: "Revoke the token with @BotFather (/revoke) and configure the new one.",
	},
	{
		ID:          "msteams-webhook-url",
		Description: "Microsoft Teams incoming webhook URL",
		Severity:    detectors.SeverityMedium,
		Keywords:    []string{"webhook.office.com/webhookb2/", "outlook.office.com/webhook/", "outlook.office365.com/webhook/"},
		Regex: `(https://(?:[a-z0-9-]+\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook)/` +
			`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}` +
			`/IncomingWebhook/[0-9a-f]{32}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:/[A-Za-z0-9_-]{20,80})?)` + bEndDash,
		SecretGroup: 1,
		MaxLen:      300,
		Remediation: "Remove the Incoming Webhook connector (or workflow) from the channel and create a new one.",
	},
	{
		ID:          "mattermost-webhook-url",
		Description: "Mattermost incoming webhook URL",
		Severity:    detectors.SeverityMedium,
		Keywords:    []string{"mattermost"},
		Regex:       `(https?://[A-Za-z0-9.-]*(?i:mattermost)[A-Za-z0-9.:-]*/hooks/[a-z0-9]{26})\b`,
		SecretGroup: 1,
		MaxLen:      140,
		Entropy:     3.0,
		Remediation: "Delete the incoming webhook (Integrations > Incoming Webhooks) and create a new one.",
	},
	{
		ID:          "mattermost-access-token",
		Description: "Mattermost personal access or bot token (26 characters near the Mattermost name)",
		Severity:    detectors.SeverityHigh,
		Keywords:    bLowerWords("mattermost"),
		Regex:       bNear("mattermost", `[a-z0-9]{26}`),
		SecretGroup: 1,
		MaxLen:      bNearMax(26),
		Entropy:     3.5,
		Remediation: "Delete the token in Mattermost (Profile > Security > Personal Access Tokens, or the bot account) and create a new one.",
	},
	{
		ID:          "zoom-client-secret",
		Description: "Zoom app client secret or webhook secret token (32 characters near the Zoom name)",
		Severity:    detectors.SeverityHigh,
		Keywords:    bLowerWords("zoom"),
		Regex:       bNear("zoom", `[A-Za-z0-9]{32}`),
		SecretGroup: 1,
		MaxLen:      bNearMax(32),
		Entropy:     3.8,
		Remediation: "Regenerate the client secret (or secret token) of the app in the Zoom App Marketplace (Manage > App Credentials).",
	},
	{
		// 64 characters, _ 4 characters, _ and the organisation UUID.
		ID:          "webex-access-token",
		Description: "Cisco Webex access or bot token",
		Severity:    detectors.SeverityHigh,
		Keywords:    bLowerWords("webex|ciscospark"),
		Regex:       bNear("webex|ciscospark", `[A-Za-z0-9]{64}_[A-Za-z0-9]{4}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`),
		SecretGroup: 1,
		MaxLen:      bNearMax(106),
		Entropy:     3.5,
		Remediation: "Regenerate the bot's access token at https://developer.webex.com/my-apps, or revoke the integration's tokens.",
	},
	{
		ID:          "rocketchat-access-token",
		Description: "Rocket.Chat personal access token (near the Rocket.Chat name)",
		Severity:    detectors.SeverityHigh,
		Keywords:    bLowerWords("rocketchat|rocket_chat|rocket.chat|rocket-chat"),
		Regex:       bNear(`rocketchat|rocket_chat|rocket\.chat|rocket-chat`, `[A-Za-z0-9_-]{43}`),
		SecretGroup: 1,
		MaxLen:      bNearMax(43),
		Entropy:     3.8,
		Remediation: "Remove the token in Rocket.Chat (My Account > Personal Access Tokens) and create a new one.",
	},
	{
		ID:          "zulip-api-key",
		Description: "Zulip API key (32 characters near the Zulip name)",
		Severity:    detectors.SeverityHigh,
		Keywords:    bLowerWords("zulip"),
		Regex:       bNear("zulip", `[A-Za-z0-9]{32}`),
		SecretGroup: 1,
		MaxLen:      bNearMax(32),
		Entropy:     3.8,
		Remediation: "Regenerate the API key in Zulip (Personal settings > Account & privacy > API key, or the bot's settings).",
	},
	{
		ID:          "pushbullet-access-token",
		Description: "Pushbullet access token (o. + 32 characters near the Pushbullet name)",
		Severity:    detectors.SeverityMedium,
		Keywords:    bLowerWords("pushbullet"),
		Regex:       bNear("pushbullet", `o\.[A-Za-z0-9]{32}`),
		SecretGroup: 1,
		MaxLen:      bNearMax(34),
		Entropy:     3.8,
		Remediation: "Reset the access token at https://www.pushbullet.com/#settings/account.",
	},
	{
		ID:          "pushover-api-token",
		Description: "Pushover application or user key (30 characters near the Pushover name)",
		Severity:    detectors.SeverityMedium,
		Keywords:    bLowerWords("pushover"),
		Regex:       bNear("pushover", `[A-Za-z0-9]{30}`),
		SecretGroup: 1,
		MaxLen:      bNearMax(30),
		Entropy:     3.8,
		Remediation: "Regenerate the application's API token at https://pushover.net/apps (or reset the user key).",
	},
	{
		ID:          "ntfy-access-token",
		Description: "ntfy access token (tk_)",
		Severity:    detectors.SeverityMedium,
		Keywords:    []string{"tk_"},
		Regex:       `\b(tk_[A-Za-z0-9]{29})\b`,
		SecretGroup: 1,
		MaxLen:      32,
		Entropy:     3.8,
		Remediation: "Delete the token (ntfy token remove, or Account > Access tokens) and create a new one.",
	},
	{
		ID:          "line-channel-access-token",
		Description: "LINE Messaging API channel access token (near a LINE channel name)",
		Severity:    detectors.SeverityHigh,
		Keywords:    bLowerWords("line_channel|line-channel|linechannel|linebot|line_bot|line-bot"),
		Regex:       bNear("line_channel|line-channel|linechannel|linebot|line_bot|line-bot", `[A-Za-z0-9+/]{100,200}={0,2}`),
		SecretGroup: 1,
		MaxLen:      bNearMax(202),
		Entropy:     4.5,
		Remediation: "Reissue the channel access token in the LINE Developers Console (Messaging API > Channel access token) or revoke it via the API.",
	},
	{
		// Synapse: syt_<base64 localpart>_<20 random>_<6-character CRC>;
		// syr_ for refresh tokens.
		ID:          "matrix-access-token",
		Description: "Matrix (Synapse) access or refresh token (syt_/syr_)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"syt_", "syr_"},
		Regex:       `\b(sy[tr]_[A-Za-z0-9_-]{2,80}_[A-Za-z0-9]{20}_[A-Za-z0-9]{6})\b`,
		SecretGroup: 1,
		MaxLen:      113,
		Entropy:     3.5,
		Remediation: "Log the device out (Settings > Sessions, or POST /logout with the token) so the token is invalidated.",
	},
}

// validDiscordToken reports whether the first part of a Discord bot token
// decodes to a snowflake id (17 to 20 decimal digits).
func validDiscordToken(tok []byte) bool {
	dot := 0
	for dot < len(tok) && tok[dot] != '.' {
		dot++
	}
	var buf [32]byte
	n, err := base64.RawURLEncoding.Decode(buf[:], bTrimPad(tok[:dot]))
	if err != nil || n < 17 || n > 20 {
		return false
	}
	for _, c := range buf[:n] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// bTrimPad returns b without trailing '=' padding.
func bTrimPad(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == '=' {
		b = b[:len(b)-1]
	}
	return b
}
