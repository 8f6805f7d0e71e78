package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The daemon raises one alert per new secret, on stderr and to a webhook,
// never carrying the secret.
func TestRunRaisesAlertsOnce(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer alert-token-123" {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "a.toml")
	os.WriteFile(cfg, []byte(`
[alerts]
dedup_window = "1h"
[alerts.stderr]
enabled = true
format = "json"
[[alerts.webhook]]
url = "`+srv.URL+`"
headers = { Authorization_env = "ALERT_TOKEN" }
[[alerts.file]]
path = "`+filepath.Join(dir, "alerts.jsonl")+`"
`), 0o600)
	env := keyEnv()
	t.Setenv("ALERT_TOKEN", "Bearer alert-token-123") // the alerts package reads the process environment
	in := strings.Repeat("charge key="+fakeStripe+"\n", 50) + "clean\n"
	code, out, stderr := runIn(t, in, env, "-c", cfg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(out+stderr, fakeStripe) || strings.Contains(stderr, "alert-token-123") {
		t.Fatal("secret or webhook token in output")
	}
	if n := strings.Count(stderr, `"rule_id":"stripe-secret-key"`); n != 1 {
		t.Fatalf("%d stderr alerts; want 1: %s", n, stderr)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(bodies) != 1 {
		t.Fatalf("%d webhook alerts; want 1", len(bodies))
	}
	var a map[string]any
	if err := json.Unmarshal([]byte(bodies[0]), &a); err != nil {
		t.Fatalf("webhook body %q: %v", bodies[0], err)
	}
	if a["rule_id"] != "stripe-secret-key" || a["description"] == "" || a["remediation"] == "" || strings.Contains(bodies[0], fakeStripe[8:20]) {
		t.Fatalf("alert %v", a)
	}
	file, _ := os.ReadFile(filepath.Join(dir, "alerts.jsonl"))
	if strings.Count(string(file), "\n") != 1 || strings.Contains(string(file), fakeStripe) {
		t.Fatalf("alert file %q", file)
	}
}

func TestAlertConfigErrors(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "a.toml")
	os.WriteFile(cfg, []byte("[[alerts.webhook]]\nurl = \"http://hooks.example.com/x\"\n"), 0o600)
	code, _, stderr := runIn(t, "", keyEnv(), "check", "-c", cfg)
	if code != 2 || !strings.Contains(stderr, "alerts.webhook[0].url") {
		t.Fatalf("plain http webhook: exit %d, %q", code, stderr)
	}
}
