package main

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/cespare/xxhash/v2"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

// liveRedactor is the pipeline's detect stage. It reads the current
// detection on every call, so SIGHUP can swap in reloaded rules and
// allowlists between lines without stopping the pipeline.
type liveRedactor struct {
	cur atomic.Pointer[detection]
}

var (
	_ pipeline.StreamRedactor = (*liveRedactor)(nil)
	_ pipeline.Tokenizer      = (*liveRedactor)(nil)
)

func newLiveRedactor(d *detection) *liveRedactor {
	l := &liveRedactor{}
	l.cur.Store(d)
	return l
}

// Redact implements pipeline.Redactor.
func (l *liveRedactor) Redact(dst, line []byte) ([]byte, []detectors.Finding) {
	return l.cur.Load().engine.Redact(dst, line)
}

// AppendToken implements pipeline.Tokenizer, so that oversize pieces are
// scanned in their window. Should a SIGHUP swap the detection between a
// piece's Redact and this call, the pipeline notices the mismatch and
// replaces the piece whole.
func (l *liveRedactor) AppendToken(dst []byte, ruleID string, secret []byte) []byte {
	return l.cur.Load().engine.AppendToken(dst, ruleID, secret)
}

// NewStream implements pipeline.StreamRedactor. A stream keeps the follower
// of the detection that was current when the stream started.
func (l *liveRedactor) NewStream() pipeline.LineFollower {
	if f := l.cur.Load().newFollower; f != nil {
		return f()
	}
	return nopFollower{}
}

// failClosed implements pipeline.Options.FailClosed with the current key.
func (l *liveRedactor) failClosed(dst []byte, ruleID string, line []byte) ([]byte, detectors.Finding) {
	return l.cur.Load().failClosed(dst, ruleID, line)
}

// describe returns a rule's description and remediation hint, for alerts.
func (l *liveRedactor) describe(id string) (string, string) {
	d := l.cur.Load()
	if r, ok := d.byID[id]; ok {
		return r.Description, r.Remediation
	}
	switch id {
	case pipeline.RuleOversize:
		return "A piece of a line longer than max_line_bytes was replaced whole (oversize = \"redact\", or a piece that could not be scanned)",
			"Find the writer of such long lines; raise max_line_bytes if they are legitimate, or set oversize = \"scan\"."
	case pipeline.RuleDetectorError:
		return "Detection failed on a line, which was replaced whole",
			"Report the failure to the redactd maintainers with the daemon's log (it holds no line content)."
	}
	return "", ""
}

// swap installs d and returns the previous detection.
func (l *liveRedactor) swap(d *detection) *detection { return l.cur.Swap(d) }

type nopFollower struct{}

// Idle implements pipeline.IdleFollower: a nopFollower never holds state.
func (nopFollower) Idle() bool { return true }

func (nopFollower) Follow(_, line []byte, fs []detectors.Finding) ([]byte, []detectors.Finding) {
	return line, fs
}

// observers fans one batch out to several pipeline observers.
type observers []pipeline.Observer

func (os observers) Observe(recs []pipeline.Record) {
	for _, o := range os {
		o.Observe(recs)
	}
}

// maxUniqueTracked bounds the memory of the --report fingerprint set.
const maxUniqueTracked = 1 << 20

// reporter counts what --report prints at exit: findings and unique secrets
// (distinct fingerprints; xxhash of the fingerprint keys a bounded set, since
// the fingerprint is already a keyed hash and nothing secret is hashed here).
type reporter struct {
	mu       sync.Mutex
	findings int64
	unique   map[uint64]struct{}
	capped   bool
}

func newReporter() *reporter { return &reporter{unique: map[uint64]struct{}{}} }

// Observe implements pipeline.Observer.
func (r *reporter) Observe(recs []pipeline.Record) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range recs {
		for _, fs := range [2][]detectors.Finding{recs[i].Findings, recs[i].ExtraFindings} {
			for _, f := range fs {
				r.findings++
				if len(r.unique) >= maxUniqueTracked {
					r.capped = true
					continue
				}
				r.unique[xxhash.Sum64String(f.Fingerprint)] = struct{}{}
			}
		}
	}
}

// write prints the one-line summary.
func (r *reporter) write(w io.Writer, st *pipeline.Stats) {
	r.mu.Lock()
	defer r.mu.Unlock()
	more := ""
	if r.capped {
		more = "+"
	}
	fmt.Fprintf(w, "redactd: %d lines, %d bytes, %d lines redacted, %d findings, %d%s unique secrets, %d oversize, %d oversize scanned, %d detector errors\n",
		st.LinesIn.Load(), st.BytesIn.Load(), st.RedactedLines.Load(), r.findings, len(r.unique), more, st.Oversize.Load(), st.OversizeScanned.Load(), st.DetectorErrors.Load())
}
