// Command gen writes deterministic, realistic application logs with
// labelled fake secrets, for redactd's benchmarks:
//
//	go run ./benchmarks/gen -size 256MiB -profile clean -seed 1 > clean.log
//	go run ./benchmarks/gen -size 64MiB -profile dirty -labels dirty.labels.jsonl > dirty.log
//
// The same flags always produce byte-identical output. Statistics (lines,
// average line length, secret rate, generation speed) go to stderr. With
// -labels, every planted secret is written as one JSON line: {"line":N,
// "secret":"...","kind":"...","context":"...","public_prefix":N}, the format
// benchmarks/recall and /work/shared/corpus/score.py read.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/redactd/redactd/benchmarks/internal/loggen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	size := fs.String("size", "64MiB", "bytes to write (suffix KiB, MiB or GiB); the last event is written whole")
	profile := fs.String("profile", "clean", "clean (1 line in 2,000 carries a secret) or dirty (1 in 50, with PEM keys)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same bytes")
	labels := fs.String("labels", "", "write the planted secrets as JSON lines to this `file`")
	out := fs.String("o", "", "write the logs to this `file` instead of stdout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	n, err := loggen.ParseSize(*size)
	if err != nil {
		return fmt.Errorf("-size: %w", err)
	}
	p, err := loggen.ParseProfile(*profile)
	if err != nil {
		return fmt.Errorf("-profile: %w", err)
	}
	w := stdout
	var outFile *os.File
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close() // a second Close after the checked one below is harmless
		w, outFile = f, f
	}
	var lw *bufio.Writer
	var enc *json.Encoder
	if *labels != "" {
		f, err := os.Create(*labels)
		if err != nil {
			return err
		}
		defer f.Close()
		lw = bufio.NewWriterSize(f, 256<<10)
		enc = json.NewEncoder(lw)
	}

	g := loggen.New(loggen.Config{Profile: p, Seed: *seed})
	start := time.Now()
	const chunk = 1 << 20
	buf := make([]byte, 0, chunk+64<<10)
	var written int64
	for written < n {
		buf = buf[:0]
		for len(buf) < chunk && written+int64(len(buf)) < n {
			buf = g.AppendEvent(buf)
			if enc != nil {
				for _, l := range g.Labels() {
					if err := enc.Encode(l); err != nil {
						return fmt.Errorf("labels: %w", err)
					}
				}
			}
		}
		if _, err := w.Write(buf); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		written += int64(len(buf))
	}
	if lw != nil {
		if err := lw.Flush(); err != nil {
			return fmt.Errorf("labels: %w", err)
		}
	}
	if outFile != nil {
		if err := outFile.Close(); err != nil {
			return fmt.Errorf("close %s: %w", *out, err)
		}
	}
	el := time.Since(start)
	lines := g.Lines()
	fmt.Fprintf(stderr, "gen: profile=%s seed=%d: %d bytes, %d lines, avg line %.1f bytes, %d lines with a secret (1 in %.0f), %.0f MiB/s\n",
		p, *seed, written, lines, float64(written)/float64(max(lines, 1)), g.SecretLines(),
		float64(lines)/float64(max(g.SecretLines(), 1)), float64(written)/(1<<20)/el.Seconds())
	return nil
}
