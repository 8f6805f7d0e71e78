package file

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redactd/redactd/pipeline"
)

// got is one record as the test sink saw it.
type got struct {
	run       int
	stream    string
	path      string
	line      string
	off       int64
	lineNo    int64
	noNewline bool
	oversize  bool
	window    *pipeline.Window // copied
}

// collector plays the pipeline and its sinks: it records every record it
// receives (as a sink that wrote it) and acks each batch after ackDelay.
type collector struct {
	mu   sync.Mutex
	recs []got
	// onRecord, if set, sees each record as it arrives, under mu.
	onRecord func(g got)
}

func newCollector() *collector { return &collector{} }

func (c *collector) all() []got {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]got(nil), c.recs...)
}

func (c *collector) lines() []string {
	var out []string
	for _, g := range c.all() {
		out = append(out, g.line)
	}
	return out
}

// waitFor waits until ok holds for the records, or fails the test.
func (c *collector) waitFor(t *testing.T, what string, d time.Duration, ok func([]got) bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		recs := c.all()
		if ok(recs) {
			return
		}
		if time.Now().After(deadline) {
			n := len(recs)
			tail := recs[max(0, n-5):]
			t.Fatalf("timed out waiting for %s; %d records, last %+v", what, n, tail)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (c *collector) waitLines(t *testing.T, want ...string) {
	t.Helper()
	c.waitFor(t, fmt.Sprintf("lines %q", want), 10*time.Second, func(recs []got) bool {
		return len(recs) >= len(want)
	})
	if got := c.lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("lines = %q; want %q", got, want)
	}
}

// run is one Source running under a consumer; stop ends both.
type run struct {
	src    *Source
	cancel context.CancelFunc
	done   chan error
	cdone  chan struct{}
	halt   chan struct{} // closed on crash: un-acked batches stay un-acked
}

// testConfig returns a config with short intervals for tests.
func testConfig(paths ...string) Config {
	return Config{
		Paths:              paths,
		StartAt:            "beginning",
		PollInterval:       20 * time.Millisecond,
		GlobInterval:       50 * time.Millisecond,
		CheckpointInterval: 20 * time.Millisecond,
		CloseInactive:      300 * time.Millisecond,
		IdleTimeout:        5 * time.Second,
		DrainTimeout:       5 * time.Second,
	}
}

// start runs a Source for cfg on dataDir feeding c as run number n. Acks
// come ackDelay after receipt, in order.
func start(t *testing.T, cfg Config, dataDir string, c *collector, n int, ackDelay time.Duration, logger *slog.Logger) *run {
	t.Helper()
	return startPoll(t, cfg, dataDir, c, n, ackDelay, logger, false)
}

// startPoll is start, with change notification disabled if pollOnly.
func startPoll(t *testing.T, cfg Config, dataDir string, c *collector, n int, ackDelay time.Duration, logger *slog.Logger, pollOnly bool) *run {
	t.Helper()
	src, err := New(cfg, dataDir, logger)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	src.pollOnly = pollOnly
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan pipeline.Batch, 4)
	r := &run{src: src, cancel: cancel, done: make(chan error, 1), cdone: make(chan struct{}), halt: make(chan struct{})}
	go func() { r.done <- src.Run(ctx, out) }()
	acks := make(chan func(), 64)
	go func() { // the sink and acker: exits when out has been idle after Run returned
		defer close(r.cdone)
		var wg sync.WaitGroup
		wg.Go(func() {
			for a := range acks {
				a()
			}
		})
		defer wg.Wait()
		defer close(acks)
		for {
			select {
			case b := <-out:
				c.mu.Lock()
				for _, rec := range b.Records {
					g := got{
						run: n, stream: b.Stream, path: rec.Meta.Path, line: string(rec.Line),
						off: rec.Meta.Offset, lineNo: rec.Meta.LineNo, noNewline: rec.NoNewline, oversize: rec.Oversize,
					}
					if w := rec.Window; w != nil {
						g.window = &pipeline.Window{Before: bytes.Clone(w.Before), After: bytes.Clone(w.After)}
					}
					c.recs = append(c.recs, g)
					if c.onRecord != nil {
						c.onRecord(g)
					}
				}
				c.mu.Unlock()
				at := time.Now().Add(ackDelay)
				ack := b.Ack
				select {
				case acks <- func() {
					select {
					case <-r.halt:
						return
					case <-time.After(time.Until(at)):
					}
					ack(nil)
				}:
				case <-r.halt:
				}
			case <-r.halt:
				return
			case err := <-r.done:
				r.done <- err
				// Run returned: drain what it may still have sent.
				for {
					select {
					case b := <-out:
						b.Ack(pipeline.ErrStopped)
					default:
						return
					}
				}
			}
		}
	}()
	return r
}

// stop cancels the source gracefully and waits for it.
func (r *run) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case err := <-r.done:
		r.done <- err
		if err != nil {
			t.Errorf("Run = %v; want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	<-r.cdone
}

// crash stops the source like kill -9: no final checkpoint, batches not yet
// acked stay un-acked.
func (r *run) crash(t *testing.T) {
	t.Helper()
	r.src.crash = true
	close(r.halt)
	r.cancel()
	select {
	case err := <-r.done:
		r.done <- err
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	<-r.cdone
}

// logBuf is a slog handler target safe for concurrent use.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newLog() (*logBuf, *slog.Logger) {
	lb := &logBuf{}
	return lb, slog.New(slog.NewTextHandler(lb, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func (l *logBuf) waitFor(t *testing.T, sub string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(l.String(), sub) {
		if time.Now().After(deadline) {
			t.Fatalf("log never said %q; log:\n%s", sub, l.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}
