package builtin

import "github.com/redactd/redactd/detectors"

// Google credentials: API keys are AIza plus 35 base64url characters; OAuth
// client secrets are GOCSPX- plus 28; OAuth access tokens start ya29. and
// refresh tokens 1//0; legacy Firebase Cloud Messaging server keys are an
// 11-character id, ':APA91b' and 134 more characters.
var googleRules = []detectors.Rule{
	tokenRuleA("google-api-key", "Google Cloud / Maps / Firebase API key", detectors.SeverityHigh,
		[]string{"AIza"}, `AIza[A-Za-z0-9_-]{35}`, 39,
		"Regenerate or delete the key in Google Cloud console (APIs & Services > Credentials) and add API and application restrictions to its replacement."),
	tokenRuleA("google-oauth-client-secret", "Google OAuth 2.0 client secret", detectors.SeverityHigh,
		[]string{"GOCSPX-"}, `GOCSPX-[A-Za-z0-9_-]{28}`, 35,
		"Add a new secret to the OAuth client in Google Cloud console (APIs & Services > Credentials), deploy it, then disable and delete the leaked one."),
	tokenRuleA("google-oauth-access-token", "Google OAuth 2.0 access token", detectors.SeverityHigh,
		[]string{"ya29."}, `ya29\.[A-Za-z0-9_.-]{30,}`, 2048,
		"Revoke it with POST https://oauth2.googleapis.com/revoke?token=...; access tokens expire within an hour, so also find the refresh token or key that minted it."),
	tokenRuleA("google-oauth-refresh-token", "Google OAuth 2.0 refresh token", detectors.SeverityCritical,
		[]string{"1//0"}, `1//0[A-Za-z0-9_-]{40,512}`, 516,
		"Revoke it with POST https://oauth2.googleapis.com/revoke?token=... or remove the app's access at https://myaccount.google.com/permissions."),
	tokenRuleA("google-fcm-server-key", "Firebase Cloud Messaging legacy server key", detectors.SeverityHigh,
		[]string{":APA91b"}, `AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}`, 152,
		"Delete the server key in the Firebase console (Project settings > Cloud Messaging) and move to the HTTP v1 API with service account credentials."),
}
