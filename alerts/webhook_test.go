package alerts

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redactd/redactd/pipeline"
)

// fastRetry is a webhook config that retries quickly.
func fastRetry(url string) WebhookConfig {
	return WebhookConfig{URL: url, MinBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond, Timeout: 2 * time.Second}
}

func TestSlackFormat(t *testing.T) {
	h := newHook()
	srv := newServer(t, h)
	wc := fastRetry(srv.URL)
	wc.Format = FormatSlack
	r := newRouter(t, Config{Webhook: []WebhookConfig{wc}}, Options{})
	e := testEngine(t)
	secret := newSecretGen(10).alnum(20)
	rec := record(t, e, "connect postgres://app:"+secret+"@db.internal:5432/orders <ok>", fileMeta(9))
	stop := runRouter(t, r)
	r.Observe([]pipeline.Record{rec})
	h.wait(t, 1)
	stop()
	var msg map[string]string
	if err := json.Unmarshal(h.body(0), &msg); err != nil || len(msg) != 1 {
		t.Fatalf("slack body = %s (%v); want an object with only text", h.body(0), err)
	}
	text := msg["text"]
	fp := e.Fingerprint([]byte(secret))
	for _, want := range []string{
		"*critical*", "test-url-password", "Test password in a URL", "`[REDACTED:test-url-password:" + fp + "]`",
		"/var/log/app.log:9", "test-host", "url-userinfo", "1 time(s)", "Change the database password", "&lt;ok&gt;",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("slack text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "<ok>") {
		t.Errorf("slack text has unescaped <ok>:\n%s", text)
	}
}

func TestWebhookRetriesOn500(t *testing.T) {
	h := newHook(reply{status: 500}, reply{status: 502}, reply{status: 503})
	srv := newServer(t, h)
	r := newRouter(t, Config{Webhook: []WebhookConfig{fastRetry(srv.URL)}}, Options{})
	e := testEngine(t)
	stop := runRouter(t, r)
	r.Observe([]pipeline.Record{record(t, e, newSecretGen(11).ghp(), fileMeta(1))})
	h.wait(t, 4)
	stop()
	if n := h.requests(); n != 4 {
		t.Errorf("requests = %d; want 4 (3 failures, then success)", n)
	}
	for i := 1; i < 4; i++ {
		if string(h.body(i)) != string(h.body(0)) {
			t.Errorf("retry %d sent a different body", i)
		}
	}
	s := r.Stats().Sinks[0]
	if s.Sent != 1 || s.Retried != 3 || s.Failed != 0 {
		t.Errorf("sink stats = %+v; want Sent 1, Retried 3, Failed 0", s)
	}
}

func TestWebhookGivesUp(t *testing.T) {
	h := newHook(reply{status: 500}, reply{status: 500}, reply{status: 500})
	srv := newServer(t, h)
	wc := fastRetry(srv.URL)
	wc.MaxRetries = 2
	r := newRouter(t, Config{Webhook: []WebhookConfig{wc}}, Options{})
	e := testEngine(t)
	g := newSecretGen(12)
	stop := runRouter(t, r)
	r.Observe([]pipeline.Record{record(t, e, g.ghp(), fileMeta(1))})
	h.wait(t, 3)
	r.Observe([]pipeline.Record{record(t, e, g.ghp(), fileMeta(2))})
	h.wait(t, 4)
	stop()
	if a := decodeAlert(t, h.body(3)); a.Lost != 1 {
		t.Errorf("alert after a failed one: lost_before = %d; want 1", a.Lost)
	}
	if s := r.Stats().Sinks[0]; s.Sent != 1 || s.Failed != 1 || s.Retried != 2 {
		t.Errorf("sink stats = %+v; want Sent 1, Failed 1, Retried 2", s)
	}
}

func TestNoRetryOn4xx(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 410} {
		h := newHook(reply{status: status})
		srv := newServer(t, h)
		r := newRouter(t, Config{Webhook: []WebhookConfig{fastRetry(srv.URL)}}, Options{})
		e := testEngine(t)
		g := newSecretGen(13)
		stop := runRouter(t, r)
		r.Observe([]pipeline.Record{record(t, e, g.ghp(), fileMeta(1))})
		h.wait(t, 1)
		time.Sleep(50 * time.Millisecond) // room for a wrong retry
		r.Observe([]pipeline.Record{record(t, e, g.ghp(), fileMeta(2))})
		h.wait(t, 2)
		stop()
		if n := h.requests(); n != 2 {
			t.Errorf("status %d: requests = %d; want 2 (no retry)", status, n)
		}
		if a := decodeAlert(t, h.body(1)); a.Lost != 1 {
			t.Errorf("status %d: next alert lost_before = %d; want 1", status, a.Lost)
		}
		if s := r.Stats().Sinks[0]; s.Retried != 0 || s.Failed != 1 || s.Sent != 1 {
			t.Errorf("status %d: sink stats = %+v; want Retried 0, Failed 1, Sent 1", status, s)
		}
	}
}

// TestRetryAfterSeconds waits for real: Retry-After: 1 against a backoff
// of a few milliseconds.
func TestRetryAfterSeconds(t *testing.T) {
	h := newHook(reply{status: 429, retryAfter: "1"})
	srv := newServer(t, h)
	r := newRouter(t, Config{Webhook: []WebhookConfig{fastRetry(srv.URL)}}, Options{})
	stop := runRouter(t, r)
	start := time.Now()
	r.Observe([]pipeline.Record{record(t, testEngine(t), newSecretGen(14).ghp(), fileMeta(1))})
	h.wait(t, 2)
	if d := time.Since(start); d < 950*time.Millisecond {
		t.Errorf("retry after %v; want >= 1s (Retry-After: 1)", d)
	}
	stop()
}

// TestRetryAfterHonoured records the waits instead of sleeping.
func TestRetryAfterHonoured(t *testing.T) {
	date := time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat)
	h := newHook(reply{status: 503, retryAfter: "2"}, reply{status: 429, retryAfter: date}, reply{status: 429, retryAfter: "9999"}, reply{status: 500})
	srv := newServer(t, h)
	r := newRouter(t, Config{Webhook: []WebhookConfig{fastRetry(srv.URL)}}, Options{})
	var mu sync.Mutex
	var waits []time.Duration
	r.sinks[0].s.(*webhook).wait = func(_ context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return nil
	}
	stop := runRouter(t, r)
	r.Observe([]pipeline.Record{record(t, testEngine(t), newSecretGen(15).ghp(), fileMeta(1))})
	h.wait(t, 5)
	stop()
	mu.Lock()
	defer mu.Unlock()
	if len(waits) != 4 {
		t.Fatalf("waits = %v; want 4", waits)
	}
	if waits[0] != 2*time.Second {
		t.Errorf("wait after Retry-After: 2 = %v; want 2s", waits[0])
	}
	if waits[1] < time.Second || waits[1] > 3*time.Second {
		t.Errorf("wait after Retry-After: <date in 3s> = %v; want about 2-3s", waits[1])
	}
	if waits[2] != MaxRetryAfter {
		t.Errorf("wait after Retry-After: 9999 = %v; want the cap %v", waits[2], MaxRetryAfter)
	}
	if waits[3] < 2500*time.Microsecond || waits[3] > 20*time.Millisecond {
		t.Errorf("backoff without Retry-After = %v; want within [min/2, max]", waits[3])
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"-5", 0},
		{"3", 3 * time.Second},
		{" 7 ", 7 * time.Second},
		{"100000", MaxRetryAfter},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	w := &webhook{minB: 100 * time.Millisecond, maxB: time.Second}
	for attempt, hi := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
		hi *= time.Millisecond
		for range 50 {
			d := w.backoff(attempt)
			if d < hi/2 || d > hi {
				t.Fatalf("backoff(%d) = %v; want in [%v, %v]", attempt, d, hi/2, hi)
			}
		}
	}
	if d := w.backoff(80); d < 500*time.Millisecond || d > time.Second {
		t.Errorf("backoff(80) = %v; want capped at 1s", d)
	}
}

// TestEndpointDownThenRecovers: while the endpoint is down the worker
// retries one alert, the queue fills, the overflow is counted, and the first
// alert delivered after recovery reports it.
func TestEndpointDownThenRecovers(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // down: connection refused

	wc := fastRetry("http://" + addr + "/hook")
	wc.MaxRetries = 1000
	r := newRouter(t, Config{QueueSize: 2, Webhook: []WebhookConfig{wc}}, Options{})
	e := testEngine(t)
	g := newSecretGen(16)
	var batch []pipeline.Record
	for i := range 5 {
		batch = append(batch, record(t, e, g.ghp(), fileMeta(int64(i+1))))
	}
	r.Observe(batch) // before Run: 2 queued, 3 dropped
	stop := runRouter(t, r)
	deadline := time.Now().Add(10 * time.Second)
	for r.Stats().Sinks[0].Retried < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("no retries against a down endpoint: %+v", r.Stats().Sinks[0])
		}
		time.Sleep(5 * time.Millisecond)
	}

	h := newHook()
	ln, err = net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen again on %s: %v", addr, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()
	h.wait(t, 2)
	stop()
	first := decodeAlert(t, h.body(0))
	if first.Lost != 3 || first.Where.LineNo != 1 {
		t.Errorf("first alert after recovery: line %d lost_before %d; want line 1, lost_before 3", first.Where.LineNo, first.Lost)
	}
	if second := decodeAlert(t, h.body(1)); second.Lost != 0 || second.Where.LineNo != 2 {
		t.Errorf("second alert: line %d lost_before %d; want line 2, 0", second.Where.LineNo, second.Lost)
	}
	if s := r.Stats().Sinks[0]; s.Sent != 2 || s.Dropped != 3 || s.Failed != 0 {
		t.Errorf("sink stats = %+v; want Sent 2, Dropped 3, Failed 0", s)
	}
}

// TestDeadWebhookNeverBlocks: a webhook that never answers does not slow
// Observe; the overflow is counted, and shutdown is bounded by drain_timeout.
func TestDeadWebhookNeverBlocks(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	wc := fastRetry(srv.URL)
	wc.Timeout = time.Minute
	r := newRouter(t, Config{QueueSize: 8, DrainTimeout: 200 * time.Millisecond, Webhook: []WebhookConfig{wc}}, Options{})
	e := testEngine(t)
	g := newSecretGen(17)
	const n = 2000
	recs := make([]pipeline.Record, n)
	for i := range recs {
		recs[i] = record(t, e, g.ghp(), fileMeta(int64(i)))
	}
	stop := runRouter(t, r)
	start := time.Now()
	for i := range recs {
		r.Observe(recs[i : i+1])
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Observe of %d alerts against a dead webhook took %v", n, d)
	}
	// Rate limit: 600 raised, the rest summarised (the summary goes out at shutdown).
	s := r.Stats()
	if s.Raised != DefaultMaxPerMinute {
		t.Errorf("Raised = %d; want %d", s.Raised, DefaultMaxPerMinute)
	}
	if got := s.Sinks[0].Dropped + uint64(s.Sinks[0].Queued); got < DefaultMaxPerMinute-1 {
		t.Errorf("dropped+queued = %d; want >= %d", got, DefaultMaxPerMinute-1)
	}
	begin := time.Now()
	stop()
	if d := time.Since(begin); d > 5*time.Second {
		t.Errorf("shutdown took %v with drain_timeout 200ms", d)
	}
	s = r.Stats()
	sk := s.Sinks[0]
	if sk.Sent != 0 || sk.Sent+sk.Dropped+sk.Failed != s.Raised+s.Summaries || sk.Queued != 0 {
		t.Errorf("after shutdown: %+v, raised %d, summaries %d; want every alert accounted for as dropped or failed", sk, s.Raised, s.Summaries)
	}
}

func TestWebhookTLS(t *testing.T) {
	h := newHook()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake below
	srv.StartTLS()
	defer srv.Close()
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	wc := fastRetry(srv.URL)
	wc.CAFile = caFile
	r := newRouter(t, Config{Webhook: []WebhookConfig{wc}}, Options{})
	stop := runRouter(t, r)
	r.Observe([]pipeline.Record{record(t, testEngine(t), newSecretGen(18).ghp(), fileMeta(1))})
	h.wait(t, 1)
	stop()
	if a := decodeAlert(t, h.body(0)); a.RuleID != "test-ghp" {
		t.Errorf("alert over TLS: rule %q; want test-ghp", a.RuleID)
	}

	// Without the CA the certificate is refused: no retry helps, the alert
	// fails and the log says why without the URL path.
	logs := &syncBuffer{}
	wc.CAFile = ""
	wc.URL = srv.URL + "/secret-path-part"
	wc.MaxRetries = 1
	r = newRouter(t, Config{Webhook: []WebhookConfig{wc}}, Options{Logger: testLogger(logs)})
	stop = runRouter(t, r)
	r.Observe([]pipeline.Record{record(t, testEngine(t), newSecretGen(19).ghp(), fileMeta(1))})
	deadline := time.Now().Add(10 * time.Second)
	for r.Stats().Sinks[0].Failed == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	if s := r.Stats().Sinks[0]; s.Failed != 1 || s.Sent != 0 {
		t.Errorf("untrusted certificate: stats %+v; want Failed 1", s)
	}
	if l := logs.String(); !strings.Contains(l, "certificate") || strings.Contains(l, "secret-path-part") {
		t.Errorf("logs = %q; want a certificate error without the URL path", l)
	}
}

func TestHTTPSRequired(t *testing.T) {
	tests := []struct {
		url      string
		insecure bool
		ok       bool
	}{
		{"https://hooks.example.com/redactd", false, true},
		{"http://hooks.example.com/redactd", false, false},
		{"http://hooks.example.com/redactd", true, true},
		{"http://127.0.0.1:8080/x", false, true},
		{"http://127.1.2.3/x", false, true},
		{"http://localhost:9/x", false, true},
		{"http://[::1]:9/x", false, true},
		{"http://10.0.0.1/x", false, false},
		{"ftp://hooks.example.com/", false, false},
		{"hooks.example.com/x", false, false},
	}
	for _, tt := range tests {
		cfg := Config{Webhook: []WebhookConfig{{URL: tt.url, AllowInsecure: tt.insecure}}}
		err := cfg.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("Validate(url %q, allow_insecure %v) = %v; want ok %v", tt.url, tt.insecure, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "alerts.webhook[0].url") {
			t.Errorf("Validate(url %q) = %q; want it to name alerts.webhook[0].url", tt.url, err)
		}
	}
	// The same rule applies to a URL from the environment, and the error
	// does not repeat the URL's path.
	t.Setenv("REDACTD_TEST_HOOK_URL", "http://hooks.example.com/T000/B000/secretpath")
	_, err := New(Config{Webhook: []WebhookConfig{{URLEnv: "REDACTD_TEST_HOOK_URL"}}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "alerts.webhook[0].url_env") || strings.Contains(err.Error(), "secretpath") {
		t.Errorf("New(url_env plain http) = %v; want an error naming url_env without the path", err)
	}
}

func TestWebhookEnvErrors(t *testing.T) {
	t.Setenv("REDACTD_TEST_SET", "tok-value-123")
	tests := []struct {
		name string
		wc   WebhookConfig
		want string
	}{
		{"unset header env", WebhookConfig{URL: "https://h.example/x", Headers: map[string]string{"Authorization_env": "REDACTD_TEST_UNSET"}},
			"alerts.webhook[0].headers.Authorization_env: environment variable REDACTD_TEST_UNSET is not set"},
		{"unset url env", WebhookConfig{URLEnv: "REDACTD_TEST_UNSET"}, "alerts.webhook[0].url_env: environment variable REDACTD_TEST_UNSET is not set"},
		{"bad ca", WebhookConfig{URL: "https://h.example/x", CAFile: "/nonexistent/ca.pem"}, "alerts.webhook[0].ca_file"},
	}
	for _, tt := range tests {
		_, err := New(Config{Webhook: []WebhookConfig{tt.wc}}, Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: New = %v; want %q", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "tok-value-123") {
			t.Errorf("%s: error holds an env value: %v", tt.name, err)
		}
	}
}
