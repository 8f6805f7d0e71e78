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
