package file

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/redactd/redactd/pipeline"
)

// writeLogFile writes about size bytes of log-like lines (60 to 260 bytes)
// to path and returns the exact size.
func writeLogFile(tb testing.TB, path string, size int64) int64 {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var n int64
	pad := make([]byte, 200)
	for i := range pad {
		pad[i] = 'a' + byte(i%26)
	}
	for i := 0; n < size; i++ {
		k, _ := fmt.Fprintf(w, "2026-11-27T22:10:%02d.%06dZ INFO service=api req=%08x status=200 msg=%s\n",
			i%60, i%1000000, i, pad[:i*7919%200])
		n += int64(k)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	return n
}

// BenchmarkRead measures the source alone: a 64 MiB file read from its
// beginning through Run into a consumer that acks every batch at once.
func BenchmarkRead(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.log")
	size := writeLogFile(b, path, 64<<20)
	cfg := Config{Paths: []string{path}, StartAt: "beginning"}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		src, err := New(cfg, b.TempDir(), nil)
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		out := make(chan pipeline.Batch, 16)
		done := make(chan error, 1)
		go func() { done <- src.Run(ctx, out) }()
		var got int64
		for got < size {
			batch := <-out
			for i := range batch.Records {
				got += int64(len(batch.Records[i].Line)) + 1
			}
			batch.Ack(nil)
		}
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
}
