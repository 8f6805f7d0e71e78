package detectors

import (
	"bytes"
	"cmp"
	"slices"
)

// cand is one candidate secret on its way to a Finding.
type cand struct {
	start, end   int    // span to replace (widened to whole escape sequences)
	sStart, sEnd int    // the secret itself, which is fingerprinted
	rule         string // rule id
	context      string
	severity     Severity
	provider     bool  // found by a regex rule, not by a Scanner
	order        int32 // rule index, or len(rules)+scanner index
}

// ownerHit is a keyword occurrence attributed to one of its owners.
type ownerHit struct {
	owner      int32
	start, end int32
}

// scratch is per-call working memory, pooled so that Redact does not
// allocate on lines without findings. It holds no reference to a line after
// Redact returns.
type scratch struct {
	hits   []pfHit
	ohits  []ownerHit
	cands  []cand
	ms     []Match
	tokens [][2]int32
	gated  []bool
}

// Redact finds the secrets in line and replaces each with a token.
//
// When line holds no secret, Redact returns line itself and nil findings and
// does not allocate. Otherwise it appends the redacted line to dst and returns
// the extended slice, with the findings in line order; Finding spans refer to
// line. Redact never modifies or retains line. It is safe for concurrent use.
//
// Overlapping candidate spans, from any rules and scanners, become one token.
// Spans that only touch stay separate tokens.
// The candidate that names it (rule id, context, severity, and the bytes that
// are fingerprinted) is chosen in this order: a regex rule beats a Scanner
// (a provider format is more specific than "a value after password="); then
// the longer secret wins; then the rule listed first, and rules come before
// scanners in Options order. The token replaces the union of the spans.
//
// A span is widened so that it never splits a backslash escape sequence (\",
// \\, \uXXXX, \xXX): a JSON line stays valid JSON, because a token never
// contains '"' or '\'. Candidates inside a token already on the line are
// ignored, and Redact checks its own output again (replacing text changes
// what \b and similar assertions see next to a token) until nothing new is
// found, so redacting the output again changes nothing.
func (e *Engine) Redact(dst, line []byte) ([]byte, []Finding) {
	if len(line) > MaxLineLen {
		// Offsets are int32 inside; fail closed rather than scan partly.
		fs := []Finding{{RuleID: OversizeRuleID, Start: 0, End: len(line), Fingerprint: e.fp.String(line), Context: ContextText, Severity: SeverityHigh}}
		return e.render(dst, line, fs), fs
	}
	fs := e.find(line)
	if fs == nil {
		return line, nil
	}
	base := len(dst)
	out := e.render(dst, line, fs)
	// Replacing text changes the context that regex assertions such as \b
	// see next to a token, so the output can hold a candidate the line did
	// not ("pin:000000sk_x" hides a PIN that "pin:000000[REDACTED:...]"
	// shows). Redact again until nothing new is found, so that redacting
	// the output again changes nothing. Only lines with findings pay, and
	// almost always for one extra pass that finds nothing.
	converged := false
	for range maxPasses {
		more := e.find(out[base:])
		if more == nil {
			converged = true
			break
		}
		fs = e.mergePass(fs, more)
		out = e.render(out[:base], line, fs)
	}
	if !converged && e.find(out[base:]) != nil {
		// Every pass found more and the output still holds more: crafted
		// input such as "token=\ \ \ ... 0", where each token swallows
		// the escaped space that ended the value before it, so the next
		// pass reads a longer value. Fail closed: the line becomes one
		// token, which redacting again leaves alone.
		fs = []Finding{{RuleID: UnstableRuleID, Start: 0, End: len(line), Fingerprint: e.fp.String(line), Context: ContextText, Severity: SeverityHigh}}
		out = e.render(out[:base], line, fs)
	}
	return out, fs
}

// UnstableRuleID names the token of a line whose redaction kept finding
// more in its own output after maxPasses passes.
const UnstableRuleID = "unstable-line"

// MaxLineLen is the longest line Redact scans. A longer line is replaced
// whole by one token of rule OversizeRuleID (fail closed); pipelines cut lines
// far shorter than this.
const MaxLineLen = 1<<31 - 1

// OversizeRuleID names the token of a line longer than MaxLineLen.
const OversizeRuleID = "oversize-line"

// maxPasses bounds the extra passes of Redact over its own output. Each pass
// that finds something turns at least one more byte into a token.
const maxPasses = 8

// find returns the merged findings in line, with fingerprints, or nil.
func (e *Engine) find(line []byte) []Finding {
	var hb [16]pfHit
	hits := e.pf.scan(line, hb[:0])
	if len(hits) == 0 && len(e.always) == 0 {
		// No keyword: only the ungated scanners can find anything, and
		// this path, the common one, must not touch the pool until one
		// does.
		var ms []Match
		k := 0
		for ; k < len(e.ungated); k++ {
			if ms = e.ungated[k].s.Scan(line, ms); len(ms) > 0 {
				break
			}
		}
		if k == len(e.ungated) {
			return nil
		}
		sc := e.pool.Get().(*scratch)
		sc.cands = e.addScannerMatches(sc.cands[:0], line, ms, e.ungated[k].order)
		for _, s := range e.ungated[k+1:] {
			n := len(ms)
			ms = s.s.Scan(line, ms)
			sc.cands = e.addScannerMatches(sc.cands, line, ms[n:], s.order)
		}
		e.findTokens(sc, line)
		fs := e.finish(sc, line)
		e.release(sc)
		return fs
	}
	sc := e.pool.Get().(*scratch)
	sc.hits = append(sc.hits[:0], hits...)
	fs := e.findHits(sc, line)
	e.release(sc)
	return fs
}

// release returns sc to the pool without the rule and scanner strings it
// refers to.
func (e *Engine) release(sc *scratch) {
	clear(sc.cands)
	sc.cands = sc.cands[:0]
	e.pool.Put(sc)
}

// findTokens sets sc.tokens to the spans of the tokens already on line.
func (e *Engine) findTokens(sc *scratch, line []byte) {
	sc.tokens = sc.tokens[:0]
	if len(e.tplLead) == 0 || bytes.Contains(line, e.tplLead) {
		sc.tokens = e.tokenSpans(line, sc.tokens)
	}
}

// findHits runs every rule and scanner that the keyword hits in sc.hits
// (and the rules without keywords) call for.
func (e *Engine) findHits(sc *scratch, line []byte) []Finding {
	sc.cands = sc.cands[:0]
	sc.ohits = sc.ohits[:0]
	// Keywords inside tokens already on the line ("pat" in
	// [REDACTED:github-pat:...]) gate nothing: a candidate inside a token
	// is dropped anyway. This saves the regex runs of Redact's check of its
	// own output.
	e.findTokens(sc, line)
	if len(sc.tokens) > 0 {
		kept, t := sc.hits[:0], 0
		for _, h := range sc.hits { // both sorted by start
			for t < len(sc.tokens) && sc.tokens[t][1] <= h.start {
				t++
			}
			if t < len(sc.tokens) && sc.tokens[t][0] <= h.start && h.end <= sc.tokens[t][1] {
				continue
			}
			kept = append(kept, h)
		}
		sc.hits = kept
	}
	for _, h := range sc.hits {
		for _, o := range e.owners[h.id] {
			sc.ohits = append(sc.ohits, ownerHit{owner: o, start: h.start, end: h.end})
		}
	}
	slices.SortFunc(sc.ohits, func(a, b ownerHit) int {
		if a.owner != b.owner {
			return int(a.owner - b.owner)
		}
		return int(a.start - b.start)
	})
	for _, r := range e.always {
		sc.cands = e.runRule(sc.cands, r, line, 0, len(line))
	}
	sc.gated = sc.gated[:0]
	for range e.gated {
		sc.gated = append(sc.gated, false)
	}
	nr := int32(len(e.rules))
	for i := 0; i < len(sc.ohits); {
		o := sc.ohits[i].owner
		j := i + 1
		for j < len(sc.ohits) && sc.ohits[j].owner == o {
			j++
		}
		if o >= nr {
			sc.gated[o-nr] = true
		} else {
			sc.cands = e.runRuleHits(sc.cands, e.rules[o], line, sc.ohits[i:j])
		}
		i = j
	}
	ms := sc.ms[:0]
	for _, s := range e.ungated {
		n := len(ms)
		ms = s.s.Scan(line, ms)
		sc.cands = e.addScannerMatches(sc.cands, line, ms[n:], s.order)
	}
	for g, s := range e.gated {
		if sc.gated[g] {
			n := len(ms)
			ms = s.s.Scan(line, ms)
			sc.cands = e.addScannerMatches(sc.cands, line, ms[n:], s.order)
		}
	}
	clear(ms) // drop the scanners' strings from the pooled scratch
	sc.ms = ms[:0]
	if len(sc.cands) == 0 {
		return nil
	}
	return e.finish(sc, line)
}

// addScannerMatches appends the matches ms of the scanner ranked order to
// cs, clipped to the line; empty spans are dropped.
func (e *Engine) addScannerMatches(cs []cand, line []byte, ms []Match, order int32) []cand {
	for _, m := range ms {
		s, t := max(m.Start, 0), min(m.End, len(line))
		if s >= t {
			continue
		}
		cs = append(cs, cand{start: s, end: t, sStart: s, sEnd: t, rule: m.RuleID, context: m.Context, severity: m.Severity, order: order})
	}
	return cs
}

// runRuleHits runs rule r in windows around its keyword hits hs (sorted by
// start) and appends the candidates to cs.
func (e *Engine) runRuleHits(cs []cand, r *compiledRule, line []byte, hs []ownerHit) []cand {
	if r.MaxLen <= 0 {
		return e.runRule(cs, r, line, 0, len(line))
	}
	n0 := len(cs)
	// A window runs from pre bytes before a hit to post bytes after its
	// start. Without more knowledge a match holding the hit starts after
	// hit.end-MaxLen and ends by hit.start+MaxLen, so pre = MaxLen and
	// post = MaxLen+1 leave a byte of slack on each side. When the regex says
	// how far a match reaches before and after the start of its keyword
	// (lead, trail), the window is one byte wider than that on each side,
	// so that a match never touches a window edge, where ^, $ and \b would
	// see the edge instead of the line.
	pre, post := r.MaxLen, r.MaxLen+1
	if r.lead >= 0 && r.lead+1 < pre {
		pre = r.lead + 1
	}
	if r.trail >= 0 && r.trail+1 < post {
		post = r.trail + 1
	}
	for i := 0; i < len(hs); {
		ws, we := max(0, int(hs[i].start)-pre), min(len(line), max(int(hs[i].start)+post, int(hs[i].end)))
		j := i + 1
		for j < len(hs) && int(hs[j].start)-pre <= we {
			we = max(we, min(len(line), max(int(hs[j].start)+post, int(hs[j].end))))
			j++
		}
		var edge bool
		cs, edge = e.runWindow(cs, r, line, ws, we)
		if edge {
			// A match touching a window edge inside the line may be cut
			// short (or made possible) by the edge: redo on the whole line.
			return e.runRule(cs[:n0], r, line, 0, len(line))
		}
		i = j
	}
	return cs
}

// runRule runs rule r over line[ws:we] and appends the candidates to cs.
func (e *Engine) runRule(cs []cand, r *compiledRule, line []byte, ws, we int) []cand {
	cs, _ = e.runWindow(cs, r, line, ws, we)
	return cs
}

// runWindow runs rule r over line[ws:we]. It reports edge when a match
// touches a window edge that is not a line edge.
func (e *Engine) runWindow(cs []cand, r *compiledRule, line []byte, ws, we int) ([]cand, bool) {
	locs := r.re.FindAllSubmatchIndex(line[ws:we], -1)
	edge := false
	for _, loc := range locs {
		if (loc[0] == 0 && ws > 0) || (loc[1] == we-ws && we < len(line)) {
			edge = true
		}
		s, t := loc[2*r.SecretGroup], loc[2*r.SecretGroup+1]
		if s < 0 || s >= t {
			continue
		}
		s, t = s+ws, t+ws
		secret := line[s:t]
		if r.Entropy > 0 && ShannonEntropy(secret) < r.Entropy {
			continue
		}
		if r.Validate != nil && !r.Validate(secret) {
			continue
		}
		if r.allowlist.allows(secret) {
			continue
		}
		cs = append(cs, cand{start: s, end: t, sStart: s, sEnd: t, rule: r.ID, context: r.context, severity: r.Severity, provider: true, order: int32(r.index)})
	}
	return cs, edge
}

// finish filters sc.cands (disabled ids, global allowlist, existing tokens),
// widens spans over escape sequences and merges overlaps into findings.
func (e *Engine) finish(sc *scratch, line []byte) []Finding {
	cs := sc.cands
	kept := cs[:0]
	for _, c := range cs {
		if e.disabled != nil && e.disabled[c.rule] {
			continue
		}
		if e.global.allows(line[c.sStart:c.sEnd]) {
			continue
		}
		kept = append(kept, c)
	}
	cs = kept
	if len(cs) == 0 {
		return nil
	}
	cs = addCopies(cs, line)
	// Existing tokens: keep only the parts of candidates outside them.
	if len(sc.tokens) > 0 { // found by findHits
		n := len(cs)
		for i := 0; i < n; i++ {
			cs = subtractTokens(cs, i, sc.tokens)
		}
		kept := cs[:0]
		for _, c := range cs {
			if c.sStart < c.sEnd {
				kept = append(kept, c)
			}
		}
		cs = kept
		if len(cs) == 0 {
			sc.cands = cs
			return nil
		}
	}
	for i := range cs {
		cs[i].start, cs[i].end = widenEscapes(line, cs[i].start, cs[i].end)
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	// Merge overlapping spans; count the findings first so that the
	// findings slice and the fingerprint string are each one allocation.
	nf := 0
	for i := 0; i < len(cs); {
		end := cs[i].end
		j := i + 1
		for j < len(cs) && cs[j].start < end {
			end = max(end, cs[j].end)
			j++
		}
		nf++
		i = j
	}
	findings := make([]Finding, 0, nf)
	var fpa [8 * FingerprintLen]byte
	fpb := fpa[:0]
	for i := 0; i < len(cs); {
		best := i
		end := cs[i].end
		j := i + 1
		for ; j < len(cs) && cs[j].start < end; j++ {
			if better(&cs[j], &cs[best]) {
				best = j
			}
			end = max(end, cs[j].end)
		}
		b := &cs[best]
		findings = append(findings, Finding{RuleID: b.rule, Start: cs[i].start, End: end, Context: b.context, Severity: b.severity})
		fpb = e.fp.Append(fpb, line[b.sStart:b.sEnd])
		i = j
	}
	fps := string(fpb)
	for i := range findings {
		findings[i].Fingerprint = fps[i*FingerprintLen : (i+1)*FingerprintLen]
	}
	sc.cands = cs
	return findings
}

// MinCopyLen is the shortest secret whose other copies on the same line are
// redacted too.
const MinCopyLen = 8

// addCopies appends a candidate for every other copy, on the same line, of
// a secret that a rule or scanner found: an error message that repeats a key
// in prose ("API key <k> is not valid") next to the field where it was
// found leaks it as surely as the field. Copies take the finding's rule, and
// fingerprint alike, so they get the same token.
func addCopies(cs []cand, line []byte) []cand {
	n := len(cs)
	for i := 0; i < n; i++ {
		c := cs[i]
		secret := line[c.sStart:c.sEnd]
		if len(secret) < MinCopyLen {
			continue
		}
		for from := 0; from+len(secret) <= len(line); {
			j := bytes.Index(line[from:], secret)
			if j < 0 {
				break
			}
			s, t := from+j, from+j+len(secret)
			from = s + 1
			covered := false
			for k := range cs {
				if cs[k].sStart < t && s < cs[k].sEnd {
					covered = true
					break
				}
			}
			if !covered {
				cp := c
				cp.start, cp.end, cp.sStart, cp.sEnd = s, t, s, t
				cs = append(cs, cp)
			}
		}
	}
	return cs
}

// render appends line to dst with each finding's span replaced by its token.
func (e *Engine) render(dst, line []byte, fs []Finding) []byte {
	prev := 0
	for _, f := range fs {
		dst = append(dst, line[prev:f.Start]...)
		dst = appendToken(dst, e.tpl, f.RuleID, f.Fingerprint)
		prev = f.End
	}
	return append(dst, line[prev:]...)
}

// mergePass folds the findings more, found in the rendered output of fs, into
// fs: their spans are mapped back to the line (a position inside a token maps
// to that token's whole span) and overlapping findings merge, the earlier
// pass naming the result. Both lists are sorted and disjoint, so the mapping
// is one linear walk.
func (e *Engine) mergePass(fs, more []Finding) []Finding {
	all := make([]Finding, 0, len(fs)+len(more))
	all = append(all, fs...)
	var starts, ends outMapper
	for _, f := range more {
		f.Start, f.End = starts.toLine(e, fs, f.Start, false), ends.toLine(e, fs, f.End, true)
		all = append(all, f)
	}
	merged := make([]Finding, 0, len(all))
	i, j := 0, len(fs) // merge the two sorted runs, earlier pass first on ties
	for i < len(fs) || j < len(all) {
		var f Finding
		if j >= len(all) || (i < len(fs) && all[i].Start <= all[j].Start) {
			f, i = all[i], i+1
		} else {
			f, j = all[j], j+1
		}
		if n := len(merged); n > 0 && f.Start < merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, f.End)
			continue
		}
		merged = append(merged, f)
	}
	return merged
}

// outMapper maps increasing positions of the output rendered from fs back to
// the line, walking fs once.
type outMapper struct {
	k     int // fs[:k] lie wholly before the last position mapped
	shift int // output position minus line position after fs[:k]
}

// toLine maps output position p, which must not be less than the previous
// one, to the line. A position inside a token maps to the start of its span,
// or with end set, to its end.
func (m *outMapper) toLine(e *Engine, fs []Finding, p int, end bool) int {
	for ; m.k < len(fs); m.k++ {
		f := fs[m.k]
		ts := f.Start + m.shift
		tl := tokenLen(e.tpl, f.RuleID)
		if end {
			if p <= ts {
				break
			}
			if p <= ts+tl {
				return f.End
			}
		} else {
			if p < ts {
				break
			}
			if p < ts+tl {
				return f.Start
			}
		}
		m.shift += tl - (f.End - f.Start)
	}
	return p - m.shift
}

// better reports whether candidate a names a merged span rather than b.
func better(a, b *cand) bool {
	if a.provider != b.provider {
		return a.provider
	}
	if la, lb := a.sEnd-a.sStart, b.sEnd-b.sStart; la != lb {
		return la > lb
	}
	return a.order < b.order
}

// subtractTokens removes the token spans ts (sorted, disjoint) from the
// secret span of cs[i]. A piece after a token is appended to cs as a new
// candidate; cs[i] keeps the first piece, or becomes empty (sStart == sEnd).
func subtractTokens(cs []cand, i int, ts [][2]int32) []cand {
	c := cs[i]
	pieces := 0
	s := c.sStart
	k, _ := slices.BinarySearchFunc(ts, s, func(t [2]int32, s int) int { return cmp.Compare(int(t[1]), s+1) })
	for _, t := range ts[k:] {
		ts, te := int(t[0]), int(t[1])
		if ts >= c.sEnd {
			break
		}
		if te <= s {
			continue
		}
		if ts > s {
			cs = appendPiece(cs, i, pieces, c, s, ts)
			pieces++
		}
		s = te
	}
	if s < c.sEnd {
		cs = appendPiece(cs, i, pieces, c, s, c.sEnd)
		pieces++
	}
	if pieces == 0 {
		cs[i].sStart, cs[i].sEnd = 0, 0
	}
	return cs
}

func appendPiece(cs []cand, i, k int, c cand, s, t int) []cand {
	c.sStart, c.sEnd, c.start, c.end = s, t, s, t
	if k == 0 {
		cs[i] = c
		return cs
	}
	return append(cs, c)
}

// widenEscapes widens [s, e) so that it neither starts nor ends inside a
// backslash escape sequence: a span must not leave a lone '\' before it (the
// backslash would escape the token's first byte), nor end between a '\' and
// the byte it escapes, nor cut \uXXXX or \xXX.
func widenEscapes(line []byte, s, e int) (int, int) {
	// An odd run of backslashes before s escapes line[s].
	if s > 0 && line[s-1] == '\\' && backslashesBefore(line, s)%2 == 1 {
		s--
	} else {
		// s may sit inside \uXXXX or \xXX: look back for its '\'.
		for p := s - 1; p >= 0 && p >= s-5; p-- {
			if line[p] == '\\' {
				if backslashesBefore(line, p)%2 == 0 && p+escapeLen(line, p) > s {
					s = p
				}
				break
			}
		}
	}
	// Walk escapes from s; an escape that runs past e pulls e along.
	i := s
	for i < e {
		if line[i] == '\\' {
			i += escapeLen(line, i)
			continue
		}
		i++
	}
	return s, min(max(i, e), len(line))
}

// backslashesBefore counts the run of '\' that ends just before line[i].
func backslashesBefore(line []byte, i int) int {
	n := 0
	for i-n-1 >= 0 && line[i-n-1] == '\\' {
		n++
	}
	return n
}

// escapeLen is the length of the escape sequence starting with the '\' at
// line[i]: 6 for \uXXXX, 4 for \xXX, else 2 (1 for a final backslash).
func escapeLen(line []byte, i int) int {
	if i+1 >= len(line) {
		return 1
	}
	want := 0
	switch line[i+1] {
	case 'u':
		want = 4
	case 'x':
		want = 2
	}
	if want > 0 && i+2+want <= len(line) {
		for j := i + 2; j < i+2+want; j++ {
			if !isHex(line[j]) {
				return 2
			}
		}
		return 2 + want
	}
	return 2
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
