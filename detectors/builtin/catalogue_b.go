package builtin

import (
	"strings"

	"github.com/redactd/redactd/detectors"
)

// catalogueB lists the rule families of SaaS, payments, chat, AI, email/SMS
// and CRM providers, plus structured token formats (JWT).
func catalogueB() []detectors.Rule {
	families := [][]detectors.Rule{
		paymentRules, // before stripeRules: Paystack keys are a subset of Stripe's shape
		stripeRules,
		shopifyRules,
		slackRules,
		chatRules,
		twilioRules,
		emailRules,
		aiRules,
		saasRules,
		tokenRules,
	}
	var rs []detectors.Rule
	for _, f := range families {
		for _, r := range f {
			if len(r.Allowlist.StopWords) == 0 && len(r.Allowlist.Regexes) == 0 {
				r.Allowlist = bPlaceholders
			}
			rs = append(rs, r)
		}
	}
	return rs
}

// bPlaceholders drops the placeholders that documentation, templates and
// tests put where a credential goes. catalogueB gives it to every rule of the
// family files that has no allowlist of its own. A stop word is long enough
// that a random credential contains it with negligible probability.
var bPlaceholders = detectors.Allowlist{
	Description: "documentation placeholders",
	StopWords: []string{
		"xxxxxx", "******", "your_", "your-", "yourkey", "yourtoken", "yoursecret",
		"example", "placeholder", "redacted", "changeme", "dummy",
		"0123456789", "1234567890", "abcdefghij",
	},
}

// Guards that keep a match from starting or ending inside a longer token,
// for secrets whose alphabet or prefix includes '-' (where \b is not enough)
// or base64 padding.
const (
	bStartDash = `(?:^|[^A-Za-z0-9_-])`
	bEndDash   = `(?:[^A-Za-z0-9_-]|$)`
	bEndBase64 = `(?:[^A-Za-z0-9+/=_-]|$)`
)

// bNear returns a regex matching a secret that is assigned to, or follows as
// a header or field value, a name containing one of ctx (an RE2 alternation
// of lowercase words, matched case-insensitively), such as
// MAILJET_API_SECRET=..., "mailjet_secret": "...", X-Mailjet-Key: ...,
// mailjet_key='...' or ?mailjet_key=... in a URL, including one level of
// nesting ({"mailjet": {"secret": "..."}}). The secret is capture group 1;
// value must not contain capture groups. Use it for formats that are bare
// hex or base64 with no prefix of their own: without the provider's name
// nearby such a value is indistinguishable from a digest.
func bNear(ctx, value string) string {
	return `(?i:` + ctx + `)[\w.-]{0,40}?` +
		`(?:[\\"']{0,3}\s{0,3}(?:=>|:)\s{0,3}\{\s{0,3}[\\"']{0,3}[\w.-]{1,30})?` +
		`[\\"']{0,3}\s{0,3}(?:=>|:=|[:=])\s{0,3}(?:[\\"']{1,3}|(?i:bearer|token|basic)\s{1,3})?(` +
		value + `)` + bEndDash
}

// bNearMax is the MaxLen of a bNear rule whose value is at most n bytes long.
func bNearMax(n int) int { return 128 + n }

// bLowerWords returns the words of an RE2 alternation such as
// "mailjet|mj_apikey" for use as Keywords.
func bLowerWords(alt string) []string { return strings.Split(alt, "|") }
