package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

// redactd scan runs the detect stage on several cores the way the daemon
// does, with a report that does not depend on the number of workers:
//
//	reader ─chunk─► work ─► detect workers ──┐
//	   └──────────► ordered ─► report stage ◄┘ (waits for each chunk in turn)
//
// The reader (one goroutine) walks the inputs in argument order, cuts each
// file into chunks of consecutive lines and sends every event (a file
// begins, a chunk, a file ends, an input error) on ordered; chunks also go
// to work. The workers run Engine.Redact on every line of a chunk. The
// report stage (the caller's goroutine) takes the events in order, waits for
// each chunk's workers, and runs what must stay sequential: the per-file PEM
// follower, line numbers, counters, progress and the report itself. So the
// findings come out in file order then line order, exactly as with one
// goroutine.
//
// Memory is bounded: at most scanChunksPerWorker*workers+1 chunks exist,
// each holding up to scanChunkBytes of lines (or one longer line, at most
// --max-line-bytes) and their redacted copies. The reader waits for a free
// chunk before it reads on.

const (
	// scanChunkBytes and scanChunkLines bound the lines of one chunk.
	scanChunkBytes = 128 << 10
	scanChunkLines = 2048
	// scanChunksPerWorker is how many chunks may be in flight per worker.
	scanChunksPerWorker = 3
)

// scanChunk is a run of consecutive lines of one input, the unit of work of
// the detect workers.
type scanChunk struct {
	data  []byte // the lines, copied from the reader
	out   []byte // redacted lines, appended by the worker
	lines []chunkLine
	// done is closed by the worker once every line is redacted; until then
	// only the worker touches out and lines[i].red and fs.
	done chan struct{}
}

// chunkLine is one line of a chunk and, once redacted, its result.
type chunkLine struct {
	start, end int   // the line is data[start:end], without its "\n"
	n          int64 // bytes it took in the input, "\n" included
	oversize   bool  // longer than --max-line-bytes: data holds its start
	// failed is set when the detector panicked on the line: red is the
	// fail-closed token and the follower does not see the line.
	failed bool
	red    []byte // the redacted line: aliases data when nothing was found, else out
	fs     []detectors.Finding
}

func (c *scanChunk) line(i int) []byte {
	l := &c.lines[i]
	return c.data[l.start:l.end:l.end]
}

// scanEvent is one step of the report, sent by the reader in input order.
type scanEvent struct {
	kind  scanEventKind
	name  string     // eventBegin: the input's name in the report
	chunk *scanChunk // eventChunk
	err   error      // eventEnd: the read error, if any; eventFail: the error
}

type scanEventKind uint8

const (
	eventBegin scanEventKind = iota // a file or stdin begins
	eventChunk                      // lines of the current input
	eventEnd                        // the current input ends
	eventFail                       // an input could not be opened or walked
)

// scanInputs scans every input with the detect workers and records the
// findings in s, in input order then line order. All goroutines it starts
// have exited when it returns.
func (s *scanner) scanInputs(stdin io.Reader, inputs []string) {
	workers := max(s.o.workers, 1)
	nChunks := scanChunksPerWorker*workers + 1
	free := make(chan *scanChunk, nChunks)
	for range nChunks {
		free <- &scanChunk{}
	}
	// Neither queue ever holds more than the chunks in flight plus the
	// events between them, and the reader waits on free first.
	work := make(chan *scanChunk, nChunks)
	ordered := make(chan scanEvent, 2*nChunks)

	var wg sync.WaitGroup
	for range workers {
		// Workers exit when the reader closes work.
		wg.Go(func() {
			for c := range work {
				s.detectChunk(c)
				close(c.done)
			}
		})
	}
	// The reader exits after the last input; it closes both queues.
	wg.Go(func() {
		defer close(ordered)
		defer close(work)
		r := chunkReader{s: s, free: free, work: work, ordered: ordered}
		for _, in := range inputs {
			walkInput(stdin, s.o.stdinName, in, r.file, func(err error) {
				ordered <- scanEvent{kind: eventFail, err: err}
			})
		}
	})

	var cur fileScan
	for ev := range ordered {
		switch ev.kind {
		case eventBegin:
			cur = s.begin(ev.name)
		case eventChunk:
			c := ev.chunk
			<-c.done
			for i := range c.lines {
				s.line(&cur, c.line(i), &c.lines[i])
			}
			c.release(s.chunkBytes)
			free <- c
		case eventEnd:
			s.end(&cur, ev.err)
		case eventFail:
			s.fail(ev.err)
		}
	}
	// Not deferred: if the report stage panicked, the reader would wait on
	// ordered forever and hide the panic.
	wg.Wait()
}

// chunkReader is the reader side of scanInputs.
type chunkReader struct {
	s       *scanner
	free    chan *scanChunk
	work    chan<- *scanChunk
	ordered chan<- scanEvent
}

// file cuts r into chunks and sends them to the workers and, with the
// events that frame them, to the report stage.
func (cr *chunkReader) file(r io.Reader, name string) {
	cr.ordered <- scanEvent{kind: eventBegin, name: name}
	lr := lineReader{r: bufio.NewReaderSize(r, 64<<10), max: cr.s.o.maxLine}
	var c *scanChunk
	send := func() {
		c.done = make(chan struct{})
		cr.ordered <- scanEvent{kind: eventChunk, chunk: c}
		cr.work <- c
		c = nil
	}
	for {
		line, n, oversize, err := lr.next()
		if n > 0 {
			if c != nil && (len(c.lines) == scanChunkLines || len(c.data)+len(line) > cr.s.chunkBytes) {
				send()
			}
			if c == nil {
				c = <-cr.free
			}
			start := len(c.data)
			c.data = append(c.data, line...)
			c.lines = append(c.lines, chunkLine{start: start, end: len(c.data), n: n, oversize: oversize})
		}
		if err != nil {
			if c != nil {
				send()
			}
			if errors.Is(err, io.EOF) {
				err = nil
			}
			cr.ordered <- scanEvent{kind: eventEnd, err: err}
			return
		}
	}
}

// release empties c for reuse, dropping what a long line grew it to and
// every reference to findings.
func (c *scanChunk) release(chunkBytes int) {
	clear(c.lines)
	c.lines = c.lines[:0]
	c.data, c.out = c.data[:0], c.out[:0]
	if cap(c.data) > 4*chunkBytes {
		c.data = nil
	}
	if cap(c.out) > 4*chunkBytes {
		c.out = nil
	}
	c.done = nil
}

// detectChunk runs the detect stage on every line of c; called from the
// workers. The results alias c.data or c.out, which nothing else touches
// until c.done is closed.
func (s *scanner) detectChunk(c *scanChunk) {
	for i := range c.lines {
		l := &c.lines[i]
		line := c.line(i)
		base := len(c.out)
		if l.oversize {
			var f detectors.Finding
			c.out, f = s.det.failClosed(c.out, pipeline.RuleOversize, line)
			l.red, l.fs = c.out[base:len(c.out):len(c.out)], []detectors.Finding{f}
			continue
		}
		out, fs, ok := s.safeRedact(c.out, line)
		if !ok {
			var f detectors.Finding
			c.out, f = s.det.failClosed(c.out, pipeline.RuleDetectorError, line)
			l.red, l.fs, l.failed = c.out[base:len(c.out):len(c.out)], []detectors.Finding{f}, true
			continue
		}
		if len(fs) == 0 {
			l.red = line // Redact returns the line itself when it finds nothing
			continue
		}
		c.out = out
		l.red, l.fs = out[base:len(out):len(out)], fs
	}
}

// safeRedact calls the redactor, appending to dst, and turns a panic into
// ok == false.
func (s *scanner) safeRedact(dst, line []byte) (out []byte, fs []detectors.Finding, ok bool) {
	defer func() {
		if recover() != nil {
			out, fs, ok = nil, nil, false
		}
	}()
	out, fs = s.redactor.Redact(dst, line)
	return out, fs, true
}

// fileScan is the sequential state of the input being reported.
type fileScan struct {
	name     string
	lineNo   int64
	found    bool
	follower pipeline.LineFollower // multi-line state (PEM blocks), per input as per stream
}

func (s *scanner) begin(name string) fileScan {
	s.sum.Files++
	fsc := fileScan{name: name}
	if s.det.newFollower != nil {
		fsc.follower = s.det.newFollower()
	}
	return fsc
}

// line records one redacted line of the current input: it runs the
// follower, which must see every line in order, and reports the findings.
func (s *scanner) line(fsc *fileScan, line []byte, l *chunkLine) {
	fsc.lineNo++
	s.sum.Lines++
	s.sum.Bytes += l.n
	out, fs := l.red, l.fs
	if !l.oversize && !l.failed && fsc.follower != nil {
		out, fs = s.follow(fsc.follower, line, out, fs)
	}
	if len(fs) > 0 {
		fsc.found = true
		s.record(fsc.name, fsc.lineNo, line, out, fs)
	}
	if fsc.lineNo&1023 == 0 && s.progress != nil {
		s.showProgress()
	}
}

// follow runs the follower after Redact, failing closed when it panics.
// The result aliases red, s.fb or s.buf.
func (s *scanner) follow(f pipeline.LineFollower, line, red []byte, fs []detectors.Finding) (out []byte, outFs []detectors.Finding) {
	defer func() {
		if recover() != nil {
			var fd detectors.Finding
			out, fd = s.det.failClosed(s.buf[:0], pipeline.RuleDetectorError, line)
			s.buf = out[:0]
			outFs = []detectors.Finding{fd}
		}
	}()
	out, outFs = f.Follow(s.fb[:0], red, fs)
	if len(out) > 0 && (len(red) == 0 || &out[0] != &red[0]) {
		s.fb = out[:0] // Follow appended to s.fb: keep what it grew
	}
	return out, outFs
}

func (s *scanner) end(fsc *fileScan, err error) {
	if err != nil {
		s.fail(fmt.Errorf("read %s: %w", fsc.name, err))
	}
	if fsc.found {
		s.sum.FilesWith++
	}
}

// walkInput calls file for each input one command-line argument names:
// stdin for "-", a file, or the regular files under a directory (in lexical
// order; links to files are followed, links to directories are not). file
// must not retain r. fail gets every error opening or walking an input;
// os errors name the path and the cause, never file content.
func walkInput(stdin io.Reader, stdinName, in string, file func(r io.Reader, name string), fail func(error)) {
	if in == "-" {
		file(stdin, stdinName)
		return
	}
	open := func(path string) {
		f, err := os.Open(path)
		if err != nil {
			fail(err)
			return
		}
		defer f.Close()
		file(f, path)
	}
	st, err := os.Stat(in)
	if err != nil {
		fail(err)
		return
	}
	if !st.IsDir() {
		open(in)
		return
	}
	err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			fail(err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			open(path)
		} else if d.Type()&fs.ModeSymlink != 0 {
			// Follow links to files, not to directories (no loops).
			if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
				open(path)
			}
		}
		return nil
	})
	if err != nil {
		fail(err)
	}
}
