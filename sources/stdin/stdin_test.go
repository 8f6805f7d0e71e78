package stdin_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sources/stdin"
)

// collect runs src to the end and returns its records.
func collect(t *testing.T, src *stdin.Source) []pipeline.Record {
	t.Helper()
	out := make(chan pipeline.Batch, 1000)
	done := make(chan error, 1)
	go func() { done <- src.Run(context.Background(), out); close(out) }()
	var recs []pipeline.Record
	for b := range out {
		if b.Stream != "stdin" {
			t.Errorf("Stream = %q; want stdin", b.Stream)
		}
		// Copies: an acked batch's lines may be reused.
		for _, r := range b.Records {
			r.Line = bytes.Clone(r.Line)
			if w := r.Window; w != nil {
				r.Window = &pipeline.Window{Before: bytes.Clone(w.Before), After: bytes.Clone(w.After)}
			}
			recs = append(recs, r)
		}
		if b.Ack != nil {
			b.Ack(nil)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	return recs
}

// render writes records the way a line sink does.
func render(recs []pipeline.Record) string {
	var b bytes.Buffer
	for _, r := range recs {
		b.Write(r.Line)
		if !r.NoNewline {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestRoundTrip(t *testing.T) {
	long := strings.Repeat("x", 300000)
	tests := []struct {
		name, in string
		lines    int
	}{
		{"lf", "a\nb\n", 2},
		{"crlf kept", "a\r\nb\r\n", 2},
		{"no final newline", "a\nb", 2},
		{"empty lines", "\n\n\n", 3},
		{"cr only", "a\rb\rc", 1},
		{"invalid utf8 and nul", "\xff\xfe\x00abc\n\xc3\x28\n", 2},
		{"long line across reads", long + "\nshort\n", 2},
		{"empty input", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A one-byte reader forces every line across many reads.
			for _, r := range []io.Reader{strings.NewReader(tt.in), iotest.HalfReader(strings.NewReader(tt.in))} {
				recs := collect(t, stdin.New(r, "", stdin.Config{ReadBytes: 4096}))
				if got := render(recs); got != tt.in {
					t.Fatalf("round trip changed input: got %d bytes, want %d", len(got), len(tt.in))
				}
				if len(recs) != tt.lines {
					t.Fatalf("got %d records; want %d", len(recs), tt.lines)
				}
				for i, r := range recs {
					if r.Meta.LineNo != int64(i+1) || r.Oversize {
						t.Fatalf("record %d: LineNo %d, Oversize %v", i, r.Meta.LineNo, r.Oversize)
					}
				}
			}
		})
	}
}

func TestOversizeLinesAreMarked(t *testing.T) {
	in := "short\n" + strings.Repeat("y", 2500) + "\nafter\n" + strings.Repeat("z", 1001)
	recs := collect(t, stdin.New(strings.NewReader(in), "", stdin.Config{MaxLineBytes: 1000, ReadBytes: 700}))
	if got := render(recs); got != in {
		t.Fatalf("pieces do not rebuild the input")
	}
	type kind struct {
		oversize, noNewline bool
		n                   int
	}
	var got []kind
	for _, r := range recs {
		got = append(got, kind{r.Oversize, r.NoNewline, len(r.Line)})
	}
	want := []kind{
		{false, false, 5},                                          // short
		{true, true, 1000}, {true, true, 1000}, {true, false, 500}, // 2500 bytes, then its newline
		{false, false, 5},                   // after
		{true, true, 1000}, {true, true, 1}, // 1001 bytes, no final newline
	}
	if len(got) != len(want) {
		t.Fatalf("records = %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("record %d = %+v; want %+v", i, got[i], want[i])
		}
	}
	for _, r := range recs {
		if len(r.Line) > 1000 {
			t.Fatalf("a record of %d bytes passed a 1000-byte limit", len(r.Line))
		}
	}
}

// A line is handed on as soon as it is read, not when more input arrives.
func TestLineIsSentPromptly(t *testing.T) {
	pr, pw := io.Pipe()
	out := make(chan pipeline.Batch, 10)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- stdin.New(pr, "", stdin.Config{}).Run(ctx, out) }()
	pw.Write([]byte("first line\n"))
	select {
	case b := <-out:
		if string(b.Records[0].Line) != "first line" {
			t.Fatalf("got %q", b.Records[0].Line)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("line not sent while the writer stays open")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run after cancel = %v; want nil", err)
	}
	pw.Close()
}

func TestReadErrorIsReturned(t *testing.T) {
	r := io.MultiReader(strings.NewReader("a\n"), iotest.ErrReader(io.ErrUnexpectedEOF))
	out := make(chan pipeline.Batch, 10)
	err := stdin.New(r, "", stdin.Config{}).Run(context.Background(), out)
	if err == nil || !strings.Contains(err.Error(), "read stdin") {
		t.Fatalf("Run = %v; want a read error naming stdin", err)
	}
	if b := <-out; string(b.Records[0].Line) != "a" {
		t.Fatalf("line before the error lost")
	}
}

// checkWindows checks that every oversize piece of recs carries the
// pipeline.OversizeContext bytes of its line before and after it (fewer
// at the line's ends), found by the records' offsets in in.
func checkWindows(t *testing.T, in string, recs []pipeline.Record) (pieces int) {
	t.Helper()
	const c = pipeline.OversizeContext
	lineStart := 0
	for i, r := range recs {
		off := int(r.Meta.Offset)
		if string(r.Line) != in[off:off+len(r.Line)] {
			t.Fatalf("record %d: line not at its offset %d", i, off)
		}
		lineEnd := strings.IndexByte(in[off:], '\n')
		if lineEnd < 0 {
			lineEnd = len(in)
		} else {
			lineEnd += off
		}
		if !r.Oversize {
			if r.Window != nil {
				t.Fatalf("record %d: a Window on a whole line", i)
			}
			lineStart = lineEnd + 1
			continue
		}
		pieces++
		w := r.Window
		if w == nil {
			t.Fatalf("record %d: oversize piece without Window", i)
		}
		end := off + len(r.Line)
		wantBefore := in[max(lineStart, off-c):off]
		wantAfter := in[end:min(lineEnd, end+c)]
		if string(w.Before) != wantBefore || string(w.After) != wantAfter {
			t.Fatalf("record %d at %d: Window %d+%d bytes; want %d+%d", i, off, len(w.Before), len(w.After), len(wantBefore), len(wantAfter))
		}
		if !r.NoNewline || end == lineEnd {
			lineStart = lineEnd + 1
		}
	}
	return pieces
}

// Batches with oversize pieces in flight are bounded: without acks the
// source stops after pipeline.OversizeInflight of them.
func TestOversizeBatchesInFlightAreBounded(t *testing.T) {
	in := strings.Repeat("y", 100<<10) + "\n"
	out := make(chan pipeline.Batch, 100)
	src := stdin.New(strings.NewReader(in), "", stdin.Config{MaxLineBytes: 1024, ReadBytes: 4096, BatchLines: 1})
	done := make(chan error, 1)
	go func() { done <- src.Run(context.Background(), out) }()
	var held []pipeline.Batch
	for len(held) < pipeline.OversizeInflight {
		held = append(held, <-out)
	}
	select {
	case b := <-out:
		t.Fatalf("a batch beyond %d unacked oversize batches: %d records", pipeline.OversizeInflight, len(b.Records))
	case <-time.After(100 * time.Millisecond):
	}
	n := 0
	for _, b := range held {
		n += len(b.Records)
		b.Ack(nil)
	}
	for {
		select {
		case b := <-out:
			n += len(b.Records)
			b.Ack(nil)
			continue
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		}
		break
	}
	for len(out) > 0 {
		n += len((<-out).Records)
	}
	if n != 100 {
		t.Fatalf("%d records; want 100 pieces", n)
	}
}

// In "oversize = scan" mode (the default) every piece carries its context,
// whatever the read size and the line limit (smaller or larger than the
// context), and pieces still rebuild the input.
func TestOversizePiecesCarryTheirWindow(t *testing.T) {
	long := func(n int, c byte) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = c + byte(i%7)
		}
		return string(b)
	}
	in := "short\n" + long(70000, 'a') + "\nafter\n" + long(5000, 'k') + "\n" + long(40001, 'p')
	for _, maxLine := range []int{1024, 3000, 20000, 1 << 20} {
		for _, read := range []int{700, 4096, 65536} {
			recs := collect(t, stdin.New(strings.NewReader(in), "", stdin.Config{MaxLineBytes: maxLine, ReadBytes: read}))
			if got := render(recs); got != in {
				t.Fatalf("max %d read %d: pieces do not rebuild the input", maxLine, read)
			}
			pieces := checkWindows(t, in, recs)
			want := 0
			for _, n := range []int{70000, 5000, 40001} {
				if n > maxLine {
					want += (n + maxLine - 1) / maxLine
				}
			}
			if pieces != want {
				t.Fatalf("max %d read %d: %d pieces; want %d", maxLine, read, pieces, want)
			}
			for _, r := range recs {
				if len(r.Line) > maxLine {
					t.Fatalf("a record of %d bytes passed a %d-byte limit", len(r.Line), maxLine)
				}
			}
		}
	}
}

// "oversize = redact" sends the same pieces without Window; a bad mode is
// refused naming the key.
func TestOversizeRedactMode(t *testing.T) {
	in := strings.Repeat("y", 2500) + "\n"
	recs := collect(t, stdin.New(strings.NewReader(in), "", stdin.Config{MaxLineBytes: 1000, Oversize: "redact"}))
	if len(recs) != 3 || render(recs) != in {
		t.Fatalf("%d records", len(recs))
	}
	for _, r := range recs {
		if !r.Oversize || r.Window != nil {
			t.Fatalf("piece: Oversize %v, Window %v", r.Oversize, r.Window)
		}
	}
	if err := (stdin.Config{Oversize: "drop"}).Validate(); err == nil || !strings.HasPrefix(err.Error(), `oversize: want "scan" or "redact", got "drop"`) {
		t.Fatalf("Validate = %v", err)
	}
}
