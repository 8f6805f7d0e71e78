package kafka_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/redactd/redactd/internal/kafkatest"
	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sources/kafka"
)

func Example() {
	t := &testing.T{} // a test's *testing.T; the broker runs in-process
	broker := kafkatest.Start(t, kafkatest.Topic("app-logs", 1))
	defer broker.Stop()
	broker.Produce("app-logs", &kgo.Record{Key: []byte("web-1"), Value: []byte("GET /health 200\nsecond line, same record")})

	src, err := kafka.NewSource(kafka.Config{
		Brokers: broker.Addrs,
		Topics:  []string{"app-logs"},
		Group:   "redactd",
	}, slog.Default())
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	out := make(chan pipeline.Batch, 1)
	done := make(chan error, 1)
	go func() { done <- src.Run(ctx, out) }()

	b := <-out
	for _, r := range b.Records {
		fmt.Printf("%s %s offset=%d key=%s %q\n", b.Stream, r.Meta.Source, r.Meta.Offset, r.Key, r.Line)
	}
	b.Ack(nil) // every sink wrote it: the offset may be committed
	cancel()   // Run commits what was acked, leaves the group and returns
	fmt.Println("run:", <-done)
	fmt.Println("committed:", broker.Committed("redactd", "app-logs"))
	// Output:
	// app-logs/0 kafka offset=0 key=web-1 "GET /health 200\nsecond line, same record"
	// run: <nil>
	// committed: map[0:1]
}
