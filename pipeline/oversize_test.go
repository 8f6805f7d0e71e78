package pipeline_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

// testEngine is a real detection engine with two rules: a provider format
// (a Stripe-like key) and a value that only its key name makes a secret,
// so that a key name cut off from its value by a piece boundary shows.
func testEngine(t testing.TB) *detectors.Engine {
	t.Helper()
	e, err := detectors.New([]detectors.Rule{
		{ID: "stripe-like", Keywords: []string{"sk_live_"}, Regex: `sk_live_[0-9A-Za-z]{24,}`, Severity: detectors.SeverityHigh},
		{ID: "json-password", Keywords: []string{"password"}, Regex: `"password": "([^"\\]{8,})"`, SecretGroup: 1, Severity: detectors.SeverityHigh},
	}, detectors.Options{Key: bytes.Repeat([]byte("k"), detectors.MinKeyLen)})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// cutLine cuts line the way a source in "oversize = scan" mode does:
// pieces of max bytes, each with up to OversizeContext bytes of the line on
// either side, every piece but the last without newline.
func cutLine(line []byte, size int) []pipeline.Record {
	var recs []pipeline.Record
	for s := 0; s < len(line); s += size {
		e := min(s+size, len(line))
		recs = append(recs, pipeline.Record{
			Line: line[s:e:e], Oversize: true, NoNewline: e < len(line),
			Window: &pipeline.Window{
				Before: line[max(0, s-pipeline.OversizeContext):s],
				After:  line[e:min(len(line), e+pipeline.OversizeContext)],
			},
		})
	}
	return recs
}

// recSink keeps copies of what it is written.
type recSink struct {
	mu   sync.Mutex
	recs []pipeline.Record
}

func (s *recSink) Write(_ context.Context, recs []pipeline.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range recs {
		r.Line = bytes.Clone(r.Line)
		s.recs = append(s.recs, r)
	}
	return nil
}
func (s *recSink) Close(context.Context) error { return nil }

// line joins the records back into the text a line sink writes.
func (s *recSink) text() string {
	var b strings.Builder
	for _, r := range s.recs {
		b.Write(r.Line)
		if !r.NoNewline {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func runRecords(t *testing.T, rd pipeline.Redactor, recs ...pipeline.Record) (*recSink, *pipeline.Stats) {
	t.Helper()
	sink := &recSink{}
	st := &pipeline.Stats{}
	err := pipeline.Run(context.Background(), pipeline.Options{
		Sources:  []pipeline.Source{&sliceSource{batches: []pipeline.Batch{{Stream: "s", Records: recs}}}},
		Sinks:    []pipeline.NamedSink{{Name: "r", Sink: sink}},
		Redactor: rd,
		Workers:  2,
		Stats:    st,
	})
	if err != nil {
		t.Fatal(err)
	}
	return sink, st
}

func filler(n int) []byte {
	f := []byte("lorem ipsum dolor sit amet, ")
	return bytes.Repeat(f, n/len(f)+1)[:n]
}

// A secret planted at every position around a cut, and at the very start
// and end of the line: it never survives, the pieces hold the rest of the
// line byte for byte, a secret across the cut is the same token at the end
// of one piece and the start of the next, and the text is what redacting
// the whole line gives, with that token twice.
func TestOversizeScanSecretAcrossEveryCut(t *testing.T) {
	eng := testEngine(t)
	const max = 1024
	secret := "sk_live_" + strings.Repeat("4eC39HqLyjWDarjtT1zdp7dc", 2)
	tok := eng.Token("stripe-like", []byte(secret))
	const size = 3*max + 100
	positions := []int{0, size - len(secret)}
	for p := max - len(secret) - 2; p <= max+2; p++ {
		positions = append(positions, p)
	}
	for _, p := range positions {
		line := filler(size)
		copy(line[p:], secret)
		if p > 0 {
			line[p-1] = ' '
		}
		if p+len(secret) < size {
			line[p+len(secret)] = ' '
		}
		want, _ := eng.Redact(nil, line)
		sink, st := runRecords(t, eng, cutLine(line, max)...)
		got := sink.text()
		if strings.Contains(got, "sk_live_") {
			t.Fatalf("secret at %d: part of it survives: %q", p, got)
		}
		if n := strings.Count(got, tok); n < 1 || n > 2 {
			t.Fatalf("secret at %d: %d tokens %s in %q", p, n, tok, got)
		}
		if collapsed := strings.Replace(got, tok+tok, tok, 1); collapsed != string(want)+"\n" {
			t.Fatalf("secret at %d:\n got %q\nwant %q", p, collapsed, want)
		}
		if st.OversizeScanned.Load() != 4 || st.Oversize.Load() != 0 {
			t.Fatalf("secret at %d: %d scanned, %d replaced whole; want 4, 0", p, st.OversizeScanned.Load(), st.Oversize.Load())
		}
		for i, r := range sink.recs {
			for _, f := range r.Findings {
				if f.Fingerprint != eng.Fingerprint([]byte(secret)) || f.Start < 0 || f.End > len(cutLine(line, max)[i].Line) {
					t.Fatalf("secret at %d: piece %d finding %+v", p, i, f)
				}
			}
		}
	}
}

// A key name in one piece and its value in the next: the value is found
// for every cut from inside the key name to inside the value.
func TestOversizeScanKeyNameBeforeTheCut(t *testing.T) {
	eng := testEngine(t)
	const max = 2048
	const value = "hunter2-correct-horse-battery"
	field := `"password": "` + value + `"`
	tok := eng.Token("json-password", []byte(value))
	for cut := 1; cut < len(field); cut++ {
		line := append(filler(max-cut), field...)
		line = append(line, `, "msg": "`...)
		line = append(line, filler(max)...)
		line = append(line, `"}`...)
		sink, _ := runRecords(t, eng, cutLine(line, max)...)
		got := sink.text()
		if strings.Contains(got, value[2:14]) || !strings.Contains(got, tok) {
			t.Fatalf("cut %d bytes into %q: %.120q", cut, field, got[max-cut-20:])
		}
		if !strings.Contains(got, `"password": `) || !strings.HasSuffix(got, `"}`+"\n") {
			t.Fatalf("cut %d: the text around the secret changed: %.120q", cut, got[max-cut-20:])
		}
	}
}

// "oversize = redact" (no Window), a Redactor that cannot render tokens, a
// panic in the window and a Redactor whose output does not match its
// findings all replace the piece whole.
func TestOversizeFailsClosed(t *testing.T) {
	eng := testEngine(t)
	line := append(filler(3000), " sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ9 "...)
	t.Run("redact mode", func(t *testing.T) {
		recs := cutLine(line, 1024)
		for i := range recs {
			recs[i].Window = nil
		}
		sink, st := runRecords(t, eng, recs...)
		if strings.Count(sink.text(), "[REDACTED:oversize") != 3 || st.Oversize.Load() != 3 || st.OversizeScanned.Load() != 0 {
			t.Fatalf("%q; %d oversize, %d scanned", sink.text(), st.Oversize.Load(), st.OversizeScanned.Load())
		}
	})
	t.Run("no tokenizer", func(t *testing.T) {
		sink, st := runRecords(t, upper{}, cutLine(line, 1024)...)
		if strings.Count(sink.text(), "[REDACTED:oversize") != 3 || st.Oversize.Load() != 3 {
			t.Fatalf("%q", sink.text())
		}
	})
	t.Run("panic", func(t *testing.T) { // every window holds the poison
		sink, st := runRecords(t, tokUpper{upper{panicOn: "sk_live"}}, cutLine(line, 1024)...)
		if got := sink.text(); strings.Count(got, "[REDACTED:detector-error]") != 3 || strings.Contains(got, "sk_live") || st.DetectorErrors.Load() != 3 {
			t.Fatalf("%q, %d detector errors", got, st.DetectorErrors.Load())
		}
	})
	t.Run("inconsistent", func(t *testing.T) {
		sink, st := runRecords(t, tokUpper{upper{}}, cutLine(append(filler(1500), " secret "...), 1024)...)
		// upper renders "[X]" but claims 5-byte tokens; both windows hold the secret
		if got := sink.text(); got != "[REDACTED:oversize][REDACTED:oversize]\n" || st.Oversize.Load() != 2 {
			t.Fatalf("%q", got)
		}
	})
}

// tokUpper is upper claiming tokens of five bytes.
type tokUpper struct{ upper }

func (tokUpper) AppendToken(dst []byte, _ string, _ []byte) []byte { return append(dst, "[XXX]"...) }

// A Kafka value larger than max_line_bytes is one Oversize record whose
// Window is empty: the whole value is its own context. Key and headers are
// redacted as on any record.
func TestOversizeWholeRecordWindow(t *testing.T) {
	eng := testEngine(t)
	v := append(filler(5000), " sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ9 tail"...)
	sink, st := runRecords(t, eng, pipeline.Record{
		Line: v, Oversize: true, Window: &pipeline.Window{},
		Key: []byte("sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ9"), Headers: []pipeline.Header{{Key: "h", Value: []byte("x sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ9")}},
	})
	r := sink.recs[0]
	want, _ := eng.Redact(nil, v)
	if string(r.Line) != string(want) || len(r.Findings) != 1 || st.OversizeScanned.Load() != 1 || st.Findings.Load() != 1 {
		t.Fatalf("line %q findings %v", r.Line, r.Findings)
	}
	if bytes.Contains(r.Key, []byte("sk_live")) || bytes.Contains(r.Headers[0].Value, []byte("sk_live")) || len(r.ExtraFindings) != 2 {
		t.Fatalf("key %q header %q extra %v", r.Key, r.Headers[0].Value, r.ExtraFindings)
	}
}

// tracer is an idle-aware follower that records what it is shown; it
// "opens a block" on a line ending in BEGIN and closes it on END.
type tracer struct {
	seen []string
	in   bool
}

func (f *tracer) Follow(dst, line []byte, fs []detectors.Finding) ([]byte, []detectors.Finding) {
	f.seen = append(f.seen, string(line))
	switch {
	case bytes.HasSuffix(line, []byte("BEGIN")):
		f.in = true
	case bytes.Contains(line, []byte("END")):
		f.in = false
	case f.in:
		return append(dst, "[BODY]"...), fs
	}
	return line, fs
}
func (f *tracer) Idle() bool { return !f.in }

type tracerEngine struct {
	*detectors.Engine
	f *tracer
}

func (e tracerEngine) NewStream() pipeline.LineFollower { return e.f }

// The follower sees no piece; it sees the end of each long line, behind a
// long blank prefix, and opens its block there; while it is inside a
// block, the pieces of a long line are replaced whole.
func TestOversizeFollower(t *testing.T) {
	eng := testEngine(t)
	f := &tracer{}
	long := append(filler(2500), " BEGIN"...)
	recs := append(cutLine(long, 1024), pipeline.Record{Line: []byte("body1")})
	recs = append(recs, cutLine(filler(2100), 1024)...)
	recs = append(recs, pipeline.Record{Line: []byte("END")}, pipeline.Record{Line: []byte("after")})
	sink, st := runRecords(t, tracerEngine{eng, f}, recs...)
	if len(f.seen) != 4 {
		t.Fatalf("follower saw %d lines; want 4 (the end of the long line, body1, END, after)", len(f.seen))
	}
	if tail := f.seen[0]; !strings.HasSuffix(tail, string(long)) || !strings.HasPrefix(tail, strings.Repeat(" ", 100)) {
		t.Fatalf("follower was shown %.200q", tail)
	}
	lines := strings.Split(sink.text(), "\n")
	if lines[0] != string(long) || lines[1] != "[BODY]" || !strings.HasPrefix(lines[2], "[REDACTED:oversize]") || lines[3] != "END" {
		t.Fatalf("lines %.100q", lines)
	}
	if st.OversizeScanned.Load() != 6 || st.Oversize.Load() != 3 {
		t.Fatalf("%d scanned, %d replaced whole; want 6, 3", st.OversizeScanned.Load(), st.Oversize.Load())
	}
}
