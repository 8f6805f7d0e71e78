package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

const scanUsage = `Usage: redactd scan [flags] [FILE|DIR|-]...

Reports the secrets in files (directories are walked; stdin when no FILE is
given, or for "-") without writing the log anywhere: for CI jobs that check
build logs and artefacts before they are published. The report carries rule
ids, positions, fingerprints and tokens, never a secret.

Exit codes: 0 nothing found, 1 secrets found, 2 error (bad flag or config,
unreadable file; the report still covers what was readable).

A line longer than --max-line-bytes is not scanned and is reported as a
finding of rule "oversize" (fail closed). On a terminal, progress (bytes,
lines/s, findings) is shown on stderr. Lines are scanned on every core
(--workers); the report is the same for any number of workers.

Examples:
  redactd scan build.log
  redactd scan --format sarif -c redactd.toml logs/ > redactd.sarif
  kubectl logs job/migrate | redactd scan --format json | jq '.findings[].rule'

Flags:
`

// Scan output formats.
const (
	formatText  = "text"
	formatJSON  = "json"
	formatSARIF = "sarif"
)

const (
	// scanDisplayBytes bounds the redacted line shown in the text format.
	scanDisplayBytes = 240
	// scanMaxUnique bounds the set of fingerprints counted as unique.
	scanMaxUnique = 1 << 20
	progressEvery = 200 * time.Millisecond
)

type scanOpts struct {
	config     string
	format     string
	maxLine    int
	maxResults int
	stdinName  string
	noProgress bool
	workers    int
}

// scanResult is one finding in the report. It holds no secret.
type scanResult struct {
	File        string `json:"file"`
	Line        int64  `json:"line"`
	Column      int    `json:"column"`     // 1-based, in Unicode code points
	EndColumn   int    `json:"end_column"` // one past the last character
	StartByte   int    `json:"start_byte"` // 0-based byte offsets in the line
	EndByte     int    `json:"end_byte"`
	Rule        string `json:"rule"`
	Severity    string `json:"severity"`
	Context     string `json:"context"`
	Fingerprint string `json:"fingerprint"`
	Token       string `json:"token"`
}

type scanSummary struct {
	Files       int   `json:"files"`
	Lines       int64 `json:"lines"`
	Bytes       int64 `json:"bytes"`
	Findings    int64 `json:"findings"`
	Unique      int   `json:"unique_fingerprints"`
	FilesWith   int   `json:"files_with_findings"`
	Truncated   bool  `json:"truncated"` // more findings than --max-results
	StableKey   bool  `json:"stable_key"`
	ErrorsCount int   `json:"errors"`
}

// scanner scans inputs and accumulates the report.
type scanner struct {
	det      *detection
	redactor pipeline.Redactor // det.engine; a test may wrap it
	tpl      string
	o        scanOpts
	text     *bufio.Writer // text format: results are written as found
	results  []scanResult  // json and sarif
	sum      scanSummary
	unique   map[string]struct{}
	errs     []string
	buf, fb  []byte // the report stage's buffers for fail-closed tokens and the follower
	stderr   io.Writer
	progress io.Writer // nil when stderr is not a terminal
	started  time.Time
	lastProg time.Time
	// chunkBytes bounds the lines of one chunk of work (scanChunkBytes).
	chunkBytes int
}

func cmdScan(e env, args []string) error {
	return scanCommand(e, args, (*scanner).scanInputs)
}

// scanCommand is cmdScan with the function that scans the inputs into the
// report, so tests can compare scanInputs with a one-goroutine scan.
func scanCommand(e env, args []string, scanInputs func(s *scanner, stdin io.Reader, inputs []string)) error {
	fs := newFlagSet(e, "scan", scanUsage)
	var o scanOpts
	fs.StringVar(&o.config, "c", "", "config `FILE` whose [detect] and [fingerprint] settings apply")
	fs.StringVar(&o.config, "config", "", "long form of -c")
	fs.StringVar(&o.format, "format", formatText, "report `format`: text, json or sarif (SARIF 2.1.0)")
	fs.IntVar(&o.maxLine, "max-line-bytes", 0, "longest line scanned; longer lines are reported as oversize (default: max_line_bytes of the config, 1 MiB)")
	fs.IntVar(&o.maxResults, "max-results", 10000, "most findings listed in a json or sarif report; all are counted (0: no limit)")
	fs.StringVar(&o.stdinName, "stdin-name", "stdin", "`name` of standard input in the report")
	fs.BoolVar(&o.noProgress, "no-progress", false, "never show progress, even on a terminal")
	fs.IntVar(&o.workers, "workers", 0, "detect workers (default: workers of the config, else one per core); the report is the same for any number")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	switch o.format {
	case formatText, formatJSON, formatSARIF:
	default:
		return usageErr(fmt.Errorf("scan: --format: want text, json or sarif, got %q", o.format))
	}
	if o.maxLine < 0 || o.maxResults < 0 || o.workers < 0 {
		return usageErr(errors.New("scan: --max-line-bytes, --max-results and --workers must not be negative"))
	}
	cfg, err := loadConfig(o.config)
	if err != nil {
		return err
	}
	if o.maxLine == 0 {
		o.maxLine = cfg.LineLimit()
	}
	if o.workers == 0 {
		o.workers = cfg.Workers
	}
	if o.workers == 0 {
		o.workers = runtime.GOMAXPROCS(0)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	det, err := buildDetection(e, cfg, logger, false)
	if err != nil {
		return usageErr(err)
	}
	s := &scanner{det: det, redactor: det.engine, chunkBytes: scanChunkBytes, o: o, stderr: e.stderr, unique: map[string]struct{}{}, tpl: cfg.Fingerprint.Template, started: time.Now()}
	if s.tpl == "" {
		s.tpl = detectors.DefaultTemplate
	}
	s.sum.StableKey = det.key.stable
	if !o.noProgress && isTerminal(e.stderr) {
		s.progress = e.stderr
	}
	if o.format == formatText {
		s.text = bufio.NewWriter(e.stdout)
	}

	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	scanInputs(s, e.stdin, inputs)
	s.clearProgress()
	if err := s.report(e.stdout); err != nil {
		return fmt.Errorf("scan: write report: %w", err)
	}
	switch {
	case len(s.errs) > 0:
		return &exitError{code: 2, err: fmt.Errorf("scan: %d of the inputs could not be read", len(s.errs))}
	case s.sum.Findings > 0:
		return &exitError{code: 1, err: fmt.Errorf("scan: %d secrets found (%d unique) in %d of %d files", s.sum.Findings, s.sum.Unique, s.sum.FilesWith, s.sum.Files)}
	}
	return nil
}

// isTerminal reports whether w (a stream: reader or writer) is a terminal
// (a character device).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// fail records an input error. os errors name the path and the cause,
// never file content.
func (s *scanner) fail(err error) {
	s.errs = append(s.errs, err.Error())
	s.sum.ErrorsCount++
	s.clearProgress()
	fmt.Fprintf(s.stderr, "redactd: scan: %v\n", err)
}

// record adds the findings of one line to the report.
func (s *scanner) record(name string, lineNo int64, line, redacted []byte, fs []detectors.Finding) {
	for _, f := range fs {
		s.sum.Findings++
		if _, ok := s.unique[f.Fingerprint]; !ok && len(s.unique) < scanMaxUnique {
			s.unique[f.Fingerprint] = struct{}{}
		}
		start, end := clamp(f.Start, len(line)), clamp(f.End, len(line))
		r := scanResult{
			File:        name,
			Line:        lineNo,
			Column:      1 + utf8.RuneCount(line[:start]),
			EndColumn:   1 + utf8.RuneCount(line[:end]),
			StartByte:   start,
			EndByte:     end,
			Rule:        f.RuleID,
			Severity:    f.Severity.String(),
			Context:     f.Context,
			Fingerprint: f.Fingerprint,
			Token:       renderToken(s.tpl, f.RuleID, f.Fingerprint),
		}
		if r.EndColumn <= r.Column {
			r.EndColumn = r.Column + 1
		}
		if s.text != nil {
			fmt.Fprintf(s.text, "%s:%d:%d: %s (%s, %s) fingerprint %s %s\n", r.File, r.Line, r.Column, r.Rule, r.Severity, r.Context, r.Fingerprint, r.Token)
			continue
		}
		if s.o.maxResults > 0 && len(s.results) >= s.o.maxResults {
			s.sum.Truncated = true
			continue
		}
		s.results = append(s.results, r)
	}
	s.sum.Unique = len(s.unique)
	if s.text != nil {
		s.text.WriteString("    | ")
		s.text.Write(displayLine(redacted))
		s.text.WriteByte('\n')
	}
}

func clamp(i, n int) int { return max(0, min(i, n)) }

// renderToken renders the token template for a rule and fingerprint, as the
// engine does, without needing the secret.
func renderToken(tpl, rule, fp string) string {
	return strings.NewReplacer("{rule}", rule, "{fp}", fp).Replace(tpl)
}

// displayLine returns a redacted line fit for a terminal: control bytes
// shown as '.', cut at scanDisplayBytes on a character boundary.
func displayLine(line []byte) []byte {
	cut := len(line) > scanDisplayBytes
	if cut {
		n := scanDisplayBytes
		for n > 0 && !utf8.RuneStart(line[n]) {
			n--
		}
		line = line[:n]
	}
	out := make([]byte, 0, len(line)+4)
	for _, c := range line {
		if c < 0x20 && c != '\t' || c == 0x7f {
			c = '.'
		}
		out = append(out, c)
	}
	if cut {
		out = append(out, "…"...)
	}
	return out
}

func (s *scanner) showProgress() {
	now := time.Now()
	if now.Sub(s.lastProg) < progressEvery {
		return
	}
	s.lastProg = now
	el := now.Sub(s.started).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(s.sum.Lines) / el
	}
	fmt.Fprintf(s.progress, "\r\x1b[Kscanning: %.1f MiB, %d lines (%.0f lines/s), %d findings", float64(s.sum.Bytes)/(1<<20), s.sum.Lines, rate, s.sum.Findings)
}

func (s *scanner) clearProgress() {
	if s.progress != nil && !s.lastProg.IsZero() {
		fmt.Fprint(s.progress, "\r\x1b[K")
		s.lastProg = time.Time{}
	}
}

// report writes the summary (text) or the whole report (json, sarif).
func (s *scanner) report(w io.Writer) error {
	switch s.o.format {
	case formatJSON:
		return s.reportJSON(w)
	case formatSARIF:
		return s.reportSARIF(w)
	}
	if s.sum.Findings == 0 {
		fmt.Fprintf(s.text, "no secrets found in %d files (%d lines)\n", s.sum.Files, s.sum.Lines)
	} else {
		fmt.Fprintf(s.text, "%d secrets found (%d unique) in %d of %d files (%d lines)\n", s.sum.Findings, s.sum.Unique, s.sum.FilesWith, s.sum.Files, s.sum.Lines)
	}
	return s.text.Flush()
}

func (s *scanner) reportJSON(w io.Writer) error {
	rep := struct {
		Tool     string       `json:"tool"`
		Version  string       `json:"version"`
		Findings []scanResult `json:"findings"`
		Summary  scanSummary  `json:"summary"`
		Errors   []string     `json:"errors"`
	}{"redactd", version, s.results, s.sum, s.errs}
	if rep.Findings == nil {
		rep.Findings = []scanResult{}
	}
	if rep.Errors == nil {
		rep.Errors = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}

// lineReader reads lines of at most max bytes from r.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

// next returns the next line without its "\n", the number of bytes it
// consumed (0 at the end) and whether the line was longer than max (then
// line holds its first max bytes and the rest was skipped). line aliases
// the reader's buffers and is valid until the next call. err is io.EOF
// after the last line.
func (lr *lineReader) next() (line []byte, n int64, oversize bool, err error) {
	lr.buf = lr.buf[:0]
	for {
		frag, err := lr.r.ReadSlice('\n')
		n += int64(len(frag))
		complete := err == nil
		if complete {
			frag = frag[:len(frag)-1]
		}
		if complete && len(lr.buf) == 0 && !oversize && len(frag) <= lr.max {
			return frag, n, false, nil // the common case: no copy
		}
		if room := lr.max - len(lr.buf); len(frag) > room {
			frag = frag[:max(room, 0)]
			oversize = true
		}
		lr.buf = append(lr.buf, frag...)
		switch {
		case complete:
			return lr.buf, n, oversize, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return lr.buf, n, oversize, err
		}
	}
}

// uri renders a path as a SARIF artifact URI: relative paths stay relative
// (with forward slashes), absolute paths become file:// URIs.
func uri(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}

// SARIF 2.1.0 (OASIS), the subset redactd writes.
const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	infoURI      = "https://github.com/redactd/redactd"
	// sarifFingerprintKey names the partial fingerprint: the keyed
	// fingerprint of the secret, stable across runs under one key.
	sarifFingerprintKey = "secretFingerprint/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	ShortDescription     sarifMessage   `json:"shortDescription"`
	Help                 *sarifMessage  `json:"help,omitempty"`
	DefaultConfiguration sarifRuleConf  `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties,omitempty"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string       `json:"level"`
	Message sarifMessage `json:"message"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int64 `json:"startLine"`
	StartColumn int   `json:"startColumn"`
	EndColumn   int   `json:"endColumn"`
}

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(sev string) string {
	switch sev {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "note"
}

// securitySeverity is the 0-10 score code-scanning tools rank results by.
func securitySeverity(sev string) string {
	switch sev {
	case "critical":
		return "9.5"
	case "high":
		return "8.0"
	case "medium":
		return "5.5"
	}
	return "3.0"
}

// sarifRuleFor describes a rule id that appears in the results.
func (s *scanner) sarifRuleFor(id, sev string) sarifRule {
	r := sarifRule{ID: id, ShortDescription: sarifMessage{Text: id}, DefaultConfiguration: sarifRuleConf{Level: sarifLevel(sev)}}
	switch id {
	case pipeline.RuleOversize:
		r.ShortDescription.Text = fmt.Sprintf("Line longer than %d bytes, not scanned (fail closed)", s.o.maxLine)
		r.Help = &sarifMessage{Text: "Raise --max-line-bytes (or max_line_bytes) to scan such lines."}
	case pipeline.RuleDetectorError:
		r.ShortDescription.Text = "The detector failed on this line; it was not scanned (fail closed)"
	}
	if rule, ok := s.det.engine.Rule(id); ok {
		if rule.Description != "" {
			r.ShortDescription.Text = rule.Description
		}
		if rule.Remediation != "" {
			r.Help = &sarifMessage{Text: rule.Remediation}
		}
		sev = rule.Severity.String()
		r.DefaultConfiguration.Level = sarifLevel(sev)
	}
	r.Properties = map[string]any{"tags": []string{"security", "secret"}, "security-severity": securitySeverity(sev)}
	return r
}

func (s *scanner) reportSARIF(w io.Writer) error {
	run := sarifRun{
		Tool:        sarifTool{Driver: sarifDriver{Name: "redactd", Version: version, InformationURI: infoURI, Rules: []sarifRule{}}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(s.errs) == 0}},
		ColumnKind:  "unicodeCodePoints",
		Results:     make([]sarifResult, 0, len(s.results)),
	}
	for _, e := range s.errs {
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotification{Level: "error", Message: sarifMessage{Text: e}})
	}
	if s.sum.Truncated {
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotification{Level: "warning", Message: sarifMessage{Text: fmt.Sprintf("%d findings, only the first %d listed (--max-results)", s.sum.Findings, s.o.maxResults)}})
	}
	ruleIdx := map[string]int{}
	for _, r := range s.results {
		i, ok := ruleIdx[r.Rule]
		if !ok {
			i = len(run.Tool.Driver.Rules)
			ruleIdx[r.Rule] = i
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, s.sarifRuleFor(r.Rule, r.Severity))
		}
		run.Results = append(run.Results, sarifResult{
			RuleID:    r.Rule,
			RuleIndex: i,
			Level:     sarifLevel(r.Severity),
			Message: sarifMessage{Text: fmt.Sprintf("%s secret (%s, in %s) with fingerprint %s; redactd writes it as %s. Revoke or rotate it if it is real.",
				r.Rule, r.Severity, r.Context, r.Fingerprint, r.Token)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: uri(r.File)},
				Region:           sarifRegion{StartLine: r.Line, StartColumn: r.Column, EndColumn: r.EndColumn},
			}}},
			PartialFingerprints: map[string]string{sarifFingerprintKey: r.Fingerprint},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}
