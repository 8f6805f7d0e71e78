package builtin

import (
	"regexp"
	"unicode/utf8"

	"github.com/redactd/redactd/detectors"
)

// catalogueA lists the rule families of cloud, developer-platform and
// infrastructure providers. Every rule without an allowlist of its own gets
// placeholdersA, and every rule without an entropy bound gets minEntropyA.
func catalogueA() []detectors.Rule {
	var rs []detectors.Rule
	for _, fam := range [][]detectors.Rule{
		awsRules,
		githubRules,
		gitlabRules,
		googleRules,
		azureRules,
		atlassianRules,
		packageRules,
		hostingRules,
		hashicorpRules,
		observabilityRules,
		devtoolsRules,
		cloudOtherRules,
		serverRules,
		basicAuthRules,
	} {
		for _, r := range fam {
			if len(r.Allowlist.StopWords) == 0 && len(r.Allowlist.Regexes) == 0 {
				r.Allowlist = placeholdersA
			}
			if r.Entropy == 0 {
				r.Entropy = minEntropyA
			}
			rs = append(rs, r)
		}
	}
	return rs
}

// placeholdersA drops the placeholders that documentation, templates and
// CI masks put where a credential goes. Each stop word is long enough that a
// random credential contains it with negligible probability.
var placeholdersA = detectors.Allowlist{
	Description: "documentation placeholders",
	StopWords: []string{
		"xxxxxx", "******", "example", "placeholder", "redacted", "changeme",
		"your_", "your-", "dummy", "0000000000", "0123456789abcdef",
	},
}

// minEntropyA (bits per byte) rejects candidates such as glpat-aaaaaaaa...
// that have a token's shape but none of its randomness; random tokens of
// catalogue A's formats, prefix included, score well above 3.
const minEntropyA = 2.5

// ansiA matches an ANSI colour escape, raw or escaped as JSON or Python
// would write it: colourised console loggers (structlog, logrus, zap's
// development encoder, CI runners) put one right before a value, so a guard
// that wants a non-alphanumeric byte before a token must also accept one.
const ansiA = `(?:\x1b|\\u001b|\\x1b|\\033)\[[0-9;]{0,12}m`

// ansiMaxA is the longest match of ansiA in bytes.
const ansiMaxA = 6 + 1 + 12 + 1

// Guards around a token in catalogue A: the character before and after a
// match must not belong to the token alphabets [A-Za-z0-9_-], so a match
// never starts or ends inside a longer token. leadWordA is the leading guard
// of tokens whose alphabet has no '-' (used with a trailing \b).
const (
	leadA     = `(?:^|[^A-Za-z0-9_-]|` + ansiA + `)`
	leadWordA = `(?:^|[^A-Za-z0-9_]|` + ansiA + `)`
	trailA    = `(?:[^A-Za-z0-9_-]|$)`
)

// tokenRuleA builds the rule for a self-identifying token: secretRe matches
// the whole token including its public prefix, maxLen bounds its length.
func tokenRuleA(id, desc string, sev detectors.Severity, keywords []string, secretRe string, maxLen int, remediation string) detectors.Rule {
	return detectors.Rule{
		ID:          id,
		Description: desc,
		Severity:    sev,
		Keywords:    keywords,
		Regex:       leadA + `(` + secretRe + `)` + trailA,
		SecretGroup: 1,
		MaxLen:      ansiMaxA + maxLen + utf8.UTFMax, // a guard byte may be any rune
		Remediation: remediation,
	}
}

// sepA matches what sits between a setting's name and its value in log
// lines: JSON, YAML, env, logfmt, Python reprs, HTTP headers, CLI flags and
// JSON escaped inside container logs.
// Either side of it may carry an ANSI colour escape.
const sepA = `(?:` + ansiA + `)?(?:[\s"'\\]{0,4}(?:=>|:=|[:=])[\s"'\\]{0,4}|[\s"'\\]{1,4})(?:` + ansiA + `)?`

// sepMaxA is the longest match of sepA in bytes.
const sepMaxA = ansiMaxA + 10 + ansiMaxA

// nameLeadA keeps a setting name from matching inside a longer one
// (IC_API_KEY inside ANTHROPIC_API_KEY): the name starts the line or follows
// a non-alphanumeric byte, an escaped \n, \r or \t as in Python byte
// reprs of HTTP requests, or a JVM/Gradle property flag (-Dname=, -Pname=).
const nameLeadA = `(?:^|\\[nrt]|-[DP]|[^A-Za-z0-9]|` + ansiA + `)`

// namedRuleA builds the rule for a secret with no marker of its own, found
// only as the value of one of the given setting names (which are also its
// keywords, matched case-insensitively). valueRe must not contain groups.
func namedRuleA(id, desc string, sev detectors.Severity, names []string, valueRe string, maxValue int, remediation string) detectors.Rule {
	alt := ""
	longest := 0
	for i, n := range names {
		if i > 0 {
			alt += "|"
		}
		alt += regexp.QuoteMeta(n)
		longest = max(longest, len(n))
	}
	return detectors.Rule{
		ID:          id,
		Description: desc,
		Severity:    sev,
		Keywords:    names,
		Regex:       nameLeadA + `(?i:` + alt + `)` + sepA + `(` + valueRe + `)` + trailA,
		SecretGroup: 1,
		MaxLen:      ansiMaxA + longest + sepMaxA + maxValue + utf8.UTFMax,
		Context:     detectors.ContextAssignment,
		Remediation: remediation,
	}
}

// uuidA matches a UUID in any case; several providers use bare UUIDs as
// keys, which catalogue A only takes next to the provider's setting name.
const uuidA = `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`
