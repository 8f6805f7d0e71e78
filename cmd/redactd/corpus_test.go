package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The labelled sample logs in ../shared/corpus, through the real binary and
// scored by the corpus's own scorer: every secret gone, no clean line
// changed, every negative kept, every JSON line still valid.
func TestBinaryCorpusScore(t *testing.T) {
	dir := os.Getenv("REDACTD_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	corpus := filepath.Join(dir, "corpus.log")
	in, err := os.Open(corpus)
	if err != nil {
		t.Fatalf("labelled corpus missing (set REDACTD_CORPUS): %v", err)
	}
	defer in.Close()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("python3 is needed to run the corpus's scorer: %v", err)
	}
	outPath := filepath.Join(t.TempDir(), "out.log")
	out, _ := os.Create(outPath)
	cmd := exec.Command(binPath)
	cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	var stderr strings.Builder
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("redactd: %v %s", err, stderr.String())
	}
	out.Close()
	jsonOut := filepath.Join(t.TempDir(), "score.json")
	score := exec.Command(python, filepath.Join(dir, "score.py"), "--quiet", "--corpus", corpus,
		"--labels", filepath.Join(dir, "labels.jsonl"), "--negatives", filepath.Join(dir, "negatives.jsonl"),
		"--output", outPath, "--json-out", jsonOut)
	if b, err := score.CombinedOutput(); err != nil {
		t.Fatalf("score.py: %v %s", err, b)
	}
	var s struct {
		Recall              float64 `json:"recall"`
		FalsePositiveLines  int     `json:"false_positive_lines"`
		NegativePreserved   float64 `json:"negative_preservation"`
		JSONValidity        float64 `json:"json_validity"`
		LineCountEqual      bool    `json:"line_count_equal"`
		SecretsTotal        int     `json:"secrets_total"`
		SecretsLeftVerbatim int     `json:"secrets_left_verbatim"`
	}
	b, _ := os.ReadFile(jsonOut)
	if err := json.Unmarshal(b, &s); err != nil || s.SecretsTotal == 0 {
		t.Fatalf("score %s: %v", b, err)
	}
	t.Logf("recall %.4f of %d, false-positive lines %d, negatives kept %.4f, JSON valid %.4f", s.Recall, s.SecretsTotal, s.FalsePositiveLines, s.NegativePreserved, s.JSONValidity)
	if s.Recall < 0.99 || s.FalsePositiveLines != 0 || s.NegativePreserved != 1 || s.JSONValidity != 1 || !s.LineCountEqual {
		t.Fatalf("corpus score: %+v; want recall >= 0.99, no false positives, all negatives and JSON lines kept", s)
	}
}
