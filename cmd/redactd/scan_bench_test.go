package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScan runs the scan of redactd scan over a generated dirty log
// (16 MiB, benchmarks/gen -profile dirty -seed 1) into a JSON report:
// "sequential" is the one-goroutine scan the detect workers replaced. The
// engine is compiled once, outside the loop.
//
//	go test -run '^$' -bench Scan -count 6 ./cmd/redactd/
func BenchmarkScan(b *testing.B) {
	path := filepath.Join(b.TempDir(), "dirty.log")
	genLog(b, path, "16MiB", "dirty", 1)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	bench := func(b *testing.B, workers int, scan func(*scanner, io.Reader, []string)) {
		r := runScanWith(b, nil, func(s *scanner, stdin io.Reader, inputs []string) {
			s.o.workers = workers
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				stable := s.sum.StableKey
				s.sum, s.results, s.errs = scanSummary{StableKey: stable}, s.results[:0], nil
				clear(s.unique)
				scan(s, stdin, inputs)
			}
		}, "--format", "json", path)
		if r.code != 1 {
			b.Fatalf("exit %d (%s); want 1", r.code, r.err)
		}
	}
	b.Run("sequential", func(b *testing.B) { bench(b, 1, scanSequential) })
	for _, w := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) { bench(b, w, (*scanner).scanInputs) })
	}
}
