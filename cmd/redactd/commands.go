package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"

	"github.com/redactd/redactd/config"
)

func cmdCheck(e env, args []string) error {
	fs := newFlagSet(e, "check", `Usage: redactd check -c FILE

Validates a config file: TOML syntax, unknown keys, types, required values,
rule regexes and the fingerprint key. Exits 0 when valid, 2 otherwise.

Example:
  redactd check -c /etc/redactd/redactd.toml

Flags:
`)
	var path string
	fs.StringVar(&path, "c", "", "config `FILE` to check (required)")
	fs.StringVar(&path, "config", "", "long form of -c")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if path == "" {
		return usageErr(fmt.Errorf("check: -c FILE is required"))
	}
	cfg, err := loadConfig(path)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	det, err := buildDetection(e, cfg, logger, true)
	if err != nil {
		return usageErr(inFile(path, err))
	}
	if _, err := buildPipeline(e, cfg, newLiveRedactor(det), logger, true); err != nil {
		return usageErr(inFile(path, err))
	}
	fmt.Fprintf(e.stdout, "%s: ok (%d rules enabled)\n", path, len(det.rules))
	return nil
}

func cmdRules(e env, args []string) error {
	fs := newFlagSet(e, "rules", `Usage: redactd rules [--json] [-c FILE]

Lists the detection rules: id, severity and description. With -c, the
user's rules and disabled rules of that config are taken into account.

Examples:
  redactd rules
  redactd rules --json | jq -r '.[].id'

Flags:
`)
	var path string
	var asJSON bool
	fs.StringVar(&path, "c", "", "config `FILE` whose [detect] settings apply")
	fs.StringVar(&path, "config", "", "long form of -c")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array for machines")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(path)
	if err != nil {
		return err
	}
	det, err := buildDetection(e, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	if err != nil {
		return usageErr(err)
	}
	if asJSON {
		type rule struct {
			ID          string   `json:"id"`
			Severity    string   `json:"severity"`
			Description string   `json:"description"`
			Keywords    []string `json:"keywords"`
			Remediation string   `json:"remediation,omitempty"`
		}
		out := make([]rule, 0, len(det.rules))
		for _, r := range det.rules {
			out = append(out, rule{r.ID, r.Severity.String(), r.Description, r.Keywords, r.Remediation})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tDESCRIPTION")
	for _, r := range det.rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Description)
	}
	return tw.Flush()
}

func cmdFingerprint(e env, args []string) error {
	fs := newFlagSet(e, "fingerprint", `Usage: redactd fingerprint [-c FILE] < secrets.txt

Reads secrets from stdin, one per line (never from the command line, where
they would land in shell history and process lists), and prints for each its
fingerprint and the token redactd writes for it, so a known key can be
searched for in redacted logs and alerts. The key comes from the same place
as for the daemon (REDACTD_FINGERPRINT_KEY or fingerprint.key_file).

Example:
  printf '%s\n' "$LEAKED_KEY" | redactd fingerprint

Flags:
`)
	var path string
	fs.StringVar(&path, "c", "", "config `FILE` whose [fingerprint] and [detect] settings apply")
	fs.StringVar(&path, "config", "", "long form of -c")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr(fmt.Errorf("fingerprint: secrets are read from stdin, not arguments"))
	}
	cfg, err := loadConfig(path)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	det, err := buildDetection(e, cfg, logger, true)
	if err != nil {
		return usageErr(err)
	}
	if !det.key.stable {
		return usageErr(fmt.Errorf("fingerprint: no key configured; set %s or fingerprint.key_file to the daemon's key, or fingerprints match nothing", config.DefaultKeyEnv))
	}
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(nil, cfg.LineLimit())
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	for sc.Scan() {
		secret := sc.Bytes()
		if n := len(secret); n > 0 && secret[n-1] == '\r' {
			secret = secret[:n-1]
		}
		if len(secret) == 0 {
			continue
		}
		rule := "*"
		// The rule that would name this secret in a log line, when one
		// matches the secret as a whole.
		if _, fs := det.engine.Redact(nil, secret); len(fs) == 1 && fs[0].Start == 0 && fs[0].End == len(secret) {
			rule = fs[0].RuleID
		}
		fp := det.engine.Fingerprint(secret)
		if rule == "*" {
			fmt.Fprintf(w, "%s\t[REDACTED:*:%s]\n", fp, fp)
		} else {
			fmt.Fprintf(w, "%s\t%s\n", fp, det.engine.Token(rule, secret))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("fingerprint: read stdin: %w", err)
	}
	return nil
}
