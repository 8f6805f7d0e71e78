package alerts

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/internal/kafkaconf"
)

// Defaults for the zero values of Config and of the per-sink configs.
const (
	DefaultDedupWindow     = 24 * time.Hour
	DefaultMaxPerMinute    = 600
	DefaultQueueSize       = 1024
	DefaultMaxLineBytes    = 1024
	DefaultMaxFingerprints = 100_000
	DefaultDrainTimeout    = 5 * time.Second
	DefaultPersistInterval = time.Minute
	DefaultStateFile       = "alerts-dedup.state"

	DefaultWebhookTimeout = 10 * time.Second
	DefaultMaxRetries     = 5
	DefaultMinBackoff     = 500 * time.Millisecond
	DefaultMaxBackoff     = 30 * time.Second
	DefaultKafkaTimeout   = 10 * time.Second

	// MaxRetryAfter caps how long a webhook waits when the server asks for a
	// longer pause in Retry-After.
	MaxRetryAfter = 5 * time.Minute
)

// Webhook body formats.
const (
	FormatJSON  = "json"  // the Alert object
	FormatSlack = "slack" // {"text": "..."}, a Slack-compatible incoming webhook
	FormatText  = "text"  // human-readable lines (stderr only)
)

// Config is the [alerts] section. A zero Config means defaults everywhere and
// no alert sink; the zero value of every field is its default.
type Config struct {
	// DedupWindow: one alert per fingerprint per window; repeats within it
	// are counted, and a secret still seen after the window is alerted
	// again with its total count. A fingerprint not seen for a whole window
	// is forgotten. Default 24h.
	DedupWindow time.Duration `toml:"dedup_window"`
	// MinSeverity drops findings below it. Default "low" (everything).
	MinSeverity detectors.Severity `toml:"min_severity"`
	// MaxPerMinute bounds individual alerts per minute; beyond it alerts are
	// folded into one summary alert per minute with counts per rule, never
	// silently dropped. Default 600.
	MaxPerMinute int `toml:"max_per_minute"`
	// MaxFingerprints bounds the dedup set; when it is full the entries seen
	// least recently are evicted (they may alert again). Default 100000.
	MaxFingerprints int `toml:"max_fingerprints"`
	// QueueSize is the capacity of each sink's queue. When a sink's queue is
	// full, new alerts for it are counted as dropped and the count goes out
	// in its next delivered alert. Default 1024.
	QueueSize int `toml:"queue_size"`
	// MaxLineBytes bounds the redacted line excerpt in an alert. Default 1024.
	MaxLineBytes int `toml:"max_line_bytes"`
	// DrainTimeout bounds delivery after shutdown began. Default 5s.
	DrainTimeout time.Duration `toml:"drain_timeout"`
	// Persist keeps the dedup state (xxhash of fingerprints, times and
	// counts, never a secret) in StateFile so a restart does not alert again.
	Persist bool `toml:"persist"`
	// StateFile is the state file; a relative path is taken relative to the
	// data directory. Default "alerts-dedup.state".
	StateFile string `toml:"state_file"`
	// PersistInterval is how often a changed state is saved. Default 1m.
	PersistInterval time.Duration `toml:"persist_interval"`

	Webhook []WebhookConfig `toml:"webhook"`
	File    []FileConfig    `toml:"file"`
	Kafka   []KafkaConfig   `toml:"kafka"`
	Stderr  StderrConfig    `toml:"stderr"`
}

// WebhookConfig is one [[alerts.webhook]].
type WebhookConfig struct {
	// URL of the endpoint. HTTPS is required unless the host is loopback or
	// AllowInsecure is set. A URL that is itself a secret (Slack's are) goes
	// in URLEnv instead.
	URL string `toml:"url"`
	// URLEnv names an environment variable holding the URL.
	URLEnv string `toml:"url_env"`
	// Format is "json" (default) or "slack".
	Format string `toml:"format"`
	// Headers are extra request headers. A key ending in "_env" names an
	// environment variable holding the value of the header named by the rest
	// of the key: { Authorization_env = "ALERT_TOKEN" }. Plain values are for
	// headers that are not secret.
	Headers map[string]string `toml:"headers"`
	// Timeout bounds one request. Default 10s.
	Timeout time.Duration `toml:"timeout"`
	// MaxRetries bounds retries after the first attempt (on network errors,
	// 5xx and 429). Default 5; -1 means no retry.
	MaxRetries int `toml:"max_retries"`
	// MinBackoff and MaxBackoff bound the exponential backoff (with jitter)
	// between retries. Defaults 500ms and 30s.
	MinBackoff time.Duration `toml:"min_backoff"`
	MaxBackoff time.Duration `toml:"max_backoff"`
	// AllowInsecure permits plain HTTP to a non-loopback host.
	AllowInsecure bool `toml:"allow_insecure"`
	// CAFile is a PEM bundle of CA certificates trusted instead of the
	// system pool.
	CAFile string `toml:"ca_file"`
}

// FileConfig is one [[alerts.file]]: alerts appended as JSON lines, fsynced
// per batch, created with mode 0600.
type FileConfig struct {
	Path string `toml:"path"`
}

// KafkaConfig is one [[alerts.kafka]]: each alert is one JSON message keyed
// by its fingerprint.
type KafkaConfig struct {
	Brokers []string `toml:"brokers"`
	Topic   string   `toml:"topic"`
	// Timeout bounds one write. Default 10s.
	Timeout time.Duration `toml:"timeout"`
	// Security holds tls, sasl and allow_insecure, at the top level of the
	// table as in [[sinks.kafka]].
	kafkaconf.Security
}

// StderrConfig is [alerts.stderr]: alerts written to the process's stderr
// (or the writer given in Options).
type StderrConfig struct {
	Enabled bool `toml:"enabled"`
	// Format is "text" (default, human-readable) or "json" (JSON lines).
	Format string `toml:"format"`
}

// Enabled reports whether any alert sink is configured.
func (c Config) Enabled() bool {
	return len(c.Webhook)+len(c.File)+len(c.Kafka) > 0 || c.Stderr.Enabled
}

// withDefaults returns c with zero values replaced by defaults.
func (c Config) withDefaults() Config {
	setDur(&c.DedupWindow, DefaultDedupWindow)
	setInt(&c.MaxPerMinute, DefaultMaxPerMinute)
	setInt(&c.MaxFingerprints, DefaultMaxFingerprints)
	setInt(&c.QueueSize, DefaultQueueSize)
	setInt(&c.MaxLineBytes, DefaultMaxLineBytes)
	setDur(&c.DrainTimeout, DefaultDrainTimeout)
	setDur(&c.PersistInterval, DefaultPersistInterval)
	if c.StateFile == "" {
		c.StateFile = DefaultStateFile
	}
	c.Webhook = append([]WebhookConfig(nil), c.Webhook...)
	for i := range c.Webhook {
		w := &c.Webhook[i]
		if w.Format == "" {
			w.Format = FormatJSON
		}
		setDur(&w.Timeout, DefaultWebhookTimeout)
		setInt(&w.MaxRetries, DefaultMaxRetries)
		if w.MaxRetries < 0 {
			w.MaxRetries = 0
		}
		setDur(&w.MinBackoff, DefaultMinBackoff)
		setDur(&w.MaxBackoff, max(DefaultMaxBackoff, w.MinBackoff))
	}
	c.Kafka = append([]KafkaConfig(nil), c.Kafka...)
	for i := range c.Kafka {
		setDur(&c.Kafka[i].Timeout, DefaultKafkaTimeout)
	}
	if c.Stderr.Format == "" {
		c.Stderr.Format = FormatText
	}
	return c
}

func setDur(d *time.Duration, def time.Duration) {
	if *d == 0 {
		*d = def
	}
}

func setInt(n *int, def int) {
	if *n == 0 {
		*n = def
	}
}

// Validate checks c and returns an error naming the first bad key
// ("alerts.webhook[0].url: ..."). It reads no environment variable and no
// file; New does that.
func (c Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("alerts."+key+": "+format, args...))
	}
	if c.DedupWindow < 0 {
		bad("dedup_window", "must not be negative")
	}
	if c.MinSeverity < detectors.SeverityLow || c.MinSeverity > detectors.SeverityCritical {
		bad("min_severity", "unknown severity %d", int(c.MinSeverity))
	}
	for key, v := range map[string]int{
		"max_per_minute": c.MaxPerMinute, "max_fingerprints": c.MaxFingerprints,
		"queue_size": c.QueueSize, "max_line_bytes": c.MaxLineBytes,
	} {
		if v < 0 {
			bad(key, "must not be negative")
		}
	}
	if c.MaxLineBytes > 0 && c.MaxLineBytes < 64 {
		bad("max_line_bytes", "must be at least 64")
	}
	if c.DrainTimeout < 0 {
		bad("drain_timeout", "must not be negative")
	}
	if c.PersistInterval < 0 {
		bad("persist_interval", "must not be negative")
	}
	for i, w := range c.Webhook {
		key := fmt.Sprintf("webhook[%d]", i)
		switch {
		case w.URL == "" && w.URLEnv == "":
			bad(key+".url", "missing (set url or url_env)")
		case w.URL != "" && w.URLEnv != "":
			bad(key+".url", "set url or url_env, not both")
		case w.URL != "":
			if err := checkWebhookURL(w.URL, w.AllowInsecure); err != nil {
				bad(key+".url", "%w", err)
			}
		}
		switch w.Format {
		case "", FormatJSON, FormatSlack:
		default:
			bad(key+".format", "unknown format %q (want json or slack)", w.Format)
		}
		for name, v := range w.Headers {
			h := strings.TrimSuffix(name, "_env")
			if !validHeaderName(h) {
				bad(key+".headers."+name, "invalid header name")
			}
			if strings.HasSuffix(name, "_env") && v == "" {
				bad(key+".headers."+name, "empty environment variable name")
			}
			if strings.ContainsAny(v, "\r\n") {
				bad(key+".headers."+name, "value contains a line break")
			}
			if !strings.HasSuffix(name, "_env") && credentialHeader(name) {
				bad(key+".headers."+name, "a credential must not be written in the config; use %s_env = \"VARIABLE\" to take it from the environment", name)
			}
		}
		if w.Timeout < 0 {
			bad(key+".timeout", "must not be negative")
		}
		if w.MaxRetries < -1 {
			bad(key+".max_retries", "must be -1 (none) or more")
		}
		if w.MinBackoff < 0 || w.MaxBackoff < 0 {
			bad(key+".min_backoff", "backoff must not be negative")
		}
		if w.MaxBackoff > 0 && w.MinBackoff > w.MaxBackoff {
			bad(key+".min_backoff", "greater than max_backoff")
		}
	}
	for i, f := range c.File {
		if f.Path == "" {
			bad(fmt.Sprintf("file[%d].path", i), "missing")
		}
	}
	for i, k := range c.Kafka {
		key := fmt.Sprintf("kafka[%d]", i)
		if len(k.Brokers) == 0 {
			bad(key+".brokers", "missing")
		}
		for _, b := range k.Brokers {
			if _, _, err := net.SplitHostPort(b); err != nil {
				bad(key+".brokers", "%q: want host:port", b)
			}
		}
		if k.Topic == "" {
			bad(key+".topic", "missing")
		}
		if k.Timeout < 0 {
			bad(key+".timeout", "must not be negative")
		}
		if err := k.Security.Validate(); err != nil {
			bad(key, "%w", err)
		}
	}
	switch c.Stderr.Format {
	case "", FormatText, FormatJSON:
	default:
		bad("stderr.format", "unknown format %q (want text or json)", c.Stderr.Format)
	}
	return errors.Join(errs...)
}

// checkWebhookURL requires an absolute http(s) URL, and HTTPS unless the host
// is loopback or insecure is allowed. Its errors name the scheme and host
// only: the rest of a webhook URL may be a secret.
func checkWebhookURL(raw string, insecure bool) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("not a valid URL")
	}
	if u.Host == "" {
		return errors.New("not an absolute URL")
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !insecure && !isLoopback(u.Hostname()) {
			return fmt.Errorf("plain http to %s: HTTPS is required unless the host is loopback or allow_insecure = true", u.Host)
		}
	default:
		return fmt.Errorf("scheme %q: want https", u.Scheme)
	}
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// validHeaderName reports whether s is an RFC 9110 token.
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// credentialHeader reports whether a header carries a credential by its
// name (Authorization, Cookie, X-API-Key, X-Auth-Token, ...), so that its
// value must come from the environment.
func credentialHeader(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "authorization", "proxy-authorization", "cookie":
		return true
	}
	for _, w := range []string{"token", "secret", "key", "auth", "password", "signature", "session"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// CheckEnvironment resolves what the alert sinks take from the environment
// and from files (webhook url_env and *_env headers, CA files, Kafka SASL
// passwords and TLS files) without opening anything, so that `redactd check`
// refuses what the daemon would refuse at start. Errors name the key, never
// a value.
func (c Config) CheckEnvironment() error {
	c = c.withDefaults()
	for i, wc := range c.Webhook {
		if _, err := newWebhook(fmt.Sprintf("alerts.webhook[%d]", i), wc, Info{}); err != nil {
			return err
		}
	}
	for i, kc := range c.Kafka {
		if _, err := kc.Security.Resolve(kc.Brokers, nil); err != nil {
			return fmt.Errorf("alerts.kafka[%d]: %w", i, err)
		}
	}
	return nil
}
