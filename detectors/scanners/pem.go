package scanners

import (
	"bytes"
	"slices"

	"github.com/redactd/redactd/detectors"
)

var (
	pemPrivate = []byte("PRIVATE KEY")
	pemBegin   = []byte("-----BEGIN ")
	pemEnd     = []byte("-----END")
	pemDashes  = []byte("-----")
)

// minPEMBody is the shortest body PEMInline reports.
const minPEMBody = 16

// PEMInline finds PEM private keys written on one line, with their newlines
// escaped (\n in JSON, \\n in JSON inside JSON or a Python repr) or flattened
// to spaces. The span is the body between the BEGIN and END lines (or up to
// where the body stops when the line was cut), so readers still see what kind
// of key it was. Certificates and public keys are not reported. PEMInline is
// safe for concurrent use and does not allocate.
type PEMInline struct{}

var _ detectors.Scanner = PEMInline{}

// NewPEMInline returns the single-line PEM private key scanner.
func NewPEMInline() PEMInline { return PEMInline{} }

// Keywords returns the literal every line with a PEM private key holds; an
// engine may skip the scanner on lines without it.
func (PEMInline) Keywords() []string { return []string{"PRIVATE KEY"} }

// Scan appends the private key bodies found in line to out.
func (PEMInline) Scan(line []byte, out []detectors.Match) []detectors.Match {
	from := 0
	for from < len(line) {
		k := bytes.Index(line[from:], pemPrivate)
		if k < 0 {
			return out
		}
		k += from
		hdrEnd, ok := privateHeaderAt(line, k)
		if !ok {
			from = k + len(pemPrivate)
			continue
		}
		bs := skipPEMSep(line, hdrEnd)
		if bs >= len(line) || !isPEMBodyByte(line[bs]) {
			from = hdrEnd // a BEGIN line of a multi-line block: PEMFollower's job
			continue
		}
		var be, next int
		if ek := bytes.Index(line[bs:], pemEnd); ek >= 0 {
			be, next = bs+ek, bs+ek+len(pemEnd)
		} else {
			be = bs
			for be < len(line) && (isPEMBodyByte(line[be]) || line[be] == '\\' || line[be] == ' ' || line[be] == ':' || line[be] == '\n' || line[be] == '\r') {
				be++
			}
			next = be
		}
		be = trimPEMSep(line, bs, be)
		if be-bs >= minPEMBody {
			out = append(out, detectors.Match{RuleID: RulePrivateKey, Start: bs, End: be,
				Context: detectors.ContextPEM, Severity: severityOf(RulePrivateKey)})
		}
		from = next
	}
	return out
}

// privateHeaderAt checks that "PRIVATE KEY" at k sits in a BEGIN header of
// a private key ("-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN PGP PRIVATE
// KEY BLOCK-----") and returns the index after the header's closing dashes.
func privateHeaderAt(line []byte, k int) (int, bool) {
	lo := max(0, k-40)
	b := bytes.LastIndex(line[lo:k], pemBegin)
	if b < 0 {
		return 0, false
	}
	b += lo
	for _, c := range line[b+len(pemBegin) : k] {
		if !(c >= 'A' && c <= 'Z' || c == ' ' || c == '-' || c >= '0' && c <= '9') {
			return 0, false
		}
	}
	rest := line[k+len(pemPrivate):]
	e := bytes.Index(rest[:min(len(rest), 12)], pemDashes)
	if e < 0 {
		return 0, false
	}
	if tail := rest[:e]; len(tail) > 0 && !equalFold(tail, " BLOCK") {
		return 0, false
	}
	return k + len(pemPrivate) + e + len(pemDashes), true
}

func isPEMBodyByte(c byte) bool { return class[c]&cB64 != 0 && c != '-' && c != '_' }

// skipPEMSep skips spaces and escaped line breaks (\n, \\n, \r\n) at i.
func skipPEMSep(line []byte, i int) int {
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			// raw line breaks too: a Kafka message or a captured output
			// can hold a whole PEM block as one record
			i++
		case c == '\\':
			r := 1
			for i+r < len(line) && line[i+r] == '\\' {
				r++
			}
			if i+r < len(line) && (line[i+r] == 'n' || line[i+r] == 'r') {
				i += r + 1
				continue
			}
			return i
		default:
			return i
		}
	}
	return i
}

// trimPEMSep moves e back over spaces and escaped line breaks, never before s.
func trimPEMSep(line []byte, s, e int) int {
	for e > s {
		switch {
		case line[e-1] == ' ' || line[e-1] == '\t' || line[e-1] == '\n' || line[e-1] == '\r':
			e--
		case (line[e-1] == 'n' || line[e-1] == 'r') && e-2 >= s && line[e-2] == '\\':
			e -= 2
			for e > s && line[e-1] == '\\' {
				e--
			}
		default:
			return e
		}
	}
	return e
}

// Tokenizer renders redaction tokens; *detectors.Engine implements it.
type Tokenizer interface {
	// AppendToken appends the token for secret found by ruleID to dst.
	AppendToken(dst []byte, ruleID string, secret []byte) []byte
	// Fingerprint returns the keyed fingerprint of secret.
	Fingerprint(secret []byte) string
}

// DefaultPEMMaxLines bounds the body of a multi-line PEM block: after this
// many lines without an END line the follower gives up and resets. A
// 16384-bit RSA key has about 200 body lines.
const DefaultPEMMaxLines = 256

// PEMOptions configure a PEMFollower. A zero PEMOptions is valid.
type PEMOptions struct {
	// MaxLines bounds the lines redacted after a BEGIN line without an END
	// line; zero means DefaultPEMMaxLines.
	MaxLines int
}

// PEMFollower redacts the body lines of PEM private key blocks that a logger
// wrote one line at a time. It keeps the state of one stream and must be fed
// that stream's lines in order, from one goroutine at a time; make one per
// stream with NewPEMFollower.
//
// The BEGIN and END lines stay as they are. Of each body line, the body (the
// last field, after any timestamp or container prefix, or the "log" string of
// a Docker json-file record) is replaced by a private-key token. A body line
// must look like one: base64 only, as wide as the first body line (the last
// may be shorter), behind the same prefix as the BEGIN line (digits aside) or
// none. The first line that does not ends the block without being changed,
// and so does the END line or MaxLines body lines. Certificates and public
// keys are not secrets and pass unchanged.
type PEMFollower struct {
	tok      Tokenizer
	max      int
	in       bool
	lines    int  // body lines so far
	width    int  // width of the first body line
	last     bool // a short (last) body line was seen: only an END or a PGP checksum may follow
	armor    bool // still in the armor headers (Proc-Type:, Version:) before the body
	shape    [maxShape]byte
	shapeLen int // -1: prefix too long to compare
	nx       nextState
}

const maxShape = 96

// NewPEMFollower returns a follower for one stream that renders tokens with
// tok.
func NewPEMFollower(tok Tokenizer, opts PEMOptions) *PEMFollower {
	m := opts.MaxLines
	if m <= 0 {
		m = DefaultPEMMaxLines
	}
	return &PEMFollower{tok: tok, max: m}
}

// InBlock reports whether the follower holds multi-line state: it is inside
// a private key block, or a line announced that the next lines carry a
// secret (see followNext). A follower that is not InBlock may be dropped and
// replaced by a new one without changing what it redacts.
func (p *PEMFollower) InBlock() bool { return p.in || p.nx.kind != nextNone }

// Follow takes the next line of the stream after Redact (line is the
// redacted line, findings what Redact found, with spans in the original
// line) and returns the line to forward and the findings to keep. When it
// changes nothing it returns line and findings themselves and does not
// allocate; otherwise it appends the new line to dst and returns new
// findings. It never modifies or retains line or findings.
func (p *PEMFollower) Follow(dst, line []byte, findings []detectors.Finding) ([]byte, []detectors.Finding) {
	if b := beginAt(line); b >= 0 {
		if !bytes.Contains(line[b:], pemEnd) {
			// a block on one record (escaped or raw newlines) is
			// PEMInline's; only a BEGIN alone opens a multi-line block
			p.begin(line[:b])
		}
		p.nx.kind = nextNone
		return line, findings
	}
	if !p.in {
		return p.followNext(dst, line, findings)
	}
	if bytes.Contains(line, pemEnd) {
		p.in = false
		return line, findings
	}
	s, e, afterColon := pemBodySpan(line)
	if afterColon && !(p.shapeLen > 0 && bytes.HasSuffix(bytes.TrimRight(line[:s], " \t"), []byte(":")) && p.samePrefix(line[:s])) {
		// "Proc-Type: 4,ENCRYPTED" is an armor header, unless the BEGIN
		// line had the same prefix ending in ": " (syslog, journald:
		// "host app[42]: MIIEvQ..." is a body line).
		s, e = 0, 0
	}
	if e-s == 0 {
		if p.armor && p.lines == 0 && (bytes.Contains(line, []byte(": ")) || len(bytes.TrimSpace(line)) == 0) {
			return line, findings // armor headers and the blank line after them
		}
		p.in = false
		return line, findings
	}
	if !p.samePrefix(line[:s]) {
		p.in = false
		return line, findings
	}
	// widths compare in the original line: Redact may have replaced part
	// of the body with a token of another width
	os, oe := s, e
	if len(findings) > 0 {
		os, oe = p.origSpan(findings, s, e)
	}
	w := oe - os
	switch {
	case p.last:
		// a PGP armor checksum ("=AbCd") may follow the last line
		if line[s] != '=' || w > 8 {
			p.in = false
		}
		return line, findings // the checksum is no secret
	case p.lines == 0:
		if w < minPEMBody && !isOneToken(line[s:e]) {
			p.in = false
			return line, findings
		}
		p.width = w
	case w > p.width:
		p.in = false
		return line, findings
	case w < p.width:
		p.last = true
	}
	p.armor = false
	p.lines++
	if p.lines > p.max {
		p.in = false
		return line, findings
	}
	if isOneToken(line[s:e]) {
		return line, findings
	}
	return p.replace(dst, line, findings, s, e, os, oe, RulePrivateKey, detectors.ContextPEM)
}

// replace returns line with line[s:e] replaced by a token of rule, and
// findings with the new one, whose span in the original line is [os, oe).
func (p *PEMFollower) replace(dst, line []byte, findings []detectors.Finding, s, e, os, oe int, rule, ctx string) ([]byte, []detectors.Finding) {
	secret := line[s:e]
	out := append(dst, line[:s]...)
	out = p.tok.AppendToken(out, rule, secret)
	out = append(out, line[e:]...)
	fs := make([]detectors.Finding, 0, len(findings)+1)
	for _, f := range findings {
		if f.End <= os || f.Start >= oe {
			fs = append(fs, f)
		}
	}
	fs = append(fs, detectors.Finding{RuleID: rule, Start: os, End: oe,
		Fingerprint: p.tok.Fingerprint(secret), Context: ctx,
		Severity: severityOf(rule)})
	slices.SortFunc(fs, func(a, b detectors.Finding) int { return a.Start - b.Start })
	return out, fs
}

func (p *PEMFollower) begin(prefix []byte) {
	p.in, p.lines, p.width, p.last, p.armor = true, 0, 0, false, true
	p.shapeLen = appendShape(p.shape[:0], prefix)
}

// appendShape writes the shape of a line prefix into dst (which has room
// for maxShape bytes): the prefix with every run of digits as one '0', so
// that timestamps of different lines compare equal. It returns the length,
// or -1 when the shape does not fit.
func appendShape(dst []byte, prefix []byte) int {
	n := 0
	for i, c := range prefix {
		if isDigit(c) {
			if i > 0 && isDigit(prefix[i-1]) {
				continue
			}
			c = '0'
		}
		if n == maxShape {
			return -1
		}
		dst = dst[:n+1]
		dst[n] = c
		n++
	}
	return n
}

// samePrefix reports whether a body line's prefix has the BEGIN line's
// shape, or is empty or whitespace (a logger that prefixes only the first
// line of a message).
func (p *PEMFollower) samePrefix(prefix []byte) bool {
	if len(bytes.TrimSpace(prefix)) == 0 || p.shapeLen < 0 {
		return true
	}
	var buf [maxShape]byte
	n := appendShape(buf[:0], prefix)
	return n == p.shapeLen && string(buf[:n]) == string(p.shape[:n])
}

// origSpan maps the span [s, e) of the redacted line back to the original
// line, from the findings whose tokens the redacted line holds. Token
// lengths depend only on the rule id (the fingerprint has a fixed length).
func (p *PEMFollower) origSpan(findings []detectors.Finding, s, e int) (int, int) {
	var scratch [128]byte
	delta := 0 // redacted index - original index
	os, oe := -1, -1
	for _, f := range findings {
		tl := len(p.tok.AppendToken(scratch[:0], f.RuleID, nil))
		rs := f.Start + delta
		re := rs + tl
		if os < 0 {
			switch {
			case s < rs:
				os = s - delta
			case s < re:
				os = f.Start
			}
		}
		if oe < 0 {
			switch {
			case e <= rs:
				oe = e - delta
			case e <= re:
				oe = f.End
			}
		}
		delta += tl - (f.End - f.Start)
	}
	if os < 0 {
		os = s - delta
	}
	if oe < 0 {
		oe = e - delta
	}
	return os, oe
}

// beginAt returns the index of the BEGIN header of a private key that
// starts a multi-line block on line (no body after it on the same line), or
// -1.
func beginAt(line []byte) int {
	k := bytes.Index(line, pemPrivate)
	if k < 0 {
		return -1
	}
	hdrEnd, ok := privateHeaderAt(line, k)
	if !ok {
		return -1
	}
	r := skipPEMSep(line, hdrEnd)
	if r < len(line) && (isPEMBodyByte(line[r]) || line[r] == '[') {
		return -1 // the body follows on the same line: PEMInline's job
	}
	if bytes.Contains(line[hdrEnd:], pemEnd) {
		return -1
	}
	return bytes.LastIndex(line[:k], pemBegin)
}

var dockerLogPrefix = []byte(`{"log":"`)

// pemBodySpan returns the body of a PEM body line: the string of a Docker
// json-file record, else the last whitespace-separated field. Fields with
// other than base64 and token bytes, and "Key: value" armor headers, are no
// body.
func pemBodySpan(line []byte) (s, e int, afterColon bool) {
	if bytes.HasPrefix(line, dockerLogPrefix) {
		s = len(dockerLogPrefix)
		e = s
		for e < len(line) && line[e] != '\\' && line[e] != '"' {
			e++
		}
	} else {
		e = len(line)
		for e > 0 && (isSpace(line[e-1]) || line[e-1] == '\r') {
			e--
		}
		s = e
		for s > 0 && !isSpace(line[s-1]) {
			s--
		}
		// "Proc-Type: 4,ENCRYPTED", or a body behind a syslog prefix
		afterColon = s >= 2 && line[s-2] == ':'
		// a JSON or YAML list item: "MIIE...", (Ansible's stdout_lines)
		if e-s > 2 && line[s] == '"' {
			if line[e-1] == ',' {
				e--
			}
			if line[e-1] == '"' {
				s, e = s+1, e-1
			}
		}
	}
	if e-s < 4 {
		return 0, 0, false
	}
	for _, c := range line[s:e] {
		if !isPEMBodyByte(c) && c != '[' && c != ']' && c != ':' && c != '-' {
			return 0, 0, false
		}
	}
	return s, e, afterColon
}

var tokenPrefix = []byte("[REDACTED:")

// isOneToken reports whether b is exactly one default-template token.
func isOneToken(b []byte) bool {
	return bytes.HasPrefix(b, tokenPrefix) && b[len(b)-1] == ']' && bytes.IndexByte(b[len(tokenPrefix):], '[') < 0
}
