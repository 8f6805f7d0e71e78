package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/redactd/redactd/config"
	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sinks/stdout"
	"github.com/redactd/redactd/sources/stdin"
)

type runOpts struct {
	config    string
	logFormat string
	logLevel  string
}

func runFlags(e env) (*flag.FlagSet, *runOpts) {
	o := &runOpts{}
	fs := newFlagSet(e, "redactd", mainUsage)
	fs.StringVar(&o.config, "c", "", "config `FILE` (TOML); without it: stdin to stdout with built-in rules")
	fs.StringVar(&o.config, "config", "", "long form of -c")
	fs.StringVar(&o.logFormat, "log-format", "", "format of redactd's own logs on stderr: text or json (default text)")
	fs.StringVar(&o.logLevel, "log-level", "", "level of redactd's own logs: debug, info, warn, error (default info)")
	return fs, o
}

// loadConfig reads path, or returns the embedded default when path is "".
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		return &config.Config{}, nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, usageErr(err)
	}
	return cfg, nil
}

func newLogger(e env, cfg config.Log, format, level string) (*slog.Logger, error) {
	if format == "" {
		format = cfg.Format
	}
	if level == "" {
		level = cfg.Level
	}
	var lv slog.Level
	switch strings.ToLower(level) {
	case "", "info":
		lv = slog.LevelInfo
	case "debug":
		lv = slog.LevelDebug
	case "warn":
		lv = slog.LevelWarn
	case "error":
		lv = slog.LevelError
	default:
		return nil, usageErr(fmt.Errorf("--log-level: want debug, info, warn or error, got %q", level))
	}
	ho := &slog.HandlerOptions{Level: lv}
	switch format {
	case "", "text":
		return slog.New(slog.NewTextHandler(e.stderr, ho)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(e.stderr, ho)), nil
	}
	return nil, usageErr(fmt.Errorf("--log-format: want text or json, got %q", format))
}

func cmdRun(e env, args []string) error {
	fs, o := runFlags(e)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr(fmt.Errorf("unknown command %q (see 'redactd --help')", fs.Arg(0)))
	}
	cfg, err := loadConfig(o.config)
	if err != nil {
		return err
	}
	logger, err := newLogger(e, cfg.Log, o.logFormat, o.logLevel)
	if err != nil {
		return err
	}
	det, err := buildDetection(e, cfg, logger, false)
	if err != nil {
		return usageErr(err)
	}
	p, err := buildPipeline(e, cfg, det, logger)
	if err != nil {
		return usageErr(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	// Asking for SIGPIPE turns a write to a closed stdout into EPIPE, which
	// ends the run quietly instead of killing the process mid-batch.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	defer signal.Stop(sigs)
	stopSignals := make(chan struct{})
	defer close(stopSignals)
	go func() { // exits when the run ends (stopSignals) or on a second signal
		select {
		case s := <-sigs:
			logger.Info("signal received; draining", "signal", s.String())
			cancel()
		case <-stopSignals:
			return
		}
		select {
		case s := <-sigs:
			fmt.Fprintf(e.stderr, "redactd: second %s: exiting without drain\n", s)
			os.Exit(1)
		case <-stopSignals:
		}
	}()

	err = pipeline.Run(ctx, p)
	if errors.Is(err, syscall.EPIPE) {
		return nil
	}
	return err
}

// buildPipeline wires sources, sinks and the detect stage from cfg.
func buildPipeline(e env, cfg *config.Config, det *detection, logger *slog.Logger) (pipeline.Options, error) {
	p := pipeline.Options{
		Redactor:        det.redactor(),
		Workers:         cfg.Workers,
		QueueBatches:    cfg.QueueBatches,
		FailClosed:      det.failClosed,
		ShutdownTimeout: cfg.ShutdownTimeout,
		Logger:          logger,
	}
	stdinCfg := cfg.Sources.Stdin
	if stdinCfg == nil && !cfg.HasSources() {
		stdinCfg = &stdin.Config{Enabled: true}
	}
	if stdinCfg != nil && (stdinCfg.Enabled || !cfg.HasSources()) {
		sc := *stdinCfg
		if sc.MaxLineBytes == 0 {
			sc.MaxLineBytes = cfg.LineLimit()
		}
		p.Sources = append(p.Sources, stdin.New(e.stdin, "stdin", sc))
	}
	if s := cfg.Sinks.Stdout; (s != nil && s.Enabled) || !cfg.HasSinks() {
		p.Sinks = append(p.Sinks, pipeline.NamedSink{Name: "stdout", Sink: stdout.New(e.stdout)})
	}
	if len(p.Sources) == 0 {
		return p, errors.New("no source enabled: set enabled = true in [sources.stdin] or configure another source")
	}
	if len(p.Sinks) == 0 {
		return p, errors.New("no sink enabled: set enabled = true in [sinks.stdout] or configure another sink")
	}
	return p, nil
}
