package alerts

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

// Alert types.
const (
	TypeSecret  = "secret"  // a newly seen (or re-seen after the window) secret
	TypeSummary = "summary" // alerts folded together by the rate limit
)

// Alert is what an alert sink delivers, encoded as one JSON object. It never
// holds a secret, any part of one, or an unredacted line: only rule data, the
// keyed fingerprint and its token, where the secret was seen and the
// redacted line.
type Alert struct {
	Type        string             `json:"type"`
	RuleID      string             `json:"rule_id,omitempty"`
	Description string             `json:"description,omitempty"`
	Severity    detectors.Severity `json:"severity"`
	Fingerprint string             `json:"fingerprint,omitempty"`
	// Token is the fingerprint token as it appears in the redacted line.
	Token string `json:"token,omitempty"`
	// Context is where the secret sat on its line: header, query,
	// url-userinfo, json, assignment, pem or text.
	Context string `json:"context,omitempty"`
	Where   *Where `json:"where,omitempty"`
	// Line is the redacted line, cut to max_line_bytes at a UTF-8 boundary
	// (LineTruncated then is set).
	Line          string `json:"line,omitempty"`
	LineTruncated bool   `json:"line_truncated,omitempty"`
	// FirstSeen is when redactd first saw the fingerprint (kept across
	// windows while it keeps showing up), Time when this alert was raised.
	FirstSeen time.Time `json:"first_seen,omitzero"`
	Time      time.Time `json:"time"`
	// Count is how many times the fingerprint was seen so far, this
	// sighting included.
	Count       uint64 `json:"count,omitempty"`
	Host        string `json:"host,omitempty"`
	Version     string `json:"version,omitempty"`
	Remediation string `json:"remediation,omitempty"`
	// Summary is set for Type "summary".
	Summary *Summary `json:"summary,omitempty"`
	// Lost is how many alerts this sink could not deliver (queue full,
	// delivery failed, shutdown) since it last delivered one.
	Lost uint64 `json:"lost_before,omitempty"`
}

// Where says where a secret was seen. Only the fields the source knows are set.
type Where struct {
	Source string `json:"source,omitempty"` // source kind: stdin, file, kafka, exec
	Name   string `json:"name,omitempty"`   // configured source name
	Path   string `json:"path,omitempty"`
	LineNo int64  `json:"line_no,omitempty"`
	Topic  string `json:"topic,omitempty"`
	// Partition is set together with Topic.
	Partition *int32 `json:"partition,omitempty"`
	// Offset is the byte offset of the line in its file or the Kafka offset.
	Offset *int64 `json:"offset,omitempty"`
	// Field is "line" for the line or message value, "key or header" for a
	// Kafka message key or header value.
	Field string `json:"field"`
	// RecordTime is the record's time from its source (Kafka timestamp or
	// read time), when known.
	RecordTime time.Time `json:"record_time,omitzero"`
}

// Summary counts the alerts the rate limit folded together.
type Summary struct {
	From         time.Time `json:"from"`
	To           time.Time `json:"to"`
	MaxPerMinute int       `json:"max_per_minute"`
	Suppressed   uint64    `json:"suppressed"`
	// MaxSeverity is the highest severity among the suppressed alerts; the
	// summary alert carries it as its own severity.
	MaxSeverity detectors.Severity `json:"max_severity"`
	ByRule      map[string]uint64  `json:"by_rule"`
	// Tokens lists the fingerprint tokens of the first suppressed alerts
	// (at most maxSummaryTokens).
	Tokens          []string `json:"tokens,omitempty"`
	TokensTruncated bool     `json:"tokens_truncated,omitempty"`
}

const maxSummaryTokens = 100

// whereOf builds the location of a finding from a record's Meta.
func whereOf(m *pipeline.Meta, extra bool) *Where {
	w := &Where{Source: m.Source, Name: m.Name, Path: m.Path, LineNo: m.LineNo, Field: "line", RecordTime: m.Time}
	if extra {
		w.Field = "key or header"
	}
	if m.Topic != "" {
		w.Topic = m.Topic
		p, o := m.Partition, m.Offset
		w.Partition, w.Offset = &p, &o
	} else if m.Path != "" {
		o := m.Offset
		w.Offset = &o
	}
	return w
}

// String renders w for humans: "file /var/log/app.log:42",
// "kafka logs/3@1234", "stdin line 7".
func (w *Where) String() string {
	if w == nil {
		return "unknown"
	}
	var b strings.Builder
	b.WriteString(orDefault(w.Source, "source"))
	if w.Name != "" && w.Name != w.Path && w.Name != w.Topic {
		fmt.Fprintf(&b, " %q", w.Name)
	}
	switch {
	case w.Topic != "":
		fmt.Fprintf(&b, " %s/%d", w.Topic, deref(w.Partition))
		if w.Offset != nil {
			fmt.Fprintf(&b, "@%d", *w.Offset)
		}
	case w.Path != "":
		b.WriteString(" " + w.Path)
		if w.LineNo > 0 {
			b.WriteString(":" + strconv.FormatInt(w.LineNo, 10))
		}
	case w.LineNo > 0:
		b.WriteString(" line " + strconv.FormatInt(w.LineNo, 10))
	}
	if w.Field != "line" && w.Field != "" {
		b.WriteString(" (" + w.Field + ")")
	}
	return b.String()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func deref[T any](p *T) T {
	var z T
	if p == nil {
		return z
	}
	return *p
}

// excerpt returns line as a string of at most n bytes, cut at a UTF-8
// boundary, and whether it was cut. line is the redacted line; it is copied.
func excerpt(line []byte, n int) (string, bool) {
	if len(line) <= n {
		return string(line), false
	}
	cut := n
	for cut > 0 && cut > n-utf8.UTFMax && !utf8.RuneStart(line[cut]) {
		cut--
	}
	return string(line[:cut]), true
}

// contextHints are the context-specific halves of remediation hints.
var contextHints = map[string]string{
	detectors.ContextQuery: "It was sent in the clear in a URL query string, so every proxy, load balancer and access log " +
		"on the way may hold it: rotate it and send it in a request header instead.",
	detectors.ContextURLUserinfo: "The password is embedded in a connection string or URL (user:password@host) that got logged: " +
		"change the password and pass credentials separately from URLs that appear in logs.",
	detectors.ContextHeader: "It was logged from an HTTP header (Authorization, Cookie or an API key header): rotate it " +
		"(or end the session) and stop logging request headers.",
	detectors.ContextJSON: "It was logged inside a JSON document: rotate it and mask that field before the payload is logged.",
	detectors.ContextAssignment: "It was logged as a key=value setting (configuration dump, environment or traceback): " +
		"rotate it and keep secrets out of logged configuration.",
	detectors.ContextPEM: "A private key was logged: revoke it, generate a new key pair and reissue (and revoke) " +
		"every certificate issued for the old key.",
	detectors.ContextText: "It appeared in the text of a log line: rotate it and fix the code path that logs it.",
}

// remediation combines the rule's own hint with one fit to the leak context.
func remediation(ruleHint, context string) string {
	if ruleHint == "" {
		ruleHint = "Revoke or rotate this credential now; whoever read the log before redaction may hold it."
	}
	h, ok := contextHints[context]
	if !ok {
		h = contextHints[detectors.ContextText]
	}
	return strings.TrimSpace(ruleHint) + " " + h
}

// renderToken renders a token template ("[REDACTED:{rule}:{fp}]").
func renderToken(tpl, rule, fp string) string {
	return strings.NewReplacer("{rule}", rule, "{fp}", fp).Replace(tpl)
}

// sanitize makes s safe to print on a terminal or in Slack markup: control
// characters become '?', and with slack set &, < and > are escaped.
func sanitize(s string, slack bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteByte('?')
		case slack && r == '&':
			b.WriteString("&amp;")
		case slack && r == '<':
			b.WriteString("&lt;")
		case slack && r == '>':
			b.WriteString("&gt;")
		case slack && r == '`':
			b.WriteByte('\'')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Text renders a for humans on a terminal: a headline and indented details,
// ending in a newline. Control characters in the line are replaced.
func (a *Alert) Text() string {
	var b strings.Builder
	a.render(&b, false)
	return b.String()
}

// Slack renders the "text" of a Slack message for a.
func (a *Alert) Slack() string {
	var b strings.Builder
	a.render(&b, true)
	return strings.TrimSuffix(b.String(), "\n")
}

func (a *Alert) render(b *strings.Builder, slack bool) {
	s := func(v string) string { return sanitize(v, slack) }
	code := func(v string) string {
		if slack {
			return "`" + s(v) + "`"
		}
		return s(v)
	}
	bold := func(v string) string {
		if slack {
			return "*" + s(v) + "*"
		}
		return s(v)
	}
	if a.Type == TypeSummary && a.Summary != nil {
		sm := a.Summary
		fmt.Fprintf(b, "redactd ALERT SUMMARY on %s: %d more exposed secrets between %s and %s (over the limit of %d alerts a minute)\n",
			s(a.Host), sm.Suppressed, sm.From.UTC().Format(time.RFC3339), sm.To.UTC().Format(time.RFC3339), sm.MaxPerMinute)
		rules := make([]string, 0, len(sm.ByRule))
		for r := range sm.ByRule {
			rules = append(rules, r)
		}
		slices.Sort(rules)
		for _, r := range rules {
			fmt.Fprintf(b, "  %s: %d\n", s(r), sm.ByRule[r])
		}
		if len(sm.Tokens) > 0 {
			b.WriteString("  tokens:")
			for _, t := range sm.Tokens {
				b.WriteString(" " + code(t))
			}
			if sm.TokensTruncated {
				b.WriteString(" ...")
			}
			b.WriteByte('\n')
		}
	} else {
		desc := ""
		if a.Description != "" {
			desc = " (" + s(a.Description) + ")"
		}
		fmt.Fprintf(b, "redactd ALERT %s: secret exposed, rule %s%s, token %s\n",
			bold(a.Severity.String()), s(a.RuleID), desc, code(a.Token))
		fmt.Fprintf(b, "  where: %s on host %s, context %s\n", s(a.Where.String()), s(a.Host), s(a.Context))
		fmt.Fprintf(b, "  seen: %d time(s), first %s\n", a.Count, a.FirstSeen.UTC().Format(time.RFC3339))
		if a.Line != "" {
			cut := ""
			if a.LineTruncated {
				cut = " ..."
			}
			fmt.Fprintf(b, "  line: %s%s\n", code(a.Line), cut)
		}
		fmt.Fprintf(b, "  fix: %s\n", s(a.Remediation))
	}
	if a.Lost > 0 {
		fmt.Fprintf(b, "  note: %d earlier alert(s) could not be delivered to this sink\n", a.Lost)
	}
}
