package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/redactd/redactd/config"
)

// The example documents every key; it must decode strictly and validate.
func TestExampleConfigLoads(t *testing.T) {
	c, err := config.Load("../config.example.toml")
	if err != nil {
		t.Fatalf("Load(config.example.toml) = %v", err)
	}
	if c.ShutdownTimeout != 30*time.Second || c.Sources.Stdin == nil || !c.Sources.Stdin.Enabled || len(c.DetectRules()) != 1 {
		t.Fatalf("example decoded to %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"unknown top key", "dta_dir = 1\n", "x.toml:1: dta_dir: unknown key"},
		{"unknown nested key", "[sinks.stdout]\nenabled = true\ncolour = 1\n", "x.toml:3: sinks.stdout.colour: unknown key"},
		{"wrong type", "\n\nworkers = \"four\"\n", "x.toml:3: workers: incompatible types"},
		{"duration", "shutdown_timeout = \"soon\"\n", "shutdown_timeout"},
		{"syntax", "a = [\n", "x.toml:"},
		{"stdin validate", "[sources.stdin]\nbatch_lines = -1\n", "x.toml:2: sources.stdin.batch_lines: must not be negative"},
		{"rule id missing", "[[detect.rules]]\nregex = 'x'\n", "detect.rules[0].id: missing required value"},
		{"duplicate rule", "[[detect.rules]]\nid = 'a'\nregex = 'x'\n[[detect.rules]]\nid = 'a'\nregex = 'y'\n", "x.toml:5: detect.rules[1].id: duplicate rule id \"a\""},
		{"condition", "[detect.allowlist]\ncondition = 'xor'\n", "detect.allowlist.condition"},
		{"oversize", "\noversize = 'cut'\n", `x.toml:2: oversize: want "scan" or "redact", got "cut"`},
		{"stdin oversize", "[sources.stdin]\noversize = 'SCAN'\n", `x.toml:2: sources.stdin.oversize: want "scan" or "redact", got "SCAN"`},
		{"kafka oversize", "[[sources.kafka]]\nbrokers = ['b:9092']\ntopics = ['t']\ngroup = 'g'\noversize = 'none'\n", `x.toml:5: sources.kafka[0].oversize: want "scan" or "redact", got "none"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse("x.toml", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse(%q) = %v; want error containing %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestZeroConfigIsDefault(t *testing.T) {
	c, err := config.Parse("empty.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.LineLimit() != config.DefaultMaxLineBytes || c.OversizeMode() != "scan" || c.HasSources() || c.HasSinks() {
		t.Fatalf("empty config = %+v", c)
	}
}
