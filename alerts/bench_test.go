package alerts

import (
	"testing"

	"github.com/redactd/redactd/pipeline"
)

// BenchmarkObserveDedupHit measures the log path for a batch of 100 records
// whose secrets were all alerted already (the common case: a key logged on
// every request).
func BenchmarkObserveDedupHit(b *testing.B) {
	e := testEngine(b)
	g := newSecretGen(30)
	var batch []pipeline.Record
	for i := range 100 {
		batch = append(batch, record(b, e, "req token "+g.ghp()+" ok", fileMeta(int64(i))))
	}
	r := newRouter(b, Config{}, Options{})
	r.Observe(batch)
	b.ReportAllocs()
	for b.Loop() {
		r.Observe(batch)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(batch)), "ns/finding")
}

// BenchmarkObserveNoFindings is the cost for a batch without secrets.
func BenchmarkObserveNoFindings(b *testing.B) {
	batch := make([]pipeline.Record, 100)
	r := newRouter(b, Config{}, Options{})
	b.ReportAllocs()
	for b.Loop() {
		r.Observe(batch)
	}
}
