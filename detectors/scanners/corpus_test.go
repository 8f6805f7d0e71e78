package scanners_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/builtin"
	"github.com/redactd/redactd/detectors/scanners"
)

// The labelled sample corpus lives beside the repository (../shared/corpus
// from the module root); REDACTD_CORPUS overrides the directory.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("REDACTD_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(filepath.Join(dir, "corpus.log")); err != nil {
		t.Fatalf("labelled corpus missing (set REDACTD_CORPUS to the directory holding corpus.log, labels.jsonl, negatives.jsonl): %v", err)
	}
	return dir
}

type label struct {
	Line         int    `json:"line"`
	Secret       string `json:"secret"`
	Kind         string `json:"kind"`
	Context      string `json:"context"`
	Group        string `json:"group"`
	PublicPrefix int    `json:"public_prefix"`
}

type negative struct {
	Line int    `json:"line"`
	Text string `json:"text_that_must_survive"`
	Kind string `json:"kind"`
}

func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimSuffix(string(b), "\n")
	return strings.Split(s, "\n")
}

// leaked ports score.py: a secret leaks when a window of min(12, len)
// characters of it survives on its output line, ignoring windows inside the
// public prefix, windows that are text of the kind name, and windows that
// also occur in the line's non-secret text.
func leaked(secret, orig, out string, others []string, publicPrefix int, kind string) bool {
	L := min(12, len(secret))
	if L == 0 {
		return false
	}
	all := append(append([]string(nil), others...), secret)
	sort.Slice(all, func(i, j int) bool { return len(all[i]) > len(all[j]) })
	background := orig
	for _, s := range all {
		if s != "" {
			background = strings.ReplaceAll(background, s, "\x00")
		}
	}
	var counted []string
	for i := 0; i+L <= len(secret); i++ {
		w := secret[i : i+L]
		if i+L <= publicPrefix || strings.Contains(kind, w) || strings.Contains(background, w) {
			continue
		}
		counted = append(counted, w)
	}
	if len(counted) == 0 {
		return strings.Contains(out, secret)
	}
	for _, w := range counted {
		if strings.Contains(out, w) {
			return true
		}
	}
	return false
}

// mine are the label kinds that only the context detectors can find: they
// have no provider format.
func mine(kind string) bool {
	switch kind {
	case "password", "generic-hex-secret", "generic-base64-secret", "generic-api-token",
		"k8s-secret-base64", "bearer-token", "api-key-header", "basic-auth-header",
		"url-query-token", "url-basic-auth-password", "db-connection-password",
		"django-session-id", "flask-session-cookie":
		return true
	}
	return strings.HasPrefix(kind, "private-key-")
}

var testKey = []byte("0123456789abcdef0123456789abcdef-test-key")

func newEngine(t testing.TB, rules []detectors.Rule) *detectors.Engine {
	t.Helper()
	eng, err := detectors.New(rules, detectors.Options{
		Key:       testKey,
		Scanners:  scanners.All(scanners.Options{}),
		Allowlist: scanners.DefaultAllowlist(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

type corpusResult struct {
	total, leaks, mineTotal, mineLeaks int
	leakedBy                           map[string]int // kind -> leaks
	fpLines                            []string       // "line N: rule ids"
	badJSON, lostNegatives             []string
}

func runCorpus(t *testing.T, eng *detectors.Engine) corpusResult {
	t.Helper()
	dir := corpusDir(t)
	lines := readLines(t, filepath.Join(dir, "corpus.log"))
	labels := readJSONL[label](t, filepath.Join(dir, "labels.jsonl"))
	negs := readJSONL[negative](t, filepath.Join(dir, "negatives.jsonl"))
	if len(lines) < 1000 || len(labels) < 100 {
		t.Fatalf("corpus too small: %d lines, %d labels", len(lines), len(labels))
	}
	byLine := map[int][]label{}
	for _, l := range labels {
		byLine[l.Line] = append(byLine[l.Line], l)
	}
	out := make([]string, len(lines))
	found := make([][]detectors.Finding, len(lines))
	fol := scanners.NewPEMFollower(eng, scanners.PEMOptions{})
	for i, ln := range lines {
		red, fs := eng.Redact(nil, []byte(ln))
		red, fs = fol.Follow(nil, red, fs)
		out[i], found[i] = string(red), fs
	}
	r := corpusResult{leakedBy: map[string]int{}}
	for _, l := range labels {
		var others []string
		for _, o := range byLine[l.Line] {
			if o.Secret != l.Secret {
				others = append(others, o.Secret)
			}
		}
		lk := leaked(l.Secret, lines[l.Line-1], out[l.Line-1], others, l.PublicPrefix, l.Kind)
		r.total++
		if mine(l.Kind) {
			r.mineTotal++
		}
		if lk {
			r.leaks++
			r.leakedBy[l.Kind]++
			if mine(l.Kind) {
				r.mineLeaks++
				if testing.Verbose() {
					t.Logf("leak %s/%s line %d: %.160s", l.Kind, l.Context, l.Line, out[l.Line-1])
				}
			}
		}
	}
	for i, ln := range lines {
		if _, ok := byLine[i+1]; !ok && out[i] != ln {
			ids := map[string]bool{}
			for _, f := range found[i] {
				ids[f.RuleID] = true
			}
			var names []string
			for id := range ids {
				names = append(names, id)
			}
			sort.Strings(names)
			r.fpLines = append(r.fpLines, strings.Join(names, ",")+" line "+itoa(i+1)+": "+trunc(out[i], 200))
		}
		if t := strings.TrimSpace(ln); len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Valid([]byte(ln)) && !json.Valid([]byte(out[i])) {
			r.badJSON = append(r.badJSON, "line "+itoa(i+1)+": "+trunc(out[i], 200))
		}
	}
	for _, n := range negs {
		if !strings.Contains(out[n.Line-1], n.Text) {
			r.lostNegatives = append(r.lostNegatives, n.Kind+" line "+itoa(n.Line)+": "+trunc(out[n.Line-1], 200))
		}
	}
	return r
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func trunc(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}

func checkClean(t *testing.T, r corpusResult) {
	t.Helper()
	for _, l := range r.fpLines {
		t.Errorf("line without a secret changed: %s", l)
	}
	for _, l := range r.badJSON {
		t.Errorf("JSON line no longer valid JSON: %s", l)
	}
	for _, l := range r.lostNegatives {
		t.Errorf("negative did not survive: %s", l)
	}
}

// TestCorpusScanners runs the context detectors alone (no provider rules)
// over the labelled corpus: they must find at least 99% of the secrets that
// have no provider format, change no line without a secret, keep JSON valid
// and keep every negative.
func TestCorpusScanners(t *testing.T) {
	eng := newEngine(t, nil)
	r := runCorpus(t, eng)
	t.Logf("scanners only: context-kind recall %.1f%% (%d/%d), all-label recall %.1f%% (%d/%d), false-positive lines %d",
		pct(r.mineTotal-r.mineLeaks, r.mineTotal), r.mineTotal-r.mineLeaks, r.mineTotal,
		pct(r.total-r.leaks, r.total), r.total-r.leaks, r.total, len(r.fpLines))
	if testing.Verbose() {
		var kinds []string
		for k, n := range r.leakedBy {
			kinds = append(kinds, k+"="+itoa(n))
		}
		sort.Strings(kinds)
		t.Logf("left to provider rules (leaked by kind): %s", strings.Join(kinds, " "))
	}
	if got := pct(r.mineTotal-r.mineLeaks, r.mineTotal); got < 99 {
		t.Errorf("context-kind recall = %.1f%%; want >= 99%%", got)
	}
	checkClean(t, r)
}

// TestCorpus runs the whole detection (built-in provider rules, context
// detectors, default allowlist, PEM follower) over the labelled corpus: the
// quality bar of issue 4.
func TestCorpus(t *testing.T) {
	eng := newEngine(t, builtin.Rules())
	r := runCorpus(t, eng)
	t.Logf("all detectors (%d built-in rules): recall %.1f%% (%d/%d), false-positive lines %d",
		len(builtin.Rules()), pct(r.total-r.leaks, r.total), r.total-r.leaks, r.total, len(r.fpLines))
	if got := pct(r.total-r.leaks, r.total); got < 99 {
		var kinds []string
		for k, n := range r.leakedBy {
			kinds = append(kinds, k+"="+itoa(n))
		}
		sort.Strings(kinds)
		t.Errorf("recall = %.1f%%; want >= 99%% (leaked by kind: %s)", got, strings.Join(kinds, " "))
	}
	checkClean(t, r)
}
