package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

// testRules is a small rule set for these tests: the real catalogue lives in
// detectors/builtin.
var testRules = []detectors.Rule{
	{
		ID: "test-ghp", Description: "Test personal access token", Severity: detectors.SeverityHigh,
		Keywords: []string{"ghp_"}, Regex: `ghp_[A-Za-z0-9]{36}`, MaxLen: 40,
	},
	{
		ID: "test-query-key", Description: "Test API key in a query string", Severity: detectors.SeverityHigh,
		Keywords: []string{"api_key="}, Regex: `[?&]api_key=([A-Za-z0-9]{24,64})`, SecretGroup: 1,
		Context: detectors.ContextQuery,
	},
	{
		ID: "test-url-password", Description: "Test password in a URL", Severity: detectors.SeverityCritical,
		Keywords: []string{"://"}, Regex: `[a-z]+://[a-z]+:([^@\s/]{8,64})@`, SecretGroup: 1,
		Context: detectors.ContextURLUserinfo,
	},
	{
		ID: "test-pem", Description: "Test private key", Severity: detectors.SeverityCritical,
		Keywords: []string{"PRIVATE KEY"}, Regex: `-----BEGIN TEST PRIVATE KEY-----([A-Za-z0-9+/=]{32,})`, SecretGroup: 1,
		Context: detectors.ContextPEM,
	},
	{
		ID: "test-low", Description: "Test low-severity token", Severity: detectors.SeverityLow,
		Keywords: []string{"lowsev_"}, Regex: `lowsev_[a-z0-9]{20}`,
	},
}

var testHints = map[string]string{
	"test-ghp":          "Revoke the token in the test provider's settings.",
	"test-query-key":    "Regenerate the key in the test console.",
	"test-url-password": "Change the database password.",
	"test-pem":          "Revoke the key pair.",
}

func testLookup(id string) (string, string) {
	for _, r := range testRules {
		if r.ID == id {
			return r.Description, testHints[id]
		}
	}
	return "", ""
}

var testKey = []byte("alerts-test-fingerprint-key-0123456789abcdef")

func testEngine(t testing.TB) *detectors.Engine {
	t.Helper()
	e, err := detectors.New(testRules, detectors.Options{Key: testKey})
	if err != nil {
		t.Fatalf("detectors.New: %v", err)
	}
	return e
}

// secretGen makes fake secrets from a fixed seed.
type secretGen struct{ r *rand.Rand }

func newSecretGen(seed uint64) *secretGen {
	return &secretGen{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (g *secretGen) alnum(n int) string {
	const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = abc[g.r.IntN(len(abc))]
	}
	return string(b)
}

func (g *secretGen) ghp() string { return "ghp_" + g.alnum(36) }

// record builds a Record as the pipeline would: the line redacted by e,
// with its findings.
func record(t testing.TB, e *detectors.Engine, line string, meta pipeline.Meta) pipeline.Record {
	t.Helper()
	red, fs := e.Redact(nil, []byte(line))
	if len(fs) == 0 {
		t.Fatalf("test line has no finding: rule set and line disagree (line length %d)", len(line))
	}
	return pipeline.Record{Line: append([]byte(nil), red...), Meta: meta, Findings: fs}
}

func fileMeta(lineNo int64) pipeline.Meta {
	return pipeline.Meta{Source: "file", Name: "app", Path: "/var/log/app.log", LineNo: lineNo, Offset: lineNo * 100, Time: time.Unix(1700000000, 0)}
}

// hook is an httptest handler that records requests and answers with the
// statuses queued in replies (then 200).
type hook struct {
	mu      sync.Mutex
	bodies  [][]byte
	headers []http.Header
	replies []reply
	got     chan struct{}
}

type reply struct {
	status     int
	retryAfter string
}

func newHook(replies ...reply) *hook {
	return &hook{replies: replies, got: make(chan struct{}, 10000)}
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	rep := reply{status: 200}
	if len(h.replies) > 0 {
		rep, h.replies = h.replies[0], h.replies[1:]
	}
	h.bodies = append(h.bodies, body)
	h.headers = append(h.headers, r.Header.Clone())
	h.mu.Unlock()
	if rep.retryAfter != "" {
		w.Header().Set("Retry-After", rep.retryAfter)
	}
	w.WriteHeader(rep.status)
	h.got <- struct{}{}
}

func (h *hook) requests() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.bodies)
}

func (h *hook) body(i int) []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.bodies[i]
}

// wait blocks until n requests arrived in total.
func (h *hook) wait(t testing.TB, n int) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for h.requests() < n {
		select {
		case <-h.got:
		case <-deadline:
			t.Fatalf("webhook got %d requests; want %d", h.requests(), n)
		}
	}
}

func newServer(t testing.TB, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// runRouter starts r.Run and returns a function that stops it and returns
// Run's error.
func runRouter(t testing.TB, r *Router) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("Run did not return after cancel")
			}
		})
		return err
	}
	t.Cleanup(func() { stop() })
	return stop
}

func newRouter(t testing.TB, cfg Config, opts Options) *Router {
	t.Helper()
	if opts.Lookup == nil {
		opts.Lookup = testLookup
	}
	if opts.Info == (Info{}) {
		opts.Info = Info{Host: "test-host", Version: "1.2.3"}
	}
	r, err := New(cfg, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return r
}

func decodeAlert(t testing.TB, b []byte) Alert {
	t.Helper()
	var a Alert
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatalf("alert body is not an Alert: %v: %s", err, b)
	}
	return a
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// jsonLines decodes the JSON lines in s.
func jsonLines(t testing.TB, s string) []Alert {
	t.Helper()
	var out []Alert
	for _, l := range bytes.Split([]byte(s), []byte("\n")) {
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		out = append(out, decodeAlert(t, l))
	}
	return out
}

func testLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

var _ = fmt.Sprint
