package kafka_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/redactd/redactd/internal/kafkaconf"
	"github.com/redactd/redactd/sources/kafka"
)

func TestValidate(t *testing.T) {
	ok := kafka.Config{Brokers: []string{"127.0.0.1:9092"}, Topics: []string{"app-logs"}, Group: "redactd"}
	tests := []struct {
		name string
		mod  func(*kafka.Config)
		want string // substring of the error; "" for nil
	}{
		{"defaults", func(*kafka.Config) {}, ""},
		{"no brokers", func(c *kafka.Config) { c.Brokers = nil }, "brokers"},
		{"broker without port", func(c *kafka.Config) { c.Brokers = []string{"kafka"} }, "brokers"},
		{"no topics", func(c *kafka.Config) { c.Topics = nil }, "topics"},
		{"empty topic", func(c *kafka.Config) { c.Topics = []string{""} }, "topics"},
		{"no group", func(c *kafka.Config) { c.Group = "" }, "group"},
		{"latest", func(c *kafka.Config) { c.StartAt = "latest" }, ""},
		{"bad start_at", func(c *kafka.Config) { c.StartAt = "newest" }, "start_at"},
		{"negative session", func(c *kafka.Config) { c.SessionTimeout = -time.Second }, "session_timeout"},
		{"heartbeat >= session", func(c *kafka.Config) { c.SessionTimeout, c.HeartbeatInterval = time.Second, time.Second }, "heartbeat_interval"},
		{"negative batch", func(c *kafka.Config) { c.BatchSize = -1 }, "batch_size"},
		{"drain >= rebalance", func(c *kafka.Config) { c.DrainTimeout = 30 * time.Second }, "drain_timeout"},
		{"min > max bytes", func(c *kafka.Config) { c.MinBytes, c.MaxBytes = 10, 5 }, "min_bytes"},
		{"bad sasl", func(c *kafka.Config) { c.Security.SASL = &kafkaconf.SASL{Mechanism: "KERBEROS"} }, "sasl.mechanism"},
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

// TestDecodeTOML decodes the example table strictly.
func TestDecodeTOML(t *testing.T) {
	const text = `
brokers = ["127.0.0.1:9092"]
topics = ["app-logs"]
group = "redactd"
start_at = "earliest"
session_timeout = "10s"
batch_size = 500
batch_wait = "2ms"
max_bytes = 2097152
commit_interval = "500ms"
tls = { ca_file = "ca.pem", cert_file = "c.pem", key_file = "k.pem", server_name = "kafka" }
sasl = { mechanism = "SCRAM-SHA-512", username = "redactd", password_file = "/etc/redactd/kafka.pw" }
`
	var c kafka.Config
	md, err := toml.Decode(text, &c)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if u := md.Undecoded(); len(u) != 0 {
		t.Errorf("undecoded keys %v; want none", u)
	}
	if c.SessionTimeout != 10*time.Second || c.BatchWait != 2*time.Millisecond || c.TLS.KeyFile != "k.pem" || c.SASL.PasswordFile != "/etc/redactd/kafka.pw" {
		t.Errorf("decoded %+v; want the values of the text", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate() = %v; want nil", err)
	}
	md, err = toml.Decode(strings.Replace(text, `username = "redactd",`, `username = "redactd", password = "hunter2",`, 1), &c)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if u := fmt.Sprint(md.Undecoded()); u != "[sasl.password]" {
		t.Errorf("undecoded keys = %s; want [sasl.password]", u)
	}
}
