package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// procStatusKB returns a "VmHWM"-style field of /proc/<pid>/status in KiB.
func procStatusKB(t *testing.T, pid int, field string) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("read /proc status: %v", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatalf("%s: %q", field, l)
			}
			return n
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// daemon is the real binary started with a config, its stdout and stderr
// collected.
type daemon struct {
	cmd            *exec.Cmd
	stdin          io.WriteCloser
	stdout, stderr *syncBuffer
}

func startDaemon(t *testing.T, args ...string) *daemon {
	t.Helper()
	d := &daemon{cmd: exec.Command(binPath, args...), stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	d.cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	d.cmd.Stdout, d.cmd.Stderr = d.stdout, d.stderr
	d.stdin, _ = d.cmd.StdinPipe()
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.cmd.Process.Kill(); d.cmd.Wait() })
	return d
}

// exitCode waits for the process and returns its exit code.
func (d *daemon) exitCode(t *testing.T) int {
	t.Helper()
	err := d.cmd.Wait()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	t.Fatalf("wait: %v", err)
	return -1
}

// waitFor waits until b() contains want.
func waitFor(t *testing.T, what string, b func() []byte, want string, d time.Duration, stderr *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if bytes.Contains(b(), []byte(want)) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s never got %q; stderr:\n%s", what, want, stderr.Bytes())
}

func readFile(path string) func() []byte {
	return func() []byte { b, _ := os.ReadFile(path); return b }
}

// oversizeInput returns a line of n bytes of prose with canary secrets
// straddling every piece boundary (piece bytes apart) and in the middle of
// every piece, and the secrets planted.
func oversizeInput(n, piece int) ([]byte, map[string]string) {
	filler := []byte("lorem ipsum dolor sit amet consectetur adipiscing elit ")
	line := bytes.Repeat(filler, n/len(filler)+1)[:n]
	secrets := map[string]string{}
	for k := 0; k < n/piece; k++ {
		c := newCanaries(fmt.Sprintf("oversize-%d", k))
		if k > 0 {
			s := " api_key=" + c.stripe + " "
			copy(line[k*piece-len(s)/2:], s)
			secrets[c.tag+"/boundary"] = c.stripe
		}
		s := " token " + c.github + " "
		copy(line[k*piece+piece/2:], s)
		secrets[c.tag+"/middle"] = c.github
	}
	return line, secrets
}

var oversizeLineRe = regexp.MustCompile(`^(\[REDACTED:oversize:[0-9a-f]{16}\])+$`)

// checkOversizeOutput checks the output of "before", the long line and
// "after done": the long line became nothing but oversize tokens, one per
// piece, and no 12 bytes of a planted secret survive anywhere.
func checkOversizeOutput(t *testing.T, out []byte, pieces int, secrets map[string]string) {
	t.Helper()
	if leaks := newLeakIndex(secrets).find(out); len(leaks) > 0 {
		t.Fatalf("output holds parts of %d planted secrets: %v", len(leaks), leaks[:min(5, len(leaks))])
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 3 || !strings.HasSuffix(string(out), "\n") {
		t.Fatalf("%d output lines; want 3 (before, the long line, after)", len(lines))
	}
	if !strings.HasPrefix(lines[0], "before api_key=[REDACTED:stripe-secret-key:") || lines[2] != "after done" {
		t.Fatalf("lines around the long one: %q, %q", lines[0], lines[2])
	}
	if !oversizeLineRe.MatchString(lines[1]) || strings.Count(lines[1], "[REDACTED:oversize:") != pieces {
		t.Fatalf("long line became %d bytes with %d oversize tokens; want only tokens, %d of them: %.200q",
			len(lines[1]), strings.Count(lines[1], "[REDACTED:oversize:"), pieces, lines[1])
	}
}

// redactConfig writes a config for stdin to stdout with oversize =
// "redact".
func redactConfig(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "redact.toml")
	os.WriteFile(p, []byte("oversize = \"redact\"\n"), 0o600)
	return p
}

// Fail closed with oversize = "redact": a 50 MiB line (max_line_bytes 1 MiB)
// with secrets planted across every 1 MiB piece boundary and inside every
// piece comes out as 50 oversize tokens on one line, through stdin and
// through the file source, in bounded memory. The tokens are fingerprints
// of the pieces: nothing of the line is forwarded.
func TestBinaryOversizeLineFailsClosed(t *testing.T) {
	const piece, size = 1 << 20, 50 << 20
	const pieces = size / piece
	long, secrets := oversizeInput(size, piece)
	input := func(w io.Writer) {
		io.WriteString(w, "before api_key="+fakeStripe+"\n")
		w.Write(long)
		io.WriteString(w, "\nafter done\n")
	}
	// Resident memory bound: the input is 50 MiB; the pieces in flight are
	// bounded by the queues, not by the line.
	const maxHWMKB = 160 << 10

	t.Run("stdin", func(t *testing.T) {
		start := time.Now()
		out, d, hwm := longLineStdin(t, input, "-c", redactConfig(t))
		took := time.Since(start)
		checkOversizeOutput(t, out, pieces, secrets)
		if !bytes.Contains(d.stderr.Bytes(), []byte(fmt.Sprintf(" %d oversize,", pieces))) {
			t.Errorf("--report does not count %d oversize pieces: %s", pieces, d.stderr.Bytes())
		}
		if hwm > maxHWMKB {
			t.Errorf("VmHWM %d KiB for a %d MiB line; want under %d KiB", hwm, size>>20, maxHWMKB)
		}
		t.Logf("stdin: %d MiB line in %v, VmHWM %d KiB", size>>20, took.Round(time.Millisecond), hwm)
	})

	t.Run("file", func(t *testing.T) {
		start := time.Now()
		b, d, hwm := longLineFile(t, input, `oversize = "redact"`)
		took := time.Since(start)
		checkOversizeOutput(t, b, pieces, secrets)
		if leaks := newLeakIndex(secrets).find(d.stderr.Bytes()); len(leaks) > 0 {
			t.Fatalf("stderr holds planted secrets %v", leaks)
		}
		if hwm > maxHWMKB {
			t.Errorf("VmHWM %d KiB for a %d MiB line; want under %d KiB", hwm, size>>20, maxHWMKB)
		}
		t.Logf("file: %d MiB line in %v, VmHWM %d KiB", size>>20, took.Round(time.Millisecond), hwm)
	})
}

// A last line longer than max_line_bytes without a final newline (stdin at
// EOF; a file source after idle_timeout) fails closed too with oversize =
// "redact".
func TestBinaryOversizeLastLineWithoutNewline(t *testing.T) {
	const piece = 1 << 20
	long, secrets := oversizeInput(2*piece+5000, piece)
	check := func(t *testing.T, out []byte) {
		t.Helper()
		if leaks := newLeakIndex(secrets).find(out); len(leaks) > 0 {
			t.Fatalf("output holds parts of planted secrets %v", leaks)
		}
		if !oversizeLineRe.Match(out) || bytes.Count(out, []byte("[REDACTED:oversize:")) != 3 {
			t.Fatalf("output %q; want three oversize tokens and no newline", out)
		}
	}
	t.Run("stdin", func(t *testing.T) {
		d := startDaemon(t, "-c", redactConfig(t))
		go func() { d.stdin.Write(long); d.stdin.Close() }()
		if code := d.exitCode(t); code != 0 {
			t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
		}
		check(t, d.stdout.Bytes())
	})
	t.Run("file", func(t *testing.T) {
		dir := t.TempDir()
		log, out := filepath.Join(dir, "app.log"), filepath.Join(dir, "clean.log")
		os.WriteFile(log, long, 0o644)
		cfg := filepath.Join(dir, "r.toml")
		os.WriteFile(cfg, []byte(fmt.Sprintf(`
data_dir = %q
oversize = "redact"
[[sources.file]]
paths = [%q]
start_at = "beginning"
idle_timeout = "200ms"
[[sinks.file]]
path = %q
`, filepath.Join(dir, "data"), log, out)), 0o600)
		d := startDaemon(t, "-c", cfg)
		deadline := time.Now().Add(20 * time.Second)
		for bytes.Count(readFile(out)(), []byte("[REDACTED:oversize:")) < 3 && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		d.cmd.Process.Signal(syscall.SIGTERM)
		if code := d.exitCode(t); code != 0 {
			t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
		}
		check(t, readFile(out)())
	})
}

// numberedLines returns lines "<tag> n=000000 ..." from..to-1; every tenth
// carries a secret.
func numberedLines(tag string, from, to int) string {
	var b strings.Builder
	for n := from; n < to; n++ {
		fmt.Fprintf(&b, "%s n=%06d GET /v1/items 200", tag, n)
		if n%10 == 0 {
			b.WriteString(" api_key=" + fakeStripe)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// firstSeen checks out (lines "<tag> n=NNNNNN ...") for tag: first
// occurrences come in order from 0 without gaps, no secret survives; it
// returns how many distinct lines arrived and how many were repeats.
func firstSeen(t *testing.T, out []byte, tag string) (distinct, dups int) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		rest, ok := strings.CutPrefix(l, tag+" n=")
		if !ok {
			continue
		}
		if strings.Contains(l, fakeStripe) {
			t.Fatalf("secret in output line %q", l)
		}
		n, err := strconv.Atoi(rest[:6])
		if err != nil {
			t.Fatalf("output line %q", l)
		}
		if n%10 == 0 && !strings.Contains(l, "api_key=[REDACTED:stripe-secret-key:") {
			t.Fatalf("line %q: secret not replaced by its token", l)
		}
		switch {
		case n == distinct:
			distinct++
		case n < distinct:
			dups++
		default:
			t.Fatalf("%s: line %d came before line %d (gap or reorder)", tag, n, distinct)
		}
	}
	return distinct, dups
}

// A sink that cannot write (the file sink on /dev/full, which fails every
// write with ENOSPC) stops redactd with exit 1 and an error naming the path;
// the file source's checkpoint does not move past the lines that were not
// written, so a restart with a working sink delivers them.
func TestBinaryFullDiskSink(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Fatalf("this test needs /dev/full: %v", err)
	}
	t.Run("stdin", func(t *testing.T) {
		cfg := filepath.Join(t.TempDir(), "r.toml")
		os.WriteFile(cfg, []byte("[[sinks.file]]\npath = \"/dev/full\"\n"), 0o600)
		d := startDaemon(t, "-c", cfg)
		io.WriteString(d.stdin, numberedLines("stdin", 0, 1000))
		d.stdin.Close()
		code := d.exitCode(t)
		stderr := d.stderr.Bytes()
		if code != 1 || !bytes.Contains(stderr, []byte("/dev/full")) {
			t.Fatalf("exit %d, stderr %q; want 1 and an error naming /dev/full", code, stderr)
		}
		if bytes.Contains(stderr, []byte(fakeStripe)) || bytes.Contains(stderr, []byte("goroutine ")) {
			t.Fatalf("stderr holds a secret or a stack trace: %q", stderr)
		}
		t.Logf("stderr: %s", bytes.TrimSpace(stderr))
	})
	t.Run("file source checkpoint", func(t *testing.T) {
		dir := t.TempDir()
		log, out, data := filepath.Join(dir, "app.log"), filepath.Join(dir, "clean.log"), filepath.Join(dir, "data")
		config := func(sink string) string {
			p := filepath.Join(dir, filepath.Base(sink)+".toml")
			os.WriteFile(p, []byte(fmt.Sprintf(`
data_dir = %q
[[sources.file]]
name = "app"
paths = [%q]
start_at = "beginning"
poll_interval = "50ms"
checkpoint_interval = "50ms"
[[sinks.file]]
path = %q
`, data, log, sink)), 0o600)
			return p
		}
		good, full := config(out), config("/dev/full")
		appendLines := func(s string) {
			f, _ := os.OpenFile(log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
			f.WriteString(s)
			f.Close()
		}
		// A working run leaves a checkpoint after line 499.
		appendLines(numberedLines("f", 0, 500))
		d := startDaemon(t, "-c", good)
		waitFor(t, "file sink", readFile(out), "f n=000499", 30*time.Second, d.stderr)
		d.cmd.Process.Signal(syscall.SIGTERM)
		if code := d.exitCode(t); code != 0 {
			t.Fatalf("first run: exit %d; %s", code, d.stderr.Bytes())
		}
		// Lines 500..1499 meet a full disk: exit 1, naming the path.
		appendLines(numberedLines("f", 500, 1500))
		d = startDaemon(t, "-c", full)
		done := make(chan int, 1)
		go func() { done <- d.exitCode(t) }()
		select {
		case code := <-done:
			if code != 1 || !bytes.Contains(d.stderr.Bytes(), []byte("/dev/full")) {
				t.Fatalf("full disk run: exit %d, stderr %q; want 1 naming /dev/full", code, d.stderr.Bytes())
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("redactd did not stop on a failing sink; stderr %s", d.stderr.Bytes())
		}
		// A restart with a working sink delivers 500..1499.
		d = startDaemon(t, "-c", good)
		waitFor(t, "file sink", readFile(out), "f n=001499", 30*time.Second, d.stderr)
		d.cmd.Process.Signal(syscall.SIGTERM)
		if code := d.exitCode(t); code != 0 {
			t.Fatalf("restart: exit %d; %s", code, d.stderr.Bytes())
		}
		b, _ := os.ReadFile(out)
		n, dups := firstSeen(t, b, "f")
		if n != 1500 {
			t.Fatalf("%d distinct lines arrived; want 1500", n)
		}
		t.Logf("1500 lines across a full-disk failure, %d delivered twice", dups)
	})
}

// SIGTERM while a large input flows through stdin: exit 0, and what was
// written is a whole-line prefix of the redacted input, in order.
func TestBinarySIGTERMMidStream(t *testing.T) {
	d := startDaemon(t)
	const total = 2_000_000
	go func() {
		// Ends with an error once redactd exited and the pipe broke.
		for n := 0; n < total; n += 10000 {
			if _, err := io.WriteString(d.stdin, numberedLines("s", n, n+10000)); err != nil {
				return
			}
		}
		d.stdin.Close()
	}()
	waitFor(t, "stdout", d.stdout.Bytes, "s n=100000", 60*time.Second, d.stderr)
	d.cmd.Process.Signal(syscall.SIGTERM)
	if code := d.exitCode(t); code != 0 {
		t.Fatalf("exit %d after SIGTERM; stderr %s", code, d.stderr.Bytes())
	}
	out := d.stdout.Bytes()
	if len(out) == 0 || out[len(out)-1] != '\n' {
		t.Fatalf("output ends with a partial line: %q", out[max(0, len(out)-80):])
	}
	n := bytes.Count(out, []byte("\n"))
	if n >= total {
		t.Fatalf("all %d lines came out; the signal did not stop the input", n)
	}
	want := strings.ReplaceAll(numberedLines("s", 0, n), fakeStripe, stripeToken(t))
	if want != string(out) {
		i := 0
		for i < len(out) && i < len(want) && out[i] == want[i] {
			i++
		}
		t.Fatalf("output is not a prefix of the redacted input: differs at byte %d: %q", i, out[i:min(len(out), i+80)])
	}
	t.Logf("SIGTERM after >100000 lines: %d whole lines (%d bytes) out, in order", n, len(out))
}

// stripeToken is the token of fakeStripe under testKey.
func stripeToken(t *testing.T) string {
	t.Helper()
	code, out, stderr := runIn(t, fakeStripe+"\n", keyEnv(), "fingerprint")
	_, tok, ok := strings.Cut(strings.TrimSpace(out), "\t")
	if code != 0 || !ok {
		t.Fatalf("fingerprint: exit %d, %q %q", code, out, stderr)
	}
	return tok
}

// SIGTERM while a file source is busy, then a restart: every line arrives
// at least once, first occurrences in order.
func TestBinaryFileSourceSIGTERMRestart(t *testing.T) {
	dir := t.TempDir()
	log, out := filepath.Join(dir, "app.log"), filepath.Join(dir, "clean.log")
	const total = 600_000
	os.WriteFile(log, []byte(numberedLines("f", 0, total)), 0o644)
	cfg := filepath.Join(dir, "r.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`
data_dir = %q
[[sources.file]]
paths = [%q]
start_at = "beginning"
poll_interval = "50ms"
[[sinks.file]]
path = %q
`, filepath.Join(dir, "data"), log, out)), 0o600)
	var stops []int
	for run := 0; ; run++ {
		before := bytes.Count(readFile(out)(), []byte("\n"))
		d := startDaemon(t, "-c", cfg)
		if run < 3 {
			// Stop it once it wrote 20,000 more lines: mid-flow.
			waitFor(t, "file sink", func() []byte {
				b := readFile(out)()
				return []byte(strconv.FormatBool(bytes.Count(b, []byte("\n")) > before+20000 || bytes.Contains(b, []byte(fmt.Sprintf("f n=%06d", total-1)))))
			}, "true", 30*time.Second, d.stderr)
		} else {
			waitFor(t, "file sink", readFile(out), fmt.Sprintf("f n=%06d", total-1), 60*time.Second, d.stderr)
		}
		d.cmd.Process.Signal(syscall.SIGTERM)
		if code := d.exitCode(t); code != 0 {
			t.Fatalf("run %d: exit %d after SIGTERM; stderr %s", run, code, d.stderr.Bytes())
		}
		b, _ := os.ReadFile(out)
		stops = append(stops, bytes.Count(b, []byte("\n")))
		if run == 3 {
			break
		}
	}
	b, _ := os.ReadFile(out)
	n, dups := firstSeen(t, b, "f")
	if n != total {
		t.Fatalf("%d distinct lines of %d arrived", n, total)
	}
	if stops[1] >= total {
		t.Fatalf("only one stop came mid-flow (output lines at each stop: %v)", stops)
	}
	t.Logf("%d lines, SIGTERM and restart four times (output lines at each stop: %v), %d duplicates", total, stops, dups)
}

// Alert trouble never stalls the log path: with a webhook that never
// answers and an alert file on /dev/full, lines still come out at once,
// and SIGTERM still ends the run within the alerts' drain timeout.
func TestBinaryBrokenAlertSinksDoNotStallLines(t *testing.T) {
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(hang)
	cfg := filepath.Join(t.TempDir(), "a.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`
[alerts]
drain_timeout = "1s"
queue_size = 4
[[alerts.webhook]]
url = %q
timeout = "30s"
[[alerts.file]]
path = "/dev/full"
`, srv.URL)), 0o600)
	const n = 2000
	var in strings.Builder
	for i := range n {
		// Each line a new secret: each would raise an alert.
		fmt.Fprintf(&in, "n=%04d token %s\n", i, newCanaries(fmt.Sprint("alert-", i)).github)
	}
	d := startDaemon(t, "-c", cfg)
	start := time.Now()
	go io.WriteString(d.stdin, in.String())
	waitFor(t, "stdout", d.stdout.Bytes, fmt.Sprintf("n=%04d token [REDACTED:github-pat:", n-1), 20*time.Second, d.stderr)
	took := time.Since(start)
	stop := time.Now()
	d.cmd.Process.Signal(syscall.SIGTERM)
	code := d.exitCode(t)
	stopped := time.Since(stop)
	if code != 0 {
		t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
	}
	if stopped > 10*time.Second {
		t.Fatalf("SIGTERM took %v with a hanging webhook; want about drain_timeout (1s)", stopped)
	}
	if got := bytes.Count(d.stdout.Bytes(), []byte("[REDACTED:github-pat:")); got != n {
		t.Fatalf("%d of %d lines redacted", got, n)
	}
	// The loss is not silent: each broken sink's lost alerts are logged.
	for _, sink := range []string{`sink="file[0] /dev/full"`, `sink="webhook[0] ` + srv.URL + `"`} {
		if !regexp.MustCompile(`alerts lost on this sink and not reported in a delivered alert" ` + regexp.QuoteMeta(sink) + ` lost=\d+`).Match(d.stderr.Bytes()) {
			t.Errorf("stderr does not report the alerts lost on %s:\n%s", sink, d.stderr.Bytes())
		}
	}
	t.Logf("%d lines, each a new secret, out in %v with the webhook hanging and the alert file full; SIGTERM to exit %v",
		n, took.Round(time.Millisecond), stopped.Round(time.Millisecond))
}

// logrotate of the sink while lines flow: the sink file is renamed and
// redactd gets SIGHUP, ten times; across all the files every line is there
// exactly once and in order.
func TestBinarySinkRotationUnderLoad(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "clean.log")
	cfg := filepath.Join(dir, "r.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("[[sinks.file]]\npath = %q\nfsync = \"none\"\n", out)), 0o600)
	d := startDaemon(t, "-c", cfg)
	const total = 400_000
	go func() {
		for n := 0; n < total; n += 10000 {
			io.WriteString(d.stdin, numberedLines("r", n, n+10000))
			time.Sleep(20 * time.Millisecond)
		}
		d.stdin.Close()
	}()
	rotated := 0
	for i := 1; i <= 10; i++ {
		waitFor(t, "sink", readFile(out), "r n=", 20*time.Second, d.stderr)
		if err := os.Rename(out, fmt.Sprintf("%s.%02d", out, i)); err != nil {
			t.Fatal(err)
		}
		d.cmd.Process.Signal(syscall.SIGHUP)
		rotated++
		time.Sleep(50 * time.Millisecond)
	}
	if code := d.exitCode(t); code != 0 {
		t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
	}
	var all []byte
	for i := 1; i <= rotated; i++ {
		b, _ := os.ReadFile(fmt.Sprintf("%s.%02d", out, i))
		all = append(all, b...)
	}
	all = append(all, readFile(out)()...)
	n, dups := firstSeen(t, all, "r")
	if n != total || dups != 0 {
		t.Fatalf("%d distinct lines of %d, %d duplicates, across %d rotations", n, total, dups, rotated)
	}
	t.Logf("%d lines across %d renames + SIGHUP, each exactly once, in order", total, rotated)
}

// oversizeScanInput returns a line of n bytes of prose with secrets planted
// at every cut (piece bytes apart), each cut in another way, and in the
// middle of every piece: a key across the cut, one starting or ending right
// at it, a JSON "password": " right before it, the cut inside the key name
// "password". It returns the secrets and how many of them straddle a cut
// (those become the same token at the end of one piece and the start of
// the next).
func oversizeScanInput(n, piece int) ([]byte, map[string]string, int) {
	filler := []byte("lorem ipsum dolor sit amet consectetur adipiscing elit ")
	line := bytes.Repeat(filler, n/len(filler)+1)[:n]
	secrets := map[string]string{}
	across := 0
	plant := func(at int, s string) { copy(line[at:], s) }
	for k := 0; k*piece < n; k++ {
		c := newCanaries(fmt.Sprintf("scan-%d", k))
		mid := k*piece + min(piece, n-k*piece)/2
		plant(mid, " token "+c.github+" ")
		secrets[c.tag+"/middle"] = c.github
		cut := k * piece
		if k == 0 {
			continue
		}
		switch k % 6 {
		case 0: // a Stripe key across the cut
			plant(cut-len(c.stripe)/2-len(" api_key="), " api_key="+c.stripe+" ")
			secrets[c.tag+"/across"] = c.stripe
			across++
		case 1: // a Stripe key that starts right at the cut
			plant(cut-len(" api_key="), " api_key="+c.stripe+" ")
			secrets[c.tag+"/starts-at-cut"] = c.stripe
		case 2: // a Stripe key that ends right at the cut
			plant(cut-len(c.stripe)-len(" api_key="), " api_key="+c.stripe+" ")
			secrets[c.tag+"/ends-at-cut"] = c.stripe
		case 3: // a GitHub token with its last byte after the cut
			plant(cut-len(c.github)+1-len(" token "), " token "+c.github+" ")
			secrets[c.tag+"/last-byte-across"] = c.github
			across++
		case 4: // the key name before the cut, the value after it
			field := ` {"user": "svc", "password": "`
			plant(cut-len(field), field+c.urlPW+`"} `)
			secrets[c.tag+"/json-value-after-cut"] = c.urlPW
		case 5: // the cut inside the key name
			field := ` {"user": "svc", "pass`
			plant(cut-len(field), field+`word": "`+c.urlPW+`"} `)
			secrets[c.tag+"/json-key-across"] = c.urlPW
		}
	}
	return line, secrets, across
}

var tokenRe = regexp.MustCompile(`\[REDACTED:[a-z0-9-]+:[0-9a-f]{16}\]`)

// checkScannedLine checks what became of a long line scanned in windows:
// no 12 bytes of a secret, one token per secret (two for one across a cut,
// side by side), and every other byte of the line as it was.
func checkScannedLine(t *testing.T, in, out []byte, secrets map[string]string, across int) {
	t.Helper()
	if leaks := newLeakIndex(secrets).find(out); len(leaks) > 0 {
		t.Fatalf("output holds parts of %d planted secrets: %v", len(leaks), leaks[:min(5, len(leaks))])
	}
	toks := tokenRe.FindAllIndex(out, -1)
	if len(toks) != len(secrets)+across {
		t.Errorf("%d tokens; want %d (%d secrets, %d of them across a cut)", len(toks), len(secrets)+across, len(secrets), across)
	}
	pairs := 0
	for i := 1; i < len(toks); i++ {
		if toks[i][0] == toks[i-1][1] && bytes.Equal(out[toks[i][0]:toks[i][1]], out[toks[i-1][0]:toks[i-1][1]]) {
			pairs++
		}
	}
	if pairs != across {
		t.Errorf("%d tokens doubled side by side; want %d (one per secret across a cut)", pairs, across)
	}
	want := in
	for _, s := range secrets {
		want = bytes.ReplaceAll(want, []byte(s), nil)
	}
	if got := tokenRe.ReplaceAll(out, nil); !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("the line without its secrets and tokens differs at byte %d: got %.80q, want %.80q", i, got[i:], want[i:])
	}
}

// oversize = "scan" (the default): a 8 MiB line (max_line_bytes 1 MiB) with
// secrets at and across every cut comes out as one line with only the
// secrets replaced, through stdin and through the file source; every piece
// is counted as scanned, none as replaced whole.
func TestBinaryOversizeLineScanned(t *testing.T) {
	const piece, size = 1 << 20, 8<<20 + 777
	const pieces = 9
	long, secrets, across := oversizeScanInput(size, piece)
	input := func(w io.Writer) {
		io.WriteString(w, "before api_key="+fakeStripe+"\n")
		w.Write(long)
		io.WriteString(w, "\nafter done\n")
	}
	check := func(t *testing.T, out []byte) {
		t.Helper()
		lines := bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"))
		if len(lines) != 3 || !bytes.HasSuffix(out, []byte("\n")) {
			t.Fatalf("%d output lines; want 3 (before, the long line, after)", len(lines))
		}
		if !bytes.HasPrefix(lines[0], []byte("before api_key=[REDACTED:stripe-secret-key:")) || string(lines[2]) != "after done" {
			t.Fatalf("lines around the long one: %q, %q", lines[0], lines[2])
		}
		checkScannedLine(t, long, lines[1], secrets, across)
	}
	report := fmt.Sprintf(" 0 oversize, %d oversize scanned,", pieces)

	t.Run("stdin", func(t *testing.T) {
		start := time.Now()
		out, d, hwm := longLineStdin(t, input)
		check(t, out)
		if !bytes.Contains(d.stderr.Bytes(), []byte(report)) {
			t.Errorf("--report does not say%s: %s", report, d.stderr.Bytes())
		}
		t.Logf("stdin: %d MiB line in %v, VmHWM %d KiB", size>>20, time.Since(start).Round(time.Millisecond), hwm)
	})

	t.Run("file", func(t *testing.T) {
		start := time.Now()
		b, d, hwm := longLineFile(t, input)
		check(t, b)
		if !bytes.Contains(d.stderr.Bytes(), []byte(report)) {
			t.Errorf("--report does not say%s: %s", report, d.stderr.Bytes())
		}
		t.Logf("file: %d MiB line in %v, VmHWM %d KiB", size>>20, time.Since(start).Round(time.Millisecond), hwm)
	})

	t.Run("no final newline", func(t *testing.T) {
		short, secrets, across := oversizeScanInput(2*piece+5000, piece)
		d := startDaemon(t)
		go func() { d.stdin.Write(short); d.stdin.Close() }()
		if code := d.exitCode(t); code != 0 {
			t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
		}
		out := d.stdout.Bytes()
		if bytes.IndexByte(out, '\n') >= 0 {
			t.Fatalf("a newline in the output of a line without one")
		}
		checkScannedLine(t, short, out, secrets, across)
	})
}

// A multi-line PEM block whose BEGIN line is longer than max_line_bytes:
// the follower is shown the end of that line, so the body lines after it
// are redacted; a long line inside the block is replaced whole.
func TestBinaryOversizeLineOpensPEMBlock(t *testing.T) {
	c := newCanaries("oversize-pem")
	filler := strings.Repeat("lorem ipsum dolor sit amet ", (2<<20)/27)
	in := "start\n" + filler + " key: " + pemBegin + "\n" + c.pem[0] + "\n" + c.pem[1] + "\n" +
		filler + c.pem[2] + "\n" + pemEnd + "\nafter done\n"
	d := startDaemon(t, "--report")
	go func() { io.WriteString(d.stdin, in); d.stdin.Close() }()
	if code := d.exitCode(t); code != 0 {
		t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
	}
	out := string(d.stdout.Bytes())
	secrets := map[string]string{"body0": c.pem[0], "body1": c.pem[1], "body2": c.pem[2]}
	if leaks := newLeakIndex(secrets).find([]byte(out)); len(leaks) > 0 {
		t.Fatalf("PEM body lines leaked: %v", leaks)
	}
	lines := strings.Split(out, "\n")
	if len(lines) != 8 || lines[1] != filler+" key: "+pemBegin || !strings.HasPrefix(lines[2], "[REDACTED:private-key:") ||
		!strings.HasPrefix(lines[4], "[REDACTED:oversize:") || lines[5] != pemEnd || lines[6] != "after done" {
		t.Fatalf("%d lines: %.100q", len(lines), lines)
	}
}

// longLineFile writes what input writes to a log, runs the daemon with
// --report from a file source (with the extra source settings) to a file
// sink until the line "after done" is out, stops it with SIGTERM and
// returns the output, the exited daemon and its peak RSS in KiB.
func longLineFile(t *testing.T, input func(io.Writer), source ...string) ([]byte, *daemon, int) {
	t.Helper()
	dir := t.TempDir()
	log, out := filepath.Join(dir, "app.log"), filepath.Join(dir, "clean.log")
	f, err := os.Create(log)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	input(bw)
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cfg := fileConfig{
		dataDir: filepath.Join(dir, "data"),
		logs:    log,
		source:  append([]string{`poll_interval = "50ms"`}, source...),
		out:     out,
	}.write(t, filepath.Join(dir, "r.toml"))
	d := startDaemon(t, "-c", cfg, "--report")
	waitFor(t, "file sink", readFile(out), "\nafter done\n", 60*time.Second, d.stderr)
	hwm := procStatusKB(t, d.cmd.Process.Pid, "VmHWM")
	d.cmd.Process.Signal(syscall.SIGTERM)
	if code := d.exitCode(t); code != 0 {
		t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
	}
	return readFile(out)(), d, hwm
}

// longLineStdin runs the daemon with --report (and args) on what input
// writes to its stdin until the line "after done" is out, closes stdin and
// returns the output, the exited daemon and its peak RSS in KiB.
func longLineStdin(t *testing.T, input func(io.Writer), args ...string) ([]byte, *daemon, int) {
	t.Helper()
	d := startDaemon(t, append(args, "--report")...)
	go func() { input(d.stdin) }()
	waitFor(t, "stdout", d.stdout.Bytes, "\nafter done\n", 60*time.Second, d.stderr)
	hwm := procStatusKB(t, d.cmd.Process.Pid, "VmHWM")
	d.stdin.Close()
	if code := d.exitCode(t); code != 0 {
		t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
	}
	return d.stdout.Bytes(), d, hwm
}
