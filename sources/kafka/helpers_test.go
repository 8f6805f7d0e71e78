package kafka_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/redactd/redactd/internal/kafkatest"
	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sources/kafka"
)

// logBuf collects log output of a test so it can be searched for secrets.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
	tb testing.TB
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if testing.Verbose() {
		l.tb.Logf("%s", bytes.TrimRight(p, "\n"))
	}
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newLogger(tb testing.TB) (*slog.Logger, *logBuf) {
	lb := &logBuf{tb: tb}
	return slog.New(slog.NewTextHandler(lb, &slog.HandlerOptions{Level: slog.LevelDebug})), lb
}

// redactor is the fake detect stage of these tests: it replaces every
// occurrence of secret in the value, key and header values.
type redactor struct{ secret []byte }

func (r redactor) redact(b []byte) []byte {
	if !bytes.Contains(b, r.secret) {
		return b
	}
	return bytes.ReplaceAll(b, r.secret, []byte("[REDACTED:test:0123456789abcdef]"))
}

// delivery is one record as it left the fake pipeline.
type delivery struct {
	stream string
	offset int64
}

// pipe is a minimal stand-in for pipeline.Run: it reads batches from a
// source, redacts them, writes them to sink (when not nil) and acks them
// with the sink's result. It records what it delivered.
type pipe struct {
	out   chan pipeline.Batch
	red   redactor
	sink  pipeline.Sink
	delay time.Duration // per batch, to slow the pipeline down
	fail  func(b pipeline.Batch) error

	mu        sync.Mutex
	delivered []delivery
	batches   int
}

func newPipe(sink pipeline.Sink, secret string) *pipe {
	return &pipe{out: make(chan pipeline.Batch, 4), sink: sink, red: redactor{[]byte(secret)}}
}

// run serves batches until ctx ends; any batch still queued is acked with
// pipeline.ErrStopped, as the real pipeline does.
func (p *pipe) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			for {
				select {
				case b := <-p.out:
					b.Ack(pipeline.ErrStopped)
				default:
					return
				}
			}
		case b := <-p.out:
			if p.delay > 0 {
				time.Sleep(p.delay)
			}
			var err error
			if p.fail != nil {
				err = p.fail(b)
			}
			if err == nil && p.sink != nil {
				recs := make([]pipeline.Record, len(b.Records))
				for i, r := range b.Records {
					r.Line = p.red.redact(r.Line)
					r.Key = p.red.redact(r.Key)
					hs := make([]pipeline.Header, len(r.Headers))
					for j, h := range r.Headers {
						hs[j] = pipeline.Header{Key: h.Key, Value: p.red.redact(h.Value)}
					}
					r.Headers = hs
					recs[i] = r
				}
				err = p.sink.Write(ctx, recs)
			}
			if err == nil {
				p.mu.Lock()
				for _, r := range b.Records {
					p.delivered = append(p.delivered, delivery{b.Stream, r.Meta.Offset})
				}
				p.batches++
				p.mu.Unlock()
			}
			b.Ack(err)
		}
	}
}

func (p *pipe) count() (records, batches int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.delivered), p.batches
}

func (p *pipe) deliveries() []delivery {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]delivery(nil), p.delivered...)
}

// runner runs a source and its pipe; stop cancels both and returns Run's
// error.
type runner struct {
	srcErr chan error
	pdone  chan struct{}
	stopFn func() error
}

func start(tb testing.TB, src *kafka.Source, p *pipe) *runner {
	ctx, cancel := context.WithCancel(context.Background())
	r := &runner{srcErr: make(chan error, 1), pdone: make(chan struct{})}
	pctx, pcancel := context.WithCancel(context.Background())
	go func() { r.srcErr <- src.Run(ctx, p.out) }()
	go func() { defer close(r.pdone); p.run(pctx) }()
	var once sync.Once
	var err error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-r.srcErr:
			case <-time.After(30 * time.Second):
				err = fmt.Errorf("source Run did not return within 30s of cancel")
			}
			pcancel()
			<-r.pdone
		})
		return err
	}
	tb.Cleanup(func() { _ = stop() })
	r.stopFn = stop
	return r
}

func (r *runner) stop() error { return r.stopFn() }

// waitFor polls cond every 10ms until it holds or timeout passes.
func waitFor(tb testing.TB, timeout time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// produce writes n messages to each partition of topic: value
// "p=<p> seq=<i> ...", key "key-<i%5>", a header, a timestamp.
func produce(c *kafkatest.Cluster, topic string, partitions, n, from int, secret string, base time.Time) {
	var recs []*kgo.Record
	for p := range partitions {
		for i := from; i < from+n; i++ {
			v := fmt.Sprintf("p=%d seq=%d msg=hello", p, i)
			hdr := fmt.Sprintf("trace-%d-%d", p, i)
			switch i % 4 {
			case 1:
				v += " api_key=" + secret
			case 2:
				v = fmt.Sprintf("p=%d seq=%d first line\n  at Foo(secret=%s)\n  at Bar()", p, i, secret)
			case 3:
				hdr = "Bearer " + secret
			}
			recs = append(recs, &kgo.Record{
				Topic:     topic,
				Partition: int32(p),
				Key:       []byte("key-" + strconv.Itoa(i%5)),
				Value:     []byte(v),
				Headers:   []kgo.RecordHeader{{Key: "authorization", Value: []byte(hdr)}, {Key: "n", Value: []byte(strconv.Itoa(i))}},
				Timestamp: base.Add(time.Duration(p*100000+i) * time.Millisecond),
			})
		}
	}
	c.Produce(topic, recs...)
}

// parseSeq returns p and seq from a value made by produce.
func parseSeq(v []byte) (p, seq int, ok bool) {
	_, err := fmt.Sscanf(string(v), "p=%d seq=%d", &p, &seq)
	return p, seq, err == nil
}
