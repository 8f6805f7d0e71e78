// Command recall measures how well redactd's detect stage finds the secrets
// that benchmarks/gen planted:
//
//	go run ./benchmarks/gen -size 64MiB -profile dirty -labels /tmp/dirty.labels.jsonl > /tmp/dirty.log
//	go run ./benchmarks/recall -in /tmp/dirty.log -labels /tmp/dirty.labels.jsonl
//
// Without -out it redacts -in itself, with the engine the binary builds by
// default (benchmarks/internal/redactor) and one PEM follower for the
// stream. With -out it scores a file the binary already redacted
// (redactd < dirty.log > out.log).
//
// A secret is leaked when 12 or more consecutive bytes of it survive on its
// line (a fixed public prefix such as "ghp_" may stay). A false positive is
// a line without a planted secret that changed. The report names kinds,
// counts and line numbers; with -examples N it also prints up to N
// redacted false-positive lines (the data is generated, so they hold no
// real secret).
//
// With -keywords N it prints instead the N built-in rule keywords found on
// most lines of -in: a keyword that occurs on many lines runs its rule's
// regex on many lines and slows every line down. With -rule-cost N it
// prints the N built-in rules whose removal saves the most time per line.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/redactd/redactd/benchmarks/internal/loggen"
	"github.com/redactd/redactd/benchmarks/internal/redactor"
	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/builtin"
	"github.com/redactd/redactd/pipeline"
)

// MinLeak is the number of consecutive secret bytes that make a leak.
const MinLeak = 12

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "recall:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("recall", flag.ContinueOnError)
	in := fs.String("in", "", "generated log `file` (required)")
	labelsPath := fs.String("labels", "", "labels `file` written by gen -labels (required)")
	outPath := fs.String("out", "", "score this redacted `file` instead of redacting -in in process")
	keywords := fs.Int("keywords", 0, "instead of scoring, print the `N` built-in rule keywords found on most lines of -in (first 20,000 lines)")
	ruleCost := fs.Int("rule-cost", 0, "instead of scoring, print the `N` built-in rules whose removal saves most time per line of -in (first 20,000 lines; ~20 s)")
	examples := fs.Int("examples", 0, "print up to `N` false-positive lines and up to N leaked line numbers")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in != "" && *keywords > 0 {
		return keywordRates(*in, *keywords, stdout)
	}
	if *in != "" && *ruleCost > 0 {
		return ruleCosts(*in, *ruleCost, stdout)
	}
	if *in == "" || *labelsPath == "" {
		return errors.New("-in and -labels are required")
	}
	labels, err := readLabels(*labelsPath)
	if err != nil {
		return err
	}
	src, err := os.Open(*in)
	if err != nil {
		return err
	}
	defer src.Close()
	var out *bufio.Reader
	if *outPath != "" {
		f, err := os.Open(*outPath)
		if err != nil {
			return err
		}
		defer f.Close()
		out = bufio.NewReaderSize(f, 1<<20)
	}
	var red *redactor.Stream
	var follower pipeline.LineFollower
	if out == nil {
		r, err := redactor.New()
		if err != nil {
			return err
		}
		red, follower = &r, r.NewStream()
	}

	var s score
	s.kinds = map[string]*kindScore{}
	br := bufio.NewReaderSize(src, 1<<20)
	li := 0
	for n := int64(1); ; n++ {
		line, err := readLine(br)
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", *in, err)
		}
		var got []byte
		if out != nil {
			if got, err = readLine(out); err != nil {
				return fmt.Errorf("%s: line %d: %w (the redacted file has fewer lines)", *outPath, n, err)
			}
		} else {
			r, f := red.Redact(nil, line)
			got, _ = follower.Follow(nil, r, f)
		}
		var here []loggen.Label
		for li < len(labels) && labels[li].Line == n {
			here = append(here, labels[li])
			li++
		}
		s.add(n, line, got, here, *examples, stdout)
	}
	if li < len(labels) {
		return fmt.Errorf("%s: %d labels point past the last line", *labelsPath, len(labels)-li)
	}
	s.print(stdout)
	return nil
}

// readLine returns the next line without its newline. The slice is only
// valid until the next call, so it is copied.
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		long := slices.Clone(line)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = r.ReadSlice('\n')
			long = append(long, line...)
		}
		line = long
	}
	if err == io.EOF && len(line) > 0 {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	return slices.Clone(bytes.TrimSuffix(line, []byte("\n"))), nil
}

func readLabels(path string) ([]loggen.Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []loggen.Label
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var l loggen.Label
		if err := dec.Decode(&l); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: label %d: %w", path, len(out)+1, err)
		}
		out = append(out, l)
	}
	slices.SortStableFunc(out, func(a, b loggen.Label) int { return int(a.Line - b.Line) })
	return out, nil
}

// leaked reports whether MinLeak or more consecutive bytes of secret,
// beyond its public prefix, survive in line.
func leaked(line []byte, secret string, public int) bool {
	if len(secret) < MinLeak {
		return bytes.Contains(line, []byte(secret))
	}
	for i := 0; i+MinLeak <= len(secret); i++ {
		if i+MinLeak <= public {
			continue // entirely inside the public prefix
		}
		if bytes.Contains(line, []byte(secret[i:i+MinLeak])) {
			return true
		}
	}
	return false
}

type kindScore struct{ total, leaked int }

type score struct {
	lines, cleanLines, fpLines int64
	secrets, leaks             int
	kinds                      map[string]*kindScore
	shownFP, shownLeak         int
}

func (s *score) add(n int64, in, out []byte, labels []loggen.Label, examples int, w io.Writer) {
	s.lines++
	if len(labels) == 0 {
		s.cleanLines++
		if !bytes.Equal(in, out) {
			s.fpLines++
			if s.shownFP < examples {
				s.shownFP++
				fmt.Fprintf(w, "false positive, line %d: %s\n", n, out)
			}
		}
		return
	}
	for _, l := range labels {
		k := s.kinds[l.Kind]
		if k == nil {
			k = &kindScore{}
			s.kinds[l.Kind] = k
		}
		k.total++
		s.secrets++
		if leaked(out, l.Secret, l.PublicPrefix) {
			k.leaked++
			s.leaks++
			if s.shownLeak < examples {
				s.shownLeak++
				fmt.Fprintf(w, "leaked, line %d: %s (%s, %d bytes)\n", n, l.Kind, l.Context, len(l.Secret))
			}
		}
	}
}

func (s *score) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\tsecrets\tleaked\trecall\t")
	names := make([]string, 0, len(s.kinds))
	for k := range s.kinds {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		ks := s.kinds[k]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f%%\t\n", k, ks.total, ks.leaked, pct(ks.total-ks.leaked, ks.total))
	}
	fmt.Fprintf(tw, "all\t%d\t%d\t%.2f%%\t\n", s.secrets, s.leaks, pct(s.secrets-s.leaks, s.secrets))
	tw.Flush()
	fmt.Fprintf(w, "lines %d, lines without a secret %d, false-positive lines %d (%.4f%%)\n",
		s.lines, s.cleanLines, s.fpLines, pct(int(s.fpLines), int(s.cleanLines)))
}

// ruleCosts prints the built-in rules that cost most per line of path
// (first 20,000 lines): for each rule, an engine of the other built-in rules
// (no scanners) is timed against one of all of them, best of three passes.
func ruleCosts(path string, top int, w io.Writer) error {
	lines, err := firstLines(path, 20000)
	if err != nil {
		return err
	}
	rules := builtin.Rules()
	timeIt := func(disable []string) (time.Duration, error) {
		e, err := detectors.New(rules, detectors.Options{Key: redactor.Key, Disable: disable})
		if err != nil {
			return 0, err
		}
		dst := make([]byte, 0, 64<<10)
		best := time.Duration(1<<63 - 1)
		for range 3 {
			start := time.Now()
			for _, l := range lines {
				e.Redact(dst[:0], l)
			}
			best = min(best, time.Since(start))
		}
		return best, nil
	}
	all, err := timeIt(nil)
	if err != nil {
		return err
	}
	type cost struct {
		id    string
		saved time.Duration
	}
	var costs []cost
	for _, r := range rules {
		d, err := timeIt([]string{r.ID})
		if err != nil {
			return err
		}
		costs = append(costs, cost{r.ID, all - d})
	}
	slices.SortFunc(costs, func(a, b cost) int { return int(b.saved - a.saved) })
	perLine := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(len(lines)) }
	fmt.Fprintf(w, "%d built-in rules, %d lines of %s: %.0f ns/line; removing one rule saves (noisy below ~10 ns):\n", len(rules), len(lines), path, perLine(all))
	for _, c := range costs[:min(top, len(costs))] {
		fmt.Fprintf(w, "%7.0f ns/line  %s\n", perLine(c.saved), c.id)
	}
	return nil
}

func firstLines(path string, n int) ([][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	var out [][]byte
	for len(out) < n {
		line, err := readLine(br)
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		out = append(out, line)
	}
	return out, nil
}

// keywordRates prints the built-in rules' keywords that occur (ASCII
// case-insensitively, as the prefilter matches them) on the most lines of
// the first 20,000 lines of path: a keyword found on many lines runs its
// rule's regex on many lines.
func keywordRates(path string, top int, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	type kw struct {
		word  string
		rules []string
		lines int
	}
	idx := map[string]*kw{}
	for _, r := range builtin.Rules() {
		for _, k := range r.Keywords {
			k = strings.ToLower(k)
			if idx[k] == nil {
				idx[k] = &kw{word: k}
			}
			idx[k].rules = append(idx[k].rules, r.ID)
		}
	}
	kws := make([]*kw, 0, len(idx))
	for _, k := range idx {
		kws = append(kws, k)
	}
	br := bufio.NewReaderSize(f, 1<<20)
	n := 0
	for ; n < 20000; n++ {
		line, err := readLine(br)
		if err == io.EOF {
			break
		} else if err != nil {
			return err
		}
		low := bytes.ToLower(line)
		for _, k := range kws {
			if bytes.Contains(low, []byte(k.word)) {
				k.lines++
			}
		}
	}
	slices.SortFunc(kws, func(a, b *kw) int {
		if a.lines != b.lines {
			return b.lines - a.lines
		}
		return strings.Compare(a.word, b.word)
	})
	fmt.Fprintf(w, "%d keywords of %d built-in rules over %d lines of %s\n", len(kws), len(builtin.Rules()), n, path)
	for _, k := range kws[:min(top, len(kws))] {
		fmt.Fprintf(w, "%7.3f%%  %-24q %s\n", pct(k.lines, n), k.word, strings.Join(k.rules, ","))
	}
	return nil
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
