//go:build race

package benchmarks

// raceEnabled reports a -race build: the race detector makes sync.Pool drop
// items and adds allocations, so allocation counts mean nothing there.
const raceEnabled = true
