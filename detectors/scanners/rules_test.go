package scanners_test

import (
	"testing"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/scanners"
)

func TestRulesMetadata(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range scanners.Rules() {
		if ids[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		ids[r.ID] = true
		if r.Description == "" || r.Remediation == "" || r.Context == "" || r.Regex != "" {
			t.Errorf("rule %s = %+v; want description, remediation, context and no regex", r.ID, r)
		}
	}
	for _, id := range []string{scanners.RulePassword, scanners.RuleSecret, scanners.RuleToken, scanners.RuleAPIKey,
		scanners.RuleSession, scanners.RuleBearer, scanners.RuleBasic, scanners.RuleAuthz, scanners.RuleURLPassword,
		scanners.RuleQuerySecret, scanners.RuleHighEntropy, scanners.RulePrivateKey, scanners.RulePathToken} {
		if !ids[id] {
			t.Errorf("Rules() lacks %s", id)
		}
	}
	for id := range ids {
		for _, c := range id {
			if !(c >= 'a' && c <= 'z' || c == '-') {
				t.Errorf("rule id %q: want lowercase letters and '-'", id)
			}
		}
	}
	// metadata only: the engine refuses rules without a regex
	if _, err := detectors.New(scanners.Rules(), detectors.Options{Key: testKey}); err == nil {
		t.Errorf("detectors.New(Rules()) = nil error; want the metadata refused")
	}
}

func TestDefaultAllowlist(t *testing.T) {
	eng := newEngine(t, nil)
	for _, line := range []string{
		`aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
		`{"aws_access_key": "AKIAIOSFODNN7EXAMPLE"}`,
		`Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==`,
	} {
		if out, fs := eng.Redact(nil, []byte(line)); len(fs) != 0 {
			t.Errorf("Redact(%q) = %q; want the documentation example allowed", line, out)
		}
	}
	if out, fs := eng.Redact(nil, []byte(`aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzKQ7L2m9X`)); len(fs) != 1 {
		t.Errorf("Redact = %q; want a near-example key redacted", out)
	}
}
