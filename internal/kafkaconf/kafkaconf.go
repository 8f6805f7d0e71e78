// Package kafkaconf holds the connection security settings shared by
// redactd's Kafka source, Kafka sink and Kafka alert sink: TLS (CA, client
// certificate, server name) and SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512),
// and turns them into kafka-go dialers and transports.
//
// Passwords never appear in configuration text: they come from an
// environment variable (sasl.password_env) or a file that only its owner
// can read (sasl.password_file). No error or log message built here ever
// contains a password.
package kafkaconf

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/plain"
	"github.com/segmentio/kafka-go/sasl/scram"
)

// SASL mechanism names accepted in sasl.mechanism (case-insensitive).
const (
	MechanismPlain       = "PLAIN"
	MechanismSCRAMSHA256 = "SCRAM-SHA-256"
	MechanismSCRAMSHA512 = "SCRAM-SHA-512"
)

// DefaultDialTimeout bounds one TCP (and TLS and SASL) connection attempt.
const DefaultDialTimeout = 10 * time.Second

// TLS is the `tls = { ... }` table. A non-nil *TLS turns TLS on; an empty
// table means TLS with the system roots and the broker's host name.
type TLS struct {
	// CAFile is a PEM bundle of CA certificates to trust instead of the
	// system roots.
	CAFile string `toml:"ca_file"`
	// CertFile and KeyFile are a PEM client certificate and its key, for
	// brokers that require client authentication. Both or neither.
	CertFile string `toml:"cert_file"`
	KeyFile  string `toml:"key_file"`
	// ServerName overrides the name the broker certificate must carry
	// (default: the host of each broker address).
	ServerName string `toml:"server_name"`
	// InsecureSkipVerify turns off certificate verification. For tests
	// only; redactd warns when it is set.
	InsecureSkipVerify bool `toml:"insecure_skip_verify"`
}

// SASL is the `sasl = { ... }` table. There is deliberately no password
// field: with strict decoding a `password` key is rejected.
type SASL struct {
	// Mechanism is PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.
	Mechanism string `toml:"mechanism"`
	Username  string `toml:"username"`
	// PasswordEnv names the environment variable holding the password.
	PasswordEnv string `toml:"password_env"`
	// PasswordFile is a file holding the password (one trailing newline is
	// stripped). It must not be readable by group or others.
	PasswordFile string `toml:"password_file"`
}

// Security is embedded in the source and sink configs; its keys sit at the
// top level of the `[[sources.kafka]]` and `[[sinks.kafka]]` tables. The
// zero value means plain text without authentication.
type Security struct {
	TLS  *TLS  `toml:"tls"`
	SASL *SASL `toml:"sasl"`
	// AllowInsecure permits SASL without TLS to a broker that is not on a
	// loopback address (the password then crosses the network in the clear
	// for PLAIN). redactd warns when it is used.
	AllowInsecure bool `toml:"allow_insecure"`
}

// Validate checks the settings without touching files or the environment.
// Errors name the offending key.
func (s Security) Validate() error {
	if t := s.TLS; t != nil {
		if (t.CertFile == "") != (t.KeyFile == "") {
			return errors.New("tls: cert_file and key_file must be set together")
		}
	}
	if a := s.SASL; a != nil {
		switch strings.ToUpper(a.Mechanism) {
		case MechanismPlain, MechanismSCRAMSHA256, MechanismSCRAMSHA512:
		case "":
			return errors.New("sasl.mechanism: required (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)")
		default:
			return fmt.Errorf("sasl.mechanism: unknown mechanism %q (want PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)", a.Mechanism)
		}
		if a.Username == "" {
			return errors.New("sasl.username: required")
		}
		if (a.PasswordEnv == "") == (a.PasswordFile == "") {
			return errors.New("sasl: exactly one of password_env and password_file is required")
		}
	}
	return nil
}

// Client is the resolved security settings: what kafka-go's Dialer and
// Transport need. It holds the password inside its SASL mechanism; it
// formats and logs without it.
type Client struct {
	// TLS is nil for plain text.
	TLS *tls.Config
	// SASL is nil without authentication.
	SASL sasl.Mechanism
}

// Resolve validates s, loads certificates and the password, and checks
// that SASL without TLS goes only to loopback brokers unless AllowInsecure
// is set (then it logs a warning on logger, which may be nil). brokers are
// "host:port" addresses; errors name files and keys, never the password.
func (s Security) Resolve(brokers []string, logger *slog.Logger) (*Client, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	c := &Client{}
	if s.TLS != nil {
		tc, err := s.TLS.config()
		if err != nil {
			return nil, err
		}
		if s.TLS.InsecureSkipVerify {
			logger.Warn("kafka: tls.insecure_skip_verify is set: broker certificates are not verified", "brokers", brokers)
		}
		c.TLS = tc
	}
	if s.SASL != nil {
		if s.TLS == nil {
			var remote []string
			for _, b := range brokers {
				if !IsLoopback(b) {
					remote = append(remote, b)
				}
			}
			if len(remote) > 0 {
				if !s.AllowInsecure {
					return nil, fmt.Errorf("sasl: refusing to send credentials without tls to non-loopback broker %s; configure tls or set allow_insecure = true", strings.Join(remote, ","))
				}
				logger.Warn("kafka: sasl credentials sent without tls (allow_insecure = true)", "brokers", remote, "mechanism", strings.ToUpper(s.SASL.Mechanism))
			}
		}
		m, err := s.SASL.mechanism()
		if err != nil {
			return nil, err
		}
		c.SASL = m
	}
	return c, nil
}

// Dialer returns a kafka-go Dialer (for Reader and ConsumerGroup) using c.
// A nil c means plain text.
func (c *Client) Dialer(clientID string) *kafka.Dialer {
	d := &kafka.Dialer{ClientID: clientID, Timeout: DefaultDialTimeout, DualStack: true}
	if c != nil {
		d.TLS = c.TLS
		d.SASLMechanism = c.SASL
	}
	return d
}

// Transport returns a kafka-go Transport (for Writer and Client) using c.
// A nil c means plain text.
func (c *Client) Transport(clientID string) *kafka.Transport {
	t := &kafka.Transport{ClientID: clientID, DialTimeout: DefaultDialTimeout}
	if c != nil {
		t.TLS = c.TLS
		t.SASL = c.SASL
	}
	return t
}

// IsLoopback reports whether the broker address "host:port" (or a bare
// host) is on a loopback address or named localhost.
func IsLoopback(addr string) bool {
	host := addr
	if h, _, err := net.SplitHostPort(addr); err == nil {
		host = h
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (t *TLS) config() (*tls.Config, error) {
	tc := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		ServerName:         t.ServerName,
		InsecureSkipVerify: t.InsecureSkipVerify, //nolint:gosec // opt-in, warned about
	}
	if t.CAFile != "" {
		pem, err := os.ReadFile(t.CAFile)
		if err != nil {
			return nil, fmt.Errorf("tls.ca_file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("tls.ca_file: %s: no PEM certificate found", t.CAFile)
		}
		tc.RootCAs = pool
	}
	if t.CertFile != "" {
		if err := checkPrivate(t.KeyFile); err != nil {
			return nil, fmt.Errorf("tls.key_file: %w", err)
		}
		cert, err := tls.LoadX509KeyPair(t.CertFile, t.KeyFile)
		if err != nil {
			// LoadX509KeyPair's errors name the problem, not the key bytes.
			return nil, fmt.Errorf("tls.cert_file/key_file: %s, %s: %w", t.CertFile, t.KeyFile, err)
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	return tc, nil
}

func (a *SASL) mechanism() (sasl.Mechanism, error) {
	pass, err := a.password()
	if err != nil {
		return nil, err
	}
	name := strings.ToUpper(a.Mechanism)
	var m sasl.Mechanism
	switch name {
	case MechanismPlain:
		m = plain.Mechanism{Username: a.Username, Password: pass}
	case MechanismSCRAMSHA256, MechanismSCRAMSHA512:
		algo := scram.SHA256
		if name == MechanismSCRAMSHA512 {
			algo = scram.SHA512
		}
		m, err = scram.Mechanism(algo, a.Username, pass)
		if err != nil {
			// The scram package's errors come from SASLprep of the
			// username and password; do not wrap them, they could quote it.
			return nil, fmt.Errorf("sasl: %s: username or password not valid for SCRAM (SASLprep failed)", name)
		}
	}
	return &mechanism{Mechanism: m, user: a.Username}, nil
}

func (a *SASL) password() (string, error) {
	if a.PasswordEnv != "" {
		p, ok := os.LookupEnv(a.PasswordEnv)
		if !ok || p == "" {
			return "", fmt.Errorf("sasl.password_env: environment variable %s is not set or empty", a.PasswordEnv)
		}
		return p, nil
	}
	if err := checkPrivate(a.PasswordFile); err != nil {
		return "", fmt.Errorf("sasl.password_file: %w", err)
	}
	b, err := os.ReadFile(a.PasswordFile)
	if err != nil {
		return "", fmt.Errorf("sasl.password_file: %w", err)
	}
	p := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	if p == "" {
		return "", fmt.Errorf("sasl.password_file: %s is empty", a.PasswordFile)
	}
	return p, nil
}

// checkPrivate refuses a file that group or others may read or write.
func checkPrivate(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%s has mode %#o; it must not be accessible by group or others (chmod 600)", path, perm)
	}
	return nil
}

// mechanism wraps a kafka-go SASL mechanism so that printing it (%v, %+v,
// %#v, slog) shows the mechanism and user, never the password.
type mechanism struct {
	sasl.Mechanism
	user string
}

func (m *mechanism) String() string   { return "sasl(" + m.Name() + " user=" + m.user + ")" }
func (m *mechanism) GoString() string { return m.String() }

// LogValue implements slog.LogValuer.
func (m *mechanism) LogValue() slog.Value { return slog.StringValue(m.String()) }

// Format implements fmt.Formatter so that every verb prints String.
func (m *mechanism) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(m.String())) }
