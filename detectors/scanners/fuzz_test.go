package scanners_test

import (
	"encoding/json"
	"testing"
)

// FuzzScan checks the context scanners on arbitrary lines: no panic, spans
// in bounds and non-empty, and a JSON line stays valid JSON after
// redaction.
func FuzzScan(f *testing.F) {
	for _, p := range positives {
		f.Add(p.line)
	}
	for _, p := range formatPositives {
		f.Add(p.line)
	}
	for _, n := range negatives[:20] {
		f.Add(n)
	}
	f.Add(`{"log":"{\\\"password\\\":\\\"x\\\\\\\"y1234\\\"}\n"}`)
	f.Add(`a=\"\\\"b\\` + "\x00")
	eng := newEngine(f, nil)
	f.Fuzz(func(t *testing.T, line string) {
		ms := scanAll(line)
		for _, m := range ms {
			if m.Start < 0 || m.End > len(line) || m.Start >= m.End {
				t.Fatalf("Scan(%q): span [%d,%d) out of bounds", line, m.Start, m.End)
			}
		}
		if json.Valid([]byte(line)) {
			out, _ := eng.Redact(nil, []byte(line))
			if !json.Valid(out) {
				t.Fatalf("Redact(%q) = %q; no longer valid JSON", line, out)
			}
		}
	})
}
