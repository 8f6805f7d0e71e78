package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const testKey = "0123456789abcdef0123456789abcdef-test-key"

// Fake secrets in the shapes the built-in rules know.
const (
	fakeStripe = "sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ"
)

// runIn runs a command line in-process and returns exit code, stdout, stderr.
func runIn(t *testing.T, stdin string, environ map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := env{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errb,
		getenv: func(k string) string { return environ[k] },
	}
	code := run(e, args)
	return code, out.String(), errb.String()
}

func keyEnv() map[string]string { return map[string]string{"REDACTD_FINGERPRINT_KEY": testKey} }

func TestDefaultRunRedactsStdin(t *testing.T) {
	in := "GET /v1/charge?k=" + fakeStripe + " 200\r\nplain line\n\xff\xfe invalid utf8\nlast without newline"
	code, out, stderr := runIn(t, in, keyEnv())
	if code != 0 {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	if strings.Contains(out, fakeStripe) {
		t.Fatalf("secret survived: %q", out)
	}
	want := "GET /v1/charge?k=[REDACTED:stripe-secret-key:"
	if !strings.HasPrefix(out, want) {
		t.Fatalf("output %q; want prefix %q", out, want)
	}
	if !strings.HasSuffix(out, "] 200\r\nplain line\n\xff\xfe invalid utf8\nlast without newline") {
		t.Fatalf("output %q does not keep CRLF, invalid UTF-8 and the missing final newline", out)
	}
	if strings.Contains(stderr, "random") {
		t.Fatalf("warned about a random key although one was set: %s", stderr)
	}
}

func TestRandomKeyWarnsOnce(t *testing.T) {
	code, _, stderr := runIn(t, "x\n", nil)
	if code != 0 || strings.Count(stderr, "random per-process key") != 1 {
		t.Fatalf("exit %d, stderr %q; want one warning about the random key", code, stderr)
	}
}

func TestSameKeySameToken(t *testing.T) {
	_, a, _ := runIn(t, fakeStripe+"\n", keyEnv())
	_, b, _ := runIn(t, "x "+fakeStripe+"\n", keyEnv())
	if strings.TrimSpace(a) != strings.TrimPrefix(strings.TrimSpace(b), "x ") {
		t.Fatalf("tokens differ under one key: %q vs %q", a, b)
	}
	_, c, _ := runIn(t, fakeStripe+"\n", map[string]string{"REDACTD_FINGERPRINT_KEY": strings.Repeat("z", 40)})
	if a == c {
		t.Fatalf("different keys gave the same token %q", a)
	}
}

func TestInvalidConfigs(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.toml")
	if len(files) < 10 {
		t.Fatalf("found %d invalid fixtures", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, _ := os.ReadFile(f)
			first, _, _ := strings.Cut(string(data), "\n")
			want := strings.TrimPrefix(first, "# want: ")
			for _, args := range [][]string{{"check", "-c", f}, {"-c", f}} {
				code, out, stderr := runIn(t, "", keyEnv(), args...)
				if code != 2 {
					t.Errorf("%v: exit %d; want 2 (stdout %q)", args, code, out)
				}
				if !strings.Contains(stderr, want) {
					t.Errorf("%v: stderr = %q; want it to contain %q", args, stderr, want)
				}
				if strings.Contains(stderr, "goroutine") || strings.Count(stderr, "\n") != 1 {
					t.Errorf("%v: stderr is not one clear line: %q", args, stderr)
				}
			}
		})
	}
}

func TestCheckValidConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ok.toml")
	os.WriteFile(path, []byte(`
[detect]
disable = ["stripe-secret-key"]
[[detect.rules]]
id = "acme-token"
description = "ACME internal token"
keywords = ["acme_"]
regex = 'acme_[a-z0-9]{24}'
severity = "critical"
`), 0o600)
	code, out, stderr := runIn(t, "", keyEnv(), "check", "-c", path)
	if code != 0 || !strings.Contains(out, "ok (") {
		t.Fatalf("check: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	code, out, _ = runIn(t, "id acme_abcdefghijklmnopqrstuvwx "+fakeStripe+"\n", keyEnv(), "-c", path)
	if code != 0 || strings.Contains(out, "acme_abcdefghijklmnopqrstuvwx") || !strings.Contains(out, "[REDACTED:acme-token:") || !strings.Contains(out, fakeStripe) {
		t.Fatalf("user rule or disable not applied: exit %d, %q", code, out)
	}
}

func TestConfigFileErrors(t *testing.T) {
	code, _, stderr := runIn(t, "", keyEnv(), "-c", "/nonexistent/redactd.toml")
	if code != 2 || !strings.Contains(stderr, "/nonexistent/redactd.toml") {
		t.Fatalf("exit %d, stderr %q; want 2 naming the file", code, stderr)
	}
	code, _, stderr = runIn(t, "", nil, "check")
	if code != 2 || !strings.Contains(stderr, "-c FILE is required") {
		t.Fatalf("check without -c: exit %d, %q", code, stderr)
	}
	code, _, stderr = runIn(t, "", nil, "frobnicate")
	if code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Fatalf("unknown command: exit %d, %q", code, stderr)
	}
	code, _, _ = runIn(t, "", nil, "--no-such-flag")
	if code != 2 {
		t.Fatalf("bad flag: exit %d; want 2", code)
	}
}

func TestKeySources(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "key")
	os.WriteFile(good, []byte(testKey+"\n"), 0o600)
	open := filepath.Join(dir, "open")
	os.WriteFile(open, []byte(testKey), 0o644)
	os.Chmod(open, 0o644)
	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("tooshort"), 0o600)
	cfg := func(k string) string {
		p := filepath.Join(dir, filepath.Base(k)+".toml")
		os.WriteFile(p, []byte("[fingerprint]\nkey_file = \""+k+"\"\n"), 0o600)
		return p
	}
	_, viaEnv, _ := runIn(t, fakeStripe+"\n", keyEnv())
	code, viaFile, stderr := runIn(t, fakeStripe+"\n", nil, "-c", cfg(good))
	if code != 0 || viaFile != viaEnv {
		t.Fatalf("key file: exit %d, %q vs env %q (%s)", code, viaFile, viaEnv, stderr)
	}
	code, _, stderr = runIn(t, "", nil, "-c", cfg(open))
	if code != 2 || !strings.Contains(stderr, "readable by group or others") {
		t.Fatalf("world-readable key file: exit %d, %q", code, stderr)
	}
	code, _, stderr = runIn(t, "", nil, "-c", cfg(short))
	if code != 2 || !strings.Contains(stderr, "at least 32") || strings.Contains(stderr, "tooshort") {
		t.Fatalf("short key file: exit %d, %q", code, stderr)
	}
	code, _, stderr = runIn(t, "", map[string]string{"REDACTD_FINGERPRINT_KEY": "hunter2-short"})
	if code != 2 || strings.Contains(stderr, "hunter2") {
		t.Fatalf("short env key: exit %d, %q", code, stderr)
	}
}

func TestVersionRulesHelp(t *testing.T) {
	code, out, _ := runIn(t, "", nil, "version")
	if code != 0 || !strings.HasPrefix(out, "redactd ") {
		t.Fatalf("version: %d %q", code, out)
	}
	code, out, _ = runIn(t, "", nil, "rules", "--json")
	var rules []struct{ ID, Severity, Description string }
	if code != 0 || json.Unmarshal([]byte(out), &rules) != nil || len(rules) == 0 {
		t.Fatalf("rules --json: exit %d, %q", code, out)
	}
	for _, r := range rules {
		if r.ID == "" || r.Severity == "" || r.Description == "" {
			t.Fatalf("rule without id, severity or description: %+v", r)
		}
	}
	code, out, _ = runIn(t, "", nil, "rules")
	if code != 0 || !strings.HasPrefix(out, "ID") || strings.Count(out, "\n") != len(rules)+1 {
		t.Fatalf("rules: exit %d, %d lines for %d rules", code, strings.Count(out, "\n"), len(rules))
	}
	for _, cmd := range [][]string{{"--help"}, {"check", "--help"}, {"rules", "-h"}, {"fingerprint", "--help"}, {"version", "--help"}, {"help"}} {
		code, out, _ := runIn(t, "", nil, cmd...)
		if code != 0 || !strings.Contains(out, "Usage") {
			t.Errorf("%v: exit %d, stdout %q", cmd, code, out)
		}
	}
}

func TestFingerprintCommand(t *testing.T) {
	_, redacted, _ := runIn(t, "x "+fakeStripe+"\n", keyEnv())
	code, out, stderr := runIn(t, fakeStripe+"\r\n\nnot-a-known-format-secret\n", keyEnv(), "fingerprint")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines; want 2: %q", len(lines), out)
	}
	fp, token, _ := strings.Cut(lines[0], "\t")
	if !strings.Contains(redacted, token) || len(fp) != 16 {
		t.Fatalf("fingerprint token %q (fp %q) not the one in the redacted log %q", token, fp, redacted)
	}
	if !strings.HasSuffix(lines[1], "[REDACTED:*:"+lines[1][:16]+"]") {
		t.Fatalf("unknown-format secret line = %q", lines[1])
	}
	if strings.Contains(out+stderr, fakeStripe) {
		t.Fatal("fingerprint printed the secret")
	}
	code, _, stderr = runIn(t, fakeStripe+"\n", nil, "fingerprint")
	if code != 2 || !strings.Contains(stderr, "no key configured") {
		t.Fatalf("fingerprint without key: exit %d, %q", code, stderr)
	}
	code, _, _ = runIn(t, "", keyEnv(), "fingerprint", fakeStripe)
	if code != 2 {
		t.Fatalf("fingerprint with the secret in argv: exit %d; want 2", code)
	}
}

// The binary tests below drive the real process: timing, signals, pipes.

var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "redactd-bin")
	if err != nil {
		panic(err)
	}
	binPath = filepath.Join(dir, "redactd")
	if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func startBin(t *testing.T, args ...string) (*exec.Cmd, io.WriteCloser, *bufio.Reader, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, stdin, bufio.NewReader(stdout), &stderr
}

// (echo line; sleep 10) | redactd must print the line at once, not at exit.
func TestBinaryLineIsPrompt(t *testing.T) {
	_, stdin, stdout, _ := startBin(t)
	time.Sleep(200 * time.Millisecond) // let it start
	for range 5 {
		start := time.Now()
		stdin.Write([]byte("key " + fakeStripe + "\n"))
		line, err := stdout.ReadString('\n')
		took := time.Since(start)
		if err != nil || strings.Contains(line, fakeStripe) || !strings.Contains(line, "[REDACTED:stripe-secret-key:") {
			t.Fatalf("line %q, err %v", line, err)
		}
		// 100 ms is the requirement; the bound leaves room for a loaded CI
		// machine and the race detector while still failing a redactor that
		// waits for a full batch or for EOF.
		if took > 500*time.Millisecond {
			t.Fatalf("line took %v to come out; want well under 100ms", took)
		}
	}
}

func TestBinarySIGTERMDrainsAndExitsZero(t *testing.T) {
	cmd, stdin, stdout, stderr := startBin(t)
	stdin.Write([]byte("one\ntwo\n"))
	for _, want := range []string{"one\n", "two\n"} {
		if got, _ := stdout.ReadString('\n'); got != want {
			t.Fatalf("got %q; want %q", got, want)
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	if err != nil {
		t.Fatalf("exit after SIGTERM: %v; want 0 (stderr %s)", err, stderr)
	}
}

func TestBinaryClosedStdoutEndsQuietly(t *testing.T) {
	cmd := exec.Command("bash", "-c", `yes 'line with `+fakeStripe+`' | head -c 50000000 | "$0" | head -n 1`, binPath)
	cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() != 0 {
		t.Fatalf("pipeline: err %v, stderr %q", err, stderr.String())
	}
	if !strings.HasPrefix(string(out), "line with [REDACTED:stripe-secret-key:") {
		t.Fatalf("out %q", out)
	}
}

func TestBinaryBadConfigExitCode(t *testing.T) {
	cmd := exec.Command(binPath, "-c", "testdata/invalid/unknown_key.toml")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Fatalf("exit: %v; want 2", err)
	}
	if !strings.Contains(string(out), "unknown_key.toml:4: fingerprint.key_envv: unknown key") {
		t.Fatalf("output %q", out)
	}
}

// While the drain is stuck (nobody reads stdout), a second signal exits at
// once with 1.
func TestBinarySecondSignalExitsOne(t *testing.T) {
	cmd := exec.Command(binPath)
	cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe() // never read: the sink blocks
	defer stdout.Close()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := []byte(strings.Repeat("x", 1000) + "\n")
	go func() { // blocks once redactd stops reading; ends when the process dies
		for {
			if _, err := stdin.Write(line); err != nil {
				return
			}
		}
	}()
	time.Sleep(500 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("exit after a second SIGTERM: %v; want code 1", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a second SIGTERM did not end a stuck drain")
	}
}
