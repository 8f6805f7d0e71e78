package metrics

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

// Source wraps src so that its lines, bytes, in-flight batches and batch
// latency (hand-over to the pipeline until every sink acked) are counted
// under the labels source=name, kind=kind ("stdin", "file", "kafka").
//
// The wrapper relays batches through one unbuffered channel and wraps each
// batch's Ack (the original Ack, if any, is still called exactly once). Its
// cost is one channel hand-over, one closure and a few atomic adds per batch.
func (m *Metrics) Source(name, kind string, src pipeline.Source) pipeline.Source {
	return &source{
		inner:    src,
		lines:    m.sourceLines.WithLabelValues(name, kind),
		bytes:    m.sourceBytes.WithLabelValues(name, kind),
		inflight: m.sourceInflight.WithLabelValues(name, kind),
		latency:  m.batchLatency.WithLabelValues(name, kind),
	}
}

type source struct {
	inner    pipeline.Source
	lines    prometheus.Counter
	bytes    prometheus.Counter
	inflight prometheus.Gauge
	latency  prometheus.Observer
}

// Run runs the wrapped source until it returns, relaying its batches to
// out. Its helper goroutine runs the wrapped source and has exited when
// Run returns.
//
// A batch the wrapped source handed over is always passed on, even after
// ctx is cancelled: the pipeline reads its input until every source
// returned, so the send cannot block for ever, and dropping it would lose
// its Ack.
func (s *source) Run(ctx context.Context, out chan<- pipeline.Batch) error {
	mid := make(chan pipeline.Batch)
	var err error
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(mid)
		err = s.inner.Run(ctx, mid)
	})
	for b := range mid {
		var n int
		for i := range b.Records {
			n += len(b.Records[i].Line)
		}
		s.lines.Add(float64(len(b.Records)))
		s.bytes.Add(float64(n))
		s.inflight.Inc()
		start := time.Now()
		ack := b.Ack
		b.Ack = func(err error) {
			s.inflight.Dec()
			s.latency.Observe(time.Since(start).Seconds())
			if ack != nil {
				ack(err)
			}
		}
		out <- b
	}
	wg.Wait()
	return err
}

// Unwrap returns the wrapped source (for type assertions such as a file
// source's CheckpointPath).
func (s *source) Unwrap() pipeline.Source { return s.inner }

// Sink wraps ns.Sink so that the lines and bytes it wrote, its failed
// writes and its write latency are counted under sink=ns.Name, kind=kind.
// The returned sink forwards Reopen() error to the wrapped sink when it has
// one (file sinks, for SIGHUP) and has Unwrap() pipeline.Sink.
func (m *Metrics) Sink(kind string, ns pipeline.NamedSink) pipeline.NamedSink {
	ns.Sink = &sink{
		inner: ns.Sink,
		lines: m.sinkLines.WithLabelValues(ns.Name, kind),
		bytes: m.sinkBytes.WithLabelValues(ns.Name, kind),
		errs:  m.sinkErrors.WithLabelValues(ns.Name, kind),
		dur:   m.sinkWrite.WithLabelValues(ns.Name, kind),
	}
	return ns
}

type sink struct {
	inner        pipeline.Sink
	lines, bytes prometheus.Counter
	errs         prometheus.Counter
	dur          prometheus.Observer
}

// Write calls the wrapped sink's Write and counts the outcome. It does not
// retain recs.
func (s *sink) Write(ctx context.Context, recs []pipeline.Record) error {
	start := time.Now()
	err := s.inner.Write(ctx, recs)
	s.dur.Observe(time.Since(start).Seconds())
	if err != nil {
		s.errs.Inc()
		return err
	}
	var n int
	for i := range recs {
		n += len(recs[i].Line)
	}
	s.lines.Add(float64(len(recs)))
	s.bytes.Add(float64(n))
	return nil
}

// Close closes the wrapped sink.
func (s *sink) Close(ctx context.Context) error { return s.inner.Close(ctx) }

// Reopen calls the wrapped sink's Reopen, if it has one; otherwise it does
// nothing.
func (s *sink) Reopen() error {
	if r, ok := s.inner.(interface{ Reopen() error }); ok {
		return r.Reopen()
	}
	return nil
}

// Unwrap returns the wrapped sink.
func (s *sink) Unwrap() pipeline.Sink { return s.inner }

// Observer returns a pipeline.Observer that counts every finding by rule
// id in redactd_findings_total{rule} and then passes the batch to next
// (which may be nil). Like any Observer it does not retain recs.
func (m *Metrics) Observer(next pipeline.Observer) pipeline.Observer {
	return &observer{m: m, next: next, byRule: map[string]prometheus.Counter{}}
}

type observer struct {
	m    *Metrics
	next pipeline.Observer

	mu     sync.Mutex // the pipeline calls Observe from one goroutine; this guards misuse
	byRule map[string]prometheus.Counter
}

// Observe counts the findings of recs; it costs one map lookup per finding.
func (o *observer) Observe(recs []pipeline.Record) {
	o.mu.Lock()
	for i := range recs {
		o.count(recs[i].Findings)
		o.count(recs[i].ExtraFindings)
	}
	o.mu.Unlock()
	if o.next != nil {
		o.next.Observe(recs)
	}
}

func (o *observer) count(fs []detectors.Finding) {
	for i := range fs {
		c, ok := o.byRule[fs[i].RuleID]
		if !ok {
			rule := fs[i].RuleID
			if len(o.byRule) >= MaxRuleLabels || !validRuleLabel(rule) {
				rule = "other"
			}
			c = o.m.findings.WithLabelValues(rule)
			if len(o.byRule) < MaxRuleLabels {
				o.byRule[fs[i].RuleID] = c
			}
		}
		c.Inc()
	}
}

// validRuleLabel reports whether id has the shape of a rule id (lowercase
// letters, digits, '-', at most 64 bytes). Anything else is counted as
// "other": a label value must never be able to carry line content.
func validRuleLabel(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
