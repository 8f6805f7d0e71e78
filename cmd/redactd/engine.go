package main

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/redactd/redactd/config"
	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/builtin"
	"github.com/redactd/redactd/pipeline"
)

// detection is everything the detect stage is built from.
type detection struct {
	engine *detectors.Engine
	rules  []detectors.Rule // enabled rules, in engine order
	byID   map[string]detectors.Rule
	key    fingerprintKey
	// newFollower returns the multi-line state for one stream (PEM
	// blocks); nil when the detection keeps none.
	newFollower func() pipeline.LineFollower
}

// allRules returns the built-in rules followed by the user's.
func allRules(cfg *config.Config) []detectors.Rule {
	return append(builtin.Rules(), cfg.DetectRules()...)
}

// buildDetection loads the key and compiles the engine. Errors are config
// errors naming the setting.
func buildDetection(e env, cfg *config.Config, logger *slog.Logger, quietKey bool) (*detection, error) {
	key, err := loadKey(e, cfg.Fingerprint)
	if err != nil {
		return nil, err
	}
	return compileDetection(cfg, key, logger, quietKey)
}

// compileDetection compiles the engine for cfg under an already loaded key
// (SIGHUP reloads rules with the key the process started with).
func compileDetection(cfg *config.Config, key fingerprintKey, logger *slog.Logger, quietKey bool) (*detection, error) {
	rules := allRules(cfg)
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	for i, id := range cfg.Detect.Disable {
		if !known[id] {
			return nil, fmt.Errorf("detect.disable[%d]: no rule with id %q (see 'redactd rules')", i, id)
		}
	}
	eng, err := detectors.New(rules, detectors.Options{
		Key:       key.key,
		Template:  cfg.Fingerprint.Template,
		Disable:   cfg.Detect.Disable,
		Allowlist: cfg.Detect.Allowlist.Detector(),
	})
	if err != nil {
		if errors.Is(err, detectors.ErrShortKey) {
			return nil, err
		}
		return nil, fmt.Errorf("detect: %w", err)
	}
	disabled := map[string]bool{}
	for _, id := range cfg.Detect.Disable {
		disabled[id] = true
	}
	var enabled []detectors.Rule
	for _, r := range rules {
		if !disabled[r.ID] {
			enabled = append(enabled, r)
		}
	}
	if !key.stable && !quietKey {
		logger.Warn("no fingerprint key configured: using a random per-process key; fingerprints will not match across runs or hosts (set " + config.DefaultKeyEnv + " or fingerprint.key_file)")
	} else {
		logger.Debug("fingerprint key loaded", "origin", key.origin, "key_id", key.id())
	}
	byID := make(map[string]detectors.Rule, len(enabled))
	for _, r := range enabled {
		byID[r.ID] = r
	}
	return &detection{engine: eng, rules: enabled, byID: byID, key: key}, nil
}

// failClosed renders the token that replaces a line that could not be
// scanned, fingerprinted like any secret so repeats correlate.
func (d *detection) failClosed(dst []byte, ruleID string, line []byte) ([]byte, detectors.Finding) {
	fp := d.engine.Fingerprint(line)
	dst = append(dst, d.engine.Token(ruleID, line)...)
	return dst, detectors.Finding{RuleID: ruleID, Fingerprint: fp, Context: detectors.ContextText, Severity: detectors.SeverityHigh, End: len(line)}
}
