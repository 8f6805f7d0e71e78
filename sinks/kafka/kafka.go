// Package kafka is redactd's Kafka sink: it produces redacted records to a
// topic with segmentio/kafka-go, keeping each record's key (so that
// partitioning by key keeps per-key order), headers and timestamp.
//
// Write blocks until the broker acknowledged every record (acks from all
// in-sync replicas by default) and retries transient failures (broker down,
// leader moves, authentication refused) with exponential backoff for as
// long as its context allows, so the pipeline waits instead of dropping.
package kafka

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/compress"

	"github.com/redactd/redactd/internal/kafkaconf"
	"github.com/redactd/redactd/pipeline"
)

// Defaults for the zero values of Config.
const (
	DefaultBatchSize    = 1000
	DefaultBatchBytes   = 1 << 20 // below the broker's default message.max.bytes (1048588)
	DefaultBatchTimeout = 5 * time.Millisecond
	DefaultMaxAttempts  = 3
	DefaultRequiredAcks = "all"
	DefaultWriteTimeout = 10 * time.Second
	DefaultBackoffMax   = 10 * time.Second
)

const backoffMin = 100 * time.Millisecond

// Config is the `[[sinks.kafka]]` table. A zero value (with Brokers and
// Topic set) means the defaults.
type Config struct {
	// Name identifies the sink in logs and metrics (default "kafka:<topic>").
	Name string `toml:"name"`
	// Brokers are bootstrap "host:port" addresses. Required.
	Brokers []string `toml:"brokers"`
	// Topic is the topic records are written to. Required; it must exist
	// (the sink does not create topics).
	Topic string `toml:"topic"`
	// Compression is none (default), gzip, snappy, lz4 or zstd.
	Compression string `toml:"compression"`
	// BatchSize and BatchBytes bound one produce request per partition
	// (defaults 1000 records, 1 MiB). A record larger than BatchBytes is
	// refused with an error naming its offset, never retried.
	BatchSize  int   `toml:"batch_size"`
	BatchBytes int64 `toml:"batch_bytes"`
	// BatchTimeout is how long a partly filled batch waits for more records
	// of the same Write (default 5ms). Write flushes all it was given.
	BatchTimeout time.Duration `toml:"batch_timeout"`
	// RequiredAcks is "all" (default: every in-sync replica), "one" or
	// "none". "none" means the sink cannot know a record arrived.
	RequiredAcks string `toml:"required_acks"`
	// MaxAttempts is how often kafka-go tries one produce request before
	// Write sees the error (default 3). Write then logs it and tries again
	// with exponential backoff up to BackoffMax until its context ends.
	MaxAttempts int `toml:"max_attempts"`
	// WriteTimeout bounds one produce request (default 10s).
	WriteTimeout time.Duration `toml:"write_timeout"`
	// BackoffMax caps the wait between Write's retries (default 10s).
	BackoffMax time.Duration `toml:"backoff_max"`

	kafkaconf.Security
}

// Validate checks cfg; errors name the offending key.
func (c Config) Validate() error {
	if len(c.Brokers) == 0 {
		return errors.New("brokers: at least one broker address is required")
	}
	for _, b := range c.Brokers {
		if !strings.Contains(b, ":") {
			return fmt.Errorf("brokers: %q is not host:port", b)
		}
	}
	if c.Topic == "" {
		return errors.New("topic: required")
	}
	if _, err := compression(c.Compression); err != nil {
		return err
	}
	if _, err := requiredAcks(c.RequiredAcks); err != nil {
		return err
	}
	switch {
	case c.BatchSize < 0:
		return fmt.Errorf("batch_size: %d is negative", c.BatchSize)
	case c.BatchBytes < 0:
		return fmt.Errorf("batch_bytes: %d is negative", c.BatchBytes)
	case c.BatchTimeout < 0:
		return fmt.Errorf("batch_timeout: %v is negative", c.BatchTimeout)
	case c.MaxAttempts < 0:
		return fmt.Errorf("max_attempts: %d is negative", c.MaxAttempts)
	case c.WriteTimeout < 0:
		return fmt.Errorf("write_timeout: %v is negative", c.WriteTimeout)
	case c.BackoffMax < 0:
		return fmt.Errorf("backoff_max: %v is negative", c.BackoffMax)
	}
	return c.Security.Validate()
}

func compression(s string) (compress.Compression, error) {
	switch strings.ToLower(s) {
	case "", "none":
		return 0, nil
	case "gzip":
		return kafka.Gzip, nil
	case "snappy":
		return kafka.Snappy, nil
	case "lz4":
		return kafka.Lz4, nil
	case "zstd":
		return kafka.Zstd, nil
	}
	return 0, fmt.Errorf("compression: unknown codec %q (want none, gzip, snappy, lz4 or zstd)", s)
}

func requiredAcks(s string) (kafka.RequiredAcks, error) {
	switch strings.ToLower(s) {
	case "", "all", "-1":
		return kafka.RequireAll, nil
	case "one", "1":
		return kafka.RequireOne, nil
	case "none", "0":
		return kafka.RequireNone, nil
	}
	return 0, fmt.Errorf("required_acks: unknown value %q (want all, one or none)", s)
}

// Sink writes records to one Kafka topic. Write and Close must not be
// called concurrently (the pipeline calls them from one goroutine).
type Sink struct {
	cfg    Config
	name   string
	w      *kafka.Writer
	dialer *kafka.Dialer // for diagnosing connection failures
	logger *slog.Logger
	msgs   []kafka.Message // reused by Write
}

var _ pipeline.Sink = (*Sink)(nil)

// NewSink validates cfg, resolves its TLS and SASL settings (reading
// certificate and password files) and returns a Sink. It does not connect:
// the first Write does, and retries until the broker answers.
func NewSink(cfg Config, logger *slog.Logger) (*Sink, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("kafka sink: %w", err)
	}
	if cfg.Name == "" {
		cfg.Name = "kafka:" + cfg.Topic
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.BatchBytes == 0 {
		cfg.BatchBytes = DefaultBatchBytes
	}
	if cfg.BatchTimeout == 0 {
		cfg.BatchTimeout = DefaultBatchTimeout
	}
	if cfg.MaxAttempts == 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.WriteTimeout == 0 {
		cfg.WriteTimeout = DefaultWriteTimeout
	}
	if cfg.BackoffMax == 0 {
		cfg.BackoffMax = DefaultBackoffMax
	}
	logger = logger.With("sink", cfg.Name)
	sec, err := cfg.Security.Resolve(cfg.Brokers, logger)
	if err != nil {
		return nil, fmt.Errorf("kafka sink %s: %w", cfg.Name, err)
	}
	codec, _ := compression(cfg.Compression)
	acks, _ := requiredAcks(cfg.RequiredAcks)
	if acks == kafka.RequireNone {
		logger.Warn("kafka sink: required_acks = none: records may be lost without notice")
	}
	w := &kafka.Writer{
		Addr:            kafka.TCP(cfg.Brokers...),
		Topic:           cfg.Topic,
		Balancer:        &kafka.Hash{}, // same key, same partition; nil keys round-robin
		MaxAttempts:     cfg.MaxAttempts,
		WriteBackoffMin: backoffMin,
		WriteBackoffMax: time.Second,
		BatchSize:       cfg.BatchSize,
		BatchBytes:      cfg.BatchBytes,
		BatchTimeout:    cfg.BatchTimeout,
		ReadTimeout:     cfg.WriteTimeout,
		WriteTimeout:    cfg.WriteTimeout,
		RequiredAcks:    acks,
		Compression:     codec,
		Transport:       sec.Transport("redactd"),
	}
	return &Sink{cfg: cfg, name: cfg.Name, w: w, dialer: sec.Dialer("redactd"), logger: logger}, nil
}

// Name returns the configured name of the sink.
func (s *Sink) Name() string { return s.name }

// Write produces recs in order and returns when the broker acknowledged
// every one. Each record's Line becomes the message value, Key the key,
// Headers the headers and Meta.Time the timestamp (the produce time when
// zero). Records go in chunks of at most batch_size records and
// batch_bytes bytes, one produce request per partition per chunk, so a
// failed request is retried whole and per-key order holds.
//
// Transient errors are logged and retried with exponential backoff until
// ctx ends; Write then returns an error naming the brokers and wrapping
// ctx's error. A record too large for batch_bytes fails at once. Write
// does not retain recs or their slices.
func (s *Sink) Write(ctx context.Context, recs []pipeline.Record) error {
	for len(recs) > 0 {
		n, size := 0, int64(0)
		for n < len(recs) && n < s.cfg.BatchSize {
			sz := recordSize(&recs[n])
			if sz > s.cfg.BatchBytes {
				if n == 0 {
					m := recs[0].Meta
					return fmt.Errorf("kafka sink %s: record of %d bytes (from %s offset %d) exceeds batch_bytes %d", s.name, sz, where(m), m.Offset, s.cfg.BatchBytes)
				}
				break
			}
			if n > 0 && size+sz > s.cfg.BatchBytes {
				break
			}
			size += sz
			n++
		}
		if err := s.writeChunk(ctx, recs[:n]); err != nil {
			return err
		}
		recs = recs[n:]
	}
	return nil
}

func where(m pipeline.Meta) string {
	if m.Topic != "" {
		return fmt.Sprintf("%s/%d", m.Topic, m.Partition)
	}
	if m.Path != "" {
		return m.Path
	}
	return m.Source
}

// recordSize estimates what kafka-go counts against BatchBytes.
func recordSize(r *pipeline.Record) int64 {
	n := int64(len(r.Line) + len(r.Key) + 32)
	for _, h := range r.Headers {
		n += int64(len(h.Key) + len(h.Value) + 8)
	}
	return n
}

func (s *Sink) writeChunk(ctx context.Context, recs []pipeline.Record) error {
	msgs := s.msgs[:0]
	for i := range recs {
		r := &recs[i]
		m := kafka.Message{Key: r.Key, Value: r.Line, Time: r.Meta.Time}
		if len(r.Headers) > 0 {
			m.Headers = make([]kafka.Header, len(r.Headers))
			for j, h := range r.Headers {
				m.Headers[j] = kafka.Header{Key: h.Key, Value: h.Value}
			}
		}
		msgs = append(msgs, m)
	}
	defer func() {
		clear(msgs) // drop references to the records' bytes
		s.msgs = msgs[:0]
	}()

	pending := msgs
	for attempt := 0; ; attempt++ {
		err := s.w.WriteMessages(ctx, pending...)
		if err == nil {
			if attempt > 0 {
				s.logger.Info("kafka sink: write succeeded after retries", "topic", s.cfg.Topic, "attempts", attempt+1)
			}
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("kafka sink %s: write to %s at %s: %w (last error: %s)", s.name, s.cfg.Topic, strings.Join(s.cfg.Brokers, ","), ctx.Err(), errText(err))
		}
		var tooLarge kafka.MessageTooLargeError
		if errors.As(err, &tooLarge) {
			return fmt.Errorf("kafka sink %s: write to %s: %w", s.name, s.cfg.Topic, err)
		}
		// Retry only the messages whose produce request failed: a chunk
		// puts each partition's messages into one request, so what is
		// retried is whole partitions and per-partition order holds.
		var werrs kafka.WriteErrors
		if errors.As(err, &werrs) && len(werrs) == len(pending) {
			failed := pending[:0:0]
			for i, e := range werrs {
				if e != nil {
					failed = append(failed, pending[i])
				}
			}
			pending = failed
		}
		// kafka-go's Writer reports a refused TLS or SASL handshake as a bare
		// "unexpected EOF"; dial a broker directly to name the real cause.
		if cause := s.diagnose(ctx, err); cause != "" {
			err = fmt.Errorf("%w (%s)", err, cause)
		}
		d := backoff(attempt, s.cfg.BackoffMax)
		s.logger.Warn("kafka sink: write failed; retrying", "topic", s.cfg.Topic, "brokers", s.cfg.Brokers,
			"records", len(pending), "attempt", attempt+1, "retry_in", d, "error", errText(err))
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("kafka sink %s: write to %s at %s: %w (last error: %s)", s.name, s.cfg.Topic, strings.Join(s.cfg.Brokers, ","), ctx.Err(), errText(err))
		case <-t.C:
		}
	}
}

// diagnose dials the brokers when err is not a Kafka protocol error and
// returns the first dial error (connection refused, TLS or SASL failure:
// they name the broker, never the password), or "" when a dial succeeds.
func (s *Sink) diagnose(ctx context.Context, err error) string {
	var kerr kafka.Error
	if errors.As(err, &kerr) {
		return ""
	}
	var werrs kafka.WriteErrors
	if errors.As(err, &werrs) {
		for _, e := range werrs {
			if errors.As(e, &kerr) {
				return ""
			}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var first error
	for _, b := range s.cfg.Brokers {
		conn, err := s.dialer.DialContext(ctx, "tcp", b)
		if err == nil {
			_ = conn.Close()
			return ""
		}
		if first == nil {
			first = err
		}
	}
	return first.Error()
}

// errText summarises kafka-go errors: WriteErrors prints one line per
// message, which floods logs; keep the first distinct error and a count.
func errText(err error) string {
	var werrs kafka.WriteErrors
	if errors.As(err, &werrs) {
		for _, e := range werrs {
			if e != nil {
				return fmt.Sprintf("%d of %d messages failed: %v", werrs.Count(), len(werrs), e)
			}
		}
	}
	return err.Error()
}

func backoff(attempt int, max time.Duration) time.Duration {
	d := backoffMin << min(attempt, 16)
	if d > max || d <= 0 {
		d = max
	}
	return d
}

// Close closes the writer. Write is synchronous, so nothing is buffered by
// the time Close is called; ctx is not needed.
func (s *Sink) Close(context.Context) error {
	if err := s.w.Close(); err != nil {
		return fmt.Errorf("kafka sink %s: close: %w", s.name, err)
	}
	return nil
}
