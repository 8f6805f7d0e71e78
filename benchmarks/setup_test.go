package benchmarks

import (
	"bytes"
	"testing"

	"github.com/redactd/redactd/benchmarks/internal/loggen"
	"github.com/redactd/redactd/benchmarks/internal/redactor"
)

// TestPipelineOnGenerated checks what the benchmarks measure: the pipeline
// with the binary's engine writes every generated line back, leaks none of
// the planted secrets, and leaves the same output as Redact plus the PEM
// follower line by line. It runs in normal `go test` (the benchmarks do
// not) on 1 MiB of each profile.
func TestPipelineOnGenerated(t *testing.T) {
	red, err := redactor.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range profiles {
		t.Run(p.String(), func(t *testing.T) {
			g := loggen.New(loggen.Config{Profile: p, Seed: 2})
			var in []byte
			var labels []loggen.Label
			for len(in) < 1<<20 {
				in = g.AppendEvent(in)
				labels = append(labels, g.Labels()...)
			}
			var out bytes.Buffer
			if _, err := runPipeline(in, 2, red, &out); err != nil {
				t.Fatalf("pipeline: %v", err)
			}
			inLines := bytes.Split(bytes.TrimSuffix(in, []byte("\n")), []byte("\n"))
			outLines := bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n"))
			if len(outLines) != len(inLines) {
				t.Fatalf("pipeline wrote %d lines; want %d", len(outLines), len(inLines))
			}
			f := red.NewStream()
			for i, l := range inLines {
				r, fs := red.Redact(nil, l)
				want, _ := f.Follow(nil, r, fs)
				if !bytes.Equal(outLines[i], want) {
					t.Fatalf("line %d: pipeline output differs from Redact+Follow (%d vs %d bytes)", i+1, len(outLines[i]), len(want))
				}
			}
			if len(labels) == 0 {
				t.Fatalf("sample has no planted secret")
			}
			for _, l := range labels {
				secret := l.Secret[l.PublicPrefix:]
				if len(secret) >= 12 && bytes.Contains(outLines[l.Line-1], []byte(secret[len(secret)-12:])) ||
					bytes.Contains(outLines[l.Line-1], []byte(secret)) {
					t.Errorf("line %d: planted %s (%s context, %d bytes) survived redaction", l.Line, l.Kind, l.Context, len(l.Secret))
				}
			}
		})
	}
}

// TestRedactGeneratedCleanNoAlloc: the binary's engine (catalogue, every
// scanner) allocates nothing on generated clean lines without a finding,
// including the ~20% where a keyword hits and a rule or gated scanner runs.
// CI runs it without -race, once as `go test` builds and once with the
// binary's PGO profile, whose inlining can change what escapes.
func TestRedactGeneratedCleanNoAlloc(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	e, err := redactor.NewEngine(redactor.All)
	if err != nil {
		t.Fatal(err)
	}
	g := loggen.New(loggen.Config{Profile: loggen.Clean, Seed: 3})
	var in []byte
	for len(in) < 2<<20 {
		in = g.AppendEvent(in)
	}
	var quiet [][]byte
	for _, l := range bytes.Split(in, []byte("\n")) {
		if _, fs := e.Redact(nil, l); fs == nil {
			quiet = append(quiet, l)
		}
	}
	if n := testing.AllocsPerRun(2, func() {
		for _, l := range quiet {
			e.Redact(nil, l)
		}
	}); n != 0 {
		for _, l := range quiet {
			if a := testing.AllocsPerRun(10, func() { e.Redact(nil, l) }); a != 0 {
				t.Errorf("Redact(%.200q) allocates %v times", l, a)
				break
			}
		}
		t.Fatalf("Redact over %d generated clean lines without findings: %v allocs; want 0", len(quiet), n)
	}
}
