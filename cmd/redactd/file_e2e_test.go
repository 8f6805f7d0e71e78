package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fileRig runs the real binary with a file source and a file sink.
type fileRig struct {
	t                        *testing.T
	dir, log, out, data, cfg string
	cmd                      *exec.Cmd
	stderr                   *strings.Builder
	starts                   int
}

func newFileRig(t *testing.T) *fileRig {
	dir := t.TempDir()
	r := &fileRig{t: t, dir: dir, log: filepath.Join(dir, "logs", "app.log"), out: filepath.Join(dir, "out", "clean.log"),
		data: filepath.Join(dir, "data"), cfg: filepath.Join(dir, "redactd.toml"), stderr: &strings.Builder{}}
	os.MkdirAll(filepath.Dir(r.log), 0o755)
	os.MkdirAll(filepath.Dir(r.out), 0o755)
	fileConfig{
		dataDir: r.data,
		logs:    r.log + "*",
		source:  []string{`exclude = ["*.ct"]`, `poll_interval = "50ms"`, `close_inactive = "2s"`, `checkpoint_interval = "100ms"`},
		out:     r.out,
	}.write(t, r.cfg)
	return r
}

func (r *fileRig) start() {
	r.cmd = exec.Command(binPath, "-c", r.cfg)
	r.cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	r.cmd.Stderr = &lockedWriter{b: r.stderr}
	if err := r.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	r.starts++
	cmd := r.cmd
	r.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
}

func (r *fileRig) kill() {
	r.cmd.Process.Signal(syscall.SIGKILL)
	r.cmd.Wait()
}

// outputLines reads the sink's file.
func (r *fileRig) outputLines() []string {
	b, _ := os.ReadFile(r.out)
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// waitFor waits until the output holds want, or fails.
func (r *fileRig) waitFor(want string, d time.Duration) {
	r.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(r.out)
		if strings.Contains(string(b), want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	r.t.Fatalf("output never got %q (stderr: %s)", want, r.stderr)
}

type lockedWriter struct {
	b *strings.Builder
}

var lwMu = make(chan struct{}, 1)

func (w *lockedWriter) Write(p []byte) (int, error) {
	lwMu <- struct{}{}
	defer func() { <-lwMu }()
	return w.b.Write(p)
}

// The proof, with the real binary: a writer appends 200,000 numbered
// lines as fast as it can while rotating four times by rename (writing on to
// the renamed file for a while) and once by copytruncate; redactd is killed
// with SIGKILL and restarted twice in the middle. Every line written before
// the copytruncate must arrive, in order per file, duplicates only from
// replay; no secret may reach the output, the checkpoints or stderr.
func TestBinaryFileTailSurvivesRotationAndSIGKILL(t *testing.T) {
	r := newFileRig(t)
	r.start()
	const total = 200000
	const secretEvery = 97
	line := func(gen, n int) string {
		s := fmt.Sprintf("2024-05-14T07:58:03Z INFO gen=%d n=%06d GET /v1/items 200", gen, n)
		if n%secretEvery == 0 {
			s += " api_key=" + fakeStripe
		}
		return s
	}
	f, err := os.OpenFile(r.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 4096)
	gen := 0
	renames := 0
	genStart := map[int]int{0: 0}
	var beforeTruncate int // lines of the last generation written before copytruncate
	for n := 0; n < total; n++ {
		fmt.Fprintln(w, line(gen, n))
		switch {
		case n > 0 && n%35000 == 0 && renames < 4:
			// logrotate "create": rename, keep writing to the old file a
			// little, then reopen the path.
			w.Flush()
			rotated := fmt.Sprintf("%s.%d", r.log, renames+1)
			os.Rename(r.log, rotated)
			renames++
			for k := 0; k < 500; k++ {
				n++
				fmt.Fprintln(w, line(gen, n))
			}
			w.Flush()
			f.Close()
			gen++
			genStart[gen] = n + 1
			f, _ = os.OpenFile(r.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
			w.Reset(f)
		case n == 50000 || n == 120000:
			// Kill while redactd is busy: once it has written lines from
			// a little earlier, with more in flight and a checkpoint that
			// lags the output by up to its interval.
			w.Flush()
			r.waitFor(fmt.Sprintf("gen=%d n=%06d", gen, n-3000), 30*time.Second)
			r.kill()
			r.start()
		case n%2000 == 0:
			w.Flush()
			time.Sleep(time.Millisecond) // as fast as it can, but not all within one read
		}
	}
	w.Flush()
	// copytruncate as the last rotation: copy, then truncate in place.
	r.waitFor(fmt.Sprintf("gen=%d n=%06d", gen, total-1), 60*time.Second)
	beforeTruncate = total
	src, _ := os.Open(r.log)
	dst, _ := os.Create(r.log + ".ct")
	io.Copy(dst, src)
	src.Close()
	dst.Close()
	f.Truncate(0)
	f.Seek(0, 0)
	w.Reset(f)
	for n := 0; n < 1000; n++ {
		fmt.Fprintln(w, line(gen+1, n))
	}
	w.Flush()
	f.Close()
	r.waitFor(fmt.Sprintf("gen=%d n=%06d", gen+1, 999), 30*time.Second)
	r.cmd.Process.Signal(syscall.SIGTERM)
	if err := r.cmd.Wait(); err != nil {
		t.Fatalf("final run exit: %v (stderr %s)", err, r.stderr)
	}

	// Check: per generation, first occurrences come in order with no gap.
	out := r.outputLines()
	next := map[int]int{}
	for g, n := range genStart {
		next[g] = n
	}
	dups := 0
	for _, l := range out {
		if strings.Contains(l, fakeStripe) {
			t.Fatalf("secret in output: %q", l)
		}
		var g, n int
		i := strings.Index(l, "gen=")
		if i < 0 {
			t.Fatalf("unexpected output line %q", l)
		}
		fmt.Sscanf(l[i:], "gen=%d n=%d", &g, &n)
		switch {
		case n == next[g]:
			next[g]++
		case n < next[g]:
			dups++ // replayed after a SIGKILL
		default:
			t.Fatalf("gen %d: line %d came before line %d (gap or reorder)", g, n, next[g])
		}
		if n%secretEvery == 0 && !strings.Contains(l, "[REDACTED:stripe-secret-key:") {
			t.Fatalf("line %q: secret not replaced by its token", l)
		}
	}
	written := 0
	for g := 0; g <= gen; g++ {
		written += next[g] - genStart[g]
	}
	if written != beforeTruncate {
		t.Fatalf("%d distinct lines arrived of %d written before the copytruncate; per gen %v", written, beforeTruncate, next)
	}
	if next[gen+1] != 1000 {
		t.Fatalf("after copytruncate: %d of 1000 lines", next[gen+1])
	}
	t.Logf("%d output lines, %d replayed duplicates, %d starts", len(out), dups, r.starts)
	// Nothing secret in checkpoints or redactd's own logs.
	filepath.Walk(r.data, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			b, _ := os.ReadFile(p)
			if strings.Contains(string(b), fakeStripe) || strings.Contains(string(b), "api_key") {
				t.Errorf("checkpoint %s holds line content", p)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("checkpoint %s mode %v; want 0600", p, fi.Mode().Perm())
			}
		}
		return nil
	})
	if strings.Contains(r.stderr.String(), fakeStripe) {
		t.Fatal("secret in redactd's stderr")
	}
}
