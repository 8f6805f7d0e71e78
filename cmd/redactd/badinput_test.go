package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// badInput returns input full of what log producers get wrong, and the
// output redactd must produce: the same bytes with only the planted secrets
// (fakeStripe) replaced by token.
func badInput(token string) (in, want []byte) {
	var b bytes.Buffer
	add := func(s ...string) {
		for _, x := range s {
			b.WriteString(x)
		}
	}
	add("bad-input start\n")
	// Invalid UTF-8, alone and around a secret.
	add("\xff\xfe\xfd bad utf8 \xc3\x28 \xe2\x82 \xed\xa0\x80 surrogate\n", "\xff\xfe api_key=", fakeStripe, " \xc3\x28\n")
	// NUL bytes.
	add("\x00\x00\x00\n", "nul\x00inside\x00line\n", "\x00 api_key=", fakeStripe, " \x00\n", "\x00", fakeStripe, "\x00\n", strings.Repeat("\x00", 70000), "\n")
	// Carriage returns only, and CRLF.
	add("\r\n", "\r\r\r\r\n", "a\rb\rc\n", "only\rcarriage\rreturns api_key=", fakeStripe, "\r\n")
	// Empty lines.
	add("\n\n\n\n")
	// Huge JSON nesting, with and without a secret at the bottom.
	add(strings.Repeat("[", 100000), strings.Repeat("]", 100000), "\n")
	add(strings.Repeat(`{"a":`, 50000), `"x"`, strings.Repeat("}", 50000), "\n")
	add(strings.Repeat("[", 100000), `"api_key=`, fakeStripe, `"`, strings.Repeat("]", 100000), "\n")
	add(strings.Repeat(`{"password":`, 20000), `"x"`, strings.Repeat("}", 20000), "\n")
	// Lines of only delimiters.
	for _, d := range []string{"=", "&", `"`, ":", "\\", "%", "'", "=&", "?&=", "://", "@", "-----"} {
		add(strings.Repeat(d, 8), "\n", strings.Repeat(d, 100000/len(d)), "\n")
	}
	add("api_key=\n", "password=\"\"\n", "Authorization: Bearer\n", "https://:@\n", "token=&token=&token=\n")
	add("bad-input done\n")
	in = b.Bytes()
	return in, bytes.ReplaceAll(in, []byte(fakeStripe), []byte(token))
}

// garbage returns n deterministic pseudo-random bytes and a last line
// "garbage done".
func garbage(n int) []byte {
	r := rand.New(rand.NewPCG(10, 20))
	g := make([]byte, n, n+14)
	for i := range g {
		g[i] = byte(r.Uint32())
	}
	return append(g, "\ngarbage done\n"...)
}

var anyTokenRe = regexp.MustCompile(`\[REDACTED:[a-z0-9-]+:[0-9a-f]{16}\]`)

// checkGarbage checks that out is in line by line, except that a line may
// have spans replaced by redaction tokens (a detector may take random
// bytes after "pw=" for a password): the bytes around the tokens must be
// the line's, in order. It returns how many lines had a token.
func checkGarbage(t *testing.T, in, out []byte) int {
	t.Helper()
	inLines, outLines := bytes.Split(in, []byte("\n")), bytes.Split(out, []byte("\n"))
	if len(inLines) != len(outLines) {
		t.Fatalf("garbage: %d lines out of %d", len(outLines), len(inLines))
	}
	redacted := 0
	for i := range inLines {
		a, b := inLines[i], outLines[i]
		if bytes.Equal(a, b) {
			continue
		}
		redacted++
		frags := anyTokenRe.Split(string(b), -1)
		if len(frags) < 2 || !bytes.HasPrefix(a, []byte(frags[0])) || !bytes.HasSuffix(a, []byte(frags[len(frags)-1])) {
			t.Fatalf("garbage line %d changed beyond redaction: in %q, out %q", i, a, b)
		}
		rest := a[len(frags[0]):]
		for _, f := range frags[1:] {
			j := bytes.Index(rest, []byte(f))
			if j < 0 {
				t.Fatalf("garbage line %d changed beyond redaction: in %q, out %q", i, a, b)
			}
			rest = rest[j+len(f):]
		}
	}
	return redacted
}

// diffAt describes where got and want first differ.
func diffAt(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return fmt.Sprintf("%d bytes out, %d wanted; first difference at byte %d: got %q, want %q",
		len(got), len(want), i, got[i:min(len(got), i+60)], want[i:min(len(want), i+60)])
}

// Bad input on stdin and through the file source: invalid UTF-8, NUL bytes,
// bare carriage returns, empty lines, 100,000-deep JSON nesting, lines of
// only delimiters: no crash, exit 0, and the output is byte-identical to
// the input except for the planted secrets. Then 10 MiB of binary garbage:
// every line comes out, unchanged but for spans a detector took for a
// secret (random bytes after "APw=" look like a password).
func TestBinaryBadInputPassesThrough(t *testing.T) {
	in, want := badInput(stripeToken(t))
	if bytes.Equal(in, want) {
		t.Fatal("no secret planted")
	}
	junk := garbage(10 << 20)
	// viaStdin and viaFile return redactd's output for input.
	viaStdin := func(t *testing.T, input []byte) []byte {
		start := time.Now()
		d := startDaemon(t)
		go func() { d.stdin.Write(input); d.stdin.Close() }()
		if code := d.exitCode(t); code != 0 {
			t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
		}
		if len(d.stderr.Bytes()) != 0 {
			t.Fatalf("stderr: %q", d.stderr.Bytes())
		}
		t.Logf("stdin: %d bytes in %v", len(input), time.Since(start).Round(time.Millisecond))
		return d.stdout.Bytes()
	}
	viaFile := func(t *testing.T, input []byte) []byte {
		dir := t.TempDir()
		log, out := filepath.Join(dir, "app.log"), filepath.Join(dir, "clean.log")
		os.WriteFile(log, input, 0o644)
		cfg := fileConfig{
			dataDir: filepath.Join(dir, "data"),
			logs:    log, source: []string{`poll_interval = "50ms"`},
			out: out,
		}.write(t, filepath.Join(dir, "r.toml"))
		start := time.Now()
		d := startDaemon(t, "-c", cfg)
		last := input[bytes.LastIndexByte(input[:len(input)-1], '\n'):]
		waitFor(t, "file sink", readFile(out), string(last), 60*time.Second, d.stderr)
		d.cmd.Process.Signal(syscall.SIGTERM)
		if code := d.exitCode(t); code != 0 {
			t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
		}
		t.Logf("file: %d bytes in %v", len(input), time.Since(start).Round(time.Millisecond))
		b, _ := os.ReadFile(out)
		return b
	}
	for name, via := range map[string]func(*testing.T, []byte) []byte{"stdin": viaStdin, "file": viaFile} {
		t.Run(name, func(t *testing.T) {
			if got := via(t, in); !bytes.Equal(got, want) {
				t.Fatalf("output differs: %s", diffAt(got, want))
			}
			n := checkGarbage(t, junk, via(t, junk))
			t.Logf("%s: %d lines of malformed input byte-identical but for %d planted secrets; %d MiB of garbage in %d lines, %d of them with a span redacted",
				name, bytes.Count(in, []byte("\n")), bytes.Count(in, []byte(fakeStripe)), len(junk)>>20, bytes.Count(junk, []byte("\n")), n)
		})
	}
}

// Odd things matched by a file source's glob: a FIFO, a directory, a
// dangling symlink, a file replaced by a directory while tailed, a file
// with mode 000. redactd must not crash or hang, must say what happened to
// the replaced file, and must keep tailing the good file. Running as root,
// mode 000 does not stop reads: the file is simply read. (The FIFO, the
// directory and the dangling symlink are skipped without a log line;
// reported to the lead, see docs/robustness.md.)
func TestBinaryFileSourceOddPaths(t *testing.T) {
	dir := t.TempDir()
	logs, out := filepath.Join(dir, "logs"), filepath.Join(dir, "clean.log")
	os.MkdirAll(logs, 0o755)
	good, replaced, noperm := filepath.Join(logs, "good.log"), filepath.Join(logs, "replaced.log"), filepath.Join(logs, "noperm.log")
	appendTo := func(path, s string) {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(s)
		f.Close()
	}
	appendTo(good, "good 1\n")
	appendTo(replaced, "replaced 1 api_key="+fakeStripe+"\n")
	appendTo(noperm, "noperm 1\n")
	os.Chmod(noperm, 0)
	if err := syscall.Mkfifo(filepath.Join(logs, "fifo.log"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(logs, "dir.log"), 0o755)
	os.Symlink(filepath.Join(dir, "nonexistent"), filepath.Join(logs, "dangling.log"))
	cfg := fileConfig{
		dataDir: filepath.Join(dir, "data"),
		logs:    filepath.Join(logs, "*.log"), source: []string{`poll_interval = "50ms"`, `glob_interval = "100ms"`},
		out: out,
	}.write(t, filepath.Join(dir, "r.toml"))
	d := startDaemon(t, "-c", cfg)
	waitFor(t, "file sink", readFile(out), "good 1\n", 10*time.Second, d.stderr)
	waitFor(t, "file sink", readFile(out), "replaced 1 api_key=[REDACTED:", 10*time.Second, d.stderr)
	// The tailed file becomes a directory.
	os.Remove(replaced)
	os.Mkdir(replaced, 0o755)
	time.Sleep(500 * time.Millisecond)
	for i := 2; i <= 5; i++ {
		appendTo(good, fmt.Sprintf("good %d\n", i))
		waitFor(t, "file sink", readFile(out), fmt.Sprintf("good %d\n", i), 10*time.Second, d.stderr)
	}
	// A writer opens the FIFO: its lines may be read or ignored, but must
	// not stop the good file. The write end is non-blocking so a source
	// that never opens the FIFO cannot hang the test.
	if w, err := os.OpenFile(filepath.Join(logs, "fifo.log"), os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		w.WriteString("fifo 1 api_key=" + fakeStripe + "\n")
		w.Close()
	}
	appendTo(good, "good 6\n")
	waitFor(t, "file sink", readFile(out), "good 6\n", 10*time.Second, d.stderr)
	d.cmd.Process.Signal(syscall.SIGTERM)
	if code := d.exitCode(t); code != 0 {
		t.Fatalf("exit %d; stderr %s", code, d.stderr.Bytes())
	}
	b, _ := os.ReadFile(out)
	stderr := d.stderr.Bytes()
	if bytes.Contains(b, []byte(fakeStripe)) || bytes.Contains(stderr, []byte(fakeStripe)) {
		t.Fatal("secret in output or stderr")
	}
	if bytes.Contains(stderr, []byte("goroutine ")) || bytes.Contains(stderr, []byte("panic")) {
		t.Fatalf("stderr holds a panic: %s", stderr)
	}
	if !bytes.Contains(stderr, []byte(replaced)) {
		t.Errorf("stderr does not name %s, replaced by a directory: %s", replaced, stderr)
	}
	for _, want := range []string{"good 1\n", "noperm 1\n", "good 6\n"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("sink lacks %q", want)
		}
	}
	t.Logf("sink:\n%s\nstderr:\n%s", b, stderr)
}

// Secrets a config names (passwords in files or environment variables,
// webhook headers and URLs from the environment) are checked at start: a
// password file others can read, or a variable that is not set, exits 2
// with an error naming the key, never the secret.
func TestBinaryConfigSecretErrors(t *testing.T) {
	dir := t.TempDir()
	const password = "hunter2-canary-password"
	open := filepath.Join(dir, "kafka.pass")
	os.WriteFile(open, []byte(password+"\n"), 0o644)
	os.Chmod(open, 0o644)
	tests := []struct{ name, cfg, want string }{
		{"source password_file readable by others", `[[sources.kafka]]
brokers = ["127.0.0.1:9"]
topics = ["t"]
group = "g"
sasl = { mechanism = "PLAIN", username = "u", password_file = "` + open + `" }`, "sources.kafka[0]: kafka source kafka:g: sasl.password_file: " + open + " has mode 0644"},
		{"sink password_file readable by others", `[[sinks.kafka]]
brokers = ["127.0.0.1:9"]
topic = "t"
sasl = { mechanism = "SCRAM-SHA-256", username = "u", password_file = "` + open + `" }`, "sinks.kafka[0]: kafka sink kafka:t: sasl.password_file: " + open + " has mode 0644"},
		{"password_env unset", `[[sources.kafka]]
brokers = ["127.0.0.1:9"]
topics = ["t"]
group = "g"
sasl = { mechanism = "PLAIN", username = "u", password_env = "REDACTD_TEST_UNSET_PW" }`, "sasl.password_env: environment variable REDACTD_TEST_UNSET_PW is not set"},
		{"webhook header env unset", `[[alerts.webhook]]
url = "https://hooks.example.com/x"
headers = { Authorization_env = "REDACTD_TEST_UNSET_TOKEN" }`, "alerts.webhook[0].headers.Authorization_env: environment variable REDACTD_TEST_UNSET_TOKEN is not set"},
		{"webhook url_env unset", `[[alerts.webhook]]
url_env = "REDACTD_TEST_UNSET_URL"`, "alerts.webhook[0].url_env: environment variable REDACTD_TEST_UNSET_URL is not set"},
		{"metrics listen not an address", `[metrics]
listen = "not an address"`, "metrics.listen"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := filepath.Join(dir, fmt.Sprintf("c%d.toml", i))
			os.WriteFile(cfg, []byte(tt.cfg+"\n"), 0o600)
			d := startDaemon(t, "-c", cfg)
			d.stdin.Close()
			code := d.exitCode(t)
			stderr := string(d.stderr.Bytes())
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
			if strings.Contains(stderr, password) || strings.Contains(stderr, "goroutine ") || strings.Count(stderr, "\n") != 1 {
				t.Fatalf("stderr is not one clean line without the secret: %q", stderr)
			}
		})
	}
}
