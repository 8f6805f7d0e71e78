package metrics_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/redactd/redactd/alerts"
	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/internal/metrics"
	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sources/stdin"
)

// canary is a fake secret fed through the pipeline; it must not appear in
// any scrape.
const canary = "sk_live_CANARYc4n4ryC4N4RYc4n4ry42"

// canaryRedactor replaces the canary with a token and reports a finding.
// A rule id made of line content is reported too, to prove such ids never
// become label values.
type canaryRedactor struct{}

func (canaryRedactor) Redact(dst, line []byte) ([]byte, []detectors.Finding) {
	i := bytes.Index(line, []byte(canary))
	if i < 0 {
		return line, nil
	}
	dst = append(dst, line[:i]...)
	dst = append(dst, "[REDACTED:canary-rule:0011223344556677]"...)
	dst = append(dst, line[i+len(canary):]...)
	return dst, []detectors.Finding{
		{RuleID: "canary-rule", Start: i, End: i + len(canary), Fingerprint: "0011223344556677"},
		{RuleID: "Bad Rule " + canary, Start: i, End: i + len(canary)},
	}
}

type recorder struct {
	n int
}

func (r *recorder) Observe(recs []pipeline.Record) { r.n += len(recs) }

// startServer serves m on a real loopback listener until the test ends.
func startServer(t *testing.T, m *metrics.Metrics, ready metrics.ReadyFunc) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- metrics.Serve(ctx, ln, m.Handler(ready)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve after cancel = %v; want nil", err)
		}
	})
	return "http://" + ln.Addr().String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func scrape(t *testing.T, base string) (string, map[string]*dto.MetricFamily) {
	t.Helper()
	code, body := get(t, base+"/metrics")
	if code != 200 {
		t.Fatalf("GET /metrics = %d; want 200", code)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return body, fams
}

// runPipeline feeds input through a real pipeline with wrapped source,
// sinks and observer.
func runPipeline(t *testing.T, m *metrics.Metrics, input string) *recorder {
	t.Helper()
	st := new(pipeline.Stats)
	m.WatchPipeline(st)
	rec := &recorder{}
	var out bytes.Buffer
	failing := pipeline.SinkFunc(func(context.Context, []pipeline.Record) error { return nil })
	err := pipeline.Run(context.Background(), pipeline.Options{
		Sources:  []pipeline.Source{m.Source("app", "stdin", stdin.New(strings.NewReader(input), "app", stdin.Config{MaxLineBytes: 64}))},
		Redactor: canaryRedactor{},
		Sinks: []pipeline.NamedSink{
			m.Sink("stdout", pipeline.NamedSink{Name: "out", Sink: pipeline.SinkFunc(func(_ context.Context, recs []pipeline.Record) error {
				for _, r := range recs {
					out.Write(r.Line)
					out.WriteByte('\n')
				}
				return nil
			})}),
			m.Sink("file", pipeline.NamedSink{Name: "archive", Sink: failing}),
		},
		Observer: m.Observer(rec),
		Stats:    st,
	})
	if err != nil {
		t.Fatalf("pipeline.Run = %v", err)
	}
	if strings.Contains(out.String(), canary) {
		t.Fatalf("canary reached the sink: %q", out.String())
	}
	return rec
}

func TestScrapeNamesTypesLabels(t *testing.T) {
	m := metrics.New("1.2.3-test")
	input := "hello\nkey=" + canary + "\n" + strings.Repeat("x", 100) + canary + "\nlast " + canary
	rec := runPipeline(t, m, input)
	if rec.n == 0 {
		t.Fatal("the wrapped observer did not call the next one")
	}
	m.WatchAlerts(func() metrics.AlertStats {
		return metrics.AlertStats{Raised: 2, Deduplicated: 5, Suppressed: 1, Fingerprints: 2, Sinks: []metrics.AlertSinkStats{
			{Name: "webhook[0] https://hooks.example", Kind: "webhook", Sent: 2, Retried: 1, Dropped: 0, Failed: 0, Queued: 0},
			{Name: "webhook[0] https://hooks.example", Kind: "webhook"}, // duplicate must not break the scrape
		}}
	})
	m.Checkpoint("files").Saved(time.Now().Add(-90 * time.Second))
	m.Checkpoint("never-saved")
	m.KafkaLag("events", "app-logs", 3, 42)
	m.Error(metrics.ErrSink)
	m.Error("kind " + canary) // unknown kinds count as other

	base := startServer(t, m, nil)
	body, fams := scrape(t, base)
	if strings.Contains(body, canary) || strings.Contains(body, "CANARY") {
		t.Fatalf("the canary secret appears in /metrics:\n%s", body)
	}

	type want struct {
		typ    dto.MetricType
		labels []string
	}
	wants := map[string]want{
		"redactd_source_lines_total":          {dto.MetricType_COUNTER, []string{"kind", "source"}},
		"redactd_source_bytes_total":          {dto.MetricType_COUNTER, []string{"kind", "source"}},
		"redactd_source_inflight_batches":     {dto.MetricType_GAUGE, []string{"kind", "source"}},
		"redactd_batch_latency_seconds":       {dto.MetricType_HISTOGRAM, []string{"kind", "source"}},
		"redactd_sink_lines_total":            {dto.MetricType_COUNTER, []string{"kind", "sink"}},
		"redactd_sink_bytes_total":            {dto.MetricType_COUNTER, []string{"kind", "sink"}},
		"redactd_sink_write_duration_seconds": {dto.MetricType_HISTOGRAM, []string{"kind", "sink"}},
		"redactd_findings_total":              {dto.MetricType_COUNTER, []string{"rule"}},
		"redactd_errors_total":                {dto.MetricType_COUNTER, []string{"kind"}},
		"redactd_kafka_lag_messages":          {dto.MetricType_GAUGE, []string{"partition", "source", "topic"}},
		"redactd_build_info":                  {dto.MetricType_GAUGE, []string{"version"}},
		"redactd_scanned_lines_total":         {dto.MetricType_COUNTER, nil},
		"redactd_scanned_bytes_total":         {dto.MetricType_COUNTER, nil},
		"redactd_redacted_lines_total":        {dto.MetricType_COUNTER, nil},
		"redactd_redactions_total":            {dto.MetricType_COUNTER, nil},
		"redactd_oversize_lines_total":        {dto.MetricType_COUNTER, nil},
		"redactd_oversize_scanned_total":      {dto.MetricType_COUNTER, nil},
		"redactd_detector_errors_total":       {dto.MetricType_COUNTER, nil},
		"redactd_batches_total":               {dto.MetricType_COUNTER, []string{"result"}},
		"redactd_input_queue_batches":         {dto.MetricType_GAUGE, nil},
		"redactd_alerts_raised_total":         {dto.MetricType_COUNTER, nil},
		"redactd_alerts_deduplicated_total":   {dto.MetricType_COUNTER, nil},
		"redactd_alerts_suppressed_total":     {dto.MetricType_COUNTER, nil},
		"redactd_alert_fingerprints":          {dto.MetricType_GAUGE, nil},
		"redactd_alerts_sent_total":           {dto.MetricType_COUNTER, []string{"kind", "sink"}},
		"redactd_alerts_retried_total":        {dto.MetricType_COUNTER, []string{"kind", "sink"}},
		"redactd_alerts_dropped_total":        {dto.MetricType_COUNTER, []string{"kind", "sink"}},
		"redactd_alerts_failed_total":         {dto.MetricType_COUNTER, []string{"kind", "sink"}},
		"redactd_alert_queue_length":          {dto.MetricType_GAUGE, []string{"kind", "sink"}},
		"redactd_checkpoint_age_seconds":      {dto.MetricType_GAUGE, []string{"source"}},
		"go_goroutines":                       {dto.MetricType_GAUGE, nil},
		"process_start_time_seconds":          {dto.MetricType_GAUGE, nil},
	}
	for name, w := range wants {
		f, ok := fams[name]
		if !ok {
			t.Errorf("/metrics has no %s", name)
			continue
		}
		if f.GetType() != w.typ {
			t.Errorf("%s type = %v; want %v", name, f.GetType(), w.typ)
		}
		for _, mt := range f.GetMetric() {
			var got []string
			for _, l := range mt.GetLabel() {
				got = append(got, l.GetName())
				if strings.Contains(l.GetValue(), "CANARY") {
					t.Errorf("%s label %s carries line content", name, l.GetName())
				}
			}
			sort.Strings(got)
			if !slices.Equal(got, w.labels) {
				t.Errorf("%s labels = %v; want %v", name, got, w.labels)
			}
		}
	}
	for name := range fams {
		if !strings.HasPrefix(name, "redactd_") && !strings.HasPrefix(name, "go_") && !strings.HasPrefix(name, "process_") {
			t.Errorf("unexpected metric %s", name)
		}
	}

	value := func(name string, labels map[string]string) float64 {
		t.Helper()
		for _, mt := range fams[name].GetMetric() {
			match := true
			for _, l := range mt.GetLabel() {
				if v, ok := labels[l.GetName()]; ok && v != l.GetValue() {
					match = false
				}
			}
			if !match {
				continue
			}
			switch {
			case mt.Counter != nil:
				return mt.Counter.GetValue()
			case mt.Gauge != nil:
				return mt.Gauge.GetValue()
			case mt.Histogram != nil:
				return float64(mt.Histogram.GetSampleCount())
			}
		}
		t.Errorf("%s%v not found", name, labels)
		return -1
	}
	checks := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		// hello, key=..., three oversize pieces (64+64+4 bytes) of the long line, last ...
		{"redactd_source_lines_total", map[string]string{"source": "app", "kind": "stdin"}, 6},
		{"redactd_sink_lines_total", map[string]string{"sink": "out", "kind": "stdout"}, 6},
		{"redactd_sink_lines_total", map[string]string{"sink": "archive", "kind": "file"}, 6},
		{"redactd_source_inflight_batches", map[string]string{"source": "app"}, 0},
		{"redactd_findings_total", map[string]string{"rule": "canary-rule"}, 2},
		{"redactd_findings_total", map[string]string{"rule": "other"}, 2},
		{"redactd_findings_total", map[string]string{"rule": "oversize"}, 3},
		{"redactd_oversize_lines_total", nil, 3},
		{"redactd_oversize_scanned_total", nil, 0}, // canaryRedactor renders no tokens on their own
		{"redactd_scanned_lines_total", nil, 6},
		{"redactd_alerts_sent_total", map[string]string{"sink": "webhook[0] https://hooks.example"}, 2},
		{"redactd_alerts_deduplicated_total", nil, 5},
		{"redactd_kafka_lag_messages", map[string]string{"partition": "3"}, 42},
		{"redactd_errors_total", map[string]string{"kind": "sink"}, 1},
		{"redactd_errors_total", map[string]string{"kind": "other"}, 1},
		{"redactd_errors_total", map[string]string{"kind": "reload"}, 0},
		{"redactd_build_info", map[string]string{"version": "1.2.3-test"}, 1},
	}
	for _, c := range checks {
		if got := value(c.name, c.labels); got != c.want {
			t.Errorf("%s%v = %v; want %v", c.name, c.labels, got, c.want)
		}
	}
	if n := len(fams["redactd_checkpoint_age_seconds"].GetMetric()); n != 1 {
		t.Errorf("checkpoint_age_seconds has %d series; want 1 (never-saved has none)", n)
	}
	if age := value("redactd_checkpoint_age_seconds", map[string]string{"source": "files"}); age < 89 || age > 150 {
		t.Errorf("checkpoint age = %v; want about 90", age)
	}
	if n := value("redactd_batch_latency_seconds", map[string]string{"source": "app"}); n < 1 {
		t.Errorf("batch latency has %v observations; want at least 1", n)
	}
}

func TestMetricNamesFollowConventions(t *testing.T) {
	m := metrics.New("test")
	runPipeline(t, m, "a "+canary+"\n")
	m.WatchAlerts(func() metrics.AlertStats {
		return metrics.AlertStats{Sinks: []metrics.AlertSinkStats{{Name: "stderr", Kind: "stderr"}}}
	})
	m.Checkpoint("f").Saved(time.Now())
	m.KafkaLag("k", "t", 0, 1)
	problems, err := testutil.GatherAndLint(m.Registry())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if strings.HasPrefix(p.Metric, "redactd_") {
			t.Errorf("promlint: %s: %s", p.Metric, p.Text)
		}
	}
}

func TestHealthAndReady(t *testing.T) {
	m := metrics.New("test")
	var readyErr error
	base := startServer(t, m, func(ctx context.Context) error { return readyErr })
	tests := []struct {
		path     string
		readyErr error
		code     int
		body     string
	}{
		{"/healthz", nil, 200, "ok\n"},
		{"/readyz", nil, 200, "ready\n"},
		{"/readyz", errors.New("sink kafka[0]: not connected"), 503, "not ready: sink kafka[0]: not connected\n"},
		{"/healthz", errors.New("sink kafka[0]: not connected"), 200, "ok\n"},
		{"/nope", nil, 404, ""},
	}
	for _, tt := range tests {
		readyErr = tt.readyErr
		code, body := get(t, base+tt.path)
		if code != tt.code || (tt.body != "" && body != tt.body) {
			t.Errorf("GET %s (ready err %v) = %d %q; want %d %q", tt.path, tt.readyErr, code, body, tt.code, tt.body)
		}
	}
	resp, err := http.Post(base+"/metrics", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /metrics = %d; want 405", resp.StatusCode)
	}
}

func TestServeStopsWithContext(t *testing.T) {
	ln, err := metrics.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- metrics.Serve(ctx, ln, metrics.New("t").Handler(nil)) }()
	if code, _ := get(t, "http://"+addr+"/healthz"); code != 200 {
		t.Fatalf("healthz = %d", code)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve = %v; want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Fatal("listener still open after Serve returned")
	}
	if _, err := metrics.Listen("256.0.0.1:bad"); err == nil || !strings.Contains(err.Error(), "metrics.listen 256.0.0.1:bad") {
		t.Fatalf("Listen(bad) = %v; want an error naming the setting", err)
	}
}

func TestSinkWrapperCountsFailures(t *testing.T) {
	m := metrics.New("test")
	boom := errors.New("disk full")
	ns := m.Sink("file", pipeline.NamedSink{Name: "f", Sink: pipeline.SinkFunc(func(context.Context, []pipeline.Record) error { return boom })})
	if err := ns.Sink.Write(context.Background(), []pipeline.Record{{Line: []byte("x")}}); !errors.Is(err, boom) {
		t.Fatalf("Write = %v; want %v", err, boom)
	}
	if r, ok := ns.Sink.(interface{ Reopen() error }); !ok || r.Reopen() != nil {
		t.Fatal("wrapped sink has no working Reopen")
	}
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		switch f.GetName() {
		case "redactd_sink_write_errors_total":
			if got := f.GetMetric()[0].GetCounter().GetValue(); got != 1 {
				t.Errorf("sink_write_errors_total = %v; want 1", got)
			}
		case "redactd_sink_lines_total":
			if got := f.GetMetric()[0].GetCounter().GetValue(); got != 0 {
				t.Errorf("sink_lines_total after a failed write = %v; want 0", got)
			}
		}
	}
}

type fakeRouter struct{ st alerts.Stats }

func (f fakeRouter) Stats() alerts.Stats { return f.st }

func TestRouterStats(t *testing.T) {
	f := metrics.RouterStats(fakeRouter{alerts.Stats{Raised: 3, Deduplicated: 4, Suppressed: 1, Fingerprints: 3, Sinks: []alerts.SinkStats{
		{Name: "webhook[0] https://hooks.example", Sent: 2, Retried: 1, Dropped: 1, Failed: 0, Queued: 5},
		{Name: "stderr", Sent: 3},
	}}})
	got := f()
	want := metrics.AlertStats{Raised: 3, Deduplicated: 4, Suppressed: 1, Fingerprints: 3, Sinks: []metrics.AlertSinkStats{
		{Name: "webhook[0] https://hooks.example", Kind: "webhook", Sent: 2, Retried: 1, Dropped: 1, Queued: 5},
		{Name: "stderr", Kind: "stderr", Sent: 3},
	}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("RouterStats() = %+v; want %+v", got, want)
	}
}
