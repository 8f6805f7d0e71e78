package pipeline

import "sync"

// Watermark tracks acknowledgements of consecutive ranges of a stream's
// offsets (file bytes, Kafka offsets) that may be acked out of order, and
// reports the offset below which every range was acked: the only offset a
// source may checkpoint or commit. It is safe for concurrent use.
type Watermark struct {
	mu      sync.Mutex
	done    int64     // every offset below done is acked
	pending []wmRange // registered, in offset order, not yet below done
}

type wmRange struct {
	start, end int64
	acked      bool
}

// NewWatermark returns a Watermark whose committed offset starts at start.
func NewWatermark(start int64) *Watermark { return &Watermark{done: start} }

// Add registers the range [start, end) as sent. Ranges must be added in
// offset order, each starting where the previous one ended (gaps are allowed
// for offsets a source skips, e.g. Kafka compaction; a gap is covered by the
// next range).
func (w *Watermark) Add(start, end int64) {
	w.mu.Lock()
	w.pending = append(w.pending, wmRange{start: start, end: end})
	w.mu.Unlock()
}

// Ack marks the range that starts at start as acknowledged and returns the
// new committed offset.
func (w *Watermark) Ack(start int64) int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i := range w.pending {
		if w.pending[i].start == start {
			w.pending[i].acked = true
			break
		}
	}
	n := 0
	for n < len(w.pending) && w.pending[n].acked {
		w.done = w.pending[n].end
		n++
	}
	if n > 0 {
		w.pending = append(w.pending[:0], w.pending[n:]...)
	}
	return w.done
}

// Committed returns the offset below which every registered range was acked.
func (w *Watermark) Committed() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.done
}

// Pending returns how many registered ranges are not yet committed.
func (w *Watermark) Pending() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.pending)
}
