package kafkaconf_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redactd/redactd/internal/kafkaconf"
)

const canary = "canary-0b7f3e9d2c1a4f68"

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		sec  kafkaconf.Security
		want string // substring of the error; "" for nil
	}{
		{"zero", kafkaconf.Security{}, ""},
		{"tls only", kafkaconf.Security{TLS: &kafkaconf.TLS{}}, ""},
		{"cert without key", kafkaconf.Security{TLS: &kafkaconf.TLS{CertFile: "c.pem"}}, "key_file"},
		{"sasl ok", kafkaconf.Security{SASL: &kafkaconf.SASL{Mechanism: "scram-sha-256", Username: "u", PasswordEnv: "P"}}, ""},
		{"no mechanism", kafkaconf.Security{SASL: &kafkaconf.SASL{Username: "u", PasswordEnv: "P"}}, "sasl.mechanism"},
		{"bad mechanism", kafkaconf.Security{SASL: &kafkaconf.SASL{Mechanism: "GSSAPI", Username: "u", PasswordEnv: "P"}}, "sasl.mechanism"},
		{"no user", kafkaconf.Security{SASL: &kafkaconf.SASL{Mechanism: "PLAIN", PasswordEnv: "P"}}, "sasl.username"},
		{"no password source", kafkaconf.Security{SASL: &kafkaconf.SASL{Mechanism: "PLAIN", Username: "u"}}, "password_env"},
		{"two password sources", kafkaconf.Security{SASL: &kafkaconf.SASL{Mechanism: "PLAIN", Username: "u", PasswordEnv: "P", PasswordFile: "f"}}, "exactly one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.sec.Validate()
			if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Validate() = %v; want error containing %q", err, tt.want)
			}
		})
	}
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:9092", true}, {"[::1]:9092", true}, {"localhost:9092", true}, {"LOCALHOST", true},
		{"127.8.9.10:1", true}, {"10.0.0.1:9092", false}, {"kafka.example.com:9093", false}, {"[2001:db8::1]:9092", false},
	}
	for _, tt := range tests {
		if got := kafkaconf.IsLoopback(tt.addr); got != tt.want {
			t.Errorf("IsLoopback(%q) = %v; want %v", tt.addr, got, tt.want)
		}
	}
}

func writeFile(t *testing.T, content string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestResolve covers password sources, file permissions and the plain-text
// rule, and checks that no error or log line holds the password.
func TestResolve(t *testing.T) {
	t.Setenv("KAFKACONF_TEST_PW", canary)
	private := writeFile(t, canary+"\n", 0o600)
	groupReadable := writeFile(t, canary+"\n", 0o640)
	empty := writeFile(t, "\n", 0o600)
	sasl := func(mech, env, file string) *kafkaconf.SASL {
		return &kafkaconf.SASL{Mechanism: mech, Username: "redactd", PasswordEnv: env, PasswordFile: file}
	}
	local := []string{"127.0.0.1:9092"}
	remote := []string{"127.0.0.1:9092", "kafka-1.example.com:9092"}
	tests := []struct {
		name    string
		sec     kafkaconf.Security
		brokers []string
		want    string // substring of the error; "" for nil
		warn    string // substring of the log; "" for none
	}{
		{"env", kafkaconf.Security{SASL: sasl("PLAIN", "KAFKACONF_TEST_PW", "")}, local, "", ""},
		{"env unset", kafkaconf.Security{SASL: sasl("PLAIN", "KAFKACONF_TEST_UNSET", "")}, local, "KAFKACONF_TEST_UNSET is not set", ""},
		{"private file", kafkaconf.Security{SASL: sasl("SCRAM-SHA-512", "", private)}, local, "", ""},
		{"group-readable file", kafkaconf.Security{SASL: sasl("SCRAM-SHA-512", "", groupReadable)}, local, "must not be accessible by group or others", ""},
		{"empty file", kafkaconf.Security{SASL: sasl("SCRAM-SHA-512", "", empty)}, local, "is empty", ""},
		{"missing file", kafkaconf.Security{SASL: sasl("PLAIN", "", "/nonexistent/pw")}, local, "sasl.password_file", ""},
		{"plain text to remote broker", kafkaconf.Security{SASL: sasl("PLAIN", "KAFKACONF_TEST_PW", "")}, remote, "kafka-1.example.com:9092", ""},
		{"plain text allowed", kafkaconf.Security{SASL: sasl("PLAIN", "KAFKACONF_TEST_PW", ""), AllowInsecure: true}, remote, "", "without tls"},
		{"tls to remote broker", kafkaconf.Security{SASL: sasl("SCRAM-SHA-256", "KAFKACONF_TEST_PW", ""), TLS: &kafkaconf.TLS{}}, remote, "", ""},
		{"insecure skip verify", kafkaconf.Security{TLS: &kafkaconf.TLS{InsecureSkipVerify: true}}, remote, "", "insecure_skip_verify"},
		{"missing ca", kafkaconf.Security{TLS: &kafkaconf.TLS{CAFile: "/nonexistent/ca.pem"}}, local, "tls.ca_file", ""},
		{"ca without pem", kafkaconf.Security{TLS: &kafkaconf.TLS{CAFile: private}}, local, "no PEM certificate", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			c, err := tt.sec.Resolve(tt.brokers, slog.New(slog.NewTextHandler(&logs, nil)))
			if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("Resolve() = %v; want error containing %q", err, tt.want)
			}
			if tt.warn != "" && !strings.Contains(logs.String(), tt.warn) {
				t.Errorf("log = %q; want a warning containing %q", logs.String(), tt.warn)
			}
			if tt.warn == "" && logs.Len() > 0 {
				t.Errorf("log = %q; want none", logs.String())
			}
			text := logs.String()
			if err != nil {
				text += err.Error()
			}
			if c != nil {
				text += fmt.Sprintf("%v %+v %#v %s", c, c, c, c.SASL)
				slog.New(slog.NewTextHandler(&logs, nil)).Info("client", "sasl", c.SASL, "dialer", c.Dialer("x"))
				text += logs.String()
			}
			if strings.Contains(text, canary) {
				t.Errorf("password appears in error, log or formatted client: %s", text)
			}
		})
	}
}
