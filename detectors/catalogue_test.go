package detectors_test

// Tests and benchmarks of the engine with the full built-in catalogue and
// with a synthetic 250-keyword rule set, on the shared corpus and on
// generated lines of common shapes.
//
// Benchmark numbers (MB/s of log text, allocs per line) are recorded in
// testdata/bench.txt; regenerate with
//
//	go test ./detectors -run '^$' -bench 'Redact|PrefilterCatalogue' -benchtime 2s

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/builtin"
)

const (
	corpusPath = "../../shared/corpus/corpus.log"
	labelsPath = "../../shared/corpus/labels.jsonl"
)

// corpus returns the corpus lines split by whether labels.jsonl marks a
// secret on them. The corpus lives outside the module: a missing corpus is a
// failure, not a skip.
func corpus(tb testing.TB) (clean, dirty [][]byte) {
	tb.Helper()
	lb, err := os.ReadFile(labelsPath)
	if err != nil {
		tb.Fatalf("read labels: %v", err)
	}
	secretLines := map[int]bool{}
	for _, l := range bytes.Split(lb, []byte("\n")) {
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		var rec struct{ Line int }
		if err := json.Unmarshal(l, &rec); err != nil {
			tb.Fatalf("labels: %v", err)
		}
		secretLines[rec.Line] = true
	}
	f, err := os.Open(corpusPath)
	if err != nil {
		tb.Fatalf("open corpus: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := bytes.Clone(sc.Bytes())
		if secretLines[n] {
			dirty = append(dirty, l)
		} else {
			clean = append(clean, l)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read corpus: %v", err)
	}
	return clean, dirty
}

func catalogueEngine(tb testing.TB) *detectors.Engine {
	tb.Helper()
	return newEngine(tb, builtin.Rules(), detectors.Options{})
}

// syntheticRules makes one rule per keyword of testdata/keywords250.txt, in
// the style of a provider rule: the keyword, then 24-40 token bytes.
func syntheticRules(tb testing.TB) []detectors.Rule {
	tb.Helper()
	b, err := os.ReadFile("testdata/keywords250.txt")
	if err != nil {
		tb.Fatalf("read keywords: %v", err)
	}
	var rs []detectors.Rule
	for _, k := range strings.Split(string(b), "\n") {
		k = strings.TrimSpace(k)
		if k == "" || strings.HasPrefix(k, "#") {
			continue
		}
		rs = append(rs, detectors.Rule{
			ID:       fmt.Sprintf("syn-%d", len(rs)),
			Keywords: []string{k},
			Regex:    `(?i:` + regexp.QuoteMeta(k) + `)([A-Za-z0-9_\-]{24,40})\b`, SecretGroup: 1, MaxLen: len(k) + 40,
		})
	}
	return rs
}

// plantedKinds are the kinds of corpus secrets planted in generated dirty
// lines: provider formats that the catalogue, not the context scanners, must
// find. The secrets come from labels.jsonl (fake, generated).
var plantedKinds = []string{"aws-access-key-id", "slack-bot-token", "gitlab-pat", "stripe-secret-key", "github-pat-classic"}

var planted []string

// loadPlanted fills planted from the corpus labels.
func loadPlanted(tb testing.TB) {
	tb.Helper()
	if planted != nil {
		return
	}
	lb, err := os.ReadFile(labelsPath)
	if err != nil {
		tb.Fatalf("read labels: %v", err)
	}
	byKind := map[string]string{}
	for _, l := range bytes.Split(lb, []byte("\n")) {
		var rec struct{ Kind, Secret string }
		if json.Unmarshal(l, &rec) == nil && byKind[rec.Kind] == "" {
			byKind[rec.Kind] = rec.Secret
		}
	}
	for _, k := range plantedKinds {
		if byKind[k] == "" {
			tb.Fatalf("labels.jsonl has no secret of kind %s", k)
		}
		planted = append(planted, byKind[k])
	}
}

// shapes generate log lines of common formats; dirty lines carry a planted
// secret in the place such logs leak them.
var shapes = []struct {
	name string
	gen  func(r *rand.Rand, secret string) string
}{
	{"nginx", func(r *rand.Rand, s string) string {
		q := fmt.Sprintf("page=%d&sort=created", r.IntN(50))
		if s != "" {
			q = "access_token=" + s + "&page=1"
		}
		return fmt.Sprintf(`10.%d.%d.%d - - [14/May/2024:07:58:%02d +0000] "GET /api/v1/orders?%s HTTP/1.1" %d %d "https://shop.example.com/cart" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"`,
			r.IntN(255), r.IntN(255), r.IntN(255), r.IntN(60), q, []int{200, 201, 304, 404, 500}[r.IntN(5)], r.IntN(90000))
	}},
	{"gunicorn", func(r *rand.Rand, s string) string {
		msg := fmt.Sprintf(`"POST /v1/charges HTTP/1.1" 200 %d "-" "python-requests/2.31.0"`, r.IntN(5000))
		if s != "" {
			msg = fmt.Sprintf(`"POST /v1/charges HTTP/1.1" 401 12 "-" "curl/8.5.0" auth="Bearer %s"`, s)
		}
		return fmt.Sprintf(`[2024-05-14 07:58:%02d +0000] [%d] [INFO] 10.0.%d.%d:443 - %s`, r.IntN(60), 1000+r.IntN(9000), r.IntN(255), r.IntN(255), msg)
	}},
	{"json", func(r *rand.Rand, s string) string {
		extra := fmt.Sprintf(`"user_id":%d,"cache":"hit"`, r.IntN(100000))
		if s != "" {
			extra = fmt.Sprintf(`"user_id":%d,"headers":{"X-Api-Key":"%s"}`, r.IntN(100000), s)
		}
		return fmt.Sprintf(`{"time":"2024-05-14T07:58:%02d.%03dZ","level":"info","logger":"api.orders","msg":"request completed","method":"GET","path":"/api/v1/orders/%d","status":200,"duration_ms":%d.%d,"request_id":"%08x-%04x-4%03x-a%03x-%012x",%s}`,
			r.IntN(60), r.IntN(1000), r.IntN(1e6), r.IntN(900), r.IntN(10), r.Uint32(), r.IntN(65536), r.IntN(4096), r.IntN(4096), r.Int64N(1<<48), extra)
	}},
	{"pylog", func(r *rand.Rand, s string) string {
		msg := fmt.Sprintf("charged customer cus_%d amount=%d currency=eur attempt=%d", r.IntN(1e6), r.IntN(10000), r.IntN(3))
		if s != "" {
			msg = "retrying with credentials token=" + s + " after 401"
		}
		return fmt.Sprintf("2024-05-14 07:58:%02d,%03d INFO [billing.worker:%d] %s", r.IntN(60), r.IntN(1000), r.IntN(400), msg)
	}},
	{"cri", func(r *rand.Rand, s string) string {
		msg := fmt.Sprintf(`{"level":"debug","ts":1715673483.%d,"caller":"controller/reconcile.go:%d","msg":"reconciled","namespace":"payments","name":"api-%x"}`, r.IntN(1e6), r.IntN(900), r.Uint32())
		if s != "" {
			msg = `{"level":"error","msg":"sync failed","env":"SLACK_TOKEN=` + s + `"}`
		}
		return fmt.Sprintf("2024-05-14T07:58:%02d.%09dZ stdout F %s", r.IntN(60), r.IntN(1e9), msg)
	}},
}

// shapeLines generates n lines of shape i; dirty ones carry planted secrets.
func shapeLines(tb testing.TB, i, n int, dirty bool) [][]byte {
	loadPlanted(tb)
	r := rand.New(rand.NewPCG(uint64(i), 42))
	var out [][]byte
	for k := range n {
		s := ""
		if dirty {
			s = planted[k%len(planted)]
		}
		out = append(out, []byte(shapes[i].gen(r, s)))
	}
	return out
}

func TestCatalogueCleanLinesNoAlloc(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race; run go test without -race for this check")
	}
	e := catalogueEngine(t)
	clean, _ := corpus(t)
	for i := range shapes {
		clean = append(clean, shapeLines(t, i, 50, false)...)
	}
	// Lines where the catalogue finds nothing must cost no allocation, also
	// when a keyword hits and a regex runs.
	var quiet [][]byte
	for _, l := range clean {
		if out, fs := e.Redact(nil, l); fs == nil {
			if len(l) > 0 && &out[0] != &l[0] {
				t.Fatalf("Redact(clean line) returned a copy")
			}
			quiet = append(quiet, l)
		}
	}
	if len(quiet) < len(clean)*9/10 {
		t.Errorf("catalogue finds secrets on %d of %d unlabelled lines; want < 10%%", len(clean)-len(quiet), len(clean))
	}
	if n := testing.AllocsPerRun(3, func() {
		for _, l := range quiet {
			e.Redact(nil, l)
		}
	}); n != 0 {
		t.Errorf("Redact over %d lines without findings: %v allocs; want 0", len(quiet), n)
	}
}

func TestCatalogueCorpusInvariants(t *testing.T) {
	e := catalogueEngine(t)
	clean, dirty := corpus(t)
	lines := append(clean, dirty...)
	for i := range shapes {
		lines = append(lines, shapeLines(t, i, 20, true)...)
	}
	jsonLines, validAfter := 0, 0
	for _, l := range lines {
		orig := bytes.Clone(l)
		out, fs := e.Redact(nil, l)
		if !bytes.Equal(l, orig) {
			t.Fatalf("Redact modified its input")
		}
		checkInvariants(t, e, l, out, fs)
		if out2, fs2 := e.Redact(nil, out); !bytes.Equal(out2, out) || fs2 != nil {
			t.Errorf("Redact(Redact(%q)) = %q, %+v; want unchanged", l, out2, fs2)
		}
		if json.Valid(l) {
			jsonLines++
			if json.Valid(out) {
				validAfter++
			} else {
				t.Errorf("Redact(%s) = %s; no longer valid JSON", l, out)
			}
		}
	}
	t.Logf("%d lines, %d JSON lines stayed valid", len(lines), validAfter)
}

func TestSyntheticPlantedSecretsFound(t *testing.T) {
	e := catalogueEngine(t)
	for i, sh := range shapes {
		loadPlanted(t)
		for _, l := range shapeLines(t, i, len(planted), true) {
			out, fs := e.Redact(nil, l)
			if len(fs) == 0 {
				t.Errorf("%s: Redact(%q) found nothing", sh.name, l)
			}
			for _, s := range planted {
				if bytes.Contains(out, []byte(s)) {
					t.Errorf("%s: Redact(%q) = %q; secret survives", sh.name, l, out)
				}
			}
		}
	}
}

func benchLines(b *testing.B, e *detectors.Engine, lines [][]byte) {
	b.Helper()
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var dst []byte
	findings := 0
	for b.Loop() {
		for _, l := range lines {
			out, fs := e.Redact(dst[:0], l)
			if fs != nil {
				dst = out // reuse the buffer, as a pipeline worker would
			}
			findings += len(fs)
		}
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/line")
	b.ReportMetric(float64(findings)/float64(b.N*len(lines)), "findings/line")
}

// BenchmarkRedact: the allocs/op of each sub-benchmark divided by its line
// count (reported as the lines metric in the name) gives allocs per line.
func BenchmarkRedact(b *testing.B) {
	clean, dirty := corpus(b)
	engines := []struct {
		name string
		e    func() *detectors.Engine
	}{
		{"catalogue", func() *detectors.Engine { return catalogueEngine(b) }},
		{"syn250", func() *detectors.Engine { return newEngine(b, syntheticRules(b), detectors.Options{}) }},
	}
	for _, en := range engines {
		e := en.e()
		b.Run(fmt.Sprintf("%s/corpus-clean-%dlines", en.name, len(clean)), func(b *testing.B) { benchLines(b, e, clean) })
		b.Run(fmt.Sprintf("%s/corpus-dirty-%dlines", en.name, len(dirty)), func(b *testing.B) { benchLines(b, e, dirty) })
		for i, sh := range shapes {
			b.Run(en.name+"/"+sh.name+"-clean-1000lines", func(b *testing.B) { benchLines(b, e, shapeLines(b, i, 1000, false)) })
			b.Run(en.name+"/"+sh.name+"-dirty-1000lines", func(b *testing.B) { benchLines(b, e, shapeLines(b, i, 1000, true)) })
		}
	}
}

// BenchmarkPrefilterCatalogue runs the keyword prefilter alone over the corpus
// with the catalogue's keywords.
func BenchmarkPrefilterCatalogue(b *testing.B) {
	clean, dirty := corpus(b)
	lines := append(clean, dirty...)
	var kws []string
	for _, r := range builtin.Rules() {
		kws = append(kws, r.Keywords...)
	}
	scan, err := detectors.PrefilterFor(kws)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	hits := 0
	for b.Loop() {
		for _, l := range lines {
			hits += scan(l)
		}
	}
	b.ReportMetric(float64(len(kws)), "keywords")
	b.ReportMetric(float64(hits)/float64(b.N*len(lines)), "hits/line")
}

// TestCatalogueLeadWindows checks that narrow windows (starting just before a
// keyword hit, by each regex's lead width) find exactly what MaxLen-wide
// windows find, on the corpus and on lines with noise around secrets.
func TestCatalogueLeadWindows(t *testing.T) {
	narrow := catalogueEngine(t)
	wide := catalogueEngine(t)
	detectors.DisableLead(wide)
	known, total := detectors.LeadWidths(narrow)
	t.Logf("%d of %d catalogue rules have a known lead width", known, total)
	clean, dirty := corpus(t)
	lines := append(clean, dirty...)
	r := rand.New(rand.NewPCG(3, 4))
	for _, l := range dirty {
		// Glue random word bytes and ANSI colour codes to the line's parts.
		var b []byte
		for _, f := range bytes.Fields(l) {
			switch r.IntN(4) {
			case 0:
				b = append(b, "\x1b[31m"...)
			case 1:
				b = append(b, 'x')
			}
			b = append(b, f...)
			b = append(b, ' ')
		}
		lines = append(lines, b)
	}
	for _, l := range lines {
		o1, f1 := narrow.Redact(nil, l)
		o2, f2 := wide.Redact(nil, l)
		if !bytes.Equal(o1, o2) || len(f1) != len(f2) {
			t.Errorf("Redact(%q):\nnarrow windows %q\nwide windows   %q", l, o1, o2)
		}
	}
}
