package main

// Failing reproduction (not committed): a PEM private key block with raw
// newlines inside ONE Kafka message value or header value passes unredacted.
// Drop into cmd/redactd/ next to canary_test.go and run
//   go test -count=1 -run TestBinaryKafkaMultiLinePEMValue ./cmd/redactd/

import (
	"fmt"
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

func TestBinaryKafkaMultiLinePEMValue(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("raw", 1), kafkatest.Topic("clean", 1))
	cfg := filepath.Join(t.TempDir(), "k.toml")
	b := fmt.Sprintf("%q", c.Addrs[0])
	os.WriteFile(cfg, []byte("[[sources.kafka]]\nbrokers = ["+b+"]\ntopics = [\"raw\"]\ngroup = \"g\"\n[[sinks.kafka]]\nbrokers = ["+b+"]\ntopic = \"clean\"\n"), 0o600)
	can := newCanaries("pem-bug")
	block := pemBegin + "\n" + strings.Join(can.pem, "\n") + "\n" + pemEnd
	c.Produce("raw", &kgo.Record{Value: []byte(block), Headers: []kgo.RecordHeader{{Key: "x-key", Value: []byte(block)}}})
	cmd := exec.Command(binPath, "-c", cfg)
	cmd.Env = append(os.Environ(), "REDACTD_FINGERPRINT_KEY="+testKey)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	got := c.Consume("clean", 1, 20*time.Second)
	if len(got) != 1 {
		t.Fatalf("got %d records", len(got))
	}
	for _, l := range can.pem {
		if strings.Contains(string(got[0].Value), l) {
			t.Errorf("PEM body line leaked in the value: %q", got[0].Value)
		}
		if strings.Contains(string(got[0].Headers[0].Value), l) {
			t.Errorf("PEM body line leaked in header x-key: %q", got[0].Headers[0].Value)
		}
	}
}
