package kafka_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/redactd/redactd/internal/kafkatest"
	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sources/kafka"
)

// A message value longer than max_line_bytes is one Oversize record, never
// cut: with oversize = "scan" (default) its Window is empty (the value is
// its own context), with "redact" it has none (replaced whole).
func TestOversizeMessages(t *testing.T) {
	for _, mode := range []string{"", "redact"} {
		t.Run("mode="+mode, func(t *testing.T) {
			c := kafkatest.Start(t, kafkatest.Topic("raw", 1))
			c.Produce("raw",
				&kgo.Record{Topic: "raw", Value: []byte("short")},
				&kgo.Record{Topic: "raw", Value: bytes.Repeat([]byte("x"), 1024)},
				&kgo.Record{Topic: "raw", Value: bytes.Repeat([]byte("y"), 5000)},
			)
			cfg := fast(c, "g-"+mode, "raw")
			cfg.MaxLineBytes, cfg.Oversize = 1024, mode
			src, _ := newSource(t, cfg)
			ctx, cancel := context.WithCancel(context.Background())
			out := make(chan pipeline.Batch, 16)
			done := make(chan error, 1)
			go func() { done <- src.Run(ctx, out) }()
			var recs []pipeline.Record
			deadline := time.After(20 * time.Second)
			for len(recs) < 3 {
				select {
				case b := <-out:
					recs = append(recs, b.Records...)
					b.Ack(nil)
				case <-deadline:
					t.Fatalf("%d records", len(recs))
				}
			}
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			for i, r := range recs {
				over := i == 2
				if r.Oversize != over || len(r.Line) != []int{5, 1024, 5000}[i] {
					t.Fatalf("record %d: %d bytes, Oversize %v", i, len(r.Line), r.Oversize)
				}
				wantWindow := over && mode == ""
				if (r.Window != nil) != wantWindow || r.Window != nil && len(r.Window.Before)+len(r.Window.After) > 0 {
					t.Fatalf("record %d: Window %+v", i, r.Window)
				}
			}
		})
	}
	if err := (kafka.Config{Brokers: []string{"b:9092"}, Topics: []string{"t"}, Group: "g", Oversize: "cut"}).Validate(); err == nil || err.Error() != `oversize: want "scan" or "redact", got "cut"` {
		t.Fatalf("Validate = %v", err)
	}
}
