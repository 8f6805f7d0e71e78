package builtin

import "github.com/redactd/redactd/detectors"

// Package registry credentials. npm tokens are npm_, 30 base62 characters
// and the same base62 CRC32 suffix as GitHub's; PyPI API tokens are macaroons
// whose serialisation always begins with the location "pypi.org"
// (AgEIcHlwaS5vcmc) or "test.pypi.org" (AgENdGVzdC5weXBpLm9yZw); RubyGems keys
// are rubygems_ and 48 hex digits; NuGet.org keys are oy2 and 43 lowercase
// base32 characters; Docker Hub tokens are dckr_pat_ / dckr_oat_; Clojars
// deploy tokens are CLOJARS_ and 60 characters.
var packageRules = []detectors.Rule{
	{
		ID:          "npm-token",
		Description: "npm access token",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"npm_"},
		Regex:       leadWordA + `(npm_[A-Za-z0-9]{36})\b`,
		SecretGroup: 1,
		MaxLen:      ansiMaxA + 40,
		Validate:    validCRC32Base62(len("npm_")),
		Remediation: "Revoke the token (npm token revoke <id>, or npmjs.com > Access Tokens) and create a granular token with an expiry.",
	},
	namedRuleA("npm-npmrc-auth-token", "Registry auth token in an .npmrc _authToken setting",
		detectors.SeverityHigh, []string{"_authToken"}, `[A-Za-z0-9_.+/=-]{20,200}`, 200,
		"Revoke the token at the registry that issued it (npm token revoke, or the registry's token page) and keep .npmrc out of logs and images."),
	tokenRuleA("pypi-token", "PyPI or TestPyPI API token", detectors.SeverityCritical,
		[]string{"pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"},
		`pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}`, 512,
		"Remove the token in PyPI (Account settings > API tokens) and prefer trusted publishing; PyPI also revokes tokens reported to it."),
	tokenRuleA("rubygems-api-key", "RubyGems.org API key", detectors.SeverityCritical,
		[]string{"rubygems_"}, `rubygems_[0-9a-f]{48}`, 57,
		"Delete the key at https://rubygems.org/profile/api_keys and create a scoped one with MFA required."),
	{
		ID:          "nuget-api-key",
		Description: "NuGet.org API key",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"oy2"},
		Regex:       leadWordA + `(oy2[a-z0-9]{43})\b`,
		SecretGroup: 1,
		MaxLen:      ansiMaxA + 46,
		Entropy:     4,
		Remediation: "Delete or regenerate the key at https://www.nuget.org/account/apikeys and scope its replacement to specific packages.",
	},
	tokenRuleA("dockerhub-pat", "Docker Hub personal access token", detectors.SeverityHigh,
		[]string{"dckr_pat_"}, `dckr_pat_[A-Za-z0-9_-]{27}`, 36,
		"Delete the token in Docker Hub (Account settings > Personal access tokens) and create a new one."),
	tokenRuleA("dockerhub-oat", "Docker Hub organization access token", detectors.SeverityHigh,
		[]string{"dckr_oat_"}, `dckr_oat_[A-Za-z0-9_-]{27,40}`, 49,
		"Delete the organization access token in Docker Hub (Organization settings > Access tokens) and create a new one."),
	tokenRuleA("clojars-deploy-token", "Clojars deploy token", detectors.SeverityHigh,
		[]string{"CLOJARS_"}, `CLOJARS_[a-z0-9]{60}`, 68,
		"Disable the deploy token at https://clojars.org/tokens and create a new one."),
	namedRuleA("crates-io-token", "crates.io API token next to a Cargo registry setting",
		detectors.SeverityHigh, []string{"CARGO_REGISTRY_TOKEN", "cargo_token", "CARGO_REGISTRIES_CRATES_IO_TOKEN"},
		`cio[A-Za-z0-9]{32}`, 35,
		"Revoke the token at https://crates.io/settings/tokens and create a scoped one with an expiry."),
	tokenRuleA("packagist-token", "Private Packagist API or authentication token", detectors.SeverityHigh,
		[]string{"packagist_"}, `packagist_(?:ort|out|uut|ust|oat|uat)_[A-Za-z0-9]{40,96}`, 110,
		"Revoke the token in Private Packagist (Settings > Tokens, or the organization's authentication tokens) and create a new one."),
	namedRuleA("gradle-plugin-portal-secret", "Gradle Plugin Portal publishing secret next to its setting name",
		detectors.SeverityHigh, []string{"gradle.publish.secret", "GRADLE_PUBLISH_SECRET"},
		`[A-Za-z0-9]{32}`, 32,
		"Regenerate the API key at https://plugins.gradle.org (your profile > API Keys) and update CI secrets."),
}
