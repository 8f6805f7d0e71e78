package scanners_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/scanners"
)

// fakeTok renders "[REDACTED:<rule>:<len>]" so tests can read what was
// replaced without a key.
type fakeTok struct{}

func (fakeTok) AppendToken(dst []byte, rule string, secret []byte) []byte {
	return fmt.Appendf(dst, "[REDACTED:%s:%016x]", rule, len(secret))
}
func (fakeTok) Fingerprint(secret []byte) string { return fmt.Sprintf("%016x", len(secret)) }

// pemBody returns n bytes of deterministic fake key material as base64
// lines of width w.
func pemBody(seed uint64, n, w int) []string {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	s := base64.StdEncoding.EncodeToString(b)
	var out []string
	for len(s) > w {
		out = append(out, s[:w])
		s = s[w:]
	}
	return append(out, s)
}

func block(prefix, label string, body []string) []string {
	out := []string{prefix + "-----BEGIN " + label + "-----"}
	for _, b := range body {
		out = append(out, prefix+b)
	}
	return append(out, prefix+"-----END "+label+"-----")
}

func follow(p *scanners.PEMFollower, lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		o, _ := p.Follow(nil, []byte(l), nil)
		out[i] = string(o)
	}
	return out
}

func TestPEMFollower(t *testing.T) {
	rsa := pemBody(1, 1190, 64)
	ec := pemBody(2, 121, 64)
	ossh := pemBody(3, 400, 70)
	tests := []struct {
		name   string
		lines  []string
		redact []bool // which lines change
	}{
		{"rsa bare", block("", "RSA PRIVATE KEY", rsa), nil},
		{"pkcs8 cri prefix", block("2024-05-14T07:58:03.120016855Z stderr F ", "PRIVATE KEY", ec), nil},
		{"openssh gha prefix", block("2024-05-14T07:58:03.1234567Z ", "OPENSSH PRIVATE KEY", ossh), nil},
		{"kubectl prefix", block("[pod/api-7d9f/api] ", "EC PRIVATE KEY", ec), nil},
		{"yaml indent", block("    ", "ENCRYPTED PRIVATE KEY", ec), nil},
		{"certificate", block("", "CERTIFICATE", rsa), []bool{}},
		{"public key", block("", "PUBLIC KEY", ec), []bool{}},
		{"rsa public key", block("", "RSA PUBLIC KEY", ec), []bool{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{})
			got := follow(p, tt.lines)
			private := tt.redact == nil
			for i, l := range tt.lines {
				body := i > 0 && i < len(tt.lines)-1
				changed := got[i] != l
				if changed != (private && body) {
					t.Errorf("line %d: Follow(%q) = %q; changed=%v, want %v", i, l, got[i], changed, private && body)
				}
				if changed {
					fields := strings.Fields(l)
					secret := fields[len(fields)-1]
					if strings.Contains(got[i], secret) || !strings.HasPrefix(got[i], strings.TrimSuffix(l, secret)) {
						t.Errorf("line %d: Follow(%q) = %q; want the prefix kept and the body replaced", i, l, got[i])
					}
				}
			}
			if p.InBlock() {
				t.Errorf("InBlock() = true after the END line")
			}
		})
	}
}

func TestPEMFollowerDockerJSON(t *testing.T) {
	body := pemBody(4, 121, 64)
	var lines []string
	for _, l := range block("", "EC PRIVATE KEY", body) {
		lines = append(lines, `{"log":"`+l+`\n","stream":"stderr","time":"2024-05-14T07:59:07.340097295Z"}`)
	}
	p := scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{})
	got := follow(p, lines)
	for i := 1; i < len(lines)-1; i++ {
		if strings.Contains(got[i], body[i-1]) || !strings.HasPrefix(got[i], `{"log":"[REDACTED:private-key:`) {
			t.Errorf("Follow(%q) = %q; want the log string redacted", lines[i], got[i])
		}
	}
	if got[0] != lines[0] || got[len(got)-1] != lines[len(lines)-1] {
		t.Errorf("BEGIN/END lines changed: %q, %q", got[0], got[len(got)-1])
	}
}

func TestPEMFollowerEndsOnForeignLine(t *testing.T) {
	body := pemBody(5, 1190, 64)
	lines := block("2024-05-14T07:58:03.120016855Z stderr F ", "RSA PRIVATE KEY", body[:5])
	lines = lines[:len(lines)-1] // no END: the logger was cut off
	lines = append(lines,
		"2024-05-14T07:58:04.120016855Z stderr F GET /healthz HTTP/1.1 200",
		"2024-05-14T07:58:04.220016855Z stderr F "+body[6], // looks like a body line, but the block ended
	)
	p := scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{})
	got := follow(p, lines)
	for i := 1; i <= 5; i++ {
		if got[i] == lines[i] {
			t.Errorf("body line %d not redacted: %q", i, got[i])
		}
	}
	for i := 6; i < len(lines); i++ {
		if got[i] != lines[i] {
			t.Errorf("line %d after the block changed: Follow(%q) = %q", i, lines[i], got[i])
		}
	}
}

func TestPEMFollowerMaxLines(t *testing.T) {
	body := pemBody(6, 3000, 64)
	lines := block("", "RSA PRIVATE KEY", body)
	lines = lines[:len(lines)-1]
	p := scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{MaxLines: 10})
	got := follow(p, lines)
	for i := 1; i < len(lines); i++ {
		if changed := got[i] != lines[i]; changed != (i <= 10) {
			t.Errorf("line %d: changed=%v; want %v (MaxLines 10)", i, changed, i <= 10)
		}
	}
	if p.InBlock() {
		t.Errorf("InBlock() = true after MaxLines")
	}
}

func TestPEMFollowerArmor(t *testing.T) {
	body := pemBody(7, 600, 64)
	lines := []string{"-----BEGIN RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,3F17F5316E2BAC89", ""}
	lines = append(lines, body...)
	lines = append(lines, "-----END RSA PRIVATE KEY-----")
	pgp := []string{"-----BEGIN PGP PRIVATE KEY BLOCK-----", "Version: GnuPG v2", ""}
	pgpBody := pemBody(8, 500, 64)
	pgp = append(pgp, pgpBody...)
	pgp = append(pgp, "=nX3c", "-----END PGP PRIVATE KEY BLOCK-----")
	for _, lines := range [][]string{lines, pgp} {
		p := scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{})
		got := follow(p, lines)
		for i, l := range lines {
			isBody := len(l) >= 4 && !strings.Contains(l, ":") && !strings.Contains(l, "-----") && l[0] != '='
			if changed := got[i] != l; changed != isBody {
				t.Errorf("Follow(%q) = %q; changed=%v, want %v", l, got[i], changed, isBody)
			}
		}
	}
}

// TestPEMFollowerMapsSpans checks the finding spans when Redact already
// replaced part of a body line.
func TestPEMFollowerMapsSpans(t *testing.T) {
	eng := newEngine(t, nil)
	p := scanners.NewPEMFollower(eng, scanners.PEMOptions{})
	body := pemBody(9, 1190, 64)
	prefix := "2024-05-14T07:58:03.120016855Z stderr F "
	p.Follow(nil, []byte(prefix+"-----BEGIN RSA PRIVATE KEY-----"), nil)
	orig := prefix + body[0]
	// pretend an earlier rule redacted bytes 10..30 of the body
	s, e := len(prefix)+10, len(prefix)+30
	red := []byte(orig[:s])
	red = eng.AppendToken(red, "high-entropy-string", []byte(orig[s:e]))
	red = append(red, orig[e:]...)
	fs := []detectors.Finding{{RuleID: "high-entropy-string", Start: s, End: e}}
	// a first, clean body line sets the width
	if o, _ := p.Follow(nil, []byte(prefix+body[1]), nil); string(o) == prefix+body[1] {
		t.Fatalf("first body line not redacted")
	}
	out, got := p.Follow(nil, red, fs)
	if len(got) != 1 || got[0].RuleID != scanners.RulePrivateKey || got[0].Start != len(prefix) || got[0].End != len(orig) {
		t.Fatalf("Follow findings = %+v; want one private-key finding [%d,%d)", got, len(prefix), len(orig))
	}
	if !bytes.HasPrefix(out, []byte(prefix+"[REDACTED:private-key:")) || bytes.Count(out, []byte("[REDACTED:")) != 1 {
		t.Errorf("Follow = %q; want one private-key token after the prefix", out)
	}
}

func TestPEMInline(t *testing.T) {
	ec := strings.Join(pemBody(10, 121, 64), "")
	lines := pemBody(11, 600, 64)
	tests := []struct {
		name string
		line string
		want string // the reported span, "" for none
	}{
		{"json", `{"key": "-----BEGIN EC PRIVATE KEY-----\n` + lines[0] + `\n` + lines[1] + `\n-----END EC PRIVATE KEY-----\n"}`, lines[0] + `\n` + lines[1]},
		{"json in json", `{"log":"{\"private_key\":\"-----BEGIN PRIVATE KEY-----\\n` + lines[0] + `\\n` + lines[1] + `\\n-----END PRIVATE KEY-----\\n\"}\n"}`, lines[0] + `\\n` + lines[1]},
		{"python repr", `{'pkey': '-----BEGIN RSA PRIVATE KEY-----\n` + lines[0] + `\n-----END RSA PRIVATE KEY-----'}`, lines[0]},
		{"spaces", `key=-----BEGIN OPENSSH PRIVATE KEY----- ` + lines[0] + ` ` + lines[1] + ` -----END OPENSSH PRIVATE KEY-----`, lines[0] + ` ` + lines[1]},
		{"one line", `-----BEGIN EC PRIVATE KEY-----` + ec + `-----END EC PRIVATE KEY-----`, ec},
		{"truncated", `"key": "-----BEGIN RSA PRIVATE KEY-----\n` + lines[0] + `\n` + lines[1][:20], lines[0] + `\n` + lines[1][:20]},
		{"pgp", `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n` + lines[0] + `\n-----END PGP PRIVATE KEY BLOCK-----`, lines[0]},
		{"certificate", `{"cert": "-----BEGIN CERTIFICATE-----\n` + lines[0] + `\n-----END CERTIFICATE-----\n"}`, ""},
		{"public key", `-----BEGIN PUBLIC KEY-----\n` + lines[0] + `\n-----END PUBLIC KEY-----`, ""},
		{"begin line only", `2024-05-14T07:58:03Z -----BEGIN RSA PRIVATE KEY-----`, ""},
		{"prose", `rotated the PRIVATE KEY of the signer`, ""},
	}
	sc := scanners.NewPEMInline()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := sc.Scan([]byte(tt.line), nil)
			var got string
			if len(ms) > 0 {
				got = tt.line[ms[0].Start:ms[0].End]
				if ms[0].RuleID != scanners.RulePrivateKey || ms[0].Context != detectors.ContextPEM {
					t.Errorf("Scan(%q) = %+v; want rule %s, context %s", tt.line, ms[0], scanners.RulePrivateKey, detectors.ContextPEM)
				}
			}
			if got != tt.want || len(ms) > 1 {
				t.Errorf("Scan(%q) = %q (%d matches); want %q", tt.line, got, len(ms), tt.want)
			}
		})
	}
}

// pemHeaderRe matches a real BEGIN or END line; junk that merely contains
// "-----BEGIN" inside a block may be redacted as body.
var pemHeaderRe = regexp.MustCompile(`-----(BEGIN|END) [A-Z0-9 ]+-----`)

// FuzzPEM drives the PEM state machine with a generated private key block
// behind a fuzzed prefix, surrounded by fuzzed lines. Every body line of
// the block must be redacted, BEGIN and END lines must stay, and no line may
// panic or report spans out of bounds.
func FuzzPEM(f *testing.F) {
	f.Add("2024-05-14T07:58:03.120016855Z stderr F ", "RSA PRIVATE KEY", []byte("fake key material for the seed corpus, more than forty-eight bytes of it"), "GET /healthz\n-----BEGIN CERTIFICATE-----\nMIIB\n", uint8(64))
	f.Add("", "OPENSSH PRIVATE KEY", []byte("0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijkl"), "-----END RSA PRIVATE KEY-----\n\n", uint8(70))
	f.Add("[pod/a/b] ", "PGP PRIVATE KEY BLOCK", []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, "-----BEGIN EC PRIVATE KEY-----", uint8(16))
	f.Fuzz(func(t *testing.T, prefix, label string, key []byte, junk string, width uint8) {
		if strings.ContainsAny(prefix, "\n\r") || strings.Contains(prefix, "-----") || strings.Contains(prefix, "PRIVATE KEY") ||
			len(prefix) > 80 || (prefix != "" && !strings.HasSuffix(prefix, " ")) || strings.TrimSpace(prefix) != "" && prefix[0] == ' ' {
			prefix = "2024-05-14T07:58:03Z "
		}
		switch label {
		case "RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY":
		default:
			label = "PRIVATE KEY"
		}
		w := int(width)%64 + 16
		if len(key) < 12 {
			key = append(key, make([]byte, 12)...)
		}
		s := base64.StdEncoding.EncodeToString(key)
		var body []string
		for len(s) > w {
			body = append(body, s[:w])
			s = s[w:]
		}
		if len(s) >= 4 {
			body = append(body, s)
		}
		var lines []string
		lines = append(lines, strings.Split(junk, "\n")...)
		start := len(lines)
		lines = append(lines, block(prefix, label, body)...)
		end := len(lines)
		lines = append(lines, strings.Split(junk, "\n")...)
		p := scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{})
		for i, l := range lines {
			out, fs := p.Follow(nil, []byte(l), nil)
			for _, fd := range fs {
				if fd.Start < 0 || fd.End > len(l) || fd.Start >= fd.End {
					t.Fatalf("Follow(%q) finding %+v out of bounds", l, fd)
				}
			}
			if pemHeaderRe.MatchString(l) && string(out) != l {
				t.Fatalf("Follow(%q) = %q; BEGIN/END lines must not change", l, out)
			}
			// body lines up to the follower's bound (a block longer than
			// DefaultPEMMaxLines body lines is treated as one that never
			// ends: redaction stops there, as documented)
			if i > start && i < end-1 && i-start <= scanners.DefaultPEMMaxLines {
				if string(out) == l {
					t.Fatalf("body line %d not redacted: %q (block %d..%d)", i, l, start, end)
				}
				// the body must be gone from behind the prefix (which may
				// itself hold the same characters)
				if rest, ok := strings.CutPrefix(string(out), prefix); !ok || strings.Contains(rest, body[i-start-1]) {
					t.Fatalf("Follow(%q) = %q; body survived", l, out)
				}
			}
		}
	})
}
