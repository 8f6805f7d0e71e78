package file

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redactd/redactd/pipeline"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string // substring of the error; "" for none
	}{
		{"minimal", Config{Paths: []string{"/var/log/*.log"}}, ""},
		{"no paths", Config{}, "paths: at least one glob is required"},
		{"empty glob", Config{Paths: []string{""}}, "paths[0]: empty glob"},
		{"bad glob", Config{Paths: []string{"/x/[a"}}, "paths[0]: bad glob"},
		{"bad exclude", Config{Paths: []string{"/x"}, Exclude: []string{"*.gz", "[z"}}, "exclude[1]: bad glob"},
		{"start_at", Config{Paths: []string{"/x"}, StartAt: "middle"}, `start_at: want "beginning" or "end", got "middle"`},
		{"start_at beginning", Config{Paths: []string{"/x"}, StartAt: "beginning"}, ""},
		{"negative poll", Config{Paths: []string{"/x"}, PollInterval: -time.Second}, "poll_interval: must not be negative"},
		{"negative idle", Config{Paths: []string{"/x"}, IdleTimeout: -1}, "idle_timeout: must not be negative"},
		{"negative max line", Config{Paths: []string{"/x"}, MaxLineBytes: -1}, "max_line_bytes: must not be negative"},
		{"negative batch lines", Config{Paths: []string{"/x"}, BatchLines: -5}, "batch_lines: must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v; want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v; want error containing %q", err, tt.want)
			}
		})
	}
}

func appendFile(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestFollow(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	appendFile(t, path, "one\ntwo\r\n")
	c := newCollector()
	cfg := testConfig(filepath.Join(dir, "*.log"))
	cfg.IdleTimeout = 300 * time.Millisecond
	r := start(t, cfg, t.TempDir(), c, 1, 0, nil)
	defer r.stop(t)
	c.waitLines(t, "one", "two\r")
	appendFile(t, path, "three\nfo")
	c.waitLines(t, "one", "two\r", "three")
	appendFile(t, path, "ur\nfive")
	c.waitLines(t, "one", "two\r", "three", "four")
	// "five" has no newline: it is sent once the file was idle for idle_timeout.
	c.waitLines(t, "one", "two\r", "three", "four", "five")
	recs := c.all()
	wantOff := []int64{0, 4, 9, 15, 20}
	for i, g := range recs {
		if g.off != wantOff[i] || g.lineNo != int64(i+1) || g.path != path {
			t.Errorf("record %d: offset %d line %d path %s; want %d %d %s", i, g.off, g.lineNo, g.path, wantOff[i], i+1, path)
		}
		if g.noNewline != (i == 4) {
			t.Errorf("record %d (%q): NoNewline = %v", i, g.line, g.noNewline)
		}
		if !strings.HasPrefix(g.stream, path+"@") {
			t.Errorf("stream = %q; want %s@dev:ino", g.stream, path)
		}
	}
}

func TestStartAtEnd(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	appendFile(t, path, "old 1\nold 2\nhalf")
	c := newCollector()
	cfg := testConfig(path)
	cfg.StartAt = "end"
	r := start(t, cfg, t.TempDir(), c, 1, 0, nil)
	defer r.stop(t)
	time.Sleep(100 * time.Millisecond)
	appendFile(t, path, " line\nnew\n")
	// The file started after its last complete line, so the line being
	// written is sent whole.
	c.waitLines(t, "half line", "new")
	if g := c.all()[0]; g.lineNo != 3 || g.off != 12 {
		t.Errorf("first record: line %d offset %d; want 3 12", g.lineNo, g.off)
	}
}

func TestGlobPickupAndExclude(t *testing.T) {
	dir := t.TempDir()
	c := newCollector()
	cfg := testConfig(filepath.Join(dir, "*.log"))
	cfg.StartAt = "end" // applies to files present at start only
	cfg.Exclude = []string{"skip-*"}
	r := start(t, cfg, t.TempDir(), c, 1, 0, nil)
	defer r.stop(t)
	time.Sleep(50 * time.Millisecond)
	appendFile(t, filepath.Join(dir, "skip-me.log"), "excluded\n")
	appendFile(t, filepath.Join(dir, "other.txt"), "not matched\n")
	appendFile(t, filepath.Join(dir, "new.log"), "first\nsecond\n")
	c.waitLines(t, "first", "second")
	time.Sleep(150 * time.Millisecond)
	if n := len(c.all()); n != 2 {
		t.Errorf("got %d records; want 2: %q", n, c.lines())
	}
}

func TestDeletion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	appendFile(t, path, "a\nb\n")
	lb, logger := newLog()
	c := newCollector()
	r := start(t, testConfig(path), t.TempDir(), c, 1, 0, logger)
	defer r.stop(t)
	c.waitLines(t, "a", "b")
	// A line written just before the delete is still read.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString("last\n")
	os.Remove(path)
	f.Close()
	c.waitLines(t, "a", "b", "last")
	lb.waitFor(t, "file deleted")
	// A new file at the same path is a new file, read from its beginning.
	appendFile(t, path, "new file\n")
	c.waitLines(t, "a", "b", "last", "new file")
}

func TestRenameRotation(t *testing.T) {
	tests := []struct {
		name, glob string
		closeLog   string // what the log says when the renamed file is closed
		renamedAs  string // the path records of the renamed file carry after the rename
	}{
		{"glob misses rotated", "app.log", "rotated file inactive", "app.log"},
		{"glob matches rotated", "app.log*", "file inactive; closing until it changes", "app.log.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "app.log")
			w, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			w.WriteString("1\n2\n")
			lb, logger := newLog()
			c := newCollector()
			r := start(t, testConfig(filepath.Join(dir, tt.glob)), t.TempDir(), c, 1, 0, logger)
			defer r.stop(t)
			c.waitLines(t, "1", "2")
			os.Rename(path, path+".1")
			if tt.glob == "app.log*" {
				lb.waitFor(t, "file renamed")
			} else {
				time.Sleep(80 * time.Millisecond) // the source notices the rename
			}
			w.WriteString("3\n") // the application still writes to the renamed file
			c.waitLines(t, "1", "2", "3")
			w.Close()
			appendFile(t, path, "4\n")
			c.waitLines(t, "1", "2", "3", "4")
			lb.waitFor(t, tt.closeLog)
			time.Sleep(100 * time.Millisecond)
			c.waitLines(t, "1", "2", "3", "4") // nothing read twice
			recs := c.all()
			if recs[2].stream != recs[0].stream || recs[3].stream == recs[0].stream {
				t.Errorf("streams %q, %q, %q; want the renamed file on its first stream, the new one on another", recs[0].stream, recs[2].stream, recs[3].stream)
			}
			if want := filepath.Join(dir, tt.renamedAs); recs[2].path != want || recs[3].path != path {
				t.Errorf("paths %q, %q; want %q, %q", recs[2].path, recs[3].path, want, path)
			}
		})
	}
}

func TestCopytruncate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	w, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.WriteString("before 1\nbefore 2\n")
	lb, logger := newLog()
	c := newCollector()
	r := start(t, testConfig(path), t.TempDir(), c, 1, 0, logger)
	defer r.stop(t)
	c.waitLines(t, "before 1", "before 2")
	w.Truncate(0)
	// More bytes than before the truncation: only the fingerprint shows it.
	w.WriteString("after the truncation 1\nafter 2\n")
	c.waitLines(t, "before 1", "before 2", "after the truncation 1", "after 2")
	lb.waitFor(t, "file truncated")
	if g := c.all()[2]; g.off != 0 || g.lineNo != 1 {
		t.Errorf("after truncation: offset %d line %d; want 0 1", g.off, g.lineNo)
	}
}

func TestOversize(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	long := strings.Repeat("x", 25)
	appendFile(t, path, "short\n"+long+"\nend\n"+strings.Repeat("y", 10)+"\n")
	c := newCollector()
	cfg := testConfig(path)
	cfg.MaxLineBytes = 10
	r := start(t, cfg, t.TempDir(), c, 1, 0, nil)
	defer r.stop(t)
	c.waitFor(t, "all lines", 5*time.Second, func(g []got) bool { return len(g) >= 6 })
	recs := c.all()
	type piece struct {
		line                string
		lineNo              int64
		noNewline, oversize bool
	}
	want := []piece{
		{"short", 1, false, false},
		{"xxxxxxxxxx", 2, true, true},
		{"xxxxxxxxxx", 2, true, true},
		{"xxxxx", 2, false, true},
		{"end", 3, false, false},
		{"yyyyyyyyyy", 4, false, false}, // exactly max_line_bytes is not oversize
	}
	for i, w := range want {
		g := recs[i]
		if (piece{g.line, g.lineNo, g.noNewline, g.oversize}) != w {
			t.Errorf("record %d = %+v; want %+v", i, g, w)
		}
	}
}

func TestRestartResumes(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "app.log")
	appendFile(t, path, "a\nb\n")
	c := newCollector()
	r := start(t, testConfig(path), data, c, 1, 0, nil)
	c.waitLines(t, "a", "b")
	r.stop(t)
	appendFile(t, path, "c\n")
	r = start(t, testConfig(path), data, c, 2, 0, nil)
	defer r.stop(t)
	c.waitLines(t, "a", "b", "c")
	if g := c.all()[2]; g.lineNo != 3 || g.off != 4 {
		t.Errorf("after restart: line %d offset %d; want 3 4", g.lineNo, g.off)
	}
	fi, err := os.Stat(r.src.CheckpointPath())
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("checkpoint %s: %v, mode %v; want mode 0600", r.src.CheckpointPath(), err, fi.Mode().Perm())
	}
}

func TestRestartShrank(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "app.log")
	appendFile(t, path, "first line\nsecond line\n")
	c := newCollector()
	r := start(t, testConfig(path), data, c, 1, 0, nil)
	c.waitLines(t, "first line", "second line")
	r.stop(t)
	// Shrunk while redactd was down (same inode, same first bytes).
	os.WriteFile(path, []byte("first\n"), 0o644)
	lb, logger := newLog()
	c2 := newCollector()
	r = start(t, testConfig(path), data, c2, 2, 0, logger)
	defer r.stop(t)
	c2.waitLines(t, "first")
	if !strings.Contains(lb.String(), "reading it from the beginning") {
		t.Errorf("log does not say the file is read again:\n%s", lb.String())
	}
}

func TestInodeReuseByCheckpoint(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "app.log")
	appendFile(t, path, "x\ny\n")
	c := newCollector()
	r := start(t, testConfig(path), data, c, 1, 0, nil)
	c.waitLines(t, "x", "y")
	r.stop(t)
	// Same device and inode, other first bytes: the inode was reused.
	b, _ := os.ReadFile(r.src.CheckpointPath())
	var cf cpFile
	if err := json.Unmarshal(b, &cf); err != nil || len(cf.Files) != 1 {
		t.Fatalf("checkpoint %s = %s (%v); want one file", r.src.CheckpointPath(), b, err)
	}
	cf.Files[0].FP = "0000000000000001"
	b, _ = json.Marshal(cf)
	os.WriteFile(r.src.CheckpointPath(), b, 0o600)
	c2 := newCollector()
	r = start(t, testConfig(path), data, c2, 2, 0, nil)
	defer r.stop(t)
	c2.waitLines(t, "x", "y")
}

func TestCorruptCheckpoint(t *testing.T) {
	for _, content := range []string{"{not json", `{"version":1,"files":[{"path":"/x","offset":-5,"fp":"0000000000000000"}]}`, `{"version":99}`} {
		t.Run(content, func(t *testing.T) {
			dir, data := t.TempDir(), t.TempDir()
			path := filepath.Join(dir, "app.log")
			appendFile(t, path, "old\n")
			cfg := testConfig(path)
			cfg.StartAt = "end"
			probe, err := New(cfg, data, nil)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(probe.CheckpointPath(), []byte(content), 0o600)
			lb, logger := newLog()
			c := newCollector()
			r := start(t, cfg, data, c, 1, 0, logger)
			defer r.stop(t)
			lb.waitFor(t, "checkpoint is corrupt; starting over per start_at")
			time.Sleep(50 * time.Millisecond)
			appendFile(t, path, "new\n")
			c.waitLines(t, "new") // per start_at = "end"
			if _, err := os.Stat(probe.CheckpointPath() + ".corrupt"); err != nil {
				t.Errorf("corrupt checkpoint not moved aside: %v", err)
			}
		})
	}
}

// TestBackpressure: while nobody reads, the source blocks on its send,
// holding one batch; then every line comes, in order.
func TestBackpressure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	var sb strings.Builder
	for i := range 100000 {
		fmt.Fprintf(&sb, "line %d\n", i)
	}
	appendFile(t, path, sb.String())
	cfg := testConfig(path)
	cfg.BatchLines = 100
	src, err := New(cfg, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan pipeline.Batch)
	done := make(chan error, 1)
	go func() { done <- src.Run(ctx, out) }()
	time.Sleep(200 * time.Millisecond)
	if n := src.inflight.Load(); n != 1 {
		t.Errorf("batches in flight while nobody reads = %d; want 1", n)
	}
	next := 0
	for next < 100000 {
		b := <-out
		for _, r := range b.Records {
			if want := fmt.Sprintf("line %d", next); string(r.Line) != want {
				t.Fatalf("record %d = %.40q (%d bytes); want %q", next, r.Line, len(r.Line), want)
			}
			next++
		}
		b.Ack(nil)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v; want nil", err)
	}
}

func TestInactiveReopen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	appendFile(t, path, "a\n")
	lb, logger := newLog()
	c := newCollector()
	cfg := testConfig(path)
	cfg.CloseInactive = 100 * time.Millisecond
	r := start(t, cfg, t.TempDir(), c, 1, 0, logger)
	defer r.stop(t)
	c.waitLines(t, "a")
	lb.waitFor(t, "file inactive; closing until it changes")
	appendFile(t, path, "b\n")
	c.waitLines(t, "a", "b")
	lb.waitFor(t, "file reopened")
	if g := c.all()[1]; g.off != 2 || g.lineNo != 2 {
		t.Errorf("after reopen: offset %d line %d; want 2 2", g.off, g.lineNo)
	}
}

func TestDeletedPartialLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	appendFile(t, path, "a\nno newline")
	c := newCollector()
	r := start(t, testConfig(path), t.TempDir(), c, 1, 0, nil) // idle_timeout 5s
	defer r.stop(t)
	c.waitLines(t, "a")
	os.Remove(path)
	// Deleted: the last line is sent at once, without waiting for idle_timeout.
	c.waitLines(t, "a", "no newline")
	if g := c.all()[1]; !g.noNewline {
		t.Errorf("last line: NoNewline = false; want true")
	}
}

// TestNotifyLatency: with polling and globbing slowed to a minute, change
// notifications alone bring new files, new lines and lines written to a
// renamed file within milliseconds.
func TestNotifyLatency(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	appendFile(t, path, "a\n")
	cfg := testConfig(path)
	cfg.PollInterval = time.Minute
	cfg.GlobInterval = time.Minute
	c := newCollector()
	r := start(t, cfg, t.TempDir(), c, 1, 0, nil)
	defer r.stop(t)
	c.waitLines(t, "a")
	began := time.Now()
	appendFile(t, path, "b\n")
	c.waitLines(t, "a", "b")
	w, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	os.Rename(path, path+".1")
	appendFile(t, path, "new file\n")
	c.waitLines(t, "a", "b", "new file")
	w.WriteString("renamed\n")
	c.waitLines(t, "a", "b", "new file", "renamed")
	if d := time.Since(began); d > 5*time.Second {
		t.Errorf("lines took %v; want well under the one-minute poll", d)
	}
}

// With oversize = "scan" (the default) every piece of a long line carries
// the pipeline.OversizeContext bytes of its line before and after it, at
// any read size and line limit, across reads; a long last line without
// newline, cut when idle_timeout passes, too. Pieces rebuild the file.
func TestOversizeWindows(t *testing.T) {
	long := func(n int, c byte) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = c + byte(i%7)
		}
		return string(b)
	}
	content := "short\n" + long(70000, 'a') + "\nafter\n" + long(5000, 'k') + "\n" + long(40001, 'p')
	for _, tc := range []struct{ maxLine, batch int }{{1024, 700}, {3000, 64 << 10}, {20000, 4096}} {
		t.Run(fmt.Sprint(tc.maxLine, "/", tc.batch), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "app.log")
			appendFile(t, path, content)
			c := newCollector()
			cfg := testConfig(path)
			cfg.MaxLineBytes, cfg.BatchBytes, cfg.IdleTimeout = tc.maxLine, tc.batch, 100*time.Millisecond
			r := start(t, cfg, t.TempDir(), c, 1, 0, nil)
			defer r.stop(t)
			c.waitFor(t, "the whole file", 10*time.Second, func(g []got) bool {
				n := 0
				for _, r := range g {
					n += len(r.line)
					if !r.noNewline {
						n++
					}
				}
				return n == len(content)
			})
			pieces := 0
			lineStart := 0
			const ctx = pipeline.OversizeContext
			for i, g := range c.all() {
				off := int(g.off)
				if len(g.line) > tc.maxLine || content[off:off+len(g.line)] != g.line {
					t.Fatalf("record %d: %d bytes not at offset %d", i, len(g.line), off)
				}
				lineEnd := strings.IndexByte(content[off:], '\n')
				if lineEnd < 0 {
					lineEnd = len(content)
				} else {
					lineEnd += off
				}
				end := off + len(g.line)
				if !g.oversize {
					if g.window != nil {
						t.Fatalf("record %d: a Window on a whole line", i)
					}
					lineStart = lineEnd + 1
					continue
				}
				pieces++
				if g.window == nil {
					t.Fatalf("record %d: oversize piece without Window", i)
				}
				wantBefore, wantAfter := content[max(lineStart, off-ctx):off], content[end:min(lineEnd, end+ctx)]
				if string(g.window.Before) != wantBefore || string(g.window.After) != wantAfter {
					t.Fatalf("record %d at %d: Window %d+%d bytes; want %d+%d", i, off, len(g.window.Before), len(g.window.After), len(wantBefore), len(wantAfter))
				}
				if end == lineEnd {
					lineStart = lineEnd + 1
				}
			}
			want := 0
			for _, n := range []int{70000, 5000, 40001} {
				if n > tc.maxLine {
					want += (n + tc.maxLine - 1) / tc.maxLine
				}
			}
			if pieces != want {
				t.Fatalf("%d pieces; want %d", pieces, want)
			}
		})
	}
}

// oversize = "redact" sends the pieces without Window; a bad value is
// refused naming the key.
func TestOversizeRedactMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	appendFile(t, path, strings.Repeat("x", 25)+"\n")
	c := newCollector()
	cfg := testConfig(path)
	cfg.MaxLineBytes, cfg.Oversize = 10, "redact"
	r := start(t, cfg, t.TempDir(), c, 1, 0, nil)
	defer r.stop(t)
	c.waitFor(t, "three pieces", 5*time.Second, func(g []got) bool { return len(g) >= 3 })
	for _, g := range c.all() {
		if !g.oversize || g.window != nil {
			t.Fatalf("piece %+v", g)
		}
	}
	cfg.Oversize = "Scan"
	if err := cfg.Validate(); err == nil || err.Error() != `oversize: want "scan" or "redact", got "Scan"` {
		t.Fatalf("Validate = %v", err)
	}
}
