package detectors_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors"
)

// Every copy of a found secret on its line is redacted, with one token.
func TestRedactCopiesOfFoundSecret(t *testing.T) {
	e, err := detectors.New([]detectors.Rule{{
		ID: "acme", Description: "d", Keywords: []string{"acme_"}, Regex: `\bacme_[a-z0-9]{20}\b`,
	}}, detectors.Options{Key: bytes.Repeat([]byte("k"), 32)})
	if err != nil {
		t.Fatal(err)
	}
	const secret = "acme_abcdefghij0123456789"
	// The middle copy sits glued inside a word, where the rule's \b does
	// not match: it is caught as a copy of the secret the rule found.
	line := `{"api_key": "` + secret + `", "message": "key x` + secret + `y invalid", "again": "` + secret + `"}`
	out, fs := e.Redact(nil, []byte(line))
	if strings.Contains(string(out), secret[5:]) {
		t.Fatalf("Redact(%s) = %s; a copy survived", line, out)
	}
	tok := e.Token("acme", []byte(secret))
	if strings.Count(string(out), tok) != 3 || len(fs) != 3 {
		t.Fatalf("Redact(%s) = %s, %d findings; want 3 tokens and 3 findings", line, out, len(fs))
	}
	// Short secrets are not hunted for elsewhere on the line.
	short, err := detectors.New([]detectors.Rule{{ID: "pin", Description: "d", Keywords: []string{"pin="}, Regex: `pin=(\d{4})`, SecretGroup: 1}},
		detectors.Options{Key: bytes.Repeat([]byte("k"), 32)})
	if err != nil {
		t.Fatal(err)
	}
	out, _ = short.Redact(nil, []byte("pin=1234 order 1234"))
	if !strings.HasSuffix(string(out), "order 1234") {
		t.Fatalf("short secret's copy redacted: %s", out)
	}
}
