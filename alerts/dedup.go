package alerts

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// entry is what the dedup set keeps per fingerprint: times (Unix ns) and a
// count, never the fingerprint's secret.
type entry struct {
	hash      uint64 // xxhash of the fingerprint
	first     int64  // first sighting
	lastAlert int64  // last alert raised
	lastSeen  int64  // last sighting
	count     uint64 // sightings so far
}

// dedupSet is a bounded set of fingerprint hashes with a TTL. Entries live
// in a slab indexed by a map, so the set holds no pointers and a lookup is
// one map access. It is not safe for concurrent use; the Router guards it.
//
// Keys are 64-bit xxhashes of fingerprints: two fingerprints colliding would
// share one entry (one alert too few); with 10^5 entries the chance is about
// 3*10^-10.
type dedupSet struct {
	window int64 // ns
	max    int
	idx    map[uint64]int32
	slab   []entry
	free   []int32
}

func newDedupSet(window int64, maxEntries int) *dedupSet {
	return &dedupSet{window: window, max: maxEntries, idx: make(map[uint64]int32, min(maxEntries, 1024))}
}

func (d *dedupSet) len() int { return len(d.idx) }

// get returns the entry for h, or nil.
func (d *dedupSet) get(h uint64) *entry {
	i, ok := d.idx[h]
	if !ok {
		return nil
	}
	return &d.slab[i]
}

// insert adds a new entry (h must not be present), evicting first when the
// set is full. The returned pointer is valid until the next insert.
func (d *dedupSet) insert(e entry, now int64) *entry {
	if len(d.idx) >= d.max {
		d.evict(now)
	}
	var i int32
	if n := len(d.free); n > 0 {
		i = d.free[n-1]
		d.free = d.free[:n-1]
		d.slab[i] = e
	} else {
		i = int32(len(d.slab))
		d.slab = append(d.slab, e)
	}
	d.idx[e.hash] = i
	return &d.slab[i]
}

func (d *dedupSet) remove(h uint64) {
	if i, ok := d.idx[h]; ok {
		delete(d.idx, h)
		d.slab[i] = entry{}
		d.free = append(d.free, i)
	}
}

// expire removes entries not seen for a whole window and returns how many.
func (d *dedupSet) expire(now int64) int {
	n := 0
	for h, i := range d.idx {
		if now-d.slab[i].lastSeen >= d.window {
			d.remove(h)
			n++
		}
	}
	return n
}

// evict makes room: it expires old entries and, when the set is still more
// than 7/8 full, drops the entries seen least recently down to 7/8. An
// evicted fingerprint alerts again when next seen: an extra alert, never a
// missing one.
func (d *dedupSet) evict(now int64) {
	d.expire(now)
	target := d.max - d.max/8
	if len(d.idx) <= target {
		return
	}
	seen := make([]int64, 0, len(d.idx))
	for _, i := range d.idx {
		seen = append(seen, d.slab[i].lastSeen)
	}
	slices.Sort(seen)
	cutoff := seen[len(seen)-target-1] // drop entries seen at or before cutoff
	for h, i := range d.idx {
		if d.slab[i].lastSeen <= cutoff {
			d.remove(h)
		}
	}
}

// snapshot appends the live entries to dst.
func (d *dedupSet) snapshot(dst []entry, now int64) []entry {
	for _, i := range d.idx {
		if e := d.slab[i]; now-e.lastSeen < d.window {
			dst = append(dst, e)
		}
	}
	return dst
}

// State file format, little-endian:
//
//	magic "RDAD" | version u32 = 1 | count u64 | count × (hash u64, first i64,
//	lastAlert i64, lastSeen i64, count u64) | crc32 (IEEE) of everything before
//
// It holds xxhashes of fingerprints, times and counts: no secret, no
// fingerprint.
const (
	stateMagic   = "RDAD"
	stateVersion = 1
	entrySize    = 40
)

// writeState writes entries to path atomically (temporary file in the same
// directory, fsync, rename, fsync of the directory) with mode 0600.
func writeState(path string, entries []entry) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".alerts-dedup-*")
	if err != nil {
		return fmt.Errorf("write alert state: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return fmt.Errorf("write alert state: %w", err)
	}
	crc := crc32.NewIEEE()
	bw := bufio.NewWriter(io.MultiWriter(f, crc))
	var hdr [16]byte
	copy(hdr[:], stateMagic)
	binary.LittleEndian.PutUint32(hdr[4:], stateVersion)
	binary.LittleEndian.PutUint64(hdr[8:], uint64(len(entries)))
	bw.Write(hdr[:])
	var rec [entrySize]byte
	for _, e := range entries {
		binary.LittleEndian.PutUint64(rec[0:], e.hash)
		binary.LittleEndian.PutUint64(rec[8:], uint64(e.first))
		binary.LittleEndian.PutUint64(rec[16:], uint64(e.lastAlert))
		binary.LittleEndian.PutUint64(rec[24:], uint64(e.lastSeen))
		binary.LittleEndian.PutUint64(rec[32:], e.count)
		bw.Write(rec[:])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write alert state %s: %w", f.Name(), err)
	}
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], crc.Sum32())
	if _, err := f.Write(sum[:]); err != nil {
		return fmt.Errorf("write alert state %s: %w", f.Name(), err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write alert state %s: %w", f.Name(), err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write alert state %s: %w", f.Name(), err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write alert state: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// errBadState marks a state file that is not one redactd wrote, or is
// truncated or corrupt.
var errBadState = errors.New("not a valid alert state file")

// readState reads a state file written by writeState. A missing file gives
// no entries and no error.
func readState(path string) ([]entry, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read alert state: %w", err)
	}
	if len(b) < 20 || string(b[:4]) != stateMagic {
		return nil, fmt.Errorf("read alert state %s: %w", path, errBadState)
	}
	if v := binary.LittleEndian.Uint32(b[4:]); v != stateVersion {
		return nil, fmt.Errorf("read alert state %s: version %d: %w", path, v, errBadState)
	}
	n := binary.LittleEndian.Uint64(b[8:])
	if n > uint64(len(b)-20)/entrySize || uint64(len(b)) != 20+n*entrySize {
		return nil, fmt.Errorf("read alert state %s: length: %w", path, errBadState)
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("read alert state %s: checksum: %w", path, errBadState)
	}
	out := make([]entry, n)
	for i := range out {
		r := body[16+i*entrySize:]
		out[i] = entry{
			hash:      binary.LittleEndian.Uint64(r[0:]),
			first:     int64(binary.LittleEndian.Uint64(r[8:])),
			lastAlert: int64(binary.LittleEndian.Uint64(r[16:])),
			lastSeen:  int64(binary.LittleEndian.Uint64(r[24:])),
			count:     binary.LittleEndian.Uint64(r[32:]),
		}
	}
	return out, nil
}
