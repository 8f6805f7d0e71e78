package builtin

import (
	"regexp/syntax"
	"strconv"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors"
)

// genericKeywordsA are words that occur on most log lines; a keyword this
// common would make the prefilter useless.
var genericKeywordsA = []string{"key", "token", "secret", "auth", "password", "api", "bearer", "authorization", "access"}

func TestCatalogueAHygiene(t *testing.T) {
	rules := catalogueA()
	if len(rules) < 80 {
		t.Errorf("catalogueA() has %d rules; want at least 80", len(rules))
	}
	for _, r := range rules {
		if r.MaxLen <= 0 {
			t.Errorf("rule %s: MaxLen = %d; want > 0 so the engine can window the regex", r.ID, r.MaxLen)
		}
		re, err := syntax.Parse(r.Regex, syntax.Perl)
		if err != nil {
			t.Errorf("rule %s: %v", r.ID, err)
			continue
		}
		if n, bounded := maxMatchLenA(re.Simplify()); bounded && n > r.MaxLen {
			t.Errorf("rule %s: regex matches up to %d bytes; MaxLen is %d", r.ID, n, r.MaxLen)
		}
		if r.SecretGroup < 1 {
			t.Errorf("rule %s: SecretGroup = %d; want the secret in a capture group", r.ID, r.SecretGroup)
		}
		seen := map[string]bool{}
		for _, k := range r.Keywords {
			lk := strings.ToLower(k)
			if seen[lk] {
				t.Errorf("rule %s: keyword %q listed twice (keywords are case-insensitive)", r.ID, k)
			}
			seen[lk] = true
			for _, g := range genericKeywordsA {
				if lk == g {
					t.Errorf("rule %s: keyword %q is too generic for the prefilter", r.ID, k)
				}
			}
			if len(k) < 2 {
				t.Errorf("rule %s: keyword %q is shorter than 2 bytes", r.ID, k)
			}
		}
	}
}

// TestCatalogueAExactSpans checks that each true positive of a catalogue A
// rule is found as exactly its secret, public prefix included (the token
// replaces it all), and that its line holds one of the rule's keywords.
func TestCatalogueAExactSpans(t *testing.T) {
	byID := map[string]detectors.Rule{}
	for _, r := range catalogueA() {
		byID[r.ID] = r
	}
	n := 0
	for _, c := range allCases {
		r, ok := byID[c.id]
		if !ok {
			continue
		}
		n++
		e, err := detectors.New([]detectors.Rule{r}, detectors.Options{Key: testKey})
		if err != nil {
			t.Fatalf("New(%s) = %v", r.ID, err)
		}
		for _, p := range c.tps {
			hasKW := false
			for _, k := range r.Keywords {
				hasKW = hasKW || strings.Contains(strings.ToLower(p.line), strings.ToLower(k))
			}
			if !hasKW {
				t.Errorf("rule %s: line %q holds none of keywords %q", r.ID, p.line, r.Keywords)
			}
			_, fs := e.Redact(nil, []byte(p.line))
			exact := false
			for _, f := range fs {
				exact = exact || p.line[f.Start:f.End] == p.secret
			}
			if !exact {
				t.Errorf("rule %s: Redact(%q) spans %+v; want one exactly covering the %d-byte secret", r.ID, p.line, fs, len(p.secret))
			}
		}
	}
	if n != len(byID) {
		t.Errorf("%d of %d catalogue A rules have cases", n, len(byID))
	}
}

// maxMatchLenA returns the longest match of re in bytes, and false when it
// is unbounded.
func maxMatchLenA(re *syntax.Regexp) (int, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0, true
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += len(string(r))
		}
		return n, true
	case syntax.OpCharClass:
		hi := re.Rune[len(re.Rune)-1] // ranges are sorted
		return len(string(hi)), true
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return 4, true
	case syntax.OpCapture:
		return maxMatchLenA(re.Sub[0])
	case syntax.OpConcat:
		total := 0
		for _, s := range re.Sub {
			n, ok := maxMatchLenA(s)
			if !ok {
				return 0, false
			}
			total += n
		}
		return total, true
	case syntax.OpAlternate:
		best := 0
		for _, s := range re.Sub {
			n, ok := maxMatchLenA(s)
			if !ok {
				return 0, false
			}
			best = max(best, n)
		}
		return best, true
	case syntax.OpQuest:
		return maxMatchLenA(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 {
			return 0, false
		}
		n, ok := maxMatchLenA(re.Sub[0])
		return n * re.Max, ok
	default: // OpStar, OpPlus
		return 0, false
	}
}

// TestCatalogueARandomNegatives feeds catalogue A lines full of values that
// look random but are not credentials (digests, ids, base64 blobs, PEM
// bodies, UUIDs) in neutral contexts; no rule may fire.
func TestCatalogueARandomNegatives(t *testing.T) {
	e, err := detectors.New(catalogueA(), detectors.Options{Key: testKey})
	if err != nil {
		t.Fatalf("New(catalogueA()) = %v", err)
	}
	shapes := []struct {
		tpl      string
		alphabet string
		n        int
	}{
		{`{"level":"info","msg":"upload done","sha256":"{s}"}`, hexA, 64},
		{`commit {s} Merge pull request #4411 from acme/fix`, hexA, 40},
		{`etag: "{s}"`, hexA, 32},
		{`10.0.0.1 - - [14/May/2024:08:00:00 +0000] "GET /static/app.{s}.js HTTP/1.1" 200 5120`, hexA, 20},
		{`request_id={s} status=200 duration_ms=12`, hexA + "-", 36},
		{`{s}`, b64A, 64}, // a PEM certificate body line
		{`<img src="data:image/png;base64,{s}=">`, b64A, 211},
		{`integrity="sha512-{s}=="`, b64A, 86},
		{`trace_id={s} span_id=1f2e3d4c5b6a7980`, hexA, 32},
		{`go: downloading example.com/mod v1.2.3 h1:{s}=`, b64A, 43},
		{`container {s} started`, hexA, 64},
		{`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{s} ci@runner`, b64A, 43},
		{`session cookie rotated, len=48 value hash {s}`, upAlnumA, 26},
	}
	fired := map[string]int{}
	for i := range 20000 {
		sh := shapes[i%len(shapes)]
		line := strings.ReplaceAll(sh.tpl, "{s}", fakeA("neg-"+strconv.Itoa(i), sh.alphabet, sh.n))
		if _, fs := e.Redact(nil, []byte(line)); len(fs) > 0 {
			for _, f := range fs {
				if fired[f.RuleID] == 0 {
					t.Errorf("rule %s fired on a non-secret: %q", f.RuleID, line)
				}
				fired[f.RuleID]++
			}
		}
	}
}
