package builtin

import "github.com/redactd/redactd/detectors"

// AWS credentials (IAM User Guide, "Unique identifier prefixes"): access key
// ids are a 4-letter type prefix and 16 base32 characters (A-Z, 2-7); the
// secret access key is 40 base64 characters with no marker of its own, so it
// is only taken next to a secret-access-key name; STS session tokens are long
// base64 blobs whose fixed header encodes to IQoJb3JpZ2luX2Vj (current) or
// FwoGZXIvYXdzE / FQoGZXIvYXdzE (older).

// awsExampleAllowlist drops AWS's documentation example credentials and
// obvious placeholders.
var awsExampleAllowlist = detectors.Allowlist{
	Description: "AWS documentation examples and placeholders",
	StopWords:   []string{"EXAMPLE"},
	Regexes:     []string{`(?i)x{8}`},
}

const awsRevoke = "Deactivate and delete the access key in IAM (aws iam update-access-key --status Inactive, then delete-access-key), create a new one and check CloudTrail for its use."

var awsRules = []detectors.Rule{
	{
		ID:          "aws-access-key-id",
		Description: "AWS long-term access key id (AKIA), STS service bearer (ABIA) or context-specific (ACCA) key id",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"AKIA", "ABIA", "ACCA"},
		Regex:       `(?:^|[^A-Za-z0-9]|` + ansiA + `)((?:AKIA|ABIA|ACCA)[A-Z2-7]{16})(?:[^A-Za-z0-9]|$)`,
		SecretGroup: 1,
		MaxLen:      ansiMaxA + 24,
		Entropy:     2.8,
		Allowlist:   awsExampleAllowlist,
		Remediation: awsRevoke,
	},
	{
		ID:          "aws-temp-access-key-id",
		Description: "AWS temporary (STS) access key id",
		Severity:    detectors.SeverityMedium,
		Keywords:    []string{"ASIA"},
		Regex:       `(?:^|[^A-Za-z0-9]|` + ansiA + `)(ASIA[A-Z2-7]{16})(?:[^A-Za-z0-9]|$)`,
		SecretGroup: 1,
		MaxLen:      ansiMaxA + 24,
		Entropy:     2.8,
		Allowlist:   awsExampleAllowlist,
		Remediation: "Revoke the role's active sessions (IAM console > Roles > Revoke active sessions) and find where the session credentials were logged.",
	},
	{
		ID:          "aws-secret-access-key",
		Description: "AWS secret access key next to its name",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"secret_access_key", "secretaccesskey", "secret-access-key", "aws_secret"},
		// The name, up to a few quote/space/assignment characters (JSON,
		// YAML, env, Python repr, CLI flags, escaped JSON in container
		// logs), then exactly 40 base64 characters, raw or percent-encoded
		// in a query string.
		Regex:       `(?i:secret_access_key|secretaccesskey|secret-access-key|aws_secret(?:_key)?)` + sepA + `((?:[A-Za-z0-9/+]|%2[BbFf]){40})(?:[^A-Za-z0-9/+=%]|$)`,
		SecretGroup: 1,
		MaxLen:      200,
		Entropy:     3.5,
		Allowlist:   awsExampleAllowlist,
		Context:     detectors.ContextAssignment,
		Remediation: awsRevoke,
	},
	{
		ID:          "aws-session-token-assigned",
		Description: "AWS STS session token next to its name, whatever its header",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"aws_session_token", "SessionToken", "X-Amz-Security-Token", "aws-session-token"},
		Regex:       nameLeadA + `(?i:aws_session_token|sessiontoken|x-amz-security-token|aws-session-token)` + sepA + `((?:[A-Za-z0-9/+]|%2[BbFf]){100,}(?:=|%3[Dd]){0,2})`,
		SecretGroup: 1,
		MaxLen:      3240,
		Entropy:     4,
		Context:     detectors.ContextAssignment,
		Remediation: "Revoke the role's active sessions (IAM console > Roles > Revoke active sessions); session tokens stay valid until they expire otherwise.",
	},
	{
		ID:          "aws-session-token",
		Description: "AWS STS session token",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdzE", "FQoGZXIvYXdzE"},
		// Base64, or percent-encoded base64 in presigned URLs
		// (X-Amz-Security-Token=...%2F...%3D).
		Regex:       `(?:^|[^A-Za-z0-9/+%]|` + ansiA + `)((?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)(?:[A-Za-z0-9/+]|%2[BbFf]){80,}(?:=|%3[Dd]){0,2})`,
		SecretGroup: 1,
		MaxLen:      3200,
		Remediation: "Revoke the role's active sessions (IAM console > Roles > Revoke active sessions); session tokens stay valid until they expire otherwise.",
	},
}
