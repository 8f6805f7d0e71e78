package builtin

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors"
)

// corpusDirA is the shared sample of labelled fake secrets.
var corpusDirA = filepath.Join("..", "..", "..", "shared", "corpus")

// corpusKindsA are the labelled kinds that catalogue A must catch.
var corpusKindsA = map[string]bool{
	"aws-access-key-id": true, "aws-temp-access-key-id": true, "aws-secret-access-key": true,
	"aws-session-token": true, "github-pat-classic": true, "github-fine-grained-pat": true,
	"github-oauth-token": true, "github-app-token": true, "gitlab-pat": true,
	"google-api-key": true, "google-oauth-client-secret": true, "google-oauth-access-token": true,
	"azure-ad-client-secret": true, "azure-storage-account-key": true, "npm-token": true,
	"pypi-token": true, "dockerhub-pat": true, "digitalocean-pat": true, "heroku-api-key": true,
	"heroku-api-key-v2": true, "vault-token": true, "datadog-api-key": true, "datadog-app-key": true,
	"newrelic-user-api-key": true, "sentry-user-token": true, "age-secret-key": true,
}

type corpusLabelA struct {
	Line         int    `json:"line"`
	Secret       string `json:"secret"`
	Kind         string `json:"kind"`
	PublicPrefix int    `json:"public_prefix"`
}

type corpusNegativeA struct {
	Line int    `json:"line"`
	Text string `json:"text_that_must_survive"`
	Kind string `json:"kind"`
}

// readCorpusA loads corpus.log and decodes each record of a JSONL file into a
// new T; it fails the test when the corpus is missing.
func readCorpusA[T any](t *testing.T, name string) []T {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDirA, name))
	if err != nil {
		t.Fatalf("shared corpus missing (want it at %s): %v", corpusDirA, err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

func corpusLinesA(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDirA, "corpus.log"))
	if err != nil {
		t.Fatalf("shared corpus missing (want it at %s): %v", corpusDirA, err)
	}
	return strings.Split(string(b), "\n")
}

// leakedA applies the corpus scorer's rule: a secret leaked when 12 or more
// consecutive characters of it after its public prefix survive.
func leakedA(out []byte, secret string, publicPrefix int) bool {
	rest := secret[min(publicPrefix, len(secret)):]
	if len(rest) < 12 {
		return bytes.Contains(out, []byte(rest))
	}
	for i := 0; i+12 <= len(rest); i++ {
		if bytes.Contains(out, []byte(rest[i:i+12])) {
			return true
		}
	}
	return false
}

func TestCorpusCatalogueA(t *testing.T) {
	lines := corpusLinesA(t)
	labels := readCorpusA[corpusLabelA](t, "labels.jsonl")
	negatives := readCorpusA[corpusNegativeA](t, "negatives.jsonl")
	e, err := detectors.New(catalogueA(), detectors.Options{Key: testKey})
	if err != nil {
		t.Fatalf("New(catalogueA()) = %v", err)
	}
	labelled := map[int]bool{}
	caught := 0
	for _, l := range labels {
		labelled[l.Line] = true
		if !corpusKindsA[l.Kind] {
			continue
		}
		out, fs := e.Redact(nil, []byte(lines[l.Line-1]))
		if leakedA(out, l.Secret, l.PublicPrefix) {
			t.Errorf("corpus line %d: %s secret (%d bytes) survives; findings %+v", l.Line, l.Kind, len(l.Secret), fs)
			continue
		}
		caught++
	}
	if caught == 0 {
		t.Errorf("caught no labelled secret of catalogue A's kinds; corpus labels changed?")
	}
	for _, n := range negatives {
		out, fs := e.Redact(nil, []byte(lines[n.Line-1]))
		if !bytes.Contains(out, []byte(n.Text)) {
			t.Errorf("corpus line %d: %s %q did not survive; findings %+v", n.Line, n.Kind, n.Text, fs)
		}
	}
	for i, line := range lines {
		if labelled[i+1] {
			continue
		}
		if _, fs := e.Redact(nil, []byte(line)); len(fs) != 0 {
			t.Errorf("corpus line %d has no secret but catalogue A found %+v", i+1, fs)
		}
	}
}

// BenchmarkCatalogueACorpus redacts the shared corpus with catalogue A's
// rules only.
func BenchmarkCatalogueACorpus(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(corpusDirA, "corpus.log"))
	if err != nil {
		b.Fatalf("shared corpus missing (want it at %s): %v", corpusDirA, err)
	}
	lines := bytes.Split(raw, []byte("\n"))
	e, err := detectors.New(catalogueA(), detectors.Options{Key: testKey})
	if err != nil {
		b.Fatalf("New(catalogueA()) = %v", err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	var dst []byte
	for b.Loop() {
		for _, l := range lines {
			dst, _ = e.Redact(dst[:0], l)
		}
	}
}
