package main

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/redactd/redactd/config"
	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/builtin"
	"github.com/redactd/redactd/detectors/gitleaks"
	"github.com/redactd/redactd/detectors/scanners"
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

// loadRules returns the regex rules for the engine (built-in, gitleaks,
// user) and the metadata of the context detectors' rule ids.
func loadRules(cfg *config.Config, logger *slog.Logger) (regex, context []detectors.Rule, err error) {
	if cfg.Detect.GitleaksMode != "replace" {
		regex = builtin.Rules()
	}
	if path := cfg.Detect.GitleaksConfig; path != "" {
		gl, err := gitleaks.Load(path)
		if err != nil {
			return nil, nil, fmt.Errorf("detect.gitleaks_config: %w", err)
		}
		for _, w := range gl.Warnings {
			logger.Warn("gitleaks rule file: "+w, "file", path)
		}
		regex = append(regex, gl.Rules...)
		cfg.Detect.Allowlist = mergeAllowlist(cfg.Detect.Allowlist, gl.Allowlist)
	}
	regex = append(regex, cfg.DetectRules()...)
	if cfg.Detect.Context == nil || contextFamilies(cfg.Detect.Context) != 0 {
		context = scanners.Rules()
	}
	return regex, context, nil
}

// mergeAllowlist adds b's parts to a (an "or" allowlist).
func mergeAllowlist(a config.Allowlist, b detectors.Allowlist) config.Allowlist {
	a.Regexes = append(append([]string(nil), a.Regexes...), b.Regexes...)
	a.StopWords = append(append([]string(nil), a.StopWords...), b.StopWords...)
	return a
}

func contextFamilies(c *config.ContextDetectors) scanners.Family {
	if c == nil {
		return scanners.AllFamilies
	}
	var f scanners.Family
	for _, x := range []struct {
		on  bool
		fam scanners.Family
	}{{c.Assignments, scanners.Assignments}, {c.HTTP, scanners.HTTP}, {c.URLs, scanners.URLs}, {c.Entropy, scanners.Entropy}, {c.PEM, scanners.PEM}} {
		if x.on {
			f |= x.fam
		}
	}
	return f
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
	regex, context, err := loadRules(cfg, logger)
	if err != nil {
		return nil, err
	}
	all := append(append([]detectors.Rule(nil), regex...), context...)
	known := map[string]bool{}
	for _, r := range all {
		known[r.ID] = true
	}
	for i, id := range cfg.Detect.Disable {
		if !known[id] {
			return nil, fmt.Errorf("detect.disable[%d]: no rule with id %q (see 'redactd rules')", i, id)
		}
	}
	fams := contextFamilies(cfg.Detect.Context)
	var scs []detectors.Scanner
	if fams != 0 {
		scs = scanners.All(scanners.Options{Families: fams})
	}
	// The operator's allowlist joins the well-known documentation examples.
	allow := cfg.Detect.Allowlist.Detector()
	if allow.Condition == detectors.AllowlistOr {
		def := scanners.DefaultAllowlist()
		allow.Regexes = append(allow.Regexes, def.Regexes...)
		allow.StopWords = append(allow.StopWords, def.StopWords...)
	}
	eng, err := detectors.New(regex, detectors.Options{
		Key:       key.key,
		Template:  cfg.Fingerprint.Template,
		Disable:   cfg.Detect.Disable,
		Allowlist: allow,
		Scanners:  scs,
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
	for _, r := range all {
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
	d := &detection{engine: eng, rules: enabled, byID: byID, key: key}
	if !disabled[scanners.RulePrivateKey] && (cfg.Detect.Context == nil || cfg.Detect.Context.PEM) {
		opts := scanners.PEMOptions{MaxLines: cfg.Detect.PEMMaxLines}
		d.newFollower = func() pipeline.LineFollower {
			return pemFollower{scanners.NewPEMFollower(eng, opts)}
		}
	}
	return d, nil
}

// pemFollower lets the pipeline forget a stream's PEM state between blocks.
type pemFollower struct{ *scanners.PEMFollower }

// Idle implements pipeline.IdleFollower.
func (p pemFollower) Idle() bool { return !p.InBlock() }

// failClosed renders the token that replaces a line that could not be
// scanned, fingerprinted like any secret so repeats correlate.
func (d *detection) failClosed(dst []byte, ruleID string, line []byte) ([]byte, detectors.Finding) {
	fp := d.engine.Fingerprint(line)
	dst = append(dst, d.engine.Token(ruleID, line)...)
	return dst, detectors.Finding{RuleID: ruleID, Fingerprint: fp, Context: detectors.ContextText, Severity: detectors.SeverityHigh, End: len(line)}
}
