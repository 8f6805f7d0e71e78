package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/redactd/redactd/internal/kafkatest"
)

// Kafka to Kafka through the real binary against an in-process Kafka
// broker: values, keys and header values redacted; keys, headers, timestamps
// and partition order kept; a SIGKILL midway loses nothing.
func TestBinaryKafkaToKafka(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("raw", 3), kafkatest.Topic("clean", 3))
	dir := t.TempDir()
	cfg := filepath.Join(dir, "k.toml")
	brokers := fmt.Sprintf("%q", c.Addrs[0])
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsAddr := ln.Addr().String()
	ln.Close()
	os.WriteFile(cfg, []byte(`[metrics]
listen = "`+metricsAddr+`"

[[sources.kafka]]
brokers = [`+brokers+`]
topics = ["raw"]
group = "redactd-e2e"
start_at = "earliest"
session_timeout = "6s"
commit_interval = "100ms"
[[sinks.kafka]]
brokers = [`+brokers+`]
topic = "clean"
`), 0o600)

	const n = 3000
	produce := func(from, to int) {
		var recs []*kgo.Record
		for i := from; i < to; i++ {
			r := &kgo.Record{
				Topic:     "raw",
				Key:       []byte(fmt.Sprintf("user-%d", i%7)),
				Value:     []byte(fmt.Sprintf("seq=%05d GET /charge?api_key=%s 200\nsecond line", i, fakeStripe)),
				Timestamp: time.UnixMilli(1715673483000 + int64(i)),
				Headers:   []kgo.RecordHeader{{Key: "authorization", Value: []byte("Bearer " + fakeStripe)}, {Key: "trace", Value: []byte("abc")}},
			}
			if i%100 == 0 {
				r.Key = []byte(fakeStripe) // a secret in the key too
			}
			recs = append(recs, r)
		}
		c.Produce("raw", recs...)
	}
	start := func() (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(binPath, "-c", cfg)
		cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		return cmd, &stderr
	}
	produce(0, n/2)
	cmd, _ := start()
	// Let it work, then kill it without a drain and start again.
	c.Consume("clean", 200, 30*time.Second)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	produce(n/2, n)
	cmd, stderr := start()
	got := consumeDistinct(t, c, "clean", n, 60*time.Second)
	// Lag and commit age are exported per partition.
	var body string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get("http://" + metricsAddr + "/metrics"); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body = string(b)
			if strings.Contains(body, `redactd_kafka_lag_messages{partition=`) && strings.Contains(body, `redactd_checkpoint_age_seconds{source="kafka[0]"}`) {
				break
			}
		}
	}
	if !strings.Contains(body, `redactd_kafka_lag_messages{partition=`) || !strings.Contains(body, `redactd_checkpoint_age_seconds{source="kafka[0]"}`) {
		t.Errorf("no Kafka lag or commit age in /metrics:\n%s", grepLines(body, "kafka"))
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v (%s)", err, stderr)
	}
	if strings.Contains(stderr.String(), fakeStripe) {
		t.Fatal("secret in redactd's stderr")
	}
	seen := map[int]bool{}
	last := map[string]int{} // per key, the sequence must rise (first occurrences)
	for _, r := range got {
		all := string(r.Value) + string(r.Key)
		for _, h := range r.Headers {
			all += h.Key + string(h.Value)
		}
		if strings.Contains(all, fakeStripe) {
			t.Fatalf("secret survived in %q", all)
		}
		var seq int
		if _, err := fmt.Sscanf(string(r.Value), "seq=%05d", &seq); err != nil {
			t.Fatalf("value %q", r.Value)
		}
		if !strings.HasSuffix(string(r.Value), "200\nsecond line") || !strings.Contains(string(r.Value), "[REDACTED:stripe-secret-key:") {
			t.Fatalf("value not redacted as one record: %q", r.Value)
		}
		if len(r.Headers) != 2 || r.Headers[1].Key != "trace" || string(r.Headers[1].Value) != "abc" || !strings.HasPrefix(string(r.Headers[0].Value), "Bearer [REDACTED:") {
			t.Fatalf("headers %+v", r.Headers)
		}
		if r.Timestamp.UnixMilli() != 1715673483000+int64(seq) {
			t.Fatalf("timestamp of %d: %v", seq, r.Timestamp)
		}
		key := string(r.Key)
		if seq%100 != 0 && key != fmt.Sprintf("user-%d", seq%7) {
			t.Fatalf("key of %d = %q", seq, key)
		}
		if !seen[seq] {
			if p, ok := last[key]; ok && seq < p {
				t.Fatalf("key %s: %d after %d", key, seq, p)
			}
			last[key] = seq
		}
		seen[seq] = true
	}
	for i := range n {
		if !seen[i] {
			t.Fatalf("message %d lost (%d distinct of %d)", i, len(seen), n)
		}
	}
	t.Logf("%d messages out for %d in (%d replayed)", len(got), n, len(got)-len(seen))
}

// consumeDistinct reads topic from the start until it has seen n distinct
// "seq=" values (replays make duplicates) or the timeout passes.
func consumeDistinct(t *testing.T, c *kafkatest.Cluster, topic string, n int, timeout time.Duration) []*kgo.Record {
	t.Helper()
	cl := c.Client(kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var out []*kgo.Record
	distinct := map[string]bool{}
	for len(distinct) < n && ctx.Err() == nil {
		fs := cl.PollFetches(ctx)
		for _, r := range fs.Records() {
			out = append(out, r)
			distinct[string(r.Value[:min(9, len(r.Value))])] = true
		}
	}
	return out
}
