package detectors

import (
	"bytes"
	"fmt"
	"strings"
)

// tokenPart is one piece of a parsed token template: literal text, the rule
// id or the fingerprint.
type tokenPart struct {
	kind int // partLit, partRule or partFP
	lit  string
}

const (
	partLit = iota
	partRule
	partFP
)

// parseTemplate splits a token template into parts. The template must contain
// {fp} and must not contain '"', '\', '\n' or '\r', so that a token never
// needs escaping in JSON or in a quoted string.
func parseTemplate(tpl string) ([]tokenPart, error) {
	if !strings.Contains(tpl, "{fp}") {
		return nil, fmt.Errorf("token template %q: must contain {fp}", tpl)
	}
	if strings.ContainsAny(tpl, "\"\\\n\r") {
		return nil, fmt.Errorf("token template %q: must not contain quotes, backslashes or newlines", tpl)
	}
	var parts []tokenPart
	lit := func(s string) {
		if s == "" {
			return
		}
		if n := len(parts); n > 0 && parts[n-1].kind == partLit {
			parts[n-1].lit += s
			return
		}
		parts = append(parts, tokenPart{kind: partLit, lit: s})
	}
	for t := tpl; t != ""; {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			lit(t)
			break
		}
		lit(t[:i])
		t = t[i:]
		switch {
		case strings.HasPrefix(t, "{rule}"):
			parts = append(parts, tokenPart{kind: partRule})
			t = t[len("{rule}"):]
		case strings.HasPrefix(t, "{fp}"):
			parts = append(parts, tokenPart{kind: partFP})
			t = t[len("{fp}"):]
		default:
			lit("{")
			t = t[1:]
		}
	}
	for i := 1; i < len(parts); i++ {
		if parts[i].kind != partLit && parts[i-1].kind != partLit {
			return nil, fmt.Errorf("token template %q: placeholders must be separated by text", tpl)
		}
	}
	return parts, nil
}

// MaxRuleIDLen is the longest rule id. Tokens carry at most this many bytes
// of a Scanner's longer Match.RuleID.
const MaxRuleIDLen = 64

// appendToken renders the token for rule and the fingerprint fp onto dst.
// Bytes of rule outside [a-z0-9-] (possible only in a Scanner's
// Match.RuleID) are written as '-', so a token never holds a quote or a
// backslash; a rule longer than MaxRuleIDLen is cut there.
func appendToken[T string | []byte](dst []byte, tpl []tokenPart, rule string, fp T) []byte {
	for _, p := range tpl {
		switch p.kind {
		case partLit:
			dst = append(dst, p.lit...)
		case partFP:
			dst = append(dst, fp...)
		case partRule:
			for i := 0; i < len(rule) && i < MaxRuleIDLen; i++ {
				c := rule[i]
				if !isIDByte(c) {
					c = '-'
				}
				dst = append(dst, c)
			}
		}
	}
	return dst
}

// tokenLen is the length of a token for rule.
func tokenLen(tpl []tokenPart, rule string) int {
	n := 0
	for _, p := range tpl {
		switch p.kind {
		case partLit:
			n += len(p.lit)
		case partFP:
			n += FingerprintLen
		case partRule:
			n += min(len(rule), MaxRuleIDLen)
		}
	}
	return n
}

func isIDByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' }

func isLowerHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

// matchToken reports the end of a token of the engine's template starting at
// line[i], or -1. {rule} matches one or more id bytes, {fp} exactly
// FingerprintLen lowercase hex digits.
func (e *Engine) matchToken(line []byte, i int) int {
	return matchParts(e.tpl, line, i)
}

func matchParts(parts []tokenPart, line []byte, i int) int {
	if len(parts) == 0 {
		return i
	}
	p := parts[0]
	switch p.kind {
	case partLit:
		if !hasPrefixString(line[i:], p.lit) {
			return -1
		}
		return matchParts(parts[1:], line, i+len(p.lit))
	case partFP:
		if i+FingerprintLen > len(line) {
			return -1
		}
		for j := i; j < i+FingerprintLen; j++ {
			if !isLowerHex(line[j]) {
				return -1
			}
		}
		return matchParts(parts[1:], line, i+FingerprintLen)
	default: // partRule: the next part is a literal (parseTemplate ensures it) or the end
		j := i
		for j < len(line) && j-i < MaxRuleIDLen && isIDByte(line[j]) {
			j++
		}
		// An id ends where its run of id bytes ends when the text after it
		// cannot start with an id byte (":" in the default template);
		// otherwise try the longest id first, at most MaxRuleIDLen tries.
		if len(parts) > 1 && !isIDByte(parts[1].lit[0]) {
			if j == i {
				return -1
			}
			return matchParts(parts[1:], line, j)
		}
		for ; j > i; j-- {
			if end := matchParts(parts[1:], line, j); end >= 0 {
				return end
			}
		}
		return -1
	}
}

func hasPrefixString(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

// tokenSpans appends the spans [start, end) of the tokens already in line to
// out, so that redacting a redacted line again changes nothing.
func (e *Engine) tokenSpans(line []byte, out [][2]int32) [][2]int32 {
	lead := e.tplLead
	for i := 0; i < len(line); {
		if len(lead) > 0 {
			j := bytes.Index(line[i:], lead)
			if j < 0 {
				break
			}
			i += j
		}
		if end := e.matchToken(line, i); end > i {
			out = append(out, [2]int32{int32(i), int32(end)})
			i = end
			continue
		}
		i++
	}
	return out
}
