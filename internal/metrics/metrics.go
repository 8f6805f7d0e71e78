// Package metrics exposes redactd's Prometheus metrics and its /healthz and
// /readyz endpoints.
//
// Components never take a lock or format a label on the per-line path:
//   - pipeline.Stats counters are read at scrape time (WatchPipeline);
//   - sources and sinks are wrapped (Source, Sink) with counters bound to
//     their labels once, updated once per batch;
//   - findings are counted per rule by an Observer wrapper (Observer);
//   - alert counters are read at scrape time from a snapshot function
//     (WatchAlerts);
//   - checkpoint ages are computed at scrape time from the last save time
//     (Checkpoint), Kafka lag is a gauge the source sets (KafkaLag).
//
// Label values are configured names (source, sink), rule ids, error kinds
// from a fixed list, Kafka topics and partitions: never line content. The
// number of distinct label values is bounded (MaxRuleLabels).
//
// The metrics, besides the Go runtime and process collectors:
//
//	redactd_build_info{version}                          gauge, 1
//	redactd_source_lines_total{source,kind}              counter  (Source)
//	redactd_source_bytes_total{source,kind}              counter  (Source)
//	redactd_source_inflight_batches{source,kind}         gauge    (Source)
//	redactd_batch_latency_seconds{source,kind}           histogram, read to acked by every sink (Source)
//	redactd_sink_lines_total{sink,kind}                  counter  (Sink)
//	redactd_sink_bytes_total{sink,kind}                  counter  (Sink)
//	redactd_sink_write_errors_total{sink,kind}           counter  (Sink)
//	redactd_sink_write_duration_seconds{sink,kind}       histogram (Sink)
//	redactd_findings_total{rule}                         counter  (Observer)
//	redactd_scanned_lines_total, _scanned_bytes_total    counters (WatchPipeline)
//	redactd_redacted_lines_total, redactd_redactions_total
//	redactd_oversize_lines_total, redactd_oversize_scanned_total, redactd_detector_errors_total
//	redactd_batches_total{result="acked"|"failed"}
//	redactd_input_queue_batches                          gauge
//	redactd_alerts_raised_total, _deduplicated_total, _suppressed_total (WatchAlerts)
//	redactd_alert_fingerprints                           gauge
//	redactd_alerts_{sent,retried,dropped,failed}_total{sink,kind}
//	redactd_alert_queue_length{sink,kind}                gauge
//	redactd_checkpoint_age_seconds{source}               gauge    (Checkpoint)
//	redactd_kafka_lag_messages{source,topic,partition}   gauge    (KafkaLag)
//	redactd_errors_total{kind}                           counter  (Error)
package metrics

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/redactd/redactd/pipeline"
)

// Namespace prefixes every metric redactd defines.
const Namespace = "redactd"

// MaxRuleLabels bounds the distinct rule ids counted by the findings
// counter; findings of further rules are counted under rule="other".
const MaxRuleLabels = 2000

// Error kinds for Error. Any other kind is counted as ErrOther, so the
// label stays bounded.
const (
	ErrSource     = "source"
	ErrSink       = "sink"
	ErrDetector   = "detector"
	ErrAlert      = "alert"
	ErrCheckpoint = "checkpoint"
	ErrReload     = "reload"
	ErrOther      = "other"
)

var errorKinds = []string{ErrSource, ErrSink, ErrDetector, ErrAlert, ErrCheckpoint, ErrReload, ErrOther}

// LatencyBuckets are the histogram buckets, in seconds, of the batch and
// sink write latencies: 100µs to about 30s.
var LatencyBuckets = prometheus.ExponentialBuckets(0.0001, 3, 12)

// Metrics is redactd's metric registry. Create it with New; all methods may
// be called concurrently.
type Metrics struct {
	reg *prometheus.Registry

	sourceLines, sourceBytes *prometheus.CounterVec
	sourceInflight           *prometheus.GaugeVec
	batchLatency             *prometheus.HistogramVec

	sinkLines, sinkBytes, sinkErrors *prometheus.CounterVec
	sinkWrite                        *prometheus.HistogramVec

	findings *prometheus.CounterVec
	errors   *prometheus.CounterVec
	kafkaLag *prometheus.GaugeVec

	stats  atomic.Pointer[pipeline.Stats]
	alerts atomic.Pointer[func() AlertStats]

	mu          sync.Mutex
	checkpoints map[string]*Checkpoint // by source name
}

// New returns a registry holding redactd's metrics, the Go runtime and
// process collectors and redactd_build_info{version}.
func New(version string) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), checkpoints: map[string]*Checkpoint{}}
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: name, Help: help}, labels)
	}
	gauge := func(name, help string, labels ...string) *prometheus.GaugeVec {
		return prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: Namespace, Name: name, Help: help}, labels)
	}
	hist := func(name, help string, labels ...string) *prometheus.HistogramVec {
		return prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: name, Help: help, Buckets: LatencyBuckets}, labels)
	}
	m.sourceLines = counter("source_lines_total", "Lines read by a source.", "source", "kind")
	m.sourceBytes = counter("source_bytes_total", "Bytes of lines read by a source, without line terminators.", "source", "kind")
	m.sourceInflight = gauge("source_inflight_batches", "Batches a source handed to the pipeline that are not yet acknowledged by every sink.", "source", "kind")
	m.batchLatency = hist("batch_latency_seconds", "Time from a source handing a batch to the pipeline until every sink acknowledged it.", "source", "kind")
	m.sinkLines = counter("sink_lines_total", "Lines written by a sink.", "sink", "kind")
	m.sinkBytes = counter("sink_bytes_total", "Bytes of redacted lines written by a sink, without line terminators.", "sink", "kind")
	m.sinkErrors = counter("sink_write_errors_total", "Failed sink writes (each failed write is one batch).", "sink", "kind")
	m.sinkWrite = hist("sink_write_duration_seconds", "Duration of one sink write (one batch).", "sink", "kind")
	m.findings = counter("findings_total", "Secrets found, by rule id.", "rule")
	m.errors = counter("errors_total", "Errors by kind: source, sink, detector, alert, checkpoint, reload, other.", "kind")
	m.kafkaLag = gauge("kafka_lag_messages", "Messages between a Kafka source's position and the partition's high watermark.", "source", "topic", "partition")
	for _, k := range errorKinds {
		m.errors.WithLabelValues(k) // export zeros: alerting on rate() needs the series
	}
	buildInfo := prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: Namespace, Name: "build_info", Help: "Always 1; the version label says which redactd runs."}, []string{"version"})
	buildInfo.WithLabelValues(version).Set(1)
	m.reg.MustRegister(
		m.sourceLines, m.sourceBytes, m.sourceInflight, m.batchLatency,
		m.sinkLines, m.sinkBytes, m.sinkErrors, m.sinkWrite,
		m.findings, m.errors, m.kafkaLag, buildInfo,
		(*statsCollector)(m), (*alertCollector)(m), (*checkpointCollector)(m),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// Registry returns the underlying registry, to register more collectors or
// to gather in tests.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// WatchPipeline makes the registry export st, read atomically at each
// scrape. Pass the Stats given to pipeline.Run in Options.Stats; a later
// call replaces the earlier one (a reloaded pipeline), so counters should
// carry over in the same Stats value.
func (m *Metrics) WatchPipeline(st *pipeline.Stats) { m.stats.Store(st) }

// Error counts one error of the given kind (one of the Err* constants;
// anything else counts as ErrOther).
func (m *Metrics) Error(kind string) {
	for _, k := range errorKinds {
		if k == kind {
			m.errors.WithLabelValues(k).Inc()
			return
		}
	}
	m.errors.WithLabelValues(ErrOther).Inc()
}

// KafkaLag sets the lag of one partition of a Kafka source. It takes a lock
// inside the client library to find the series: call it once per fetch or
// per second, not per message.
func (m *Metrics) KafkaLag(source, topic string, partition int32, lag int64) {
	m.kafkaLag.WithLabelValues(source, topic, strconv.FormatInt(int64(partition), 10)).Set(float64(lag))
}

// ForgetKafkaPartition removes a partition's lag series, when a rebalance
// moved the partition away from this process.
func (m *Metrics) ForgetKafkaPartition(source, topic string, partition int32) {
	m.kafkaLag.DeleteLabelValues(source, topic, strconv.FormatInt(int64(partition), 10))
}

// Checkpoint returns the checkpoint clock of a source (one per name), for
// redactd_checkpoint_age_seconds{source}. The series appears after the
// first Saved.
func (m *Metrics) Checkpoint(source string) *Checkpoint {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.checkpoints[source]
	if !ok {
		c = &Checkpoint{}
		m.checkpoints[source] = c
	}
	return c
}

// Checkpoint records when a source last persisted its checkpoint. Its
// methods may be called concurrently and cost one atomic store.
type Checkpoint struct {
	unixNano atomic.Int64
}

// Saved records that the checkpoint was written (or committed) at t.
func (c *Checkpoint) Saved(t time.Time) { c.unixNano.Store(t.UnixNano()) }

// AlertStats is a snapshot of the alert router's counters, returned by the
// function given to WatchAlerts at each scrape. Counters must only grow.
type AlertStats struct {
	// Raised counts alerts created (one per new fingerprint in the window).
	Raised uint64
	// Deduplicated counts findings whose fingerprint was already alerted
	// within the dedup window.
	Deduplicated uint64
	// Suppressed counts alerts folded into summaries by the rate limit.
	Suppressed uint64
	// Fingerprints is the size of the dedup set.
	Fingerprints int
	Sinks        []AlertSinkStats
}

// AlertSinkStats are the counters of one alert sink.
type AlertSinkStats struct {
	// Name identifies the sink ("webhook[0] https://host"); Kind is its
	// type ("webhook", "slack", "file", "kafka", "stderr"). Neither may hold
	// a URL path, a query or a header value.
	Name, Kind string
	// Sent, Retried, Dropped and Failed count alerts delivered, retried
	// deliveries, alerts dropped before the queue and deliveries that failed
	// for good.
	Sent, Retried, Dropped, Failed uint64
	// Queued is the number of alerts waiting in the sink's queue.
	Queued int
}

// WatchAlerts makes the registry export the alert counters f returns; f is
// called once per scrape, from the scraping goroutine, and must not block
// for long. A later call replaces the earlier f.
func (m *Metrics) WatchAlerts(f func() AlertStats) { m.alerts.Store(&f) }

func desc(name, help string, labels ...string) *prometheus.Desc {
	return prometheus.NewDesc(prometheus.BuildFQName(Namespace, "", name), help, labels, nil)
}

// statsCollector exports pipeline.Stats.
type statsCollector Metrics

var (
	descLinesScanned  = desc("scanned_lines_total", "Lines that went through the detect stage.")
	descBytesScanned  = desc("scanned_bytes_total", "Bytes of lines that went through the detect stage.")
	descRedacted      = desc("redacted_lines_total", "Lines in which at least one secret was replaced.")
	descRedactions    = desc("redactions_total", "Secrets replaced (findings of the detect stage).")
	descOversize      = desc("oversize_lines_total", "Line pieces longer than max_line_bytes, replaced whole (fail closed).")
	descOversizeScan  = desc("oversize_scanned_total", "Line pieces longer than max_line_bytes, scanned with the line around them (oversize = \"scan\"); their secrets count as redactions.")
	descDetectorErr   = desc("detector_errors_total", "Lines the detector failed on, replaced whole (fail closed).")
	descBatches       = desc("batches_total", "Batches settled, by result: acked when every sink wrote them, failed otherwise.", "result")
	descQueueInput    = desc("input_queue_batches", "Batches waiting between the sources and the detect workers.")
	descAlertsRaised  = desc("alerts_raised_total", "Alerts raised (one per newly seen fingerprint within the dedup window).")
	descAlertsDedup   = desc("alerts_deduplicated_total", "Findings not alerted because their fingerprint was alerted within the dedup window.")
	descAlertsSupp    = desc("alerts_suppressed_total", "Alerts folded into summary alerts by the rate limit.")
	descAlertFPs      = desc("alert_fingerprints", "Fingerprints held in the alert dedup set.")
	descAlertSent     = desc("alerts_sent_total", "Alerts delivered by an alert sink.", "sink", "kind")
	descAlertRetried  = desc("alerts_retried_total", "Retried alert deliveries.", "sink", "kind")
	descAlertDropped  = desc("alerts_dropped_total", "Alerts dropped before an alert sink's queue (queue full or shutting down).", "sink", "kind")
	descAlertFailed   = desc("alerts_failed_total", "Alert deliveries that failed for good.", "sink", "kind")
	descAlertQueue    = desc("alert_queue_length", "Alerts waiting in an alert sink's queue.", "sink", "kind")
	descCheckpointAge = desc("checkpoint_age_seconds", "Seconds since a source last persisted its checkpoint.", "source")
)

func (c *statsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descLinesScanned, descBytesScanned, descRedacted, descRedactions, descOversize, descOversizeScan, descDetectorErr, descBatches, descQueueInput} {
		ch <- d
	}
}

func (c *statsCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.stats.Load()
	if st == nil {
		return
	}
	cnt := func(d *prometheus.Desc, v int64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
	}
	cnt(descLinesScanned, st.LinesIn.Load())
	cnt(descBytesScanned, st.BytesIn.Load())
	cnt(descRedacted, st.RedactedLines.Load())
	cnt(descRedactions, st.Findings.Load())
	cnt(descOversize, st.Oversize.Load())
	cnt(descOversizeScan, st.OversizeScanned.Load())
	cnt(descDetectorErr, st.DetectorErrors.Load())
	cnt(descBatches, st.BatchesAcked.Load(), "acked")
	cnt(descBatches, st.BatchesFailed.Load(), "failed")
	ch <- prometheus.MustNewConstMetric(descQueueInput, prometheus.GaugeValue, float64(st.QueueDepthInput.Load()))
}

// alertCollector exports the snapshot of WatchAlerts.
type alertCollector Metrics

func (c *alertCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descAlertsRaised, descAlertsDedup, descAlertsSupp, descAlertFPs, descAlertSent, descAlertRetried, descAlertDropped, descAlertFailed, descAlertQueue} {
		ch <- d
	}
}

func (c *alertCollector) Collect(ch chan<- prometheus.Metric) {
	f := c.alerts.Load()
	if f == nil {
		return
	}
	st := (*f)()
	cnt := func(d *prometheus.Desc, v uint64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
	}
	cnt(descAlertsRaised, st.Raised)
	cnt(descAlertsDedup, st.Deduplicated)
	cnt(descAlertsSupp, st.Suppressed)
	ch <- prometheus.MustNewConstMetric(descAlertFPs, prometheus.GaugeValue, float64(st.Fingerprints))
	seen := map[string]bool{}
	for _, s := range st.Sinks {
		if seen[s.Name] { // a duplicate series would fail the whole scrape
			continue
		}
		seen[s.Name] = true
		cnt(descAlertSent, s.Sent, s.Name, s.Kind)
		cnt(descAlertRetried, s.Retried, s.Name, s.Kind)
		cnt(descAlertDropped, s.Dropped, s.Name, s.Kind)
		cnt(descAlertFailed, s.Failed, s.Name, s.Kind)
		ch <- prometheus.MustNewConstMetric(descAlertQueue, prometheus.GaugeValue, float64(s.Queued), s.Name, s.Kind)
	}
}

// checkpointCollector computes checkpoint ages at scrape time.
type checkpointCollector Metrics

func (c *checkpointCollector) Describe(ch chan<- *prometheus.Desc) { ch <- descCheckpointAge }

func (c *checkpointCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	for name, cp := range c.checkpoints {
		ns := cp.unixNano.Load()
		if ns == 0 {
			continue
		}
		age := now.Sub(time.Unix(0, ns)).Seconds()
		ch <- prometheus.MustNewConstMetric(descCheckpointAge, prometheus.GaugeValue, max(age, 0), name)
	}
}
