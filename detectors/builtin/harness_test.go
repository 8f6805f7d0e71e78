package builtin

import (
	"bytes"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors"
)

// ruleCase is one rule's true- and false-positive table. Each true positive is
// a log line and the secret in it; each false positive is a near-miss line
// on which the rule must find nothing.
type ruleCase struct {
	id  string
	tps []tp
	fps []string
}

type tp struct {
	line   string
	secret string
}

var testKey = bytes.Repeat([]byte("k"), detectors.MinKeyLen)

// checkCases runs each case's table against its rule alone and against the
// whole catalogue.
func checkCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	all := Rules()
	full, err := detectors.New(all, detectors.Options{Key: testKey})
	if err != nil {
		t.Fatalf("New(Rules()) = %v", err)
	}
	byID := map[string]detectors.Rule{}
	for _, r := range all {
		byID[r.ID] = r
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			r, ok := byID[c.id]
			if !ok {
				t.Fatalf("no built-in rule %q", c.id)
			}
			one, err := detectors.New([]detectors.Rule{r}, detectors.Options{Key: testKey})
			if err != nil {
				t.Fatalf("New(%s) = %v", c.id, err)
			}
			for _, p := range c.tps {
				if !strings.Contains(p.line, p.secret) {
					t.Fatalf("bad case: line %q does not contain its secret", p.line)
				}
				out, fs := one.Redact(nil, []byte(p.line))
				if bytes.Contains(out, []byte(p.secret)) {
					t.Errorf("Redact(%q) alone = %q; secret survives", p.line, out)
				}
				found := false
				for _, f := range fs {
					found = found || f.RuleID == c.id
				}
				if !found {
					t.Errorf("Redact(%q) alone: findings %+v; want one of %s", p.line, fs, c.id)
				}
				out, _ = full.Redact(nil, []byte(p.line))
				if bytes.Contains(out, []byte(p.secret)) {
					t.Errorf("Redact(%q) with catalogue = %q; secret survives", p.line, out)
				}
			}
			for _, line := range c.fps {
				if _, fs := one.Redact(nil, []byte(line)); len(fs) != 0 {
					t.Errorf("Redact(%q) alone: findings %+v; want none", line, fs)
				}
			}
		})
	}
}

// allCases is filled by each family's test file in init.
var allCases []ruleCase

func register(cs ...ruleCase) bool {
	allCases = append(allCases, cs...)
	return true
}

func TestEveryRuleHasCases(t *testing.T) {
	have := map[string]ruleCase{}
	for _, c := range allCases {
		if _, dup := have[c.id]; dup {
			t.Errorf("rule %s has two case tables", c.id)
		}
		have[c.id] = c
	}
	for _, r := range Rules() {
		c, ok := have[r.ID]
		switch {
		case !ok:
			t.Errorf("rule %s has no test cases", r.ID)
		case len(c.tps) < 2 || len(c.fps) < 1:
			t.Errorf("rule %s has %d true and %d false positives; want >= 2 and >= 1", r.ID, len(c.tps), len(c.fps))
		}
		if r.Description == "" || r.Remediation == "" || len(r.Keywords) == 0 {
			t.Errorf("rule %s: description, remediation and keywords are required", r.ID)
		}
	}
}

func TestRuleCases(t *testing.T) { checkCases(t, allCases) }
