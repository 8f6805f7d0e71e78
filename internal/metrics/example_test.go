package metrics_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/redactd/redactd/internal/metrics"
	"github.com/redactd/redactd/pipeline"
)

// Wrap a sink, write a batch through it and read the counter from /metrics.
func Example() {
	m := metrics.New("1.0.0")
	discard := pipeline.SinkFunc(func(context.Context, []pipeline.Record) error { return nil })
	ns := m.Sink("stdout", pipeline.NamedSink{Name: "out", Sink: discard})
	ns.Sink.Write(context.Background(), []pipeline.Record{{Line: []byte("one")}, {Line: []byte("two")}})

	rec := httptest.NewRecorder()
	m.Handler(nil).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	sc := bufio.NewScanner(rec.Body)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "redactd_sink_") && !strings.Contains(sc.Text(), "duration") {
			fmt.Println(sc.Text())
		}
	}
	// Output:
	// redactd_sink_bytes_total{kind="stdout",sink="out"} 6
	// redactd_sink_lines_total{kind="stdout",sink="out"} 2
	// redactd_sink_write_errors_total{kind="stdout",sink="out"} 0
}
