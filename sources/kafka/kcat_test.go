package kafka_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/redactd/redactd/internal/kafkatest"
)

// TestKcat is an end-to-end check with a third-party client: kcat
// (librdkafka) produces into the raw topic, redactd's source, a fake
// detect step and sink move it to the clean topic, and kcat consumes the
// clean topic. kcat runs without SASL: its handshake needs SaslHandshake
// v0, which kfake does not advertise.
//
// Without kcat the test is skipped with a message, unless
// REDACTD_REQUIRE_KCAT=1 is set (as in CI): then it fails.
func TestKcat(t *testing.T) {
	kcat, err := exec.LookPath("kcat")
	if err != nil {
		if os.Getenv("REDACTD_REQUIRE_KCAT") == "1" {
			t.Fatalf("kcat not found and REDACTD_REQUIRE_KCAT=1: %v (apt-get install kcat)", err)
		}
		t.Skipf("kcat not installed (%v); set REDACTD_REQUIRE_KCAT=1 to make this a failure", err)
	}
	c := kafkatest.Start(t, kafkatest.Topic("raw", 1), kafkatest.Topic("clean", 1))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	const n = 20
	var in bytes.Buffer
	for i := range n {
		v := fmt.Sprintf("seq=%02d msg=ok", i)
		if i%3 == 0 {
			v = fmt.Sprintf("seq=%02d password=%s", i, secret)
		}
		fmt.Fprintf(&in, "key-%d|%s\n", i%4, v)
	}
	prod := exec.CommandContext(ctx, kcat, "-P", "-b", c.Addrs[0], "-t", "raw", "-p", "0", "-K", "|",
		"-H", "authorization=Bearer "+secret, "-H", "origin=kcat")
	prod.Stdin = &in
	if out, err := prod.CombinedOutput(); err != nil {
		t.Fatalf("kcat -P: %v\n%s", err, out)
	}

	src, _ := newSource(t, fast(c, "kcat", "raw"))
	r := start(t, src, newPipe(newSink(t, c, "clean"), secret))

	var lines []string
	for ctx.Err() == nil {
		cons := exec.CommandContext(ctx, kcat, "-C", "-b", c.Addrs[0], "-t", "clean", "-o", "beginning", "-e", "-q",
			"-f", "%k|%s|%h\n")
		out, err := cons.CombinedOutput()
		if err != nil {
			t.Fatalf("kcat -C: %v\n%s", err, out)
		}
		lines = strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) >= n && lines[0] != "" {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err := r.stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	if len(lines) != n {
		t.Fatalf("kcat read %d lines from the clean topic; want %d:\n%s", len(lines), n, strings.Join(lines, "\n"))
	}
	for i, l := range lines {
		if strings.Contains(l, secret) {
			t.Errorf("clean line %d holds the secret", i)
		}
		var want string
		if i%3 == 0 {
			want = fmt.Sprintf("key-%d|seq=%02d password=[REDACTED:test:0123456789abcdef]|authorization=Bearer [REDACTED:test:0123456789abcdef],origin=kcat", i%4, i)
		} else {
			want = fmt.Sprintf("key-%d|seq=%02d msg=ok|authorization=Bearer [REDACTED:test:0123456789abcdef],origin=kcat", i%4, i)
		}
		if l != want {
			t.Errorf("clean line %d = %q; want %q", i, l, want)
		}
	}
}
