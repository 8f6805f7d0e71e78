package file

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/redactd/redactd/pipeline"
)

// Defaults for Config fields left zero.
const (
	DefaultStartAt            = "end"
	DefaultPollInterval       = 250 * time.Millisecond
	DefaultGlobInterval       = time.Second
	DefaultIdleTimeout        = 30 * time.Second
	DefaultCloseInactive      = 5 * time.Minute
	DefaultMaxLineBytes       = 1 << 20
	DefaultCheckpointInterval = time.Second
	DefaultBatchLines         = 1000
	DefaultBatchBytes         = 64 << 10
	DefaultDrainTimeout       = 10 * time.Second
	DefaultFingerprintBytes   = 1024
)

// Config configures one file source ([[sources.file]] in TOML). A zero value
// for a field means its default; Paths is required.
type Config struct {
	// Name identifies the source in record metadata and logs, and names its
	// checkpoint file. Default: derived from Paths.
	Name string `toml:"name"`
	// Paths are glob patterns (path/filepath.Match syntax, no "**"); files
	// that start to match while the source runs are picked up. Required.
	Paths []string `toml:"paths"`
	// Exclude are glob patterns matched against a file's base name and its
	// full path; a file matching either is not read.
	Exclude []string `toml:"exclude"`
	// StartAt is where a file starts when there is no checkpoint yet (the
	// first run, or after a corrupt checkpoint): "end" (default) or
	// "beginning". Once a checkpoint exists, a file it does not know is new
	// and is read from its beginning, so nothing written while redactd was
	// down is lost; files appearing while the source runs are always read
	// from their beginning.
	StartAt string `toml:"start_at"`
	// PollInterval is how often open files are checked for new data and
	// truncation when no change notification arrived. Default 250ms.
	PollInterval time.Duration `toml:"poll_interval"`
	// GlobInterval is how often Paths are expanded again to find new,
	// renamed and deleted files (a directory change notification also
	// triggers it). Default 1s.
	GlobInterval time.Duration `toml:"glob_interval"`
	// IdleTimeout is how long a final line without a newline waits for the
	// rest of the line before it is sent with Record.NoNewline set. A writer
	// that completes the line later produces a second record for the rest.
	// Default 30s.
	IdleTimeout time.Duration `toml:"idle_timeout"`
	// CloseInactive is how long a file must have given no new data before
	// its descriptor is closed. A rotated file (renamed away from its path)
	// is read until it was idle that long and a new file exists at its old
	// path; a file still at its path is reopened when it grows. Default 5m.
	CloseInactive time.Duration `toml:"close_inactive"`
	// MaxLineBytes is the longest line sent as one record. A longer line is
	// sent as pieces of MaxLineBytes bytes, each marked Record.Oversize,
	// every piece but the last with NoNewline set; no byte is dropped.
	// Default 1 MiB.
	MaxLineBytes int `toml:"max_line_bytes"`
	// Oversize is what happens to those pieces: "scan" (default) gives
	// each a Window of pipeline.OversizeContext bytes of the line on
	// either side, and the detect stage scans it there; "redact" has each
	// piece replaced whole by an oversize token.
	Oversize string `toml:"oversize"`
	// CheckpointInterval is how often acknowledged offsets are saved.
	// Default 1s.
	CheckpointInterval time.Duration `toml:"checkpoint_interval"`
	// BatchLines caps the records of one batch. Default 1000.
	BatchLines int `toml:"batch_lines"`
	// BatchBytes is the size of one read, and so the most line bytes of one
	// batch (a batch holds the complete lines of one read). Default 64 KiB.
	BatchBytes int `toml:"batch_bytes"`
	// BatchWait lets data accumulate for this long after a change
	// notification before the files are read, trading latency for larger
	// batches. Default 0: read at once.
	BatchWait time.Duration `toml:"batch_wait"`
	// DrainTimeout bounds how long Run waits, after its context is
	// cancelled, for the batches it sent to be acknowledged before it saves
	// the checkpoint and returns. Default 10s.
	DrainTimeout time.Duration `toml:"drain_timeout"`
	// FingerprintBytes is how many leading bytes of a file are hashed into
	// its identity, so a reused inode is told apart from the file that had
	// it. Default 1024.
	FingerprintBytes int `toml:"fingerprint_bytes"`
}

// Validate reports the first invalid setting, naming its key.
func (c Config) Validate() error {
	if len(c.Paths) == 0 {
		return errors.New("paths: at least one glob is required")
	}
	for i, p := range c.Paths {
		if p == "" {
			return fmt.Errorf("paths[%d]: empty glob", i)
		}
		if _, err := filepath.Match(p, ""); err != nil {
			return fmt.Errorf("paths[%d]: bad glob %q: %w", i, p, err)
		}
	}
	for i, p := range c.Exclude {
		if _, err := filepath.Match(p, ""); err != nil {
			return fmt.Errorf("exclude[%d]: bad glob %q: %w", i, p, err)
		}
	}
	switch c.StartAt {
	case "", "end", "beginning":
	default:
		return fmt.Errorf("start_at: want \"beginning\" or \"end\", got %q", c.StartAt)
	}
	durations := []struct {
		key string
		d   time.Duration
	}{
		{"poll_interval", c.PollInterval},
		{"glob_interval", c.GlobInterval},
		{"idle_timeout", c.IdleTimeout},
		{"close_inactive", c.CloseInactive},
		{"checkpoint_interval", c.CheckpointInterval},
		{"batch_wait", c.BatchWait},
		{"drain_timeout", c.DrainTimeout},
	}
	for _, d := range durations {
		if d.d < 0 {
			return fmt.Errorf("%s: must not be negative, got %s", d.key, d.d)
		}
	}
	ints := []struct {
		key string
		n   int
	}{
		{"max_line_bytes", c.MaxLineBytes},
		{"batch_lines", c.BatchLines},
		{"batch_bytes", c.BatchBytes},
		{"fingerprint_bytes", c.FingerprintBytes},
	}
	for _, n := range ints {
		if n.n < 0 {
			return fmt.Errorf("%s: must not be negative, got %d", n.key, n.n)
		}
	}
	return pipeline.ValidateOversize(c.Oversize)
}

// withDefaults returns c with every zero field set to its default.
func (c Config) withDefaults() Config {
	setD := func(d *time.Duration, def time.Duration) {
		if *d == 0 {
			*d = def
		}
	}
	setI := func(n *int, def int) {
		if *n == 0 {
			*n = def
		}
	}
	if c.StartAt == "" {
		c.StartAt = DefaultStartAt
	}
	if c.Oversize == "" {
		c.Oversize = pipeline.OversizeScan
	}
	setD(&c.PollInterval, DefaultPollInterval)
	setD(&c.GlobInterval, DefaultGlobInterval)
	setD(&c.IdleTimeout, DefaultIdleTimeout)
	setD(&c.CloseInactive, DefaultCloseInactive)
	setD(&c.CheckpointInterval, DefaultCheckpointInterval)
	setD(&c.DrainTimeout, DefaultDrainTimeout)
	setI(&c.MaxLineBytes, DefaultMaxLineBytes)
	setI(&c.BatchLines, DefaultBatchLines)
	setI(&c.BatchBytes, DefaultBatchBytes)
	setI(&c.FingerprintBytes, DefaultFingerprintBytes)
	return c
}
