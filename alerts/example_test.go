package alerts_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/redactd/redactd/alerts"
	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

// collect gathers what the stderr sink writes; only its worker writes, and
// Example reads it after Run returned.
type collect struct{ strings.Builder }

func Example() {
	rules := []detectors.Rule{{
		ID: "example-token", Description: "Example API token", Severity: detectors.SeverityHigh,
		Keywords: []string{"tok_"}, Regex: `tok_[a-z0-9]{24}`, Context: detectors.ContextQuery,
		Remediation: "Revoke it in the example console.",
	}}
	engine, err := detectors.New(rules, detectors.Options{Key: []byte("example-fingerprint-key-of-32-bytes!")})
	if err != nil {
		fmt.Println(err)
		return
	}
	lookup := func(id string) (string, string) { return rules[0].Description, rules[0].Remediation }

	var out collect
	r, err := alerts.New(alerts.Config{Stderr: alerts.StderrConfig{Enabled: true, Format: "json"}},
		alerts.Options{Info: alerts.Info{Host: "web-1", Version: "0.1.0"}, Lookup: lookup, Stderr: &out})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()

	// The pipeline redacts, then observes; the same secret twice alerts once.
	line := []byte("GET /v1/orders?key=tok_0123456789abcdefghijklmn HTTP/1.1")
	red, findings := engine.Redact(nil, line)
	rec := pipeline.Record{Line: red, Findings: findings, Meta: pipeline.Meta{Source: "stdin", LineNo: 1}}
	r.Observe([]pipeline.Record{rec, rec})
	cancel()
	<-done

	var a alerts.Alert
	json.Unmarshal([]byte(out.String()), &a)
	fmt.Println(a.RuleID, a.Severity, a.Context, a.Count)
	fmt.Println(a.Token)
	fmt.Println(a.Line)
	fmt.Println(a.Where)
	fmt.Println(strings.Contains(out.String(), "tok_0123"))
	fmt.Println(r.Stats().Deduplicated)
	// Output:
	// example-token high query 1
	// [REDACTED:example-token:1a8d280863705d81]
	// GET /v1/orders?key=[REDACTED:example-token:1a8d280863705d81] HTTP/1.1
	// stdin line 1
	// false
	// 1
}
