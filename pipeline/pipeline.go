// Package pipeline moves log records from sources through the detect stage to
// sinks, in batches, with bounded queues, per-stream order and end-to-end
// acknowledgements.
//
//	source ─Batch─► queue ─► detect workers ─► reorder ─► stream stage ─► fan-out ─► sink queues ─► sinks
//	   ▲                                                                                               │
//	   └──────────────── Batch.Ack fires once every sink has written the batch ◄─────────────────────┘
//
// Every channel is bounded: a slow sink blocks the fan-out, the workers and
// then the source. A batch's Ack fires exactly once, after every sink wrote it
// or failed to.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redactd/redactd/detectors"
)

// ErrStopped is passed to a batch's Ack when the pipeline stopped before every
// sink wrote the batch. The source must not advance its checkpoint past it.
var ErrStopped = errors.New("pipeline: stopped before the batch was written")

// Header is one Kafka-style record header.
type Header struct {
	Key   string
	Value []byte
}

// Meta says where a record came from. Sources fill what they know.
type Meta struct {
	// Source is the kind of source: "stdin", "file", "kafka", "exec".
	Source string
	// Name is the configured name of the source instance, if any.
	Name string
	// Path is the file a line was read from (file source).
	Path string
	// Topic and Partition locate a Kafka message.
	Topic     string
	Partition int32
	// Offset is the byte offset of the line's start in its file, or the
	// Kafka message offset.
	Offset int64
	// LineNo is the 1-based line number in the stream, where known (0 if not).
	LineNo int64
	// Time is when the record was produced (Kafka timestamp) or read.
	Time time.Time
}

// Record is one log line, or one Kafka message value, on its way through the
// pipeline.
type Record struct {
	// Line holds the line without its trailing "\n" (a "\r" before the "\n"
	// stays in Line). The pipeline owns it until the batch is acked: sources
	// must not reuse its backing array before then. After the detect stage it
	// holds the redacted line.
	Line []byte
	// NoNewline is set for a final line that ended without "\n"; sinks that
	// write lines then write none after it.
	NoNewline bool
	// Oversize marks a piece of a line longer than the source's maximum
	// line length. Every piece but the last of one line has NoNewline set.
	// Without a Window the detect stage replaces the piece whole with an
	// oversize token (fail closed, "oversize = redact"); with one it scans
	// the piece in the context the Window holds ("oversize = scan").
	Oversize bool
	// Window, on an Oversize piece, holds the bytes of the line around the
	// piece, so that the detect stage can scan the piece without losing a
	// secret or a key name that the cut separated from it. Nil everywhere
	// else, and on pieces a source wants replaced whole.
	Window *Window
	// Key and Headers carry a Kafka message's key and headers; the detect
	// stage redacts them too.
	Key     []byte
	Headers []Header
	// Meta says where the record came from.
	Meta Meta
	// Findings are the secrets found in Line, set by the detect stage. Spans
	// refer to the original line, before redaction.
	Findings []detectors.Finding
	// ExtraFindings are the secrets found in Key and header values.
	ExtraFindings []detectors.Finding
}

// Oversize modes: what the detect stage does with a piece of a line longer
// than a source's max_line_bytes (the "oversize" setting).
const (
	// OversizeScan scans each piece with OversizeContext bytes of the line
	// on either side and replaces only the secrets found (the default).
	OversizeScan = "scan"
	// OversizeRedact replaces each piece whole with an oversize token.
	OversizeRedact = "redact"
)

// ValidateOversize checks an "oversize" setting; "" means OversizeScan.
func ValidateOversize(mode string) error {
	switch mode {
	case "", OversizeScan, OversizeRedact:
		return nil
	}
	return fmt.Errorf("oversize: want %q or %q, got %q", OversizeScan, OversizeRedact, mode)
}

// OversizeContext is how many bytes of a line before and after an
// oversize piece a source puts in its Window. A secret that straddles a
// cut is found whole, with the key name before it, when it and its key
// fit in this much of the line on each side. 16 KiB holds the longest
// secret on one line in practice: a 16384-bit RSA private key as an
// escaped PEM block is about 13 KB.
const OversizeContext = 16 << 10

// OversizeInflight is how many batches holding Oversize pieces a source
// keeps in the pipeline at a time: it waits for one to be acked before it
// sends another. The pipeline's queues bound batches, not bytes, and a
// batch of a long line holds a whole piece (max_line_bytes), so without
// this a long line would fill every queue with pieces; with it, memory for
// long lines stays a few pieces whatever their length.
const OversizeInflight = 4

// Window is the context of an Oversize piece: up to OversizeContext bytes
// of the same line right before the piece (empty for the first piece of a
// line) and right after it (empty for the last). The detect stage scans
// Before+Line+After and keeps what it finds in Line; a secret that
// straddles the cut is fingerprinted whole, so both pieces carry the same
// token for it. Like Line, Before and After belong to the pipeline until
// the batch is acked.
type Window struct {
	Before, After []byte
	// followTail is set by the detect stage on the last piece of a line:
	// what the stream's LineFollower is shown of the line (see follow).
	followTail []byte
}

// AckFunc reports the fate of a batch to its source: nil when every sink
// wrote it, else the worst error. The pipeline calls it exactly once per
// batch, from any goroutine; it must not block for long.
type AckFunc func(err error)

// Batch is the unit that moves between stages: records of one stream, in
// order, with one Ack for all of them.
type Batch struct {
	// Stream identifies the ordered stream the records belong to ("stdin",
	// a file path, "topic/partition"). Records of one stream leave the
	// pipeline in the order they entered it; multi-line state (PEM blocks)
	// is kept per stream.
	Stream  string
	Records []Record
	// Ack may be nil when the source needs no acknowledgement.
	Ack AckFunc
}

// Source produces batches.
//
// Run sends batches on out until its input ends (then it returns nil) or ctx
// is cancelled (then it returns ctx.Err() or nil). Every send must also select
// on ctx.Done(). Run must not close out; the pipeline owns it. A source that
// needs acks waits for them (or for ctx) before it returns when it must
// persist a checkpoint.
type Source interface {
	Run(ctx context.Context, out chan<- Batch) error
}

// Sink writes redacted records.
//
// Write must block until every record was written (or handed to durable
// storage) or it failed; the pipeline acks the batch from its result. Write
// must not modify the records and must not retain the slice or any Line after
// it returns. Write and Close are called from one goroutine per sink, never
// concurrently with each other.
//
// Close flushes and releases the sink; it is called once, after the last Write.
type Sink interface {
	Write(ctx context.Context, recs []Record) error
	Close(ctx context.Context) error
}

// SinkFunc is an adapter to allow the use of an ordinary function as a Sink
// with a no-op Close.
type SinkFunc func(ctx context.Context, recs []Record) error

// Write calls f(ctx, recs).
func (f SinkFunc) Write(ctx context.Context, recs []Record) error { return f(ctx, recs) }

// Close does nothing.
func (f SinkFunc) Close(context.Context) error { return nil }

// Redactor is the detect stage. Redact is called concurrently from the detect
// workers. detectors.Engine implements it.
//
// Redact returns line itself when it holds no secret; otherwise it appends
// the redacted line to dst and returns that. It never modifies or retains line.
type Redactor interface {
	Redact(dst, line []byte) ([]byte, []detectors.Finding)
}

// StreamRedactor is implemented by a Redactor that keeps multi-line state
// (PEM private key blocks) per stream. NewStream returns the state for one
// stream; the pipeline calls its Follow for every line of that stream, in
// stream order, from one goroutine at a time.
type StreamRedactor interface {
	Redactor
	NewStream() LineFollower
}

// LineFollower carries the multi-line detection state of one stream.
//
// Follow gets each line after Redact (line is the redacted line, findings
// what Redact found) and returns the line to forward and the findings to keep
// (the same values when it has nothing to add). Like Redact, it returns line
// itself when it changes nothing and otherwise appends to dst.
type LineFollower interface {
	Follow(dst, line []byte, findings []detectors.Finding) ([]byte, []detectors.Finding)
}

// IdleFollower is implemented by a LineFollower that can tell when it holds
// no state (it is outside any multi-line block). The pipeline then forgets
// it and makes a new one for the stream's next batch, so streams that come
// and go (rotated files, rebalanced partitions) do not grow memory.
type IdleFollower interface {
	LineFollower
	Idle() bool
}
