package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestExecRedactsBothStreams(t *testing.T) {
	script := `printf 'out %s\n' "$1"; printf 'err %s\n' "$1" >&2; printf 'clean\n'; printf 'tail %s' "$1"; exit 3`
	code, out, stderr := runIn(t, "", keyEnv(), "exec", "--", "sh", "-c", script, "sh", fakeStripe)
	if code != 3 {
		t.Errorf("exit %d; want the child's 3 (stderr %q)", code, stderr)
	}
	if strings.Contains(out+stderr, fakeStripe) {
		t.Fatalf("the secret passed through: stdout %q, stderr %q", out, stderr)
	}
	tok := "[REDACTED:stripe-secret-key:"
	if !strings.HasPrefix(out, "out "+tok) || !strings.Contains(out, "\nclean\ntail "+tok) || strings.HasSuffix(out, "\n") {
		t.Errorf("stdout = %q; want redacted lines in order and the last one without newline", out)
	}
	if !strings.HasPrefix(stderr, "err "+tok) {
		t.Errorf("stderr = %q; want the child's redacted stderr first", stderr)
	}
}

func TestExecExitStatus(t *testing.T) {
	notExec := filepath.Join(t.TempDir(), "script")
	os.WriteFile(notExec, []byte("#!/bin/sh\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"success", []string{"--", "sh", "-c", "exit 0"}, 0},
		{"status", []string{"--", "sh", "-c", "exit 42"}, 42},
		{"no dashes", []string{"sh", "-c", "exit 5"}, 5},
		{"killed", []string{"--", "sh", "-c", "kill -KILL $$"}, 128 + 9},
		{"terminated", []string{"--", "sh", "-c", "kill -TERM $$"}, 128 + 15},
		{"not found", []string{"--", "redactd-no-such-command"}, 127},
		{"not executable", []string{"--", notExec}, 126},
		{"no command", []string{"--"}, 2},
		{"bad flag", []string{"--nope", "--", "true"}, 2},
		{"help", []string{"--help"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runIn(t, "", keyEnv(), append([]string{"exec"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exec %v = %d; want %d (stderr %q)", tt.args, code, tt.code, stderr)
			}
		})
	}
}

func TestExecOversizeFailsClosed(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "small.toml")
	os.WriteFile(cfg, []byte("max_line_bytes = 1024\noversize = \"redact\"\n"), 0o600)
	long := strings.Repeat("x", 2000) + fakeStripe
	code, out, stderr := runIn(t, "", keyEnv(), "exec", "-c", cfg, "--", "sh", "-c", `echo short; echo "$1"; echo after`, "sh", long)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(out, "xxxx") || strings.Contains(out, fakeStripe) || !strings.Contains(out, "[REDACTED:oversize:") {
		t.Fatalf("stdout = %q; want the long line replaced", out)
	}
	if !strings.HasPrefix(out, "short\n") || !strings.HasSuffix(out, "\nafter\n") {
		t.Errorf("stdout = %q; want the short lines kept", out)
	}
}

// By default a long line is scanned piece by piece in its window, as from
// stdin: the secrets go, the rest of the line stays, also a secret across a
// cut and a key name just before one.
func TestExecOversizeScanned(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "small.toml")
	os.WriteFile(cfg, []byte("max_line_bytes = 1024\n"), 0o600)
	// "password=" ends exactly at the first cut (byte 1024): its value is
	// in the second piece, the name only in the first piece's window.
	const pw = "Wq7-Lr2v9Tz4Kd8Mn3Xb"
	head := strings.Repeat("x", 700) + " api_key=" + fakeStripe + " "
	long := head + strings.Repeat("y", 1024-len(head)-len(" password=")) + " password=" + pw + " " + strings.Repeat("z", 500)
	code, out, stderr := runIn(t, "", keyEnv(), "exec", "-c", cfg, "--", "sh", "-c", `echo short; echo "$1"; echo after`, "sh", long)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(out, fakeStripe) || strings.Contains(out, pw[:12]) || strings.Contains(out, "[REDACTED:oversize") {
		t.Fatalf("stdout = %q; want the secrets replaced and the rest kept", out)
	}
	if !strings.HasPrefix(out, "short\n"+strings.Repeat("x", 700)+" api_key=[REDACTED:") || !strings.Contains(out, " password=[REDACTED:") || !strings.Contains(out, strings.Repeat("z", 500)+"\nafter\n") {
		t.Errorf("stdout = %q; want the long line scanned in place between the short ones", out)
	}
}

// Batches of long-line pieces must be acknowledged to the source, which
// holds back more than a few of them: before, a line of 12 MiB hung exec.
func TestExecLongLineDoesNotHang(t *testing.T) {
	type result struct {
		code        int
		out, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, out, stderr := runIn(t, "", keyEnv(), "exec", "--", "sh", "-c", `head -c 12582912 /dev/zero | tr '\\0' x; echo; echo after`)
		done <- result{code, out, stderr}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("exec still running after 60 s on a 12 MiB line")
	}
	code, out, stderr := r.code, r.out, r.stderr
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if len(out) != 12<<20+len("\nafter\n") || !strings.HasSuffix(out, "\nafter\n") {
		t.Fatalf("stdout: %d bytes ending %q; want the 12 MiB line and then after", len(out), out[max(0, len(out)-20):])
	}
}

func TestExecChildEnvironment(t *testing.T) {
	t.Setenv("REDACTD_FINGERPRINT_KEY", testKey)
	t.Setenv("REDACTD_TEST_VISIBLE", "yes")
	code, out, _ := runIn(t, "from-stdin\n", keyEnv(), "exec", "--", "sh", "-c",
		`echo "key=${REDACTD_FINGERPRINT_KEY:-unset} visible=$REDACTD_TEST_VISIBLE"; cat`)
	if code != 0 || out != "key=unset visible=yes\nfrom-stdin\n" {
		t.Errorf("exit %d, stdout %q; want the key removed, other variables and stdin passed", code, out)
	}
}

func TestExecGrandchildHoldingPipe(t *testing.T) {
	old := execGrace
	execGrace = 200 * time.Millisecond
	defer func() { execGrace = old }()
	start := time.Now()
	// The background sleep inherits stdout and keeps the pipe open.
	code, out, _ := runIn(t, "", keyEnv(), "exec", "--", "sh", "-c", "sleep 3 & echo bye")
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("exec waited %v for a grandchild holding the pipe", took)
	}
	if code != 0 || out != "bye\n" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
}

// The binary tests check what needs a real process: prompt lines while the
// child runs, and signals sent to redactd reaching the child.
func TestBinaryExecPromptAndSignals(t *testing.T) {
	script := `trap 'echo "got USR1 $1"' USR1
trap 'echo "got TERM" >&2; exit 7' TERM
echo "ready $1"
while :; do sleep 0.02; done`
	cmd := exec.Command(binPath, "exec", "--", "sh", "-c", script, "sh", fakeStripe)
	cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	stdout, _ := cmd.StdoutPipe()
	stderrR, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	outLines := lines(stdout)
	errLines := lines(stderrR)

	next := func(ch <-chan string, what string) string {
		t.Helper()
		select {
		case l := <-ch:
			return l
		case <-time.After(5 * time.Second):
			t.Fatalf("no %s within 5s", what)
			return ""
		}
	}
	if l := next(outLines, "ready line"); !strings.HasPrefix(l, "ready [REDACTED:stripe-secret-key:") {
		t.Fatalf("first line %q", l)
	}
	// A line appears while the child still runs, not at exit.
	time.Sleep(50 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGUSR1)
	start := time.Now()
	if l := next(outLines, "USR1 answer"); !strings.HasPrefix(l, "got USR1 [REDACTED:stripe-secret-key:") {
		t.Fatalf("after SIGUSR1: %q", l)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("USR1 answer took %v", took)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if l := next(errLines, "TERM answer"); l != "got TERM" {
		t.Fatalf("after SIGTERM: %q", l)
	}
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 7 {
		t.Fatalf("exit %v; want the child's 7", err)
	}
}

// lines delivers the lines read from r until EOF.
func lines(r interface{ Read([]byte) (int, error) }) <-chan string {
	ch := make(chan string, 16)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			ch <- sc.Text()
		}
	}()
	return ch
}

func TestBinaryExecClosedStdout(t *testing.T) {
	// head exits after one line; the child then gets EPIPE (or SIGPIPE)
	// instead of writing for ever, and redactd exits.
	cmd := exec.Command("bash", "-c", `"$0" exec -- sh -c 'while :; do echo "line $1"; done' sh `+fakeStripe+` | head -n 1`, binPath)
	cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.Output(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("redactd exec did not end after its stdout closed")
	}
	if err != nil || !strings.HasPrefix(string(out), "line [REDACTED:stripe-secret-key:") {
		t.Fatalf("out %q, err %v, stderr %q", out, err, stderr.String())
	}
}

func TestExecRaisesAlerts(t *testing.T) {
	dir := t.TempDir()
	alertsPath := filepath.Join(dir, "alerts.jsonl")
	cfg := filepath.Join(dir, "redactd.toml")
	os.WriteFile(cfg, []byte("[[alerts.file]]\npath = \""+alertsPath+"\"\n"), 0o600)
	code, out, stderr := runIn(t, "", keyEnv(), "exec", "-c", cfg, "--", "sh", "-c", `echo "a $1"; echo "b $1" >&2; echo "c $1"`, "sh", fakeStripe)
	if code != 0 || strings.Contains(out+stderr, fakeStripe) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	data, err := os.ReadFile(alertsPath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), fakeStripe) {
		t.Fatalf("alert holds the secret: %s", data)
	}
	alerts := strings.Split(strings.TrimSpace(string(data)), "\n")
	// One fingerprint: one alert, whichever stream showed it first.
	if len(alerts) != 1 || !strings.Contains(alerts[0], `"rule_id":"stripe-secret-key"`) || !strings.Contains(alerts[0], `"source":"exec"`) {
		t.Fatalf("alerts = %q; want one stripe-secret-key alert from source exec", alerts)
	}
}
