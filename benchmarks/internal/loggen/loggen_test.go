package loggen_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/redactd/redactd/benchmarks/internal/loggen"
)

// sample generates about n bytes and returns them with their labels.
func sample(cfg loggen.Config, n int) ([]byte, []loggen.Label, *loggen.Generator) {
	g := loggen.New(cfg)
	var out []byte
	var labels []loggen.Label
	for len(out) < n {
		out = g.AppendEvent(out)
		labels = append(labels, g.Labels()...)
	}
	return out, labels, g
}

func TestDeterministic(t *testing.T) {
	for _, p := range []loggen.Profile{loggen.Clean, loggen.Dirty} {
		a, la, _ := sample(loggen.Config{Profile: p, Seed: 7}, 256<<10)
		b, lb, _ := sample(loggen.Config{Profile: p, Seed: 7}, 256<<10)
		if !bytes.Equal(a, b) || len(la) != len(lb) {
			t.Errorf("profile %s seed 7: two runs differ (%d vs %d bytes, %d vs %d labels)", p, len(a), len(b), len(la), len(lb))
		}
		c, _, _ := sample(loggen.Config{Profile: p, Seed: 8}, 256<<10)
		if bytes.Equal(a[:4096], c[:4096]) {
			t.Errorf("profile %s: seeds 7 and 8 give the same output", p)
		}
	}
}

// TestTargets checks a 4 MiB sample of each profile against the targets
// the benchmarks rely on: average line length, secret rate, and labels that
// point at lines holding exactly that secret.
func TestTargets(t *testing.T) {
	tests := []struct {
		profile    loggen.Profile
		minPeriod  float64 // lines per secret line
		maxPeriod  float64
		wantShapes []string // substrings some line must contain
	}{
		{loggen.Clean, 1300, 3000, []string{"HTTP/1.1\" ", `{"level":`, " stdout F ", `{"log":"`, "Traceback (most recent call last):", "\tat ", " sshd["}},
		{loggen.Dirty, 40, 62, []string{"-----BEGIN ", "HTTP/1.1\" ", `"stream":"stdout"`}},
	}
	for _, tt := range tests {
		t.Run(tt.profile.String(), func(t *testing.T) {
			const size = 4 << 20 // enough lines for a stable 1-in-2,000 rate and a few PEM keys
			out, labels, g := sample(loggen.Config{Profile: tt.profile, Seed: 1}, size)
			lines := bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"))
			if int64(len(lines)) != g.Lines() {
				t.Fatalf("Lines() = %d; want %d", g.Lines(), len(lines))
			}
			avg := float64(len(out)) / float64(len(lines))
			if avg < 150 || avg > 250 {
				t.Errorf("average line length = %.1f; want 150-250", avg)
			}
			period := float64(len(lines)) / float64(g.SecretLines())
			if period < tt.minPeriod || period > tt.maxPeriod {
				t.Errorf("1 line in %.0f carries a secret; want 1 in %.0f-%.0f", period, tt.minPeriod, tt.maxPeriod)
			}
			seen := map[int64]bool{}
			for _, l := range labels {
				seen[l.Line] = true
				if l.Line < 1 || l.Line > int64(len(lines)) {
					t.Fatalf("label line %d out of range [1, %d]", l.Line, len(lines))
				}
				if len(l.Secret) < 8 || !bytes.Contains(lines[l.Line-1], []byte(l.Secret)) {
					t.Errorf("label %s on line %d: line does not hold its %d-byte secret", l.Kind, l.Line, len(l.Secret))
				}
			}
			if int64(len(seen)) != g.SecretLines() {
				t.Errorf("labels cover %d lines; SecretLines() = %d", len(seen), g.SecretLines())
			}
			for _, s := range tt.wantShapes {
				if !bytes.Contains(out, []byte(s)) {
					t.Errorf("no line contains %q", s)
				}
			}
			if tt.profile == loggen.Clean && bytes.Contains(out, []byte("PRIVATE KEY")) {
				t.Errorf("clean profile has a PEM private key")
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"512", 512}, {"64KiB", 64 << 10}, {"256MiB", 256 << 20}, {"1GiB", 1 << 30}, {"2g", 2 << 30}, {"10MB", 10 << 20},
	}
	for _, tt := range tests {
		if got, err := loggen.ParseSize(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "MiB", "-1", "1.5GiB", "12XB"} {
		if _, err := loggen.ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q): want an error", in)
		}
	}
}

func TestAppendEventAllocs(t *testing.T) {
	g := loggen.New(loggen.Config{Profile: loggen.Clean, Seed: 3})
	buf := make([]byte, 0, 1<<20)
	// Clean events rarely carry a secret; the rest must not allocate.
	allocs := testing.AllocsPerRun(2000, func() {
		if len(buf) > 1<<20-16<<10 {
			buf = buf[:0]
		}
		buf = g.AppendEvent(buf)
	})
	if allocs > 0.05 {
		t.Errorf("AppendEvent: %.3f allocs per event; want about 0", allocs)
	}
}

func BenchmarkAppendEvent(b *testing.B) {
	g := loggen.New(loggen.Config{Profile: loggen.Dirty, Seed: 1})
	buf := make([]byte, 0, 1<<20)
	b.ReportAllocs()
	var n int64
	for b.Loop() {
		if len(buf) > 1<<20-16<<10 {
			buf = buf[:0]
		}
		before := len(buf)
		buf = g.AppendEvent(buf)
		n += int64(len(buf) - before)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds()/(1<<20), "MiB/s")
}

func Example() {
	g := loggen.New(loggen.Config{Profile: loggen.Dirty, Seed: 1})
	var out []byte
	for g.SecretLines() == 0 {
		out = g.AppendEvent(out)
	}
	l := g.Labels()[0]
	line := strings.Split(string(out), "\n")[l.Line-1]
	fmt.Println(l.Kind, l.Context, strings.Contains(line, l.Secret))
	// Output: password assignment true
}
