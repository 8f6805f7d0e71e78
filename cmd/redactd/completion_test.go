package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestCompletionBashParses(t *testing.T) {
	code, script, stderr := runIn(t, "", nil, "completion", "bash")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join(t.TempDir(), "redactd.bash")
	os.WriteFile(path, []byte(script), 0o600)
	if out, err := exec.Command("bash", "-n", path).CombinedOutput(); err != nil {
		t.Fatalf("bash -n: %v\n%s", err, out)
	}
}

// TestCompletionBashCompletes runs the completion function the way bash's
// programmable completion calls it.
func TestCompletionBashCompletes(t *testing.T) {
	_, script, _ := runIn(t, "", nil, "completion", "bash")
	dir := t.TempDir()
	path := filepath.Join(dir, "redactd.bash")
	os.WriteFile(path, []byte(script), 0o600)
	os.WriteFile(filepath.Join(dir, "build.log"), nil, 0o600)
	tests := []struct {
		line string // the command line; completion is for its last word
		want []string
	}{
		{"redactd sc", []string{"scan"}},
		{"redactd ", []string{"check", "completion", "exec", "fingerprint", "help", "rules", "scan", "version"}},
		{"redactd --log-level ", []string{"debug", "error", "info", "warn"}},
		{"redactd --log-level info c", []string{"check", "completion"}},
		{"redactd -c x.toml sc", []string{"scan"}},
		{"redactd scan --fo", []string{"--format"}},
		{"redactd scan --format ", []string{"json", "sarif", "text"}},
		{"redactd scan -format s", []string{"sarif"}},
		{"redactd scan bui", []string{"build.log"}},
		{"redactd rules --j", []string{"--json"}},
		{"redactd completion ", []string{"bash", "zsh"}},
		{"redactd exec --", []string{"--", "--config", "--help"}},
		{"redactd exec -- redactd-no-such-prefix", nil},
		{"redactd exec -- sh bui", []string{"build.log"}},
	}
	for _, tt := range tests {
		words := strings.Split(tt.line, " ")
		prog := `source "$1"; cd "$2"; COMP_WORDS=(` + quoteWords(words) + `); COMP_CWORD=` + strconv.Itoa(len(words)-1) +
			`; _redactd; printf '%s\n' "${COMPREPLY[@]}"`
		out, err := exec.Command("bash", "-c", prog, "bash", path, dir).CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", tt.line, err, out)
		}
		got := strings.Fields(string(out))
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("complete(%q) = %q; want %q", tt.line, got, tt.want)
		}
	}
}

func quoteWords(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = "'" + w + "'"
	}
	return strings.Join(q, " ")
}

func TestCompletionZsh(t *testing.T) {
	code, script, _ := runIn(t, "", nil, "completion", "zsh")
	if code != 0 || !strings.HasPrefix(script, "#compdef redactd\n") || !strings.HasSuffix(script, "_redactd \"$@\"\n") {
		t.Fatalf("exit %d; script does not start with #compdef and end calling _redactd:\n%s", code, script)
	}
	for _, c := range complCmds {
		if !strings.Contains(script, "'"+c.name+":") || !strings.Contains(script, "\n                "+c.name+")\n") {
			t.Errorf("zsh script lacks command %s", c.name)
		}
	}
	// Every line between quotes must be balanced: an apostrophe in a help
	// text would end the quoted spec early.
	for i, line := range strings.Split(script, "\n") {
		if strings.Count(line, "'")%2 != 0 {
			t.Errorf("line %d has unbalanced quotes: %q", i+1, line)
		}
	}
	if zsh, err := exec.LookPath("zsh"); err == nil {
		path := filepath.Join(t.TempDir(), "_redactd")
		os.WriteFile(path, []byte(script), 0o600)
		if out, err := exec.Command(zsh, "-n", path).CombinedOutput(); err != nil {
			t.Fatalf("zsh -n: %v\n%s", err, out)
		}
	} else {
		t.Log("zsh is not installed: checked the script's structure only")
	}
	code, _, stderr := runIn(t, "", nil, "completion", "fish")
	if code != 2 || !strings.Contains(stderr, `unknown shell "fish"`) {
		t.Errorf("completion fish: exit %d, %q", code, stderr)
	}
}

// TestCompletionMatchesFlags keeps the completion tables in step with the
// flags each command really has.
func TestCompletionMatchesFlags(t *testing.T) {
	flagLine := regexp.MustCompile(`(?m)^  -([a-z][a-z-]*)`)
	helpFlags := func(args ...string) []string {
		code, out, _ := runIn(t, "", nil, append(args, "--help")...)
		if code != 0 {
			t.Fatalf("%v --help: exit %d", args, code)
		}
		var fl []string
		for _, m := range flagLine.FindAllStringSubmatch(out, -1) {
			fl = append(fl, m[1])
		}
		slices.Sort(fl)
		return fl
	}
	tableFlags := func(fl []complFlag) []string {
		var out []string
		for _, f := range fl {
			for _, n := range f.names {
				if n != "--help" {
					out = append(out, strings.TrimLeft(n, "-"))
				}
			}
		}
		slices.Sort(out)
		return out
	}
	if got, want := tableFlags(complRoot), helpFlags(); !slices.Equal(got, want) {
		t.Errorf("completion flags of redactd = %v; --help lists %v", got, want)
	}
	var names []string
	for _, c := range complCmds {
		names = append(names, c.name)
		if c.name == "help" {
			continue
		}
		if got, want := tableFlags(c.flags), helpFlags(c.name); !slices.Equal(got, want) {
			t.Errorf("completion flags of %s = %v; --help lists %v", c.name, got, want)
		}
	}
	_, usage, _ := runIn(t, "", nil, "--help")
	for _, n := range names {
		if n != "help" && !strings.Contains(usage, "redactd "+n) {
			t.Errorf("completion offers %s, which redactd --help does not list", n)
		}
	}
}
