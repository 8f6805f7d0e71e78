// Package file is the source that tails log files the way Filebeat or
// Fluent Bit do: it follows files matching globs as they grow, follows
// rotation by rename (including a writer that keeps writing to the renamed
// file for a while) and by copytruncate, and checkpoints, per file, the
// offset below which every line was acknowledged by every sink, so that a
// restart (even after kill -9) resends at most the unacknowledged batches.
//
// # Identity
//
// A file is its device and inode number plus a fingerprint: the xxhash of
// its first bytes (Config.FingerprintBytes, default 1 KiB, fewer while the
// file is shorter). A file replaced by another of the same name is a new
// file; a reused inode is told apart by its fingerprint; a file whose first
// bytes changed or that shrank below the read offset was truncated and is
// read again from offset 0.
//
// # Rotation
//
// A file that is no longer found under its path (renamed) stays open and is
// read to its end, as long as it gives new data; it is closed once it gave
// none for Config.CloseInactive and a new file exists at its old path. A
// deleted file is closed when its last byte was read. Checkpoints remember
// each file's last known path; after a restart, a checkpointed file that no
// longer matches the globs is looked up by inode in the directory it was in,
// so lines written to a file that was rotated while redactd was down are
// read too. Two windows remain, both inherent: with copytruncate, lines
// written after the tail's last read and before the truncation are lost;
// and a file that is created and then rotated away while redactd is down,
// or within the moment before the source first saw it (a directory
// notification, or Config.GlobInterval without one), is not found again.
//
// # Partial lines
//
// A line is sent when its newline has been read. A final line without a
// newline waits Config.IdleTimeout (30s by default, so that a writer that
// pauses mid-line is not cut in two) and is then sent with NoNewline set;
// it is also sent when its file is closed (deleted, rotated and inactive,
// truncated). A line longer than Config.MaxLineBytes is sent as pieces
// marked Oversize. With Config.Oversize "scan" (the default) each piece
// is sent once pipeline.OversizeContext bytes after it were read, with
// those and as many before it in its Window, and the pipeline scans it
// there; with "redact" the pipeline replaces each piece whole.
//
// # Records
//
// Batch.Stream is "<path>@<device>:<inode>" of the file as first seen;
// Meta.Path is the path the file was last found under (a file renamed out
// of the globs keeps its old path), Meta.Offset the byte offset of the
// line's start and Meta.LineNo its 1-based number (0 when unknown: a file
// larger than 256 MiB first seen with start_at = "end").
//
// # Reading
//
// Each read (Config.BatchBytes, 64 KiB by default) goes into a fresh buffer
// that becomes one batch; records slice their lines out of it (one copy per
// batch, none per line). Buffers and record slices come back to a small
// free list when their batch is acknowledged successfully. Reading happens
// in Run's goroutine and blocks on the send to the pipeline, so a slow sink
// stops the reading and memory stays bounded by the pipeline's queues plus
// one partial line (at most Config.MaxLineBytes) per file.
//
// # nxadm/tail
//
// nxadm/tail (the project's tail library) is deliberately not used for
// reading, rotation following or positions: it loses lines on rotation and
// copytruncate, its Tell can point past an undelivered line, it reads about
// 60 MB/s with two seeks per line, and its watch package, the one part that
// would fit (change notification), calls os.Exit on a stat error or when an
// inotify instance cannot be created, and keeps a process-wide watcher. The
// change notification it wraps is github.com/fsnotify/fsnotify, which this
// package uses directly: it watches the directories of the globs and wakes
// the reader within milliseconds of a write, a create or a rename. Polling
// every Config.PollInterval backs it up (and is all there is when inotify
// is unavailable), so a lost notification costs latency, never lines.
package file

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/fsnotify/fsnotify"

	"github.com/redactd/redactd/pipeline"
)

// maxTurnBatches is how many batches one file may send before the other
// files get their turn.
const maxTurnBatches = 16

// countLinesLimit is the largest start offset under which lines are counted
// when a file is first seen and started at its end; past it line numbers of
// that file are unknown (0 in records).
const countLinesLimit = 256 << 20

// freeListLen bounds the free lists of buffers and record slices.
const freeListLen = 32

// Source tails the files that match a Config's globs. Create it with New;
// Run may be called once.
type Source struct {
	cfg     Config
	cpPath  string
	log     *slog.Logger
	running atomic.Bool
	// onCheckpoint, if set, is told of each save (see OnCheckpoint).
	onCheckpoint func(time.Time)
	// skipped holds matched paths that cannot be followed, each logged once
	// (bounded: see skip).
	skipped map[string]bool

	// crash makes Run return at once on cancellation, without waiting for
	// acks or saving a checkpoint: a kill -9 for tests.
	crash bool
	// pollOnly disables change notification, for tests.
	pollOnly bool

	inflight  atomic.Int64  // batches sent and not yet acked
	bigSlots  chan struct{} // a token per batch with oversize pieces in flight
	freeBufs  chan []byte
	freeRecs  chan []pipeline.Record
	wake      chan struct{} // a change notification arrived
	rescan    atomic.Bool   // a directory changed: expand the globs again
	evMu      sync.Mutex
	evNames   map[string]bool // paths that changed since the last readAll
	evAll     bool            // too many, or lost: check every file
	stdBufCap int

	// Owned by Run's goroutine.
	files     []*tracked // in discovery order: a rotated file before its successor
	byID      map[fileID]*tracked
	firstRun  bool
	dirty     bool // the set of files changed: save before reading new ones
	lastSaved []byte
	cpTick    <-chan time.Time
	watcher   *fsnotify.Watcher // nil when polling only
	lastGlob  time.Time
}

var _ pipeline.Source = (*Source)(nil)

// tracked is a file the source follows. Its fields belong to Run's
// goroutine, except ack, which acknowledgements update.
type tracked struct {
	id       fileID
	path     string // last path it was found under
	stream   string
	f        *os.File // nil once closed
	fp       fingerprint
	ack      *ackState
	emitOff  int64  // offset of the first byte not yet sent
	readOff  int64  // offset of the next byte to read: emitOff + len(carry)
	line     int64  // lines sent, -1 if unknown
	carry    []byte // a line whose newline has not been read yet; owned
	oversize bool   // pieces of the line in carry were already sent
	// tail holds the last pipeline.OversizeContext bytes of those pieces:
	// the next piece's Window.Before ("oversize = scan").
	tail []byte
	// linesLeft: the last batch was cut at BatchLines; carry may hold
	// whole lines.
	linesLeft bool
	lastData  time.Time
	checked   time.Time // last read attempt
	more      bool      // the last read stopped before the end of the file
	gone      bool      // its path no longer leads to it (renamed or deleted)
	// finishing: closed for good; kept until its batches are acked so that
	// its checkpoint entry survives a crash in the meantime.
	finishing bool
}

// New returns a Source for cfg that keeps its checkpoint in dataDir
// (created with mode 0700 if missing). logger may be nil.
func New(cfg Config, dataDir string, logger *slog.Logger) (*Source, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if dataDir == "" {
		return nil, errors.New("data_dir: required by the file source for its checkpoints")
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("data_dir %s: %w", dataDir, err)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	name := cfg.Name
	if name == "" {
		name = "file"
	}
	s := &Source{
		cfg:       cfg,
		cpPath:    filepath.Join(dataDir, checkpointName(cfg)),
		log:       logger.With("source", "file", "name", name),
		freeBufs:  make(chan []byte, freeListLen),
		freeRecs:  make(chan []pipeline.Record, freeListLen),
		wake:      make(chan struct{}, 1),
		bigSlots:  make(chan struct{}, pipeline.OversizeInflight),
		stdBufCap: 2 * cfg.BatchBytes,
		byID:      map[fileID]*tracked{},
	}
	return s, nil
}

// CheckpointPath returns the file the source keeps its checkpoint in.
func (s *Source) CheckpointPath() string { return s.cpPath }

// Run follows the files until ctx is cancelled. Then it stops reading,
// waits up to Config.DrainTimeout for the batches it sent to be acked,
// saves the checkpoint and returns nil (or the error of that last save).
// It returns an error early only if it was already running.
//
// Run owns the goroutine it starts (the change-notification reader); it has
// exited when Run returns.
func (s *Source) Run(ctx context.Context, out chan<- pipeline.Batch) error {
	if !s.running.CompareAndSwap(false, true) {
		return errors.New("file source: Run called twice")
	}
	cp := s.loadCheckpoint()

	var wg sync.WaitGroup
	w, err := fsnotify.NewWatcher()
	if err == nil && s.pollOnly {
		w.Close()
		err = errors.New("disabled by test")
	}
	if err != nil {
		s.log.Warn("no change notification; polling only", "interval", s.cfg.PollInterval, "err", err)
		w = nil
	} else {
		wg.Go(func() { s.watch(ctx, w) })
	}
	defer func() {
		if w != nil {
			w.Close() // ends watch
		}
		wg.Wait()
	}()

	ticker := time.NewTicker(s.cfg.CheckpointInterval)
	defer ticker.Stop()
	s.cpTick = ticker.C
	poll := time.NewTimer(s.cfg.PollInterval)
	defer poll.Stop()

	s.watcher = w
	s.scan(cp, true)
	s.recover(cp)
	s.save()

	for ctx.Err() == nil {
		s.maybeScan()
		more, err := s.readAll(ctx, out)
		if err != nil {
			break
		}
		s.reap()
		if more {
			select {
			case <-s.cpTick:
				s.save()
			default:
			}
			continue
		}
		poll.Reset(s.cfg.PollInterval)
		select {
		case <-ctx.Done():
		case <-s.wake:
			if s.cfg.BatchWait > 0 {
				sleep(ctx, s.cfg.BatchWait)
			}
		case <-poll.C:
		case <-s.cpTick:
			s.save()
		}
	}
	return s.shutdown()
}

// shutdown waits for outstanding acks (bounded), saves and closes.
func (s *Source) shutdown() error {
	defer func() {
		for _, t := range s.files {
			if t.f != nil {
				t.f.Close()
				t.f = nil
			}
		}
	}()
	if s.crash {
		return nil
	}
	deadline := time.Now().Add(s.cfg.DrainTimeout)
	for s.inflight.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := s.inflight.Load(); n > 0 {
		s.log.Warn("batches still unacknowledged at shutdown; they will be read again", "batches", n, "drain_timeout", s.cfg.DrainTimeout)
	}
	s.lastSaved = nil // always write the final checkpoint
	return s.save()
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// watch forwards change notifications until the watcher is closed or ctx is
// cancelled.
func (s *Source) watch(ctx context.Context, w *fsnotify.Watcher) {
	for {
		select {
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Op&(fsnotify.Create|fsnotify.Remove|fsnotify.Rename) != 0 {
				s.rescan.Store(true)
			}
			s.noteEvent(ev.Name, false)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			s.log.Warn("change notification", "err", err)
			s.rescan.Store(true)
			s.noteEvent("", true)
		case <-ctx.Done():
			return
		}
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}

// maxEventNames bounds the set of changed paths kept between two reads;
// past it every file is checked.
const maxEventNames = 1024

// noteEvent records that the file at name changed (all: that any may have).
func (s *Source) noteEvent(name string, all bool) {
	s.evMu.Lock()
	defer s.evMu.Unlock()
	if all || len(s.evNames) >= maxEventNames {
		s.evAll = true
		return
	}
	if s.evNames == nil {
		s.evNames = map[string]bool{}
	}
	s.evNames[name] = true
}

// takeEvents returns and clears the changed paths.
func (s *Source) takeEvents() (names map[string]bool, all bool) {
	s.evMu.Lock()
	defer s.evMu.Unlock()
	names, all = s.evNames, s.evAll
	s.evNames, s.evAll = nil, false
	return names, all
}

// loadCheckpoint returns the saved entries; nil with firstRun set when there
// are none or the file is corrupt (which is logged, and the file moved
// aside).
func (s *Source) loadCheckpoint() map[fileID]cpEntry {
	entries, exists, err := loadCheckpoint(s.cpPath)
	switch {
	case err != nil && errors.Is(err, errCorrupt):
		aside := s.cpPath + ".corrupt"
		s.log.Error("checkpoint is corrupt; starting over per start_at", "err", err, "start_at", s.cfg.StartAt, "moved_to", aside)
		if rerr := os.Rename(s.cpPath, aside); rerr != nil {
			s.log.Error("cannot move corrupt checkpoint aside", "err", rerr)
		}
		s.firstRun = true
		return nil
	case err != nil:
		s.log.Error("cannot read checkpoint; starting over per start_at", "err", err, "start_at", s.cfg.StartAt)
		s.firstRun = true
		return nil
	case !exists:
		s.firstRun = true
		return nil
	}
	return entries
}

// save writes the checkpoint if it changed since the last save.
func (s *Source) save() error {
	cf := cpFile{Version: checkpointVersion, Source: s.cfg.Name, Files: make([]cpEntry, 0, len(s.files))}
	for _, t := range s.files {
		off, line, _ := t.ack.committed()
		cf.Files = append(cf.Files, cpEntry{
			Path: t.path, Dev: t.id.dev, Ino: t.id.ino,
			FPLen: t.fp.n, FP: fmt.Sprintf("%016x", t.fp.sum),
			Offset: off, Line: line,
		})
	}
	data, err := jsonMarshal(cf)
	if err != nil {
		return err
	}
	s.dirty = false
	if bytes.Equal(data, s.lastSaved) {
		s.saved()
		return nil
	}
	if err := writeCheckpoint(s.cpPath, data); err != nil {
		s.log.Error("cannot save checkpoint", "err", err)
		return err
	}
	s.lastSaved = data
	s.saved()
	return nil
}

// maxSkipped bounds the memory of paths already reported as skipped.
const maxSkipped = 1024

// skip logs, once per path, that a path the globs matched cannot be
// followed (a directory, a FIFO, a dangling link, no permission).
func (s *Source) skip(path, reason string) {
	if s.skipped[path] {
		return
	}
	if s.skipped == nil || len(s.skipped) >= maxSkipped {
		s.skipped = make(map[string]bool)
	}
	s.skipped[path] = true
	s.log.Warn("matched path skipped", "path", path, "reason", reason)
}

// OnCheckpoint sets f to be called after each save that left the
// checkpoint file current (for a checkpoint-age metric). Call it before Run.
func (s *Source) OnCheckpoint(f func(t time.Time)) { s.onCheckpoint = f }

func (s *Source) saved() {
	if s.onCheckpoint != nil {
		s.onCheckpoint(time.Now())
	}
}

// excluded reports whether path matches an exclude glob, by base name or
// full path.
func (s *Source) excluded(path string) bool {
	base := filepath.Base(path)
	for _, p := range s.cfg.Exclude {
		if ok, _ := filepath.Match(p, base); ok {
			return true
		}
		if ok, _ := filepath.Match(p, path); ok {
			return true
		}
	}
	return false
}

func statID(fi fs.FileInfo) (id fileID, nlink uint64, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, 0, false
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, uint64(st.Nlink), true
}

// scan expands the globs: it starts following new files, notes renames and
// marks files no longer found as gone. initial is set for the first scan
// of Run, when cp holds the checkpoint's entries (matched entries are
// removed from it). It also (re)adds the globs' directories to the watcher.
// It only appends to s.files and removes closed files, so a readAll in
// progress (iterating over s.files) is not disturbed.
func (s *Source) scan(cp map[fileID]cpEntry, initial bool) {
	s.lastGlob = time.Now()
	seen := make(map[fileID]bool, len(s.files))
	for _, pat := range s.cfg.Paths {
		if s.watcher != nil {
			s.watchDirs(s.watcher, pat)
		}
		matches, _ := filepath.Glob(pat) // the pattern was validated
		for _, p := range matches {
			if s.excluded(p) {
				continue
			}
			fi, err := os.Stat(p)
			if err != nil {
				s.skip(p, err.Error())
				continue
			}
			if !fi.Mode().IsRegular() {
				s.skip(p, "not a regular file ("+fi.Mode().Type().String()+")")
				continue
			}
			id, _, ok := statID(fi)
			if !ok || seen[id] {
				continue
			}
			seen[id] = true
			if t := s.byID[id]; t != nil {
				if t.f != nil {
					if t.path != p {
						s.log.Debug("file renamed", "from", t.path, "to", p)
						t.path = p
					}
					t.gone = false
					continue
				}
				// Closed: reopen if it changed, as long as it is still the
				// same file (an inode can be reused once it was closed).
				if fi.Size() == t.readOff && !t.finishing {
					t.path = p
					continue
				}
				if s.reopen(t, p) {
					continue
				}
				s.drop(t)
			}
			s.open(p, id, initial, cp)
		}
	}
	for _, t := range s.files {
		if !seen[t.id] && !t.gone {
			t.gone = true
			if t.f == nil {
				t.finishing = true
			}
		}
	}
}

// maybeScan expands the globs again if a directory changed or GlobInterval
// passed, and saves the checkpoint if new files were found: they are in the
// checkpoint before a line of them is sent. It is called between reads and
// while a send is blocked, so that files are discovered (and a file that is
// rotated away later can be found again after a crash) even while a slow
// sink holds the reading back.
func (s *Source) maybeScan() {
	if s.rescan.Swap(false) || time.Since(s.lastGlob) >= s.cfg.GlobInterval {
		s.scan(nil, false)
	}
	if s.dirty {
		s.save()
	}
}

// watchDirs adds the directories a glob can match in to w. Adding a watched
// directory again is harmless; one that does not exist yet is tried again on
// the next scan.
func (s *Source) watchDirs(w *fsnotify.Watcher, pat string) {
	dir := filepath.Dir(pat)
	dirs := []string{dir}
	if hasMeta(dir) {
		dirs, _ = filepath.Glob(dir)
	}
	for _, d := range dirs {
		_ = w.Add(d)
	}
}

func hasMeta(path string) bool {
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '*', '?', '[', '\\':
			return true
		}
	}
	return false
}

// open starts following the file at path. On the first scan the file may
// resume from a checkpoint entry or start per start_at; a file found later
// is new and starts at 0.
func (s *Source) open(path string, id fileID, initial bool, cp map[fileID]cpEntry) {
	f, err := os.Open(path)
	if err != nil {
		s.log.Warn("cannot open file", "path", path, "err", err)
		return
	}
	fi, err := f.Stat()
	if err == nil {
		var ok bool
		if id, _, ok = statID(fi); !ok {
			err = errors.New("no inode")
		}
	}
	if err != nil || s.byID[id] != nil {
		if err != nil {
			s.log.Warn("cannot stat file", "path", path, "err", err)
		}
		f.Close()
		return
	}
	size := fi.Size()
	t := &tracked{
		id:       id,
		path:     path,
		stream:   fmt.Sprintf("%s@%d:%d", path, id.dev, id.ino),
		f:        f,
		lastData: time.Now(),
	}
	t.fp = s.readFingerprint(f, size)
	var start, line int64
	e, known := cp[id]
	switch {
	case known:
		delete(cp, id)
		switch {
		case !fingerprintMatches(f, e.fingerprint()):
			s.log.Info("inode reused by a new file; reading it from the beginning", "path", path)
		case size < e.Offset:
			s.log.Warn("file shrank below its checkpoint; reading it from the beginning", "path", path, "size", size, "checkpoint", e.Offset)
		default:
			start, line = e.Offset, e.Line
		}
	case initial && s.firstRun && s.cfg.StartAt == "end":
		start = lastLineEnd(f, size)
		line = countLines(f, start)
	}
	t.emitOff, t.readOff, t.line = start, start, line
	t.ack = newAckState(start, line)
	s.files = append(s.files, t)
	s.byID[id] = t
	s.dirty = true
	s.log.Info("following file", "path", path, "offset", start)
}

// reopen opens a closed file again at path if it is still the same file.
func (s *Source) reopen(t *tracked, path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return false
	}
	id, _, ok := statID(fi)
	if !ok || id != t.id || fi.Size() < t.readOff || !fingerprintMatches(f, t.fp) {
		f.Close()
		return false
	}
	t.f, t.path, t.gone, t.finishing = f, path, false, false
	t.lastData = time.Now()
	t.checked = time.Time{}
	s.log.Debug("file reopened", "path", path, "offset", t.readOff)
	return true
}

// drop forgets t at once.
func (s *Source) drop(t *tracked) {
	if t.f != nil {
		t.f.Close()
		t.f = nil
	}
	delete(s.byID, t.id)
	for i, u := range s.files {
		if u == t {
			s.files = append(s.files[:i], s.files[i+1:]...)
			break
		}
	}
	s.dirty = true
}

// recover looks for checkpointed files that no longer match the globs
// (rotated while redactd was down) in the directory they were last seen in,
// by inode, and reads what is left of them.
func (s *Source) recover(cp map[fileID]cpEntry) {
	if len(cp) == 0 {
		return
	}
	byDir := map[string][]cpEntry{}
	for _, e := range cp {
		d := filepath.Dir(e.Path)
		byDir[d] = append(byDir[d], e)
	}
	for dir, entries := range byDir {
		des, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, de := range des {
			if !de.Type().IsRegular() {
				continue
			}
			fi, err := de.Info()
			if err != nil {
				continue
			}
			id, _, ok := statID(fi)
			if !ok {
				continue
			}
			e, ok := cp[id]
			if !ok || s.byID[id] != nil {
				continue
			}
			p := filepath.Join(dir, de.Name())
			if fi.Size() <= e.Offset || !sameFile(p, e.fingerprint()) {
				continue // nothing left to read, or another file on a reused inode
			}
			s.open(p, id, true, cp)
			if t := s.byID[id]; t != nil {
				t.gone = true
				s.log.Info("resuming rotated file found by inode", "path", p, "was", e.Path, "offset", t.readOff)
			}
		}
		for _, e := range entries {
			if _, ok := cp[e.id()]; ok {
				s.log.Info("checkpointed file is gone or was read to its end; forgetting it", "path", e.Path, "offset", e.Offset)
			}
		}
	}
}

// reap forgets finishing files whose batches were all acknowledged.
func (s *Source) reap() {
	for i := 0; i < len(s.files); i++ {
		t := s.files[i]
		if !t.finishing {
			continue
		}
		if off, _, pending := t.ack.committed(); pending == 0 && off >= t.emitOff {
			s.drop(t)
			i--
		}
	}
}

// readAll gives every open file a turn. It reports whether some file has
// more data waiting; it returns an error only when ctx is done.
//
// A file is read when a change notification named it, when its last read
// stopped before its end, or when it was not checked for PollInterval; a
// file renamed out of sight is also read on any notification (its writes
// are reported under a name the source does not know).
func (s *Source) readAll(ctx context.Context, out chan<- pipeline.Batch) (more bool, err error) {
	now := time.Now()
	names, all := s.takeEvents()
	for _, t := range s.files {
		if t.f == nil {
			continue
		}
		due := all || t.more || names[t.path] || t.gone && len(names) > 0 || now.Sub(t.checked) >= s.cfg.PollInterval
		if !due {
			continue
		}
		t.checked = now
		if err := s.checkTruncated(ctx, out, t); err != nil {
			return false, err
		}
		m, err := s.readFile(ctx, out, t)
		t.more = m
		if err != nil {
			return false, err
		}
		if m {
			more = true
			continue
		}
		if err := s.atEOF(ctx, out, t, now); err != nil {
			return false, err
		}
	}
	return more, nil
}

// atEOF handles a file that has no more data for now: it sends a final
// line without newline after IdleTimeout and closes inactive, rotated and
// deleted files.
func (s *Source) atEOF(ctx context.Context, out chan<- pipeline.Batch, t *tracked, now time.Time) error {
	idle := now.Sub(t.lastData)
	if len(t.carry) > 0 && idle >= s.cfg.IdleTimeout {
		if err := s.flushCarry(ctx, out, t); err != nil {
			return err
		}
	}
	closeIt, finish := false, false
	if t.gone {
		fi, err := t.f.Stat()
		_, nlink, _ := statID(fi)
		switch {
		case err == nil && nlink == 0:
			s.log.Info("file deleted; read to its end", "path", t.path, "offset", t.readOff)
			closeIt, finish = true, true
		case idle >= s.cfg.CloseInactive && successorExists(t.path, t.id):
			s.log.Info("rotated file inactive; read to its end", "path", t.path, "offset", t.readOff)
			closeIt, finish = true, true
		}
	} else if idle >= s.cfg.CloseInactive {
		s.log.Debug("file inactive; closing until it changes", "path", t.path, "offset", t.readOff)
		closeIt = true
	}
	if !closeIt {
		return nil
	}
	// What was written before the rename, delete or successor was seen is
	// readable now: read once more, and close only if nothing came.
	before := t.readOff
	if _, err := s.readFile(ctx, out, t); err != nil {
		return err
	}
	if t.readOff != before || t.linesLeft {
		return nil
	}
	if len(t.carry) > 0 {
		if err := s.flushCarry(ctx, out, t); err != nil {
			return err
		}
	}
	t.f.Close()
	t.f = nil
	t.finishing = finish
	return nil
}

// sameFile reports whether the file at path has fingerprint fp.
func sameFile(path string, fp fingerprint) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return fingerprintMatches(f, fp)
}

func successorExists(path string, id fileID) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	nid, _, ok := statID(fi)
	return ok && nid != id
}

// checkTruncated restarts t at offset 0 when the file shrank below the read
// offset or its first bytes changed (copytruncate, then new writes).
func (s *Source) checkTruncated(ctx context.Context, out chan<- pipeline.Batch, t *tracked) error {
	if t.linesLeft {
		return nil // whole lines are still buffered: send them first
	}
	fi, err := t.f.Stat()
	if err != nil {
		return nil
	}
	if fi.Size() >= t.readOff && fingerprintMatches(t.f, t.fp) {
		return nil
	}
	s.log.Info("file truncated; reading it again from the beginning", "path", t.path, "offset", t.readOff, "size", fi.Size())
	if len(t.carry) > 0 {
		if err := s.flushCarry(ctx, out, t); err != nil {
			return err
		}
	}
	t.ack = newAckState(0, 0)
	t.emitOff, t.readOff, t.line = 0, 0, 0
	t.oversize, t.linesLeft, t.tail = false, false, nil
	t.fp = s.readFingerprint(t.f, fi.Size())
	s.dirty = true
	return nil
}

// readFingerprint hashes the first bytes of f.
func (s *Source) readFingerprint(f *os.File, size int64) fingerprint {
	n := min(int64(s.cfg.FingerprintBytes), size)
	buf := make([]byte, n)
	m, _ := f.ReadAt(buf, 0)
	return fingerprint{n: m, sum: xxhash.Sum64(buf[:m])}
}

// fingerprintMatches reports whether f's first fp.n bytes hash to fp.sum.
func fingerprintMatches(f *os.File, fp fingerprint) bool {
	if fp.n == 0 {
		return true
	}
	var small [1024]byte
	buf := small[:]
	if fp.n > len(buf) {
		buf = make([]byte, fp.n)
	}
	m, _ := f.ReadAt(buf[:fp.n], 0)
	return m == fp.n && xxhash.Sum64(buf[:m]) == fp.sum
}

// lastLineEnd returns the offset after the last newline before size, so
// that a file started at its end begins with a whole line.
func lastLineEnd(f *os.File, size int64) int64 {
	const window = 64 << 10
	from := max(0, size-window)
	buf := make([]byte, size-from)
	n, _ := f.ReadAt(buf, from)
	if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
		return from + int64(i) + 1
	}
	if from == 0 {
		return 0
	}
	return size
}

// countLines counts the lines below off, or returns -1 if off is past
// countLinesLimit or the file cannot be read.
func countLines(f *os.File, off int64) int64 {
	if off > countLinesLimit {
		return -1
	}
	buf := make([]byte, 1<<20)
	var n int64
	for pos := int64(0); pos < off; {
		want := min(int64(len(buf)), off-pos)
		m, err := f.ReadAt(buf[:want], pos)
		n += int64(bytes.Count(buf[:m], []byte{'\n'}))
		pos += int64(m)
		if err != nil && pos < off {
			if errors.Is(err, io.EOF) {
				return n
			}
			return -1
		}
	}
	return n
}
