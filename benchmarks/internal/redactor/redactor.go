// Package redactor builds the detect stage the way the redactd binary does
// by default (every built-in provider rule, every context scanner, the
// scanners' default allowlist, and a PEM follower per stream), for the
// benchmarks and the recall measurement.
//
// Keep it in step with cmd/redactd/engine.go: a benchmark of a different
// engine than the one the binary runs measures nothing useful.
package redactor

import (
	"fmt"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/builtin"
	"github.com/redactd/redactd/detectors/scanners"
	"github.com/redactd/redactd/pipeline"
)

// Key is the fixed fingerprint key of the benchmarks (32 bytes), so that
// tokens are the same on every run.
var Key = []byte("redactd-benchmarks-fixed-key-32b")

// Parts selects what an engine runs, to measure the stages apart.
type Parts uint8

const (
	// Rules are the built-in provider rules behind the keyword prefilter.
	Rules Parts = 1 << iota
	// Scanners are the context scanners (assignments, HTTP, URLs, entropy,
	// single-line PEM).
	Scanners
	// All is what the binary runs.
	All = Rules | Scanners
)

// NewEngine compiles an engine with the given parts.
func NewEngine(parts Parts) (*detectors.Engine, error) {
	var rules []detectors.Rule
	if parts&Rules != 0 {
		rules = builtin.Rules()
	}
	opts := detectors.Options{Key: Key}
	if parts&Scanners != 0 {
		opts.Scanners = scanners.All(scanners.Options{})
		opts.Allowlist = scanners.DefaultAllowlist()
	}
	e, err := detectors.New(rules, opts)
	if err != nil {
		return nil, fmt.Errorf("build engine: %w", err)
	}
	return e, nil
}

// Stream is a pipeline.StreamRedactor: the engine plus a PEM follower per
// stream, as the binary wires it.
type Stream struct {
	*detectors.Engine
}

var _ pipeline.StreamRedactor = Stream{}

// New returns the binary's default detect stage.
func New() (Stream, error) {
	e, err := NewEngine(All)
	return Stream{e}, err
}

// NewStream implements pipeline.StreamRedactor.
func (s Stream) NewStream() pipeline.LineFollower {
	return pemFollower{scanners.NewPEMFollower(s.Engine, scanners.PEMOptions{})}
}

// pemFollower lets the pipeline forget a stream's PEM state between blocks,
// as the binary's does.
type pemFollower struct{ *scanners.PEMFollower }

var _ pipeline.IdleFollower = pemFollower{}

// Idle implements pipeline.IdleFollower.
func (p pemFollower) Idle() bool { return !p.InBlock() }
