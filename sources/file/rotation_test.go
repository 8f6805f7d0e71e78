package file

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// numbered returns line number n of the load test, without its newline.
func numbered(n int) string {
	return fmt.Sprintf("%07d %s", n, strings.Repeat("abcdefghij", n%9))
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
}

// TestRotationUnderLoad is the proof: a writer appends 200,000
// numbered lines as fast as it can (through a 4 KiB buffer, so lines are
// often split across writes), rotates four times by rename (writing on to
// the renamed file for a while before it reopens) and once by
// copytruncate; the source is killed (no final checkpoint, unacked batches
// lost) and restarted twice, each time while a rotation happens. Afterwards
// every line is present, in order per file within each run, and lines are
// repeated only where a restarted source replayed a file from its
// checkpoint.
func TestRotationUnderLoad(t *testing.T) {
	for _, pollOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("pollOnly=%v", pollOnly), func(t *testing.T) { rotationUnderLoad(t, pollOnly) })
	}
}

func rotationUnderLoad(t *testing.T, pollOnly bool) {
	const (
		total  = 200000
		linger = 2000 // lines written to a renamed file before the writer reopens
	)
	renameAt := map[int]int{40000: 1, 80000: 2, 120000: 3, 160000: 4}
	const truncAt = 100000
	crashAt := map[int]bool{78000: true, 150000: true}
	restartAt := map[int]bool{86000: true, 163000: true}

	dir, data := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "app.log")
	cfg := testConfig(path)
	cfg.BatchLines = 500
	cfg.BatchBytes = 32 << 10
	c := newCollector()
	lb, logger := newLog()
	runNo := 1
	r := startPoll(t, cfg, data, c, runNo, 2*time.Millisecond, logger, pollOnly)
	// Progress, kept by the collector as records arrive (under c.mu).
	have := make([]bool, total+1)
	distinct, maxNum := 0, 0
	c.onRecord = func(g got) {
		k, err := strconv.Atoi(g.line[:min(7, len(g.line))])
		if err != nil || k < 1 || k > total {
			return
		}
		if !have[k] {
			have[k] = true
			distinct++
		}
		maxNum = max(maxNum, k)
	}
	progress := func() (distinctLines, maxLine int) {
		c.mu.Lock()
		defer c.mu.Unlock()
		return distinct, maxNum
	}
	caughtUp := func(n int) bool {
		_, m := progress()
		return m >= n
	}

	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 4096)
	switchAt := -1
	began := time.Now()
	for i := 1; i <= total; i++ {
		if k, ok := renameAt[i]; ok {
			bw.Flush()
			logger.Info("test: rename", "line", i, "to", k)
			if err := os.Rename(path, fmt.Sprintf("%s.%d", path, k)); err != nil {
				t.Fatal(err)
			}
			switchAt = i + linger
		}
		if i == switchAt {
			bw.Flush()
			f.Close()
			if f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err != nil {
				t.Fatal(err)
			}
			bw.Reset(f)
		}
		if i == truncAt {
			// logrotate's copytruncate; what the tail had not read before
			// the truncation would be lost, so rotate once it caught up.
			bw.Flush()
			deadline := time.Now().Add(30 * time.Second)
			for !caughtUp(i - 1) {
				if time.Now().After(deadline) {
					_, m := progress()
					t.Fatalf("source did not catch up with line %d before copytruncate; at %d", i-1, m)
				}
				time.Sleep(2 * time.Millisecond)
			}
			logger.Info("test: copytruncate", "line", i)
			copyFile(t, path, path+".copy")
			if err := os.Truncate(path, 0); err != nil {
				t.Fatal(err)
			}
		}
		if crashAt[i] {
			bw.Flush()
			// A file that is created and rotated away before the source ever
			// saw it cannot be found after a crash; here the source saw it.
			waitCheckpointed(t, r.src.CheckpointPath(), path)
			logger.Info("test: crash", "line", i)
			r.crash(t)
		}
		if restartAt[i] {
			bw.Flush()
			runNo++
			logger.Info("test: restart", "run", runNo)
			r = startPoll(t, cfg, data, c, runNo, 2*time.Millisecond, logger, pollOnly)
		}
		bw.WriteString(numbered(i))
		bw.WriteByte('\n')
	}
	bw.Flush()
	f.Close()
	t.Logf("writer done in %v", time.Since(began))

	for deadline := time.Now().Add(40 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if n, _ := progress(); n == total {
			break
		}
		if time.Now().After(deadline) {
			c.mu.Lock()
			var ranges []string
			for k := 1; k <= total && len(ranges) < 10; k++ {
				if have[k] {
					continue
				}
				j := k
				for j+1 <= total && !have[j+1] {
					j++
				}
				ranges = append(ranges, fmt.Sprintf("%d-%d", k, j))
				k = j
			}
			c.mu.Unlock()
			logs := lb.String()
			t.Fatalf("lines missing: %v; source log:\n%s", ranges, logs[max(0, len(logs)-8000):])
		}
	}
	r.stop(t)
	t.Logf("all lines in %v", time.Since(began))

	// Check order and replays per file per run.
	type key struct {
		run int
		id  string
	}
	last := map[key]int{}
	maxByID := map[string]int{}
	var order []key
	dups := 0
	count := make([]int, total+1)
	for i, g := range c.all() {
		k, err := strconv.Atoi(g.line[:min(7, len(g.line))])
		if err != nil || g.line != numbered(k) {
			t.Fatalf("record %d: %.40q (%d bytes) is not a whole numbered line", i, g.line, len(g.line))
		}
		if g.noNewline || g.oversize {
			t.Errorf("record %d (line %d): NoNewline %v Oversize %v; want neither", i, k, g.noNewline, g.oversize)
		}
		count[k]++
		if count[k] > 1 {
			dups++
		}
		id := g.stream[strings.LastIndexByte(g.stream, '@')+1:]
		kk := key{g.run, id}
		prev, ok := last[kk]
		switch {
		case ok && k != prev+1:
			t.Fatalf("run %d file %s: line %d follows line %d", g.run, id, k, prev)
		case !ok:
			order = append(order, kk)
			if m, seen := maxByID[id]; seen && k > m+1 {
				t.Fatalf("run %d file %s starts at line %d, after line %d of an earlier run: a gap", g.run, id, k, m)
			}
		}
		last[kk] = k
		maxByID[id] = max(maxByID[id], k)
	}
	for k := 1; k <= total; k++ {
		if count[k] == 0 {
			t.Fatalf("line %d is missing", k)
		}
	}
	if runNo != 3 {
		t.Errorf("runs = %d; want 3", runNo)
	}
	if dups > total/4 {
		t.Errorf("%d duplicate lines; want only the few unacknowledged batches replayed", dups)
	}
	t.Logf("%d records, %d duplicates from replay, %d (run, file) streams", len(c.all()), dups, len(order))
}

// waitCheckpointed waits until the checkpoint at cpPath lists the file now
// at path.
func waitCheckpointed(t *testing.T, cpPath, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	id, _, _ := statID(fi)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(2 * time.Millisecond) {
		entries, _, _ := loadCheckpoint(cpPath)
		if _, ok := entries[id]; ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("checkpoint %s never listed %s", cpPath, path)
		}
	}
}
