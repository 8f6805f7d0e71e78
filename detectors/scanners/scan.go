package scanners

import (
	"encoding/binary"
	"math/bits"

	"github.com/redactd/redactd/detectors"
)

// Family selects groups of context detectors.
type Family uint8

// Scanner families. A zero Families in Options means all of them.
const (
	Assignments Family = 1 << iota // secret-named keys: k=v, JSON, YAML, reprs, CLI flags
	HTTP                           // Authorization headers, session cookies
	URLs                           // userinfo passwords and secret query parameters
	Entropy                        // high-entropy values under neutral keys
	PEM                            // single-line PEM private keys (PEMInline)

	AllFamilies = Assignments | HTTP | URLs | Entropy | PEM
)

// Options configure the scanners. A zero Options turns everything on with
// default bounds.
type Options struct {
	// Families to run; zero means AllFamilies. Entropy costs about a fifth
	// of Scanner's time on typical logs (every long value under a neutral
	// key is scored); the other families share one pass.
	Families Family
}

func (o Options) families() Family {
	if o.Families == 0 {
		return AllFamilies
	}
	return o.Families
}

// All returns the scanners selected by opts, ready for
// detectors.Options.Scanners. The slice is new on each call.
func All(opts Options) []detectors.Scanner {
	var out []detectors.Scanner
	f := opts.families()
	if f&^PEM != 0 {
		out = append(out, New(opts))
	}
	if f&Assignments != 0 {
		out = append(out, NewCLI(), NewNameValue())
		out = append(out, shapeScanners()...)
	}
	if f&PEM != 0 {
		out = append(out, NewPEMInline())
	}
	return out
}

// Scanner finds secrets by their context on the line: assignments, HTTP
// credentials, URLs and high-entropy values. It makes one pass over the line
// and stops only at '=' and ':'. It is safe for concurrent use;
// Scan does not retain or modify line and does not allocate when it finds
// nothing.
type Scanner struct {
	fam Family
}

var _ detectors.Scanner = (*Scanner)(nil)

// New returns a Scanner for the families in opts (PEM is handled by
// PEMInline and ignored here).
func New(opts Options) *Scanner { return &Scanner{fam: opts.families()} }

// Scan appends the secrets found in line to out and returns the extended
// slice.
func (s *Scanner) Scan(line []byte, out []detectors.Match) []detectors.Match {
	n := len(line)
	i := 0
	for {
		// find the next '=' or ':' eight bytes at a time (SWAR): a byte
		// equal to c makes x^c have a zero byte, which the classic
		// (v-0x01..)&^v&0x80.. test flags; its lowest flag is exact.
		for i+8 <= n {
			x := binary.LittleEndian.Uint64(line[i:])
			a, b := x^(lo8*'='), x^(lo8*':')
			m := ((a - lo8) &^ a) | ((b - lo8) &^ b)
			if m &= hi8; m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		for i < n && !trigger[line[i]] {
			i++
		}
		if i >= n {
			return out
		}
		next := i + 1
		if line[i] == '=' {
			out, next = s.atDelim(line, i, out)
		} else if i+2 < n && line[i+1] == '/' && line[i+2] == '/' {
			if s.fam&URLs != 0 {
				out, next = scanURL(line, i, out)
				next = max(next, i+1)
			}
		} else if i > 0 && i+1 < n && (isDigit(line[i-1]) || !isSpace(line[i+1]) && line[i-1] != '"' && line[i-1] != '\'' && (!isLetter(line[i-1]) || class[line[i+1]]&(cLower|cUpper|cDigit) == 0 || isDigit(line[i+1]))) {
			// "07:58:03", "[::1]", "host:8080": no key-value pair (the
			// test atDelim starts with, inlined for the common case; a
			// "Password:v" field must start with a letter)
		} else {
			out, next = s.atDelim(line, i, out)
		}
		i = next
	}
}

const (
	lo8 = 0x0101010101010101
	hi8 = 0x8080808080808080
)

// bareBearer reports a token-shaped credential at v, after "Bearer ".
func bareBearer(line []byte, v int, out []detectors.Match) []detectors.Match {
	for v < len(line) && line[v] == ' ' {
		v++
	}
	e := v
	for e < len(line) && class[line[e]]&cStop == 0 && e-v < maxValueLen {
		e++
	}
	cred := line[v:e]
	if e == v || isPlaceholder(cred) || !tokenShaped(cred, 16) || codeLike(cred) {
		return out
	}
	return append(out, detectors.Match{RuleID: RuleBearer, Start: v, End: e, Context: detectors.ContextText, Severity: severityOf(RuleBearer)})
}

// CLI finds passwords and tokens given as command-line flags ("--password
// v", "--db-password 'v'", "sshpass -p v", "mysql -pv", "redis-cli -a v",
// "docker login -p v", "curl -u user:v"), in SQL statements ("PASSWORD 'v'",
// "IDENTIFIED BY 'v'"), in Redis MONITOR output ("requirepass" "v") and
// bearer tokens in prose ("retrying with Bearer v"). Flags in
// "--token=v" form are found by Scanner. CLI is a detectors.KeywordScanner:
// the engine runs it only on lines holding one of its keywords. It is safe
// for concurrent use and does not allocate when it finds nothing.
type CLI struct{}

var _ detectors.KeywordScanner = CLI{}

// NewCLI returns the command-line and SQL password scanner.
func NewCLI() CLI { return CLI{} }

// Keywords returns the literals that gate CLI.
func (CLI) Keywords() []string {
	return []string{"-pass", "-pwd", "-token", "-secret", "-key", "-apikey", "-auth", "-cred",
		"-session", "-bearer", "sshpass", "mysql", "redis-cli", "password '", "password \"",
		"identified by", "curl", "--user", "docker login", "podman login", "registry login",
		"requirepass", "masterauth", "\"auth\"", "bearer "}
}

// Scan appends the flag and SQL passwords found in line to out.
func (c CLI) Scan(line []byte, out []detectors.Match) []detectors.Match {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '-':
			if i == 0 || isSpace(line[i-1]) || line[i-1] == '\'' || line[i-1] == '"' {
				out = atFlag(line, i, out)
			}
		case '\'', '"':
			if i > 0 && line[i-1] == ' ' {
				out = atSpacedQuote(line, i, out)
			}
		case 'b', 'B':
			// "calling the API with Bearer v": a bearer token in prose.
			// Authorization headers are Scanner's; the engine merges the
			// two matches of the same span.
			if (i == 0 || !isLetter(line[i-1])) && hasPrefixFold(line[i:], "bearer ") {
				out = bareBearer(line, i+len("bearer "), out)
			}
		}
	}
	return out
}
