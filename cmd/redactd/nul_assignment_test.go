package main

import (
	"strings"
	"testing"
)

// A control byte (here NUL) ends an assignment's value: only the secret is
// replaced, the byte after it survives.
func TestAssignmentValueStopsAtNUL(t *testing.T) {
	tok := stripeToken(t)
	for _, in := range []string{
		"\x00 api_key=" + fakeStripe + "\x00\n",
		"x api_key=" + fakeStripe + "\x00 y\n",
	} {
		want := strings.ReplaceAll(in, fakeStripe, tok)
		if _, out, _ := runIn(t, in, keyEnv()); out != want {
			t.Errorf("redact(%q) = %q; want %q", in, out, want)
		}
	}
}
