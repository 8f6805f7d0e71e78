package kafka_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/redactd/redactd/internal/kafkatest"
	"github.com/redactd/redactd/pipeline"
	sinkkafka "github.com/redactd/redactd/sinks/kafka"
	"github.com/redactd/redactd/sources/kafka"
)

const benchMsgs, benchParts, benchSize = 40000, 4, 200

func benchCluster(b *testing.B) *kafkatest.Cluster {
	c := kafkatest.Start(b, kafkatest.Topic("raw", benchParts), kafkatest.Topic("clean", benchParts))
	val := bytes.Repeat([]byte("x"), benchSize)
	recs := make([]*kgo.Record, 0, benchMsgs)
	for i := range benchMsgs {
		recs = append(recs, &kgo.Record{Partition: int32(i % benchParts), Key: fmt.Appendf(nil, "k%d", i%100), Value: val})
	}
	c.Produce("raw", recs...)
	return c
}

// BenchmarkSource measures consuming benchMsgs messages from kfake with
// immediate acks (one op = the whole topic, consumed by a fresh group).
func BenchmarkSource(b *testing.B) {
	c := benchCluster(b)
	b.SetBytes(benchMsgs * benchSize)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		src, err := kafka.NewSource(kafka.Config{Brokers: c.Addrs, Topics: []string{"raw"}, Group: fmt.Sprint("bench", i),
			SessionTimeout: time.Second, HeartbeatInterval: 100 * time.Millisecond, RebalanceTimeout: 5 * time.Second, DrainTimeout: time.Second}, nil)
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		out := make(chan pipeline.Batch, 16)
		done := make(chan error, 1)
		go func() { done <- src.Run(ctx, out) }()
		for n := 0; n < benchMsgs; {
			bt := <-out
			n += len(bt.Records)
			bt.Ack(nil)
		}
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSink measures producing benchMsgs records to kfake with
// acks=all, in Writes of 1000 records.
func BenchmarkSink(b *testing.B) {
	c := kafkatest.Start(b, kafkatest.Topic("clean", benchParts))
	s, err := sinkkafka.NewSink(sinkkafka.Config{Brokers: c.Addrs, Topic: "clean"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(context.Background())
	val := bytes.Repeat([]byte("x"), benchSize)
	recs := make([]pipeline.Record, 1000)
	for i := range recs {
		recs[i] = pipeline.Record{Line: val, Key: fmt.Appendf(nil, "k%d", i%100)}
	}
	b.SetBytes(benchMsgs * benchSize)
	b.ReportAllocs()
	for b.Loop() {
		for range benchMsgs / len(recs) {
			if err := s.Write(context.Background(), recs); err != nil {
				b.Fatal(err)
			}
		}
	}
}
