package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The daemon serves /metrics, /healthz and /readyz on [metrics] listen; the
// metrics count what flowed and never carry line content.
func TestBinaryMetricsEndpoint(t *testing.T) {
	// A free port: reading the daemon's stderr while it runs would race.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := filepath.Join(t.TempDir(), "m.toml")
	os.WriteFile(cfg, []byte("[metrics]\nlisten = \""+addr+"\"\n"), 0o600)
	cmd, stdin, stdout, _ := startBin(t, "-c", cfg)
	stdin.Write([]byte("charge key=" + fakeStripe + "\nclean line\n"))
	stdout.ReadString('\n')
	stdout.ReadString('\n')
	time.Sleep(100 * time.Millisecond) // the batch's counters settle after its write
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Fatalf("/healthz = %d", code)
	}
	if code, body := get("/readyz"); code != 200 {
		t.Fatalf("/readyz = %d %s", code, body)
	}
	code, body := get("/metrics")
	if code != 200 {
		t.Fatalf("/metrics = %d", code)
	}
	for _, want := range []string{
		`redactd_findings_total{rule="stripe-secret-key"} 1`,
		`redactd_build_info{`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if !regexp.MustCompile(`(?m)^redactd_[a-z_]*lines[a-z_]*_total\{[^}]*stdin[^}]*\} 2$`).MatchString(body) {
		t.Errorf("/metrics has no stdin line count of 2:\n%s", grepLines(body, "lines"))
	}
	if strings.Contains(body, fakeStripe[:12]) || strings.Contains(body, "charge key") {
		t.Fatal("metrics carry line content")
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestMetricsListenError(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "m.toml")
	os.WriteFile(cfg, []byte("[metrics]\nlisten = \"256.0.0.1:bad\"\n"), 0o600)
	code, _, stderr := runIn(t, "", keyEnv(), "-c", cfg)
	if code != 2 || !strings.Contains(stderr, "metrics.listen") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
}

// A file source's checkpoint age is exported.
func TestBinaryMetricsCheckpointAge(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	logf := filepath.Join(dir, "app.log")
	os.WriteFile(logf, []byte("hello\n"), 0o644)
	cfg := fileConfig{
		dataDir: filepath.Join(dir, "data"),
		logs:    logf, source: []string{`checkpoint_interval = "100ms"`},
		more: "[metrics]\nlisten = \"" + addr + "\"\n",
	}.write(t, filepath.Join(dir, "m.toml"))
	cmd, _, stdout, _ := startBin(t, "-c", cfg)
	if l, _ := stdout.ReadString('\n'); l != "hello\n" {
		t.Fatalf("got %q", l)
	}
	var body string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body = string(b)
		if regexp.MustCompile(`(?m)^redactd_checkpoint_age_seconds\{source="file\[0\]"\} \d`).MatchString(body) {
			break
		}
	}
	if !regexp.MustCompile(`(?m)^redactd_checkpoint_age_seconds\{source="file\[0\]"\} \d`).MatchString(body) {
		t.Fatalf("no checkpoint age for file[0]:\n%s", grepLines(body, "checkpoint"))
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
}
