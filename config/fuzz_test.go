package config_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/redactd/redactd/config"
)

// FuzzParse feeds arbitrary bytes to the config loader: it must never panic,
// and every error must be a *config.Error naming the file, on one line,
// without a stack trace. The seed corpus in testdata/fuzz/FuzzParse holds
// the example config and one file per kind of mistake.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"",
		"data_dir = \"/var/lib/redactd\"\n[[sources.file]]\npaths = [\"/var/log/*.log\"]\n",
		"[[sources.kafka]]\nbrokers = [\"127.0.0.1:9092\"]\ntopics = [\"a\"]\ngroup = \"g\"\nsasl = { mechanism = \"PLAIN\", username = \"u\", password = \"x\" }\n",
		"[[detect.rules]]\nid = \"a\"\nregex = '(unclosed'\n",
		"[alerts]\ndedup_window = \"-1s\"\n[[alerts.webhook]]\nurl = \"http://example.com\"\n",
		"max_line_bytes = 99999999999999999999\n",
		"[a.b.c.d]\n[[a.b]]\n",
		"x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := config.Parse("fuzz.toml", data)
		if err == nil {
			if c == nil {
				t.Fatal("Parse returned neither a config nor an error")
			}
			return
		}
		var ce *config.Error
		if !errors.As(err, &ce) {
			t.Fatalf("Parse error %T %q is not a *config.Error", err, err)
		}
		msg := err.Error()
		if ce.File != "fuzz.toml" || !strings.HasPrefix(msg, "fuzz.toml") {
			t.Fatalf("Parse error %q does not name the file", msg)
		}
		if strings.Contains(msg, "goroutine ") || strings.Contains(msg, "panic") {
			t.Fatalf("Parse error holds a stack trace: %q", msg)
		}
	})
}
