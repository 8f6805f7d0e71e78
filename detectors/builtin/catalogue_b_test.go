package builtin

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/redactd/redactd/detectors"
)

// TestCatalogueBShape checks properties the engine relies on for every rule
// of catalogue B, using each rule's true positives: the secret group captures
// exactly the whole secret, the full match fits in MaxLen, a keyword hit lies
// close enough that a MaxLen window around it contains the match, and
// redacting the redacted line again finds nothing.
func TestCatalogueBShape(t *testing.T) {
	rules := catalogueB()
	eng, err := detectors.New(rules, detectors.Options{Key: testKey})
	if err != nil {
		t.Fatalf("New(catalogueB()) = %v", err)
	}
	cases := map[string]ruleCase{}
	for _, c := range allCases {
		cases[c.id] = c
	}
	for _, r := range rules {
		t.Run(r.ID, func(t *testing.T) {
			if r.MaxLen <= 0 {
				t.Errorf("MaxLen = %d; want > 0", r.MaxLen)
			}
			if r.SecretGroup != 1 {
				t.Errorf("SecretGroup = %d; want 1", r.SecretGroup)
			}
			for _, k := range r.Keywords {
				if len(k) < 2 {
					t.Errorf("keyword %q is too short to gate on", k)
				}
			}
			re := regexp.MustCompile(r.Regex)
			parsed, err := syntax.Parse(r.Regex, syntax.Perl)
			if err != nil {
				t.Fatalf("syntax.Parse = %v", err)
			}
			if n := maxLenB(parsed); n > r.MaxLen {
				t.Errorf("regex matches up to %d bytes; MaxLen is %d", n, r.MaxLen)
			}
			c, ok := cases[r.ID]
			if !ok {
				t.Fatalf("no case table")
			}
			for _, p := range c.tps {
				line := []byte(p.line)
				loc := re.FindSubmatchIndex(line)
				for loc != nil && string(line[loc[2]:loc[3]]) != p.secret {
					next := re.FindSubmatchIndex(line[loc[1]:])
					if next == nil {
						loc = nil
						break
					}
					for i := range next {
						if next[i] >= 0 {
							next[i] += loc[1]
						}
					}
					loc = next
				}
				if loc == nil {
					t.Errorf("regex on %q: group 1 never equals the whole secret %q", p.line, p.secret)
					continue
				}
				if n := loc[1] - loc[0]; n > r.MaxLen {
					t.Errorf("match on %q is %d bytes; MaxLen is %d", p.line, n, r.MaxLen)
				}
				if !keywordNearB(line, r.Keywords, loc[0], loc[1], r.MaxLen) {
					t.Errorf("no keyword of %q within MaxLen %d of the match on %q", r.Keywords, r.MaxLen, p.line)
				}
				out, _ := eng.Redact(nil, line)
				again, fs := eng.Redact(nil, out)
				if len(fs) != 0 || !bytes.Equal(again, out) {
					t.Errorf("Redact(Redact(%q)) found %+v; want nothing", p.line, fs)
				}
			}
		})
	}
}

// keywordNearB reports whether one of kws occurs (ASCII case-insensitively)
// so that the window [hit-maxLen, hitEnd+maxLen] contains line[s:e].
func keywordNearB(line []byte, kws []string, s, e, maxLen int) bool {
	low := strings.ToLower(string(line))
	for _, k := range kws {
		k = strings.ToLower(k)
		for off := 0; ; {
			i := strings.Index(low[off:], k)
			if i < 0 {
				break
			}
			h := off + i
			if h-maxLen <= s && e <= h+len(k)+maxLen {
				return true
			}
			off = h + 1
		}
	}
	return false
}

// maxLenB returns the most bytes re can match, or -1 when unbounded (then
// MaxLen is only a practical bound and is not checked).
func maxLenB(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += utf8.RuneLen(r)
		}
		return n
	case syntax.OpCharClass:
		hi := rune(0)
		for i := 1; i < len(re.Rune); i += 2 {
			hi = max(hi, re.Rune[i])
		}
		return utf8.RuneLen(min(hi, utf8.MaxRune))
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return utf8.UTFMax
	case syntax.OpCapture:
		return maxLenB(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return -1
	case syntax.OpQuest:
		return maxLenB(re.Sub[0])
	case syntax.OpRepeat:
		n := maxLenB(re.Sub[0])
		if n < 0 || re.Max < 0 {
			return -1
		}
		return n * re.Max
	case syntax.OpConcat:
		t := 0
		for _, s := range re.Sub {
			n := maxLenB(s)
			if n < 0 {
				return -1
			}
			t += n
		}
		return t
	case syntax.OpAlternate:
		m := 0
		for _, s := range re.Sub {
			n := maxLenB(s)
			if n < 0 {
				return -1
			}
			m = max(m, n)
		}
		return m
	}
	return -1
}
