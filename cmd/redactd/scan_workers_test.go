package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

// scanSequential is the scan redactd ran before the detect workers, kept as
// the reference: one goroutine, every line through Redact then the input's
// follower, recorded as it is read.
func scanSequential(s *scanner, stdin io.Reader, inputs []string) {
	for _, in := range inputs {
		walkInput(stdin, s.o.stdinName, in, func(r io.Reader, name string) {
			s.sum.Files++
			lr := lineReader{r: bufio.NewReaderSize(r, 64<<10), max: s.o.maxLine}
			var follower pipeline.LineFollower
			if s.det.newFollower != nil {
				follower = s.det.newFollower()
			}
			var lineNo int64
			var found bool
			for {
				line, n, oversize, err := lr.next()
				if n > 0 {
					lineNo++
					s.sum.Lines++
					s.sum.Bytes += n
					var out []byte
					var fs []detectors.Finding
					if oversize {
						var f detectors.Finding
						out, f = s.det.failClosed(nil, pipeline.RuleOversize, line)
						fs = []detectors.Finding{f}
					} else {
						out, fs = redactSequential(s, line, follower)
					}
					if len(fs) > 0 {
						found = true
						s.record(name, lineNo, line, out, fs)
					}
				}
				if err != nil {
					if !errors.Is(err, io.EOF) {
						s.fail(fmt.Errorf("read %s: %w", name, err))
					}
					break
				}
			}
			if found {
				s.sum.FilesWith++
			}
		}, s.fail)
	}
}

func redactSequential(s *scanner, line []byte, f pipeline.LineFollower) (out []byte, fs []detectors.Finding) {
	defer func() {
		if recover() != nil {
			var fd detectors.Finding
			out, fd = s.det.failClosed(nil, pipeline.RuleDetectorError, line)
			fs = []detectors.Finding{fd}
		}
	}()
	out, fs = s.redactor.Redact(nil, line)
	if f != nil {
		out, fs = f.Follow(nil, out, fs)
	}
	return out, fs
}

// scanRun is what one scan command line printed and returned.
type scanRun struct {
	stdout, stderr, err string
	code                int
}

func runScanWith(t testing.TB, stdin io.Reader, scan func(*scanner, io.Reader, []string), args ...string) scanRun {
	t.Helper()
	var out, errb bytes.Buffer
	environ := keyEnv()
	e := env{stdin: stdin, stdout: &out, stderr: &errb, getenv: func(k string) string { return environ[k] }}
	err := scanCommand(e, args, scan)
	r := scanRun{stdout: out.String(), stderr: errb.String()}
	if err != nil {
		r.err, r.code = err.Error(), 1
		var ee *exitError
		if errors.As(err, &ee) {
			r.code = ee.code
		}
	}
	return r
}

// genLog writes a log of the benchmark generator (benchmarks/gen) to path.
func genLog(tb testing.TB, path, size, profile string, seed int) {
	tb.Helper()
	cmd := exec.Command("go", "run", "../../benchmarks/gen", "-size", size, "-profile", profile, "-seed", fmt.Sprint(seed), "-o", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("generate %s: %v\n%s", path, err, out)
	}
}

func corpusLog(t *testing.T) string {
	dir := os.Getenv("REDACTD_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	path := filepath.Join(dir, "corpus.log")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("labelled corpus missing (set REDACTD_CORPUS): %v", err)
	}
	return path
}

// panicky panics on lines holding its marker, as a detector bug would.
type panicky struct {
	pipeline.Redactor
	marker []byte
}

func (p panicky) Redact(dst, line []byte) ([]byte, []detectors.Finding) {
	if bytes.Contains(line, p.marker) {
		panic("detector bug")
	}
	return p.Redactor.Redact(dst, line)
}

type panickyFollower struct {
	pipeline.LineFollower
	marker []byte
}

func (p panickyFollower) Follow(dst, line []byte, fs []detectors.Finding) ([]byte, []detectors.Finding) {
	if bytes.Contains(line, p.marker) {
		panic("follower bug")
	}
	return p.LineFollower.Follow(dst, line, fs)
}

// failingReader returns its data, then err.
type failingReader struct {
	r   io.Reader
	err error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		err = f.err
	}
	return n, err
}

// The detect workers change nothing in the report: on the shared corpus and
// on generated dirty logs (multi-line PEM keys across chunk boundaries),
// with oversize lines, detector panics, missing files and a read error,
// the text and SARIF reports print byte for byte what one goroutine prints, for any
// number of workers and chunk size.
func TestScanWorkersMatchSequential(t *testing.T) {
	dir := t.TempDir()
	logs := filepath.Join(dir, "logs")
	os.Mkdir(logs, 0o700)
	genLog(t, filepath.Join(logs, "a-dirty.log"), "256KiB", "dirty", 1)
	genLog(t, filepath.Join(logs, "b-dirty.log"), "192KiB", "dirty", 2)
	os.WriteFile(filepath.Join(logs, "c-empty.log"), nil, 0o600)
	os.WriteFile(filepath.Join(logs, "d-clean.log"), []byte("nothing\nhere"), 0o600)
	// Panics in the detector and the follower fail closed on their line,
	// also inside a PEM block.
	stdin := "ok\nkey=" + fakeStripe + " PANIC-REDACT\n-----BEGIN RSA PRIVATE KEY-----\n" +
		"MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n" +
		"VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK PANIC-FOLLOW\n" +
		"LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo\n" +
		"-----END RSA PRIVATE KEY-----\nlast " + fakeStripe
	inputs := []string{corpusLog(t), logs, filepath.Join(dir, "missing.log"), "-", filepath.Join(logs, "b-dirty.log")}

	wrap := func(scan func(*scanner, io.Reader, []string), workers, chunkBytes int) func(*scanner, io.Reader, []string) {
		return func(s *scanner, stdin io.Reader, inputs []string) {
			s.o.workers = workers
			if chunkBytes > 0 {
				s.chunkBytes = chunkBytes
			}
			s.redactor = panicky{s.redactor, []byte("PANIC-REDACT")}
			if nf := s.det.newFollower; nf != nil {
				s.det.newFollower = func() pipeline.LineFollower { return panickyFollower{nf(), []byte("PANIC-FOLLOW")} }
			}
			scan(s, stdin, inputs)
		}
	}
	// Chunks of 1000 bytes put many PEM blocks across chunk boundaries
	// and make a chunk of each longer line.
	type run struct{ workers, chunkBytes int }
	all := []run{{1, 0}, {1, 1000}, {2, 0}, {2, 1000}, {4, 0}, {4, 1000}}
	small := []run{{1, 1000}, {2, 1000}, {4, 1000}}
	variants := []struct {
		name  string
		flags []string
		runs  []run
	}{
		{"text", []string{"--format", "text"}, all},
		{"sarif", []string{"--format", "sarif", "--max-results", "0"}, small},
		{"text-oversize", []string{"--format", "text", "--max-line-bytes", "300"}, small},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			args := append(append([]string(nil), v.flags...), inputs...)
			stdinReader := func() io.Reader {
				return &failingReader{strings.NewReader(stdin), errors.New("connection reset")}
			}
			want := runScanWith(t, stdinReader(), wrap(scanSequential, 0, 0), args...)
			if want.code != 2 || !strings.Contains(want.stderr, "stat "+inputs[2]) || !strings.Contains(want.stderr, "read stdin: connection reset") {
				t.Fatalf("sequential scan: exit %d, stderr %q; want exit 2, the missing file and the read error", want.code, want.stderr)
			}
			if v.name == "text" && !(strings.Contains(want.stdout, ": detector-error (") && strings.Contains(want.stdout, ": private-key (")) {
				t.Fatalf("the sequential scan found no detector-error or no multi-line private key")
			}
			if v.name == "text-oversize" && !strings.Contains(want.stdout, ": oversize (") {
				t.Fatalf("no oversize line with --max-line-bytes 300")
			}
			for _, r := range v.runs {
				got := runScanWith(t, stdinReader(), wrap((*scanner).scanInputs, r.workers, r.chunkBytes), args...)
				if got != want {
					t.Errorf("workers=%d chunk bytes=%d: the report differs from the sequential scan's: %s", r.workers, r.chunkBytes, firstDiff(got, want))
				}
			}
		})
	}
}

// firstDiff describes where two runs part.
func firstDiff(got, want scanRun) string {
	if got.code != want.code || got.err != want.err {
		return fmt.Sprintf("exit %d %q; want %d %q", got.code, got.err, want.code, want.err)
	}
	for _, p := range []struct{ name, g, w string }{{"stdout", got.stdout, want.stdout}, {"stderr", got.stderr, want.stderr}} {
		if p.g == p.w {
			continue
		}
		gl, wl := strings.SplitAfter(p.g, "\n"), strings.SplitAfter(p.w, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				return fmt.Sprintf("%s line %d = %q; want %q", p.name, i+1, gl[i], wl[i])
			}
		}
		return fmt.Sprintf("%s has %d lines; want %d", p.name, len(gl), len(wl))
	}
	return "?"
}

func TestScanWorkersFlag(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "w.toml")
	os.WriteFile(cfg, []byte("workers = 3\n"), 0o600)
	tests := []struct {
		args []string
		want int
	}{
		{nil, 0}, // GOMAXPROCS
		{[]string{"-c", cfg}, 3},
		{[]string{"-c", cfg, "--workers", "2"}, 2},
		{[]string{"--workers", "5"}, 5},
	}
	for _, tt := range tests {
		var got int
		r := runScanWith(t, strings.NewReader("x\n"), func(s *scanner, stdin io.Reader, inputs []string) {
			got = s.o.workers
			s.scanInputs(stdin, inputs)
		}, tt.args...)
		want := tt.want
		if want == 0 {
			want = runtime.GOMAXPROCS(0)
		}
		if got != want || r.code != 0 {
			t.Errorf("scan %v: %d workers, exit %d; want %d, exit 0", tt.args, got, r.code, want)
		}
	}
	if r := runScanWith(t, strings.NewReader(""), (*scanner).scanInputs, "--workers", "-1"); r.code != 2 {
		t.Errorf("--workers -1: exit %d; want 2", r.code)
	}
}

// endlessLines repeats a line until stop is set (or, so that a scan that
// reads without bound fails rather than hangs, 64 MiB were read), counting
// the bytes it gave.
type endlessLines struct {
	line []byte
	read atomic.Int64
	stop atomic.Bool
}

func (r *endlessLines) Read(p []byte) (int, error) {
	if r.stop.Load() || r.read.Load() > 64<<20 {
		return 0, io.EOF
	}
	n := 0
	for n+len(r.line) <= len(p) {
		n += copy(p[n:], r.line)
	}
	r.read.Add(int64(n))
	return n, nil
}

// blockedWriter blocks every Write until release is closed.
type blockedWriter struct{ release chan struct{} }

func (w blockedWriter) Write(p []byte) (int, error) {
	<-w.release
	return len(p), nil
}

// When the report cannot be written (stdout not read), scan stops reading
// after a bounded number of chunks, however long the input.
func TestScanMemoryBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := &endlessLines{line: []byte("GET /charge?key=" + fakeStripe + " 200 " + strings.Repeat("x", 100) + "\n")}
		out := blockedWriter{release: make(chan struct{})}
		environ := keyEnv()
		e := env{stdin: in, stdout: out, stderr: io.Discard, getenv: func(k string) string { return environ[k] }}
		done := make(chan error)
		go func() { done <- scanCommand(e, []string{"--workers", "2"}, (*scanner).scanInputs) }()
		synctest.Wait() // everything blocked on stdout or on a free chunk
		bound := int64((scanChunksPerWorker*2+1)*scanChunkBytes + 64<<10 + len(in.line))
		if got := in.read.Load(); got == 0 || got > bound {
			t.Errorf("read %d bytes while stdout was blocked; want at most %d", got, bound)
		}
		in.stop.Store(true)
		close(out.release)
		if err := <-done; err == nil || !strings.Contains(err.Error(), "secrets found") {
			t.Errorf("scan = %v; want secrets found", err)
		}
	})
}
