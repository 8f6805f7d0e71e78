package kafka_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/redactd/redactd/internal/kafkatest"
	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sinks/kafka"
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newSink(t *testing.T, cfg kafka.Config) (*kafka.Sink, *syncBuf) {
	t.Helper()
	var logs syncBuf
	s, err := kafka.NewSink(cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatalf("NewSink: %v", err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s, &logs
}

func records(n int, base time.Time) []pipeline.Record {
	recs := make([]pipeline.Record, n)
	for i := range recs {
		recs[i] = pipeline.Record{
			Line:    fmt.Appendf(nil, "line %d\nsecond line of %d", i, i),
			Key:     fmt.Appendf(nil, "key-%d", i%3),
			Headers: []pipeline.Header{{Key: "seq", Value: fmt.Appendf(nil, "%d", i)}, {Key: "empty"}},
			Meta:    pipeline.Meta{Time: base.Add(time.Duration(i) * time.Millisecond)},
		}
	}
	return recs
}

func TestValidate(t *testing.T) {
	ok := kafka.Config{Brokers: []string{"127.0.0.1:9092"}, Topic: "clean"}
	tests := []struct {
		name string
		mod  func(*kafka.Config)
		want string // substring of the error; "" for nil
	}{
		{"defaults", func(*kafka.Config) {}, ""},
		{"no brokers", func(c *kafka.Config) { c.Brokers = nil }, "brokers"},
		{"broker without port", func(c *kafka.Config) { c.Brokers = []string{"kafka"} }, "brokers"},
		{"no topic", func(c *kafka.Config) { c.Topic = "" }, "topic"},
		{"zstd", func(c *kafka.Config) { c.Compression = "zstd" }, ""},
		{"bad compression", func(c *kafka.Config) { c.Compression = "brotli" }, "compression"},
		{"acks one", func(c *kafka.Config) { c.RequiredAcks = "one" }, ""},
		{"bad acks", func(c *kafka.Config) { c.RequiredAcks = "most" }, "required_acks"},
		{"negative batch", func(c *kafka.Config) { c.BatchSize = -1 }, "batch_size"},
		{"negative timeout", func(c *kafka.Config) { c.BatchTimeout = -time.Second }, "batch_timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.mod(&c)
			err := c.Validate()
			if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Validate() = %v; want error containing %q", err, tt.want)
			}
		})
	}
}

// TestDecodeTOML decodes the documented keys strictly and checks that a
// password in the config text is rejected.
func TestDecodeTOML(t *testing.T) {
	const good = `
brokers = ["127.0.0.1:9092"]
topic = "app-logs-clean"
compression = "lz4"
batch_size = 500
batch_bytes = 524288
batch_timeout = "10ms"
required_acks = "all"
max_attempts = 5
allow_insecure = true
tls = { ca_file = "/etc/ca.pem", server_name = "kafka" }
sasl = { mechanism = "SCRAM-SHA-512", username = "redactd", password_env = "KAFKA_PASSWORD" }
`
	var c kafka.Config
	md, err := toml.Decode(good, &c)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if u := md.Undecoded(); len(u) != 0 {
		t.Errorf("undecoded keys %v; want none", u)
	}
	if c.BatchTimeout != 10*time.Millisecond || c.TLS == nil || c.TLS.ServerName != "kafka" || c.SASL.PasswordEnv != "KAFKA_PASSWORD" || !c.AllowInsecure {
		t.Errorf("decoded %+v; want the values of the text", c)
	}
	var bad kafka.Config
	md, err = toml.Decode(strings.Replace(good, `username = "redactd",`, `username = "redactd", password = "hunter2",`, 1), &bad)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if u := fmt.Sprint(md.Undecoded()); u != "[sasl.password]" {
		t.Errorf("undecoded keys = %s; want [sasl.password] (strict decoding rejects it)", u)
	}
}

// TestWriteKeepsFields writes records with every codec and reads them back
// with an independent client.
func TestWriteKeepsFields(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("none", 2), kafkatest.Topic("gzip", 2), kafkatest.Topic("snappy", 2),
		kafkatest.Topic("lz4", 2), kafkatest.Topic("zstd", 2))
	base := time.UnixMilli(1_700_000_000_000)
	for _, codec := range []string{"none", "gzip", "snappy", "lz4", "zstd"} {
		t.Run(codec, func(t *testing.T) {
			s, _ := newSink(t, kafka.Config{Brokers: c.Addrs, Topic: codec, Compression: codec, BatchSize: 7})
			const n = 40
			if err := s.Write(context.Background(), records(n, base)); err != nil {
				t.Fatalf("Write: %v", err)
			}
			got := c.Consume(codec, n, 20*time.Second)
			if len(got) != n {
				t.Fatalf("topic %s holds %d records; want %d", codec, len(got), n)
			}
			last := map[string]int{}
			part := map[string]int32{}
			for _, r := range got {
				var i int
				if _, err := fmt.Sscanf(string(r.Value), "line %d", &i); err != nil {
					t.Fatalf("value %q: %v", r.Value, err)
				}
				if want := fmt.Sprintf("line %d\nsecond line of %d", i, i); string(r.Value) != want {
					t.Errorf("value = %q; want %q", r.Value, want)
				}
				if want := fmt.Sprintf("key-%d", i%3); string(r.Key) != want {
					t.Errorf("record %d: key = %q; want %q", i, r.Key, want)
				}
				if !r.Timestamp.Equal(base.Add(time.Duration(i) * time.Millisecond)) {
					t.Errorf("record %d: timestamp = %v; want %v", i, r.Timestamp, base.Add(time.Duration(i)*time.Millisecond))
				}
				if len(r.Headers) != 2 || r.Headers[0].Key != "seq" || string(r.Headers[0].Value) != fmt.Sprint(i) || r.Headers[1].Key != "empty" {
					t.Errorf("record %d: headers = %v; want seq=%d, empty", i, r.Headers, i)
				}
				k := string(r.Key)
				if l, ok := last[k]; ok && i <= l {
					t.Errorf("key %s: record %d after %d", k, i, l)
				}
				last[k] = i
				if p, ok := part[k]; ok && p != r.Partition {
					t.Errorf("key %s in partitions %d and %d", k, p, r.Partition)
				}
				part[k] = r.Partition
			}
		})
	}
}

// TestWriteWaitsForBroker starts a Write while the broker is down and
// checks that it returns only after the broker is back and took the
// records.
func TestWriteWaitsForBroker(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("clean", 1))
	s, logs := newSink(t, kafka.Config{Brokers: c.Addrs, Topic: "clean", BackoffMax: 200 * time.Millisecond})
	if err := s.Write(context.Background(), records(5, time.Now())); err != nil {
		t.Fatalf("Write: %v", err)
	}
	c.Stop()
	done := make(chan error, 1)
	go func() { done <- s.Write(context.Background(), records(5, time.Now())) }()
	select {
	case err := <-done:
		t.Fatalf("Write returned %v while the broker was down; want it to wait", err)
	case <-time.After(1500 * time.Millisecond):
	}
	c.Restart()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Write = %v; want nil after the broker came back", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Write did not return within 30s of the broker coming back")
	}
	if got := c.Consume("clean", 10, 20*time.Second); len(got) < 10 {
		t.Errorf("topic holds %d records; want at least 10", len(got))
	}
	if l := logs.String(); !strings.Contains(l, "retrying") || !strings.Contains(l, c.Addrs[0]) {
		t.Errorf("log does not report the retries naming the broker %s:\n%s", c.Addrs[0], l)
	}
}

// TestWriteGivesUpWithContext checks the error when the context ends while
// the broker is down.
func TestWriteGivesUpWithContext(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("clean", 1))
	s, _ := newSink(t, kafka.Config{Brokers: c.Addrs, Topic: "clean", BackoffMax: 100 * time.Millisecond})
	c.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	err := s.Write(ctx, records(3, time.Now()))
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), c.Addrs[0]) {
		t.Errorf("Write = %v; want a deadline error naming %s", err, c.Addrs[0])
	}
}

func TestRecordTooLarge(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("clean", 1))
	s, _ := newSink(t, kafka.Config{Brokers: c.Addrs, Topic: "clean", BatchBytes: 1000})
	recs := []pipeline.Record{{Line: bytes.Repeat([]byte("x"), 2000), Meta: pipeline.Meta{Topic: "raw", Offset: 17}}}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.Write(ctx, recs)
	if err == nil || !strings.Contains(err.Error(), "batch_bytes") || !strings.Contains(err.Error(), "offset 17") {
		t.Errorf("Write(2000-byte record) = %v; want an error naming batch_bytes and the offset", err)
	}
}
