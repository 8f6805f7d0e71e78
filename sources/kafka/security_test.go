package kafka_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redactd/redactd/internal/kafkaconf"
	"github.com/redactd/redactd/internal/kafkatest"
	"github.com/redactd/redactd/pipeline"
	sinkkafka "github.com/redactd/redactd/sinks/kafka"
)

// Canary passwords: they must never show up in a log line or an error.
const (
	canaryPassword = "canary-pw-3f9a1c77e2b04d5e"
	wrongPassword  = "canary-wrong-8b2e4f6a1d3c"
)

// TestSecure moves records through source and sink over TLS and SASL.
func TestSecure(t *testing.T) {
	tests := []struct {
		name      string
		mechanism string
		tls       bool
		mtls      bool
	}{
		{"mtls+scram-sha-512", kafkaconf.MechanismSCRAMSHA512, true, true},
		{"tls+scram-sha-256", kafkaconf.MechanismSCRAMSHA256, true, false},
		{"tls+plain", kafkaconf.MechanismPlain, true, false},
		{"loopback-plaintext+scram-sha-256", kafkaconf.MechanismSCRAMSHA256, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []kafkatest.Option{kafkatest.Topic("raw", 2), kafkatest.Topic("clean", 2),
				kafkatest.SASLUser(tt.mechanism, "redactd", canaryPassword)}
			if tt.tls {
				opts = append(opts, kafkatest.TLS(tt.mtls))
			}
			c := kafkatest.Start(t, opts...)
			t.Setenv("REDACTD_TEST_KAFKA_PASSWORD", canaryPassword)
			sec := kafkaconf.Security{SASL: &kafkaconf.SASL{Mechanism: tt.mechanism, Username: "redactd", PasswordEnv: "REDACTD_TEST_KAFKA_PASSWORD"}}
			if tt.tls {
				sec.TLS = &kafkaconf.TLS{CAFile: c.CAFile, ServerName: "localhost"}
				if tt.mtls {
					sec.TLS.CertFile, sec.TLS.KeyFile = c.CertFile, c.KeyFile
				}
			}
			produce(c, "raw", 2, 20, 0, secret, time.Now())

			cfg := fast(c, "secure", "raw")
			cfg.Security = sec
			src, srcLogs := newSource(t, cfg)
			sinkLogger, sinkLogs := newLogger(t)
			sink, err := sinkkafka.NewSink(sinkkafka.Config{Brokers: c.Addrs, Topic: "clean", Security: sec}, sinkLogger)
			if err != nil {
				t.Fatalf("NewSink: %v", err)
			}
			defer sink.Close(context.Background())
			r := start(t, src, newPipe(sink, secret))
			if got := c.Consume("clean", 40, 30*time.Second); len(got) != 40 {
				t.Fatalf("clean topic has %d records; want 40", len(got))
			}
			if err := r.stop(); err != nil {
				t.Fatalf("Run = %v; want nil", err)
			}
			if all := srcLogs.String() + sinkLogs.String(); strings.Contains(all, canaryPassword) {
				t.Errorf("logs hold the password")
			}
		})
	}
}

// TestWrongPassword checks that an authentication failure is logged and
// retried, names the broker and never shows the password.
func TestWrongPassword(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("raw", 1), kafkatest.Topic("clean", 1), kafkatest.TLS(false),
		kafkatest.SASLUser(kafkaconf.MechanismSCRAMSHA512, "redactd", canaryPassword))
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte(wrongPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sec := kafkaconf.Security{
		TLS:  &kafkaconf.TLS{CAFile: c.CAFile},
		SASL: &kafkaconf.SASL{Mechanism: "scram-sha-512", Username: "redactd", PasswordFile: pwFile},
	}
	cfg := fast(c, "wrong", "raw")
	cfg.Security = sec
	src, srcLogs := newSource(t, cfg)
	r := start(t, src, newPipe(nil, secret))

	sinkLogger, sinkLogs := newLogger(t)
	sink, err := sinkkafka.NewSink(sinkkafka.Config{Brokers: c.Addrs, Topic: "clean", Security: sec, BackoffMax: 200 * time.Millisecond}, sinkLogger)
	if err != nil {
		t.Fatalf("NewSink: %v", err)
	}
	defer sink.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	werr := sink.Write(ctx, []pipeline.Record{{Line: []byte("x")}})
	if werr == nil {
		t.Fatal("Write with a wrong password = nil; want an error")
	}
	waitFor(t, 10*time.Second, "the source to log a join failure", func() bool {
		return strings.Contains(srcLogs.String(), "cannot join consumer group")
	})
	if err := r.stop(); err != nil {
		t.Fatalf("Run = %v; want nil (auth errors are retried, not fatal)", err)
	}
	for what, text := range map[string]string{"sink error": werr.Error(), "sink log": sinkLogs.String(), "source log": srcLogs.String()} {
		if strings.Contains(text, wrongPassword) || strings.Contains(text, canaryPassword) {
			t.Errorf("%s holds a password", what)
		}
		if !strings.Contains(text, c.Addrs[0]) {
			t.Errorf("%s does not name the broker %s: %.300s", what, c.Addrs[0], text)
		}
	}
	if !strings.Contains(strings.ToLower(sinkLogs.String()+werr.Error()), "sasl") {
		t.Errorf("sink log and error do not say that SASL failed: %.300s", werr)
	}
}
