// Package stdout is the sink that writes redacted lines to standard output
// (or any io.Writer).
package stdout

import (
	"bufio"
	"context"
	"io"

	"github.com/redactd/redactd/pipeline"
)

// Config configures the stdout sink ([sinks.stdout] in TOML).
type Config struct {
	// Enabled turns the sink on in a config file that lists other sinks.
	Enabled bool `toml:"enabled"`
}

// Sink writes each record's line and a "\n" (none after a record marked
// NoNewline), flushing once per batch: one write call per batch, and a line
// is visible as soon as its batch is written.
type Sink struct {
	w *bufio.Writer
}

var _ pipeline.Sink = (*Sink)(nil)

// New returns a Sink writing to w.
func New(w io.Writer) *Sink { return &Sink{w: bufio.NewWriterSize(w, 256<<10)} }

// Write writes recs and flushes. It does not retain recs.
func (s *Sink) Write(_ context.Context, recs []pipeline.Record) error {
	for i := range recs {
		s.w.Write(recs[i].Line)
		if !recs[i].NoNewline {
			s.w.WriteByte('\n')
		}
	}
	return s.w.Flush()
}

// Close flushes what is buffered. It does not close the underlying writer.
func (s *Sink) Close(context.Context) error { return s.w.Flush() }
