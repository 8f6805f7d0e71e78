// Package loggen generates realistic application logs with labelled fake
// secrets, deterministically from a seed, for redactd's benchmarks and
// recall measurements.
//
// The logs mix the shapes services really write: nginx combined and
// gunicorn access logs with query strings, user agents and referers; JSON
// structured logs with nested fields in the styles of pino, zap and logrus;
// Python logging lines and multi-line tracebacks; Java logback lines and
// stack traces; syslog. About a third of the lines are wrapped the way
// container runtimes store them: Kubernetes CRI
// ("2024-05-14T07:58:03.120016855Z stdout F ...") or Docker's json-file
// ({"log":"...\n","stream":"stdout","time":"..."}).
//
// A profile sets how often a line carries a secret: Clean about 1 line in
// 2,000, Dirty 1 in 50 (and only Dirty has multi-line PEM private keys).
// Every secret is a generated fake in a documented format (correct prefix,
// length, alphabet and, for GitHub and npm tokens, CRC32 check digits), and
// each is reported as a Label: the line it sits on and its exact text.
//
// The same Config (profile and seed) always yields byte-identical output.
// A Generator is not safe for concurrent use.
package loggen

import (
	"fmt"
	"strconv"
	"strings"
)

// Profile sets the share of lines that carry a secret.
type Profile int

const (
	// Clean logs: about 1 line in 2,000 carries a secret.
	Clean Profile = iota
	// Dirty logs: about 1 line in 50 carries a secret, and PEM private keys
	// are written across lines now and then.
	Dirty
)

// SecretPeriod returns the mean number of lines per secret-carrying line.
func (p Profile) SecretPeriod() int {
	if p == Dirty {
		return 50
	}
	return 2000
}

// String returns "clean" or "dirty".
func (p Profile) String() string {
	if p == Dirty {
		return "dirty"
	}
	return "clean"
}

// ParseProfile parses "clean" or "dirty".
func ParseProfile(s string) (Profile, error) {
	switch strings.ToLower(s) {
	case "clean":
		return Clean, nil
	case "dirty":
		return Dirty, nil
	}
	return 0, fmt.Errorf("profile: want clean or dirty, got %q", s)
}

// ParseSize parses a byte count with an optional binary suffix: "512",
// "64KiB", "256MiB", "1GiB" (K, M, G and KB, MB, GB are read as binary units
// too).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	up := strings.ToUpper(t)
	for _, u := range []struct {
		suf string
		m   int64
	}{
		{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30},
		{"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	} {
		if strings.HasSuffix(up, u.suf) {
			mult = u.m
			t = strings.TrimSpace(t[:len(t)-len(u.suf)])
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("size %q: want a non-negative number with an optional KiB, MiB or GiB suffix", s)
	}
	if n > (1<<62)/mult {
		return 0, fmt.Errorf("size %q: too large", s)
	}
	return n * mult, nil
}

// Config selects what a Generator writes. The zero Config is clean logs
// from seed 0.
type Config struct {
	Profile Profile
	Seed    uint64
}

// Label is one planted secret: the 1-based line it sits on and its exact
// text. PublicPrefix is how many leading bytes of Secret are a fixed,
// public part of the format ("ghp_") that a redactor may leave in place.
type Label struct {
	Line         int64  `json:"line"`
	Secret       string `json:"secret"`
	Kind         string `json:"kind"`
	Context      string `json:"context"`
	PublicPrefix int    `json:"public_prefix,omitempty"`
	// Group ties the body lines of one multi-line PEM key together (0 when
	// the secret stands alone).
	Group int64 `json:"group,omitempty"`
}

// Generator writes log events. Build it with New.
type Generator struct {
	cfg    Config
	r      rng
	clk    clock
	period int64

	line       []byte // the line being built (unwrapped)
	tmp        []byte // scratch for values
	lines      int64  // lines written so far
	secretAt   int64  // the next event starting at or after this line carries a secret
	secretLine int64  // lines that carry at least one secret
	labels     []Label
	pending    []Label // labels of the line being built (line number unknown until end)
	groups     int64   // PEM keys written so far
	wrap       wrapper
	stderr     bool // the CRI-wrapped event went to stderr
}

// New returns a Generator for cfg.
func New(cfg Config) *Generator {
	g := &Generator{
		cfg:    cfg,
		r:      rng{s: cfg.Seed*0x9e3779b97f4a7c15 + 0x2545f4914f6cdd1d},
		period: int64(cfg.Profile.SecretPeriod()),
		line:   make([]byte, 0, 1024),
		tmp:    make([]byte, 0, 256),
	}
	g.clk.init(1715673483_000000000) // 2024-05-14T07:58:03Z
	g.secretAt = 1 + int64(g.r.intn(int(2*g.period)))
	return g
}

// Lines returns the number of lines written so far.
func (g *Generator) Lines() int64 { return g.lines }

// SecretLines returns the number of lines written so far that carry at
// least one secret.
func (g *Generator) SecretLines() int64 { return g.secretLine }

// Labels returns the secrets planted by the last call to AppendEvent, in
// line order. The slice is reused by the next call.
func (g *Generator) Labels() []Label { return g.labels }

// AppendEvent appends one log event (one or more complete lines, each
// ending in '\n') to dst and returns the extended slice. It does not retain
// dst and allocates only to grow dst and for the labels of planted secrets.
func (g *Generator) AppendEvent(dst []byte) []byte {
	g.labels = g.labels[:0]
	g.clk.advance(g.r.intn(3_000_000) + 1)
	secret := g.lines+1 >= g.secretAt
	if secret {
		g.secretAt = g.lines + 1 + 1 + int64(g.r.intn(int(2*g.period-1)))
	}
	// Wrapper for the whole event: bare, CRI or Docker json-file.
	switch w := g.r.intn(100); {
	case w < 55:
		g.wrap = wrapNone
	case w < 85:
		g.wrap = wrapCRI
	default:
		g.wrap = wrapDocker
	}
	g.stderr = g.r.intn(8) == 0
	if secret && g.cfg.Profile == Dirty && g.r.intn(100) == 0 {
		dst = g.pemEvent(dst)
		// A key is ~25 secret lines: skip ahead so the rate stays near the
		// profile's.
		g.secretAt += 20 * g.period
		return dst
	}
	return g.event(dst, secret)
}

// AppendSize appends whole events to dst until at least n bytes were added
// and returns the extended slice. Labels are discarded.
func (g *Generator) AppendSize(dst []byte, n int) []byte {
	end := len(dst) + n
	for len(dst) < end {
		dst = g.AppendEvent(dst)
	}
	return dst
}

// begin starts a new line of the current event.
func (g *Generator) begin() {
	g.line = g.line[:0]
	g.pending = g.pending[:0]
}

// end finishes the line being built: wraps it and appends it to dst.
func (g *Generator) end(dst []byte) []byte {
	switch g.wrap {
	case wrapCRI:
		dst = g.clk.appendRFC3339Nano(dst)
		if g.stderr {
			dst = append(dst, " stderr F "...)
		} else {
			dst = append(dst, " stdout F "...)
		}
		dst = append(dst, g.line...)
	case wrapDocker:
		dst = append(dst, `{"log":"`...)
		dst = appendJSONEscaped(dst, g.line)
		dst = append(dst, `\n","stream":"stdout","time":"`...)
		dst = g.clk.appendRFC3339Nano(dst)
		dst = append(dst, `"}`...)
	default:
		dst = append(dst, g.line...)
	}
	dst = append(dst, '\n')
	g.lines++
	if len(g.pending) > 0 {
		g.secretLine++
		for _, l := range g.pending {
			l.Line = g.lines
			g.labels = append(g.labels, l)
		}
	}
	return dst
}

// plant records secret as sitting on the line being built.
func (g *Generator) plant(kind, context string, secret []byte, public int, group int64) {
	g.pending = append(g.pending, Label{Secret: string(secret), Kind: kind, Context: context, PublicPrefix: public, Group: group})
}

type wrapper uint8

const (
	wrapNone wrapper = iota
	wrapCRI
	wrapDocker
)

// appendJSONEscaped appends s escaped for a JSON string.
func appendJSONEscaped(dst, s []byte) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		start = i + 1
	}
	return append(dst, s[start:]...)
}

const hexDigits = "0123456789abcdef"

// rng is splitmix64: tiny, fast and the same on every platform and Go
// release, so a seed always gives the same file.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n) for 0 < n < 2^32.
func (r *rng) intn(n int) int {
	return int(((r.next() >> 32) * uint64(n)) >> 32)
}

// pick returns one of the strings.
func (r *rng) pick(s []string) string { return s[r.intn(len(s))] }

// appendChars appends n characters drawn from alphabet.
func (r *rng) appendChars(dst []byte, alphabet string, n int) []byte {
	m := uint64(len(alphabet))
	for n > 0 {
		x := r.next()
		for k := 0; k < 7 && n > 0; k++ {
			dst = append(dst, alphabet[(x&0xff)*m>>8])
			x >>= 8
			n--
		}
	}
	return dst
}

// appendInt appends a decimal number in [lo, hi).
func (r *rng) appendInt(dst []byte, lo, hi int) []byte {
	return strconv.AppendInt(dst, int64(lo+r.intn(hi-lo)), 10)
}

const (
	base62  = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	alnum   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	lowerHx = "0123456789abcdef"
	upper32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	b64     = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	b64url  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	digits  = "0123456789"
	lowerAl = "abcdefghijklmnopqrstuvwxyz0123456789"
)
