package detectors_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/builtin"
)

// fuzzEngine mixes windowed rules, a rule without keywords, an ungated
// scanner and a keyword-gated scanner, so that merging, windows, escapes and
// token handling all meet arbitrary input.
//
// It also carries the built-in catalogue, so that real provider regexes meet
// the same input.
func fuzzEngine(t testing.TB) *detectors.Engine {
	planted := ghpRule
	planted.ID = "fuzz-github-pat" // the catalogue's rule also checks the CRC
	aws := akiaRule
	aws.ID = "fuzz-aws"
	rules := []detectors.Rule{
		planted,
		aws,
		{ID: "no-keyword", Regex: `\bpin:([0-9]{6,8})\b`, SecretGroup: 1}, // runs on every line: exercises that path
		{ID: "loose", Keywords: []string{"sk_"}, Regex: `sk_[a-z]+`, MaxLen: 16, Entropy: 1},
	}
	rules = append(rules, builtin.Rules()...)
	pem := kwScanner{&reScanner{id: "pem", re: regexp.MustCompile(`-----BEGIN [A-Z ]+-----([A-Za-z0-9+/=\\]*)`), kws: []string{"-----BEGIN"}}}
	return newEngine(t, rules, detectors.Options{Scanners: []detectors.Scanner{
		newScanner("assign", `(?:token|password)=([^ &"]+)`),
		pem,
	}})
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"", "plain text", `{"a":"b\"c"}`, "token=abc&password=x\\", `\\\u00`,
		"[REDACTED:github-pat:0123456789abcdef]", "pin:123456 sk_abcdef -----BEGIN RSA PRIVATE KEY-----MIIB\\nabc",
	} {
		f.Add([]byte(s), uint16(len(s)/2))
	}
	e := fuzzEngine(f)
	f.Fuzz(func(t *testing.T, data []byte, at uint16) {
		orig := bytes.Clone(data)
		out, fs := e.Redact(nil, data)
		if !bytes.Equal(data, orig) {
			t.Fatalf("Redact modified its input")
		}
		checkInvariants(t, e, data, out, fs)

		// Idempotence: the output redacted again is unchanged.
		out2, fs2 := e.Redact(nil, out)
		if !bytes.Equal(out2, out) || len(fs2) != 0 {
			t.Fatalf("Redact(%q) = %q; again = %q, %+v; want unchanged", data, out, out2, fs2)
		}

		// A planted secret never survives, wherever it lands.
		i := 0
		if len(data) > 0 {
			i = int(at) % (len(data) + 1)
		}
		planted := make([]byte, 0, len(data)+len(ghpSecret)+2)
		planted = append(planted, data[:i]...)
		planted = append(planted, ' ')
		planted = append(planted, ghpSecret...)
		planted = append(planted, ' ')
		planted = append(planted, data[i:]...)
		out, fs = e.Redact(nil, planted)
		checkInvariants(t, e, planted, out, fs)
		covered := false
		for _, f := range fs {
			covered = covered || f.Start <= i+1 && f.End >= i+1+len(ghpSecret)
		}
		if !covered {
			t.Fatalf("Redact(%q) = %q; planted secret survives", planted, out)
		}
	})
}
