package main

import (
	"bytes"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/redactd/redactd/internal/kafkatest"
)

// canaries are fake secrets in formats the built-in rules know, derived
// deterministically from a tag so each input path plants its own.
type canaries struct {
	tag    string
	stripe string   // stripe-secret-key
	github string   // github-pat with a valid CRC32
	aws    string   // aws-access-key-id
	urlPW  string   // password in postgres://svc:<pw>@...
	pem    []string // body lines of an RSA private key block
}

const (
	alnum     = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	base62    = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	awsAlpha  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	b64Alpha  = alnum + "+/"
	pemBegin  = "-----BEGIN RSA PRIVATE KEY-----"
	pemEnd    = "-----END RSA PRIVATE KEY-----"
	leakGram  = 12 // a leak is any run of this many bytes of a secret
	dbURLHost = "@db.internal:5432/app"
)

func randString(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// githubPAT returns a ghp_ token whose last six characters are the base62
// CRC32 of the 30 before them, as GitHub's format requires.
func githubPAT(r *rand.Rand) string {
	body := randString(r, alnum, 30)
	n := crc32.ChecksumIEEE([]byte(body))
	var sum [6]byte
	for i := 5; i >= 0; i-- {
		sum[i] = base62[n%62]
		n /= 62
	}
	return "ghp_" + body + string(sum[:])
}

func newCanaries(tag string) canaries {
	seed := uint64(crc32.ChecksumIEEE([]byte(tag)))
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	c := canaries{
		tag:    tag,
		stripe: "sk_live_" + randString(r, alnum, 28),
		github: githubPAT(r),
		aws:    "AKIA" + randString(r, awsAlpha, 16),
		urlPW:  randString(r, alnum, 18),
	}
	for range 3 {
		c.pem = append(c.pem, randString(r, b64Alpha, 64))
	}
	return c
}

// secrets lists every secret value with a name for failure messages.
func (c canaries) secrets() map[string]string {
	m := map[string]string{
		c.tag + "/stripe": c.stripe, c.tag + "/github": c.github, c.tag + "/aws": c.aws, c.tag + "/url-password": c.urlPW,
	}
	for i, l := range c.pem {
		m[fmt.Sprintf("%s/pem-line-%d", c.tag, i)] = l
	}
	return m
}

// lines returns log lines carrying every canary: one per format, a
// multi-line PEM block (one line per record, as a logger writes it), a
// JSON-escaped single-line PEM block, and a last line "<tag> done" to wait
// for.
func (c canaries) lines() []string {
	ls := []string{
		c.tag + " POST /v1/charges api_key=" + c.stripe + " 200",
		c.tag + " git clone https://x-access-token:" + c.github + "@github.com/acme/app.git",
		c.tag + " boto3 credentials aws_access_key_id=" + c.aws,
		c.tag + " connecting to postgres://svc:" + c.urlPW + dbURLHost,
		pemBegin,
	}
	ls = append(ls, c.pem...)
	ls = append(ls, pemEnd, c.jsonPEM(), c.tag+" done")
	return ls
}

// jsonPEM is a log line holding the PEM block with its newlines escaped.
func (c canaries) jsonPEM() string {
	return `{"msg":"` + c.tag + ` loaded","key":"` + pemBegin + `\n` + strings.Join(c.pem, `\n`) + `\n` + pemEnd + `\n"}`
}

// singleLines is lines without the multi-line PEM block: a Kafka message
// is one record, and a PEM block with raw newlines inside one record is
// not redacted yet (reported to the lead; see docs/robustness.md).
func (c canaries) singleLines() []string {
	ls := c.lines()
	return append(ls[:4:4], ls[len(ls)-2:]...)
}

// leakIndex holds every leakGram-byte window of every secret.
type leakIndex map[[leakGram]byte]string

func newLeakIndex(secrets map[string]string) leakIndex {
	idx := leakIndex{}
	for name, s := range secrets {
		if len(s) < leakGram {
			panic("canary shorter than the leak window: " + name)
		}
		for i := 0; i+leakGram <= len(s); i++ {
			idx[[leakGram]byte([]byte(s[i:i+leakGram]))] = name
		}
	}
	return idx
}

// find returns the names of the secrets of which b holds a window.
func (idx leakIndex) find(b []byte) []string {
	seen := map[string]bool{}
	for i := 0; i+leakGram <= len(b); i++ {
		if name, ok := idx[[leakGram]byte(b[i:i+leakGram])]; ok {
			seen[name] = true
		}
	}
	var out []string
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// syncBuffer is a bytes.Buffer safe for a writing process and a reading test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return bytes.Clone(s.b.Bytes())
}

// waitFile waits until the file at path contains every one of wants.
func waitFile(t *testing.T, path string, d time.Duration, stderr *syncBuffer, wants ...string) {
	t.Helper()
	deadline := time.Now().Add(d)
	var missing []string
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(path)
		missing = missing[:0]
		for _, w := range wants {
			if !bytes.Contains(b, []byte(w)) {
				missing = append(missing, w)
			}
		}
		if len(missing) == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never got %q; stderr:\n%s", path, missing, stderr.Bytes())
}

// The flagship leak test. Distinct canary secrets go into every input path
// (stdin lines, file lines, Kafka values, keys and header values) and into
// every config value that is a secret (the fingerprint key, the Kafka SASL
// password, the webhook's Authorization header). The daemon runs with every
// output channel on: stdout, a file sink, a Kafka sink, alerts to a file, a
// webhook, a Kafka topic and stderr, its own logs at debug level in JSON,
// checkpoints and the persisted alert dedup state in data_dir, and the
// /metrics, /healthz and /readyz endpoints (scraped in both runs). It is killed
// with SIGKILL while lines flow and restarted. Afterwards every byte of
// every channel is searched for any 12-byte run of any canary, every line
// of the file and Kafka inputs must have arrived, and every channel must
// have carried what it should (so the search cannot pass on empty output).
func TestBinaryCanaryLeaksNowhere(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	fpKey := "fpk-" + randString(r, alnum, 40)
	kafkaPW := "kpw-" + randString(r, alnum, 24)
	webhookAuth := "Bearer whk-" + randString(r, alnum, 32)
	secrets := map[string]string{"config/fingerprint-key": fpKey, "config/kafka-password": kafkaPW, "config/webhook-token": webhookAuth[len("Bearer "):]}
	planted := map[string]canaries{}
	for _, path := range []string{"stdin", "file", "kafka-value", "kafka-key", "kafka-header"} {
		for _, phase := range []string{"1", "1b", "2"} {
			c := newCanaries(path + "-" + phase)
			planted[c.tag] = c
			for k, v := range c.secrets() {
				secrets[k] = v
			}
		}
	}
	idx := newLeakIndex(secrets)

	kc := kafkatest.Start(t, kafkatest.SASLUser("PLAIN", "redactd", kafkaPW),
		kafkatest.Topic("raw", 2), kafkatest.Topic("clean", 2), kafkatest.Topic("alerts", 1))

	var hookMu sync.Mutex
	var hookBodies [][]byte
	hookUnauthorized := 0
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		hookMu.Lock()
		defer hookMu.Unlock()
		if req.Header.Get("Authorization") != webhookAuth {
			hookUnauthorized++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		// Everything but the Authorization header, which is where the
		// token is meant to go.
		var meta bytes.Buffer
		fmt.Fprintf(&meta, "%s %s\n", req.Method, req.URL)
		for k, vs := range req.Header {
			if k != "Authorization" {
				fmt.Fprintf(&meta, "%s: %s\n", k, strings.Join(vs, ","))
			}
		}
		hookBodies = append(hookBodies, append(meta.Bytes(), b...))
	}))
	defer hook.Close()

	dir := t.TempDir()
	logs, out, data := filepath.Join(dir, "logs"), filepath.Join(dir, "out"), filepath.Join(dir, "data")
	os.MkdirAll(logs, 0o755)
	os.MkdirAll(out, 0o755)
	sinkPath, alertPath := filepath.Join(out, "clean.log"), filepath.Join(out, "alerts.jsonl")
	brokers := fmt.Sprintf("%q", kc.Addrs[0])
	sasl := `sasl = { mechanism = "PLAIN", username = "redactd", password_env = "CANARY_KAFKA_PW" }`
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsAddr := ln.Addr().String()
	ln.Close()
	cfg := filepath.Join(dir, "redactd.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`
data_dir = %[1]q
shutdown_timeout = "15s"
[fingerprint]
key_env = "CANARY_FP_KEY"
[sources.stdin]
enabled = true
[[sources.file]]
name = "app"
paths = [%[2]q]
start_at = "beginning"
poll_interval = "50ms"
glob_interval = "200ms"
checkpoint_interval = "100ms"
[[sources.kafka]]
brokers = [%[3]s]
topics = ["raw"]
group = "redactd-canary"
start_at = "earliest"
session_timeout = "2s"
commit_interval = "100ms"
%[4]s
[sinks.stdout]
enabled = true
[[sinks.file]]
path = %[5]q
[[sinks.kafka]]
brokers = [%[3]s]
topic = "clean"
%[4]s
[alerts]
dedup_window = "1h"
persist = true
persist_interval = "100ms"
[alerts.stderr]
enabled = true
format = "json"
[[alerts.webhook]]
url = %[6]q
headers = { Authorization_env = "CANARY_WEBHOOK_AUTH" }
min_backoff = "50ms"
max_backoff = "200ms"
[[alerts.file]]
path = %[7]q
[[alerts.kafka]]
brokers = [%[3]s]
topic = "alerts"
%[4]s
[metrics]
listen = %[8]q
`, data, filepath.Join(logs, "*.log"), brokers, sasl, sinkPath, hook.URL+"/hook", alertPath, metricsAddr)), 0o600)
	var scrapes bytes.Buffer
	scrape := func() {
		for _, path := range []string{"/metrics", "/healthz", "/readyz"} {
			resp, err := http.Get("http://" + metricsAddr + path)
			if err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			fmt.Fprintf(&scrapes, "%s %d\n%s\n", path, resp.StatusCode, b)
		}
	}

	var stdouts, stderrs []*syncBuffer
	start := func() (*exec.Cmd, io.WriteCloser, *syncBuffer) {
		cmd := exec.Command(binPath, "-c", cfg, "--log-level", "debug", "--log-format", "json")
		cmd.Env = append(os.Environ(), "CANARY_FP_KEY="+fpKey, "CANARY_KAFKA_PW="+kafkaPW, "CANARY_WEBHOOK_AUTH="+webhookAuth)
		stdout, stderr := &syncBuffer{}, &syncBuffer{}
		cmd.Stdout, cmd.Stderr = stdout, stderr
		stdin, _ := cmd.StdinPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		stdouts, stderrs = append(stdouts, stdout), append(stderrs, stderr)
		return cmd, stdin, stderr
	}
	appendFile := func(lines []string) {
		f, err := os.OpenFile(filepath.Join(logs, "app.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(strings.Join(lines, "\n") + "\n")
		f.Close()
	}
	produce := func(phase string, extra int) {
		v, k, h := planted["kafka-value-"+phase], planted["kafka-key-"+phase], planted["kafka-header-"+phase]
		recs := []*kgo.Record{{
			Topic: "raw", Partition: 0,
			Key:   []byte("aws_access_key_id=" + k.aws),
			Value: []byte(strings.Join(v.singleLines(), "\n")),
			Headers: []kgo.RecordHeader{
				{Key: "authorization", Value: []byte("Bearer " + h.stripe)},
				{Key: "x-git", Value: []byte("token " + h.github)},
				{Key: "x-db", Value: []byte("postgres://svc:" + h.urlPW + dbURLHost)},
				{Key: "x-aws", Value: []byte(h.aws)},
				{Key: "x-key", Value: []byte(h.jsonPEM())},
			},
		}}
		for i := range extra {
			recs = append(recs, &kgo.Record{Topic: "raw", Partition: int32(i % 2), Key: []byte(k.stripe),
				Value: []byte(fmt.Sprintf("kafka-%s n=%04d charge api_key=%s", phase, i, v.stripe))})
		}
		kc.Produce("raw", recs...)
	}

	// Run 1: every path, then more lines and a SIGKILL while they flow.
	cmd, stdin, stderr := start()
	io.WriteString(stdin, strings.Join(planted["stdin-1"].lines(), "\n")+"\n")
	appendFile(planted["file-1"].lines())
	produce("1", 0)
	waitFile(t, sinkPath, 30*time.Second, stderr, "stdin-1 done", "file-1 done", "kafka-value-1 done")
	var more []string
	const moreLines = 3000
	for i := range moreLines {
		more = append(more, fmt.Sprintf("file-1b n=%04d token=%s", i, planted["file-1b"].github))
	}
	more = append(more, planted["file-1b"].lines()...)
	appendFile(more)
	produce("1b", 500)
	io.WriteString(stdin, strings.Join(planted["stdin-1b"].lines(), "\n")+"\n")
	waitFile(t, sinkPath, 30*time.Second, stderr, "file-1b n=0100")
	scrape()
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	// Run 2: replay from checkpoints and committed offsets, then new input.
	cmd, stdin, stderr = start()
	io.WriteString(stdin, strings.Join(planted["stdin-2"].lines(), "\n")+"\n")
	appendFile(planted["file-2"].lines())
	produce("2", 0)
	waitFile(t, sinkPath, 45*time.Second, stderr, "stdin-2 done", "file-2 done", "kafka-value-2 done",
		"file-1b done", "kafka-value-1b done", "kafka-1b n=0499", fmt.Sprintf("file-1b n=%04d", moreLines-1))
	time.Sleep(200 * time.Millisecond) // counters of the last batches settle after their write
	scrape()
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v; stderr:\n%s", err, stderr.Bytes())
	}

	// Gather every output channel.
	channels := map[string][]byte{}
	for i := range stdouts {
		channels[fmt.Sprintf("stdout#%d", i+1)] = stdouts[i].Bytes()
		channels[fmt.Sprintf("stderr#%d", i+1)] = stderrs[i].Bytes()
	}
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && !strings.HasPrefix(p, logs+string(os.PathSeparator)) && p != cfg {
			b, _ := os.ReadFile(p)
			channels["file "+strings.TrimPrefix(p, dir)] = b
		}
		return nil
	})
	kafkaOut := func(topic string) []byte {
		cl := kc.Client(kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
		defer cl.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		var b bytes.Buffer
		for ctx.Err() == nil {
			for _, rec := range cl.PollFetches(ctx).Records() {
				fmt.Fprintf(&b, "key=%s value=%s", rec.Key, rec.Value)
				for _, h := range rec.Headers {
					fmt.Fprintf(&b, " %s=%s", h.Key, h.Value)
				}
				b.WriteByte('\n')
			}
		}
		return b.Bytes()
	}
	channels["kafka topic clean"] = kafkaOut("clean")
	channels["kafka topic alerts"] = kafkaOut("alerts")
	hookMu.Lock()
	channels["metrics scrapes"] = scrapes.Bytes()
	channels["webhook requests"] = bytes.Join(hookBodies, []byte("\n"))
	hooks, unauthorized := len(hookBodies), hookUnauthorized
	hookMu.Unlock()

	// No channel holds any 12 bytes of any canary.
	total := 0
	for name, b := range channels {
		total += len(b)
		if leaks := idx.find(b); len(leaks) > 0 {
			t.Errorf("%s (%d bytes) holds %d bytes of the canaries %v", name, len(b), leakGram, leaks)
		}
	}

	// And every channel carried what it should: the search above must not
	// pass on empty or missing output.
	sink := string(channels["file /out/clean.log"])
	for _, want := range []string{"[REDACTED:stripe-secret-key:", "[REDACTED:github-pat:", "[REDACTED:aws-access-key-id:",
		"[REDACTED:url-password:", "[REDACTED:private-key:", pemBegin, "stdin-2 done", "file-2 done", "kafka-value-2 done"} {
		if !strings.Contains(sink, want) {
			t.Errorf("file sink lacks %q", want)
		}
	}
	for i := range moreLines {
		if !strings.Contains(sink, fmt.Sprintf("file-1b n=%04d token=[REDACTED:github-pat:", i)) {
			t.Fatalf("file line %d written before the SIGKILL never arrived redacted", i)
		}
	}
	for i := range 500 {
		if !strings.Contains(sink, fmt.Sprintf("kafka-1b n=%04d charge api_key=[REDACTED:stripe-secret-key:", i)) {
			t.Fatalf("Kafka message %d produced before the SIGKILL never arrived redacted", i)
		}
	}
	if !bytes.Contains(channels["stdout#2"], []byte("stdin-2 done")) || !bytes.Contains(channels["stdout#1"], []byte("stdin-1 done")) {
		t.Error("stdout lacks the stdin markers")
	}
	clean := string(channels["kafka topic clean"])
	for _, want := range []string{"key=aws_access_key_id=[REDACTED:aws-access-key-id:", "authorization=Bearer [REDACTED:",
		"x-git=token [REDACTED:github-pat:", "x-db=postgres://svc:[REDACTED:url-password:", "x-aws=[REDACTED:aws-access-key-id:",
		"kafka-value-2 done", "file-2 done", "stdin-2 done"} {
		if !strings.Contains(clean, want) {
			t.Errorf("Kafka sink lacks %q", want)
		}
	}
	rules := []string{"stripe-secret-key", "github-pat", "aws-access-key-id", "url-password", "private-key"}
	for name, ch := range map[string]string{"alert file": string(channels["file /out/alerts.jsonl"]),
		"webhook": string(channels["webhook requests"]), "alert topic": string(channels["kafka topic alerts"]),
		"stderr alerts": string(channels["stderr#1"]) + string(channels["stderr#2"])} {
		for _, rule := range rules {
			if !strings.Contains(ch, `"rule_id":"`+rule+`"`) {
				t.Errorf("%s has no alert for %s", name, rule)
			}
		}
	}
	if unauthorized > 0 || hooks == 0 {
		t.Errorf("webhook: %d authorized requests, %d without the token from the environment", hooks, unauthorized)
	}
	var state bool
	for name := range channels {
		state = state || strings.HasPrefix(name, "file /data/")
	}
	if !state {
		t.Error("data_dir holds no checkpoint or state file to search")
	}
	if !bytes.Contains(channels["metrics scrapes"], []byte(`redactd_findings_total{rule="github-pat"}`)) {
		t.Error("metrics scrapes lack the findings counters")
	}
	if !bytes.Contains(channels["stderr#2"], []byte(`"level":"DEBUG"`)) {
		t.Error("no debug log lines were searched")
	}
	t.Logf("%d secrets (%d windows) searched in %d channels, %d bytes; %d webhook alerts", len(secrets), len(idx), len(channels), total, hooks)
}
