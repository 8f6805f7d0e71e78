package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/redactd/redactd/alerts"
	"github.com/redactd/redactd/config"
	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sources/stdin"
)

const execUsage = `Usage: redactd exec [-c FILE] -- CMD [ARG]...

Runs CMD with its standard output and standard error each passed through
redaction, line by line, to redactd's standard output and standard error: a
container entrypoint that needs no shell pipe. A line appears as soon as CMD
writes its newline; a last line without one is written when CMD exits. A
line longer than max_line_bytes is cut into pieces, each scanned with 16 KiB
of the line on either side (or, with oversize = "redact", replaced whole).

SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 are forwarded to CMD.
When stdin is not a terminal, CMD runs in its own process group and gets
each signal once, from redactd. On a terminal it stays in the terminal's
foreground group, so Ctrl-C and Ctrl-\ reach it directly and redactd does
not forward SIGINT and SIGQUIT a second time.

With -c, the config's [alerts] sinks get an alert for each newly seen
secret, as in daemon mode (source "exec", name "stdout" or "stderr").

redactd exits with CMD's exit status (128+N when a signal N killed it), 127
when CMD was not found, 126 when it could not be run, 2 on a usage or config
error. The fingerprint key's environment variable is removed from CMD's
environment.

Examples:
  redactd exec -- gunicorn app:app
  ENTRYPOINT ["redactd", "exec", "-c", "/etc/redactd/redactd.toml", "--", "python", "app.py"]

Flags:
`

// execGrace is how long redactd keeps reading CMD's output after CMD exited
// while nothing arrives (a background grandchild may hold the pipes open).
var execGrace = time.Second

// forwardedSignals are passed on to the child.
var forwardedSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGUSR1, syscall.SIGUSR2}

func cmdExec(e env, args []string) error {
	fl := newFlagSet(e, "exec", execUsage)
	var path string
	fl.StringVar(&path, "c", "", "config `FILE` whose [detect], [fingerprint], [alerts] and max_line_bytes settings apply")
	fl.StringVar(&path, "config", "", "long form of -c")
	if err := parse(e, fl, args); err != nil {
		return err
	}
	argv := fl.Args()
	if len(argv) == 0 {
		return usageErr(errors.New("exec: no command given (usage: redactd exec [-c FILE] -- CMD [ARG]...)"))
	}
	cfg, err := loadConfig(path)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	det, err := buildDetection(e, cfg, logger, false)
	if err != nil {
		return usageErr(err)
	}
	var obs pipeline.Observer
	var router *alerts.Router
	if cfg.Alerts.Enabled() {
		if router, err = newAlertRouter(e, cfg, newLiveRedactor(det), logger); err != nil {
			return usageErr(err)
		}
		obs = router
	}
	keyEnv := cfg.Fingerprint.KeyEnv
	if keyEnv == "" {
		keyEnv = config.DefaultKeyEnv
	}

	outR, outW, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("exec: %w", err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		outR.Close()
		outW.Close()
		return fmt.Errorf("exec: %w", err)
	}
	defer outR.Close()
	defer errR.Close()

	interactive := isTerminal(e.stdin)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin = e.stdin
	cmd.Stdout = outW
	cmd.Stderr = errW
	cmd.Env = withoutVar(os.Environ(), keyEnv)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: !interactive}

	// Catch the signals before the child exists, so none is lost between
	// Start and the forwarding loop. SIGPIPE is asked for so that a write
	// to a closed stdout fails with EPIPE instead of killing redactd.
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, forwardedSignals...)
	defer signal.Stop(sigs)
	pipeSigs := make(chan os.Signal, 1)
	signal.Notify(pipeSigs, syscall.SIGPIPE)
	defer signal.Stop(pipeSigs)

	// alerts of the last lines are delivered within drain_timeout
	defer runAlerts(router, logger)()

	err = cmd.Start()
	outW.Close()
	errW.Close()
	if err != nil {
		code := 126
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
			code = 127
		}
		return &exitError{code: code, err: fmt.Errorf("exec: %w", err)}
	}

	var wg sync.WaitGroup
	done := make(chan struct{})
	// Forwarding loop: exits when the child has been reaped (done).
	wg.Go(func() {
		for {
			select {
			case s := <-sigs:
				if interactive && (s == syscall.SIGINT || s == syscall.SIGQUIT) {
					continue // the terminal sent it to the child already
				}
				cmd.Process.Signal(s)
			case <-done:
				return
			}
		}
	})

	lineMax := cfg.LineLimit()
	streams := []*execStream{
		{name: "stdout", r: &idleReader{r: outR}, f: outR, w: e.stdout},
		{name: "stderr", r: &idleReader{r: errR}, f: errR, w: e.stderr},
	}
	var pumps sync.WaitGroup
	for _, s := range streams {
		pumps.Go(func() { s.pump(det, obs, lineMax, cfg.OversizeMode()) })
	}

	waitErr := cmd.Wait()
	close(done)
	wg.Wait()

	// Drain what the child left in the pipes; stop waiting for a stream
	// that stayed empty for execGrace (a grandchild holding it open).
	pumpsDone := make(chan struct{})
	wg.Go(func() { pumps.Wait(); close(pumpsDone) }) // exits when both pumps return, which the loop below forces
	tick := time.NewTicker(execGrace / 10)
	defer tick.Stop()
wait:
	for {
		select {
		case <-pumpsDone:
			wg.Wait()
			break wait
		case <-tick.C:
			for _, s := range streams {
				if s.r.idleFor() > execGrace && s.abandoned.CompareAndSwap(false, true) {
					s.f.Close()
				}
			}
		}
	}

	for _, s := range streams {
		if s.writeErr != nil && !errors.Is(s.writeErr, syscall.EPIPE) {
			fmt.Fprintf(e.stderr, "redactd: exec: write %s: %v\n", s.name, s.writeErr)
		}
	}
	if waitErr == nil {
		return nil
	}
	var ee *exec.ExitError
	if !errors.As(waitErr, &ee) {
		return fmt.Errorf("exec: %s: %w", argv[0], waitErr)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return &exitError{code: 128 + int(ws.Signal()), err: fmt.Errorf("exec: %s killed by signal %s", argv[0], ws.Signal())}
	}
	return &exitError{code: ee.ExitCode(), err: fmt.Errorf("exec: %s exited with status %d", argv[0], ee.ExitCode())}
}

// withoutVar returns environ without the variable name.
func withoutVar(environ []string, name string) []string {
	out := make([]string, 0, len(environ))
	for _, kv := range environ {
		if k, _, _ := strings.Cut(kv, "="); k == name {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// execStream is one of the child's output streams.
type execStream struct {
	name      string
	r         *idleReader
	f         *os.File // the pipe's read end, closed to abandon the stream
	w         io.Writer
	abandoned atomic.Bool
	writeErr  error // set by pump before it returns
}

// pump reads the stream through a stdin source (which cuts lines and
// oversize pieces), redacts every line, shows each line with findings to
// obs (nil for none) and writes the lines of each read with one Write. It
// returns at the end of the stream. After a write error it closes the pipe,
// so the child sees EPIPE as it would writing to the closed stream directly.
func (s *execStream) pump(det *detection, obs pipeline.Observer, maxLine int, oversize string) {
	src := stdin.New(s.r, s.name, stdin.Config{MaxLineBytes: maxLine, ReadBytes: 32 << 10, Oversize: oversize})
	batches := make(chan pipeline.Batch, 1)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(batches)
		// The source returns at EOF or when the pipe is closed under it;
		// either way the stream is over.
		src.Run(context.Background(), batches)
	})
	var follower pipeline.LineFollower
	if det.newFollower != nil {
		follower = det.newFollower()
	}
	var lr execLineRedactor
	var buf []byte
	for b := range batches {
		if s.writeErr != nil {
			ack(b, s.writeErr)
			continue // drain until the source noticed the closed pipe
		}
		buf = buf[:0]
		for i := range b.Records {
			r := &b.Records[i]
			out, fs := lr.redact(det, follower, r)
			if len(fs) > 0 && obs != nil {
				r.Line, r.Findings = out, fs
				r.Meta.Source, r.Meta.Name = "exec", s.name
				obs.Observe(b.Records[i : i+1])
			}
			buf = append(buf, out...)
			if !r.NoNewline {
				buf = append(buf, '\n')
			}
		}
		if _, err := s.w.Write(buf); err != nil {
			s.writeErr = err
			s.abandoned.Store(true)
			s.f.Close()
		}
		// buf holds copies: the source may reuse the batch's buffers, and
		// must get back its slots for batches of long-line pieces, or it
		// stops reading after a few of them.
		ack(b, s.writeErr)
	}
	wg.Wait()
}

// ack acknowledges b to its source, if it asks for that.
func ack(b pipeline.Batch, err error) {
	if b.Ack != nil {
		b.Ack(err)
	}
}

// execLineRedactor holds the scratch buffers of one stream.
type execLineRedactor struct {
	a, b []byte
}

// redact returns the line to write for r, redacted (a piece of a long line
// in its window) or replaced whole when the detector fails or a piece
// cannot be scanned, and its findings. The result is
// valid until the next call.
func (lr *execLineRedactor) redact(det *detection, f pipeline.LineFollower, r *pipeline.Record) (out []byte, fs []detectors.Finding) {
	line := r.Line
	failClosed := func(rule string) ([]byte, []detectors.Finding) {
		out, fd := det.failClosed(lr.a[:0], rule, line)
		lr.a = out[:0]
		return out, []detectors.Finding{fd}
	}
	if r.Oversize {
		if out, fs, ok := pipeline.RedactPiece(det.engine, f, r); ok {
			return out, fs
		}
		return failClosed(pipeline.RuleOversize)
	}
	defer func() {
		if recover() != nil {
			out, fs = failClosed(pipeline.RuleDetectorError)
		}
	}()
	out, fs = det.engine.Redact(lr.a[:0], line)
	if len(fs) > 0 {
		lr.a = out[:0]
	}
	if f != nil {
		in := out
		out, fs = f.Follow(lr.b[:0], in, fs)
		if len(out) > 0 && (len(in) == 0 || &out[0] != &in[0]) {
			lr.b = out[:0]
		}
	}
	return out, fs
}

// idleReader tells how long its current Read has been waiting.
type idleReader struct {
	r     io.Reader
	since atomic.Int64 // UnixNano when the pending Read began; 0 when none
}

func (ir *idleReader) Read(p []byte) (int, error) {
	ir.since.Store(time.Now().UnixNano())
	n, err := ir.r.Read(p)
	ir.since.Store(0)
	return n, err
}

// idleFor returns how long the pending Read has waited (0 when none).
func (ir *idleReader) idleFor() time.Duration {
	s := ir.since.Load()
	if s == 0 {
		return 0
	}
	return time.Since(time.Unix(0, s))
}
