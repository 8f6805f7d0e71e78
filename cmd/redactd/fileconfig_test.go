package main

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// fileConfig is the config file of a binary test that tails files, writes
// a file sink, or both. Empty fields are left out of the file, so the
// daemon's defaults apply (no data_dir, stdin, stdout).
type fileConfig struct {
	dataDir string   // data_dir
	logs    string   // paths glob of a [[sources.file]] read from the beginning
	source  []string // more `key = value` lines of that source
	out     string   // path of a [[sinks.file]]
	sink    []string // more `key = value` lines of that sink
	more    string   // more tables, as TOML text
}

// write writes c to path (mode 0600) and returns path.
func (c fileConfig) write(t *testing.T, path string) string {
	t.Helper()
	var b strings.Builder
	if c.dataDir != "" {
		fmt.Fprintf(&b, "data_dir = %q\n", c.dataDir)
	}
	if c.logs != "" {
		fmt.Fprintf(&b, "[[sources.file]]\npaths = [%q]\nstart_at = \"beginning\"\n", c.logs)
		for _, l := range c.source {
			b.WriteString(l + "\n")
		}
	}
	if c.out != "" {
		fmt.Fprintf(&b, "[[sinks.file]]\npath = %q\n", c.out)
		for _, l := range c.sink {
			b.WriteString(l + "\n")
		}
	}
	b.WriteString(c.more)
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
