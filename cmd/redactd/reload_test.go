package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReportSummary(t *testing.T) {
	in := "a " + fakeStripe + "\nb " + fakeStripe + "\nclean\n"
	code, _, stderr := runIn(t, in, keyEnv(), "--report")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "redactd: 3 lines, "
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "2 lines redacted, 2 findings, 1 unique secrets") {
		t.Fatalf("report %q; want 3 lines, 2 redacted, 2 findings, 1 unique", stderr)
	}
}

// SIGHUP recompiles the rules of the config file between lines; an invalid
// new config is reported and the running rules stay.
func TestBinarySIGHUPReloadsRules(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "r.toml")
	write := func(s string) {
		if err := os.WriteFile(cfg, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	rule := func(id, prefix string) string {
		return "[[detect.rules]]\nid = \"" + id + "\"\nkeywords = [\"" + prefix + "\"]\nregex = '" + prefix + "[a-z0-9]{20}'\n"
	}
	write(rule("one", "one_"))
	cmd, stdin, stdout, stderr := startBin(t, "-c", cfg)
	send := func(line string) string {
		t.Helper()
		stdin.Write([]byte(line + "\n"))
		got, err := stdout.ReadString('\n')
		if err != nil {
			t.Fatalf("read: %v (stderr %s)", err, stderr)
		}
		return got
	}
	both := "one_abcdefghij0123456789 two_abcdefghij0123456789"
	if got := send(both); !strings.Contains(got, "[REDACTED:one:") || !strings.Contains(got, "two_abcdefghij0123456789") {
		t.Fatalf("before reload: %q", got)
	}
	write(rule("one", "one_") + rule("two", "two_"))
	cmd.Process.Signal(syscall.SIGHUP)
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := send(both)
		if strings.Contains(got, "[REDACTED:two:") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("rules not reloaded after SIGHUP: %q", got)
		}
		time.Sleep(50 * time.Millisecond)
	}
	write("[[detect.rules]]\nid = \"BAD ID\"\nregex = '('\n")
	cmd.Process.Signal(syscall.SIGHUP)
	time.Sleep(300 * time.Millisecond)
	if got := send(both); !strings.Contains(got, "[REDACTED:two:") {
		t.Fatalf("an invalid config replaced the running rules: %q", got)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
	if !strings.Contains(stderr.String(), "keeping the running") {
		t.Fatalf("invalid reload not reported: %s", stderr)
	}
}
