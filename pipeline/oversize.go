package pipeline

import (
	"bytes"

	"github.com/redactd/redactd/detectors"
)

// Tokenizer is implemented by a Redactor that can render its tokens on
// their own (detectors.Engine does). The detect stage needs it to take the
// tokens of an oversize piece out of the redacted window: a token's length
// depends only on its rule id. A Redactor without it has every oversize
// piece replaced whole.
type Tokenizer interface {
	AppendToken(dst []byte, ruleID string, secret []byte) []byte
}

// followPad is how many spaces precede the end of a long line shown to a
// LineFollower: more than any line prefix a follower remembers (the PEM
// follower compares prefixes of up to 96 bytes), so that it treats the
// prefix as the long one it is.
const followPad = 128

// detectOversize redacts an Oversize piece: scanned in its Window when it
// has one and the Redactor is a Tokenizer, else replaced whole (fail
// closed). It returns how many findings the scan kept. Kafka keys and
// header values are redacted as on any record.
func detectOversize(o *Options, stream string, r *Record) int {
	n := 0
	switch tk, ok := o.Redactor.(Tokenizer); {
	case r.Window == nil || !ok:
		wholeOversize(o, r)
	default:
		_, stream := o.Redactor.(StreamRedactor)
		line, fs, err := scanWindow(o.Redactor, tk, r, stream)
		switch err {
		case nil:
			o.Stats.OversizeScanned.Add(1)
			r.Line, r.Findings = line, fs
			n = len(fs)
		case errDetector:
			o.Stats.DetectorErrors.Add(1)
			o.Logger.Error("detector failed on a piece of an oversize line; replaced it whole", "stream", stream, "offset", r.Meta.Offset, "bytes", len(r.Line))
			r.Line, r.Findings = failClosed(o, RuleDetectorError, r.Line)
			r.Window = nil
		default:
			o.Logger.Error("redacted window of an oversize piece did not match its findings; replaced the piece whole", "stream", stream, "offset", r.Meta.Offset)
			wholeOversize(o, r)
		}
	}
	if len(r.Key) > 0 {
		r.Key, r.ExtraFindings = redactExtra(o, r.Key, r.ExtraFindings)
	}
	for h := range r.Headers {
		r.Headers[h].Value, r.ExtraFindings = redactExtra(o, r.Headers[h].Value, r.ExtraFindings)
	}
	return n
}

// wholeOversize replaces an oversize piece by its token; r.Window is
// cleared so that the stream stage knows the piece holds nothing of the
// line.
func wholeOversize(o *Options, r *Record) {
	o.Stats.Oversize.Add(1)
	r.Line, r.Findings = failClosed(o, RuleOversize, r.Line)
	r.Window = nil
}

type windowErr string

func (e windowErr) Error() string { return string(e) }

const (
	errDetector     = windowErr("detector panicked")
	errInconsistent = windowErr("redacted window does not match its findings")
)

// scanWindow redacts the piece r.Line in the context of r.Window: it
// redacts Before+Line+After (one copy of the three), keeps the findings
// that overlap the piece, clips each to the piece and replaces the clipped
// part by the finding's token, taken from the redacted window. Findings
// keep the fingerprint of the whole secret; their spans are clipped to
// the piece. With stream set, the last piece of a line (After empty) gets
// the end of the line to show the stream's follower.
func scanWindow(rd Redactor, tk Tokenizer, r *Record, stream bool) ([]byte, []detectors.Finding, error) {
	w, piece := r.Window, r.Line
	win := piece
	if len(w.Before)+len(w.After) > 0 {
		win = make([]byte, 0, len(w.Before)+len(piece)+len(w.After))
		win = append(append(append(win, w.Before...), piece...), w.After...)
	}
	ps, pe := len(w.Before), len(w.Before)+len(piece)
	out, fs, ok := safeRedact(rd, win)
	if !ok {
		return nil, nil, errDetector
	}
	if stream && len(w.After) == 0 {
		from := max(0, pe-OversizeContext)
		tail := make([]byte, followPad, followPad+pe-from)
		for i := range tail {
			tail[i] = ' '
		}
		w.followTail = append(tail, win[from:pe]...)
	}
	if len(fs) == 0 {
		return piece, nil, nil
	}
	return clipToPiece(tk, win, out, fs, ps, pe)
}

// clipToPiece renders win[ps:pe] with the findings fs of win, whose
// rendering is out: every part of the piece that a finding covers becomes
// that finding's token, copied from out. It checks that out is win with
// each finding's span replaced by a token of the length tk renders for its
// rule and holding its fingerprint; anything else is errInconsistent (the
// rules were swapped between the calls, or a Redactor breaks its
// contract), and the caller fails closed.
func clipToPiece(tk Tokenizer, win, out []byte, fs []detectors.Finding, ps, pe int) ([]byte, []detectors.Finding, error) {
	var scratch [128]byte
	var line []byte
	var kept []detectors.Finding
	at, outAt := 0, 0 // next unchecked position in win, and where it is in out
	emitted := ps     // next byte of the piece not yet written to line
	for _, f := range fs {
		if f.Start < at || f.End < f.Start || f.End > len(win) {
			return nil, nil, errInconsistent
		}
		seg := f.Start - at
		if outAt+seg > len(out) || !bytes.Equal(out[outAt:outAt+seg], win[at:f.Start]) {
			return nil, nil, errInconsistent
		}
		outAt += seg
		tl := len(tk.AppendToken(scratch[:0], f.RuleID, nil))
		if outAt+tl > len(out) {
			return nil, nil, errInconsistent
		}
		tok := out[outAt : outAt+tl]
		if f.Fingerprint != "" && !bytes.Contains(tok, []byte(f.Fingerprint)) {
			return nil, nil, errInconsistent
		}
		outAt += tl
		at = f.End
		if f.End <= ps || f.Start >= pe {
			continue // wholly in the context: another piece's
		}
		s, e := max(f.Start, ps), min(f.End, pe)
		if line == nil {
			line = make([]byte, 0, pe-ps+len(fs)*tl)
		}
		line = append(line, win[emitted:s]...)
		line = append(line, tok...)
		emitted = e
		f.Start, f.End = s-ps, e-ps
		kept = append(kept, f)
	}
	if !bytes.Equal(out[outAt:], win[at:]) {
		return nil, nil, errInconsistent
	}
	if kept == nil {
		return win[ps:pe:pe], nil, nil
	}
	return append(line, win[emitted:pe]...), kept, nil
}

// followOversize runs the stream's follower over an Oversize piece. A
// follower judges whole lines, so it is shown none of the pieces; instead:
//
//   - while the stream is inside a multi-line block (the follower is not
//     idle, or cannot tell), a scanned piece could belong to the block and
//     is replaced whole (fail closed), as every oversize piece once was;
//   - after the last piece of a line, the follower is shown the end of the
//     line behind a long blank prefix, so that a block that opens at the
//     end of a long line (a PEM BEGIN header) is followed on the next lines.
//
// What the follower returns for that line is not used: an idle follower
// changes no line it is shown.
func followOversize(o *Options, f LineFollower, stream string, r *Record) {
	if r.Window == nil {
		return // replaced whole already
	}
	if !followerIdle(f) {
		wholeOversize(o, r)
		return
	}
	if !followTail(f, r.Window) {
		o.Stats.DetectorErrors.Add(1)
		o.Logger.Error("multi-line detector failed on the end of an oversize line; replaced its last piece whole", "stream", stream, "offset", r.Meta.Offset)
		r.Line, r.Findings = failClosed(o, RuleDetectorError, r.Line)
		r.Window = nil
	}
}

// followerIdle reports whether f is outside any multi-line block, so that
// a scanned piece of a long line cannot belong to one.
func followerIdle(f LineFollower) bool {
	idle, ok := f.(IdleFollower)
	return ok && idle.Idle()
}

// followTail shows f the end of the long line w belongs to, if w holds it
// (the line's last piece), and reports false if f panicked.
func followTail(f LineFollower, w *Window) (ok bool) {
	tail := w.followTail
	if tail == nil {
		return true
	}
	w.followTail = nil
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	f.Follow(nil, tail, nil)
	return true
}

// RedactPiece redacts an Oversize record's piece in its Window as Run's
// detect and stream stages do, for a caller that runs its own loop over a
// source's batches (redactd exec), one stream at a time and in order. f is
// the stream's LineFollower, or nil. It returns the piece's output and
// findings, or ok == false when the piece must be replaced whole: it has no
// Window, rd cannot render tokens, the detector or the follower panicked,
// the output did not match the findings, or the follower is inside a
// multi-line block.
func RedactPiece(rd Redactor, f LineFollower, r *Record) ([]byte, []detectors.Finding, bool) {
	tk, isTk := rd.(Tokenizer)
	if r.Window == nil || !isTk {
		return nil, nil, false
	}
	if f != nil && !followerIdle(f) {
		return nil, nil, false
	}
	out, fs, err := scanWindow(rd, tk, r, f != nil)
	if err != nil || f != nil && !followTail(f, r.Window) {
		return nil, nil, false
	}
	return out, fs, true
}
