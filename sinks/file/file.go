// Package file is the sink that appends redacted lines to a file.
//
// Each batch is one write call (and, by default, one fsync), so a batch's
// acknowledgement means its lines are on disk. Reopen closes and reopens the
// file by its path, for logrotate's SIGHUP convention.
package file

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/redactd/redactd/pipeline"
)

// Defaults for Config fields left zero.
const (
	DefaultMode  = "0600"
	DefaultFsync = "batch"
)

// Config configures a file sink ([[sinks.file]] in TOML). A zero value for
// a field means its default; Path is required.
type Config struct {
	// Name identifies the sink in logs. Default: the path.
	Name string `toml:"name"`
	// Path is the file lines are appended to; it is created if missing
	// (its directory must exist). Required.
	Path string `toml:"path"`
	// Mode is the octal permission of a file the sink creates, as a string
	// ("0640"). Default "0600".
	Mode string `toml:"mode"`
	// Fsync says when written lines are forced to disk: "batch" (default)
	// syncs after every batch, before the batch is acknowledged; "none"
	// leaves it to the kernel; a duration ("1s") syncs at the first write
	// after that much time since the last sync, and on Reopen and Close.
	Fsync string `toml:"fsync"`
}

// Validate reports the first invalid setting, naming its key.
func (c Config) Validate() error {
	if c.Path == "" {
		return errors.New("path: required")
	}
	if _, err := c.mode(); err != nil {
		return err
	}
	if _, _, err := c.fsync(); err != nil {
		return err
	}
	return nil
}

func (c Config) mode() (os.FileMode, error) {
	if c.Mode == "" {
		c.Mode = DefaultMode
	}
	m, err := strconv.ParseUint(c.Mode, 8, 32)
	if err != nil || m > 0o777 {
		return 0, fmt.Errorf("mode: want an octal permission such as \"0640\", got %q", c.Mode)
	}
	return os.FileMode(m), nil
}

// fsync returns whether to sync every batch, else the interval between
// syncs (0: never).
func (c Config) fsync() (everyBatch bool, interval time.Duration, err error) {
	switch c.Fsync {
	case "", "batch":
		return true, 0, nil
	case "none":
		return false, 0, nil
	}
	d, err := time.ParseDuration(c.Fsync)
	if err != nil || d <= 0 {
		return false, 0, fmt.Errorf("fsync: want \"batch\", \"none\" or a positive duration such as \"1s\", got %q", c.Fsync)
	}
	return false, d, nil
}

// Sink appends records' lines to a file, each followed by "\n" unless the
// record is marked NoNewline.
//
// Write and Close are called from one goroutine (the pipeline's contract);
// Reopen may be called from any goroutine at any time, concurrently with
// them.
type Sink struct {
	path       string
	mode       os.FileMode
	everyBatch bool
	interval   time.Duration
	log        *slog.Logger

	mu       sync.Mutex // guards everything below
	f        *os.File
	buf      []byte // reused for each batch
	lastSync time.Time
	closed   bool
}

var _ pipeline.Sink = (*Sink)(nil)

// NewSink opens (creating if missing) the file cfg.Path for appending.
// logger may be nil.
func NewSink(cfg Config, logger *slog.Logger) (*Sink, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	mode, _ := cfg.mode()
	everyBatch, interval, _ := cfg.fsync()
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	name := cfg.Name
	if name == "" {
		name = cfg.Path
	}
	s := &Sink{
		path: cfg.Path, mode: mode, everyBatch: everyBatch, interval: interval,
		log: logger.With("sink", "file", "name", name),
	}
	f, err := s.open()
	if err != nil {
		return nil, err
	}
	s.f = f
	s.lastSync = time.Now()
	return s, nil
}

// open opens the path for appending. A file it creates has its directory
// synced too, so that a synced batch cannot vanish with the directory entry.
func (s *Sink) open() (*os.File, error) {
	_, statErr := os.Stat(s.path)
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, s.mode)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", s.path, err)
	}
	if errors.Is(statErr, fs.ErrNotExist) && s.everyBatch {
		if d, err := os.Open(filepath.Dir(s.path)); err == nil {
			err = d.Sync()
			d.Close()
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("open %s: sync directory: %w", s.path, err)
			}
		}
	}
	return f, nil
}

// Write appends the lines of recs in one write call and, with fsync
// "batch", syncs the file before it returns. It does not retain recs. An
// error names the path; the batch is then not acknowledged as written.
func (s *Sink) Write(_ context.Context, recs []pipeline.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return fmt.Errorf("write %s: sink closed", s.path)
	}
	buf := s.buf[:0]
	for i := range recs {
		buf = append(buf, recs[i].Line...)
		if !recs[i].NoNewline {
			buf = append(buf, '\n')
		}
	}
	if cap(buf) <= 4<<20 {
		s.buf = buf // keep the buffer unless one batch made it huge
	}
	if _, err := s.f.Write(buf); err != nil {
		return fmt.Errorf("write %s: %w", s.path, err)
	}
	switch {
	case s.everyBatch:
		return s.sync()
	case s.interval > 0 && time.Since(s.lastSync) >= s.interval:
		return s.sync()
	}
	return nil
}

func (s *Sink) sync() error {
	if err := syncFile(s.f); err != nil {
		return fmt.Errorf("sync %s: %w", s.path, err)
	}
	s.lastSync = time.Now()
	return nil
}

// Reopen syncs and closes the file and opens the path again, so that lines
// go to a new file after logrotate renamed the old one. If the path cannot
// be opened, the sink keeps writing to the file it had and Reopen returns
// the error.
func (s *Sink) Reopen() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return fmt.Errorf("reopen %s: sink closed", s.path)
	}
	f, err := s.open()
	if err != nil {
		return fmt.Errorf("reopen: %w", err)
	}
	old := s.f
	s.f = f
	serr := syncFile(old)
	cerr := old.Close()
	s.lastSync = time.Now()
	if err := errors.Join(serr, cerr); err != nil {
		return fmt.Errorf("reopen %s: close previous file: %w", s.path, err)
	}
	s.log.Info("reopened", "path", s.path)
	return nil
}

// Close syncs and closes the file. Later Writes fail.
func (s *Sink) Close(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	serr := syncFile(s.f)
	cerr := s.f.Close()
	if err := errors.Join(serr, cerr); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// syncFile fsyncs f. A FIFO or character device (the sink pointed at a pipe
// or /dev/stdout) has no storage to flush: the EINVAL fsync gives there is no
// failure, since the write itself was the delivery.
func syncFile(f *os.File) error {
	if err := f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}
