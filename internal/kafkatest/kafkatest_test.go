package kafkatest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/redactd/redactd/internal/kafkatest"
)

func TestStartProduceConsumeRestart(t *testing.T) {
	tests := []struct {
		name string
		opts []kafkatest.Option
	}{
		{"plain", nil},
		{"tls+scram", []kafkatest.Option{kafkatest.TLS(true), kafkatest.SASLUser("SCRAM-SHA-512", "u", "p")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := kafkatest.Start(t, append(tt.opts, kafkatest.Topic("t", 2))...)
			c.Produce("t", &kgo.Record{Value: []byte("a"), Partition: 0}, &kgo.Record{Value: []byte("b"), Partition: 1})
			if got := c.Consume("t", 2, 10*time.Second); len(got) != 2 {
				t.Fatalf("Consume(t) = %d records; want 2", len(got))
			}
			addr := c.Addrs[0]
			c.Restart()
			if c.Addrs[0] != addr {
				t.Errorf("Addrs after Restart = %v; want %v", c.Addrs[0], addr)
			}
			c.Produce("t", &kgo.Record{Value: []byte("c")})
			if got := c.Consume("t", 3, 10*time.Second); len(got) != 3 {
				t.Fatalf("Consume(t) after restart = %d records; want 3 (data kept)", len(got))
			}
		})
	}
}

func Example() {
	t := &testing.T{} // in a test, use the test's *testing.T
	c := kafkatest.Start(t, kafkatest.Topic("logs", 1))
	defer c.Stop()
	c.Produce("logs", &kgo.Record{Key: []byte("k"), Value: []byte("hello")})
	for _, r := range c.Consume("logs", 1, 10*time.Second) {
		fmt.Printf("%s=%s\n", r.Key, r.Value)
	}
	// Output: k=hello
}
