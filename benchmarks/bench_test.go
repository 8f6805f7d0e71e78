package benchmarks

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"testing"

	"github.com/redactd/redactd/benchmarks/internal/loggen"
	"github.com/redactd/redactd/benchmarks/internal/redactor"
	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/scanners"
	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sinks/stdout"
	"github.com/redactd/redactd/sources/stdin"
)

// corpusBytes is the size of the in-memory corpus of each profile: large
// enough to hold the clean profile's few secrets and every log shape, small
// enough to stay in L2/L3-ish territory and to generate in milliseconds.
const corpusBytes = 4 << 20

type corpus struct {
	data   []byte
	lines  [][]byte
	labels []loggen.Label
}

var corpora = sync.OnceValue(func() map[loggen.Profile]*corpus {
	m := map[loggen.Profile]*corpus{}
	for _, p := range []loggen.Profile{loggen.Clean, loggen.Dirty} {
		g := loggen.New(loggen.Config{Profile: p, Seed: 1})
		c := &corpus{}
		for len(c.data) < corpusBytes {
			c.data = g.AppendEvent(c.data)
			c.labels = append(c.labels, g.Labels()...)
		}
		c.lines = bytes.Split(bytes.TrimSuffix(c.data, []byte("\n")), []byte("\n"))
		m[p] = c
	}
	return m
})

var profiles = []loggen.Profile{loggen.Clean, loggen.Dirty}

// loopLines runs f over every line per op and reports per-line figures:
// allocs/line (heap allocations divided by lines processed) and ns/line.
func loopLines(b *testing.B, c *corpus, f func(line []byte)) {
	b.SetBytes(int64(len(c.data)))
	b.ReportAllocs()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	ops := 0
	for b.Loop() {
		for _, l := range c.lines {
			f(l)
		}
		ops++
	}
	runtime.ReadMemStats(&m1)
	n := float64(ops * len(c.lines))
	b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/n, "allocs/line")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/line")
}

func mustEngine(b testing.TB, parts redactor.Parts) *detectors.Engine {
	e, err := redactor.NewEngine(parts)
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkLineSplit is the floor: finding line ends, nothing else.
func BenchmarkLineSplit(b *testing.B) {
	for _, p := range profiles {
		c := corpora()[p]
		b.Run(p.String(), func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				for d := c.data; len(d) > 0; n++ {
					i := bytes.IndexByte(d, '\n')
					if i < 0 {
						break
					}
					d = d[i+1:]
				}
				if n != len(c.lines) {
					b.Fatalf("split %d lines; want %d", n, len(c.lines))
				}
			}
		})
	}
}

// BenchmarkRedact runs Engine.Redact line by line, the detect stage's work:
//   - empty: an engine with no rules and no scanners (the per-call floor);
//   - rules: the built-in catalogue behind the keyword prefilter (on clean
//     lines this is mostly the prefilter, since detectors does not export
//     the prefilter itself);
//   - scanners: the context scanners alone;
//   - all: what the binary runs.
func BenchmarkRedact(b *testing.B) {
	engines := []struct {
		name  string
		parts redactor.Parts
	}{
		{"empty", 0},
		{"rules", redactor.Rules},
		{"scanners", redactor.Scanners},
		{"all", redactor.All},
	}
	for _, e := range engines {
		eng := mustEngine(b, e.parts)
		for _, p := range profiles {
			c := corpora()[p]
			b.Run(e.name+"/"+p.String(), func(b *testing.B) {
				dst := make([]byte, 0, 64<<10)
				// dst outgrows no redacted line of the corpus, so it is
				// never reallocated.
				loopLines(b, c, func(l []byte) { eng.Redact(dst[:0], l) })
			})
		}
	}
	// all/unchanged: only the clean corpus's lines that the binary's engine
	// leaves as they are, the lines the "0 allocations per clean line"
	// budget is about (lines with a false positive are excluded).
	eng := mustEngine(b, redactor.All)
	var un corpus
	for _, l := range corpora()[loggen.Clean].lines {
		if _, fs := eng.Redact(nil, l); len(fs) == 0 {
			un.lines = append(un.lines, l)
			un.data = append(append(un.data, l...), '\n')
		}
	}
	b.Run("all/unchanged", func(b *testing.B) {
		dst := make([]byte, 0, 64<<10)
		loopLines(b, &un, func(l []byte) { eng.Redact(dst[:0], l) })
	})
}

// BenchmarkScanner runs each context detector family's Scan directly,
// without the engine (no prefilter gating, no merging, no fingerprints).
func BenchmarkScanner(b *testing.B) {
	fams := []struct {
		name string
		sc   detectors.Scanner
	}{
		{"assignments", scanners.New(scanners.Options{Families: scanners.Assignments})},
		{"http", scanners.New(scanners.Options{Families: scanners.HTTP})},
		{"urls", scanners.New(scanners.Options{Families: scanners.URLs})},
		{"entropy", scanners.New(scanners.Options{Families: scanners.Entropy})},
		{"context-all", scanners.New(scanners.Options{})},
		{"pem-inline", scanners.NewPEMInline()},
	}
	for _, f := range fams {
		for _, p := range profiles {
			c := corpora()[p]
			b.Run(f.name+"/"+p.String(), func(b *testing.B) {
				out := make([]detectors.Match, 0, 16)
				loopLines(b, c, func(l []byte) { out = f.sc.Scan(l, out[:0]) })
			})
		}
	}
}

// BenchmarkFollower runs the per-stream PEM follower over lines already
// redacted by the engine, as the pipeline's stream stage does.
func BenchmarkFollower(b *testing.B) {
	red, err := redactor.New()
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range profiles {
		c := corpora()[p]
		redacted := make([][]byte, len(c.lines))
		finds := make([][]detectors.Finding, len(c.lines))
		for i, l := range c.lines {
			redacted[i], finds[i] = red.Redact(nil, l)
		}
		b.Run(p.String(), func(b *testing.B) {
			f := red.NewStream()
			dst := make([]byte, 0, 64<<10)
			i := 0
			loopLines(b, c, func([]byte) {
				f.Follow(dst[:0], redacted[i], finds[i])
				i = (i + 1) % len(redacted)
			})
		})
	}
}

// runPipeline sends data through pipeline.Run from a stdin source to a
// stdout sink, as `redactd < file > w` does.
func runPipeline(data []byte, workers int, red pipeline.Redactor, w io.Writer) (*pipeline.Stats, error) {
	st := new(pipeline.Stats)
	err := pipeline.Run(context.Background(), pipeline.Options{
		Sources:  []pipeline.Source{stdin.New(bytes.NewReader(data), "stdin", stdin.Config{})},
		Sinks:    []pipeline.NamedSink{{Name: "stdout", Sink: stdout.New(w)}},
		Redactor: red,
		Workers:  workers,
		Stats:    st,
	})
	return st, err
}

// BenchmarkPipeline runs the whole per-line path in process: stdin source,
// batches, detect workers with the binary's engine, per-stream reorder and
// PEM follower, stdout sink writing to io.Discard. The nop variants run the
// clean corpus with a redactor that finds nothing: the pipeline's own cost.
func BenchmarkPipeline(b *testing.B) {
	red, err := redactor.New()
	if err != nil {
		b.Fatal(err)
	}
	type variant struct {
		name string
		red  pipeline.Redactor
	}
	var variants []variant
	for _, p := range profiles {
		variants = append(variants, variant{p.String(), red})
	}
	// nop: a redactor that finds nothing, for the pipeline's own cost
	// (source, batching, queues, stream stage, sink, GC).
	variants = append(variants, variant{"nop", nopRedactor{}})
	for _, v := range variants {
		c := corpora()[loggen.Clean]
		if v.name == loggen.Dirty.String() {
			c = corpora()[loggen.Dirty]
		}
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", v.name, w), func(b *testing.B) {
				b.SetBytes(int64(len(c.data)))
				b.ReportAllocs()
				var m0, m1 runtime.MemStats
				runtime.ReadMemStats(&m0)
				ops := 0
				for b.Loop() {
					st, err := runPipeline(c.data, w, v.red, io.Discard)
					if err != nil {
						b.Fatal(err)
					}
					if got := st.LinesOut.Load(); got != int64(len(c.lines)) {
						b.Fatalf("pipeline wrote %d lines; want %d", got, len(c.lines))
					}
					ops++
				}
				runtime.ReadMemStats(&m1)
				n := float64(ops * len(c.lines))
				b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/n, "allocs/line")
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/line")
			})
		}
	}
}

// nopRedactor finds nothing: Redact returns the line itself.
type nopRedactor struct{}

func (nopRedactor) Redact(_, line []byte) ([]byte, []detectors.Finding) { return line, nil }
