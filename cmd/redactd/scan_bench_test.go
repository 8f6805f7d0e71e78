package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScan runs redactd scan in process over a generated dirty log
// (16 MiB, benchmarks/gen -profile dirty -seed 1) with the text report:
// "sequential" is the one-goroutine scan it replaced, the others the
// detect workers.
//
//	go test -run '^$' -bench Scan -count 6 ./cmd/redactd/
func BenchmarkScan(b *testing.B) {
	path := filepath.Join(b.TempDir(), "dirty.log")
	genLog(b, path, "16MiB", "dirty", 1)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	bench := func(b *testing.B, scan func(*scanner, io.Reader, []string)) {
		b.SetBytes(st.Size())
		b.ReportAllocs()
		for b.Loop() {
			if r := runScanWith(b, nil, scan, path); r.code != 1 {
				b.Fatalf("exit %d (%s); want 1", r.code, r.err)
			}
		}
	}
	b.Run("sequential", func(b *testing.B) { bench(b, scanSequential) })
	for _, w := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			bench(b, func(s *scanner, stdin io.Reader, inputs []string) {
				s.o.workers = w
				s.scanInputs(stdin, inputs)
			})
		})
	}
}
