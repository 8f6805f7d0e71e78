package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// scanFixture writes files with and without secrets into a temp dir.
func scanFixture(t *testing.T) (dir, dirty, clean string) {
	t.Helper()
	dir = t.TempDir()
	dirty = filepath.Join(dir, "build log.txt") // a space: SARIF URIs must escape it
	clean = filepath.Join(dir, "clean.log")
	os.WriteFile(dirty, []byte("step 1 ok\nDEBUG stripe=\""+fakeStripe+"\" é\nstep 3 ok\n→ again "+fakeStripe), 0o600)
	os.WriteFile(clean, []byte("nothing to see\nhere\n"), 0o600)
	return dir, dirty, clean
}

func TestScanExitCodes(t *testing.T) {
	dir, dirty, clean := scanFixture(t)
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"clean stdin", "hello\nworld\n", nil, 0},
		{"secret on stdin", "key " + fakeStripe + "\n", nil, 1},
		{"clean file", "", []string{clean}, 0},
		{"dirty file", "", []string{dirty}, 1},
		{"directory", "", []string{dir}, 1},
		{"stdin dash and file", "x " + fakeStripe, []string{clean, "-"}, 1},
		{"missing file", "", []string{filepath.Join(dir, "nope.log")}, 2},
		{"missing file beside a dirty one", "", []string{dirty, filepath.Join(dir, "nope.log")}, 2},
		{"bad format", "", []string{"--format", "xml", clean}, 2},
		{"bad flag", "", []string{"--frobnicate", clean}, 2},
		{"bad config", "", []string{"-c", filepath.Join(dir, "nope.toml"), clean}, 2},
		{"help", "", []string{"--help"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runIn(t, tt.stdin, keyEnv(), append([]string{"scan"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("scan %v = exit %d; want %d (stdout %q, stderr %q)", tt.args, code, tt.code, out, stderr)
			}
			if strings.Contains(out+stderr, fakeStripe) {
				t.Errorf("scan %v printed the secret", tt.args)
			}
		})
	}
}

func TestScanTextFormat(t *testing.T) {
	_, dirty, _ := scanFixture(t)
	_, daemonOut, _ := runIn(t, "x "+fakeStripe+"\n", keyEnv())
	token := strings.TrimSpace(strings.TrimPrefix(daemonOut, "x "))

	code, out, stderr := runIn(t, "", keyEnv(), "scan", dirty)
	if code != 1 {
		t.Fatalf("exit %d; want 1 (stderr %q)", code, stderr)
	}
	want := []string{
		dirty + ":2:15: stripe-secret-key (",
		"fingerprint " + token[len(token)-17:len(token)-1] + " " + token + "\n",
		"    | DEBUG stripe=\"" + token + "\" é\n",
		dirty + ":4:9: stripe-secret-key (",
		"2 secrets found (1 unique) in 1 of 1 files (4 lines)\n",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("text report lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "step 1 ok") {
		t.Errorf("text report shows a clean line:\n%s", out)
	}
	if !strings.Contains(stderr, "2 secrets found") || strings.Contains(stderr, "\r") {
		t.Errorf("stderr = %q; want the summary and no progress (not a terminal)", stderr)
	}
}

func TestScanJSONFormat(t *testing.T) {
	_, dirty, clean := scanFixture(t)
	code, out, _ := runIn(t, "", keyEnv(), "scan", "--format", "json", dirty, clean)
	if code != 1 {
		t.Fatalf("exit %d; want 1", code)
	}
	var rep struct {
		Tool     string
		Findings []scanResult
		Summary  scanSummary
		Errors   []string
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("json report does not parse: %v\n%s", err, out)
	}
	if rep.Tool != "redactd" || len(rep.Findings) != 2 || rep.Summary.Files != 2 || rep.Summary.FilesWith != 1 ||
		rep.Summary.Findings != 2 || rep.Summary.Unique != 1 || !rep.Summary.StableKey || len(rep.Errors) != 0 {
		t.Fatalf("json report = %+v", rep)
	}
	f := rep.Findings[0]
	wantF := scanResult{File: dirty, Line: 2, Column: 15, EndColumn: 15 + len(fakeStripe), StartByte: 14, EndByte: 14 + len(fakeStripe),
		Rule: "stripe-secret-key", Severity: f.Severity, Context: f.Context, Fingerprint: f.Fingerprint, Token: "[REDACTED:stripe-secret-key:" + f.Fingerprint + "]"}
	if f != wantF || len(f.Fingerprint) != 16 || f.Severity == "" {
		t.Errorf("finding = %+v; want %+v", f, wantF)
	}
	// "→ again " is 8 characters but 10 bytes: columns count code points.
	if g := rep.Findings[1]; g.Line != 4 || g.Column != 9 || g.StartByte != 10 || g.Fingerprint != f.Fingerprint {
		t.Errorf("second finding = %+v; want line 4, column 9, byte 10, same fingerprint", g)
	}

	code, out, _ = runIn(t, "", keyEnv(), "scan", "--format", "json", clean)
	if code != 0 || !strings.Contains(out, `"findings": []`) || !strings.Contains(out, `"errors": []`) {
		t.Errorf("clean json report: exit %d, %s", code, out)
	}
}

func TestScanSARIF(t *testing.T) {
	_, dirty, _ := scanFixture(t)
	code, out, _ := runIn(t, "key="+fakeStripe+"\n", keyEnv(), "scan", "--format", "sarif", dirty, "-", filepath.Join(filepath.Dir(dirty), "missing.log"))
	if code != 2 {
		t.Fatalf("exit %d; want 2 (an input is missing)", code)
	}
	if strings.Contains(out, fakeStripe) {
		t.Fatal("SARIF report holds the secret")
	}
	var log map[string]any
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("SARIF does not parse: %v", err)
	}
	checkSARIF(t, log)

	run := log["runs"].([]any)[0].(map[string]any)
	results := run["results"].([]any)
	if len(results) != 3 {
		t.Fatalf("%d results; want 3", len(results))
	}
	r0 := results[0].(map[string]any)
	loc := r0["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	if uri := loc["artifactLocation"].(map[string]any)["uri"]; uri != "file://"+strings.ReplaceAll(filepath.ToSlash(dirty), " ", "%20") {
		t.Errorf("artifact uri = %v", uri)
	}
	region := loc["region"].(map[string]any)
	if region["startLine"] != 2.0 || region["startColumn"] != 15.0 || region["endColumn"] != float64(15+len(fakeStripe)) {
		t.Errorf("region = %v; want line 2, columns 15..%d", region, 15+len(fakeStripe))
	}
	if r0["ruleId"] != "stripe-secret-key" || r0["level"] != "error" {
		t.Errorf("result = %v", r0)
	}
	if fp := r0["partialFingerprints"].(map[string]any)[sarifFingerprintKey]; fp == nil || len(fp.(string)) != 16 {
		t.Errorf("partialFingerprints = %v", r0["partialFingerprints"])
	}
	r2 := results[2].(map[string]any)
	if u := r2["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"]; u != "stdin" {
		t.Errorf("stdin uri = %v", u)
	}
	inv := run["invocations"].([]any)[0].(map[string]any)
	if inv["executionSuccessful"] != false || len(inv["toolExecutionNotifications"].([]any)) != 1 {
		t.Errorf("invocation = %v; want a failed execution with one notification", inv)
	}
	rules := run["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)
	if len(rules) != 1 {
		t.Errorf("%d rules; want the one rule that has results", len(rules))
	}
}

// checkSARIF checks what the SARIF 2.1.0 schema requires of the parts
// redactd writes: required properties, their JSON types, enums and minima.
func checkSARIF(t *testing.T, log map[string]any) {
	t.Helper()
	fail := func(path, format string, args ...any) {
		t.Errorf("SARIF %s: %s", path, fmt.Sprintf(format, args...))
	}
	obj := func(path string, v any) map[string]any {
		m, ok := v.(map[string]any)
		if !ok {
			fail(path, "is %T; want an object", v)
		}
		return m
	}
	arr := func(path string, v any) []any {
		a, ok := v.([]any)
		if !ok {
			fail(path, "is %T; want an array", v)
		}
		return a
	}
	str := func(path string, v any) string {
		s, ok := v.(string)
		if !ok || s == "" {
			fail(path, "is %T %v; want a non-empty string", v, v)
		}
		return s
	}
	intMin := func(path string, v any, min float64) {
		n, ok := v.(float64)
		if !ok || n != float64(int64(n)) || n < min {
			fail(path, "is %v; want an integer >= %v", v, min)
		}
	}
	message := func(path string, v any) {
		str(path+".text", obj(path, v)["text"])
	}
	levels := map[string]bool{"none": true, "note": true, "warning": true, "error": true}

	if log["version"] != "2.1.0" {
		fail("version", "= %v; want 2.1.0", log["version"])
	}
	if s := str("$schema", log["$schema"]); !strings.Contains(s, "sarif-schema-2.1.0") && !strings.Contains(s, "sarif-2.1.0") {
		fail("$schema", "= %s", s)
	}
	runs := arr("runs", log["runs"])
	if len(runs) != 1 {
		fail("runs", "has %d runs; want 1", len(runs))
	}
	for i, rv := range runs {
		p := fmt.Sprintf("runs[%d]", i)
		run := obj(p, rv)
		driver := obj(p+".tool.driver", obj(p+".tool", run["tool"])["driver"])
		str(p+".tool.driver.name", driver["name"])
		str(p+".tool.driver.version", driver["version"])
		if u := str(p+".tool.driver.informationUri", driver["informationUri"]); !strings.HasPrefix(u, "https://") {
			fail(p+".tool.driver.informationUri", "= %s; want an absolute URI", u)
		}
		rules := arr(p+".tool.driver.rules", driver["rules"])
		ruleIDs := map[string]int{}
		for j, rv := range rules {
			rp := fmt.Sprintf("%s.tool.driver.rules[%d]", p, j)
			r := obj(rp, rv)
			id := str(rp+".id", r["id"])
			if _, dup := ruleIDs[id]; dup {
				fail(rp+".id", "%s listed twice", id)
			}
			ruleIDs[id] = j
			message(rp+".shortDescription", r["shortDescription"])
			if h, ok := r["help"]; ok {
				message(rp+".help", h)
			}
			lv := str(rp+".defaultConfiguration.level", obj(rp+".defaultConfiguration", r["defaultConfiguration"])["level"])
			if !levels[lv] {
				fail(rp+".defaultConfiguration.level", "= %s; want none, note, warning or error", lv)
			}
		}
		if ck, ok := run["columnKind"]; ok && ck != "utf16CodeUnits" && ck != "unicodeCodePoints" {
			fail(p+".columnKind", "= %v", ck)
		}
		for j, iv := range arr(p+".invocations", run["invocations"]) {
			ip := fmt.Sprintf("%s.invocations[%d]", p, j)
			inv := obj(ip, iv)
			if _, ok := inv["executionSuccessful"].(bool); !ok {
				fail(ip+".executionSuccessful", "is %T; want a boolean (required)", inv["executionSuccessful"])
			}
			if ns, ok := inv["toolExecutionNotifications"]; ok {
				for k, nv := range arr(ip+".toolExecutionNotifications", ns) {
					np := fmt.Sprintf("%s.toolExecutionNotifications[%d]", ip, k)
					n := obj(np, nv)
					message(np+".message", n["message"])
					if !levels[fmt.Sprint(n["level"])] {
						fail(np+".level", "= %v", n["level"])
					}
				}
			}
		}
		for j, resv := range arr(p+".results", run["results"]) {
			rp := fmt.Sprintf("%s.results[%d]", p, j)
			res := obj(rp, resv)
			message(rp+".message", res["message"]) // the one required property of a result
			id := str(rp+".ruleId", res["ruleId"])
			idx, known := ruleIDs[id]
			if !known {
				fail(rp+".ruleId", "%s is not in tool.driver.rules", id)
			}
			if ri, ok := res["ruleIndex"]; ok && ri != float64(idx) {
				fail(rp+".ruleIndex", "= %v; want %d, the index of %s", ri, idx, id)
			}
			if !levels[fmt.Sprint(res["level"])] {
				fail(rp+".level", "= %v", res["level"])
			}
			locs := arr(rp+".locations", res["locations"])
			if len(locs) == 0 {
				fail(rp+".locations", "is empty")
			}
			for k, lv := range locs {
				lp := fmt.Sprintf("%s.locations[%d].physicalLocation", rp, k)
				pl := obj(lp, obj(lp, lv)["physicalLocation"])
				str(lp+".artifactLocation.uri", obj(lp+".artifactLocation", pl["artifactLocation"])["uri"])
				reg := obj(lp+".region", pl["region"])
				intMin(lp+".region.startLine", reg["startLine"], 1)
				intMin(lp+".region.startColumn", reg["startColumn"], 1)
				intMin(lp+".region.endColumn", reg["endColumn"], 1)
				if sc, ec := reg["startColumn"].(float64), reg["endColumn"].(float64); ec <= sc {
					fail(lp+".region", "endColumn %v <= startColumn %v", ec, sc)
				}
			}
			pf := obj(rp+".partialFingerprints", res["partialFingerprints"])
			for k, v := range pf {
				str(rp+".partialFingerprints."+k, v)
			}
		}
	}
}

func TestScanOversizeFailsClosed(t *testing.T) {
	long := strings.Repeat("a", 100) + fakeStripe + strings.Repeat("b", 100)
	code, out, _ := runIn(t, "short\n"+long+"\nafter "+fakeStripe+"\n", keyEnv(), "scan", "--max-line-bytes", "64", "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d; want 1", code)
	}
	var rep struct {
		Findings []scanResult
		Summary  scanSummary
	}
	json.Unmarshal([]byte(out), &rep)
	if len(rep.Findings) != 2 || rep.Findings[0].Rule != "oversize" || rep.Findings[0].Line != 2 ||
		rep.Findings[1].Rule != "stripe-secret-key" || rep.Findings[1].Line != 3 || rep.Summary.Lines != 3 {
		t.Fatalf("report = %s", out)
	}
	if rep.Summary.Bytes != int64(len("short\n"+long+"\nafter "+fakeStripe+"\n")) {
		t.Errorf("bytes = %d; want every byte of the input counted", rep.Summary.Bytes)
	}
	if strings.Contains(out, fakeStripe) || strings.Contains(out, "aaaa") {
		t.Errorf("report holds line content: %s", out)
	}
}

func TestScanMaxResults(t *testing.T) {
	in := strings.Repeat("k="+fakeStripe+"\n", 5)
	code, out, _ := runIn(t, in, keyEnv(), "scan", "--format", "json", "--max-results", "2")
	var rep struct {
		Findings []scanResult
		Summary  scanSummary
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 {
		t.Fatalf("exit %d, %v", code, err)
	}
	if len(rep.Findings) != 2 || rep.Summary.Findings != 5 || !rep.Summary.Truncated {
		t.Errorf("listed %d of %d findings, truncated %v; want 2 of 5, true", len(rep.Findings), rep.Summary.Findings, rep.Summary.Truncated)
	}
}

func TestScanProgress(t *testing.T) {
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
	r, w, _ := os.Pipe()
	defer r.Close()
	defer w.Close()
	if isTerminal(w) {
		t.Error("a pipe is a terminal")
	}
	var buf bytes.Buffer
	s := &scanner{progress: &buf, started: time.Now().Add(-2 * time.Second)}
	s.sum.Lines, s.sum.Bytes, s.sum.Findings = 4000, 3<<20, 7
	s.showProgress()
	s.showProgress() // within progressEvery: no second update
	s.clearProgress()
	got := buf.String()
	if strings.Count(got, "scanning:") != 1 || !strings.Contains(got, "3.0 MiB, 4000 lines (") || !strings.Contains(got, "7 findings") || !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("progress = %q", got)
	}
}

func TestLineReader(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want []string // "!" prefix marks an oversize line
	}{
		{"a\nbb\n", 10, []string{"a", "bb"}},
		{"a\nbb", 10, []string{"a", "bb"}},
		{"", 10, nil},
		{"\n\n", 10, []string{"", ""}},
		{"abcdefghij\nabcdefghijk\nx", 10, []string{"abcdefghij", "!abcdefghij", "x"}},
		{"a\r\n", 10, []string{"a\r"}},
		{strings.Repeat("z", 200000) + "\nok\n", 100000, []string{"!" + strings.Repeat("z", 100000), "ok"}},
	}
	for _, tt := range tests {
		lr := lineReader{r: bufioReader(tt.in), max: tt.max}
		var got []string
		var total int64
		for {
			line, n, over, err := lr.next()
			total += n
			if n > 0 {
				s := string(line)
				if over {
					s = "!" + s
				}
				got = append(got, s)
			}
			if err != nil {
				break
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || total != int64(len(tt.in)) {
			t.Errorf("lineReader(%.20q, %d) = %.60q (%d bytes); want %.60q (%d bytes)", tt.in, tt.max, got, total, tt.want, len(tt.in))
		}
	}
}

// bufioReader uses bufio's smallest buffer, so lines span many ReadSlice
// calls.
func bufioReader(s string) *bufio.Reader { return bufio.NewReaderSize(strings.NewReader(s), 16) }

func TestScanMultiLinePEM(t *testing.T) {
	body := []string{
		"MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
		"VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
		"LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo",
	}
	in := "before\n-----BEGIN RSA PRIVATE KEY-----\n" + strings.Join(body, "\n") + "\n-----END RSA PRIVATE KEY-----\nafter\n"
	code, out, _ := runIn(t, in, keyEnv(), "scan", "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d; want 1", code)
	}
	var rep struct{ Findings []scanResult }
	json.Unmarshal([]byte(out), &rep)
	lines := map[int64]bool{}
	for _, f := range rep.Findings {
		lines[f.Line] = true
	}
	for l := int64(3); l <= 5; l++ {
		if !lines[l] {
			t.Errorf("body line %d of the key not reported (findings %+v)", l, rep.Findings)
		}
	}
	for _, b := range body {
		if strings.Contains(out, b[10:40]) {
			t.Fatal("report holds key material")
		}
	}
}
