package kafka_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redactd/redactd/internal/kafkatest"
	"github.com/redactd/redactd/pipeline"
	sinkkafka "github.com/redactd/redactd/sinks/kafka"
	"github.com/redactd/redactd/sources/kafka"
)

const secret = "FAKESECRET-7d1c0e5a9b3f42e8a6c4d2b0"

// fast makes a source config tuned for tests: short timeouts, small batches.
func fast(c *kafkatest.Cluster, group string, topics ...string) kafka.Config {
	return kafka.Config{
		Brokers:           c.Addrs,
		Topics:            topics,
		Group:             group,
		SessionTimeout:    time.Second,
		HeartbeatInterval: 100 * time.Millisecond,
		RebalanceTimeout:  5 * time.Second,
		BatchSize:         50,
		MaxWait:           500 * time.Millisecond,
		CommitInterval:    100 * time.Millisecond,
		DrainTimeout:      3 * time.Second,
		BackoffMax:        500 * time.Millisecond,
	}
}

func newSource(t *testing.T, cfg kafka.Config) (*kafka.Source, *logBuf) {
	t.Helper()
	logger, lb := newLogger(t)
	src, err := kafka.NewSource(cfg, logger)
	if err != nil {
		t.Fatalf("NewSource: %v", err)
	}
	return src, lb
}

func newSink(t *testing.T, c *kafkatest.Cluster, topic string) *sinkkafka.Sink {
	t.Helper()
	logger, _ := newLogger(t)
	s, err := sinkkafka.NewSink(sinkkafka.Config{Brokers: c.Addrs, Topic: topic, BackoffMax: 500 * time.Millisecond}, logger)
	if err != nil {
		t.Fatalf("NewSink: %v", err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

// TestRawToClean moves a raw topic to a clean one through the source, a
// fake detect step and the sink, and checks the clean topic: every secret
// replaced, keys, headers and timestamps kept, per-key order kept, offsets
// committed to the end.
func TestRawToClean(t *testing.T) {
	const parts, n = 3, 200
	c := kafkatest.Start(t, kafkatest.Topic("raw", parts), kafkatest.Topic("clean", parts))
	base := time.UnixMilli(1_700_000_000_000)
	produce(c, "raw", parts, n, 0, secret, base)

	src, logs := newSource(t, fast(c, "redactd", "raw"))
	p := newPipe(newSink(t, c, "clean"), secret)
	r := start(t, src, p)

	got := c.Consume("clean", parts*n, 30*time.Second)
	if len(got) != parts*n {
		t.Fatalf("clean topic has %d records; want %d", len(got), parts*n)
	}
	waitFor(t, 10*time.Second, "commits to reach the end", func() bool {
		cm := c.Committed("redactd", "raw")
		return cm[0] == n && cm[1] == n && cm[2] == n
	})
	if err := r.stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}

	lastSeq := map[string]int{} // raw partition + key -> last seq seen
	keyPart := map[string]int32{}
	for _, rec := range got {
		all := string(rec.Key) + string(rec.Value)
		for _, h := range rec.Headers {
			all += h.Key + string(h.Value)
		}
		if strings.Contains(all, secret) {
			t.Fatalf("clean record at %d/%d holds the secret", rec.Partition, rec.Offset)
		}
		p, seq, ok := parseSeq(rec.Value)
		if !ok {
			t.Fatalf("clean record %d/%d: unexpected value shape (len %d)", rec.Partition, rec.Offset, len(rec.Value))
		}
		if want := fmt.Sprintf("key-%d", seq%5); string(rec.Key) != want {
			t.Errorf("record p=%d seq=%d: key = %q; want %q", p, seq, rec.Key, want)
		}
		if want := base.Add(time.Duration(p*100000+seq) * time.Millisecond); !rec.Timestamp.Equal(want) {
			t.Errorf("record p=%d seq=%d: timestamp = %v; want %v", p, seq, rec.Timestamp, want)
		}
		if len(rec.Headers) != 2 || rec.Headers[0].Key != "authorization" || string(rec.Headers[1].Value) != fmt.Sprint(seq) {
			t.Errorf("record p=%d seq=%d: headers = %v; want authorization and n=%d", p, seq, rec.Headers, seq)
		}
		switch seq % 4 {
		case 1, 2:
			if !bytes.Contains(rec.Value, []byte("[REDACTED:test:")) {
				t.Errorf("record p=%d seq=%d: value not redacted", p, seq)
			}
			if seq%4 == 2 && bytes.Count(rec.Value, []byte("\n")) != 2 {
				t.Errorf("record p=%d seq=%d: multi-line value has %d newlines; want 2 (one record)", p, seq, bytes.Count(rec.Value, []byte("\n")))
			}
		case 3:
			if string(rec.Headers[0].Value) != "Bearer [REDACTED:test:0123456789abcdef]" {
				t.Errorf("record p=%d seq=%d: header = %q; want redacted", p, seq, rec.Headers[0].Value)
			}
		}
		k := fmt.Sprintf("%d/%s", p, rec.Key)
		if last, ok := lastSeq[k]; ok && seq <= last {
			t.Errorf("key %s: seq %d after %d; per-key order broken", k, seq, last)
		}
		lastSeq[k] = seq
		if kp, ok := keyPart[string(rec.Key)]; ok && kp != rec.Partition {
			t.Errorf("key %s in clean partitions %d and %d; want one", rec.Key, kp, rec.Partition)
		}
		keyPart[string(rec.Key)] = rec.Partition
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("source log holds the secret")
	}
}

// TestBatchMeta checks the records a batch carries: one partition per
// batch, Stream "topic/partition", offsets in order, Meta filled.
func TestBatchMeta(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("raw", 2))
	base := time.UnixMilli(1_700_000_000_000)
	produce(c, "raw", 2, 30, 0, secret, base)
	cfg := fast(c, "meta", "raw")
	cfg.Name = "raw-logs"
	cfg.BatchSize = 7
	src, _ := newSource(t, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan pipeline.Batch, 1)
	done := make(chan error, 1)
	go func() { done <- src.Run(ctx, out) }()
	next := map[string]int64{"raw/0": 0, "raw/1": 0}
	for total := 0; total < 60; {
		var b pipeline.Batch
		select {
		case b = <-out:
		case <-time.After(20 * time.Second):
			t.Fatalf("timed out after %d records", total)
		}
		if len(b.Records) == 0 || len(b.Records) > 7 {
			t.Fatalf("batch of %d records; want 1..7", len(b.Records))
		}
		for _, r := range b.Records {
			m := r.Meta
			if got := fmt.Sprintf("%s/%d", m.Topic, m.Partition); got != b.Stream {
				t.Fatalf("record of %s in batch of stream %s", got, b.Stream)
			}
			if m.Offset != next[b.Stream] {
				t.Fatalf("%s: offset %d; want %d", b.Stream, m.Offset, next[b.Stream])
			}
			next[b.Stream]++
			if m.Source != "kafka" || m.Name != "raw-logs" {
				t.Errorf("Meta.Source, Name = %q, %q; want kafka, raw-logs", m.Source, m.Name)
			}
			if want := base.Add(time.Duration(int(m.Partition)*100000+int(m.Offset)) * time.Millisecond); !m.Time.Equal(want) {
				t.Errorf("Meta.Time = %v; want %v", m.Time, want)
			}
		}
		total += len(b.Records)
		b.Ack(nil)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
}

// TestRestartResumes stops a source after a failed batch and checks that
// nothing past the failure was committed and that a new source replays
// from there, then that a clean restart resumes exactly at the commit.
func TestRestartResumes(t *testing.T) {
	const n = 100
	c := kafkatest.Start(t, kafkatest.Topic("raw", 1))
	produce(c, "raw", 1, n, 0, secret, time.Now())

	// First run: the batch holding offset 42 fails in the sink.
	sinkErr := errors.New("sink down")
	p1 := newPipe(nil, secret)
	p1.fail = func(b pipeline.Batch) error {
		first, last := b.Records[0].Meta.Offset, b.Records[len(b.Records)-1].Meta.Offset
		if first <= 42 && 42 <= last {
			return sinkErr
		}
		return nil
	}
	cfg := fast(c, "g", "raw")
	cfg.BatchSize = 10
	src1, _ := newSource(t, cfg)
	r1 := start(t, src1, p1)
	var runErr error
	waitFor(t, 20*time.Second, "Run to fail", func() bool {
		select {
		case runErr = <-r1.srcErr:
			return true
		default:
			return false
		}
	})
	if !errors.Is(runErr, sinkErr) || !strings.Contains(runErr.Error(), "raw/0") {
		t.Fatalf("Run = %v; want an error wrapping the sink error and naming raw/0", runErr)
	}
	r1.srcErr <- runErr // for stop
	_ = r1.stop()
	committed := c.Committed("g", "raw")[0]
	if committed > 42 {
		t.Fatalf("committed %d after batch with offset 42 failed; want <= 42", committed)
	}

	// Second run: replays from the commit, so 42 arrives again.
	p2 := newPipe(nil, secret)
	src2, _ := newSource(t, cfg)
	r2 := start(t, src2, p2)
	waitFor(t, 20*time.Second, "replay", func() bool { k, _ := p2.count(); return k >= n-int(committed) })
	if err := r2.stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	d := p2.deliveries()
	if d[0].offset != committed {
		t.Errorf("restart began at offset %d; want the commit %d", d[0].offset, committed)
	}
	if got := c.Committed("g", "raw")[0]; got != n {
		t.Errorf("committed after second run = %d; want %d", got, n)
	}

	// Third run after more messages: exactly the new ones.
	produce(c, "raw", 1, 20, n, secret, time.Now())
	p3 := newPipe(nil, secret)
	src3, _ := newSource(t, cfg)
	r3 := start(t, src3, p3)
	waitFor(t, 20*time.Second, "new messages", func() bool { k, _ := p3.count(); return k >= 20 })
	time.Sleep(300 * time.Millisecond) // anything extra would show up now
	if err := r3.stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	d = p3.deliveries()
	if len(d) != 20 || d[0].offset != n || d[19].offset != n+19 {
		t.Errorf("third run delivered %d records from %d; want 20 from %d", len(d), d[0].offset, n)
	}
}

// TestTwoMembers runs two sources in one group, cancels one midway and
// checks that every message was delivered at least once and that the
// survivor took over the cancelled member's partitions.
func TestTwoMembers(t *testing.T) {
	const parts, n = 4, 150
	c := kafkatest.Start(t, kafkatest.Topic("raw", parts))
	produce(c, "raw", parts, n, 0, secret, time.Now())

	cfg := fast(c, "pair", "raw")
	cfg.BatchSize = 10
	pa, pb := newPipe(nil, secret), newPipe(nil, secret)
	pa.delay, pb.delay = 15*time.Millisecond, 15*time.Millisecond
	srcA, _ := newSource(t, cfg)
	srcB, _ := newSource(t, cfg)
	ra := start(t, srcA, pa)
	start(t, srcB, pb)

	// Wait until both members consume (the group has settled with two).
	waitFor(t, 30*time.Second, "both members to consume", func() bool {
		a, _ := pa.count()
		b, _ := pb.count()
		return a >= 30 && b >= 30
	})
	streamsOf := func(ds []delivery) map[string]bool {
		m := map[string]bool{}
		for _, d := range ds {
			m[d.stream] = true
		}
		return m
	}
	if err := ra.stop(); err != nil {
		t.Fatalf("member A: Run = %v; want nil", err)
	}
	aStreams := streamsOf(pa.deliveries())
	bBefore, _ := pb.count()

	seen := func() map[delivery]int {
		m := map[delivery]int{}
		for _, d := range append(pa.deliveries(), pb.deliveries()...) {
			m[d]++
		}
		return m
	}
	waitFor(t, 60*time.Second, "every message delivered", func() bool { return len(seen()) == parts*n })

	after := pb.deliveries()
	// B's deliveries after A stopped must include A's partitions.
	var took []string
	tail := streamsOf(after[bBefore:])
	for s := range aStreams {
		if tail[s] {
			took = append(took, s)
		}
	}
	if len(took) == 0 {
		t.Errorf("member B delivered nothing from A's partitions %v after A stopped", aStreams)
	}
	dups := 0
	for _, k := range seen() {
		dups += k - 1
	}
	t.Logf("A had %v; B took over %v; %d duplicates (at-least-once)", aStreams, took, dups)
}

// TestBrokerGoesAway stops the broker while source and sink run, starts it
// again on the same address, and checks that both resumed and that every
// message reached the clean topic.
func TestBrokerGoesAway(t *testing.T) {
	const parts, n = 2, 30
	c := kafkatest.Start(t, kafkatest.Topic("raw", parts), kafkatest.Topic("clean", parts))
	produce(c, "raw", parts, n, 0, secret, time.Now())
	src, logs := newSource(t, fast(c, "away", "raw"))
	p := newPipe(newSink(t, c, "clean"), secret)
	r := start(t, src, p)
	waitFor(t, 20*time.Second, "first messages", func() bool { k, _ := p.count(); return k >= parts*n })

	c.Stop()
	time.Sleep(1500 * time.Millisecond) // source and sink see the broker gone
	c.Restart()
	produce(c, "raw", parts, n, n, secret, time.Now())

	want := map[[2]int]bool{}
	for p := range parts {
		for i := range 2 * n {
			want[[2]int{p, i}] = true
		}
	}
	got := map[[2]int]bool{}
	deadline := time.Now().Add(40 * time.Second)
	for len(got) < len(want) && time.Now().Before(deadline) {
		for _, rec := range c.Consume("clean", 2*parts*n, 3*time.Second) {
			if p, seq, ok := parseSeq(rec.Value); ok {
				got[[2]int{p, seq}] = true
			}
		}
	}
	if len(got) != len(want) {
		t.Fatalf("clean topic holds %d distinct messages; want %d", len(got), len(want))
	}
	if err := r.stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	if l := logs.String(); !strings.Contains(l, c.Addrs[0]) {
		t.Errorf("source log does not name the broker %s while it was away", c.Addrs[0])
	}
}

// TestShutdownWithUnwrittenBatch cancels Run while a batch is in the
// pipeline and acks it with pipeline.ErrStopped, as the pipeline does on
// shutdown: Run returns nil and the commit stays below the batch.
func TestShutdownWithUnwrittenBatch(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("raw", 1))
	produce(c, "raw", 1, 30, 0, secret, time.Now())
	cfg := fast(c, "stop", "raw")
	cfg.BatchSize = 10
	src, _ := newSource(t, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan pipeline.Batch)
	done := make(chan error, 1)
	go func() { done <- src.Run(ctx, out) }()
	b1 := <-out
	b1.Ack(nil)
	b2 := <-out // held "in the pipeline"
	cancel()
	time.Sleep(100 * time.Millisecond)
	b2.Ack(pipeline.ErrStopped)
	if err := <-done; err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	want := b2.Records[0].Meta.Offset
	if got := c.Committed("stop", "raw")[0]; got != want {
		t.Errorf("committed %d; want %d (the first offset of the unwritten batch)", got, want)
	}
}
