// Package detectors finds secrets in log lines and replaces each with a keyed
// fingerprint token such as [REDACTED:github-pat:3f9a1c0b7e2d4a11].
//
// An Engine runs two kinds of detectors over each line:
//
//   - Rules: provider formats as data (see Rule), an RE2 regex gated by
//     keywords. One keyword prefilter scans the line once for the keywords of
//     every rule; a rule's regex runs only when one of its keywords occurs,
//     and only in a window around each occurrence (see Rule.MaxLen).
//   - Scanners: hand-written detectors (assignments, URLs, entropy, PEM) that
//     implement Scanner. A Scanner that also implements KeywordScanner is
//     gated by the same prefilter.
//
// Candidates from both pass the secret checks (entropy, validator,
// allowlists), then overlapping spans are merged into one token each (see
// Engine.Redact for how the token is named, and how JSON stays valid and
// redaction idempotent).
//
// The Engine is usable on its own as a Go library: it starts no goroutines,
// and Redact is safe for concurrent use.
package detectors

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
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

// KeywordScanner is a Scanner that needs one of a few keywords on a line to
// find anything there, for example a PEM scanner that needs "-----BEGIN" or
// a URL scanner that needs "://". The Engine adds its keywords to the one
// keyword prefilter that gates the rules and calls Scan only for lines on
// which at least one of them occurs, ASCII case-insensitively, anywhere in
// the line. Scan then gets the whole line, not a window.
//
// Keywords is called once, by New; the list must not change afterwards. Each
// keyword should be at least 3 bytes (shorter ones slow the prefilter for
// every line) and distinctive: a keyword found on most lines gates nothing.
// A KeywordScanner whose Keywords returns an empty list runs on every line,
// like a plain Scanner.
type KeywordScanner interface {
	Scanner
	Keywords() []string
}

// Options configure an Engine. A zero Options is valid except for Key.
type Options struct {
	// Key is the fingerprint HMAC key, at least MinKeyLen bytes.
	Key []byte
	// Template for tokens; empty means DefaultTemplate. It must contain {fp}
	// and must not contain '"' or '\'.
	Template string
	// Disable lists rule ids that are not compiled. Candidates that a
	// Scanner reports under a disabled id are dropped too.
	Disable []string
	// Allowlist applies to every rule and scanner.
	Allowlist Allowlist
	// Scanners run beside the regex rules.
	Scanners []Scanner
}

type compiledRule struct {
	Rule
	index     int // position in Engine.rules; lower wins ties
	lead      int // leadWidth of the regex, or -1 when unknown
	trail     int // the trail of leadTrail, or -1 when unknown
	re        *regexp.Regexp
	allowlist compiledAllowlist
	context   string // Rule.Context or ContextText
}

type scannerEntry struct {
	s     Scanner
	order int32 // tie-break rank among candidates, after every rule
}

// Engine finds and redacts secrets. Build it with New; it is safe for
// concurrent use and holds no per-line state between calls.
type Engine struct {
	rules    []*compiledRule
	byID     map[string]*compiledRule
	always   []*compiledRule // rules without keywords: run on every line
	ungated  []scannerEntry  // scanners run on every line
	gated    []scannerEntry  // KeywordScanners, run on a keyword hit
	pf       *prefilter
	owners   [][]int32 // per prefilter keyword: rule index, or len(rules)+gated index
	fp       *Fingerprinter
	tpl      []tokenPart
	tplLead  []byte // the template's leading literal, to find existing tokens
	global   compiledAllowlist
	disabled map[string]bool
	pool     sync.Pool // of *scratch
}

// New compiles rules and options into an Engine. A rule with an empty,
// malformed or duplicate id, a bad regex, secret group, keyword, entropy,
// MaxLen or allowlist is an error naming its id ("rule <id>: ..."). New does
// not retain rules or opts.Key; it keeps opts.Scanners.
func New(rules []Rule, opts Options) (*Engine, error) {
	fp, err := NewFingerprinter(opts.Key)
	if err != nil {
		return nil, err
	}
	tpl := opts.Template
	if tpl == "" {
		tpl = DefaultTemplate
	}
	parts, err := parseTemplate(tpl)
	if err != nil {
		return nil, err
	}
	e := &Engine{byID: map[string]*compiledRule{}, fp: fp, tpl: parts}
	if parts[0].kind == partLit {
		e.tplLead = []byte(parts[0].lit)
	}
	cache := allowCache{res: map[string]*regexp.Regexp{}, stops: map[string]*prefilter{}}
	if e.global, err = cache.compile(opts.Allowlist); err != nil {
		return nil, fmt.Errorf("global allowlist: %w", err)
	}
	if len(opts.Disable) > 0 {
		e.disabled = map[string]bool{}
		for _, id := range opts.Disable {
			e.disabled[id] = true
		}
	}

	var kwList []string // distinct lowercase keywords
	kwIndex := map[string]int32{}
	addKeyword := func(k string, owner int32) {
		k = asciiLower(k)
		id, ok := kwIndex[k]
		if !ok {
			id = int32(len(kwList))
			kwIndex[k] = id
			kwList = append(kwList, k)
			e.owners = append(e.owners, nil)
		}
		if o := e.owners[id]; len(o) == 0 || o[len(o)-1] != owner {
			e.owners[id] = append(o, owner)
		}
	}

	for _, r := range rules {
		if !validRuleID(r.ID) {
			return nil, fmt.Errorf("rule %q: id must be 1 to %d lowercase letters, digits and '-'", r.ID, MaxRuleIDLen)
		}
		if e.disabled[r.ID] {
			continue
		}
		cr, err := compileRule(r, &cache)
		if err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.ID, err)
		}
		if _, dup := e.byID[r.ID]; dup {
			return nil, fmt.Errorf("rule %s: duplicate id", r.ID)
		}
		cr.index = len(e.rules)
		e.rules = append(e.rules, cr)
		e.byID[r.ID] = cr
		if len(r.Keywords) == 0 {
			e.always = append(e.always, cr)
		}
		for _, k := range r.Keywords {
			addKeyword(k, int32(cr.index))
		}
	}

	for i, s := range opts.Scanners {
		if s == nil {
			return nil, fmt.Errorf("scanner %d: nil", i)
		}
		ent := scannerEntry{s: s, order: int32(len(e.rules) + i)}
		var kws []string
		if ks, ok := s.(KeywordScanner); ok {
			kws = ks.Keywords()
		}
		if len(kws) == 0 {
			e.ungated = append(e.ungated, ent)
			continue
		}
		owner := int32(len(e.rules) + len(e.gated))
		e.gated = append(e.gated, ent)
		for j, k := range kws {
			if k == "" {
				return nil, fmt.Errorf("scanner %d (%T): keyword %d is empty", i, s, j)
			}
			addKeyword(k, owner)
		}
	}
	if e.pf, err = newPrefilter(kwList, seqInt32(len(kwList))); err != nil {
		return nil, err // unreachable: empty keywords are rejected above
	}
	e.pool.New = func() any { return new(scratch) }
	return e, nil
}

func seqInt32(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = int32(i)
	}
	return s
}

// compileRule checks and compiles one rule. Errors do not repeat the id.
func compileRule(r Rule, cache *allowCache) (*compiledRule, error) {
	if r.Regex == "" {
		return nil, fmt.Errorf("empty regex")
	}
	re, err := regexp.Compile(r.Regex)
	if err != nil {
		return nil, fmt.Errorf("regex: %w", err)
	}
	if r.SecretGroup < 0 || r.SecretGroup > re.NumSubexp() {
		return nil, fmt.Errorf("secret group %d out of range (regex has %d groups)", r.SecretGroup, re.NumSubexp())
	}
	if r.Entropy < 0 || r.Entropy > 8 {
		return nil, fmt.Errorf("entropy %g out of range [0, 8]", r.Entropy)
	}
	if r.MaxLen < 0 {
		return nil, fmt.Errorf("negative max length %d", r.MaxLen)
	}
	if r.Severity < SeverityLow || r.Severity > SeverityCritical {
		return nil, fmt.Errorf("unknown severity %d", int(r.Severity))
	}
	for i, k := range r.Keywords {
		if k == "" {
			return nil, fmt.Errorf("keyword %d is empty", i)
		}
	}
	al, err := cache.compile(r.Allowlist)
	if err != nil {
		return nil, fmt.Errorf("allowlist: %w", err)
	}
	r.Keywords = slices.Clone(r.Keywords)
	r.Allowlist.Regexes = slices.Clone(r.Allowlist.Regexes)
	r.Allowlist.StopWords = slices.Clone(r.Allowlist.StopWords)
	cr := &compiledRule{Rule: r, re: re, allowlist: al, context: r.Context, lead: -1, trail: -1}
	if lead, trail, ok := leadTrail(r.Regex, r.Keywords); ok {
		cr.lead, cr.trail = lead, trail
	}
	if cr.context == "" {
		cr.context = ContextText
	}
	return cr, nil
}

func validRuleID(id string) bool {
	if id == "" || len(id) > MaxRuleIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !isIDByte(id[i]) {
			return false
		}
	}
	return true
}

// Rules returns the enabled rules in the order the engine applies them
// (disabled ones left out). The slice is new; the Rules share their slice
// fields with the engine and must not be modified.
func (e *Engine) Rules() []Rule {
	out := make([]Rule, len(e.rules))
	for i, r := range e.rules {
		out[i] = r.Rule
	}
	return out
}

// Rule returns the enabled rule with the given id, for example to look up
// the description and remediation of a Finding's RuleID. Its slice fields
// are shared with the engine and must not be modified.
func (e *Engine) Rule(id string) (Rule, bool) {
	r, ok := e.byID[id]
	if !ok {
		return Rule{}, false
	}
	return r.Rule, true
}

type compiledAllowlist struct {
	cond  AllowlistCondition
	res   []*regexp.Regexp
	stops *prefilter // the stopwords, or nil
}

// allowCache shares compiled allowlist parts between rules: catalogues give
// many rules the same placeholder stopwords and regexes.
type allowCache struct {
	res   map[string]*regexp.Regexp
	stops map[string]*prefilter // by the stopwords joined with NUL
}

func (c *allowCache) compile(a Allowlist) (compiledAllowlist, error) {
	al := compiledAllowlist{cond: a.Condition}
	if a.Condition != AllowlistOr && a.Condition != AllowlistAnd {
		return al, fmt.Errorf("unknown condition %d", int(a.Condition))
	}
	for i, p := range a.Regexes {
		re, ok := c.res[p]
		if !ok {
			var err error
			if re, err = regexp.Compile(p); err != nil {
				return al, fmt.Errorf("regex %d: %w", i+1, err)
			}
			c.res[p] = re
		}
		al.res = append(al.res, re)
	}
	for i, w := range a.StopWords {
		if w == "" {
			return al, fmt.Errorf("stopword %d is empty", i+1)
		}
	}
	if len(a.StopWords) > 0 {
		key := strings.Join(a.StopWords, "\x00")
		if al.stops = c.stops[key]; al.stops == nil {
			p, err := newPrefilter(a.StopWords, make([]int32, len(a.StopWords)))
			if err != nil {
				return al, err // unreachable: empty stopwords are rejected above
			}
			c.stops[key] = p
			al.stops = p
		}
	}
	return al, nil
}

// allows reports whether the allowlist drops secret. With AllowlistOr any
// matching regex or contained stopword (ASCII case-insensitive) drops it;
// with AllowlistAnd every non-empty part must match (some regex and some
// stopword). It does not allocate.
func (c *compiledAllowlist) allows(secret []byte) bool {
	if len(c.res) == 0 && c.stops == nil {
		return false
	}
	reHit := false
	for _, re := range c.res {
		if re.Match(secret) {
			reHit = true
			break
		}
	}
	if c.cond == AllowlistOr && reHit {
		return true
	}
	swHit := c.stops != nil && c.stops.contains(secret)
	if c.cond == AllowlistAnd {
		return (len(c.res) == 0 || reHit) && (c.stops == nil || swHit)
	}
	return swHit
}

// AppendToken appends the token the engine writes for secret found by rule
// ruleID to dst and returns the extended slice; for example a multi-line PEM
// follower renders the token of a block it redacts itself. It does not
// retain secret and allocates only to grow dst.
func (e *Engine) AppendToken(dst []byte, ruleID string, secret []byte) []byte {
	var fp [FingerprintLen]byte
	return appendToken(dst, e.tpl, ruleID, e.fp.Append(fp[:0], secret))
}

// Token returns the token the engine writes for a secret found by rule.
func (e *Engine) Token(rule string, secret []byte) string {
	return string(e.AppendToken(nil, rule, secret))
}

// Fingerprint returns the fingerprint of secret under the engine's key.
func (e *Engine) Fingerprint(secret []byte) string { return e.fp.String(secret) }
