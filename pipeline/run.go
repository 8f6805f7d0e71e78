package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redactd/redactd/detectors"
)

// Defaults for Options fields left zero.
const (
	DefaultQueueBatches    = 16
	DefaultShutdownTimeout = 30 * time.Second
)

// Rule ids of the findings the pipeline itself reports when it fails closed.
const (
	RuleOversize      = "oversize"
	RuleDetectorError = "detector-error"
)

// Observer sees every batch after detection, in stream order, before it is
// written: the alert router. Observe is called from one goroutine; it must
// not block and must not retain recs or their Lines after it returns.
type Observer interface {
	Observe(recs []Record)
}

// NamedSink is a Sink with a name for logs and metrics.
type NamedSink struct {
	Name string
	Sink Sink
}

// Options configure Run. A zero value for a field means its default.
type Options struct {
	Sources []Source
	Sinks   []NamedSink
	// Redactor is the detect stage; required. If it implements
	// StreamRedactor, each stream gets its own LineFollower.
	Redactor Redactor
	// Workers is the number of detect workers; default runtime.GOMAXPROCS(0).
	Workers int
	// QueueBatches is the capacity, in batches, of each queue (sources to
	// workers, workers to the stream stage, and each sink's queue).
	QueueBatches int
	// FailClosed renders the replacement for a line that could not be
	// scanned (ruleID is RuleOversize or RuleDetectorError): it appends the
	// replacement to dst and returns it with the finding to report. Nil
	// means a plain "[REDACTED:<ruleID>]" without fingerprint.
	FailClosed func(dst []byte, ruleID string, line []byte) ([]byte, detectors.Finding)
	// Observer, if set, sees every batch after detection.
	Observer Observer
	// ShutdownTimeout bounds the drain after ctx is cancelled; when it
	// passes, sinks' contexts are cancelled and what is left is acked with
	// ErrStopped. Default DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// Logger receives the pipeline's own events; never line content.
	Logger *slog.Logger
	// Stats, if set, is updated as the pipeline runs.
	Stats *Stats
}

// Stats are counters the pipeline updates atomically; read them with Load.
//
// Oversize counts pieces of oversize lines replaced whole (fail closed);
// OversizeScanned those scanned in their Window. A scanned piece replaced
// afterwards, because its stream was inside a multi-line block, counts in
// both.
type Stats struct {
	BatchesIn       atomic.Int64
	LinesIn         atomic.Int64
	BytesIn         atomic.Int64
	LinesOut        atomic.Int64
	Findings        atomic.Int64
	RedactedLines   atomic.Int64
	Oversize        atomic.Int64
	OversizeScanned atomic.Int64
	DetectorErrors  atomic.Int64
	SinkErrors      atomic.Int64
	BatchesAcked    atomic.Int64
	BatchesFailed   atomic.Int64
	QueueDepthInput atomic.Int64
}

// job is a batch in flight between the workers and the stream stage.
type job struct {
	b    Batch
	done chan struct{} // closed by the worker when b is redacted
}

// tracker merges the outcomes of one batch across sinks and acks it once.
type tracker struct {
	b       *Batch
	pending atomic.Int32
	mu      sync.Mutex
	err     error
	stats   *Stats
}

func (t *tracker) done(err error) {
	if err != nil {
		t.mu.Lock()
		if t.err == nil || errors.Is(t.err, ErrStopped) {
			t.err = err
		}
		t.mu.Unlock()
	}
	if t.pending.Add(-1) != 0 {
		return
	}
	t.mu.Lock()
	err = t.err
	t.mu.Unlock()
	if t.stats != nil {
		if err == nil {
			t.stats.BatchesAcked.Add(1)
		} else {
			t.stats.BatchesFailed.Add(1)
		}
	}
	if t.b.Ack != nil {
		t.b.Ack(err)
	}
}

// Run moves batches from every source through the detect workers to every
// sink until the sources end or ctx is cancelled, then drains: every batch
// that was read is redacted, written to each sink and acked, within
// ShutdownTimeout. It returns nil when everything read was delivered, or the
// first source or sink error (after acking what is left with an error).
//
// Run owns all goroutines it starts; they have all exited when it returns.
func Run(ctx context.Context, o Options) error {
	if o.Redactor == nil {
		return errors.New("pipeline: no redactor")
	}
	if len(o.Sinks) == 0 {
		return errors.New("pipeline: no sink")
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.QueueBatches <= 0 {
		o.QueueBatches = DefaultQueueBatches
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = DefaultShutdownTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Stats == nil {
		o.Stats = new(Stats)
	}

	// srcCtx stops the sources: on ctx cancellation or on a fatal error.
	srcCtx, stopSources := context.WithCancelCause(ctx)
	defer stopSources(nil)
	// sinkCtx stops the sinks: only when the drain deadline passes or on a
	// fatal sink error.
	sinkCtx, stopSinks := context.WithCancelCause(context.WithoutCancel(ctx))
	defer stopSinks(nil)
	var fatalOnce sync.Once
	var fatal error
	fail := func(err error) {
		fatalOnce.Do(func() {
			fatal = err
			stopSources(err)
		})
	}
	drainTimer := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(o.ShutdownTimeout, func() {
			o.Logger.Warn("shutdown timeout passed; abandoning unwritten batches", "timeout", o.ShutdownTimeout)
			stopSinks(fmt.Errorf("shutdown timeout %s passed", o.ShutdownTimeout))
		})
		context.AfterFunc(sinkCtx, func() { t.Stop() })
	})
	defer drainTimer()

	in := make(chan Batch, o.QueueBatches)
	work := make(chan *job, o.Workers)
	ordered := make(chan *job, o.QueueBatches)
	sinkQs := make([]chan *sinkItem, len(o.Sinks))
	for i := range sinkQs {
		sinkQs[i] = make(chan *sinkItem, o.QueueBatches)
	}

	var wg sync.WaitGroup

	// Sources: each runs until its input ends or srcCtx is cancelled. in is
	// closed once all of them returned.
	var srcWG sync.WaitGroup
	for _, s := range o.Sources {
		srcWG.Go(func() {
			if err := s.Run(srcCtx, in); err != nil && !errors.Is(err, context.Canceled) {
				fail(fmt.Errorf("source: %w", err))
			}
		})
	}
	wg.Go(func() {
		srcWG.Wait()
		close(in)
	})

	// Dispatcher: gives each batch a place in the ordered queue and to a
	// worker. Exits when in is closed.
	wg.Go(func() {
		defer close(work)
		defer close(ordered)
		for b := range in {
			o.Stats.BatchesIn.Add(1)
			o.Stats.LinesIn.Add(int64(len(b.Records)))
			j := &job{b: b, done: make(chan struct{})}
			ordered <- j
			work <- j
		}
	})

	// Detect workers: exit when work is closed.
	for range o.Workers {
		wg.Go(func() {
			for j := range work {
				detectBatch(&o, &j.b)
				close(j.done)
			}
		})
	}

	// Stream stage: in arrival order, applies per-stream multi-line state,
	// shows the batch to the observer and fans it out. Exits when ordered
	// is closed, then closes the sink queues.
	wg.Go(func() {
		defer func() {
			for _, q := range sinkQs {
				close(q)
			}
		}()
		sr, _ := o.Redactor.(StreamRedactor)
		followers := map[string]LineFollower{}
		for j := range ordered {
			<-j.done
			b := &j.b
			if sr != nil {
				f, ok := followers[b.Stream]
				if !ok {
					f = sr.NewStream()
					followers[b.Stream] = f
				}
				follow(&o, f, b)
				if idle, ok := f.(IdleFollower); ok && idle.Idle() {
					delete(followers, b.Stream)
				}
			}
			if o.Observer != nil {
				o.Observer.Observe(b.Records)
			}
			t := &tracker{b: b, stats: o.Stats}
			t.pending.Store(int32(len(sinkQs)))
			for _, q := range sinkQs {
				q <- &sinkItem{b: b, t: t}
			}
		}
	})

	// Sinks: one goroutine each, writing in order; exit when their queue is
	// closed and drained.
	var sinkWG sync.WaitGroup
	for i, ns := range o.Sinks {
		q := sinkQs[i]
		sinkWG.Go(func() {
			broken := error(nil)
			for it := range q {
				if broken == nil && sinkCtx.Err() != nil {
					broken = ErrStopped
				}
				if broken != nil {
					it.t.done(broken)
					continue
				}
				err := ns.Sink.Write(sinkCtx, it.b.Records)
				if err != nil {
					if sinkCtx.Err() != nil {
						err = ErrStopped
					} else {
						o.Stats.SinkErrors.Add(1)
						err = fmt.Errorf("sink %s: %w", ns.Name, err)
						fail(err)
					}
					broken = err
				} else {
					o.Stats.LinesOut.Add(int64(len(it.b.Records)))
				}
				it.t.done(err)
			}
			closeCtx, cancel := context.WithTimeout(context.WithoutCancel(sinkCtx), 5*time.Second)
			defer cancel()
			if err := ns.Sink.Close(closeCtx); err != nil && broken == nil {
				fail(fmt.Errorf("sink %s: close: %w", ns.Name, err))
			}
		})
	}
	wg.Wait()
	sinkWG.Wait()
	return fatal
}

type sinkItem struct {
	b *Batch
	t *tracker
}

// detectBatch redacts every record of b in place. A panic inside the
// redactor for one line fails closed for that line only.
func detectBatch(o *Options, b *Batch) {
	var bytesIn, findings, redacted int64
	defer func() {
		// One atomic add per batch, not per line: workers share these.
		o.Stats.BytesIn.Add(bytesIn)
		o.Stats.Findings.Add(findings)
		o.Stats.RedactedLines.Add(redacted)
	}()
	for i := range b.Records {
		r := &b.Records[i]
		bytesIn += int64(len(r.Line))
		if r.Oversize {
			if n := detectOversize(o, b.Stream, r); n > 0 {
				findings += int64(n)
				redacted++
			}
			continue
		}
		line, fs, ok := safeRedact(o.Redactor, r.Line)
		if ok {
			r.Line, r.Findings = line, fs
			if len(fs) > 0 {
				findings += int64(len(fs))
				redacted++
			}
		} else {
			o.Stats.DetectorErrors.Add(1)
			o.Logger.Error("detector failed on a line; replaced it whole", "stream", b.Stream, "offset", r.Meta.Offset, "bytes", len(r.Line))
			r.Line, r.Findings = failClosed(o, RuleDetectorError, r.Line)
		}
		// A Kafka message's key and headers are redacted whatever became
		// of its value.
		if len(r.Key) > 0 {
			r.Key, r.ExtraFindings = redactExtra(o, r.Key, r.ExtraFindings)
		}
		for h := range r.Headers {
			r.Headers[h].Value, r.ExtraFindings = redactExtra(o, r.Headers[h].Value, r.ExtraFindings)
		}
	}
}

func redactExtra(o *Options, v []byte, acc []detectors.Finding) ([]byte, []detectors.Finding) {
	out, fs, ok := safeRedact(o.Redactor, v)
	if !ok {
		o.Stats.DetectorErrors.Add(1)
		out, f := failClosed(o, RuleDetectorError, v)
		return out, append(acc, f...)
	}
	return out, append(acc, fs...)
}

func failClosed(o *Options, rule string, line []byte) ([]byte, []detectors.Finding) {
	if o.FailClosed == nil {
		return []byte("[REDACTED:" + rule + "]"), []detectors.Finding{{RuleID: rule, Context: detectors.ContextText, Severity: detectors.SeverityHigh}}
	}
	out, f := o.FailClosed(nil, rule, line)
	return out, []detectors.Finding{f}
}

// safeRedact calls r.Redact and turns a panic into ok == false.
func safeRedact(r Redactor, line []byte) (out []byte, fs []detectors.Finding, ok bool) {
	defer func() {
		if recover() != nil {
			out, fs, ok = nil, nil, false
		}
	}()
	out, fs = r.Redact(nil, line)
	return out, fs, true
}

// follow runs the stream's multi-line state over b, failing closed per line.
func follow(o *Options, f LineFollower, b *Batch) {
	for i := range b.Records {
		r := &b.Records[i]
		if r.Oversize {
			followOversize(o, f, b.Stream, r)
			continue
		}
		func() {
			defer func() {
				if recover() != nil {
					o.Stats.DetectorErrors.Add(1)
					o.Logger.Error("multi-line detector failed on a line; replaced it whole", "stream", b.Stream, "offset", r.Meta.Offset)
					r.Line, r.Findings = failClosed(o, RuleDetectorError, r.Line)
				}
			}()
			n := len(r.Findings)
			r.Line, r.Findings = f.Follow(nil, r.Line, r.Findings)
			if len(r.Findings) > n {
				o.Stats.Findings.Add(int64(len(r.Findings) - n))
				if n == 0 {
					o.Stats.RedactedLines.Add(1)
				}
			}
		}()
	}
}
