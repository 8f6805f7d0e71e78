// Package stdin is the source that reads log lines from standard input (or
// any io.Reader), for `app 2>&1 | redactd`.
//
// Stdin cannot be replayed: delivery is at-most-once past the process. Lines
// that entered the pipeline are drained on shutdown; bytes still in the pipe
// are not read.
package stdin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/redactd/redactd/pipeline"
)

// Defaults for Config fields left zero.
const (
	DefaultMaxLineBytes = 1 << 20
	DefaultReadBytes    = 256 << 10
	DefaultBatchLines   = 4096
)

// Config configures the stdin source ([sources.stdin] in TOML). A zero
// Config means the defaults.
type Config struct {
	// Enabled turns the source on in a config file that lists other sources.
	Enabled bool `toml:"enabled"`
	// MaxLineBytes is the longest line sent as one record; a longer line
	// is sent as pieces of MaxLineBytes, each marked Record.Oversize.
	// Default 1 MiB.
	MaxLineBytes int `toml:"max_line_bytes"`
	// Oversize is what happens to those pieces: "scan" (default) gives
	// each a Window of pipeline.OversizeContext bytes of the line on
	// either side, and the detect stage scans it there; "redact" has each
	// piece replaced whole by an oversize token.
	Oversize string `toml:"oversize"`
	// ReadBytes is the size of one read; a batch holds the complete lines
	// of one read. Default 256 KiB.
	ReadBytes int `toml:"read_bytes"`
	// BatchLines caps the lines of one batch. Default 4096.
	BatchLines int `toml:"batch_lines"`
}

// Validate reports the first invalid setting.
func (c Config) Validate() error {
	switch {
	case c.MaxLineBytes < 0:
		return fmt.Errorf("max_line_bytes: must not be negative, got %d", c.MaxLineBytes)
	case c.ReadBytes < 0:
		return fmt.Errorf("read_bytes: must not be negative, got %d", c.ReadBytes)
	case c.BatchLines < 0:
		return fmt.Errorf("batch_lines: must not be negative, got %d", c.BatchLines)
	}
	return pipeline.ValidateOversize(c.Oversize)
}

// Source reads lines from an io.Reader.
type Source struct {
	r    io.Reader
	name string
	cfg  Config
	// free holds read buffers whose every record was acknowledged, for
	// the next reads: fast input then reuses a few buffers instead of
	// allocating one per read for the garbage collector.
	free chan []byte
	// freeRecs holds record slices of acknowledged batches, likewise.
	freeRecs chan []pipeline.Record
	// bigSlots holds a token for each batch with oversize pieces in the
	// pipeline (at most pipeline.OversizeInflight).
	bigSlots chan struct{}
}

// freeBuffers bounds the read buffers kept for reuse.
const freeBuffers = 64

// chunkRef counts the holders of one read buffer: the splitter while it cuts
// the buffer, and each batch whose records alias it until that batch is
// acknowledged. The last release returns the buffer to the free list.
type chunkRef struct {
	buf  []byte
	refs atomic.Int32
	free chan []byte
}

func (c *chunkRef) release() {
	if c.refs.Add(-1) == 0 {
		select {
		case c.free <- c.buf[:cap(c.buf)]:
		default: // the free list is full: leave it to the garbage collector
		}
	}
}

var _ pipeline.Source = (*Source)(nil)

// New returns a Source reading from r (usually os.Stdin). name is reported
// in record metadata and as the stream name ("stdin" when empty).
func New(r io.Reader, name string, cfg Config) *Source {
	if cfg.MaxLineBytes <= 0 {
		cfg.MaxLineBytes = DefaultMaxLineBytes
	}
	if cfg.ReadBytes <= 0 {
		cfg.ReadBytes = DefaultReadBytes
	}
	if cfg.BatchLines <= 0 {
		cfg.BatchLines = DefaultBatchLines
	}
	if name == "" {
		name = "stdin"
	}
	if cfg.Oversize == "" {
		cfg.Oversize = pipeline.OversizeScan
	}
	return &Source{r: r, name: name, cfg: cfg, free: make(chan []byte, freeBuffers), freeRecs: make(chan []pipeline.Record, freeBuffers),
		bigSlots: make(chan struct{}, pipeline.OversizeInflight)}
}

type chunk struct {
	b   []byte
	err error
}

// Run reads until EOF (returns nil), a read error (returns it) or ctx is
// cancelled (returns nil after handing over the lines already read).
//
// Each read's complete lines are sent as one batch at once, so a slow
// writer's line appears downstream within milliseconds while fast input
// moves in large batches. Reads happen in a helper goroutine because a read
// from a pipe or terminal cannot be interrupted; it exits when its current
// read returns after Run returned.
func (s *Source) Run(ctx context.Context, out chan<- pipeline.Batch) error {
	chunks := make(chan chunk)
	quit := make(chan struct{})
	defer close(quit)
	go s.reader(chunks, quit) // exits on read error/EOF or when quit is closed

	sp := splitter{src: s, out: out}
	for {
		select {
		case <-ctx.Done():
			sp.flush()
			return nil
		case c := <-chunks:
			ref := &chunkRef{buf: c.b, free: s.free}
			ref.refs.Store(1) // the splitter's own hold, released below
			sp.chunk, sp.now = ref, time.Now()
			sp.add(c.b)
			sp.keepCarry()
			if c.err != nil {
				sp.eof()
				sp.flush()
				ref.release()
				if errors.Is(c.err, io.EOF) {
					return nil
				}
				return fmt.Errorf("read %s: %w", s.name, c.err)
			}
			sp.flush()
			ref.release()
		}
	}
}

func (s *Source) reader(chunks chan<- chunk, quit <-chan struct{}) {
	for {
		var buf []byte
		select {
		case buf = <-s.free:
		default:
			buf = make([]byte, s.cfg.ReadBytes)
		}
		n, err := s.r.Read(buf)
		if n == 0 && err == nil {
			continue
		}
		select {
		case chunks <- chunk{b: buf[:n], err: err}:
		case <-quit:
			return
		}
		if err != nil {
			return
		}
	}
}

// splitter cuts chunks into records. Records alias the chunks (one copy per
// read, none per line); only a line spanning two reads is copied.
type splitter struct {
	src      *Source
	out      chan<- pipeline.Batch
	recs     []pipeline.Record
	carry    []byte // start of a line whose newline has not arrived
	oversize bool   // the current line already exceeded MaxLineBytes
	offset   int64  // stream offset of the next byte
	lineNo   int64
	chunk    *chunkRef // the read buffer the pending records may alias
	// carryInChunk is set while carry aliases the current read buffer
	// (rather than being a copy of its own).
	carryInChunk bool
	now          time.Time // when the current read arrived
	// tail holds the last pipeline.OversizeContext bytes of the pieces of
	// the current line sent so far ("oversize = scan"): the next piece's
	// Window.Before.
	tail []byte
	// big: the pending records hold an oversize piece.
	big bool
}

// context is how many bytes of the line a piece needs after it before it
// can be sent: its Window.After in "oversize = scan" mode, none else.
func (sp *splitter) context() int {
	if sp.src.cfg.Oversize == pipeline.OversizeScan {
		return pipeline.OversizeContext
	}
	return 0
}

// keepCarry copies a partial line that aliases the current read buffer, so
// the buffer can be reused once its batches are acknowledged.
func (sp *splitter) keepCarry() {
	if sp.carryInChunk && len(sp.carry) > 0 {
		sp.carry = append([]byte(nil), sp.carry...)
	}
	sp.carryInChunk = false
}

func (sp *splitter) add(b []byte) {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			if len(sp.carry) == 0 {
				sp.carry = b[:len(b):len(b)] // the full slice expression makes a later append copy
				sp.carryInChunk = true
			} else {
				if n := len(sp.carry) + len(b); n > cap(sp.carry) && n > sp.src.cfg.ReadBytes {
					// A long line: room for a whole piece and its
					// context at once, rather than a copy of the
					// growing line at every few reads.
					c := make([]byte, len(sp.carry), max(n, sp.src.cfg.MaxLineBytes+sp.context()+sp.src.cfg.ReadBytes))
					copy(c, sp.carry)
					sp.carry = c
				}
				sp.carry = append(sp.carry, b...)
				sp.carryInChunk = false
			}
			sp.cutOversize()
			return
		}
		line := b[:i:i]
		if len(sp.carry) > 0 {
			line = append(sp.carry, line...)
			sp.carry = nil
		}
		sp.emit(line, false)
		b = b[i+1:]
	}
}

// cutOversize emits pieces of the pending line while it is too long. A
// piece waits until the bytes of its Window.After have arrived, so the
// carry holds at most MaxLineBytes + pipeline.OversizeContext bytes (plus
// one read) of a line.
func (sp *splitter) cutOversize() { sp.cut(false) }

// cut emits pieces of MaxLineBytes from sp.carry while it is longer than
// that; unless the line ended (whole), only pieces whose whole context
// after them is in the carry.
func (sp *splitter) cut(whole bool) {
	max := sp.src.cfg.MaxLineBytes
	need := max
	if !whole {
		need += sp.context()
	}
	for len(sp.carry) > need {
		sp.oversize = true
		piece := sp.carry[:max:max]
		sp.record(piece, true, true, sp.window(piece, sp.carry[max:]))
		sp.offset += int64(max)
		sp.carry = sp.carry[max:]
	}
}

// window returns the Window of a piece whose line goes on with rest, in
// "oversize = scan" mode (nil otherwise), and remembers the end of the
// piece for the next one. After aliases rest (bytes of the line not yet
// sent, never written again); Before is a copy of its own.
func (sp *splitter) window(piece, rest []byte) *pipeline.Window {
	c := sp.context()
	if c == 0 {
		return nil
	}
	w := &pipeline.Window{Before: sp.tail, After: rest[:min(len(rest), c):min(len(rest), c)]}
	sp.tail = lastBytes(sp.tail, piece, c)
	return w
}

// lastBytes returns a new slice holding the last n bytes of tail+b.
func lastBytes(tail, b []byte, n int) []byte {
	out := make([]byte, 0, n)
	if len(b) < n {
		out = append(out, tail[max(0, len(tail)+len(b)-n):]...)
	}
	return append(out, b[max(0, len(b)-n):]...)
}

func (sp *splitter) emit(line []byte, noNewline bool) {
	if len(line) > sp.src.cfg.MaxLineBytes {
		sp.carry = line
		sp.cut(true)
		line, sp.carry = sp.carry, nil
	}
	over := sp.oversize
	sp.oversize = false
	sp.lineNo++
	var w *pipeline.Window
	if over && sp.context() > 0 {
		w = &pipeline.Window{Before: sp.tail} // the last piece: nothing after it
	}
	sp.tail = nil
	sp.record(line, over, noNewline, w)
	sp.offset += int64(len(line))
	if !noNewline {
		sp.offset++
	}
}

func (sp *splitter) record(line []byte, oversize, noNewline bool, w *pipeline.Window) {
	if sp.recs == nil {
		select {
		case sp.recs = <-sp.src.freeRecs:
		default:
			sp.recs = make([]pipeline.Record, 0, 1024)
		}
	}
	sp.big = sp.big || oversize
	lineNo := sp.lineNo
	if oversize && noNewline {
		lineNo++ // a leading piece belongs to the line not yet counted
	}
	sp.recs = append(sp.recs, pipeline.Record{
		Line:      line,
		NoNewline: noNewline,
		Oversize:  oversize,
		Window:    w,
		Meta:      pipeline.Meta{Source: "stdin", Name: sp.src.name, Offset: sp.offset, LineNo: lineNo, Time: sp.now},
	})
	if len(sp.recs) >= sp.src.cfg.BatchLines {
		sp.flush()
	}
}

// eof emits a final line that has no newline.
func (sp *splitter) eof() {
	if len(sp.carry) > 0 || sp.oversize {
		line := sp.carry
		sp.carry = nil
		sp.emit(line, true)
	}
}

// flush sends the pending records as one batch. The send does not give up on
// cancellation: these lines were read and the pipeline drains its input
// until every source returned.
func (sp *splitter) flush() {
	if len(sp.recs) == 0 {
		return
	}
	recs := sp.recs
	b := pipeline.Batch{Stream: sp.src.name, Records: recs}
	free := sp.src.freeRecs
	c := sp.chunk
	if c != nil {
		// The batch's records may alias the read buffer: it goes back to
		// the free list only when every such batch was acknowledged.
		c.refs.Add(1)
	}
	big := sp.big
	if big {
		// Like the send below, this does not give up on cancellation:
		// the pipeline acks every batch it was given, so a slot frees.
		sp.src.bigSlots <- struct{}{}
		sp.big = false
	}
	b.Ack = func(error) {
		if big {
			<-sp.src.bigSlots
		}
		// No clear(recs): the next batch overwrites every record it
		// appends, and the stale lines and findings this keeps reachable
		// are bounded by the free list. Clearing 1,024 records of ~250
		// bytes, with write barriers while the GC runs, cost 3.5% of CPU.
		select {
		case free <- recs[:0]:
		default:
		}
		if c != nil {
			c.release()
		}
	}
	sp.out <- b
	sp.recs = nil
}
