package builtin

import (
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"testing"
)

// Alphabets for generated fake secrets.
const (
	alnumA   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	hexA     = "0123456789abcdef"
	upHexA   = "0123456789ABCDEF"
	upAlnumA = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	lowAlnA  = "abcdefghijklmnopqrstuvwxyz0123456789"
	b64A     = alnumA + "+/"
	b64urlA  = alnumA + "-_"
	b32A     = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
)

// fakeA returns n characters drawn from alphabet by a generator seeded with
// seed: the same seed always gives the same fake secret, and different seeds
// give unrelated ones. Fixtures never hold real credentials.
func fakeA(seed, alphabet string, n int) string {
	h := fnv.New64a()
	h.Write([]byte(seed))
	r := rand.New(rand.NewPCG(h.Sum64(), 0x9e3779b97f4a7c15))
	var b strings.Builder
	for range n {
		b.WriteByte(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

// crcTokA returns a fake token of the GitHub/npm layout: prefix, 30 random
// base62 characters, then their base62 CRC32.
func crcTokA(seed, prefix string) string {
	body := fakeA(seed, alnumA, 30)
	var sum [6]byte
	crc32Base62(&sum, []byte(body))
	return prefix + body + string(sum[:])
}

// badCRCA returns tok with its last character changed, so its checksum fails.
func badCRCA(tok string) string {
	last := tok[len(tok)-1]
	repl := byte('a')
	if last == 'a' {
		repl = 'b'
	}
	return tok[:len(tok)-1] + string(repl)
}

// tpA builds a true positive from a log line template in which {s} stands
// for the secret.
func tpA(tpl, secret string) tp {
	return tp{line: strings.ReplaceAll(tpl, "{s}", secret), secret: secret}
}

// fpA builds a false-positive line from a template in which {s} stands for a
// near-miss value.
func fpA(tpl, value string) string { return strings.ReplaceAll(tpl, "{s}", value) }

func TestValidCRC32Base62(t *testing.T) {
	// Known-good values: GitHub's and npm's suffix is the CRC32 of the 30
	// characters after the prefix, in base62 with digits 0-9A-Za-z.
	good := crcTokA("validate", "ghp_")
	tests := []struct {
		name   string
		prefix int
		in     string
		want   bool
	}{
		{"generated", 4, good, true},
		// Checked against an independent Python implementation.
		{"known good", 4, "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", true},
		{"wrong checksum", 4, badCRCA(good), false},
		{"placeholder", 4, "ghp_" + strings.Repeat("x", 36), false},
		{"too short", 4, good[:len(good)-1], false},
		{"too long", 4, good + "A", false},
		{"npm", 4, crcTokA("validate-npm", "npm_"), true},
		{"zero crc pads", 4, "ghp_" + strings.Repeat("0", 30) + "000000", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validCRC32Base62(tt.prefix)([]byte(tt.in)); got != tt.want {
				t.Errorf("validCRC32Base62(%d)(%q) = %v; want %v", tt.prefix, tt.in, got, tt.want)
			}
		})
	}
}

func TestCRC32Base62Known(t *testing.T) {
	// CRC32("") is 0 and CRC32("a") is 0xe8b7be43 = 3904355907, which is
	// 4gHwRl in base62 with digits 0-9A-Za-z.
	var sum [6]byte
	crc32Base62(&sum, nil)
	if string(sum[:]) != "000000" {
		t.Errorf("crc32Base62(empty) = %q; want %q", sum[:], "000000")
	}
	crc32Base62(&sum, []byte("a"))
	if got, want := string(sum[:]), base62OfA(0xe8b7be43); got != want {
		t.Errorf("crc32Base62(a) = %q; want %q", got, want)
	}
}

// base62OfA is a slow, obviously correct base62 encoder for the test above.
func base62OfA(n uint64) string {
	s := ""
	for range 6 {
		s = string(base62Digits[n%62]) + s
		n /= 62
	}
	return s
}

func TestValidAzureDevOpsPAT(t *testing.T) {
	good := fakeA("ado", b32A, 52) + fakeA("ado2", b32A, 24) + "AZDO" + fakeA("ado3", b32A, 4)
	tests := []struct {
		in   string
		want bool
	}{
		{good, true},
		{good[:76] + "AZDX" + good[80:], false},
		{good[:83], false},
	}
	for _, tt := range tests {
		if got := validAzureDevOpsPAT([]byte(tt.in)); got != tt.want {
			t.Errorf("validAzureDevOpsPAT(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidSentryOrgToken(t *testing.T) {
	payload := "eyJpYXQiOjE3MTU2NzM2MDAuMCwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8iLCJvcmciOiJhY21lIn0" // {"iat":1715673600.0,"url":"https://sentry.io","org":"acme"}
	secret := fakeA("sentry-v", b64A, 43)
	tests := []struct {
		in   string
		want bool
	}{
		{"sntrys_" + payload + "_" + secret, true},
		{"sntrys_" + payload + "==_" + secret, true},
		{"sntrys_eyJ" + fakeA("sentry-bad", alnumA, 60) + "_" + secret, false},
		{"sntrys_eyJvcmciOiJhY21lIn0_" + secret, false}, // {"org":"acme"}: no iat
		{"sntrys_" + payload, false},
		{"sntryu_" + payload + "_" + secret, false},
	}
	for _, tt := range tests {
		if got := validSentryOrgToken([]byte(tt.in)); got != tt.want {
			t.Errorf("validSentryOrgToken(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}
