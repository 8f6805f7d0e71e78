package detectors_test

import (
	"bytes"
	"fmt"

	"github.com/redactd/redactd/detectors"
)

// bearerScanner reports the value after "Bearer ". It implements
// KeywordScanner, so the engine calls it only on lines that contain
// "bearer " in any case.
type bearerScanner struct{}

func (bearerScanner) Keywords() []string { return []string{"bearer "} }

func (bearerScanner) Scan(line []byte, out []detectors.Match) []detectors.Match {
	for i := 0; i+7 <= len(line); i++ {
		if !bytes.EqualFold(line[i:i+7], []byte("bearer ")) {
			continue
		}
		s, e := i+7, i+7
		for e < len(line) && line[e] != ' ' && line[e] != '"' && line[e] != '\'' {
			e++
		}
		if e > s {
			out = append(out, detectors.Match{RuleID: "bearer-token", Start: s, End: e, Context: detectors.ContextHeader, Severity: detectors.SeverityHigh})
		}
		i = e
	}
	return out
}

func ExampleKeywordScanner() {
	key := []byte("an-example-key-of-at-least-32-bytes!")
	e, err := detectors.New(nil, detectors.Options{Key: key, Scanners: []detectors.Scanner{bearerScanner{}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range []string{
		`> Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig`,
		`GET /healthz 200`, // no "bearer ": the scanner is not called
	} {
		out, fs := e.Redact(nil, []byte(line))
		fmt.Println(string(out), len(fs))
	}
	// Output:
	// > Authorization: Bearer [REDACTED:bearer-token:f06ed810b4be897b] 1
	// GET /healthz 200 0
}

func ExampleEngine_Rule() {
	key := []byte("an-example-key-of-at-least-32-bytes!")
	e, err := detectors.New([]detectors.Rule{ghpRule, akiaRule}, detectors.Options{Key: key, Disable: []string{"aws-access-key-id"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range e.Rules() {
		fmt.Println(r.ID, r.Severity)
	}
	if r, ok := e.Rule("github-pat"); ok {
		fmt.Println(r.Remediation)
	}
	// Output:
	// github-pat critical
	// revoke it
}
