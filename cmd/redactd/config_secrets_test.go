package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A webhook header whose value is a literal credential in the config text
// is accepted; rule 4 says secrets come from env vars or files only.
func TestLiteralSecretHeaderRejected(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "a.toml")
	os.WriteFile(cfg, []byte("[[alerts.webhook]]\nurl = \"https://hooks.example.com/x\"\nheaders = { Authorization = \"Bearer literal-token-in-config\" }\n"), 0o600)
	for _, args := range [][]string{{"check", "-c", cfg}, {"-c", cfg}} {
		code, _, stderr := runIn(t, "", keyEnv(), args...)
		if code != 2 || !strings.Contains(stderr, "alerts.webhook[0].headers.Authorization") {
			t.Errorf("%v: exit %d, %q; want 2 naming alerts.webhook[0].headers.Authorization (use Authorization_env)", args, code, stderr)
		}
	}
}

// redactd check says "ok" for configs the daemon then refuses at start.
func TestCheckAgreesWithRun(t *testing.T) {
	dir := t.TempDir()
	open := filepath.Join(dir, "pw")
	os.WriteFile(open, []byte("pw\n"), 0o644)
	os.Chmod(open, 0o644)
	for name, text := range map[string]string{
		"password_file 0644": "[[sources.kafka]]\nbrokers = [\"127.0.0.1:9\"]\ntopics = [\"t\"]\ngroup = \"g\"\nsasl = { mechanism = \"PLAIN\", username = \"u\", password_file = \"" + open + "\" }\n",
		"password_env unset": "[[sinks.kafka]]\nbrokers = [\"127.0.0.1:9\"]\ntopic = \"t\"\nsasl = { mechanism = \"PLAIN\", username = \"u\", password_env = \"REDACTD_TEST_UNSET\" }\n",
		"url_env unset":      "[[alerts.webhook]]\nurl_env = \"REDACTD_TEST_UNSET\"\n",
		"metrics.listen bad": "[metrics]\nlisten = \"not an address\"\n",
	} {
		cfg := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".toml")
		os.WriteFile(cfg, []byte(text), 0o600)
		if code, out, _ := runIn(t, "", keyEnv(), "check", "-c", cfg); code != 2 {
			t.Errorf("%s: check exit %d (%q); the daemon exits 2 on this config", name, code, out)
		}
	}
}
