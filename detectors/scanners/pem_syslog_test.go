package scanners_test

import (
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors/scanners"
)

// Body lines behind a prefix that ends in ": " (syslog, journald) are body
// lines when the BEGIN line has the same prefix; without one, "Name: value"
// after BEGIN is a PGP/OpenSSL armor header and stays.
func TestPEMFollowerColonPrefixes(t *testing.T) {
	body := []string{"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj", "MhXn3ZVx9w8tD4bGc2kq1RmFfQpLs0nYVb6zZQIDAQABAoIBAF0aPEqcLzXbFqA"}
	syslog := "May 14 07:58:03 web-1 app[4242]: "
	lines := []string{syslog + "-----BEGIN PRIVATE KEY-----", syslog + body[0], syslog + body[1], syslog + "-----END PRIVATE KEY-----"}
	p := scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{})
	for i, l := range lines {
		out, _ := p.Follow(nil, []byte(l), nil)
		if i == 1 || i == 2 {
			if strings.Contains(string(out), body[i-1]) || !strings.HasPrefix(string(out), syslog) {
				t.Fatalf("Follow(%q) = %q; want the body redacted behind its prefix", l, out)
			}
		} else if string(out) != l {
			t.Fatalf("Follow(%q) = %q; want it unchanged", l, out)
		}
	}
	armor := []string{"-----BEGIN RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,3F2A9C1B7E6D5A40", "", body[0], "-----END RSA PRIVATE KEY-----"}
	p = scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{})
	for i, l := range armor {
		out, _ := p.Follow(nil, []byte(l), nil)
		if i == 4 {
			if strings.Contains(string(out), body[0]) {
				t.Fatalf("body after armor headers not redacted: %q", out)
			}
		} else if string(out) != l {
			t.Fatalf("armor line Follow(%q) = %q; want it unchanged", l, out)
		}
	}
}

// A whole PEM block in one record with raw line breaks (a Kafka message, a
// captured output) is found by PEMInline, and does not open a multi-line
// block in the follower.
func TestPEMInlineRawNewlines(t *testing.T) {
	body := "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\r\nMhXn3ZVx9w8tD4bGc2kq1RmFfQpLs0nYVb6zZQIDAQABAoIBAF0aPEqcLzXbFqA"
	rec := "key rotated:\n-----BEGIN PRIVATE KEY-----\r\n" + body + "\n-----END PRIVATE KEY-----\n"
	ms := scanners.NewPEMInline().Scan([]byte(rec), nil)
	if len(ms) != 1 || rec[ms[0].Start:ms[0].End] != body {
		t.Fatalf("Scan(%q) = %+v; want the body", rec, ms)
	}
	p := scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{})
	p.Follow(nil, []byte(rec), nil)
	if p.InBlock() {
		t.Fatal("a complete one-record block left the follower inside a block")
	}
}
