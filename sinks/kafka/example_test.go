package kafka_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/redactd/redactd/internal/kafkatest"
	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sinks/kafka"
)

func Example() {
	t := &testing.T{} // a test's *testing.T; the broker runs in-process
	broker := kafkatest.Start(t, kafkatest.Topic("app-logs-clean", 1))
	defer broker.Stop()

	sink, err := kafka.NewSink(kafka.Config{Brokers: broker.Addrs, Topic: "app-logs-clean", Compression: "zstd"}, slog.Default())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sink.Close(context.Background())
	err = sink.Write(context.Background(), []pipeline.Record{{
		Line:    []byte("user=alice token=[REDACTED:generic-token:1f2e3d4c5b6a7988]"),
		Key:     []byte("alice"),
		Headers: []pipeline.Header{{Key: "host", Value: []byte("web-1")}},
	}})
	fmt.Println("write:", err)
	for _, r := range broker.Consume("app-logs-clean", 1, 10*time.Second) {
		fmt.Printf("%s %s %s=%s\n", r.Key, r.Value, r.Headers[0].Key, r.Headers[0].Value)
	}
	// Output:
	// write: <nil>
	// alice user=alice token=[REDACTED:generic-token:1f2e3d4c5b6a7988] host=web-1
}
