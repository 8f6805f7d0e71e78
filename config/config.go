// Package config is redactd's TOML schema: the raw structs a config file
// decodes into, their defaults, and Load, which decodes strictly (an unknown
// key, a wrong type or a missing required value is an error naming the file,
// the key and, where known, the line). It is imported by cmd/redactd only.
package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/redactd/redactd/alerts"
	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
	filesink "github.com/redactd/redactd/sinks/file"
	kafkasink "github.com/redactd/redactd/sinks/kafka"
	"github.com/redactd/redactd/sinks/stdout"
	filesrc "github.com/redactd/redactd/sources/file"
	kafkasrc "github.com/redactd/redactd/sources/kafka"
	"github.com/redactd/redactd/sources/stdin"
)

// Defaults of top-level settings.
const (
	DefaultMaxLineBytes    = 1 << 20
	DefaultShutdownTimeout = 30 * time.Second
	DefaultKeyEnv          = "REDACTD_FINGERPRINT_KEY"
)

// Config is the whole config file. A zero Config is the embedded default:
// stdin to stdout with the built-in detectors.
type Config struct {
	// DataDir holds checkpoints and state; required by sources that keep any.
	DataDir string `toml:"data_dir"`
	// MaxLineBytes is the longest line sent as one record (default 1 MiB);
	// longer lines are cut into pieces of this size.
	MaxLineBytes int `toml:"max_line_bytes"`
	// Oversize is what becomes of those pieces: "scan" (default) scans each
	// with pipeline.OversizeContext bytes of its line on either side and
	// redacts only the secrets; "redact" replaces each piece whole with an
	// oversize token. Sources may override it.
	Oversize string `toml:"oversize"`
	// Workers is the number of detect workers (default: one per core).
	Workers int `toml:"workers"`
	// QueueBatches is the capacity of each pipeline queue, in batches.
	QueueBatches int `toml:"queue_batches"`
	// ShutdownTimeout bounds the drain on SIGINT/SIGTERM (default 30s).
	ShutdownTimeout time.Duration `toml:"shutdown_timeout"`

	Log         Log           `toml:"log"`
	Fingerprint Fingerprint   `toml:"fingerprint"`
	Detect      Detect        `toml:"detect"`
	Sources     Sources       `toml:"sources"`
	Sinks       Sinks         `toml:"sinks"`
	Alerts      alerts.Config `toml:"alerts"`
	Metrics     Metrics       `toml:"metrics"`
}

// Log configures redactd's own logs on stderr.
type Log struct {
	// Level is debug, info (default), warn or error.
	Level string `toml:"level"`
	// Format is text (default) or json.
	Format string `toml:"format"`
}

// Fingerprint configures the keyed fingerprints in tokens.
type Fingerprint struct {
	// KeyEnv names the environment variable holding the key (default
	// REDACTD_FINGERPRINT_KEY).
	KeyEnv string `toml:"key_env"`
	// KeyFile is a file holding the key; it must not be readable by group
	// or others. Used when set, instead of KeyEnv.
	KeyFile string `toml:"key_file"`
	// Template renders tokens; {rule} and {fp} are replaced (default
	// "[REDACTED:{rule}:{fp}]").
	Template string `toml:"template"`
}

// Detect configures detection.
type Detect struct {
	// Disable lists rule ids to turn off.
	Disable []string `toml:"disable"`
	// Rules are the user's own rules, added to the built-in ones.
	Rules []Rule `toml:"rules"`
	// Allowlist applies to every rule.
	Allowlist Allowlist `toml:"allowlist"`
	// GitleaksConfig is a gitleaks rule file (TOML) to load.
	GitleaksConfig string `toml:"gitleaks_config"`
	// GitleaksMode is "extend" (default: the file's rules are added to the
	// built-in ones) or "replace" (only the file's rules, plus the user's).
	GitleaksMode string `toml:"gitleaks_mode"`
	// PEMMaxLines bounds the body of a multi-line private key block that
	// never ends (default 256 lines).
	PEMMaxLines int `toml:"pem_max_lines"`
	// Context turns the context detectors on or off: assignments, HTTP
	// credentials, URLs, entropy, single-line PEM (default all on).
	Context *ContextDetectors `toml:"context"`
}

// ContextDetectors selects families of context detectors; a nil table
// means all on.
type ContextDetectors struct {
	Assignments bool `toml:"assignments"`
	HTTP        bool `toml:"http"`
	URLs        bool `toml:"urls"`
	Entropy     bool `toml:"entropy"`
	PEM         bool `toml:"pem"`
}

// Rule is a user rule in [[detect.rules]].
type Rule struct {
	ID          string    `toml:"id"`
	Description string    `toml:"description"`
	Severity    string    `toml:"severity"`
	Keywords    []string  `toml:"keywords"`
	Regex       string    `toml:"regex"`
	SecretGroup int       `toml:"secret_group"`
	Entropy     float64   `toml:"entropy"`
	MaxLen      int       `toml:"max_len"`
	Remediation string    `toml:"remediation"`
	Allowlist   Allowlist `toml:"allowlist"`
}

// Allowlist is [detect.allowlist] or a rule's allowlist.
type Allowlist struct {
	Description string   `toml:"description"`
	Condition   string   `toml:"condition"` // "or" (default) or "and"
	Regexes     []string `toml:"regexes"`
	StopWords   []string `toml:"stopwords"`
}

// Sources lists the configured sources.
type Sources struct {
	Stdin *stdin.Config     `toml:"stdin"`
	File  []filesrc.Config  `toml:"file"`
	Kafka []kafkasrc.Config `toml:"kafka"`
}

// Sinks lists the configured sinks.
type Sinks struct {
	Stdout *stdout.Config     `toml:"stdout"`
	File   []filesink.Config  `toml:"file"`
	Kafka  []kafkasink.Config `toml:"kafka"`
}

// Metrics configures the Prometheus endpoint.
type Metrics struct {
	// Listen is the address of /metrics, /healthz and /readyz; empty
	// disables it.
	Listen string `toml:"listen"`
}

// Error is a config error; its message names the file and key and, where
// known, the line.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Load reads and strictly decodes the config file at path, applies defaults
// and validates it. Errors are *Error values naming path and the key.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot read config: %v", errors.Unwrap(err))}
	}
	return Parse(path, data)
}

// Parse decodes data as the config file named name (used in errors).
func Parse(name string, data []byte) (*Config, error) {
	var c Config
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: name, Line: pe.Position.Line, Key: pe.LastKey, Msg: pe.Message}
		}
		if m := typeErrRe.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, &Error{File: name, Line: line, Key: m[2], Msg: m[3]}
		}
		return nil, &Error{File: name, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0].String()
		return nil, &Error{File: name, Line: findKeyLine(data, und[0]), Key: k, Msg: "unknown key"}
	}
	if err := c.validate(); err != nil {
		var ce *Error
		if errors.As(err, &ce) {
			ce.File = name
			if ce.Line == 0 && ce.Key != "" {
				ce.Line = findKeyLine(data, strings.Split(ce.Key, "."))
			}
			return nil, ce
		}
		return nil, &Error{File: name, Msg: err.Error()}
	}
	return &c, nil
}

// typeErrRe parses the decoder's type errors, which are not ParseErrors:
// `toml: line 2 (last key "max_line_bytes"): incompatible types: ...`.
var typeErrRe = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (.*)$`)

var (
	indexRe     = regexp.MustCompile(`\[\d+\]`)
	lastIndexRe = regexp.MustCompile(`\[(\d+)\]$`)
)

// findKeyLine guesses the line of a key's last part, after the header of its
// table (the n-th header of an array of tables for "table[n]"): good enough
// to point a reader at it. 0 when not found.
func findKeyLine(data []byte, key []string) int {
	if len(key) == 0 {
		return 0
	}
	last := indexRe.ReplaceAllString(key[len(key)-1], "")
	tablePath := strings.Join(key[:len(key)-1], ".")
	want := -1 // which header of an array of tables, when indexed
	if m := lastIndexRe.FindStringSubmatch(tablePath); m != nil {
		want, _ = strconv.Atoi(m[1])
	}
	table := indexRe.ReplaceAllString(tablePath, "")
	keyRe := regexp.MustCompile(`(^|[\s{,.])"?` + regexp.QuoteMeta(last) + `"?\s*=`)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	inTable := table == ""
	seen := -1
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			h := strings.TrimLeft(line, "[ ")
			if i := strings.IndexByte(h, ']'); i >= 0 {
				h = strings.TrimSpace(h[:i])
			}
			if h == table {
				seen++
			}
			inTable = h == table && (want < 0 || seen == want)
			if !inTable && table != "" && strings.HasPrefix(table, h+".") && (want < 0 || seen == want) {
				inTable = true // key of a sub-table written inline
			}
			continue
		}
		if inTable && keyRe.MatchString(line) {
			return n
		}
	}
	return 0
}

func keyErr(key, format string, args ...any) error {
	return &Error{Key: key, Msg: fmt.Sprintf(format, args...)}
}

func (c *Config) validate() error {
	if c.MaxLineBytes < 0 {
		return keyErr("max_line_bytes", "must not be negative, got %d", c.MaxLineBytes)
	}
	if c.MaxLineBytes > 0 && c.MaxLineBytes < 1024 {
		return keyErr("max_line_bytes", "must be at least 1024, got %d", c.MaxLineBytes)
	}
	if err := pipeline.ValidateOversize(c.Oversize); err != nil {
		return keyed(err)
	}
	if c.Workers < 0 {
		return keyErr("workers", "must not be negative, got %d", c.Workers)
	}
	if c.QueueBatches < 0 {
		return keyErr("queue_batches", "must not be negative, got %d", c.QueueBatches)
	}
	if c.ShutdownTimeout < 0 {
		return keyErr("shutdown_timeout", "must not be negative, got %s", c.ShutdownTimeout)
	}
	switch strings.ToLower(c.Log.Level) {
	case "", "debug", "info", "warn", "error":
	default:
		return keyErr("log.level", "want debug, info, warn or error, got %q", c.Log.Level)
	}
	switch c.Log.Format {
	case "", "text", "json":
	default:
		return keyErr("log.format", "want text or json, got %q", c.Log.Format)
	}
	if c.Fingerprint.Template != "" {
		t := c.Fingerprint.Template
		if !strings.Contains(t, "{fp}") {
			return keyErr("fingerprint.template", "must contain {fp}")
		}
		if strings.ContainsAny(t, "\"\\\r\n") {
			return keyErr("fingerprint.template", "must not contain quotes, backslashes or newlines")
		}
	}
	seen := map[string]bool{}
	for i, r := range c.Detect.Rules {
		key := fmt.Sprintf("detect.rules[%d]", i)
		if r.ID == "" {
			return keyErr(key+".id", "missing required value")
		}
		if seen[r.ID] {
			return keyErr(key+".id", "duplicate rule id %q", r.ID)
		}
		seen[r.ID] = true
		if r.Regex == "" {
			return keyErr(key+".regex", "missing required value (rule %s)", r.ID)
		}
		if r.Severity != "" {
			if _, err := detectors.ParseSeverity(r.Severity); err != nil {
				return keyErr(key+".severity", "rule %s: %v", r.ID, err)
			}
		}
		if err := validateAllowlist(key+".allowlist", r.Allowlist); err != nil {
			return err
		}
	}
	if err := validateAllowlist("detect.allowlist", c.Detect.Allowlist); err != nil {
		return err
	}
	switch c.Detect.GitleaksMode {
	case "", "extend", "replace":
	default:
		return keyErr("detect.gitleaks_mode", "want \"extend\" or \"replace\", got %q", c.Detect.GitleaksMode)
	}
	if c.Detect.GitleaksMode != "" && c.Detect.GitleaksConfig == "" {
		return keyErr("detect.gitleaks_mode", "set without detect.gitleaks_config")
	}
	if c.Detect.PEMMaxLines < 0 {
		return keyErr("detect.pem_max_lines", "must not be negative, got %d", c.Detect.PEMMaxLines)
	}
	if c.Sources.Stdin != nil {
		if err := c.Sources.Stdin.Validate(); err != nil {
			return prefixed("sources.stdin", err)
		}
	}
	srcNames := map[string]string{}
	for i, f := range c.Sources.File {
		key := fmt.Sprintf("sources.file[%d]", i)
		if err := f.Validate(); err != nil {
			return prefixed(key, err)
		}
		if c.DataDir == "" {
			return keyErr("data_dir", "required by %s for its checkpoints", key)
		}
		// Two sources that would share one checkpoint file must differ.
		id := "name:" + f.Name
		if f.Name == "" {
			id = "paths:" + strings.Join(f.Paths, "\x00")
		}
		if prev, dup := srcNames[id]; dup {
			return keyErr(key+".name", "same name (or, unnamed, same paths) as %s; give each file source a unique name", prev)
		}
		srcNames[id] = key
	}
	sinkPaths := map[string]string{}
	for i, f := range c.Sinks.File {
		key := fmt.Sprintf("sinks.file[%d]", i)
		if err := f.Validate(); err != nil {
			return prefixed(key, err)
		}
		if prev, dup := sinkPaths[f.Path]; dup {
			return keyErr(key+".path", "same path as %s", prev)
		}
		sinkPaths[f.Path] = key
	}
	for i, k := range c.Sources.Kafka {
		if err := k.Validate(); err != nil {
			return prefixed(fmt.Sprintf("sources.kafka[%d]", i), err)
		}
	}
	for i, k := range c.Sinks.Kafka {
		if err := k.Validate(); err != nil {
			return prefixed(fmt.Sprintf("sinks.kafka[%d]", i), err)
		}
	}
	if err := c.Alerts.Validate(); err != nil {
		return keyed(err)
	}
	return nil
}

func validateAllowlist(key string, a Allowlist) error {
	switch strings.ToLower(a.Condition) {
	case "", "or", "and":
	default:
		return keyErr(key+".condition", "want \"or\" or \"and\", got %q", a.Condition)
	}
	for i, p := range a.Regexes {
		if _, err := regexp.Compile(p); err != nil {
			return keyErr(fmt.Sprintf("%s.regexes[%d]", key, i), "%v", err)
		}
	}
	return nil
}

// prefixed turns a component's "key: message" error into an *Error whose
// key is prefix.key.
func prefixed(prefix string, err error) error {
	msg := err.Error()
	if k, m, ok := strings.Cut(msg, ": "); ok && !strings.ContainsAny(k, " \t") {
		return &Error{Key: prefix + "." + k, Msg: m}
	}
	return &Error{Key: prefix, Msg: msg}
}

// keyed turns a component's error whose first line reads "full.key: message"
// (the key already complete) into an *Error.
func keyed(err error) error {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	if k, m, ok := strings.Cut(msg, ": "); ok && !strings.ContainsAny(k, " \t") {
		return &Error{Key: k, Msg: m}
	}
	return &Error{Msg: msg}
}

// DetectRules turns the user's [[detect.rules]] into detector rules.
func (c *Config) DetectRules() []detectors.Rule {
	var rs []detectors.Rule
	for _, r := range c.Detect.Rules {
		sev := detectors.SeverityHigh
		if r.Severity != "" {
			sev, _ = detectors.ParseSeverity(r.Severity)
		}
		desc := r.Description
		if desc == "" {
			desc = "user rule " + r.ID
		}
		rs = append(rs, detectors.Rule{
			ID: r.ID, Description: desc, Severity: sev, Keywords: r.Keywords, Regex: r.Regex,
			SecretGroup: r.SecretGroup, Entropy: r.Entropy, MaxLen: r.MaxLen, Remediation: r.Remediation,
			Allowlist: r.Allowlist.Detector(),
		})
	}
	return rs
}

// Detector converts the allowlist to its detector form.
func (a Allowlist) Detector() detectors.Allowlist {
	cond := detectors.AllowlistOr
	if strings.EqualFold(a.Condition, "and") {
		cond = detectors.AllowlistAnd
	}
	return detectors.Allowlist{Description: a.Description, Condition: cond, Regexes: a.Regexes, StopWords: a.StopWords}
}

// LineLimit returns the effective max_line_bytes.
func (c *Config) LineLimit() int {
	if c.MaxLineBytes > 0 {
		return c.MaxLineBytes
	}
	return DefaultMaxLineBytes
}

// OversizeMode returns the effective top-level oversize mode.
func (c *Config) OversizeMode() string {
	if c.Oversize != "" {
		return c.Oversize
	}
	return pipeline.OversizeScan
}

// HasSources reports whether the file configures any source table.
func (c *Config) HasSources() bool {
	return c.Sources.Stdin != nil || len(c.Sources.File) > 0 || len(c.Sources.Kafka) > 0
}

// HasSinks reports whether the file configures any sink table.
func (c *Config) HasSinks() bool {
	return c.Sinks.Stdout != nil || len(c.Sinks.File) > 0 || len(c.Sinks.Kafka) > 0
}
