package alerts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/internal/kafkatest"
	"github.com/redactd/redactd/pipeline"
)

func TestFileSink(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "alerts.jsonl")
	r := newRouter(t, Config{File: []FileConfig{{Path: path}}}, Options{})
	e := testEngine(t)
	g := newSecretGen(20)
	stop := runRouter(t, r)
	var batch []pipeline.Record
	for i := range 3 {
		batch = append(batch, record(t, e, "k="+g.ghp(), fileMeta(int64(i+1))))
	}
	r.Observe(batch)
	waitSent(t, r, 3)

	// Reopen after a rotation: the next alert goes to a new file.
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	r.Reopen()
	r.Observe([]pipeline.Record{record(t, e, "k="+g.ghp(), fileMeta(4))})
	if err := stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	old, _ := os.ReadFile(path + ".1")
	if as := jsonLines(t, string(old)); len(as) != 3 || as[2].Where.LineNo != 3 {
		t.Errorf("rotated file holds %d alerts; want 3 in order", len(as))
	}
	if !strings.HasSuffix(string(old), "}\n") || strings.Count(string(old), "\n") != 3 {
		t.Errorf("rotated file is not 3 JSON lines: %q", old)
	}
	cur, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reopened file: %v", err)
	}
	if as := jsonLines(t, string(cur)); len(as) != 1 || as[0].Where.LineNo != 4 {
		t.Errorf("reopened file holds %+v; want the 4th alert", as)
	}
	for _, p := range []string{path, path + ".1"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := fi.Mode().Perm(); m != 0o600 {
			t.Errorf("%s mode = %v; want 0600", filepath.Base(p), m)
		}
	}
}

func TestFileSinkOpenError(t *testing.T) {
	_, err := New(Config{File: []FileConfig{{Path: "/nonexistent-dir/alerts.jsonl"}}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "alerts.file[0].path") {
		t.Errorf("New(file in missing dir) = %v; want an error naming alerts.file[0].path", err)
	}
}

func waitSent(t testing.TB, r *Router, n uint64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var sent uint64
		for _, s := range r.Stats().Sinks {
			sent += s.Sent
		}
		if sent >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("sent %d alerts; want %d: %+v", sent, n, r.Stats())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestKafkaSink(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("security-alerts", 1))
	r := newRouter(t, Config{Kafka: []KafkaConfig{{Brokers: c.Addrs, Topic: "security-alerts"}}}, Options{})
	e := testEngine(t)
	g := newSecretGen(21)
	s1, s2 := g.ghp(), g.ghp()
	stop := runRouter(t, r)
	r.Observe([]pipeline.Record{record(t, e, "a "+s1, fileMeta(1)), record(t, e, "b "+s2, fileMeta(2))})
	waitSent(t, r, 2)
	if err := stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	recs := c.Consume("security-alerts", 2, 20*time.Second)
	if len(recs) != 2 {
		t.Fatalf("consumed %d alerts; want 2", len(recs))
	}
	for i, s := range []string{s1, s2} {
		fp := e.Fingerprint([]byte(s))
		a := decodeAlert(t, recs[i].Value)
		if string(recs[i].Key) != fp || a.Fingerprint != fp || a.RuleID != "test-ghp" || a.Where.LineNo != int64(i+1) {
			t.Errorf("kafka alert %d: key %q, %+v; want key and fingerprint %s, rule test-ghp, line %d", i, recs[i].Key, a, fp, i+1)
		}
	}
}

// TestConfigTOML decodes the example with unknown keys forbidden.
func TestConfigTOML(t *testing.T) {
	const doc = `
[alerts]
dedup_window = "24h"
min_severity = "high"
max_per_minute = 600
queue_size = 64
max_line_bytes = 512
persist = true

[[alerts.webhook]]
url = "https://hooks.example.com/redactd"
format = "json"
headers = { Authorization_env = "ALERT_TOKEN", X-Source = "redactd" }
timeout = "5s"
max_retries = 3

[[alerts.webhook]]
url_env = "SLACK_WEBHOOK_URL"
format = "slack"

[[alerts.file]]
path = "/var/log/redactd/alerts.jsonl"

[[alerts.kafka]]
brokers = ["127.0.0.1:9092"]
topic = "security-alerts"
sasl = { mechanism = "SCRAM-SHA-512", username = "redactd", password_env = "KAFKA_PASSWORD" }
tls = { ca_file = "/etc/redactd/ca.pem" }

[alerts.stderr]
enabled = true
format = "text"
`
	var top struct {
		Alerts Config `toml:"alerts"`
	}
	md, err := toml.Decode(doc, &top)
	if err != nil {
		t.Fatalf("toml.Decode: %v", err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		t.Fatalf("undecoded keys: %v", u)
	}
	c := top.Alerts
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if c.DedupWindow != 24*time.Hour || c.MinSeverity != detectors.SeverityHigh || c.MaxPerMinute != 600 || !c.Persist {
		t.Errorf("decoded %+v", c)
	}
	if len(c.Webhook) != 2 || c.Webhook[0].Headers["Authorization_env"] != "ALERT_TOKEN" || c.Webhook[0].Timeout != 5*time.Second || c.Webhook[1].Format != FormatSlack {
		t.Errorf("decoded webhooks %+v", c.Webhook)
	}
	if len(c.Kafka) != 1 || c.Kafka[0].SASL == nil || c.Kafka[0].TLS == nil || c.Kafka[0].Topic != "security-alerts" {
		t.Errorf("decoded kafka %+v", c.Kafka)
	}
	if !c.Enabled() || (Config{}).Enabled() {
		t.Errorf("Enabled() wrong")
	}
	d := (Config{}).withDefaults()
	if d.DedupWindow != DefaultDedupWindow || d.MaxPerMinute != DefaultMaxPerMinute || d.QueueSize != DefaultQueueSize ||
		d.MaxLineBytes != DefaultMaxLineBytes || d.MinSeverity != detectors.SeverityLow || d.Stderr.Format != FormatText {
		t.Errorf("defaults = %+v", d)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"negative window", Config{DedupWindow: -time.Second}, "alerts.dedup_window"},
		{"negative rate", Config{MaxPerMinute: -1}, "alerts.max_per_minute"},
		{"negative queue", Config{QueueSize: -1}, "alerts.queue_size"},
		{"tiny excerpt", Config{MaxLineBytes: 10}, "alerts.max_line_bytes"},
		{"bad severity", Config{MinSeverity: 9}, "alerts.min_severity"},
		{"no url", Config{Webhook: []WebhookConfig{{}}}, "alerts.webhook[0].url: missing"},
		{"both urls", Config{Webhook: []WebhookConfig{{URL: "https://a.example", URLEnv: "X"}}}, "alerts.webhook[0].url: set url or url_env"},
		{"bad format", Config{Webhook: []WebhookConfig{{URL: "https://a.example", Format: "xml"}}}, "alerts.webhook[0].format"},
		{"bad header", Config{Webhook: []WebhookConfig{{URL: "https://a.example", Headers: map[string]string{"Bad Header": "x"}}}}, "alerts.webhook[0].headers.Bad Header"},
		{"empty env name", Config{Webhook: []WebhookConfig{{URL: "https://a.example", Headers: map[string]string{"Authorization_env": ""}}}}, "alerts.webhook[0].headers.Authorization_env"},
		{"backoff order", Config{Webhook: []WebhookConfig{{URL: "https://a.example", MinBackoff: time.Minute, MaxBackoff: time.Second}}}, "alerts.webhook[0].min_backoff"},
		{"file path", Config{File: []FileConfig{{}}}, "alerts.file[0].path"},
		{"kafka brokers", Config{Kafka: []KafkaConfig{{Topic: "t"}}}, "alerts.kafka[0].brokers"},
		{"kafka broker form", Config{Kafka: []KafkaConfig{{Brokers: []string{"nohost"}, Topic: "t"}}}, "alerts.kafka[0].brokers"},
		{"kafka topic", Config{Kafka: []KafkaConfig{{Brokers: []string{"a:1"}}}}, "alerts.kafka[0].topic"},
		{"stderr format", Config{Stderr: StderrConfig{Enabled: true, Format: "xml"}}, "alerts.stderr.format"},
	}
	for _, tt := range tests {
		err := tt.cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Validate() = %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
	if err := (Config{}).Validate(); err != nil {
		t.Errorf("zero Config: Validate() = %v; want nil", err)
	}
}
