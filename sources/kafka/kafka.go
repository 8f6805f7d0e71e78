// Package kafka is redactd's Kafka source: it consumes topics as a member
// of a consumer group with segmentio/kafka-go and commits offsets only
// below what every sink has written (at-least-once).
//
// Each message value is one pipeline.Record (a value with newlines inside
// stays one record), with the message's key, headers and timestamp. Batches
// hold messages of one partition in offset order; Batch.Stream is
// "topic/partition".
//
// # Consumer group handling
//
// The source drives kafka-go's ConsumerGroup itself rather than a Reader
// with a GroupID, because the Reader hides rebalances: it keeps accepting
// commits for partitions it no longer owns and silently re-fetches
// partitions it kept. Here every group generation gets its own
// per-partition fetchers and Watermarks; when a generation ends (a member
// joined or left, the coordinator moved, a heartbeat failed) the source
// stops fetching, waits up to drain_timeout for the batches already in the
// pipeline to be acked, commits what was acked with that generation's id
// (the coordinator accepts it while the group is preparing the rebalance),
// and only then rejoins. Acks that arrive later belong to a finished
// generation and are never committed: the partition's new owner replays
// from the last commit. Duplicates are possible; loss is not.
package kafka

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/segmentio/kafka-go"
	"golang.org/x/sync/errgroup"

	"github.com/redactd/redactd/internal/kafkaconf"
	"github.com/redactd/redactd/pipeline"
)

// Defaults for the zero values of Config.
const (
	DefaultStartAt          = "earliest"
	DefaultSessionTimeout   = 10 * time.Second
	DefaultRebalanceTimeout = 30 * time.Second
	DefaultBatchSize        = 1000
	DefaultBatchBytes       = 1 << 20
	DefaultBatchWait        = 5 * time.Millisecond
	DefaultMaxBytes         = 1 << 20
	DefaultMaxLineBytes     = 1 << 20
	DefaultMinBytes         = 1
	DefaultMaxWait          = time.Second
	DefaultCommitInterval   = time.Second
	DefaultDrainTimeout     = 10 * time.Second
	DefaultBackoffMax       = 10 * time.Second
)

const backoffMin = 100 * time.Millisecond

// Config is the `[[sources.kafka]]` table. A zero value (with Brokers,
// Topics and Group set) means the defaults.
type Config struct {
	// Name identifies the source in records (Meta.Name) and logs
	// (default "kafka:<group>").
	Name string `toml:"name"`
	// Brokers are bootstrap "host:port" addresses. Required.
	Brokers []string `toml:"brokers"`
	// Topics are consumed as one group subscription. Required.
	Topics []string `toml:"topics"`
	// Group is the consumer group id. Required.
	Group string `toml:"group"`
	// StartAt is where a partition without a committed offset starts:
	// "earliest" (default) or "latest".
	StartAt string `toml:"start_at"`
	// SessionTimeout is how soon the coordinator gives a silent member's
	// partitions to the others (default 10s).
	SessionTimeout time.Duration `toml:"session_timeout"`
	// HeartbeatInterval (default session_timeout/10, between 100ms and 3s)
	// is also how soon a member notices a rebalance.
	HeartbeatInterval time.Duration `toml:"heartbeat_interval"`
	// RebalanceTimeout is how long the coordinator waits for members to
	// rejoin during a rebalance (default 30s). Keep drain_timeout below it.
	RebalanceTimeout time.Duration `toml:"rebalance_timeout"`
	// BatchSize and BatchBytes cut batches (defaults 1000 messages,
	// 1 MiB); BatchWait is how long a batch waits for more messages after
	// the first (default 5ms), so latency stays in milliseconds.
	BatchSize  int           `toml:"batch_size"`
	BatchBytes int           `toml:"batch_bytes"`
	BatchWait  time.Duration `toml:"batch_wait"`
	// MaxBytes bounds one fetch response per partition (default 1 MiB);
	// it must exceed the largest message. MinBytes (default 1) and
	// MaxWait (default 1s) are the fetch long-poll; MaxWait also bounds
	// how long stopping a fetcher takes.
	MaxBytes int           `toml:"max_bytes"`
	MinBytes int           `toml:"min_bytes"`
	MaxWait  time.Duration `toml:"max_wait"`
	// CommitInterval is how often acked offsets are committed (default
	// 1s); they are also committed on rebalance and shutdown.
	CommitInterval time.Duration `toml:"commit_interval"`
	// DrainTimeout bounds the wait for acks of batches in the pipeline on
	// rebalance and shutdown (default 10s).
	DrainTimeout time.Duration `toml:"drain_timeout"`
	// BackoffMax caps the exponential backoff after connection, join and
	// fetch errors (default 10s).
	BackoffMax time.Duration `toml:"backoff_max"`
	// MaxLineBytes and Oversize treat a message value longer than
	// MaxLineBytes (default 1 MiB) as the other sources treat a long
	// line, except that a message is never cut: with Oversize "scan"
	// (default) the detect stage scans the value whole (it is its own
	// window: the message is in memory anyway) and counts it as an
	// oversize piece scanned; with "redact" it replaces the value whole
	// with one oversize token.
	MaxLineBytes int    `toml:"max_line_bytes"`
	Oversize     string `toml:"oversize"`

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
	if len(c.Topics) == 0 {
		return errors.New("topics: at least one topic is required")
	}
	for _, t := range c.Topics {
		if t == "" {
			return errors.New("topics: empty topic name")
		}
	}
	if c.Group == "" {
		return errors.New("group: required (consumer group id)")
	}
	if _, err := startOffset(c.StartAt); err != nil {
		return err
	}
	for _, d := range []struct {
		key string
		v   time.Duration
	}{
		{"session_timeout", c.SessionTimeout}, {"heartbeat_interval", c.HeartbeatInterval},
		{"rebalance_timeout", c.RebalanceTimeout}, {"batch_wait", c.BatchWait}, {"max_wait", c.MaxWait},
		{"commit_interval", c.CommitInterval}, {"drain_timeout", c.DrainTimeout}, {"backoff_max", c.BackoffMax},
	} {
		if d.v < 0 {
			return fmt.Errorf("%s: %v is negative", d.key, d.v)
		}
	}
	for _, n := range []struct {
		key string
		v   int
	}{
		{"batch_size", c.BatchSize}, {"batch_bytes", c.BatchBytes}, {"max_bytes", c.MaxBytes}, {"min_bytes", c.MinBytes},
		{"max_line_bytes", c.MaxLineBytes},
	} {
		if n.v < 0 {
			return fmt.Errorf("%s: %d is negative", n.key, n.v)
		}
	}
	if err := pipeline.ValidateOversize(c.Oversize); err != nil {
		return err
	}
	if c.MaxBytes > 0 && c.MinBytes > c.MaxBytes {
		return fmt.Errorf("min_bytes: %d exceeds max_bytes %d", c.MinBytes, c.MaxBytes)
	}
	if c.HeartbeatInterval > 0 && c.SessionTimeout > 0 && c.HeartbeatInterval >= c.SessionTimeout {
		return fmt.Errorf("heartbeat_interval: %v must be below session_timeout %v", c.HeartbeatInterval, c.SessionTimeout)
	}
	eff := c
	eff.setDefaults()
	if eff.DrainTimeout >= eff.RebalanceTimeout {
		return fmt.Errorf("drain_timeout: %v must be below rebalance_timeout %v (else the group expels this member while it drains)", eff.DrainTimeout, eff.RebalanceTimeout)
	}
	return c.Security.Validate()
}

func startOffset(s string) (int64, error) {
	switch strings.ToLower(s) {
	case "", "earliest":
		return kafka.FirstOffset, nil
	case "latest":
		return kafka.LastOffset, nil
	}
	return 0, fmt.Errorf("start_at: unknown value %q (want earliest or latest)", s)
}

func (c *Config) setDefaults() {
	if c.Name == "" {
		c.Name = "kafka:" + c.Group
	}
	def := func(p *time.Duration, v time.Duration) {
		if *p == 0 {
			*p = v
		}
	}
	defInt := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	def(&c.SessionTimeout, DefaultSessionTimeout)
	def(&c.HeartbeatInterval, min(max(c.SessionTimeout/10, 100*time.Millisecond), 3*time.Second))
	def(&c.RebalanceTimeout, DefaultRebalanceTimeout)
	def(&c.BatchWait, DefaultBatchWait)
	def(&c.MaxWait, DefaultMaxWait)
	def(&c.CommitInterval, DefaultCommitInterval)
	def(&c.DrainTimeout, DefaultDrainTimeout)
	def(&c.BackoffMax, DefaultBackoffMax)
	defInt(&c.BatchSize, DefaultBatchSize)
	defInt(&c.BatchBytes, DefaultBatchBytes)
	defInt(&c.MaxBytes, DefaultMaxBytes)
	defInt(&c.MinBytes, DefaultMinBytes)
	defInt(&c.MaxLineBytes, DefaultMaxLineBytes)
	if c.Oversize == "" {
		c.Oversize = pipeline.OversizeScan
	}
}

// Source consumes Kafka topics as a consumer group member. Run may be
// called once.
type Source struct {
	cfg    Config
	start  int64
	dialer *kafka.Dialer
	logger *slog.Logger
	hooks  Hooks
}

// Hooks report progress to metrics. Each func may be nil; they are called
// from the source's goroutines and must be fast and safe for concurrent use.
type Hooks struct {
	// Committed is called after a commit succeeded, or found nothing new
	// to commit: the committed offsets are current as of t.
	Committed func(t time.Time)
	// Lag is called after each batch with the partition's distance, in
	// messages, between the batch's end and the partition's high-water mark.
	Lag func(topic string, partition int32, lag int64)
}

// SetHooks installs h. Call it before Run.
func (s *Source) SetHooks(h Hooks) { s.hooks = h }

var _ pipeline.Source = (*Source)(nil)

// NewSource validates cfg, resolves its TLS and SASL settings (reading
// certificate and password files) and returns a Source. It does not
// connect; Run does, and retries until the brokers answer.
func NewSource(cfg Config, logger *slog.Logger) (*Source, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("kafka source: %w", err)
	}
	cfg.setDefaults()
	logger = logger.With("source", cfg.Name, "group", cfg.Group)
	sec, err := cfg.Security.Resolve(cfg.Brokers, logger)
	if err != nil {
		return nil, fmt.Errorf("kafka source %s: %w", cfg.Name, err)
	}
	start, _ := startOffset(cfg.StartAt)
	return &Source{cfg: cfg, start: start, dialer: sec.Dialer("redactd"), logger: logger}, nil
}

// Name returns the configured name of the source.
func (s *Source) Name() string { return s.cfg.Name }

// Run joins the consumer group and sends batches on out until ctx is
// cancelled or a batch is acked with an error. Connection, authentication
// and group errors are logged (naming the brokers) and retried with
// exponential backoff; Run keeps waiting.
//
// On cancellation Run stops fetching, waits up to drain_timeout for the
// acks of batches already sent, commits what was acked, leaves the group
// and returns nil (also when batches were acked with pipeline.ErrStopped
// after the cancellation). When a batch is acked with an error, Run stops
// consuming, commits only below that batch and returns an error naming
// its partition and offsets; a restart replays from there.
func (s *Source) Run(ctx context.Context, out chan<- pipeline.Batch) error {
	cg, err := kafka.NewConsumerGroup(kafka.ConsumerGroupConfig{
		ID:                s.cfg.Group,
		Brokers:           s.cfg.Brokers,
		Dialer:            s.dialer,
		Topics:            s.cfg.Topics,
		HeartbeatInterval: s.cfg.HeartbeatInterval,
		SessionTimeout:    s.cfg.SessionTimeout,
		RebalanceTimeout:  s.cfg.RebalanceTimeout,
		JoinGroupBackoff:  time.Second,
		StartOffset:       s.start,
		// No ErrorLogger: the group's errors come back from Next and are
		// logged there, once.
	})
	if err != nil {
		return fmt.Errorf("kafka source %s: %w", s.cfg.Name, err)
	}
	defer cg.Close() // leaves the group

	for attempt := 0; ; {
		gen, err := cg.Next(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			d := backoff(attempt, s.cfg.BackoffMax)
			attempt++
			level := slog.LevelWarn
			if errors.Is(err, kafka.RebalanceInProgress) {
				level = slog.LevelInfo // another member joined or left meanwhile
			}
			s.logger.Log(ctx, level, "kafka source: cannot join consumer group; retrying",
				"brokers", s.cfg.Brokers, "retry_in", d, "attempt", attempt, "error", err.Error())
			if !sleep(ctx, d) {
				return nil
			}
			continue
		}
		if attempt > 0 {
			s.logger.Info("kafka source: joined consumer group", "brokers", s.cfg.Brokers, "attempts", attempt+1)
		}
		attempt = 0
		done := make(chan error, 1)
		// kafka-go runs fn on its own goroutine and does not rejoin the
		// group until fn returns; fn exits when the generation ends, ctx is
		// cancelled or a batch fails.
		gen.Start(func(gctx context.Context) { done <- s.consume(ctx, gctx, gen, out) })
		if err := <-done; err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// kafkaLog forwards kafka-go's error log lines (connection failures,
// offsets skipped) at warn level. They carry addresses, topics and
// offsets, never message contents or passwords.
func (s *Source) kafkaLog(format string, args ...any) {
	s.logger.Warn("kafka-go: " + strings.TrimSpace(fmt.Sprintf(format, args...)))
}

// partState is one assigned partition within one generation.
type partState struct {
	topic     string
	partition int
	start     int64 // assignment offset: absolute, or FirstOffset/LastOffset
	stream    string
	wm        *pipeline.Watermark
	committed int64 // last offset committed in this generation (committer only)
}

// genState is what the acks of one generation's batches report to.
type genState struct {
	inflight atomic.Int64  // batches sent and not yet acked
	acked    chan struct{} // poked (non-blocking) on every ack
	failOnce sync.Once
	failed   chan struct{} // closed on the first failed ack
	failErr  error         // set before failed is closed
}

func (g *genState) ack() {
	g.inflight.Add(-1)
	select {
	case g.acked <- struct{}{}:
	default:
	}
}

// consume runs one generation: a fetcher per assigned partition and a
// periodic committer. It returns after the fetchers stopped, in-flight
// batches were drained (up to drain_timeout) and the final commit was
// tried; the error is non-nil only when a batch was acked with an error.
func (s *Source) consume(ctx, gctx context.Context, gen *kafka.Generation, out chan<- pipeline.Batch) error {
	st := &genState{acked: make(chan struct{}, 1), failed: make(chan struct{})}
	var parts []*partState
	for topic, as := range gen.Assignments {
		for _, a := range as {
			wm := pipeline.NewWatermark(-1) // -1: nothing acked yet
			if a.Offset >= 0 {
				wm = pipeline.NewWatermark(a.Offset)
			}
			parts = append(parts, &partState{
				topic: topic, partition: a.ID, start: a.Offset,
				stream: topic + "/" + strconv.Itoa(a.ID), wm: wm, committed: a.Offset,
			})
		}
	}
	slices.SortFunc(parts, func(a, b *partState) int {
		return cmp.Or(strings.Compare(a.topic, b.topic), cmp.Compare(a.partition, b.partition))
	})
	s.logger.Info("kafka source: generation started", "generation", gen.ID, "partitions", streams(parts))

	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, fctx := errgroup.WithContext(fctx)
	g.Go(func() error { // stops fetching when the generation ends or a batch fails
		select {
		case <-gctx.Done():
		case <-st.failed:
		case <-fctx.Done():
		}
		cancel()
		return nil
	})
	g.Go(func() error { // periodic commits
		t := time.NewTicker(s.cfg.CommitInterval)
		defer t.Stop()
		for {
			select {
			case <-fctx.Done():
				return nil
			case <-t.C:
				s.commit(gen, parts)
			}
		}
	})
	for _, p := range parts {
		g.Go(func() error { return s.fetch(fctx, p, st, out) })
	}
	_ = g.Wait() // the fetchers and the committer return nil

	s.drain(st)
	s.commit(gen, parts)
	select {
	case <-st.failed:
		if ctx.Err() != nil && errors.Is(st.failErr, pipeline.ErrStopped) {
			// A normal shutdown: the pipeline stopped before writing
			// everything; the commit stayed below it and a restart replays.
			s.logger.Info("kafka source: stopped with unwritten batches; they will be replayed", "error", st.failErr.Error())
			return nil
		}
		return st.failErr
	default:
	}
	if ctx.Err() == nil {
		s.logger.Info("kafka source: generation ended; rejoining", "generation", gen.ID)
	}
	return nil
}

func streams(parts []*partState) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p.stream
	}
	return out
}

// drain waits until every batch sent in this generation was acked, or
// drain_timeout passes.
func (s *Source) drain(st *genState) {
	if st.inflight.Load() == 0 {
		return
	}
	t := time.NewTimer(s.cfg.DrainTimeout)
	defer t.Stop()
	for st.inflight.Load() > 0 {
		select {
		case <-st.acked:
		case <-t.C:
			s.logger.Warn("kafka source: batches still unacknowledged after drain_timeout; they will be replayed",
				"batches", st.inflight.Load(), "drain_timeout", s.cfg.DrainTimeout)
			return
		}
	}
}

// commit commits, with gen's id, every partition whose watermark moved.
// A failed commit is logged and retried at the next tick; after the
// generation ended it is dropped (the partition's next owner replays).
func (s *Source) commit(gen *kafka.Generation, parts []*partState) {
	offsets := map[string]map[int]int64{}
	for _, p := range parts {
		c := p.wm.Committed()
		if c < 0 || c <= p.committed {
			continue
		}
		if offsets[p.topic] == nil {
			offsets[p.topic] = map[int]int64{}
		}
		offsets[p.topic][p.partition] = c
	}
	if len(offsets) == 0 {
		if s.hooks.Committed != nil {
			s.hooks.Committed(time.Now())
		}
		return
	}
	if err := gen.CommitOffsets(offsets); err != nil {
		s.logger.Warn("kafka source: commit failed", "brokers", s.cfg.Brokers, "generation", gen.ID, "error", err.Error())
		return
	}
	if s.hooks.Committed != nil {
		s.hooks.Committed(time.Now())
	}
	for _, p := range parts {
		if c, ok := offsets[p.topic][p.partition]; ok {
			p.committed = c
		}
	}
}

// fetch reads one partition from its assignment offset and sends batches
// until ctx ends. It returns nil.
func (s *Source) fetch(ctx context.Context, p *partState, st *genState, out chan<- pipeline.Batch) error {
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers:         s.cfg.Brokers,
		Topic:           p.topic,
		Partition:       p.partition,
		Dialer:          s.dialer,
		QueueCapacity:   s.cfg.BatchSize, // bounds what kafka-go buffers ahead of us
		MinBytes:        s.cfg.MinBytes,
		MaxBytes:        s.cfg.MaxBytes,
		MaxWait:         s.cfg.MaxWait,
		ReadLagInterval: -1,
		MaxAttempts:     3,
		ReadBackoffMin:  backoffMin,
		ReadBackoffMax:  s.cfg.BackoffMax,
		IsolationLevel:  kafka.ReadCommitted,
		ErrorLogger:     kafka.LoggerFunc(s.kafkaLog),
	})
	defer r.Close()
	if err := r.SetOffset(p.start); err != nil {
		s.logger.Error("kafka source: set offset", "partition", p.stream, "offset", p.start, "error", err.Error())
		return nil
	}

	next := p.start // start of the next batch's offset range; < 0 until the first message
	errs := 0
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			d := backoff(errs, s.cfg.BackoffMax)
			errs++
			s.logger.Warn("kafka source: fetch failed; retrying", "brokers", s.cfg.Brokers, "partition", p.stream,
				"offset", next, "retry_in", d, "attempt", errs, "error", err.Error())
			if !sleep(ctx, d) {
				return nil
			}
			continue
		}
		if errs > 0 {
			s.logger.Info("kafka source: fetching again", "partition", p.stream, "attempts", errs+1)
			errs = 0
		}
		recs := make([]pipeline.Record, 0, min(s.cfg.BatchSize, 64))
		size := 0
		var highWater int64
		add := func(m kafka.Message) {
			recs = append(recs, s.record(p, m))
			size += len(m.Value) + len(m.Key)
			highWater = m.HighWaterMark
		}
		add(m)
		if len(recs) < s.cfg.BatchSize && size < s.cfg.BatchBytes {
			bctx, bcancel := context.WithTimeout(ctx, s.cfg.BatchWait)
			for len(recs) < s.cfg.BatchSize && size < s.cfg.BatchBytes {
				m, err := r.FetchMessage(bctx)
				if err != nil {
					if bctx.Err() == nil {
						s.logger.Warn("kafka source: fetch failed", "brokers", s.cfg.Brokers, "partition", p.stream, "error", err.Error())
					}
					break
				}
				add(m)
			}
			bcancel()
		}

		first := recs[0].Meta.Offset
		if next < 0 || next > first {
			next = first
		}
		end := recs[len(recs)-1].Meta.Offset + 1
		if s.hooks.Lag != nil && highWater > 0 {
			s.hooks.Lag(p.topic, int32(p.partition), max(highWater-end, 0))
		}
		rangeStart := next
		next = end
		p.wm.Add(rangeStart, end)
		st.inflight.Add(1)
		b := pipeline.Batch{Stream: p.stream, Records: recs, Ack: func(err error) {
			if err != nil {
				st.failOnce.Do(func() {
					st.failErr = fmt.Errorf("kafka source %s: batch %s offsets %d-%d not written: %w", s.cfg.Name, p.stream, rangeStart, end-1, err)
					close(st.failed)
				})
			} else {
				p.wm.Ack(rangeStart)
			}
			st.ack()
		}}
		select {
		case out <- b:
		case <-ctx.Done():
			st.inflight.Add(-1) // never sent: its range stays unacked and blocks commits past it
			return nil
		}
	}
}

// record makes the pipeline record of m. It takes ownership of m's slices
// (kafka-go allocates them per message).
func (s *Source) record(p *partState, m kafka.Message) pipeline.Record {
	r := pipeline.Record{
		Line: m.Value,
		Key:  m.Key,
		Meta: pipeline.Meta{
			Source:    "kafka",
			Name:      s.cfg.Name,
			Topic:     m.Topic,
			Partition: int32(m.Partition),
			Offset:    m.Offset,
			Time:      m.Time,
		},
	}
	if r.Meta.Topic == "" {
		r.Meta.Topic = p.topic
	}
	if len(r.Line) > s.cfg.MaxLineBytes {
		r.Oversize = true
		if s.cfg.Oversize == pipeline.OversizeScan {
			r.Window = &pipeline.Window{} // the whole value is its own context
		}
	}
	if len(m.Headers) > 0 {
		r.Headers = make([]pipeline.Header, len(m.Headers))
		for i, h := range m.Headers {
			r.Headers[i] = pipeline.Header{Key: h.Key, Value: h.Value}
		}
	}
	return r
}

func backoff(attempt int, max time.Duration) time.Duration {
	d := backoffMin << min(attempt, 16)
	if d > max || d <= 0 {
		d = max
	}
	return d
}

// sleep waits d or until ctx ends; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
