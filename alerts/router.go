// Package alerts tells the security team about every newly exposed secret,
// once per dedup window, without ever repeating the secret.
//
// The pipeline hands every batch, after detection, to Router.Observe. Observe
// never blocks and never slows the log path: it looks each finding's
// fingerprint up in a bounded set (xxhash keys, TTL = dedup_window), builds
// an Alert only for a fingerprint not alerted within the window, and hands
// it to each sink's bounded queue. A full queue counts the alert as dropped;
// the count goes out in the sink's next delivered alert and in Stats.
// Beyond max_per_minute, alerts are folded into one summary alert a minute.
//
// Router.Run owns the delivery goroutines: one worker per sink (webhook, file,
// Kafka, stderr) and a housekeeping loop (summaries, state persistence).
//
// An Alert carries the rule, the fingerprint and its token, where the secret
// was seen, the redacted line and a remediation hint; never the secret, a
// part of it, or the unredacted line. Errors and logs never hold a webhook
// URL's path or a header value.
package alerts

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

// ErrRunning is returned by Run when it is called a second time.
var ErrRunning = errors.New("alerts: Run called twice")

// Info describes this redactd process in alerts.
type Info struct {
	Host    string
	Version string
}

// Options are what New needs beside the config. A zero Options is valid.
type Options struct {
	// DataDir holds the dedup state file when persistence is on.
	DataDir string
	Info    Info
	// Lookup returns a rule's description and remediation hint; nil or an
	// unknown rule gives empty strings (a generic hint is used).
	Lookup func(ruleID string) (description, remediation string)
	// Template renders tokens as the engine does; empty means
	// detectors.DefaultTemplate.
	Template string
	// Stderr receives the [alerts.stderr] sink's output; nil means os.Stderr.
	// Writes come from one goroutine, one alert per Write call.
	Stderr io.Writer
	// Logger receives redactd's own messages about alert delivery; nil
	// discards them.
	Logger *slog.Logger
}

// Router dedups findings, rate-limits alerts and fans them out to the alert
// sinks. Build it with New, start delivery with Run, feed it with Observe.
// Observe, Stats and Reopen may be called from any goroutine.
type Router struct {
	cfg       Config
	opts      Options
	log       *slog.Logger
	sinks     []*sink
	files     []*fileSender
	statePath string // "" when not persisting

	mu         sync.Mutex // guards everything below
	set        *dedupSet
	dirty      bool // set changed since the last save
	closed     bool // Run is draining; Observe only counts
	running    bool
	winStart   int64 // rate window start (ns); 0 = none yet
	winCount   int
	summary    *Summary // pending, nil when nothing was suppressed
	observed   uint64
	dedupHits  uint64
	raised     uint64
	suppressed uint64
	summaries  uint64
	belowSev   uint64
}

// New builds a Router from a config, which it validates. It resolves
// environment variables for webhook URLs and headers, opens alert files,
// creates Kafka writers (which connect lazily) and, with persist on, loads
// the dedup state. Call Run to start delivery; until then Observe queues
// alerts (bounded).
func New(cfg Config, opts Options) (*Router, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	if opts.Template == "" {
		opts.Template = detectors.DefaultTemplate
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Router{cfg: cfg, opts: opts, log: log, set: newDedupSet(int64(cfg.DedupWindow), cfg.MaxFingerprints)}
	fail := func(err error) (*Router, error) {
		for _, s := range r.sinks {
			s.s.close()
		}
		return nil, err
	}
	add := func(name string, s sender, maxBatch int) {
		r.sinks = append(r.sinks, &sink{
			name: name, s: s, q: make(chan *Alert, cfg.QueueSize), maxBatch: maxBatch,
			log: log,
		})
	}
	for i, wc := range cfg.Webhook {
		w, err := newWebhook(fmt.Sprintf("alerts.webhook[%d]", i), wc, opts.Info)
		if err != nil {
			return fail(err)
		}
		add(fmt.Sprintf("webhook[%d] %s", i, w.display), w, 1)
		w.st = &r.sinks[len(r.sinks)-1].st
	}
	for i, fc := range cfg.File {
		f, err := newFileSender(fc.Path)
		if err != nil {
			return fail(fmt.Errorf("alerts.file[%d].path: %w", i, err))
		}
		if fi, err := f.f.Stat(); err == nil && fi.Mode().Perm()&0o077 != 0 {
			log.Warn("alert file is readable by group or others; new alert files are created 0600", "path", fc.Path, "mode", fi.Mode().Perm().String())
		}
		r.files = append(r.files, f)
		add(fmt.Sprintf("file[%d] %s", i, fc.Path), f, 256)
	}
	for i, kc := range cfg.Kafka {
		k, err := newKafkaSender(fmt.Sprintf("alerts.kafka[%d]", i), kc, log)
		if err != nil {
			return fail(err)
		}
		add(fmt.Sprintf("kafka[%d] %s", i, kc.Topic), k, 256)
	}
	if cfg.Stderr.Enabled {
		add("stderr", &writerSender{w: opts.Stderr, format: cfg.Stderr.Format}, 64)
	}
	if cfg.Persist {
		p := cfg.StateFile
		if !filepath.IsAbs(p) {
			if opts.DataDir == "" {
				return fail(errors.New("alerts.persist: needs data_dir or an absolute alerts.state_file"))
			}
			p = filepath.Join(opts.DataDir, p)
		}
		r.statePath = p
		entries, err := readState(p)
		if err != nil {
			// Starting empty only means alerting again: say so, go on.
			log.Warn("alert dedup state not loaded; secrets seen before may alert again", "err", err)
		}
		now := time.Now().UnixNano()
		for _, e := range entries {
			if now-e.lastSeen < r.set.window && r.set.get(e.hash) == nil {
				r.set.insert(e, now)
			}
		}
	}
	return r, nil
}

// Observe looks at the findings of a batch of records after the detect stage
// (Line must be the redacted line: its excerpt goes into alerts) and raises
// an alert for each fingerprint not alerted within the dedup window. It
// never blocks on delivery: alerts go to bounded queues, and a full queue
// counts a drop. The only wait is for the Router's mutex, held by Stats and
// by the state snapshot (a copy of the dedup set, once per
// persist_interval). A dedup hit costs about 30ns and no allocation; a batch
// without findings costs one pass over it.
//
// Observe does not retain recs or any Line (the excerpt is copied). It is
// meant to be called from one pipeline goroutine but is safe for concurrent
// use, before, during and after Run (after Run, alerts count as dropped).
func (r *Router) Observe(recs []pipeline.Record) {
	found := false
	for i := range recs {
		if len(recs[i].Findings)+len(recs[i].ExtraFindings) > 0 {
			found = true
			break
		}
	}
	if !found {
		return
	}
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range recs {
		rec := &recs[i]
		for j := range rec.Findings {
			r.observe(rec, &rec.Findings[j], false, now)
		}
		for j := range rec.ExtraFindings {
			r.observe(rec, &rec.ExtraFindings[j], true, now)
		}
	}
}

// observe handles one finding; r.mu is held.
func (r *Router) observe(rec *pipeline.Record, f *detectors.Finding, extra bool, now time.Time) {
	if f.Severity < r.cfg.MinSeverity {
		r.belowSev++
		return
	}
	r.observed++
	ns := now.UnixNano()
	h := xxhash.Sum64String(f.Fingerprint)
	if f.Fingerprint == "" {
		// Not expected from the engine; dedup such findings per rule.
		h = xxhash.Sum64String(f.RuleID) ^ 0x5bd1e9955bd1e995
	}
	e := r.set.get(h)
	if e != nil && ns-e.lastSeen >= r.set.window {
		*e = entry{hash: h, first: ns} // unseen for a whole window: forgotten
	}
	if e != nil {
		e.count++
		e.lastSeen = ns
		if ns-e.lastAlert < r.set.window {
			r.dedupHits++
			return
		}
		e.lastAlert = ns
	} else {
		e = r.set.insert(entry{hash: h, first: ns, lastAlert: ns, lastSeen: ns, count: 1}, ns)
	}
	r.dirty = true
	r.raise(rec, f, extra, e, now)
}

// raise builds an alert, or folds it into the minute's summary when the rate
// limit is reached; r.mu is held.
func (r *Router) raise(rec *pipeline.Record, f *detectors.Finding, extra bool, e *entry, now time.Time) {
	ns := now.UnixNano()
	if r.winStart == 0 || ns-r.winStart >= int64(time.Minute) {
		r.flushSummary(now)
		r.winStart, r.winCount = ns, 0
	}
	token := renderToken(r.opts.Template, f.RuleID, f.Fingerprint)
	if r.winCount >= r.cfg.MaxPerMinute {
		r.suppressed++
		if r.summary == nil {
			r.summary = &Summary{From: time.Unix(0, r.winStart), MaxPerMinute: r.cfg.MaxPerMinute, ByRule: map[string]uint64{}}
		}
		s := r.summary
		s.Suppressed++
		s.ByRule[f.RuleID]++
		s.MaxSeverity = max(s.MaxSeverity, f.Severity)
		if len(s.Tokens) < maxSummaryTokens {
			s.Tokens = append(s.Tokens, token)
		} else {
			s.TokensTruncated = true
		}
		return
	}
	r.winCount++
	r.raised++
	var desc, hint string
	if r.opts.Lookup != nil {
		desc, hint = r.opts.Lookup(f.RuleID)
	}
	ctx := f.Context
	if ctx == "" {
		ctx = detectors.ContextText
	}
	line, cut := excerpt(rec.Line, r.cfg.MaxLineBytes)
	a := &Alert{
		Type: TypeSecret, RuleID: f.RuleID, Description: desc, Severity: f.Severity,
		Fingerprint: f.Fingerprint, Token: token, Context: ctx, Where: whereOf(&rec.Meta, extra),
		Line: line, LineTruncated: cut,
		FirstSeen: time.Unix(0, e.first), Time: now, Count: e.count,
		Host: r.opts.Info.Host, Version: r.opts.Info.Version,
		Remediation: remediation(hint, ctx),
	}
	r.dispatch(a)
}

// flushSummary sends the pending summary, if any; r.mu is held.
func (r *Router) flushSummary(now time.Time) {
	if r.summary == nil {
		return
	}
	s := r.summary
	r.summary = nil
	s.To = now
	r.summaries++
	r.dispatch(&Alert{
		Type: TypeSummary, Time: now, Host: r.opts.Info.Host, Version: r.opts.Info.Version,
		Severity: s.MaxSeverity, Summary: s,
	})
}

// dispatch hands a to every sink without blocking; r.mu is held.
func (r *Router) dispatch(a *Alert) {
	for _, s := range r.sinks {
		if r.closed {
			s.st.dropped.Add(1)
			continue
		}
		s.enqueue(a)
	}
}

// Stats are the Router's counters, for metrics.
type Stats struct {
	// Observed counts findings at or above min_severity.
	Observed uint64
	// BelowSeverity counts findings ignored for their severity.
	BelowSeverity uint64
	// Deduplicated counts findings whose fingerprint was alerted within
	// the window.
	Deduplicated uint64
	// Raised counts individual alerts; Suppressed those folded into
	// Summaries summary alerts by the rate limit.
	Raised, Suppressed, Summaries uint64
	// Fingerprints is the size of the dedup set.
	Fingerprints int
	Sinks        []SinkStats
}

// Stats returns a snapshot of the counters.
func (r *Router) Stats() Stats {
	r.mu.Lock()
	st := Stats{
		Observed: r.observed, BelowSeverity: r.belowSev, Deduplicated: r.dedupHits,
		Raised: r.raised, Suppressed: r.suppressed, Summaries: r.summaries, Fingerprints: r.set.len(),
	}
	r.mu.Unlock()
	for _, s := range r.sinks {
		st.Sinks = append(st.Sinks, s.stats())
	}
	return st
}

// Reopen makes file sinks reopen their files before their next write (for
// logrotate, on SIGHUP). It does not block.
func (r *Router) Reopen() {
	for _, f := range r.files {
		f.reopen.Store(true)
	}
}

// Run delivers alerts until ctx is cancelled, then shuts down in stages:
// Observe stops queuing (later alerts count as dropped), the pending summary
// is queued, every sink's worker drains its queue, deliveries still running
// after drain_timeout are cancelled (their alerts count as failed), sinks are
// closed and the dedup state is saved. Run returns after all of its
// goroutines have exited: the sink workers exit when their queue is drained
// after shutdown began; the housekeeping loop is Run itself. Run returns nil
// after a clean shutdown, or the errors of closing sinks and saving state.
func (r *Router) Run(ctx context.Context) error {
	r.mu.Lock()
	if r.running {
		r.mu.Unlock()
		return ErrRunning
	}
	r.running = true
	r.mu.Unlock()

	// Deliveries outlive ctx by up to drain_timeout.
	dctx, cancelDelivery := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelDelivery()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, s := range r.sinks {
		wg.Go(func() { s.run(dctx, stop) })
	}

	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	lastSave := time.Now()
	var errs []error
	for done := false; !done; {
		select {
		case <-ctx.Done():
			done = true
		case now := <-tick.C:
			r.mu.Lock()
			if r.summary != nil && now.UnixNano()-r.winStart >= int64(time.Minute) {
				r.flushSummary(now)
				r.winStart, r.winCount = now.UnixNano(), 0
			}
			r.mu.Unlock()
			if r.statePath != "" && now.Sub(lastSave) >= r.cfg.PersistInterval {
				lastSave = now
				if err := r.save(false); err != nil {
					r.log.Error("saving alert dedup state failed", "err", err)
				}
			}
		}
	}

	r.mu.Lock()
	r.flushSummary(time.Now())
	r.closed = true
	r.mu.Unlock()
	close(stop)
	drain := time.AfterFunc(r.cfg.DrainTimeout, cancelDelivery)
	wg.Wait()
	drain.Stop()
	for _, s := range r.sinks {
		if err := s.s.close(); err != nil {
			errs = append(errs, fmt.Errorf("close alert sink %s: %w", s.name, err))
		}
	}
	if r.statePath != "" {
		if err := r.save(true); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// save writes the dedup state when it changed (or always with force).
// Observe waits for the snapshot copy only, not for the disk.
func (r *Router) save(force bool) error {
	r.mu.Lock()
	if !r.dirty && !force {
		r.mu.Unlock()
		return nil
	}
	now := time.Now().UnixNano()
	entries := r.set.snapshot(make([]entry, 0, r.set.len()), now)
	r.dirty = false
	r.mu.Unlock()
	if err := writeState(r.statePath, entries); err != nil {
		r.mu.Lock()
		r.dirty = true
		r.mu.Unlock()
		return err
	}
	return nil
}
