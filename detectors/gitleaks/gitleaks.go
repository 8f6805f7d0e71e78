// Package gitleaks loads a user's gitleaks rule file (TOML) as redactd
// rules, so that teams can reuse the rules they already maintain.
//
// Supported: [[rules]] with id, description, regex, secretGroup, entropy,
// keywords and tags (metadata, ignored); their allowlists ([rules.allowlist]
// or [[rules.allowlists]]) with description, condition, regexes, stopwords
// and regexTarget "secret"; the top-level [allowlist] and [[allowlists]]
// (with targetRules). gitleaks scans files and commits, redactd scans log
// streams: fields about paths and commits cannot apply and are reported as
// warnings, rules that only match paths are skipped with a warning, and any
// field gitleaks does not define is an error. Nothing is silently ignored.
package gitleaks

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/redactd/redactd/detectors"
)

// Config is a loaded gitleaks rule file.
type Config struct {
	// Rules are the file's rules as redactd rules, ids sanitized to
	// lowercase letters, digits and '-'.
	Rules []detectors.Rule
	// Allowlist is the file's global allowlist (entries without
	// targetRules), to merge into detectors.Options.Allowlist.
	Allowlist detectors.Allowlist
	// Warnings name each field that cannot apply to a log stream, with its
	// rule id, and what redactd did instead. Show them to the operator.
	Warnings []string
}

type rawAllowlist struct {
	Description string   `toml:"description"`
	Condition   string   `toml:"condition"`
	RegexTarget string   `toml:"regexTarget"`
	Regexes     []string `toml:"regexes"`
	StopWords   []string `toml:"stopwords"`
	Paths       []string `toml:"paths"`
	Commits     []string `toml:"commits"`
	TargetRules []string `toml:"targetRules"`
}

type rawRule struct {
	ID          string         `toml:"id"`
	Description string         `toml:"description"`
	Regex       string         `toml:"regex"`
	SecretGroup int            `toml:"secretGroup"`
	Entropy     float64        `toml:"entropy"`
	Keywords    []string       `toml:"keywords"`
	Path        string         `toml:"path"`
	Tags        []string       `toml:"tags"`
	Allowlist   *rawAllowlist  `toml:"allowlist"`
	Allowlists  []rawAllowlist `toml:"allowlists"`
	SkipReport  bool           `toml:"skipReport"`
}

type rawExtend struct {
	UseDefault    bool     `toml:"useDefault"`
	Path          string   `toml:"path"`
	URL           string   `toml:"url"`
	DisabledRules []string `toml:"disabledRules"`
}

type rawConfig struct {
	Title      string         `toml:"title"`
	MinVersion string         `toml:"minVersion"`
	Extend     *rawExtend     `toml:"extend"`
	Rules      []rawRule      `toml:"rules"`
	Allowlist  *rawAllowlist  `toml:"allowlist"`
	Allowlists []rawAllowlist `toml:"allowlists"`
}

// Load reads the gitleaks rule file at path. Errors name the file and, for
// a rule, its id and field; they never quote a regex match or a secret.
func Load(path string) (*Config, error) {
	var raw rawConfig
	md, err := toml.DecodeFile(path, &raw)
	if err != nil {
		return nil, fmt.Errorf("gitleaks config %s: %w", path, err)
	}
	if err := checkUndecoded(path, md); err != nil {
		return nil, fmt.Errorf("gitleaks config %s: %w", path, err)
	}
	c, err := translate(raw)
	if err != nil {
		return nil, fmt.Errorf("gitleaks config %s: %w", path, err)
	}
	return c, nil
}

var (
	ruleFields = map[string]bool{"id": true, "description": true, "regex": true, "secretGroup": true,
		"entropy": true, "keywords": true, "path": true, "tags": true, "allowlist": true,
		"allowlists": true, "skipReport": true}
	allowlistFields = map[string]bool{"description": true, "condition": true, "regexTarget": true,
		"regexes": true, "stopwords": true, "paths": true, "commits": true}
)

// checkUndecoded turns every key gitleaks does not define into an error;
// keys inside a rule name the rule's id.
func checkUndecoded(path string, md toml.MetaData) error {
	var errs []error
	for _, k := range md.Undecoded() {
		if len(k) >= 1 && k[0] == "rules" {
			continue // reported per rule below, with the rule's id
		}
		errs = append(errs, fmt.Errorf("unknown field %q", k.String()))
	}
	var generic struct {
		Rules []map[string]any `toml:"rules"`
	}
	if _, err := toml.DecodeFile(path, &generic); err != nil {
		return err
	}
	for i, r := range generic.Rules {
		id, _ := r["id"].(string)
		where := fmt.Sprintf("rules[%d]", i)
		if id != "" {
			where = fmt.Sprintf("rule %q", id)
		}
		for _, f := range sortedKeys(r) {
			if !ruleFields[f] {
				errs = append(errs, fmt.Errorf("%s: unknown field %q", where, f))
			}
		}
		var lists []map[string]any
		if a, ok := r["allowlist"].(map[string]any); ok {
			lists = append(lists, a)
		}
		if as, ok := r["allowlists"].([]map[string]any); ok {
			lists = append(lists, as...)
		}
		for _, a := range lists {
			for _, f := range sortedKeys(a) {
				if !allowlistFields[f] {
					errs = append(errs, fmt.Errorf("%s: allowlist: unknown field %q", where, f))
				}
			}
		}
	}
	return errors.Join(errs...)
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// SanitizeID turns a gitleaks rule id ("AWS_Access-Token", "github pat")
// into redactd's form: lowercase letters, digits and single dashes.
func SanitizeID(id string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(id) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

func translate(raw rawConfig) (*Config, error) {
	c := &Config{}
	if e := raw.Extend; e != nil {
		if e.UseDefault || e.Path != "" || e.URL != "" {
			c.Warnings = append(c.Warnings, "[extend]: extending another gitleaks config is not supported; only the rules of this file are loaded (redactd's built-in catalogue covers the gitleaks defaults)")
		}
		if len(e.DisabledRules) > 0 {
			c.Warnings = append(c.Warnings, "[extend] disabledRules: applies to extended rules only; use redactd's [detect] disable to turn off built-in rules")
		}
	}
	seen := map[string]string{}
	byID := map[string]int{}
	var errs []error
	for i, rr := range raw.Rules {
		id := SanitizeID(rr.ID)
		where := fmt.Sprintf("rule %q", rr.ID)
		if id == "" {
			errs = append(errs, fmt.Errorf("rules[%d]: missing id", i))
			continue
		}
		if prev, dup := seen[id]; dup {
			errs = append(errs, fmt.Errorf("%s: id is %q after sanitizing, like rule %q", where, id, prev))
			continue
		}
		seen[id] = rr.ID
		if rr.Regex == "" {
			if rr.Path != "" {
				c.Warnings = append(c.Warnings, fmt.Sprintf("rule %s: path-only rule skipped (a log stream has no file path)", id))
				continue
			}
			errs = append(errs, fmt.Errorf("%s: missing regex", where))
			continue
		}
		if rr.Path != "" {
			c.Warnings = append(c.Warnings, fmt.Sprintf("rule %s: field path ignored (a log stream has no file path); the regex applies to every line", id))
		}
		if rr.SkipReport {
			c.Warnings = append(c.Warnings, fmt.Sprintf("rule %s: field skipReport ignored; its matches are redacted and reported", id))
		}
		re, err := regexp.Compile(rr.Regex)
		if err != nil {
			errs = append(errs, fmt.Errorf("rule %s: regex: %w", id, err))
			continue
		}
		if rr.SecretGroup < 0 || rr.SecretGroup > re.NumSubexp() {
			errs = append(errs, fmt.Errorf("rule %s: secretGroup %d out of range (regex has %d groups)", id, rr.SecretGroup, re.NumSubexp()))
			continue
		}
		group := rr.SecretGroup
		if group == 0 && re.NumSubexp() > 0 {
			// gitleaks takes the first non-empty capture group when
			// secretGroup is unset; with one group that is group 1
			group = 1
			if re.NumSubexp() > 1 {
				c.Warnings = append(c.Warnings, fmt.Sprintf("rule %s: secretGroup unset and the regex has %d groups: gitleaks takes the first non-empty one, redactd takes group 1; set secretGroup", id, re.NumSubexp()))
			}
		}
		if len(rr.Keywords) == 0 {
			c.Warnings = append(c.Warnings, fmt.Sprintf("rule %s: no keywords: its regex runs on every line, which slows every stream; add distinctive keywords", id))
		}
		if rr.Entropy < 0 || rr.Entropy > 8 {
			errs = append(errs, fmt.Errorf("rule %s: entropy %g out of range 0..8", id, rr.Entropy))
			continue
		}
		var lists []rawAllowlist
		if rr.Allowlist != nil {
			lists = append(lists, *rr.Allowlist)
		}
		lists = append(lists, rr.Allowlists...)
		al, warns, err := mergeAllowlists("rule "+id, lists)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.Warnings = append(c.Warnings, warns...)
		byID[id] = len(c.Rules)
		desc := rr.Description
		if desc == "" {
			desc = "gitleaks rule " + rr.ID
		}
		c.Rules = append(c.Rules, detectors.Rule{
			ID:          id,
			Description: desc,
			Severity:    detectors.SeverityHigh,
			Keywords:    append([]string(nil), rr.Keywords...),
			Regex:       rr.Regex,
			SecretGroup: group,
			Entropy:     rr.Entropy,
			Allowlist:   al,
			Context:     detectors.ContextText,
			Remediation: "Revoke or rotate the credential at its issuer (from a user gitleaks rule).",
		})
	}
	// global allowlists; entries with targetRules join those rules' lists
	var global []rawAllowlist
	if raw.Allowlist != nil {
		global = append(global, *raw.Allowlist)
	}
	for i, a := range raw.Allowlists {
		if len(a.TargetRules) == 0 {
			global = append(global, a)
			continue
		}
		for _, t := range a.TargetRules {
			id := SanitizeID(t)
			ri, ok := byID[id]
			if !ok {
				errs = append(errs, fmt.Errorf("allowlists[%d]: targetRules names unknown rule %q", i, t))
				continue
			}
			r := &c.Rules[ri]
			merged, warns, err := mergeAllowlists("rule "+id, []rawAllowlist{fromAllowlist(r.Allowlist), a})
			if err != nil {
				errs = append(errs, err)
				continue
			}
			c.Warnings = append(c.Warnings, warns...)
			r.Allowlist = merged
		}
	}
	al, warns, err := mergeAllowlists("global allowlist", global)
	if err != nil {
		errs = append(errs, err)
	}
	c.Allowlist = al
	c.Warnings = append(c.Warnings, warns...)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sort.Strings(c.Warnings)
	return c, nil
}

func fromAllowlist(a detectors.Allowlist) rawAllowlist {
	cond := "OR"
	if a.Condition == detectors.AllowlistAnd {
		cond = "AND"
	}
	return rawAllowlist{Description: a.Description, Condition: cond, Regexes: a.Regexes, StopWords: a.StopWords}
}

// mergeAllowlists folds gitleaks allowlists into one detectors.Allowlist.
// Several OR lists merge exactly (an OR of ORs); an AND list can only stand
// alone.
func mergeAllowlists(owner string, lists []rawAllowlist) (detectors.Allowlist, []string, error) {
	var out detectors.Allowlist
	var warns []string
	var descs []string
	nonEmpty := 0
	for i, a := range lists {
		where := fmt.Sprintf("%s: allowlist %d", owner, i+1)
		switch strings.ToUpper(a.Condition) {
		case "", "OR":
		case "AND":
			out.Condition = detectors.AllowlistAnd
		default:
			return out, nil, fmt.Errorf("%s: condition %q (want OR or AND)", where, a.Condition)
		}
		switch a.RegexTarget {
		case "", "secret":
		case "match", "line":
			warns = append(warns, fmt.Sprintf("%s: regexTarget %q treated as \"secret\" (the regexes test the secret only, so fewer candidates are allowed)", where, a.RegexTarget))
		default:
			return out, nil, fmt.Errorf("%s: regexTarget %q (want secret, match or line)", where, a.RegexTarget)
		}
		if len(a.Paths) > 0 {
			warns = append(warns, fmt.Sprintf("%s: field paths ignored (a log stream has no file path)", where))
		}
		if len(a.Commits) > 0 {
			warns = append(warns, fmt.Sprintf("%s: field commits ignored (a log stream has no commits)", where))
		}
		for _, p := range a.Regexes {
			if _, err := regexp.Compile(p); err != nil {
				return out, nil, fmt.Errorf("%s: regex: %w", where, err)
			}
		}
		if len(a.Regexes) == 0 && len(a.StopWords) == 0 {
			if len(a.Paths) == 0 && len(a.Commits) == 0 {
				warns = append(warns, fmt.Sprintf("%s: empty (no regexes or stopwords)", where))
			}
			continue
		}
		nonEmpty++
		if a.Description != "" {
			descs = append(descs, a.Description)
		}
		out.Regexes = append(out.Regexes, a.Regexes...)
		out.StopWords = append(out.StopWords, a.StopWords...)
	}
	if out.Condition == detectors.AllowlistAnd && nonEmpty > 1 {
		return detectors.Allowlist{}, nil, fmt.Errorf("%s: an allowlist with condition AND cannot be combined with other allowlists", owner)
	}
	out.Description = strings.Join(descs, "; ")
	return out, warns, nil
}
