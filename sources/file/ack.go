package file

import (
	"sync"

	"github.com/redactd/redactd/pipeline"
)

// ackState tracks the acknowledgements of one generation of one file (a
// truncation starts a new generation at offset 0). It is safe for
// concurrent use: batches are acked from the pipeline's goroutines.
type ackState struct {
	mu   sync.Mutex
	wm   *pipeline.Watermark
	ends []mark // end offset and line count of each pending batch, in order
	off  int64  // every line below off was acknowledged by every sink
	line int64  // lines below off, -1 if unknown
}

type mark struct{ off, line int64 }

func newAckState(off, line int64) *ackState {
	return &ackState{wm: pipeline.NewWatermark(off), off: off, line: line}
}

// add registers a batch covering [start, end) whose last line is line.
func (a *ackState) add(start, end, line int64) {
	a.mu.Lock()
	a.wm.Add(start, end)
	a.ends = append(a.ends, mark{end, line})
	a.mu.Unlock()
}

// ack records that the batch starting at start was written by every sink.
func (a *ackState) ack(start int64) {
	a.mu.Lock()
	c := a.wm.Ack(start)
	n := 0
	for n < len(a.ends) && a.ends[n].off <= c {
		a.off, a.line = a.ends[n].off, a.ends[n].line
		n++
	}
	if n > 0 {
		a.ends = append(a.ends[:0], a.ends[n:]...)
	}
	a.mu.Unlock()
}

// committed returns the checkpointable offset and its line count, and how
// many batches are still unacknowledged.
func (a *ackState) committed() (off, line int64, pending int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.off, a.line, len(a.ends)
}
