package builtin

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/redactd/redactd/detectors"
)

// corpusDirB is the shared sample of labelled fake secrets
// (/work/shared/corpus seen from this package).
var corpusDirB = filepath.Join("..", "..", "..", "shared", "corpus")

// corpusKindsB are the labelled kinds that catalogue B must catch on its own.
var corpusKindsB = map[string]bool{
	"stripe-secret-key": true, "stripe-restricted-key": true, "stripe-webhook-secret": true,
	"openai-api-key": true, "anthropic-api-key": true, "slack-bot-token": true,
	"slack-user-token": true, "slack-webhook-url": true, "sendgrid-api-key": true,
	"shopify-access-token": true, "square-access-token": true, "square-oauth-secret": true,
	"mailgun-api-key": true, "twilio-api-key": true, "twilio-account-sid": true,
	"twilio-auth-token": true, "huggingface-token": true, "telegram-bot-token": true, "jwt": true,
}

type corpusLabelB struct {
	Line         int    `json:"line"`
	Secret       string `json:"secret"`
	Kind         string `json:"kind"`
	PublicPrefix int    `json:"public_prefix"`
}

type corpusNegativeB struct {
	Line int    `json:"line"`
	Text string `json:"text_that_must_survive"`
	Kind string `json:"kind"`
}

// readCorpusB returns the lines of corpus.log and the records of
// labels.jsonl and negatives.jsonl. A missing corpus fails the test.
func readCorpusB(t testing.TB) (lines [][]byte, labels []corpusLabelB, negs []corpusNegativeB) {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(corpusDirB, name))
		if err != nil {
			t.Fatalf("shared corpus missing (want it at %s): %v", corpusDirB, err)
		}
		return b
	}
	lines = bytes.Split(read("corpus.log"), []byte("\n"))
	for i, rec := range bytes.Split(read("labels.jsonl"), []byte("\n")) {
		if len(bytes.TrimSpace(rec)) == 0 {
			continue
		}
		var l corpusLabelB
		if err := json.Unmarshal(rec, &l); err != nil {
			t.Fatalf("labels.jsonl:%d: %v", i+1, err)
		}
		labels = append(labels, l)
	}
	for i, rec := range bytes.Split(read("negatives.jsonl"), []byte("\n")) {
		if len(bytes.TrimSpace(rec)) == 0 {
			continue
		}
		var n corpusNegativeB
		if err := json.Unmarshal(rec, &n); err != nil {
			t.Fatalf("negatives.jsonl:%d: %v", i+1, err)
		}
		negs = append(negs, n)
	}
	if len(lines) < 1000 || len(labels) < 100 || len(negs) < 100 {
		t.Fatalf("shared corpus at %s looks truncated: %d lines, %d labels, %d negatives", corpusDirB, len(lines), len(labels), len(negs))
	}
	return lines, labels, negs
}

// leaksB reports whether 12 or more consecutive bytes of secret (after its
// public prefix) survive in out, the corpus scorer's definition of a leak.
func leaksB(out []byte, secret string, publicPrefix int) bool {
	s := secret[min(publicPrefix, len(secret)):]
	const run = 12
	if len(s) < run {
		return bytes.Contains(out, []byte(s))
	}
	for i := 0; i+run <= len(s); i++ {
		if bytes.Contains(out, []byte(s[i:i+run])) {
			return true
		}
	}
	return false
}

// TestCorpusCatalogueB checks catalogue B alone against the shared corpus:
// every labelled secret of its kinds is redacted, every negative survives,
// and every finding lies on a labelled secret (of any kind).
func TestCorpusCatalogueB(t *testing.T) {
	lines, labels, negs := readCorpusB(t)
	eng, err := detectors.New(catalogueB(), detectors.Options{Key: testKey})
	if err != nil {
		t.Fatalf("New(catalogueB()) = %v", err)
	}
	byLine := map[int][]corpusLabelB{}
	for _, l := range labels {
		byLine[l.Line] = append(byLine[l.Line], l)
	}
	outs := make([][]byte, len(lines))
	caught := 0
	for i, line := range lines {
		n := i + 1
		out, fs := eng.Redact(nil, line)
		outs[i] = out
		for _, f := range fs {
			onLabel := false
			for _, l := range byLine[n] {
				at := bytes.Index(line, []byte(l.Secret))
				onLabel = onLabel || (at >= 0 && f.Start < at+len(l.Secret) && at < f.End)
			}
			if !onLabel {
				t.Errorf("corpus line %d: %s finding [%d,%d) is not on a labelled secret", n, f.RuleID, f.Start, f.End)
			}
		}
		for _, l := range byLine[n] {
			if !corpusKindsB[l.Kind] {
				continue
			}
			if leaksB(out, l.Secret, l.PublicPrefix) {
				t.Errorf("corpus line %d: %s secret (%d bytes) survives; findings %+v", n, l.Kind, len(l.Secret), fs)
			} else {
				caught++
			}
		}
	}
	for _, ng := range negs {
		if ng.Line < 1 || ng.Line > len(outs) {
			t.Fatalf("negative on line %d outside the corpus", ng.Line)
		}
		if !bytes.Contains(outs[ng.Line-1], []byte(ng.Text)) {
			t.Errorf("corpus line %d: negative %s (%d bytes) was changed", ng.Line, ng.Kind, len(ng.Text))
		}
	}
	if caught == 0 {
		t.Fatalf("no labelled secret of catalogue B's kinds was checked")
	}
	t.Logf("catalogue B caught %d labelled secrets", caught)
}

// BenchmarkCatalogueBCleanCorpus redacts the corpus lines that hold no
// labelled secret with catalogue B alone: the keyword-hit cost of this half
// of the catalogue on realistic clean logs.
func BenchmarkCatalogueBCleanCorpus(b *testing.B) {
	lines, labels, _ := readCorpusB(b)
	dirty := map[int]bool{}
	for _, l := range labels {
		dirty[l.Line] = true
	}
	var clean [][]byte
	size := 0
	for i, l := range lines {
		if !dirty[i+1] {
			clean = append(clean, l)
			size += len(l) + 1
		}
	}
	eng, err := detectors.New(catalogueB(), detectors.Options{Key: testKey})
	if err != nil {
		b.Fatalf("New(catalogueB()) = %v", err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range clean {
			eng.Redact(nil, l)
		}
	}
}
