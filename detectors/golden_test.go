package detectors_test

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden")

// TestGolden redacts each testdata/golden/*.in line by line with a fixed
// small engine (not the catalogue, which changes often) and compares the
// lines and findings with the .golden file. Regenerate with
// go test ./detectors -run TestGolden -update, and review the diff.
func TestGolden(t *testing.T) {
	key := []byte("golden-test-key-of-at-least-32-bytes")
	e := newEngine(t, []detectors.Rule{ghpRule, akiaRule}, detectors.Options{Key: key, Scanners: []detectors.Scanner{
		newScanner("assign", `(?:token|password)=([^ &"]+)`),
	}})
	ins, err := filepath.Glob("testdata/golden/*.in")
	if err != nil || len(ins) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range ins {
		t.Run(filepath.Base(in), func(t *testing.T) {
			f, err := os.Open(in)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var got bytes.Buffer
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				out, fs := e.Redact(nil, sc.Bytes())
				fmt.Fprintf(&got, "%s\n", out)
				for _, fd := range fs {
					fmt.Fprintf(&got, "\t%s [%d,%d) %s %s %s\n", fd.RuleID, fd.Start, fd.End, fd.Fingerprint, fd.Context, fd.Severity)
				}
			}
			if err := sc.Err(); err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(in, ".in") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with -update to create it): %v", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("Redact(%s) =\n%s\nwant (%s)\n%s", in, got.Bytes(), golden, want)
			}
		})
	}
}

func TestFingerprinter(t *testing.T) {
	key := bytes.Repeat([]byte{7}, detectors.MinKeyLen)
	fp, err := detectors.NewFingerprinter(key)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "a", ghpSecret, strings.Repeat("x", 200)} {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(s))
		want := hex.EncodeToString(m.Sum(nil))[:detectors.FingerprintLen]
		if got := fp.String([]byte(s)); got != want {
			t.Errorf("String(%q) = %s; want %s", s, got, want)
		}
		if got := string(fp.Append([]byte("x"), []byte(s))); got != "x"+want {
			t.Errorf("Append(x, %q) = %s; want x%s", s, got, want)
		}
	}
	if _, err := detectors.NewFingerprinter(key[:detectors.MinKeyLen-1]); err != detectors.ErrShortKey {
		t.Errorf("NewFingerprinter(31 bytes) = %v; want ErrShortKey", err)
	}
	secret := []byte(ghpSecret)
	buf := make([]byte, 0, detectors.FingerprintLen)
	if n := testing.AllocsPerRun(100, func() { fp.Append(buf, secret) }); n != 0 && !raceEnabled {
		t.Errorf("Append allocs = %v; want 0", n)
	}
}
