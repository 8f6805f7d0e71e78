package alerts

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"time"

	"github.com/segmentio/kafka-go"
)

// kafkaSender writes each alert as one JSON message keyed by its
// fingerprint ("summary" for a summary), synchronously, acked by all
// in-sync replicas. kafka-go retries internally.
type kafkaSender struct {
	w    *kafka.Writer
	msgs []kafka.Message
}

// newKafkaSender resolves c's TLS and SASL settings (key names c in errors)
// and builds the writer; it connects lazily.
func newKafkaSender(key string, c KafkaConfig, logger *slog.Logger) (*kafkaSender, error) {
	cl, err := c.Security.Resolve(c.Brokers, logger)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return &kafkaSender{w: &kafka.Writer{
		Transport:    cl.Transport("redactd-alerts"),
		Addr:         kafka.TCP(c.Brokers...),
		Topic:        c.Topic,
		Balancer:     &kafka.Hash{},
		RequiredAcks: kafka.RequireAll,
		BatchTimeout: 5 * time.Millisecond, // alerts are few: do not wait for a full batch
		WriteTimeout: c.Timeout,
		ReadTimeout:  c.Timeout,
	}}, nil
}

func (s *kafkaSender) send(ctx context.Context, batch []*Alert) error {
	s.msgs = s.msgs[:0]
	for _, a := range batch {
		v, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("encode alert: %w", err)
		}
		key := a.Fingerprint
		if a.Type == TypeSummary {
			key = TypeSummary
		}
		s.msgs = append(s.msgs, kafka.Message{Key: []byte(key), Value: v})
	}
	err := s.w.WriteMessages(ctx, s.msgs...)
	clear(s.msgs)
	if err != nil {
		return fmt.Errorf("write to kafka topic %s: %w", s.w.Topic, err)
	}
	return nil
}

func (s *kafkaSender) close() error { return s.w.Close() }
