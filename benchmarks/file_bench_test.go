package benchmarks

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/redactd/redactd/benchmarks/internal/redactor"
	"github.com/redactd/redactd/pipeline"
	filesink "github.com/redactd/redactd/sinks/file"
	filesource "github.com/redactd/redactd/sources/file"
)

// BenchmarkPipelineFile runs file -> file: the tail source reads a
// generated file from its beginning, the file sink appends to another
// (fsync "none", so the disk is not measured; "batch" is the default and
// adds one fsync per batch). An op ends when every line was written.
func BenchmarkPipelineFile(b *testing.B) {
	red, err := redactor.New()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for _, p := range profiles {
		c := corpora()[p]
		in := filepath.Join(dir, p.String()+".log")
		if err := os.WriteFile(in, c.data, 0o600); err != nil {
			b.Fatal(err)
		}
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", p, w), func(b *testing.B) {
				b.SetBytes(int64(len(c.data)))
				b.ReportAllocs()
				var m0, m1 runtime.MemStats
				runtime.ReadMemStats(&m0)
				ops := 0
				for b.Loop() {
					op := filepath.Join(dir, fmt.Sprintf("op%d", ops))
					if err := runFilePipeline(in, op, w, red, int64(len(c.lines))); err != nil {
						b.Fatal(err)
					}
					os.RemoveAll(op)
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

// runFilePipeline tails in into dir/out.log until lines lines were written,
// then stops the pipeline.
func runFilePipeline(in, dir string, workers int, red pipeline.Redactor, lines int64) error {
	src, err := filesource.New(filesource.Config{
		Paths:        []string{in},
		StartAt:      "beginning",
		PollInterval: time.Millisecond,
		BatchBytes:   256 << 10,
		BatchLines:   4096,
	}, dir, nil)
	if err != nil {
		return err
	}
	sink, err := filesink.NewSink(filesink.Config{Path: filepath.Join(dir, "out.log"), Fsync: "none"}, nil)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := new(pipeline.Stats)
	done := make(chan error, 1)
	go func() { // exits when the pipeline returns, after cancel below
		done <- pipeline.Run(ctx, pipeline.Options{
			Sources:  []pipeline.Source{src},
			Sinks:    []pipeline.NamedSink{{Name: "file", Sink: sink}},
			Redactor: red,
			Workers:  workers,
			Stats:    st,
		})
	}()
	tick := time.NewTicker(200 * time.Microsecond)
	defer tick.Stop()
	for st.LinesOut.Load() < lines {
		select {
		case err := <-done:
			return fmt.Errorf("pipeline stopped after %d of %d lines: %v", st.LinesOut.Load(), lines, err)
		case <-tick.C:
		}
	}
	cancel()
	return <-done
}
