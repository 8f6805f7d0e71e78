package main

// Paths matched by a file source's glob that cannot be followed (a FIFO, a
// directory, a dangling symlink) are logged once each, naming the path, so
// an operator can tell why a log is not shipped.

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestFileSourceNamesSkippedPaths(t *testing.T) {
	dir := t.TempDir()
	logs := filepath.Join(dir, "logs")
	os.MkdirAll(logs, 0o755)
	os.WriteFile(filepath.Join(logs, "good.log"), []byte("good\n"), 0o644)
	syscall.Mkfifo(filepath.Join(logs, "fifo.log"), 0o644)
	os.Mkdir(filepath.Join(logs, "dir.log"), 0o755)
	os.Symlink(filepath.Join(dir, "nonexistent"), filepath.Join(logs, "dangling.log"))
	cfg := fileConfig{
		dataDir: filepath.Join(dir, "data"),
		logs:    filepath.Join(logs, "*.log"), source: []string{`glob_interval = "100ms"`},
	}.write(t, filepath.Join(dir, "r.toml"))
	d := startDaemon(t, "-c", cfg, "--log-level", "debug")
	waitFor(t, "stdout", d.stdout.Bytes, "good\n", 10*time.Second, d.stderr)
	time.Sleep(500 * time.Millisecond)
	d.cmd.Process.Signal(syscall.SIGTERM)
	d.exitCode(t)
	for _, p := range []string{"fifo.log", "dir.log", "dangling.log"} {
		if !strings.Contains(string(d.stderr.Bytes()), p) {
			t.Errorf("no log line names %s; stderr:\n%s", p, d.stderr.Bytes())
		}
	}
}
