// Package detectors finds secrets in log lines and replaces each with a keyed
// fingerprint token such as [REDACTED:github-pat:3f9a1c0b7e2d4a11].
//
// The Engine is usable on its own as a Go library: it starts no goroutines,
// and Redact is safe for concurrent use.
package detectors

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// DefaultTemplate is the default token template. {rule} is replaced by the
// rule id and {fp} by the fingerprint.
const DefaultTemplate = "[REDACTED:{rule}:{fp}]"

// Match is a candidate secret span reported by a Scanner, before allowlists,
// merging and fingerprinting.
type Match struct {
	RuleID   string
	Start    int // byte span of the secret in the line
	End      int
	Context  string
	Severity Severity
}

// Scanner is a hand-written detector (assignments, URLs, entropy, ...) that
// the Engine runs on every line beside the regex rules.
//
// Scan appends the candidate secrets it finds in line to out and returns the
// extended slice. It must be safe for concurrent use, must not retain or
// modify line, and should not allocate when it finds nothing.
type Scanner interface {
	Scan(line []byte, out []Match) []Match
}

// Options configure an Engine. A zero Options is valid except for Key.
type Options struct {
	// Key is the fingerprint HMAC key, at least MinKeyLen bytes.
	Key []byte
	// Template for tokens; empty means DefaultTemplate. It must contain {fp}
	// and must not contain '"' or '\'.
	Template string
	// Disable lists rule ids that are not compiled.
	Disable []string
	// Allowlist applies to every rule and scanner.
	Allowlist Allowlist
	// Scanners run beside the regex rules.
	Scanners []Scanner
}

type compiledRule struct {
	Rule
	re        *regexp.Regexp
	keywords  [][]byte // lowercased
	allowRe   []*regexp.Regexp
	stopWords [][]byte // lowercased
}

// Engine finds and redacts secrets. Build it with New; it is safe for
// concurrent use and holds no per-line state.
type Engine struct {
	rules     []*compiledRule
	byID      map[string]*compiledRule
	scanners  []Scanner
	fp        *Fingerprinter
	tplPre    string // template text before {rule}/{fp}, split for fast rendering
	template  string
	globalAll compiledAllowlist
}

type compiledAllowlist struct {
	cond      AllowlistCondition
	res       []*regexp.Regexp
	stopWords [][]byte
}

func compileAllowlist(a Allowlist, owner string) (compiledAllowlist, error) {
	c := compiledAllowlist{cond: a.Condition}
	for _, p := range a.Regexes {
		re, err := regexp.Compile(p)
		if err != nil {
			return c, fmt.Errorf("%s: allowlist regex: %w", owner, err)
		}
		c.res = append(c.res, re)
	}
	for _, w := range a.StopWords {
		c.stopWords = append(c.stopWords, []byte(strings.ToLower(w)))
	}
	return c, nil
}

// allows reports whether the allowlist drops secret.
func (c *compiledAllowlist) allows(secret []byte) bool {
	if len(c.res) == 0 && len(c.stopWords) == 0 {
		return false
	}
	reHit, swHit := false, false
	for _, re := range c.res {
		if re.Match(secret) {
			reHit = true
			break
		}
	}
	for _, w := range c.stopWords {
		if containsFold(secret, w) {
			swHit = true
			break
		}
	}
	if c.cond == AllowlistAnd {
		return (len(c.res) == 0 || reHit) && (len(c.stopWords) == 0 || swHit)
	}
	return reHit || swHit
}

// New compiles rules and options into an Engine. A rule with a bad regex, an
// empty or duplicate id, or a bad secret group is an error naming its id.
func New(rules []Rule, opts Options) (*Engine, error) {
	fp, err := NewFingerprinter(opts.Key)
	if err != nil {
		return nil, err
	}
	tpl := opts.Template
	if tpl == "" {
		tpl = DefaultTemplate
	}
	if !strings.Contains(tpl, "{fp}") {
		return nil, fmt.Errorf("token template %q: must contain {fp}", tpl)
	}
	if strings.ContainsAny(tpl, "\"\\\n\r") {
		return nil, fmt.Errorf("token template %q: must not contain quotes, backslashes or newlines", tpl)
	}
	e := &Engine{byID: map[string]*compiledRule{}, fp: fp, template: tpl, scanners: opts.Scanners}
	if e.globalAll, err = compileAllowlist(opts.Allowlist, "global"); err != nil {
		return nil, err
	}
	disabled := map[string]bool{}
	for _, id := range opts.Disable {
		disabled[id] = true
	}
	for _, r := range rules {
		if !validRuleID(r.ID) {
			return nil, fmt.Errorf("rule %q: id must be lowercase letters, digits and '-'", r.ID)
		}
		if disabled[r.ID] {
			continue
		}
		if _, dup := e.byID[r.ID]; dup {
			return nil, fmt.Errorf("rule %s: duplicate id", r.ID)
		}
		re, err := regexp.Compile(r.Regex)
		if err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.ID, err)
		}
		if r.SecretGroup < 0 || r.SecretGroup > re.NumSubexp() {
			return nil, fmt.Errorf("rule %s: secret group %d out of range (regex has %d groups)", r.ID, r.SecretGroup, re.NumSubexp())
		}
		cr := &compiledRule{Rule: r, re: re}
		for _, k := range r.Keywords {
			cr.keywords = append(cr.keywords, []byte(strings.ToLower(k)))
		}
		al, err := compileAllowlist(r.Allowlist, "rule "+r.ID)
		if err != nil {
			return nil, err
		}
		cr.allowRe, cr.stopWords = al.res, al.stopWords
		e.rules = append(e.rules, cr)
		e.byID[r.ID] = cr
	}
	return e, nil
}

func validRuleID(id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// containsFold reports whether s contains the lowercase ASCII needle,
// ignoring ASCII case in s. It does not allocate.
func containsFold(s, lowerNeedle []byte) bool {
	n := len(lowerNeedle)
	if n == 0 {
		return true
	}
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lowerNeedle[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}

// Redact finds the secrets in line and replaces each with a token.
//
// When line holds no secret, Redact returns line itself and nil findings and
// does not allocate. Otherwise it appends the redacted line to dst and returns
// the extended slice, with the findings in line order; Finding spans refer to
// line. Redact never modifies or retains line.
func (e *Engine) Redact(dst, line []byte) ([]byte, []Finding) {
	var ms []Match
	for _, r := range e.rules {
		hit := len(r.keywords) == 0
		for _, k := range r.keywords {
			if containsFold(line, k) {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		for _, loc := range r.re.FindAllSubmatchIndex(line, -1) {
			s, t := loc[2*r.SecretGroup], loc[2*r.SecretGroup+1]
			if s < 0 || s == t {
				continue
			}
			secret := line[s:t]
			if r.Entropy > 0 && ShannonEntropy(secret) < r.Entropy {
				continue
			}
			if r.Validate != nil && !r.Validate(secret) {
				continue
			}
			al := compiledAllowlist{cond: r.Allowlist.Condition, res: r.allowRe, stopWords: r.stopWords}
			if al.allows(secret) {
				continue
			}
			ctx := r.Context
			if ctx == "" {
				ctx = ContextText
			}
			ms = append(ms, Match{RuleID: r.ID, Start: s, End: t, Context: ctx, Severity: r.Severity})
		}
	}
	for _, sc := range e.scanners {
		ms = sc.Scan(line, ms)
	}
	if len(ms) == 0 {
		return line, nil
	}
	kept := ms[:0]
	for _, m := range ms {
		if !e.globalAll.allows(line[m.Start:m.End]) && !isToken(line, m.Start, m.End) {
			kept = append(kept, m)
		}
	}
	if len(kept) == 0 {
		return line, nil
	}
	findings := mergeMatches(kept)
	out := dst
	prev := 0
	for i := range findings {
		f := &findings[i]
		f.Fingerprint = e.fp.String(line[f.Start:f.End])
		out = append(out, line[prev:f.Start]...)
		out = e.appendToken(out, f.RuleID, f.Fingerprint)
		prev = f.End
	}
	out = append(out, line[prev:]...)
	return out, findings
}

// appendToken renders the token template for rule and fp onto dst.
func (e *Engine) appendToken(dst []byte, rule, fp string) []byte {
	t := e.template
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			return append(dst, t...)
		}
		dst = append(dst, t[:i]...)
		t = t[i:]
		switch {
		case strings.HasPrefix(t, "{rule}"):
			dst = append(dst, rule...)
			t = t[len("{rule}"):]
		case strings.HasPrefix(t, "{fp}"):
			dst = append(dst, fp...)
			t = t[len("{fp}"):]
		default:
			dst = append(dst, '{')
			t = t[1:]
		}
	}
}

// Token returns the token the engine writes for a secret found by rule.
func (e *Engine) Token(rule string, secret []byte) string {
	return string(e.appendToken(nil, rule, e.fp.String(secret)))
}

// Fingerprint returns the fingerprint of secret under the engine's key.
func (e *Engine) Fingerprint(secret []byte) string { return e.fp.String(secret) }

// isToken reports whether line[s:t] lies inside an existing redaction token
// "[REDACTED:...]", so that redacting output again changes nothing.
func isToken(line []byte, s, t int) bool {
	i := bytes.LastIndex(line[:s+min(len("[REDACTED:"), t-s)], []byte("[REDACTED:"))
	if i < 0 {
		return false
	}
	j := bytes.IndexByte(line[i:], ']')
	return j >= 0 && i+j+1 >= t
}

// mergeMatches merges overlapping spans into one finding each. The longest
// match names the merged span; ties go to the earlier rule.
func mergeMatches(ms []Match) []Finding {
	slices.SortStableFunc(ms, func(a, b Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	var out []Finding
	for i := 0; i < len(ms); {
		best := ms[i]
		start, end := ms[i].Start, ms[i].End
		j := i + 1
		for ; j < len(ms) && ms[j].Start < end; j++ {
			if ms[j].End-ms[j].Start > best.End-best.Start {
				best = ms[j]
			}
			end = max(end, ms[j].End)
		}
		out = append(out, Finding{RuleID: best.RuleID, Start: start, End: end, Context: best.Context, Severity: best.Severity})
		i = j
	}
	return out
}
