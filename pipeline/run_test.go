package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

// upper is a test Redactor: it replaces "secret" by "[X]" and can be made
// slow or panicky.
type upper struct {
	jitter  bool
	panicOn string
}

func (u upper) Redact(dst, line []byte) ([]byte, []detectors.Finding) {
	if u.jitter {
		time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
	}
	if u.panicOn != "" && bytes.Contains(line, []byte(u.panicOn)) {
		panic("boom")
	}
	i := bytes.Index(line, []byte("secret"))
	if i < 0 {
		return line, nil
	}
	dst = append(dst, line[:i]...)
	dst = append(dst, "[X]"...)
	dst = append(dst, line[i+6:]...)
	return dst, []detectors.Finding{{RuleID: "t", Start: i, End: i + 6}}
}

// sliceSource sends prepared batches, then returns.
type sliceSource struct {
	batches []pipeline.Batch
	sent    atomic.Int64
}

func (s *sliceSource) Run(ctx context.Context, out chan<- pipeline.Batch) error {
	for _, b := range s.batches {
		select {
		case out <- b:
			s.sent.Add(1)
		case <-ctx.Done():
			return nil
		}
	}
	return nil
}

// collector is a sink that records lines per stream.
type collector struct {
	mu    sync.Mutex
	lines map[string][]string
	n     int
}

func (c *collector) Write(_ context.Context, recs []pipeline.Record) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lines == nil {
		c.lines = map[string][]string{}
	}
	for _, r := range recs {
		c.lines[r.Meta.Name] = append(c.lines[r.Meta.Name], string(r.Line))
		c.n++
	}
	return nil
}
func (c *collector) Close(context.Context) error { return nil }

// acks counts Ack calls per batch id.
type acks struct {
	mu     sync.Mutex
	calls  map[int]int
	errors map[int]error
}

func (a *acks) fn(id int) pipeline.AckFunc {
	return func(err error) {
		a.mu.Lock()
		defer a.mu.Unlock()
		if a.calls == nil {
			a.calls, a.errors = map[int]int{}, map[int]error{}
		}
		a.calls[id]++
		a.errors[id] = err
	}
}

func makeBatches(streams, perStream, linesPer int, a *acks) []pipeline.Batch {
	var bs []pipeline.Batch
	id := 0
	for i := range perStream {
		for s := range streams {
			name := fmt.Sprintf("s%d", s)
			var recs []pipeline.Record
			for l := range linesPer {
				recs = append(recs, pipeline.Record{
					Line: fmt.Appendf(nil, "%s line %d secret", name, i*linesPer+l),
					Meta: pipeline.Meta{Name: name},
				})
			}
			bs = append(bs, pipeline.Batch{Stream: name, Records: recs, Ack: a.fn(id)})
			id++
		}
	}
	return bs
}

func TestRunKeepsOrderPerStreamAndAcksOnce(t *testing.T) {
	var a acks
	src := &sliceSource{batches: makeBatches(4, 200, 7, &a)}
	c1, c2 := &collector{}, &collector{}
	err := pipeline.Run(context.Background(), pipeline.Options{
		Sources:  []pipeline.Source{src},
		Sinks:    []pipeline.NamedSink{{Name: "a", Sink: c1}, {Name: "b", Sink: c2}},
		Redactor: upper{jitter: true},
		Workers:  4,
	})
	if err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	for _, c := range []*collector{c1, c2} {
		for s := range 4 {
			name := fmt.Sprintf("s%d", s)
			got := c.lines[name]
			if len(got) != 200*7 {
				t.Fatalf("stream %s: %d lines; want %d", name, len(got), 200*7)
			}
			for i, l := range got {
				if want := fmt.Sprintf("%s line %d [X]", name, i); l != want {
					t.Fatalf("stream %s line %d = %q; want %q", name, i, l, want)
				}
			}
		}
	}
	if len(a.calls) != 800 {
		t.Fatalf("%d batches acked; want 800", len(a.calls))
	}
	for id, n := range a.calls {
		if n != 1 || a.errors[id] != nil {
			t.Fatalf("batch %d acked %d times, err %v; want once with nil", id, n, a.errors[id])
		}
	}
}

func TestRunBlockedSinkStopsSource(t *testing.T) {
	var a acks
	src := &sliceSource{batches: makeBatches(1, 10000, 1, &a)}
	release := make(chan struct{})
	var written atomic.Int64
	sink := pipeline.SinkFunc(func(ctx context.Context, recs []pipeline.Record) error {
		<-release
		written.Add(int64(len(recs)))
		return nil
	})
	const q, w = 4, 2
	done := make(chan error)
	go func() {
		done <- pipeline.Run(context.Background(), pipeline.Options{
			Sources: []pipeline.Source{src}, Sinks: []pipeline.NamedSink{{Name: "slow", Sink: sink}},
			Redactor: upper{}, Workers: w, QueueBatches: q,
		})
	}()
	// Wait until the source stalls.
	var last int64 = -1
	for {
		time.Sleep(20 * time.Millisecond)
		n := src.sent.Load()
		if n == last {
			break
		}
		last = n
	}
	// in queue + dispatcher + ordered queue + work queue + workers + stream
	// stage + sink queue + the sink itself.
	bound := int64(q + 1 + q + w + w + 1 + q + 1)
	if last > bound {
		t.Fatalf("source sent %d batches into a blocked pipeline; want at most %d", last, bound)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	if written.Load() != 10000 {
		t.Fatalf("written %d; want 10000", written.Load())
	}
}

// endless sends numbered single-line batches until cancelled.
type endless struct{ sent atomic.Int64 }

func (e *endless) Run(ctx context.Context, out chan<- pipeline.Batch) error {
	for i := 0; ; i++ {
		b := pipeline.Batch{Stream: "e", Records: []pipeline.Record{{Line: fmt.Appendf(nil, "%d", i), Meta: pipeline.Meta{Name: "e"}}}}
		select {
		case out <- b:
			e.sent.Add(1)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func TestRunShutdownDrainsEverythingRead(t *testing.T) {
	src := &endless{}
	c := &collector{}
	ctx, cancel := context.WithCancel(context.Background())
	slow := pipeline.SinkFunc(func(ctx context.Context, recs []pipeline.Record) error {
		time.Sleep(50 * time.Microsecond)
		return c.Write(ctx, recs)
	})
	time.AfterFunc(50*time.Millisecond, cancel)
	err := pipeline.Run(ctx, pipeline.Options{
		Sources: []pipeline.Source{src}, Sinks: []pipeline.NamedSink{{Name: "c", Sink: slow}}, Redactor: upper{}, Workers: 3,
	})
	if err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	if int64(c.n) != src.sent.Load() || c.n == 0 {
		t.Fatalf("wrote %d lines; the source sent %d", c.n, src.sent.Load())
	}
	for i, l := range c.lines["e"] {
		if l != fmt.Sprint(i) {
			t.Fatalf("line %d = %q", i, l)
		}
	}
}

func TestRunShutdownTimeoutAcksWithErrStopped(t *testing.T) {
	var a acks
	src := &sliceSource{batches: makeBatches(1, 20, 1, &a)}
	stuck := pipeline.SinkFunc(func(ctx context.Context, recs []pipeline.Record) error {
		<-ctx.Done()
		return ctx.Err()
	})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	err := pipeline.Run(ctx, pipeline.Options{
		Sources: []pipeline.Source{src}, Sinks: []pipeline.NamedSink{{Name: "stuck", Sink: stuck}},
		Redactor: upper{}, ShutdownTimeout: 50 * time.Millisecond,
	})
	if err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	if int64(len(a.calls)) != src.sent.Load() {
		t.Fatalf("%d acks for %d batches sent", len(a.calls), src.sent.Load())
	}
	for id, n := range a.calls {
		if n != 1 || !errors.Is(a.errors[id], pipeline.ErrStopped) {
			t.Fatalf("batch %d: %d acks, err %v; want 1 with ErrStopped", id, n, a.errors[id])
		}
	}
}

func TestRunSinkErrorIsFatalAndAcked(t *testing.T) {
	var a acks
	src := &sliceSource{batches: makeBatches(1, 50, 1, &a)}
	boom := errors.New("disk full")
	var calls atomic.Int64
	bad := pipeline.SinkFunc(func(ctx context.Context, recs []pipeline.Record) error {
		if calls.Add(1) == 3 {
			return boom
		}
		return nil
	})
	err := pipeline.Run(context.Background(), pipeline.Options{
		Sources: []pipeline.Source{src}, Sinks: []pipeline.NamedSink{{Name: "bad", Sink: bad}}, Redactor: upper{},
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Run = %v; want %v", err, boom)
	}
	for id := range src.sent.Load() {
		n, e := a.calls[int(id)], a.errors[int(id)]
		if n != 1 {
			t.Fatalf("batch %d acked %d times", id, n)
		}
		if id >= 2 && e == nil {
			t.Fatalf("batch %d acked nil after the sink failed", id)
		}
	}
}

func TestRunFailsClosedOnDetectorPanicAndOversize(t *testing.T) {
	recs := []pipeline.Record{
		{Line: []byte("ok secret")},
		{Line: []byte("poison secret")},
		{Line: []byte("huge secret"), Oversize: true},
	}
	c := &collector{}
	var st pipeline.Stats
	err := pipeline.Run(context.Background(), pipeline.Options{
		Sources:  []pipeline.Source{&sliceSource{batches: []pipeline.Batch{{Stream: "x", Records: recs}}}},
		Sinks:    []pipeline.NamedSink{{Name: "c", Sink: c}},
		Redactor: upper{panicOn: "poison"},
		Stats:    &st,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := c.lines[""]
	want := []string{"ok [X]", "[REDACTED:detector-error]", "[REDACTED:oversize]"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("lines = %q; want %q", got, want)
	}
	if st.DetectorErrors.Load() != 1 || st.Oversize.Load() != 1 {
		t.Fatalf("stats: %d detector errors, %d oversize; want 1, 1", st.DetectorErrors.Load(), st.Oversize.Load())
	}
}

// joiner is a StreamRedactor whose follower numbers lines per stream, to
// prove followers see each stream's lines in order.
type joiner struct{ upper }

type counter struct{ n int }

func (c *counter) Follow(dst, line []byte, fs []detectors.Finding) ([]byte, []detectors.Finding) {
	c.n++
	return fmt.Appendf(dst, "%d:%s", c.n, line), fs
}

func (joiner) NewStream() pipeline.LineFollower { return &counter{} }

func TestRunFollowersSeeStreamsInOrder(t *testing.T) {
	var a acks
	c := &collector{}
	err := pipeline.Run(context.Background(), pipeline.Options{
		Sources:  []pipeline.Source{&sliceSource{batches: makeBatches(3, 50, 3, &a)}},
		Sinks:    []pipeline.NamedSink{{Name: "c", Sink: c}},
		Redactor: joiner{upper{jitter: true}},
		Workers:  3,
	})
	if err != nil {
		t.Fatal(err)
	}
	for s := range 3 {
		name := fmt.Sprintf("s%d", s)
		for i, l := range c.lines[name] {
			if want := fmt.Sprintf("%d:%s line %d [X]", i+1, name, i); l != want {
				t.Fatalf("%s line %d = %q; want %q", name, i, l, want)
			}
		}
	}
}

type observer struct{ n atomic.Int64 }

func (o *observer) Observe(recs []pipeline.Record) {
	for _, r := range recs {
		o.n.Add(int64(len(r.Findings)))
	}
}

func TestRunObserverSeesFindings(t *testing.T) {
	var a acks
	var ob observer
	err := pipeline.Run(context.Background(), pipeline.Options{
		Sources:  []pipeline.Source{&sliceSource{batches: makeBatches(2, 10, 5, &a)}},
		Sinks:    []pipeline.NamedSink{{Name: "c", Sink: &collector{}}},
		Redactor: upper{},
		Observer: &ob,
	})
	if err != nil {
		t.Fatal(err)
	}
	if ob.n.Load() != 100 {
		t.Fatalf("observer saw %d findings; want 100", ob.n.Load())
	}
}

// idleCounter is a follower that is idle after every batch.
type idleCounter struct{ counter }

func (*idleCounter) Idle() bool { return true }

type idleJoiner struct {
	upper
	made *atomic.Int64
}

func (j idleJoiner) NewStream() pipeline.LineFollower { j.made.Add(1); return &idleCounter{} }

// Idle followers are forgotten after each batch, so a stream's state does
// not outlive its last multi-line block.
func TestRunForgetsIdleFollowers(t *testing.T) {
	var a acks
	var made atomic.Int64
	c := &collector{}
	err := pipeline.Run(context.Background(), pipeline.Options{
		Sources:  []pipeline.Source{&sliceSource{batches: makeBatches(2, 5, 2, &a)}},
		Sinks:    []pipeline.NamedSink{{Name: "c", Sink: c}},
		Redactor: idleJoiner{made: &made},
	})
	if err != nil {
		t.Fatal(err)
	}
	if made.Load() != 10 {
		t.Fatalf("made %d followers for 10 batches; want one per batch", made.Load())
	}
	if got := c.lines["s0"][2]; got != "1:s0 line 2 [X]" {
		t.Fatalf("line = %q; want a fresh follower per batch", got)
	}
}

// A detector panic on a Kafka message's value must not let its key and
// headers through unredacted.
func TestRunRedactsKeyAndHeadersWhenTheValueFails(t *testing.T) {
	recs := []pipeline.Record{{
		Line:    []byte("poison value"),
		Key:     []byte("key secret"),
		Headers: []pipeline.Header{{Key: "h", Value: []byte("header secret")}},
	}}
	s := &recSink{}
	var st pipeline.Stats
	err := pipeline.Run(context.Background(), pipeline.Options{
		Sources:  []pipeline.Source{&sliceSource{batches: []pipeline.Batch{{Stream: "x", Records: recs}}}},
		Sinks:    []pipeline.NamedSink{{Name: "s", Sink: s}},
		Redactor: upper{panicOn: "poison"},
		Stats:    &st,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.recs) != 1 {
		t.Fatalf("%d records; want 1", len(s.recs))
	}
	r := s.recs[0]
	if string(r.Line) != "[REDACTED:detector-error]" || string(r.Key) != "key [X]" || string(r.Headers[0].Value) != "header [X]" {
		t.Fatalf("value %q, key %q, header %q; want the value replaced and key and header redacted", r.Line, r.Key, r.Headers[0].Value)
	}
	if len(r.ExtraFindings) != 2 {
		t.Fatalf("extra findings %v; want the key's and the header's", r.ExtraFindings)
	}
}
