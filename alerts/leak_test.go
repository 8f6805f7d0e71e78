package alerts

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redactd/redactd/internal/kafkatest"
	"github.com/redactd/redactd/pipeline"
)

// TestNoSecretInAlerts feeds planted secrets in every context through every
// sink kind (webhook JSON and Slack, a failing webhook, file, Kafka, stderr
// text and JSON) and checks that no alert body, message or log line holds
// any 8-byte piece of any secret.
func TestNoSecretInAlerts(t *testing.T) {
	e := testEngine(t)
	g := newSecretGen(99)
	var secrets []string
	plant := func(s string) string { secrets = append(secrets, s); return s }
	var recs []pipeline.Record
	add := func(line string, meta pipeline.Meta) { recs = append(recs, record(t, e, line, meta)) }
	add("Authorization token "+plant(g.ghp())+" accepted", fileMeta(1))
	add(`{"level":"info","url":"/v1/x?api_key=`+plant(g.alnum(40))+`&page=1"}`, fileMeta(2))
	add("dsn=mysql://admin:"+plant(g.alnum(24))+"@10.0.0.5:3306/app", fileMeta(3))
	add("-----BEGIN TEST PRIVATE KEY-----"+plant(g.alnum(64)), fileMeta(4))
	add("two in one: "+plant(g.ghp())+" and ?api_key="+plant(g.alnum(30)), pipeline.Meta{Source: "stdin", LineNo: 5})
	// A secret in a Kafka key, found by the detect stage as an extra finding.
	kafkaKey := plant(g.ghp())
	redKey, fs := e.Redact(nil, []byte(kafkaKey))
	recs = append(recs, pipeline.Record{
		Line: []byte("value without secret"), Key: redKey, ExtraFindings: fs,
		Meta: pipeline.Meta{Source: "kafka", Topic: "logs", Partition: 1, Offset: 5},
	})
	// Long line: the excerpt is cut; the cut must not expose anything either.
	add(strings.Repeat("x", 1000)+" "+plant(g.ghp()), fileMeta(7))

	hookJSON, hookSlack := newHook(), newHook()
	hookFail := newHook(reply{status: 400}, reply{status: 500}, reply{status: 429, retryAfter: "0"})
	srvJSON, srvSlack, srvFail := newServer(t, hookJSON), newServer(t, hookSlack), newServer(t, hookFail)
	slack := fastRetry(srvSlack.URL)
	slack.Format = FormatSlack
	dir := t.TempDir()
	kc := kafkatest.Start(t, kafkatest.Topic("security-alerts", 1))
	logs := &syncBuffer{}
	text, js := &syncBuffer{}, &syncBuffer{}

	cfg := Config{
		MaxLineBytes: 256,
		Persist:      true,
		Webhook:      []WebhookConfig{fastRetry(srvJSON.URL), slack, fastRetry(srvFail.URL)},
		File:         []FileConfig{{Path: filepath.Join(dir, "alerts.jsonl")}},
		Kafka:        []KafkaConfig{{Brokers: kc.Addrs, Topic: "security-alerts"}},
		Stderr:       StderrConfig{Enabled: true, Format: FormatText},
	}
	r1 := newRouter(t, cfg, Options{DataDir: dir, Stderr: text, Logger: testLogger(logs)})
	cfg2 := Config{MaxPerMinute: 2, Stderr: StderrConfig{Enabled: true, Format: FormatJSON}} // summaries too
	r2 := newRouter(t, cfg2, Options{Stderr: js, Logger: testLogger(logs)})
	stop1, stop2 := runRouter(t, r1), runRouter(t, r2)
	r1.Observe(recs)
	r2.Observe(recs)
	want := uint64(len(secrets))
	hookJSON.wait(t, int(want))
	hookSlack.wait(t, int(want))
	deadline := time.Now().Add(20 * time.Second)
	for r1.Stats().Sinks[3].Sent+r1.Stats().Sinks[4].Sent < 2*want && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := stop1(); err != nil {
		t.Errorf("Run = %v", err)
	}
	stop2()

	outputs := map[string][]byte{"stderr text": []byte(text.String()), "stderr json": []byte(js.String()), "logs": []byte(logs.String())}
	for i := range hookJSON.requests() {
		outputs["webhook json"] = append(outputs["webhook json"], hookJSON.body(i)...)
	}
	for i := range hookSlack.requests() {
		outputs["webhook slack"] = append(outputs["webhook slack"], hookSlack.body(i)...)
	}
	for i := range hookFail.requests() {
		outputs["webhook failing"] = append(outputs["webhook failing"], hookFail.body(i)...)
	}
	outputs["file"], _ = os.ReadFile(filepath.Join(dir, "alerts.jsonl"))
	outputs["state"], _ = os.ReadFile(filepath.Join(dir, DefaultStateFile))
	for _, m := range kc.Consume("security-alerts", int(want), 20*time.Second) {
		outputs["kafka"] = append(append(outputs["kafka"], m.Key...), m.Value...)
	}

	if got := uint64(len(jsonLines(t, string(outputs["file"])))); got != want {
		t.Errorf("file sink: %d alerts; want %d", got, want)
	}
	if got := uint64(strings.Count(string(outputs["stderr text"]), "redactd ALERT")); got != want {
		t.Errorf("stderr text: %d alerts; want %d", got, want)
	}
	if as := jsonLines(t, string(outputs["stderr json"])); len(as) != 3 || as[2].Type != TypeSummary {
		t.Errorf("rate-limited router: %d alerts; want 2 and a summary", len(as))
	}
	if len(outputs["kafka"]) == 0 || len(outputs["state"]) == 0 {
		t.Errorf("kafka (%d bytes) or state file (%d bytes) empty", len(outputs["kafka"]), len(outputs["state"]))
	}
	// The check itself finds a planted secret in the original lines.
	outputs["control: original lines"] = []byte(strings.Join(secrets, "\n"))
	for name, out := range outputs {
		if len(out) == 0 && name != "logs" {
			t.Errorf("%s: no output", name)
		}
		found := 0
		for si, s := range secrets {
			for i := 0; i+8 <= len(s); i++ {
				if bytes.Contains(out, []byte(s[i:i+8])) {
					found++
					if name != "control: original lines" {
						t.Errorf("%s holds bytes %d..%d of secret %d", name, i, i+8, si)
					}
					break
				}
			}
		}
		if name == "control: original lines" && found != len(secrets) {
			t.Errorf("control: the check found %d of %d secrets in the original lines", found, len(secrets))
		}
	}
}
