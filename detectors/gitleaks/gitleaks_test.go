package gitleaks_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/gitleaks"
)

func TestLoad(t *testing.T) {
	c, err := gitleaks.Load(filepath.Join("testdata", "rules.toml"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	var ids []string
	for _, r := range c.Rules {
		ids = append(ids, r.ID)
	}
	if got, want := strings.Join(ids, ","), "acme-api-key,widget-token,internal-dsn"; got != want {
		t.Errorf("rule ids = %s; want %s", got, want)
	}
	r := c.Rules[0]
	if r.SecretGroup != 1 || len(r.Keywords) != 1 || r.Keywords[0] != "acme_" || r.Description != "Acme internal API key" {
		t.Errorf("rule %s = %+v", r.ID, r)
	}
	if got := r.Allowlist; len(got.Regexes) != 1 || len(got.StopWords) != 1 {
		t.Errorf("rule %s allowlist = %+v; want 1 regex and 1 stopword", r.ID, got)
	}
	if w := c.Rules[1]; w.Entropy != 3.5 || len(w.Allowlist.Regexes) != 2 {
		t.Errorf("rule %s = entropy %g, allowlist %+v; want 3.5 and both allowlists merged", w.ID, w.Entropy, w.Allowlist)
	}
	if d := c.Rules[2]; d.SecretGroup != 1 || len(d.Allowlist.Regexes) != 1 || d.Allowlist.Regexes[0] != "^changeme" {
		t.Errorf("rule %s allowlist = %+v; want the targetRules allowlist", d.ID, d.Allowlist)
	}
	if len(c.Allowlist.StopWords) != 1 || c.Allowlist.StopWords[0] != "example" {
		t.Errorf("global allowlist = %+v", c.Allowlist)
	}
	warnings := strings.Join(c.Warnings, "\n")
	for _, want := range []string{
		"[extend]",
		"rule pem-files: path-only rule skipped",
		"rule internal-dsn: field path ignored",
		`rule widget-token: allowlist 2: regexTarget "line"`,
		"rule widget-token: allowlist 2: field paths ignored",
		"global allowlist: allowlist 1: field commits ignored",
		"rule internal-dsn: no keywords",
	} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings lack %q; got:\n%s", want, warnings)
		}
	}
}

// TestLoadedRulesRedact compiles the loaded rules into an engine.
func TestLoadedRulesRedact(t *testing.T) {
	c, err := gitleaks.Load(filepath.Join("testdata", "rules.toml"))
	if err != nil {
		t.Fatal(err)
	}
	eng, err := detectors.New(c.Rules, detectors.Options{Key: []byte("0123456789abcdef0123456789abcdef"), Allowlist: c.Allowlist})
	if err != nil {
		t.Fatalf("detectors.New: %v", err)
	}
	tests := []struct {
		line, rule string
	}{
		{"calling with acme_prod_Q2w9Xk4Lm7Np3Rt8Vb6Zc1Yd ok", "acme-api-key"},
		{"calling with acme_test_Q2w9Xk4Lm7Np3Rt8Vb6Zc1Yd ok", ""}, // rule allowlist regex
		{"calling with acme_prod_sampleQ2w9Xk4Lm7Np3Rt8V ok", ""},  // rule stopword
		{"calling with acme_prod_exampleQ2w9Xk4Lm7Np3Rt8 ok", ""},  // global stopword
		{"widget_token = 'Zq8RmN2vXp4KtL9wZq8RmN2vXp4KtL9w'", "widget-token"},
		{"widget_token = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'", ""}, // allowlisted (and low entropy)
		{"connecting to dsn://app:hunter2hunter2@db", "internal-dsn"},
		{"connecting to dsn://app:changeme123@db", ""},
	}
	for _, tt := range tests {
		_, fs := eng.Redact(nil, []byte(tt.line))
		got := ""
		if len(fs) > 0 {
			got = fs[0].RuleID
		}
		if got != tt.rule {
			t.Errorf("Redact(%q) rule = %q; want %q", tt.line, got, tt.rule)
		}
	}
}

// TestSecretGroupDefault: with secretGroup unset, gitleaks reports the
// first capture group, not the whole match.
func TestSecretGroupDefault(t *testing.T) {
	c, err := gitleaks.Load(filepath.Join("testdata", "first_group.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Rules[0].SecretGroup; got != 1 {
		t.Errorf("SecretGroup = %d; want 1", got)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"bad_regex.toml", []string{"testdata/bad_regex.toml", "rule broken: regex"}},
		{"unknown_field.toml", []string{"testdata/unknown_field.toml", `rule "spelled-wrong": unknown field "secretgroup"`, `rule "spelled-wrong": allowlist: unknown field "regex"`}},
		{"bad_group.toml", []string{"rule two-groups: secretGroup 3 out of range"}},
		{"dup_ids.toml", []string{`rule "dup rule": id is "dup-rule" after sanitizing, like rule "Dup_Rule"`}},
		{"missing.toml", []string{"testdata/missing.toml"}},
	}
	for _, tt := range tests {
		_, err := gitleaks.Load(filepath.Join("testdata", tt.file))
		if err == nil {
			t.Errorf("Load(%s) = nil error; want %q", tt.file, tt.want)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Load(%s) = %v; want it to contain %q", tt.file, err, w)
			}
		}
	}
}

func TestSanitizeID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"aws-access-token", "aws-access-token"},
		{"AWS_Access_Token", "aws-access-token"},
		{"github pat (classic)", "github-pat-classic"},
		{"--x--", "x"},
		{"日本", ""},
	}
	for _, tt := range tests {
		if got := gitleaks.SanitizeID(tt.in); got != tt.want {
			t.Errorf("SanitizeID(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func ExampleLoad() {
	c, err := gitleaks.Load("testdata/rules.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range c.Rules {
		fmt.Println(r.ID)
	}
	eng, err := detectors.New(c.Rules, detectors.Options{Key: []byte("an operator key of 32 bytes or more"), Allowlist: c.Allowlist})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := eng.Redact(nil, []byte("connecting to dsn://app:hunter2hunter2@db"))
	fmt.Println(string(out))
	// Output:
	// acme-api-key
	// widget-token
	// internal-dsn
	// connecting to dsn://app:[REDACTED:internal-dsn:3e1bf1400f2d02ed]@db
}
