package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/redactd/redactd/alerts"
	"github.com/redactd/redactd/config"
	"github.com/redactd/redactd/internal/metrics"
	"github.com/redactd/redactd/pipeline"
	filesink "github.com/redactd/redactd/sinks/file"
	kafkasink "github.com/redactd/redactd/sinks/kafka"
	"github.com/redactd/redactd/sinks/stdout"
	filesrc "github.com/redactd/redactd/sources/file"
	kafkasrc "github.com/redactd/redactd/sources/kafka"
	"github.com/redactd/redactd/sources/stdin"
)

type runOpts struct {
	config    string
	logFormat string
	logLevel  string
	report    bool
}

func runFlags(e env) (*flag.FlagSet, *runOpts) {
	o := &runOpts{}
	fs := newFlagSet(e, "redactd", mainUsage)
	fs.StringVar(&o.config, "c", "", "config `FILE` (TOML); without it: stdin to stdout with built-in rules")
	fs.StringVar(&o.config, "config", "", "long form of -c")
	fs.StringVar(&o.logFormat, "log-format", "", "format of redactd's own logs on stderr: text or json (default text)")
	fs.StringVar(&o.logLevel, "log-level", "", "level of redactd's own logs: debug, info, warn, error (default info)")
	fs.BoolVar(&o.report, "report", false, "print a one-line summary on stderr at exit (lines, findings, unique secrets)")
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
		return usageErr(inFile(o.config, err))
	}
	live := newLiveRedactor(det)
	p, err := buildPipeline(e, cfg, live, logger, false)
	if err != nil {
		return usageErr(inFile(o.config, err))
	}
	var mx *metrics.Metrics
	var ready atomic.Bool
	if cfg.Metrics.Listen != "" {
		ln, err := metrics.Listen(cfg.Metrics.Listen)
		if err != nil {
			closeSinks(p.Sinks)
			return usageErr(inFile(o.config, err))
		}
		mx = metrics.New(version)
		instrument(mx, &p)
		metricsCtx, stopMetrics := context.WithCancel(context.Background())
		var metricsWG sync.WaitGroup
		defer metricsWG.Wait()
		defer stopMetrics()
		h := mx.Handler(func(context.Context) error {
			if !ready.Load() {
				return errors.New("not running: starting, draining or failed")
			}
			return nil
		})
		metricsWG.Go(func() { // exits when stopMetrics is called
			if err := metrics.Serve(metricsCtx, ln, h); err != nil {
				logger.Error("metrics listener stopped", "err", err)
			}
		})
		logger.Info("metrics listening", "addr", ln.Addr().String())
	}
	var rep *reporter
	if o.report {
		rep = newReporter()
		p.Observer = appendObserver(p.Observer, rep)
	}
	p.Stats = new(pipeline.Stats)

	var router *alerts.Router
	if cfg.Alerts.Enabled() {
		if router, err = newAlertRouter(e, cfg, live, logger); err != nil {
			return usageErr(err)
		}
		p.Observer = appendObserver(p.Observer, router)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	hups := make(chan os.Signal, 1)
	signal.Notify(hups, syscall.SIGHUP)
	// Asking for SIGPIPE turns a write to a closed stdout into EPIPE, which
	// ends the run quietly instead of killing the process mid-batch.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	defer signal.Stop(sigs)
	defer signal.Stop(hups)
	stopSignals := make(chan struct{})
	var sigWG sync.WaitGroup
	defer sigWG.Wait()
	defer close(stopSignals)
	sigWG.Go(func() { // exits when the run ends (stopSignals) or on a second signal
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
	})
	sigWG.Go(func() { // exits when the run ends
		for {
			select {
			case <-hups:
				if !reload(e, o.config, live, p, logger) && mx != nil {
					mx.Error(metrics.ErrReload)
				}
				if router != nil {
					router.Reopen()
				}
			case <-stopSignals:
				return
			}
		}
	})

	stopAlerts := runAlerts(router, logger)

	if mx != nil {
		mx.WatchPipeline(p.Stats)
		if router != nil {
			mx.WatchAlerts(metrics.RouterStats(router))
		}
		p.Observer = mx.Observer(p.Observer)
	}
	ready.Store(true)
	context.AfterFunc(ctx, func() { ready.Store(false) })
	err = pipeline.Run(ctx, p)
	ready.Store(false)
	// Alerts of the last lines are delivered before exit, within the
	// router's own drain timeout.
	stopAlerts()
	if rep != nil {
		rep.write(e.stderr, p.Stats)
	}
	if errors.Is(err, syscall.EPIPE) {
		return nil
	}
	return err
}

func appendObserver(cur pipeline.Observer, o pipeline.Observer) pipeline.Observer {
	switch c := cur.(type) {
	case nil:
		return o
	case observers:
		return append(c, o)
	default:
		return observers{c, o}
	}
}

// reopener is implemented by sinks that reopen their files on SIGHUP.
type reopener interface{ Reopen() error }

// reload handles SIGHUP: sinks reopen their files (logrotate), and the rules
// and allowlists of the config file are recompiled and swapped in between
// lines. An invalid new config is reported and the running one stays.
// Changes to sources and sinks need a restart.
func reload(e env, path string, live *liveRedactor, p pipeline.Options, logger *slog.Logger) (ok bool) {
	ok = true
	for _, s := range p.Sinks {
		if r, ok := s.Sink.(reopener); ok {
			if err := r.Reopen(); err != nil {
				logger.Error("SIGHUP: reopening sink failed", "sink", s.Name, "err", err)
				ok = false
			} else {
				logger.Info("SIGHUP: sink reopened", "sink", s.Name)
			}
		}
	}
	if path == "" {
		return ok
	}
	cfg, err := config.Load(path)
	if err != nil {
		logger.Error("SIGHUP: new config is invalid; keeping the running one", "err", err)
		return false
	}
	old := live.cur.Load()
	d, err := compileDetection(cfg, old.key, logger, true)
	if err != nil {
		logger.Error("SIGHUP: new rules are invalid; keeping the running ones", "file", path, "err", err)
		return false
	}
	live.swap(d)
	logger.Info("SIGHUP: rules reloaded", "file", path, "rules", len(d.rules))
	return ok
}

// instrument wraps every source and sink of p to count lines, bytes,
// batch latency and errors.
func instrument(m *metrics.Metrics, p *pipeline.Options) {
	n := map[string]int{}
	for i, src := range p.Sources {
		kind := "source"
		switch src.(type) {
		case *stdin.Source:
			kind = "stdin"
		case *filesrc.Source:
			kind = "file"
		case *kafkasrc.Source:
			kind = "kafka"
		}
		name := fmt.Sprintf("%s[%d]", kind, n[kind])
		n[kind]++
		switch s := src.(type) {
		case *filesrc.Source:
			s.OnCheckpoint(m.Checkpoint(name).Saved)
		case *kafkasrc.Source:
			s.SetHooks(kafkasrc.Hooks{
				Committed: m.Checkpoint(name).Saved,
				Lag: func(topic string, partition int32, lag int64) {
					m.KafkaLag(name, topic, partition, lag)
				},
			})
		}
		p.Sources[i] = m.Source(name, kind, src)
	}
	for i, ns := range p.Sinks {
		kind := "sink"
		switch ns.Sink.(type) {
		case *stdout.Sink:
			kind = "stdout"
		case *filesink.Sink:
			kind = "file"
		case *kafkasink.Sink:
			kind = "kafka"
		}
		p.Sinks[i] = m.Sink(kind, ns)
	}
}

// buildPipeline wires sources, sinks and the detect stage from cfg.
//
// With dry set (redactd check) nothing is opened or created: sources and
// sinks that touch the file system are counted, not built.
func buildPipeline(e env, cfg *config.Config, live *liveRedactor, logger *slog.Logger, dry bool) (pipeline.Options, error) {
	p := pipeline.Options{
		Redactor:        live,
		Workers:         cfg.Workers,
		QueueBatches:    cfg.QueueBatches,
		FailClosed:      live.failClosed,
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
		if sc.Oversize == "" {
			sc.Oversize = cfg.OversizeMode()
		}
		p.Sources = append(p.Sources, stdin.New(e.stdin, "stdin", sc))
	}
	// addSource and addSink build one configured component each; with dry
	// set they only count it. key names it in errors, as in the config.
	addSource := func(key string, open func(*slog.Logger) (pipeline.Source, error)) error {
		if dry {
			p.Sources = append(p.Sources, nil)
			return nil
		}
		src, err := open(logger) // sources name themselves in their logs
		if err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		p.Sources = append(p.Sources, src)
		return nil
	}
	addSink := func(key, name string, open func(*slog.Logger) (pipeline.Sink, error)) error {
		if dry {
			p.Sinks = append(p.Sinks, pipeline.NamedSink{Name: name})
			return nil
		}
		sink, err := open(logger.With("sink", name))
		if err != nil {
			closeSinks(p.Sinks)
			return fmt.Errorf("%s: %w", key, err)
		}
		p.Sinks = append(p.Sinks, pipeline.NamedSink{Name: name, Sink: sink})
		return nil
	}
	for i, fc := range cfg.Sources.File {
		if fc.MaxLineBytes == 0 {
			fc.MaxLineBytes = cfg.LineLimit()
		}
		if fc.Oversize == "" {
			fc.Oversize = cfg.OversizeMode()
		}
		if err := addSource(fmt.Sprintf("sources.file[%d]", i), func(l *slog.Logger) (pipeline.Source, error) {
			return filesrc.New(fc, cfg.DataDir, l)
		}); err != nil {
			return p, err
		}
	}
	for i, kc := range cfg.Sources.Kafka {
		if kc.MaxLineBytes == 0 {
			kc.MaxLineBytes = cfg.LineLimit()
		}
		if kc.Oversize == "" {
			kc.Oversize = cfg.OversizeMode()
		}
		if err := addSource(fmt.Sprintf("sources.kafka[%d]", i), func(l *slog.Logger) (pipeline.Source, error) {
			return kafkasrc.NewSource(kc, l)
		}); err != nil {
			return p, err
		}
	}
	if s := cfg.Sinks.Stdout; (s != nil && s.Enabled) || !cfg.HasSinks() {
		p.Sinks = append(p.Sinks, pipeline.NamedSink{Name: "stdout", Sink: stdout.New(e.stdout)})
	}
	for i, fc := range cfg.Sinks.File {
		name := cmp.Or(fc.Name, "file:"+fc.Path)
		if err := addSink(fmt.Sprintf("sinks.file[%d]", i), name, func(l *slog.Logger) (pipeline.Sink, error) {
			return filesink.NewSink(fc, l)
		}); err != nil {
			return p, err
		}
	}
	for i, kc := range cfg.Sinks.Kafka {
		name := cmp.Or(kc.Name, "kafka:"+kc.Topic)
		if err := addSink(fmt.Sprintf("sinks.kafka[%d]", i), name, func(l *slog.Logger) (pipeline.Sink, error) {
			return kafkasink.NewSink(kc, l)
		}); err != nil {
			return p, err
		}
	}
	if dry {
		if err := checkSecrets(cfg); err != nil {
			return p, err
		}
	}
	if len(p.Sources) == 0 {
		closeSinks(p.Sinks)
		return p, errors.New("no source enabled: set enabled = true in [sources.stdin] or configure another source")
	}
	if len(p.Sinks) == 0 {
		closeSinks(p.Sinks)
		return p, errors.New("no sink enabled: set enabled = true in [sinks.stdout] or configure another sink")
	}
	return p, nil
}

// checkSecrets resolves, without connecting or opening anything, what the
// daemon reads from the environment and files at start (Kafka SASL
// passwords and TLS files, webhook URLs and headers) and the metrics
// address, so that `redactd check` refuses what a start would.
func checkSecrets(cfg *config.Config) error {
	for i, kc := range cfg.Sources.Kafka {
		if _, err := kc.Security.Resolve(kc.Brokers, nil); err != nil {
			return fmt.Errorf("sources.kafka[%d]: %w", i, err)
		}
	}
	for i, kc := range cfg.Sinks.Kafka {
		if _, err := kc.Security.Resolve(kc.Brokers, nil); err != nil {
			return fmt.Errorf("sinks.kafka[%d]: %w", i, err)
		}
	}
	if err := cfg.Alerts.CheckEnvironment(); err != nil {
		return err
	}
	if l := cfg.Metrics.Listen; l != "" {
		if _, err := net.ResolveTCPAddr("tcp", l); err != nil {
			return fmt.Errorf("metrics.listen: %q is not a host:port address", l)
		}
	}
	return nil
}

// runAlerts starts router's delivery (nil: nothing to run). The returned
// stop ends it and waits until its queues drained, within the router's own
// drain timeout; the goroutine exits then.
func runAlerts(router *alerts.Router, logger *slog.Logger) (stop func()) {
	if router == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := router.Run(ctx); err != nil {
			logger.Error("alerts stopped", "err", err)
		}
	})
	return func() {
		cancel()
		wg.Wait()
	}
}

// newAlertRouter builds the alert router; rule descriptions and remediation
// hints come from the detection current when an alert is raised.
func newAlertRouter(e env, cfg *config.Config, live *liveRedactor, logger *slog.Logger) (*alerts.Router, error) {
	host, _ := os.Hostname()
	return alerts.New(cfg.Alerts, alerts.Options{
		DataDir:  cfg.DataDir,
		Info:     alerts.Info{Host: host, Version: version},
		Lookup:   live.describe,
		Template: cfg.Fingerprint.Template,
		Stderr:   e.stderr,
		Logger:   logger,
	})
}

// closeSinks closes sinks opened before a later setting failed.
func closeSinks(sinks []pipeline.NamedSink) {
	for _, s := range sinks {
		if s.Sink != nil {
			s.Sink.Close(context.Background())
		}
	}
}

// inFile prefixes err with the config file it concerns, if any.
func inFile(path string, err error) error {
	if path == "" {
		return err
	}
	return fmt.Errorf("%s: %w", path, err)
}
