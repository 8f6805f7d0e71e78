package file

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/redactd/redactd/pipeline"
)

func jsonMarshal(v any) ([]byte, error) { return json.MarshalIndent(v, "", "  ") }

// getBuf returns a buffer of length n. Buffers of the standard capacity
// come from the free list when one is there.
func (s *Source) getBuf(n int) []byte {
	if n > s.stdBufCap {
		return make([]byte, n)
	}
	select {
	case b := <-s.freeBufs:
		return b[:n]
	default:
		return make([]byte, n, s.stdBufCap)
	}
}

func (s *Source) getRecs() []pipeline.Record {
	select {
	case r := <-s.freeRecs:
		return r[:0]
	default:
		return make([]pipeline.Record, 0, s.cfg.BatchLines)
	}
}

// recycle puts a batch's buffer and records back on the free lists. Only
// called once the batch was acknowledged, when the pipeline no longer holds
// them. Records are not cleared: split overwrites each one whole, and the
// free list is bounded, so what they still reference is bounded too.
func (s *Source) recycle(buf []byte, recs []pipeline.Record) {
	if cap(buf) == s.stdBufCap {
		select {
		case s.freeBufs <- buf:
		default:
		}
	}
	if recs != nil && cap(recs) == s.cfg.BatchLines {
		select {
		case s.freeRecs <- recs:
		default:
		}
	}
}

// readFile reads t from its read offset and sends a batch per read, until
// the end of the file or maxTurnBatches batches. It reports whether data
// may be left; it returns an error only when ctx is done.
func (s *Source) readFile(ctx context.Context, out chan<- pipeline.Batch, t *tracked) (more bool, err error) {
	for range maxTurnBatches {
		var buf []byte
		n, m, want := len(t.carry), 0, 0
		if t.linesLeft {
			// The last batch was cut at BatchLines: the carry holds whole
			// lines to send before reading more.
			buf = s.getBuf(n)
			copy(buf, t.carry)
		} else {
			want = max(s.cfg.BatchBytes, n)
			if lim := s.cfg.MaxLineBytes + s.context() + 1 - n; n > 0 && want > lim {
				// A long line: read up to its next piece and that
				// piece's context, no more, so that a batch's buffer
				// holds one piece and little else.
				want = max(s.cfg.BatchBytes, lim)
			}
			buf = s.getBuf(n + want)
			copy(buf, t.carry)
			var rerr error
			m, rerr = t.f.ReadAt(buf[n:], t.readOff)
			if rerr != nil && !errors.Is(rerr, io.EOF) {
				s.log.Error("read failed", "path", t.path, "offset", t.readOff, "err", rerr)
			}
			if m == 0 {
				s.recycle(buf, nil)
				return false, nil
			}
			t.readOff += int64(m)
			t.lastData = time.Now()
			if t.fp.n < s.cfg.FingerprintBytes {
				t.fp = s.readFingerprint(t.f, t.readOff)
			}
		}
		data := buf[:n+m]
		recs, used, full := s.split(s.getRecs(), data, t)
		t.linesLeft = full
		t.carry = append(t.carry[:0], data[used:]...)
		if len(t.carry) == 0 && cap(t.carry) > 4<<10 {
			t.carry = nil // a long line's buffer is not kept
		}
		if len(recs) > 0 {
			start := t.emitOff
			t.emitOff += int64(used)
			if err := s.send(ctx, out, t, recs, buf, start, t.emitOff); err != nil {
				return false, err
			}
		} else {
			s.recycle(buf, recs)
		}
		if !t.linesLeft && m < want {
			return false, nil
		}
	}
	return true, nil
}

// split appends to recs a record for each complete line of data (which
// starts at t.emitOff), up to BatchLines records, and pieces of lines
// longer than MaxLineBytes. It returns the records and how many bytes of
// data they cover, and whether it stopped at BatchLines (else the rest is
// an incomplete line). Records alias data.
func (s *Source) split(recs []pipeline.Record, data []byte, t *tracked) (_ []pipeline.Record, used int, full bool) {
	maxLine := s.cfg.MaxLineBytes
	meta := pipeline.Meta{Source: "file", Name: s.cfg.Name, Path: t.path, Time: time.Now()}
	pos := 0
	for {
		if len(recs) == s.cfg.BatchLines {
			return recs, pos, pos < len(data)
		}
		rest := data[pos:]
		i := bytes.IndexByte(rest, '\n')
		// A piece waits for the context after it (its Window.After).
		if i < 0 && len(rest) <= maxLine+s.context() || len(rest) == 0 {
			break
		}
		if i < 0 || i > maxLine {
			// A piece of an oversize line; the line's number is the next one.
			meta.Offset = t.emitOff + int64(pos)
			meta.LineNo = lineNo(t.line, 1)
			if i < 0 {
				i = len(rest)
			}
			recs = append(recs, s.piece(t, rest[:i], meta))
			pos += maxLine
			continue
		}
		if t.line >= 0 {
			t.line++
		}
		meta.Offset = t.emitOff + int64(pos)
		meta.LineNo = lineNo(t.line, 0)
		recs = append(recs, s.lastPiece(t, pipeline.Record{Line: rest[:i:i], Meta: meta}))
		pos += i + 1
	}
	return recs, pos, false
}

// context is how many bytes of a line an oversize piece needs after it
// before it is sent: its Window.After with oversize = "scan", none else.
func (s *Source) context() int {
	if s.cfg.Oversize == pipeline.OversizeScan {
		return pipeline.OversizeContext
	}
	return 0
}

// piece returns the record of the next MaxLineBytes of line, the rest of
// a long line as far as it was read, and remembers the piece's end for the
// next piece's Window.
func (s *Source) piece(t *tracked, line []byte, meta pipeline.Meta) pipeline.Record {
	maxLine := s.cfg.MaxLineBytes
	r := pipeline.Record{Line: line[:maxLine:maxLine], NoNewline: true, Oversize: true, Meta: meta}
	if c := s.context(); c > 0 {
		after := line[maxLine:min(len(line), maxLine+c)]
		r.Window = &pipeline.Window{Before: t.tail, After: after[:len(after):len(after)]}
		t.tail = lastBytes(t.tail, r.Line, c)
	}
	t.oversize = true
	return r
}

// lastPiece completes r, the end of a line: Oversize and its Window when
// pieces of the line were sent before.
func (s *Source) lastPiece(t *tracked, r pipeline.Record) pipeline.Record {
	if t.oversize {
		r.Oversize = true
		if s.context() > 0 {
			r.Window = &pipeline.Window{Before: t.tail}
		}
	}
	t.oversize, t.tail = false, nil
	return r
}

// lastBytes returns a new slice holding the last n bytes of tail+b.
func lastBytes(tail, b []byte, n int) []byte {
	out := make([]byte, 0, n)
	if len(b) < n {
		out = append(out, tail[max(0, len(tail)+len(b)-n):]...)
	}
	return append(out, b[max(0, len(b)-n):]...)
}

// lineNo returns the record line number for a file that sent line lines,
// plus add; 0 when unknown.
func lineNo(line, add int64) int64 {
	if line < 0 {
		return 0
	}
	return line + add
}

// flushCarry sends the incomplete line held in t.carry as a final line
// without newline.
func (s *Source) flushCarry(ctx context.Context, out chan<- pipeline.Batch, t *tracked) error {
	if len(t.carry) == 0 {
		return nil
	}
	buf := s.getBuf(len(t.carry))
	copy(buf, t.carry)
	recs := s.getRecs()
	meta := pipeline.Meta{Source: "file", Name: s.cfg.Name, Path: t.path, Offset: t.emitOff, LineNo: lineNo(t.line, 1), Time: time.Now()}
	pos := 0
	// The carry may hold more than MaxLineBytes while the last piece
	// waited for its context: the line ends here, so cut it now.
	for len(buf)-pos > s.cfg.MaxLineBytes {
		meta.Offset = t.emitOff + int64(pos)
		recs = append(recs, s.piece(t, buf[pos:], meta))
		pos += s.cfg.MaxLineBytes
	}
	if t.line >= 0 {
		t.line++
	}
	meta.Offset, meta.LineNo = t.emitOff+int64(pos), lineNo(t.line, 0)
	last := buf[pos:]
	recs = append(recs, s.lastPiece(t, pipeline.Record{Line: last[:len(last):len(last)], NoNewline: true, Meta: meta}))
	start := t.emitOff
	t.emitOff = t.readOff
	t.carry = t.carry[:0]
	return s.send(ctx, out, t, recs, buf, start, t.emitOff)
}

// send hands a batch covering the file bytes [start, end) to the pipeline.
// While the pipeline pushes back, it keeps saving checkpoints on time and
// discovering new files.
func (s *Source) send(ctx context.Context, out chan<- pipeline.Batch, t *tracked, recs []pipeline.Record, buf []byte, start, end int64) error {
	// A batch with an oversize piece first takes one of the
	// pipeline.OversizeInflight slots, which its ack frees.
	big := false
	for i := range recs {
		big = big || recs[i].Oversize
	}
	slots := s.bigSlots // nil: no slot needed, or holding one
	if !big {
		slots = nil
	}
	a := t.ack
	a.add(start, end, t.line)
	s.inflight.Add(1)
	b := pipeline.Batch{
		Stream:  t.stream,
		Records: recs,
		Ack: func(err error) {
			if big {
				<-s.bigSlots
			}
			if err == nil {
				a.ack(start)
				s.recycle(buf, recs)
			}
			// A failed batch is never acked in the watermark: the
			// checkpoint stays below it and a restart reads it again.
			s.inflight.Add(-1)
		},
	}
	var globTick <-chan time.Time
	woke := false
	defer func() {
		if woke { // pass on a notification taken while blocked
			select {
			case s.wake <- struct{}{}:
			default:
			}
		}
	}()
	for {
		if slots != nil {
			select {
			case slots <- struct{}{}:
				slots = nil
			default:
			}
		}
		if slots == nil {
			select {
			case out <- b:
				return nil
			default:
			}
		}
		if globTick == nil { // blocked: keep discovering files meanwhile
			tk := time.NewTicker(s.cfg.GlobInterval)
			defer tk.Stop()
			globTick = tk.C
		}
		send := out
		if slots != nil {
			send = nil // wait for a slot first
		}
		select {
		case slots <- struct{}{}:
			slots = nil
		case send <- b:
			return nil
		case <-ctx.Done():
			if big && slots == nil {
				<-s.bigSlots
			}
			s.inflight.Add(-1)
			return ctx.Err()
		case <-s.cpTick:
			s.save()
		case <-globTick:
			s.maybeScan()
		case <-s.wake:
			woke = true
			if s.rescan.Load() {
				s.maybeScan()
			}
		}
	}
}
