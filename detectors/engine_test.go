package detectors_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redactd/redactd/detectors"
)

var testKey = bytes.Repeat([]byte("k"), detectors.MinKeyLen)

// Fake secrets, generated for these tests.
const (
	ghpSecret  = "ghp_Zq3xR7mK2pL9vB4nW8cT1yH6jD5fG0sA3eQ7"
	ghpSecret2 = "ghp_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2"
	akiaSecret = "AKIAZ7QX4M2LN8PVR3TW"
)

var (
	ghpRule = detectors.Rule{
		ID: "github-pat", Description: "GitHub personal access token", Severity: detectors.SeverityCritical,
		Keywords: []string{"ghp_"}, Regex: `\b(ghp_[A-Za-z0-9]{36})\b`, SecretGroup: 1, MaxLen: 48,
		Remediation: "revoke it",
	}
	akiaRule = detectors.Rule{
		ID: "aws-access-key-id", Description: "AWS access key id", Severity: detectors.SeverityHigh,
		Keywords: []string{"akia"}, Regex: `\b(AKIA[0-9A-Z]{16})\b`, SecretGroup: 1, MaxLen: 32,
	}
)

// reScanner is a test Scanner reporting each match of a regex (its first
// group, or the whole match) under one rule id.
type reScanner struct {
	id  string
	re  *regexp.Regexp
	kws []string
	n   *atomic.Int64 // counts Scan calls when set
}

func (s *reScanner) Scan(line []byte, out []detectors.Match) []detectors.Match {
	if s.n != nil {
		s.n.Add(1)
	}
	for _, loc := range s.re.FindAllSubmatchIndex(line, -1) {
		a, b := loc[0], loc[1]
		if len(loc) > 2 && loc[2] >= 0 {
			a, b = loc[2], loc[3]
		}
		out = append(out, detectors.Match{RuleID: s.id, Start: a, End: b, Context: detectors.ContextAssignment, Severity: detectors.SeverityMedium})
	}
	return out
}

type kwScanner struct{ *reScanner }

func (s kwScanner) Keywords() []string { return s.kws }

func newScanner(id, re string) *reScanner {
	return &reScanner{id: id, re: regexp.MustCompile(re)}
}

func newEngine(t testing.TB, rules []detectors.Rule, opts detectors.Options) *detectors.Engine {
	t.Helper()
	if opts.Key == nil {
		opts.Key = testKey
	}
	e, err := detectors.New(rules, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

// checkInvariants verifies what every Redact result must satisfy.
func checkInvariants(t testing.TB, e *detectors.Engine, line, out []byte, fs []detectors.Finding) {
	t.Helper()
	if len(fs) == 0 {
		if !bytes.Equal(out, line) {
			t.Fatalf("Redact(%q) = %q with no findings; want the line unchanged", line, out)
		}
		return
	}
	var want []byte
	prev := 0
	for i, f := range fs {
		if f.Start < prev || f.End <= f.Start || f.End > len(line) {
			t.Fatalf("Redact(%q): finding %d span [%d,%d) out of order or bounds (prev end %d)", line, i, f.Start, f.End, prev)
		}
		if len(f.Fingerprint) != detectors.FingerprintLen {
			t.Fatalf("Redact(%q): fingerprint %q; want %d hex", line, f.Fingerprint, detectors.FingerprintLen)
		}
		want = append(want, line[prev:f.Start]...)
		want = append(want, fmt.Sprintf("[REDACTED:%s:%s]", f.RuleID, f.Fingerprint)...)
		prev = f.End
	}
	want = append(want, line[prev:]...)
	if !bytes.Equal(out, want) {
		t.Fatalf("Redact(%q) = %q; want %q from its findings", line, out, want)
	}
}

func TestRedactMergeAndNaming(t *testing.T) {
	long := detectors.Rule{ID: "long-rule", Keywords: []string{"ghp_"}, Regex: `ghp_[A-Za-z0-9]{36}(?:-x)?`, MaxLen: 64}
	short := detectors.Rule{ID: "short-rule", Keywords: []string{"ghp_"}, Regex: `ghp_[A-Za-z0-9]{10}`, MaxLen: 64}
	twin := detectors.Rule{ID: "twin-rule", Keywords: []string{"ghp_"}, Regex: `ghp_[A-Za-z0-9]{36}`, MaxLen: 64}
	tests := []struct {
		name     string
		rules    []detectors.Rule
		scanners []detectors.Scanner
		line     string
		want     []string // rule ids in order
		spans    [][2]int
	}{
		{
			name:     "provider beats longer scanner span",
			rules:    []detectors.Rule{ghpRule},
			scanners: []detectors.Scanner{newScanner("generic-assignment", `token=(\S+)`)},
			line:     "token=" + ghpSecret + "-suffix end",
			want:     []string{"github-pat"},
			spans:    [][2]int{{6, 6 + len(ghpSecret) + len("-suffix")}},
		},
		{
			name:  "longest provider wins",
			rules: []detectors.Rule{short, long},
			line:  "x " + ghpSecret + "-x y",
			want:  []string{"long-rule"},
			spans: [][2]int{{2, 2 + len(ghpSecret) + 2}},
		},
		{
			name:  "equal length: first rule wins",
			rules: []detectors.Rule{twin, {ID: "github-pat", Keywords: ghpRule.Keywords, Regex: ghpRule.Regex, SecretGroup: 1}},
			line:  "x " + ghpSecret + " y",
			want:  []string{"twin-rule"},
			spans: [][2]int{{2, 2 + len(ghpSecret)}},
		},
		{
			name:     "scanners: longer wins, then first scanner",
			scanners: []detectors.Scanner{newScanner("first", `pw=(\w{4})`), newScanner("second", `pw=(\w{6})`), newScanner("third", `pw=(\w{6})`)},
			line:     "pw=abcdefgh",
			want:     []string{"second"},
			spans:    [][2]int{{3, 9}},
		},
		{
			name:     "scanners after one that finds nothing keep their rank",
			scanners: []detectors.Scanner{newScanner("never", `\x00`), newScanner("x", `pw=(\w{4})`), newScanner("y", `pw=(\w{4})`)},
			line:     "pw=abcd",
			want:     []string{"x"},
			spans:    [][2]int{{3, 7}},
		},
		{
			name:  "two secrets, two tokens",
			rules: []detectors.Rule{ghpRule, akiaRule},
			line:  "a=" + ghpSecret + " b=" + akiaSecret,
			want:  []string{"github-pat", "aws-access-key-id"},
			spans: [][2]int{{2, 2 + len(ghpSecret)}, {5 + len(ghpSecret), 5 + len(ghpSecret) + len(akiaSecret)}},
		},
		{
			name:     "chain of overlaps becomes one span",
			scanners: []detectors.Scanner{newScanner("a", `a{3}b{3}`), newScanner("b", `b{3}c{3}`)},
			line:     "x aaabbbccc y",
			want:     []string{"a"},
			spans:    [][2]int{{2, 11}},
		},
		{
			name:     "keyword is case-insensitive",
			rules:    []detectors.Rule{akiaRule},
			line:     "key " + akiaSecret,
			want:     []string{"aws-access-key-id"},
			spans:    [][2]int{{4, 4 + len(akiaSecret)}},
			scanners: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, tt.rules, detectors.Options{Scanners: tt.scanners})
			line := []byte(tt.line)
			out, fs := e.Redact(nil, line)
			checkInvariants(t, e, line, out, fs)
			var ids []string
			var spans [][2]int
			for _, f := range fs {
				ids = append(ids, f.RuleID)
				spans = append(spans, [2]int{f.Start, f.End})
			}
			if !slices.Equal(ids, tt.want) || !slices.Equal(spans, tt.spans) {
				t.Errorf("Redact(%q) = %v %v; want %v %v", tt.line, ids, spans, tt.want, tt.spans)
			}
		})
	}
}

func TestRedactFingerprintIsOfTheSecret(t *testing.T) {
	e := newEngine(t, []detectors.Rule{ghpRule}, detectors.Options{})
	for _, line := range []string{"t=" + ghpSecret, `{"t":"` + ghpSecret + `"}`, "x " + ghpSecret + " " + ghpSecret} {
		_, fs := e.Redact(nil, []byte(line))
		if len(fs) == 0 {
			t.Fatalf("Redact(%q): no findings", line)
		}
		for _, f := range fs {
			if want := e.Fingerprint([]byte(ghpSecret)); f.Fingerprint != want {
				t.Errorf("Redact(%q) fingerprint = %s; want %s", line, f.Fingerprint, want)
			}
		}
	}
}

func TestRedactWindows(t *testing.T) {
	// The regex needs context after the secret; with a small MaxLen the
	// window cuts it, which the engine must notice and rerun on the line.
	edge := detectors.Rule{ID: "edge", Keywords: []string{"tok_"}, Regex: `tok_([a-z0-9]{8})[a-z]*;`, SecretGroup: 1, MaxLen: 14}
	open := detectors.Rule{ID: "open", Keywords: []string{"tok_"}, Regex: `tok_([a-z0-9]+)`, SecretGroup: 1, MaxLen: 14}
	bound := detectors.Rule{ID: "bound", Keywords: []string{"xy_"}, Regex: `\bxy_([0-9]{4})`, SecretGroup: 1, MaxLen: 8}
	far := detectors.Rule{ID: "far", Keywords: []string{"far:"}, Regex: `far:\s*([A-Z]{8})`, SecretGroup: 1, MaxLen: 16}
	tests := []struct {
		name  string
		rule  detectors.Rule
		line  string
		spans [][2]int
	}{
		{"match inside window", edge, "a tok_abcd1234; b", [][2]int{{6, 14}}},
		{"match longer than MaxLen is not found", edge, "a tok_abcd1234xxxxxxxxxxxxxxxxxxx; b", nil},
		{"match cut by the window edge: rerun on line", open, "a tok_abcdefghijklmnopqrstuvwxyz b", [][2]int{{6, 32}}},
		{"word boundary before the keyword is the line's", bound, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaxy_1234 xy_5678", [][2]int{{43, 47}}},
		{"hits sharing one window report once", edge, "tok_tok_aaaa1111; tok_bbbb2222;", [][2]int{{8, 16}, {22, 30}}},
		{"keyword near line start", far, "far: ABCDEFGH", [][2]int{{5, 13}}},
		{"secret beyond MaxLen is not found", far, "far:" + strings.Repeat(" ", 20) + "ABCDEFGH", nil},
		{"many hits, each found", far, strings.Repeat("far: ABCDEFGH ", 50), func() [][2]int {
			var s [][2]int
			for i := range 50 {
				s = append(s, [2]int{i*14 + 5, i*14 + 13})
			}
			return s
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, []detectors.Rule{tt.rule}, detectors.Options{})
			line := []byte(tt.line)
			out, fs := e.Redact(nil, line)
			checkInvariants(t, e, line, out, fs)
			var spans [][2]int
			for _, f := range fs {
				spans = append(spans, [2]int{f.Start, f.End})
			}
			if !slices.Equal(spans, tt.spans) {
				t.Errorf("Redact(%q) spans = %v; want %v", tt.line, spans, tt.spans)
			}
		})
	}
}

func TestRedactSecretChecks(t *testing.T) {
	base := detectors.Rule{ID: "hexkey", Keywords: []string{"hk_"}, Regex: `hk_([0-9a-zA-Z]{16})`, SecretGroup: 1, MaxLen: 24}
	with := func(f func(r *detectors.Rule)) detectors.Rule {
		r := base
		f(&r)
		return r
	}
	tests := []struct {
		name   string
		rule   detectors.Rule
		global detectors.Allowlist
		line   string
		found  bool
	}{
		{"plain", base, detectors.Allowlist{}, "hk_a1b2c3d4e5f6a7b8", true},
		{"entropy too low", with(func(r *detectors.Rule) { r.Entropy = 3.5 }), detectors.Allowlist{}, "hk_aaaaaaaabbbbbbbb", false},
		{"entropy high enough", with(func(r *detectors.Rule) { r.Entropy = 3.5 }), detectors.Allowlist{}, "hk_a1b2c3d4e5f6a7b8", true},
		{"validator rejects", with(func(r *detectors.Rule) { r.Validate = func(s []byte) bool { return s[0] == 'z' } }), detectors.Allowlist{}, "hk_a1b2c3d4e5f6a7b8", false},
		{"validator accepts", with(func(r *detectors.Rule) { r.Validate = func(s []byte) bool { return s[0] == 'z' } }), detectors.Allowlist{}, "hk_z1b2c3d4e5f6a7b8", true},
		{"allowlist regex on the secret", with(func(r *detectors.Rule) { r.Allowlist.Regexes = []string{`^a1`} }), detectors.Allowlist{}, "hk_a1b2c3d4e5f6a7b8", false},
		{"allowlist regex sees only the secret", with(func(r *detectors.Rule) { r.Allowlist.Regexes = []string{`^hk_`} }), detectors.Allowlist{}, "hk_a1b2c3d4e5f6a7b8", true},
		{"stopword, any case", with(func(r *detectors.Rule) { r.Allowlist.StopWords = []string{"EXAMPLE"} }), detectors.Allowlist{}, "hk_00example000000a", false},
		{"or: one part is enough", with(func(r *detectors.Rule) {
			r.Allowlist = detectors.Allowlist{Regexes: []string{`^zz`}, StopWords: []string{"example"}}
		}), detectors.Allowlist{}, "hk_00example000000a", false},
		{"and: stopword alone is not enough", with(func(r *detectors.Rule) {
			r.Allowlist = detectors.Allowlist{Condition: detectors.AllowlistAnd, Regexes: []string{`^zz`}, StopWords: []string{"example"}}
		}), detectors.Allowlist{}, "hk_00example000000a", true},
		{"and: both parts drop", with(func(r *detectors.Rule) {
			r.Allowlist = detectors.Allowlist{Condition: detectors.AllowlistAnd, Regexes: []string{`^00`}, StopWords: []string{"example"}}
		}), detectors.Allowlist{}, "hk_00example000000a", false},
		{"global allowlist", base, detectors.Allowlist{StopWords: []string{"b2c3"}}, "hk_a1b2c3d4e5f6a7b8", false},
		{"global allowlist miss", base, detectors.Allowlist{Regexes: []string{`^nomatch$`}}, "hk_a1b2c3d4e5f6a7b8", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, []detectors.Rule{tt.rule}, detectors.Options{Allowlist: tt.global})
			line := []byte("x=" + tt.line + " y")
			out, fs := e.Redact(nil, line)
			checkInvariants(t, e, line, out, fs)
			if got := len(fs) > 0; got != tt.found {
				t.Errorf("Redact(%q) found = %v; want %v", line, got, tt.found)
			}
		})
	}
}

func TestDisable(t *testing.T) {
	e := newEngine(t, []detectors.Rule{ghpRule, akiaRule}, detectors.Options{
		Disable:  []string{"github-pat", "generic"},
		Scanners: []detectors.Scanner{newScanner("generic", `pw=(\S+)`)},
	})
	line := []byte("a=" + ghpSecret + " pw=hunter2 " + akiaSecret)
	_, fs := e.Redact(nil, line)
	if len(fs) != 1 || fs[0].RuleID != "aws-access-key-id" {
		t.Errorf("Redact(%q) = %+v; want only aws-access-key-id", line, fs)
	}
	if _, ok := e.Rule("github-pat"); ok {
		t.Errorf("Rule(github-pat) found; want disabled")
	}
	if got := e.Rules(); len(got) != 1 || got[0].ID != "aws-access-key-id" {
		t.Errorf("Rules() = %v; want [aws-access-key-id]", got)
	}
}

func TestRulesAndRule(t *testing.T) {
	e := newEngine(t, []detectors.Rule{ghpRule, akiaRule}, detectors.Options{})
	got := e.Rules()
	if len(got) != 2 || got[0].ID != "github-pat" || got[1].ID != "aws-access-key-id" {
		t.Fatalf("Rules() = %v; want github-pat, aws-access-key-id", got)
	}
	r, ok := e.Rule("github-pat")
	if !ok || r.Remediation != "revoke it" || r.Severity != detectors.SeverityCritical {
		t.Errorf("Rule(github-pat) = %+v, %v; want the rule", r, ok)
	}
	if _, ok := e.Rule("nope"); ok {
		t.Errorf("Rule(nope) found; want not")
	}
}

func TestNewErrors(t *testing.T) {
	ok := detectors.Rule{ID: "ok", Keywords: []string{"okk"}, Regex: `okk\d+`}
	tests := []struct {
		name  string
		rules []detectors.Rule
		opts  detectors.Options
		want  string
	}{
		{"bad regex", []detectors.Rule{{ID: "my-rule", Keywords: []string{"abc"}, Regex: `abc(`}}, detectors.Options{}, "rule my-rule: regex: "},
		{"empty regex", []detectors.Rule{{ID: "my-rule", Keywords: []string{"abc"}}}, detectors.Options{}, "rule my-rule: empty regex"},
		{"duplicate id", []detectors.Rule{ok, ok}, detectors.Options{}, "rule ok: duplicate id"},
		{"bad id", []detectors.Rule{{ID: "My Rule", Regex: `x`}}, detectors.Options{}, `rule "My Rule": id must be`},
		{"empty id", []detectors.Rule{{Regex: `x`}}, detectors.Options{}, `rule "": id must be`},
		{"long id", []detectors.Rule{{ID: strings.Repeat("a", 65), Regex: `x`}}, detectors.Options{}, `id must be 1 to 64`},
		{"secret group", []detectors.Rule{{ID: "g", Keywords: []string{"abc"}, Regex: `abc(\d)`, SecretGroup: 2}}, detectors.Options{}, "rule g: secret group 2 out of range"},
		{"empty keyword", []detectors.Rule{{ID: "k", Keywords: []string{"abc", ""}, Regex: `abc`}}, detectors.Options{}, "rule k: keyword 1 is empty"},
		{"entropy", []detectors.Rule{{ID: "h", Keywords: []string{"abc"}, Regex: `abc`, Entropy: 9}}, detectors.Options{}, "rule h: entropy 9 out of range"},
		{"max len", []detectors.Rule{{ID: "m", Keywords: []string{"abc"}, Regex: `abc`, MaxLen: -1}}, detectors.Options{}, "rule m: negative max length"},
		{"severity", []detectors.Rule{{ID: "s", Keywords: []string{"abc"}, Regex: `abc`, Severity: 7}}, detectors.Options{}, "rule s: unknown severity 7"},
		{"rule allowlist regex", []detectors.Rule{{ID: "a", Keywords: []string{"abc"}, Regex: `abc`, Allowlist: detectors.Allowlist{Regexes: []string{`[`}}}}, detectors.Options{}, "rule a: allowlist: regex 1: "},
		{"rule stopword", []detectors.Rule{{ID: "a", Keywords: []string{"abc"}, Regex: `abc`, Allowlist: detectors.Allowlist{StopWords: []string{""}}}}, detectors.Options{}, "rule a: allowlist: stopword 1 is empty"},
		{"global allowlist", nil, detectors.Options{Allowlist: detectors.Allowlist{Regexes: []string{`ok`, `(`}}}, "global allowlist: regex 2: "},
		{"template without fp", nil, detectors.Options{Template: "<{rule}>"}, "must contain {fp}"},
		{"template with quote", nil, detectors.Options{Template: `"{fp}"`}, "must not contain quotes"},
		{"template placeholders adjacent", nil, detectors.Options{Template: `{rule}{fp}`}, "placeholders must be separated"},
		{"nil scanner", nil, detectors.Options{Scanners: []detectors.Scanner{nil}}, "scanner 0: nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.opts.Key == nil {
				tt.opts.Key = testKey
			}
			_, err := detectors.New(tt.rules, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New() error = %v; want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := detectors.New(nil, detectors.Options{Key: []byte("short")}); !errors.Is(err, detectors.ErrShortKey) {
		t.Errorf("New(short key) error = %v; want ErrShortKey", err)
	}
}

func TestRedactJSONStaysValid(t *testing.T) {
	// A scanner whose spans start or end next to, or inside, escape
	// sequences: the engine must widen them so no escape is cut.
	sc := newScanner("value", `V([^ ]*?)W`)
	e := newEngine(t, []detectors.Rule{ghpRule}, detectors.Options{Scanners: []detectors.Scanner{sc}})
	lines := []string{
		`{"msg":"token ` + ghpSecret + `"}`,
		`{"msg":"a\"` + ghpSecret + `\"b"}`,
		`{"msg":"\\` + ghpSecret + `\\"}`,
		`{"m":"V\"abcW"}`, // span starts right after an escaping backslash? no: V is before
		`{"m":"Vabc\\W"}`, // span ends after an escaped backslash pair
		`{"m":"V\u0041bc\u0042W"}`,
		`{"m":"xV\\\"W"}`,
		`{"m":"V\"W\""}`,
		`{"m":"ab\nVcdW\t"}`,
	}
	// Spans chosen to end inside escapes.
	cut := newScanner("cut", `(?:q\\)|(?:\\u00)`)
	e2 := newEngine(t, nil, detectors.Options{Scanners: []detectors.Scanner{cut}})
	lines2 := []string{`{"m":"aq\"b"}`, `{"m":"a\u00e9b"}`, `{"m":"aq\\b"}`, `["q\u0022"]`}
	for _, c := range []struct {
		e     *detectors.Engine
		lines []string
	}{{e, lines}, {e2, lines2}} {
		for _, l := range c.lines {
			if !json.Valid([]byte(l)) {
				t.Fatalf("bad test line %s: not JSON", l)
			}
			out, fs := c.e.Redact(nil, []byte(l))
			checkInvariants(t, c.e, []byte(l), out, fs)
			if len(fs) == 0 {
				t.Errorf("Redact(%s): no findings; want some", l)
			}
			if !json.Valid(out) {
				t.Errorf("Redact(%s) = %s; not valid JSON", l, out)
			}
			if bytes.Contains(out, []byte(ghpSecret)) {
				t.Errorf("Redact(%s) = %s; secret survives", l, out)
			}
		}
	}
}

func TestRedactIdempotent(t *testing.T) {
	e := newEngine(t, []detectors.Rule{ghpRule, akiaRule}, detectors.Options{Scanners: []detectors.Scanner{
		newScanner("assign", `(?:token|key|pw)=(\S+)`),
		newScanner("hex", `\b[0-9a-f]{16}\b`), // would match a fingerprint
	}})
	lines := []string{
		"token=" + ghpSecret,
		"key=" + akiaSecret + " pw=[REDACTED:x:0123456789abcdef]tail",
		"a 0123456789abcdef b",
		`{"token":"` + ghpSecret + `","pw":"s3cr3t\"x"}`,
		"pw=" + ghpSecret + ghpSecret2,
	}
	for _, l := range lines {
		out, fs := e.Redact(nil, []byte(l))
		checkInvariants(t, e, []byte(l), out, fs)
		out2, fs2 := e.Redact(nil, out)
		if !bytes.Equal(out2, out) || len(fs2) != 0 {
			t.Errorf("Redact(Redact(%q)) = %q, %+v; want %q unchanged", l, out2, fs2, out)
		}
	}
}

func TestRedactCustomTemplate(t *testing.T) {
	weird := newScanner("Bad\"Id\\", `pw=(\S+)`)
	e := newEngine(t, []detectors.Rule{ghpRule}, detectors.Options{Template: "<<{fp}|{rule}>>", Scanners: []detectors.Scanner{weird}})
	out, fs := e.Redact(nil, []byte("t="+ghpSecret+" pw=abc"))
	want := "t=<<" + e.Fingerprint([]byte(ghpSecret)) + "|github-pat>> pw=<<" + e.Fingerprint([]byte("abc")) + "|-ad--d->>"
	if string(out) != want || len(fs) != 2 {
		t.Errorf("Redact = %q; want %q", out, want)
	}
	if got := e.Token("github-pat", []byte(ghpSecret)); got != "<<"+e.Fingerprint([]byte(ghpSecret))+"|github-pat>>" {
		t.Errorf("Token = %q", got)
	}
	if got := string(e.AppendToken([]byte("x"), "r", []byte("abc"))); got != "x<<"+e.Fingerprint([]byte("abc"))+"|r>>" {
		t.Errorf("AppendToken = %q", got)
	}
	// Idempotent under the custom template too.
	if out2, fs2 := e.Redact(nil, out); !bytes.Equal(out2, out) || len(fs2) != 0 {
		t.Errorf("Redact(%q) = %q, %v; want unchanged", out, out2, fs2)
	}
}

func TestKeywordScannerGated(t *testing.T) {
	var gatedCalls, plainCalls atomic.Int64
	g := kwScanner{&reScanner{id: "pem", re: regexp.MustCompile(`-----BEGIN ([A-Z ]+)-----`), kws: []string{"-----BEGIN"}, n: &gatedCalls}}
	p := &reScanner{id: "plain", re: regexp.MustCompile(`zzz\d+`), n: &plainCalls}
	e := newEngine(t, []detectors.Rule{ghpRule}, detectors.Options{Scanners: []detectors.Scanner{g, p}})
	lines := []string{"nothing here", "t=" + ghpSecret, "-----begin RSA PRIVATE KEY-----", "x -----BEGIN EC PRIVATE KEY----- y"}
	var found []string
	for i, l := range lines {
		_, fs := e.Redact(nil, []byte(l))
		for _, f := range fs {
			found = append(found, f.RuleID)
		}
		if i == 1 && gatedCalls.Load() != 0 {
			t.Errorf("gated scanner called %d times on lines without its keyword; want 0", gatedCalls.Load())
		}
	}
	// Redact calls it once per line with the keyword, and again on the
	// output when it found something there.
	if gatedCalls.Load() < 2 {
		t.Errorf("gated scanner called %d times; want >= 2 (lines with -----BEGIN in any case)", gatedCalls.Load())
	}
	if plainCalls.Load() < int64(len(lines)) {
		t.Errorf("plain scanner called %d times; want >= %d", plainCalls.Load(), len(lines))
	}
	if want := []string{"github-pat", "pem"}; !slices.Equal(found, want) {
		t.Errorf("findings %v; want %v", found, want)
	}
}

func TestRedactCleanLineNoAlloc(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race; run go test without -race for this check")
	}
	e := newEngine(t, []detectors.Rule{ghpRule, akiaRule}, detectors.Options{Scanners: []detectors.Scanner{
		newScanner("never", `\x00never\x00`),
	}})
	lines := [][]byte{
		[]byte(`127.0.0.1 - - [14/May/2024:07:58:03 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"`),
		[]byte(`{"level":"info","msg":"ghp_ is the prefix of a github token","akia":"no"}`), // keyword hits, no match
		nil, []byte("x"),
	}
	for _, l := range lines {
		out, fs := e.Redact(make([]byte, 0, 8), l)
		if fs != nil || len(out) != len(l) || (len(l) > 0 && &out[0] != &l[0]) {
			t.Errorf("Redact(%q) = %q, %v; want the same slice, no findings", l, out, fs)
		}
		if n := testing.AllocsPerRun(50, func() { e.Redact(nil, l) }); n != 0 {
			t.Errorf("Redact(%q) allocs = %v; want 0", l, n)
		}
	}
}

func TestRedactDoesNotModifyInput(t *testing.T) {
	e := newEngine(t, []detectors.Rule{ghpRule}, detectors.Options{})
	line := []byte("t=" + ghpSecret + " and more")
	orig := bytes.Clone(line)
	dst := make([]byte, 0, 4)
	out, _ := e.Redact(dst, line)
	if !bytes.Equal(line, orig) {
		t.Errorf("Redact modified its input: %q", line)
	}
	if bytes.Contains(out, []byte(ghpSecret)) {
		t.Errorf("Redact = %q; secret survives", out)
	}
	// dst is appended to.
	out, _ = e.Redact([]byte("prefix:"), line)
	if !bytes.HasPrefix(out, []byte("prefix:t=[REDACTED:github-pat:")) {
		t.Errorf("Redact(dst) = %q; want it appended to dst", out)
	}
}

func TestRedactConcurrent(t *testing.T) {
	e := newEngine(t, []detectors.Rule{ghpRule, akiaRule}, detectors.Options{Scanners: []detectors.Scanner{newScanner("assign", `pw=(\S+)`)}})
	var lines [][]byte
	for i := range 64 {
		switch i % 4 {
		case 0:
			lines = append(lines, []byte(fmt.Sprintf("line %d clean", i)))
		case 1:
			lines = append(lines, []byte(fmt.Sprintf("line %d t=%s", i, ghpSecret)))
		case 2:
			lines = append(lines, []byte(fmt.Sprintf(`{"n":%d,"k":"%s","pw=x%d":1}`, i, akiaSecret, i)))
		default:
			lines = append(lines, []byte(fmt.Sprintf("pw=%d %s %s", i, ghpSecret2, akiaSecret)))
		}
	}
	want := make([]string, len(lines))
	for i, l := range lines {
		out, _ := e.Redact(nil, l)
		want[i] = string(out)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for r := range 50 {
				i := (g*7 + r) % len(lines)
				out, _ := e.Redact(nil, lines[i])
				if string(out) != want[i] {
					t.Errorf("concurrent Redact(%q) = %q; want %q", lines[i], out, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

func Example() {
	rule := detectors.Rule{
		ID:          "github-pat",
		Description: "GitHub personal access token (classic)",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"ghp_"},
		Regex:       `\b(ghp_[A-Za-z0-9]{36})\b`,
		SecretGroup: 1,
		MaxLen:      48,
	}
	// In production the key comes from REDACTD_FINGERPRINT_KEY or a key file.
	key := []byte("an-example-key-of-at-least-32-bytes!")
	e, err := detectors.New([]detectors.Rule{rule}, detectors.Options{Key: key})
	if err != nil {
		fmt.Println(err)
		return
	}
	line := []byte(`{"msg":"cloning","token":"ghp_Zq3xR7mK2pL9vB4nW8cT1yH6jD5fG0sA3eQ7"}`)
	out, findings := e.Redact(nil, line)
	fmt.Println(string(out))
	for _, f := range findings {
		fmt.Println(f.RuleID, f.Start, f.End, f.Severity)
	}
	clean := []byte("GET /healthz 200")
	out, findings = e.Redact(nil, clean)
	fmt.Println(string(out), findings == nil)
	// Output:
	// {"msg":"cloning","token":"[REDACTED:github-pat:1ad12a82cb094030]"}
	// github-pat 26 66 critical
	// GET /healthz 200 true
}

func TestTokenSpansLinear(t *testing.T) {
	// A template that starts with {rule} makes every position a possible
	// token start; ids are capped, so a long id-like run stays linear.
	e := newEngine(t, []detectors.Rule{ghpRule}, detectors.Options{Template: "{rule}-x-{fp}", Scanners: []detectors.Scanner{
		newScanner("long-id-"+strings.Repeat("z", 80), `pw=(\S+)`),
	}})
	line := []byte(strings.Repeat("a", 1<<18) + " t=" + ghpSecret + " pw=abc")
	done := make(chan struct{})
	go func() {
		defer close(done)
		out, fs := e.Redact(nil, line)
		if len(fs) != 2 {
			t.Errorf("Redact(long line) findings = %d; want 2", len(fs))
		}
		if out2, fs2 := e.Redact(nil, out); !bytes.Equal(out2, out) || fs2 != nil {
			t.Errorf("Redact(Redact(long line)) changed the line")
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Redact on a 256 KiB id-like line did not finish in 20s")
	}
}
