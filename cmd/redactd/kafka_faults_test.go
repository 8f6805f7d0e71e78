package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/redactd/redactd/internal/kafkatest"
)

// The Kafka broker goes away for a few seconds while lines flow both ways
// (Kafka source to a file sink, file source to a Kafka sink): redactd keeps
// running or fails with exit 1, and after the broker (and, if it exited,
// redactd) is back, every message and every line arrived.
func TestBinaryKafkaBrokerOutage(t *testing.T) {
	c := kafkatest.Start(t, kafkatest.Topic("raw", 2), kafkatest.Topic("clean", 2))
	dir := t.TempDir()
	log, out := filepath.Join(dir, "app.log"), filepath.Join(dir, "clean.log")
	brokers := fmt.Sprintf("%q", c.Addrs[0])
	cfg := filepath.Join(dir, "k.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`
data_dir = %q
[[sources.file]]
paths = [%q]
start_at = "beginning"
poll_interval = "50ms"
checkpoint_interval = "100ms"
[[sources.kafka]]
brokers = [%[3]s]
topics = ["raw"]
group = "outage"
session_timeout = "2s"
commit_interval = "100ms"
backoff_max = "500ms"
[[sinks.file]]
path = %q
[[sinks.kafka]]
brokers = [%[3]s]
topic = "clean"
write_timeout = "2s"
backoff_max = "500ms"
`, filepath.Join(dir, "data"), log, brokers, out)), 0o600)
	appendLines := func(from, to int) {
		f, _ := os.OpenFile(log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		f.WriteString(numberedLines("file", from, to))
		f.Close()
	}
	produce := func(from, to int) {
		var recs []*kgo.Record
		for i := from; i < to; i++ {
			recs = append(recs, &kgo.Record{Partition: int32(i % 2), Value: []byte(strings.TrimSuffix(numberedLines("kafka", i, i+1), "\n"))})
		}
		c.Produce("raw", recs...)
	}
	const n = 3000
	appendLines(0, n/3)
	produce(0, n/3)
	// start runs redactd and closes done when it exits.
	var d *daemon
	var done chan struct{}
	start := func() {
		d, done = startDaemon(t, "-c", cfg), make(chan struct{})
		go func(d *daemon, done chan struct{}) { d.cmd.Wait(); close(done) }(d, done)
	}
	start()
	starts, exits := 1, []int{}
	waitFor(t, "file sink", readFile(out), fmt.Sprintf("kafka n=%06d", n/3-2), 30*time.Second, d.stderr)

	// The outage: lines keep arriving in the file while the broker is gone.
	committed := c.Committed("outage", "raw")
	c.Stop()
	appendLines(n/3, 2*n/3)
	time.Sleep(3 * time.Second)
	c.Restart()
	produce(n/3, n)
	appendLines(2*n/3, n)

	// If redactd gave up during the outage, start it again.
	deadline := time.Now().Add(60 * time.Second)
	var clean []*kgo.Record
	for time.Now().Before(deadline) {
		select {
		case <-done:
			code := d.cmd.ProcessState.ExitCode()
			exits = append(exits, code)
			if code != 1 {
				t.Fatalf("exit %d during the outage; want 1 or no exit; stderr %s", code, d.stderr.Bytes())
			}
			t.Logf("redactd exited during the outage: %s", bytes.TrimSpace(d.stderr.Bytes()))
			start()
			starts++
		case <-time.After(100 * time.Millisecond):
		}
		b, _ := os.ReadFile(out)
		if bytes.Contains(b, []byte(fmt.Sprintf("kafka n=%06d", n-1))) && bytes.Contains(b, []byte(fmt.Sprintf("file n=%06d", n-1))) {
			clean = consumeDistinctLines(t, c, "clean", n, 30*time.Second)
			break
		}
	}
	d.cmd.Process.Signal(syscall.SIGTERM)
	<-done
	if code := d.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("final exit %d; stderr %s", code, d.stderr.Bytes())
	}
	b, _ := os.ReadFile(out)
	var lines [2][]byte
	for _, l := range bytes.SplitAfter(b, []byte("\n")) {
		if bytes.HasPrefix(l, []byte("kafka ")) {
			lines[0] = append(lines[0], l...)
		} else {
			lines[1] = append(lines[1], l...)
		}
	}
	kn, kd := firstSeenAnyOrder(t, lines[0], "kafka", n)
	fn, fd := firstSeen(t, lines[1], "file")
	var fromClean []byte
	for _, r := range clean {
		fromClean = append(append(fromClean, r.Value...), '\n')
	}
	cn, cd := firstSeenAnyOrder(t, fromClean, "file", n) // keyless records spread over partitions
	if kn != n || fn != n || cn != n {
		t.Fatalf("after the outage: %d/%d Kafka messages in the file sink, %d/%d file lines in the file sink, %d/%d in the Kafka sink; stderr %s",
			kn, n, fn, n, cn, n, d.stderr.Bytes())
	}
	t.Logf("3 s broker outage (offsets committed before it: %v): %d starts (exits %v); duplicates: %d Kafka->file, %d file->file, %d file->Kafka",
		committed, starts, exits, kd, fd, cd)
}

// firstSeenAnyOrder counts the distinct "<tag> n=NNNNNN" lines of out
// (Kafka partitions interleave, so no order across them) and the repeats.
func firstSeenAnyOrder(t *testing.T, out []byte, tag string, n int) (distinct, dups int) {
	t.Helper()
	seen := make([]bool, n)
	for _, l := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		var k int
		if _, err := fmt.Sscanf(l, tag+" n=%06d", &k); err != nil || k >= n {
			continue
		}
		if strings.Contains(l, fakeStripe) {
			t.Fatalf("secret in output line %q", l)
		}
		if seen[k] {
			dups++
			continue
		}
		seen[k] = true
		distinct++
	}
	return distinct, dups
}

// consumeDistinctLines reads topic from the start until it holds n distinct
// values or the timeout passes.
func consumeDistinctLines(t *testing.T, c *kafkatest.Cluster, topic string, n int, timeout time.Duration) []*kgo.Record {
	t.Helper()
	var out []*kgo.Record
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		out = c.Consume(topic, 1<<30, 2*time.Second)
		distinct := map[string]bool{}
		for _, r := range out {
			distinct[string(r.Value)] = true
		}
		if len(distinct) >= n {
			break
		}
	}
	return out
}
