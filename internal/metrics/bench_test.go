package metrics_test

import (
	"context"
	"testing"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/internal/metrics"
	"github.com/redactd/redactd/pipeline"
)

// batch is a typical batch: 1,000 lines of 100 bytes, 1% with a finding.
func batch() []pipeline.Record {
	recs := make([]pipeline.Record, 1000)
	line := make([]byte, 100)
	for i := range recs {
		recs[i].Line = line
		if i%100 == 0 {
			recs[i].Findings = []detectors.Finding{{RuleID: "stripe-secret-key"}}
		}
	}
	return recs
}

func BenchmarkSinkWrite(b *testing.B) {
	m := metrics.New("bench")
	ns := m.Sink("stdout", pipeline.NamedSink{Name: "out", Sink: pipeline.SinkFunc(func(context.Context, []pipeline.Record) error { return nil })})
	recs := batch()
	b.SetBytes(100 * int64(len(recs)))
	b.ReportAllocs()
	for b.Loop() {
		ns.Sink.Write(context.Background(), recs)
	}
}

func BenchmarkObserve(b *testing.B) {
	m := metrics.New("bench")
	o := m.Observer(nil)
	recs := batch()
	b.SetBytes(100 * int64(len(recs)))
	b.ReportAllocs()
	for b.Loop() {
		o.Observe(recs)
	}
}
