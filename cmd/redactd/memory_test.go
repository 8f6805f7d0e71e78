package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Backpressure with the real binary: stdout is a pipe nobody reads, stdin a
// generator offering 2 GiB. redactd must stop reading once its bounded
// queues are full (the generator blocks), keep its memory under the bound
// the queues imply, and resume when the reader comes back, delivering every
// line in order.
//
// The bound: a stdin batch is one read of at most read_bytes (256 KiB) and
// batch_lines (4096) lines. Batches wait in three queues of queue_batches
// (16) each (input, ordered, the sink's), plus one per worker (2) in the
// work channel and one being redacted, one in the stream stage, one being
// written and one in the source: about 56 batches. Each holds up to 256 KiB
// of line data, its redacted copies (lines with a secret) and 4096 Records
// of about 200 bytes (800 KiB), so about 1.1 MiB, or about 60 MiB in all
// at worst; from a pipe a read returns at most the pipe's 64 KiB, so here
// about 3 MiB of input is in flight. The engine and runtime take about
// 40 MiB. The test allows 100 MiB of VmHWM (measured: about 53 MiB).
func TestBinaryStalledSinkBoundsMemory(t *testing.T) {
	const maxHWMKB = 100 << 10
	const offered = 2 << 30

	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd, outR, stderr := startStdoutPipe(t, inR)
	inR.Close()

	// The generator: numbered lines, a secret on every tenth, in 64 KiB
	// writes; written counts what the pipe accepted.
	var written, lines atomic.Int64
	var stop atomic.Bool
	genDone := make(chan struct{})
	go func() {
		defer close(genDone)
		defer inW.Close()
		var b strings.Builder
		n := 0
		for written.Load() < offered && !stop.Load() {
			b.Reset()
			for b.Len() < 64<<10 {
				fmt.Fprintf(&b, "m n=%09d GET /v1/items?page=7 200 1.2ms", n)
				if n%10 == 0 {
					b.WriteString(" api_key=" + fakeStripe)
				}
				b.WriteByte('\n')
				n++
			}
			if _, err := inW.WriteString(b.String()); err != nil {
				return
			}
			written.Add(int64(b.Len()))
			lines.Store(int64(n))
		}
	}()

	// Wait until the writer is blocked: nothing accepted for half a second,
	// and still nothing a second later.
	var stalled int64
	deadline := time.Now().Add(15 * time.Second)
	for last := int64(-1); ; {
		time.Sleep(500 * time.Millisecond)
		w := written.Load()
		if w == last {
			stalled = w
			break
		}
		last = w
		if time.Now().After(deadline) {
			t.Fatalf("the writer never blocked: %d MiB accepted with nobody reading stdout", w>>20)
		}
	}
	time.Sleep(time.Second)
	if w := written.Load(); w != stalled {
		t.Fatalf("redactd read on (%d -> %d bytes) with nobody reading stdout", stalled, w)
	}
	rss := procStatusKB(t, cmd.Process.Pid, "VmRSS")
	hwm := procStatusKB(t, cmd.Process.Pid, "VmHWM")
	if hwm > maxHWMKB {
		t.Errorf("VmHWM %d KiB with a stalled sink; want under %d KiB", hwm, maxHWMKB)
	}

	// The reader comes back: lines resume, whole and in order, and the
	// writer moves again.
	sc := bufio.NewScanner(outR)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	token := stripeToken(t)
	next := 0
	check := func(l string) {
		want := fmt.Sprintf("m n=%09d GET /v1/items?page=7 200 1.2ms", next)
		if next%10 == 0 {
			want += " api_key=" + token
		}
		if l != want {
			t.Fatalf("line %d = %q; want %q", next, l, want)
		}
		next++
	}
	for sc.Scan() {
		check(sc.Text())
		if written.Load() > stalled+(16<<20) {
			break
		}
	}
	resumed := written.Load()
	stop.Store(true)
	// Drain: stdin ends, every line written must come out.
	for sc.Scan() {
		check(sc.Text())
	}
	<-genDone
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v; stderr %s", err, stderr.Bytes())
	}
	if int64(next) != lines.Load() {
		t.Fatalf("%d lines out of %d written", next, lines.Load())
	}
	t.Logf("stalled after %.1f MiB accepted of %d GiB offered; VmRSS %d KiB, VmHWM %d KiB; resumed to %.1f MiB; %d lines in order",
		float64(stalled)/(1<<20), offered>>30, rss, hwm, float64(resumed)/(1<<20), next)
}

// fdPos returns the file offset of the process's file descriptor fd.
func fdPos(t *testing.T, pid, fd int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/fdinfo/%d", pid, fd))
	if err != nil {
		t.Fatalf("fdinfo: %v", err)
	}
	var pos int64
	fmt.Sscanf(string(b), "pos: %d", &pos)
	return pos
}

// The same with stdin redirected from a 32 MiB file, so that every read
// returns the full read_bytes (256 KiB): the worst case of the bound above.
// The file offset of fd 0 shows how far redactd read.
func TestBinaryStalledSinkBoundsMemoryFileStdin(t *testing.T) {
	const maxHWMKB = 160 << 10
	path := t.TempDir() + "/in.log"
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	total := 0
	for size := 0; size < 32<<20; total++ {
		l := fmt.Sprintf("m n=%09d GET /v1/items?page=7 200 1.2ms", total)
		if total%10 == 0 {
			l += " api_key=" + fakeStripe
		}
		n, _ := bw.WriteString(l + "\n")
		size += n
	}
	bw.Flush()
	f.Seek(0, 0)
	defer f.Close()
	cmd, outR, stderr := startStdoutPipe(t, f)

	var stalled int64
	deadline := time.Now().Add(15 * time.Second)
	for last := int64(-1); ; {
		time.Sleep(500 * time.Millisecond)
		pos := fdPos(t, cmd.Process.Pid, 0)
		if pos == last {
			stalled = pos
			break
		}
		last = pos
		if time.Now().After(deadline) {
			t.Fatalf("redactd never stopped reading: at %d MiB with nobody reading stdout", pos>>20)
		}
	}
	hwm := procStatusKB(t, cmd.Process.Pid, "VmHWM")
	if hwm > maxHWMKB {
		t.Errorf("VmHWM %d KiB with a stalled sink; want under %d KiB", hwm, maxHWMKB)
	}
	sc := bufio.NewScanner(outR)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	token := stripeToken(t)
	next := 0
	for sc.Scan() {
		want := fmt.Sprintf("m n=%09d GET /v1/items?page=7 200 1.2ms", next)
		if next%10 == 0 {
			want += " api_key=" + token
		}
		if sc.Text() != want {
			t.Fatalf("line %d = %q; want %q", next, sc.Text(), want)
		}
		next++
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v; stderr %s", err, stderr.Bytes())
	}
	if next != total {
		t.Fatalf("%d lines out of %d", next, total)
	}
	t.Logf("stopped reading at %.1f MiB of 32 MiB; VmHWM %d KiB; then %d lines in order", float64(stalled)/(1<<20), hwm, next)
}

// A file sink that stalls (a FIFO whose reader reads nothing) behind a
// file source: redactd stops reading the log, stays under its memory
// bound, and a SIGKILL while stalled loses nothing: after a restart with a
// working sink, every line is either in what the FIFO accepted or in the
// new sink.
func TestBinaryStalledFileSinkThenSIGKILL(t *testing.T) {
	const maxHWMKB = 160 << 10
	dir := t.TempDir()
	log, fifo, out, data := dir+"/app.log", dir+"/out.fifo", dir+"/clean.log", dir+"/data"
	const total = 300_000
	os.WriteFile(log, []byte(numberedLines("f", 0, total)), 0o644)
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// The reader that reads nothing; non-blocking so the open returns.
	rd, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	config := func(sink string) string {
		p := sink + ".toml"
		os.WriteFile(p, []byte(fmt.Sprintf(`
data_dir = %q
[[sources.file]]
name = "app"
paths = [%q]
start_at = "beginning"
checkpoint_interval = "50ms"
[[sinks.file]]
path = %q
fsync = "none"
`, data, log, sink)), 0o600)
		return p
	}
	d := startDaemon(t, "-c", config(fifo))
	// How much it read: rchar in /proc/<pid>/io counts every byte the
	// process read (the file source reads with pread, so the descriptor's
	// offset says nothing).
	logPos := func() int64 {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/io", d.cmd.Process.Pid))
		if err != nil {
			t.Fatalf("read /proc io: %v", err)
		}
		var rchar int64
		fmt.Sscanf(string(b), "rchar: %d", &rchar)
		return rchar
	}
	var stalled int64
	deadline := time.Now().Add(15 * time.Second)
	for last := int64(-2); ; {
		time.Sleep(500 * time.Millisecond)
		pos := logPos()
		// A few bytes a second are inotify and eventfd reads, not the log.
		if last > 0 && pos-last < 4096 {
			stalled = pos
			break
		}
		last = pos
		if time.Now().After(deadline) {
			t.Fatalf("redactd never stopped reading the log (at %d) with the sink stalled; stderr %s", pos, d.stderr.Bytes())
		}
	}
	time.Sleep(time.Second)
	if pos := logPos(); pos-stalled > 4096 {
		t.Fatalf("redactd read on (%d -> %d bytes) with the sink stalled", stalled, pos)
	}
	size, _ := os.Stat(log)
	if stalled >= size.Size() {
		t.Fatalf("redactd read the whole %d-byte log into memory with the sink stalled", size.Size())
	}
	hwm := procStatusKB(t, d.cmd.Process.Pid, "VmHWM")
	if hwm > maxHWMKB {
		t.Errorf("VmHWM %d KiB with a stalled sink; want under %d KiB", hwm, maxHWMKB)
	}
	d.cmd.Process.Signal(syscall.SIGKILL)
	d.cmd.Wait()
	// What the FIFO accepted counts as written.
	var got bytes.Buffer
	got.ReadFrom(rd)

	d = startDaemon(t, "-c", config(out))
	waitFor(t, "file sink", readFile(out), fmt.Sprintf("f n=%06d", total-1), 60*time.Second, d.stderr)
	d.cmd.Process.Signal(syscall.SIGTERM)
	if code := d.exitCode(t); code != 0 {
		t.Fatalf("restart: exit %d; %s", code, d.stderr.Bytes())
	}
	fromFIFO := bytes.Count(got.Bytes(), []byte("\n"))
	b, _ := os.ReadFile(out)
	got.Write(b)
	n, dups := firstSeen(t, got.Bytes(), "f")
	if n != total {
		t.Fatalf("%d distinct lines of %d arrived", n, total)
	}
	t.Logf("stalled after reading %.1f MiB of %.1f MiB; VmHWM %d KiB; %d lines went into the FIFO, the rest after SIGKILL and restart: %d lines, %d duplicates",
		float64(stalled)/(1<<20), float64(size.Size())/(1<<20), hwm, fromFIFO, total, dups)
}

// Peak memory with an oversize line does not grow with the line: a 32 MiB
// and a 256 MiB line, scanned in windows (the default) and replaced whole
// (oversize = "redact"), through the file source and stdin. The sources keep at most
// pipeline.OversizeInflight batches of pieces in flight.
func TestBinaryOversizeLineMemoryIsFlat(t *testing.T) {
	const maxHWMKB = 120 << 10
	dir := t.TempDir()
	line := func(path string, size int) {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		bw.WriteString("before x\n")
		chunk := strings.Repeat("lorem ipsum dolor sit amet consectetur adipiscing elit ", 1000)
		for n := 0; n < size; n += len(chunk) {
			bw.WriteString(chunk)
		}
		bw.WriteString("\nafter done\n")
		bw.Flush()
		f.Close()
	}
	for _, mode := range []string{"scan", "redact"} {
		hwms := map[string][]int{}
		for _, size := range []int{32 << 20, 256 << 20} {
			log := filepath.Join(dir, fmt.Sprintf("%d.log", size))
			line(log, size)
			// The file source, to a file sink.
			d := filepath.Join(dir, fmt.Sprintf("%s-%d", mode, size))
			os.MkdirAll(d, 0o700)
			cfg := filepath.Join(d, "r.toml")
			out := filepath.Join(d, "out.log")
			os.WriteFile(cfg, []byte(fmt.Sprintf("oversize = %q\ndata_dir = %q\n[[sources.file]]\npaths = [%q]\nstart_at = \"beginning\"\npoll_interval = \"50ms\"\n[[sinks.file]]\npath = %q\nfsync = \"none\"\n",
				mode, filepath.Join(d, "data"), log, out)), 0o600)
			dm := startDaemon(t, "-c", cfg)
			waitFor(t, "file sink", readFile(out), "\nafter done\n", 120*time.Second, dm.stderr)
			hwms["file"] = append(hwms["file"], procStatusKB(t, dm.cmd.Process.Pid, "VmHWM"))
			dm.cmd.Process.Signal(syscall.SIGTERM)
			if code := dm.exitCode(t); code != 0 {
				t.Fatalf("file source: exit %d; stderr %s", code, dm.stderr.Bytes())
			}
			os.Remove(out)
			// Stdin: the file through a pipe; VmHWM is read once the
			// line after the long one is out.
			hwms["stdin"] = append(hwms["stdin"], stdinHWM(t, log, mode))
			os.Remove(log)
		}
		for src, h := range hwms {
			t.Logf("%s, oversize = %q: VmHWM %d KiB for a 32 MiB line, %d KiB for 256 MiB", src, mode, h[0], h[1])
			if h[0] > maxHWMKB || h[1] > maxHWMKB {
				t.Errorf("%s, oversize = %q: VmHWM %v KiB; want each under %d KiB", src, mode, h, maxHWMKB)
			}
			if h[1] > h[0]+32<<10 {
				t.Errorf("%s, oversize = %q: VmHWM grows with the line: %d -> %d KiB", src, mode, h[0], h[1])
			}
		}
	}
}

// stdinHWM pipes the file at path through the binary (with oversize =
// mode) and returns its VmHWM in KiB, read when "after done" came out.
func stdinHWM(t *testing.T, path, mode string) int {
	t.Helper()
	cfg := path + "." + mode + ".toml"
	os.WriteFile(cfg, []byte(fmt.Sprintf("oversize = %q\n", mode)), 0o600)
	cmd := exec.Command(binPath, "-c", cfg)
	cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	go func() {
		if f, err := os.Open(path); err == nil {
			io.Copy(stdin, f)
			f.Close()
		}
	}()
	// Read the output, keeping only its end, until the last line is out.
	buf := make([]byte, 64<<10)
	var tail []byte
	for !bytes.Contains(tail, []byte("\nafter done\n")) {
		n, err := stdout.Read(buf)
		tail = append(tail, buf[:n]...)
		tail = tail[max(0, len(tail)-64):]
		if err != nil {
			t.Fatalf("stdout ended before the last line: %v", err)
		}
	}
	hwm := procStatusKB(t, cmd.Process.Pid, "VmHWM")
	stdin.Close()
	io.Copy(io.Discard, stdout)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("stdin: %v", err)
	}
	return hwm
}

// startStdoutPipe runs the binary with stdin and its stdout on a pipe that
// the test reads, or leaves unread to stall it; it returns the running
// command, the pipe's read end and redactd's stderr. Cleanup closes the
// pipe, then kills redactd.
func startStdoutPipe(t *testing.T, stdin *os.File) (*exec.Cmd, *os.File, *syncBuffer) {
	t.Helper()
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binPath)
	cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	cmd.Stdin, cmd.Stdout = stdin, outW
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	outW.Close()
	t.Cleanup(func() { outR.Close() })
	return cmd, outR, stderr
}
