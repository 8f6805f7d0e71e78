package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	labels := filepath.Join(dir, "labels.jsonl")
	var out1, out2, errb bytes.Buffer
	if err := run([]string{"-size", "256KiB", "-profile", "dirty", "-seed", "3", "-labels", labels}, &out1, &errb); err != nil {
		t.Fatalf("run: %v", err)
	}
	if err := run([]string{"-size", "256KiB", "-profile", "dirty", "-seed", "3"}, &out2, &errb); err != nil {
		t.Fatalf("run: %v", err)
	}
	if out1.Len() < 256<<10 || out1.Len() > 256<<10+64<<10 {
		t.Errorf("wrote %d bytes; want 256 KiB plus at most one event", out1.Len())
	}
	if !bytes.Equal(out1.Bytes(), out2.Bytes()) {
		t.Errorf("same flags, different output")
	}
	if !strings.Contains(errb.String(), "profile=dirty seed=3") {
		t.Errorf("stats = %q; want the profile and seed", errb.String())
	}
	data, err := os.ReadFile(labels)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out1.String(), "\n")
	n := 0
	for _, l := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var lab struct {
			Line   int    `json:"line"`
			Secret string `json:"secret"`
		}
		if err := json.Unmarshal(l, &lab); err != nil {
			t.Fatalf("label %d: %v", n+1, err)
		}
		if !strings.Contains(lines[lab.Line-1], lab.Secret) {
			t.Errorf("label %d: line %d does not hold its secret", n+1, lab.Line)
		}
		n++
	}
	if n < 20 {
		t.Errorf("%d labels in 256 KiB of dirty logs; want about 25 or more", n)
	}
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-size", "lots"}, "-size"},
		{[]string{"-profile", "messy"}, "-profile"},
		{[]string{"extra"}, "unexpected argument"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		err := run(tt.args, &out, &errb)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("run(%q) = %v; want an error mentioning %q", tt.args, err, tt.want)
		}
	}
}
