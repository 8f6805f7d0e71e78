//go:build !race

package benchmarks

// raceEnabled reports a -race build; see race_test.go.
const raceEnabled = false
