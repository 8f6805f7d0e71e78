package alerts

import (
	"context"
	"log/slog"
	"sync/atomic"
)

// sender delivers alerts to one destination. send is called from the sink's
// worker goroutine only, never concurrently; it must not retain batch or
// modify the alerts. It delivers the whole batch or fails (file and Kafka
// write all or nothing; a webhook gets batches of one). It may retry
// internally and counts retries in st. close releases the destination after
// the last send.
type sender interface {
	send(ctx context.Context, batch []*Alert) error
	close() error
}

// sinkStats are the counters of one sink, updated atomically.
type sinkStats struct {
	sent, retried, dropped, failed atomic.Uint64
}

// SinkStats are the counters of one alert sink.
type SinkStats struct {
	// Name identifies the sink: "webhook[0] https://host", "file[0] /path",
	// "kafka[0] topic", "stderr". It never holds a URL path or header.
	Name string
	// Sent counts alerts delivered.
	Sent uint64
	// Retried counts retried deliveries (webhook).
	Retried uint64
	// Dropped counts alerts that never reached the sink's queue: the queue
	// was full or the router had stopped.
	Dropped uint64
	// Failed counts alerts whose delivery failed for good (retries used up,
	// a 4xx answer, a write error, or the drain timeout at shutdown).
	Failed uint64
	// Queued is the number of alerts waiting in the queue.
	Queued int
}

// sink is one destination with its bounded queue and worker.
type sink struct {
	name     string
	s        sender
	q        chan *Alert
	maxBatch int
	st       sinkStats
	// reported is how many lost alerts (dropped+failed) were announced in a
	// delivered alert; only the worker touches it.
	reported uint64
	log      *slog.Logger
}

// enqueue hands a to the sink without blocking; a full queue counts a drop.
func (s *sink) enqueue(a *Alert) {
	select {
	case s.q <- a:
	default:
		s.st.dropped.Add(1)
	}
}

func (s *sink) stats() SinkStats {
	return SinkStats{
		Name: s.name, Sent: s.st.sent.Load(), Retried: s.st.retried.Load(),
		Dropped: s.st.dropped.Load(), Failed: s.st.failed.Load(), Queued: len(s.q),
	}
}

// run is the sink's worker. It delivers queued alerts until stop is closed,
// then drains what is queued and returns. Deliveries use ctx, which the
// Router cancels when the drain timeout has passed: alerts still queued then
// count as failed. run returns only after stop is closed and the queue is
// empty.
func (s *sink) run(ctx context.Context, stop <-chan struct{}) {
	batch := make([]*Alert, 0, s.maxBatch)
	for {
		select {
		case a := <-s.q:
			batch = s.fill(append(batch[:0], a))
			s.deliver(ctx, batch)
		case <-stop:
			for {
				select {
				case a := <-s.q:
					batch = s.fill(append(batch[:0], a))
					s.deliver(ctx, batch)
				default:
					if lost := s.st.dropped.Load() + s.st.failed.Load() - s.reported; lost > 0 {
						s.log.Warn("alerts lost on this sink and not reported in a delivered alert", "sink", s.name, "lost", lost)
					}
					clear(batch[:cap(batch)])
					return
				}
			}
		}
	}
}

// fill appends queued alerts to batch without blocking, up to maxBatch.
func (s *sink) fill(batch []*Alert) []*Alert {
	for len(batch) < s.maxBatch {
		select {
		case a := <-s.q:
			batch = append(batch, a)
		default:
			return batch
		}
	}
	return batch
}

// deliver sends batch, announcing earlier losses in its first alert (a copy:
// alerts are shared between sinks).
func (s *sink) deliver(ctx context.Context, batch []*Alert) {
	if ctx.Err() != nil {
		s.st.failed.Add(uint64(len(batch)))
		return
	}
	lost := s.st.dropped.Load() + s.st.failed.Load() - s.reported
	if lost > 0 {
		c := *batch[0]
		c.Lost = lost
		batch[0] = &c
		s.log.Warn("alerts were lost on this sink; announcing in the next alert", "sink", s.name, "lost", lost)
	}
	if err := s.s.send(ctx, batch); err != nil {
		s.st.failed.Add(uint64(len(batch)))
		s.log.Error("alert delivery failed", "sink", s.name, "alerts", len(batch), "err", err)
		return
	}
	s.st.sent.Add(uint64(len(batch)))
	s.reported += lost
}
