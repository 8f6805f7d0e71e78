package file

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// checkpointVersion is the format version written into checkpoint files.
const checkpointVersion = 1

// fileID is a file's device and inode number.
type fileID struct{ dev, ino uint64 }

// fingerprint is the xxhash of a file's first n bytes. Together with the
// fileID it identifies a file: a new file that reuses an inode has other
// first bytes (or fewer of them).
type fingerprint struct {
	n   int
	sum uint64
}

// cpEntry is one file in a checkpoint file.
type cpEntry struct {
	Path  string `json:"path"`
	Dev   uint64 `json:"dev"`
	Ino   uint64 `json:"ino"`
	FPLen int    `json:"fp_len"`
	FP    string `json:"fp"` // xxhash64 of the first fp_len bytes, 16 hex digits
	// Offset is the byte offset below which every line was acknowledged.
	Offset int64 `json:"offset"`
	// Line is the number of lines below Offset, or -1 if unknown.
	Line int64 `json:"line"`
}

type cpFile struct {
	Version int       `json:"version"`
	Source  string    `json:"source"`
	Files   []cpEntry `json:"files"`
}

// checkpointName returns the checkpoint file's base name for a source: a
// hash of its name, or of its globs when it has no name.
func checkpointName(cfg Config) string {
	key := "name:" + cfg.Name
	if cfg.Name == "" {
		key = "paths:" + strings.Join(cfg.Paths, "\n")
	}
	return fmt.Sprintf("file-%016x.json", xxhash.Sum64String(key))
}

func (e cpEntry) id() fileID { return fileID{e.Dev, e.Ino} }

func (e cpEntry) fingerprint() fingerprint {
	sum, _ := strconv.ParseUint(e.FP, 16, 64) // validated by loadCheckpoint
	return fingerprint{n: e.FPLen, sum: sum}
}

// errCorrupt marks a checkpoint file that cannot be used.
var errCorrupt = errors.New("corrupt checkpoint")

// loadCheckpoint reads the checkpoint at path. It returns exists == false
// when there is none, and an error wrapping errCorrupt when the file cannot
// be parsed or holds impossible values.
func loadCheckpoint(path string) (entries map[fileID]cpEntry, exists bool, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, fmt.Errorf("read checkpoint %s: %w", path, err)
	}
	var cf cpFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cf); err != nil {
		return nil, true, fmt.Errorf("checkpoint %s: %w: %w", path, errCorrupt, err)
	}
	if cf.Version != checkpointVersion {
		return nil, true, fmt.Errorf("checkpoint %s: %w: version %d, want %d", path, errCorrupt, cf.Version, checkpointVersion)
	}
	entries = make(map[fileID]cpEntry, len(cf.Files))
	for i, e := range cf.Files {
		_, perr := strconv.ParseUint(e.FP, 16, 64)
		switch {
		case e.Offset < 0 || e.FPLen < 0 || e.Line < -1:
			return nil, true, fmt.Errorf("checkpoint %s: %w: files[%d]: negative offset, fp_len or line", path, errCorrupt, i)
		case perr != nil || len(e.FP) != 16:
			return nil, true, fmt.Errorf("checkpoint %s: %w: files[%d]: fp: want 16 hex digits", path, errCorrupt, i)
		}
		entries[e.id()] = e
	}
	return entries, true, nil
}

// writeCheckpoint writes data to path atomically: a temporary file in the
// same directory, fsync, rename, fsync of the directory. The file has mode
// 0600.
func writeCheckpoint(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write checkpoint %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("write checkpoint %s: %w", path, err)
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write checkpoint %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write checkpoint %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write checkpoint %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write checkpoint %s: %w", path, err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("write checkpoint %s: sync dir: %w", path, err)
	}
	defer d.Close()
	if err = d.Sync(); err != nil {
		return fmt.Errorf("write checkpoint %s: sync dir: %w", path, err)
	}
	return nil
}
