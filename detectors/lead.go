package detectors

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// leadWidth bounds how far a match of a rule's regex can start before the
// keyword occurrence it contains, so that the engine can start the regex
// window just before a keyword hit instead of MaxLen bytes before it: the
// regex engine's cost grows with the window.
//
// It walks the regex's top-level concatenation (through capture groups) and
// adds up the maximum byte widths of the elements until it reaches one that
// every match of begins with one of the keywords (ASCII case-insensitive),
// for example `(?:^|[^A-Za-z0-9]|\x1b\[[0-9;]{0,12}m)` then `ghp_`. It
// returns that sum and true, or false when the regex has no such element or
// an element before it is unbounded. The result is a property of the regex
// only; a wrong answer could only make the engine miss matches, so every
// case it does not understand returns false.
func leadWidth(re string, keywords []string) (int, bool) {
	lead, _, ok := leadTrail(re, keywords)
	return lead, ok
}

// leadTrail is leadWidth that also returns trail: the most bytes a match can
// take from the start of that keyword element to its end, or -1 when that is
// unbounded.
func leadTrail(re string, keywords []string) (lead, trail int, ok bool) {
	if len(keywords) == 0 {
		return 0, -1, false
	}
	t, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return 0, -1, false
	}
	lower := make([]string, len(keywords))
	for i, k := range keywords {
		lower[i] = asciiLower(k)
	}
	elems := flatten(t, nil)
	w := 0
	for i, e := range elems {
		if startsWithKeyword(elems[i:], lower) {
			trail := 0
			for _, r := range elems[i:] {
				rw, ok := maxWidth(r)
				if !ok {
					return w, -1, true
				}
				trail += rw
			}
			return w, trail, true
		}
		ew, ok := maxWidth(e)
		if !ok {
			return 0, -1, false
		}
		w += ew
	}
	return 0, -1, false
}

// flatten appends the elements of the concatenation e to out, splicing in
// nested concatenations and capture groups (neither changes what matches).
func flatten(e *syntax.Regexp, out []*syntax.Regexp) []*syntax.Regexp {
	switch e.Op {
	case syntax.OpCapture:
		return flatten(e.Sub[0], out)
	case syntax.OpConcat:
		for _, s := range e.Sub {
			out = flatten(s, out)
		}
		return out
	}
	return append(out, e)
}

// startsWithKeyword reports whether every match of the concatenation elems
// begins with one of the lowercase keywords.
func startsWithKeyword(elems []*syntax.Regexp, keywords []string) bool {
	ps, ok := literalPrefixes(elems, 64)
	if !ok || len(ps) == 0 {
		return false
	}
	for _, p := range ps {
		hit := false
		for _, k := range keywords {
			if len(p) >= len(k) && asciiLower(p[:len(k)]) == k {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// literalPrefixes returns literal strings such that every match of the
// concatenation elems begins with one of them, extending through leading
// elements that are literals, captures or alternations of literals; at most
// limit strings. Case-folded literals give their text as written, which is
// enough because keywords are compared without case. ok is false when elems
// does not start with a literal.
func literalPrefixes(elems []*syntax.Regexp, limit int) ([]string, bool) {
	prefixes := []string{""}
	for _, e := range elems {
		alts, ok := literalAlternatives(e, limit)
		if !ok {
			break
		}
		if len(prefixes)*len(alts) > limit {
			break
		}
		var next []string
		for _, p := range prefixes {
			for _, a := range alts {
				next = append(next, p+a)
			}
		}
		prefixes = next
	}
	if len(prefixes) == 1 && prefixes[0] == "" {
		return nil, false
	}
	return prefixes, true
}

// literalAlternatives returns every string e can match when e is a literal,
// or a capture, concatenation or alternation of literals.
func literalAlternatives(e *syntax.Regexp, limit int) ([]string, bool) {
	switch e.Op {
	case syntax.OpLiteral:
		return []string{string(e.Rune)}, true
	case syntax.OpCapture:
		return literalAlternatives(e.Sub[0], limit)
	case syntax.OpConcat:
		ps, ok := literalPrefixes(e.Sub, limit)
		if !ok {
			return nil, false
		}
		// Only a concatenation made wholly of literals is one literal.
		for _, s := range e.Sub {
			if _, ok := literalAlternatives(s, limit); !ok {
				return nil, false
			}
		}
		return ps, true
	case syntax.OpAlternate:
		var out []string
		for _, s := range e.Sub {
			a, ok := literalAlternatives(s, limit)
			if !ok || len(out)+len(a) > limit {
				return nil, false
			}
			out = append(out, a...)
		}
		return out, true
	}
	return nil, false
}

// maxWidth returns the most bytes a match of e can take, or false when it is
// unbounded or not understood.
func maxWidth(e *syntax.Regexp) (int, bool) {
	switch e.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0, true
	case syntax.OpLiteral:
		n := 0
		for _, r := range e.Rune {
			n += runeWidth(r, e.Flags&syntax.FoldCase != 0)
		}
		return n, true
	case syntax.OpCharClass:
		hi := rune(0)
		for i := 1; i < len(e.Rune); i += 2 {
			hi = max(hi, e.Rune[i])
		}
		return runeWidth(hi, false), true
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return utf8.UTFMax, true
	case syntax.OpCapture:
		return maxWidth(e.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, s := range e.Sub {
			w, ok := maxWidth(s)
			if !ok {
				return 0, false
			}
			n += w
		}
		return n, true
	case syntax.OpAlternate:
		n := 0
		for _, s := range e.Sub {
			w, ok := maxWidth(s)
			if !ok {
				return 0, false
			}
			n = max(n, w)
		}
		return n, true
	case syntax.OpQuest:
		return maxWidth(e.Sub[0])
	case syntax.OpRepeat:
		if e.Max < 0 {
			return 0, false
		}
		w, ok := maxWidth(e.Sub[0])
		return w * e.Max, ok
	}
	return 0, false // star, plus, anything new
}

// runeWidth is the longest UTF-8 encoding of r, or with fold of any rune
// that r matches case-insensitively: the folds of 'k' and 's' include the
// Kelvin sign (3 bytes) and the long s (2 bytes).
func runeWidth(r rune, fold bool) int {
	if fold {
		w := 0
		for f := r; ; {
			w = max(w, utf8.RuneLen(f))
			if f = unicode.SimpleFold(f); f == r {
				return w
			}
		}
	}
	if r < 0 || r > utf8.MaxRune {
		return utf8.UTFMax
	}
	return utf8.RuneLen(r)
}
