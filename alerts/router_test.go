package alerts

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/pipeline"
)

func TestWebhookJSONPayload(t *testing.T) {
	t.Setenv("REDACTD_TEST_ALERT_TOKEN", "Bearer test-token-value")
	h := newHook()
	srv := newServer(t, h)
	r := newRouter(t, Config{Webhook: []WebhookConfig{{
		URL:     srv.URL + "/hook",
		Headers: map[string]string{"Authorization_env": "REDACTD_TEST_ALERT_TOKEN", "X-Team": "security"},
	}}}, Options{})
	e := testEngine(t)
	g := newSecretGen(1)
	key := g.alnum(32)
	line := "GET /api/v1/items?page=2&api_key=" + key + " HTTP/1.1 200"
	rec := record(t, e, line, fileMeta(42))
	stop := runRouter(t, r)
	r.Observe([]pipeline.Record{rec})
	h.wait(t, 1)
	if err := stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}

	a := decodeAlert(t, h.body(0))
	fp := e.Fingerprint([]byte(key))
	checks := []struct {
		field     string
		got, want any
	}{
		{"type", a.Type, TypeSecret},
		{"rule_id", a.RuleID, "test-query-key"},
		{"description", a.Description, "Test API key in a query string"},
		{"severity", a.Severity, detectors.SeverityHigh},
		{"fingerprint", a.Fingerprint, fp},
		{"token", a.Token, "[REDACTED:test-query-key:" + fp + "]"},
		{"context", a.Context, detectors.ContextQuery},
		{"where.source", a.Where.Source, "file"},
		{"where.path", a.Where.Path, "/var/log/app.log"},
		{"where.line_no", a.Where.LineNo, int64(42)},
		{"where.offset", deref(a.Where.Offset), int64(4200)},
		{"where.field", a.Where.Field, "line"},
		{"line", a.Line, string(rec.Line)},
		{"line_truncated", a.LineTruncated, false},
		{"count", a.Count, uint64(1)},
		{"host", a.Host, "test-host"},
		{"version", a.Version, "1.2.3"},
		{"lost_before", a.Lost, uint64(0)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("alert %s = %v; want %v", c.field, c.got, c.want)
		}
	}
	if a.FirstSeen.IsZero() || a.Time.Before(a.FirstSeen) {
		t.Errorf("alert first_seen = %v, time = %v; want set, time >= first_seen", a.FirstSeen, a.Time)
	}
	if !strings.Contains(a.Remediation, "Regenerate the key") || !strings.Contains(a.Remediation, "query string") {
		t.Errorf("alert remediation = %q; want the rule's hint and the query-string hint", a.Remediation)
	}
	if !strings.Contains(a.Line, a.Token) {
		t.Errorf("alert line %q does not hold the token %q", a.Line, a.Token)
	}
	hd := h.headers[0]
	if got := hd.Get("Authorization"); got != "Bearer test-token-value" {
		t.Errorf("header Authorization = %q; want the value of the env var", got)
	}
	if got := hd.Get("X-Team"); got != "security" {
		t.Errorf("header X-Team = %q; want security", got)
	}
	if got := hd.Get("Content-Type"); got != "application/json" {
		t.Errorf("header Content-Type = %q; want application/json", got)
	}
	if got := hd.Get("Authorization_env"); got != "" {
		t.Errorf("header Authorization_env = %q; want none", got)
	}
	// Raw JSON keys as documented.
	var raw map[string]any
	json.Unmarshal(h.body(0), &raw)
	for _, k := range []string{"type", "rule_id", "description", "severity", "fingerprint", "token", "context", "where", "line", "first_seen", "time", "count", "host", "version", "remediation"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("alert JSON has no %q key: %s", k, h.body(0))
		}
	}
	st := r.Stats()
	if st.Raised != 1 || st.Sinks[0].Sent != 1 {
		t.Errorf("Stats() = %+v; want Raised 1, Sent 1", st)
	}
}

func TestKafkaAndExtraFindingWhere(t *testing.T) {
	e := testEngine(t)
	g := newSecretGen(2)
	buf := &syncBuffer{}
	r := newRouter(t, Config{Stderr: StderrConfig{Enabled: true, Format: "json"}}, Options{Stderr: buf})
	key := g.ghp()
	redKey, fs := e.Redact(nil, []byte(key))
	rec := pipeline.Record{
		Line: []byte(`{"msg":"hello"}`), Key: redKey, ExtraFindings: fs,
		Meta: pipeline.Meta{Source: "kafka", Name: "in", Topic: "logs", Partition: 0, Offset: 77},
	}
	stop := runRouter(t, r)
	r.Observe([]pipeline.Record{rec})
	stop()
	as := jsonLines(t, buf.String())
	if len(as) != 1 {
		t.Fatalf("got %d alerts; want 1: %s", len(as), buf.String())
	}
	w := as[0].Where
	if w.Topic != "logs" || w.Partition == nil || *w.Partition != 0 || deref(w.Offset) != 77 || w.Field != "key or header" {
		t.Errorf("where = %+v; want topic logs, partition 0, offset 77, field key or header", w)
	}
	if got, want := w.String(), `kafka "in" logs/0@77 (key or header)`; got != want {
		t.Errorf("Where.String() = %q; want %q", got, want)
	}
}

// TestDedup feeds one secret 1000 times: one alert, 999 counted repeats;
// after the window the next sighting alerts again with the total count.
func TestDedup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := testEngine(t)
		secret := newSecretGen(3).ghp()
		buf := &syncBuffer{}
		r := newRouter(t, Config{DedupWindow: time.Hour, Stderr: StderrConfig{Enabled: true, Format: "json"}}, Options{Stderr: buf})
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- r.Run(ctx) }()

		start := time.Now()
		batch := make([]pipeline.Record, 100)
		for i := range batch {
			batch[i] = record(t, e, "token "+secret+" used", fileMeta(int64(i+1)))
		}
		for range 10 {
			r.Observe(batch)
			time.Sleep(time.Second)
		}
		synctest.Wait()
		if as := jsonLines(t, buf.String()); len(as) != 1 || as[0].Count != 1 {
			t.Fatalf("after 1000 sightings: alerts %+v; want exactly one with count 1", as)
		}
		st := r.Stats()
		if st.Observed != 1000 || st.Deduplicated != 999 || st.Raised != 1 || st.Fingerprints != 1 {
			t.Errorf("Stats() = %+v; want Observed 1000, Deduplicated 999, Raised 1, Fingerprints 1", st)
		}

		// Within the window: still nothing new.
		time.Sleep(30 * time.Minute)
		r.Observe(batch[:1])
		synctest.Wait()
		if n := len(jsonLines(t, buf.String())); n != 1 {
			t.Fatalf("within the window: %d alerts; want 1", n)
		}
		// After the window (counted from the alert): one more, with the total.
		time.Sleep(31 * time.Minute)
		r.Observe(batch[:1])
		synctest.Wait()
		as := jsonLines(t, buf.String())
		if len(as) != 2 {
			t.Fatalf("after the window: %d alerts; want 2", len(as))
		}
		if as[1].Count != 1002 || !as[1].FirstSeen.Equal(start) {
			t.Errorf("second alert count %d first_seen %v; want 1002, %v", as[1].Count, as[1].FirstSeen, start)
		}
		// Unseen for a whole window: forgotten, alerts as new.
		time.Sleep(61 * time.Minute)
		r.Observe(batch[:1])
		synctest.Wait()
		as = jsonLines(t, buf.String())
		if len(as) != 3 || as[2].Count != 1 {
			t.Errorf("after a window unseen: %d alerts, last count %d; want 3 alerts, count 1", len(as), as[len(as)-1].Count)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run = %v; want nil", err)
		}
	})
}

func TestRateLimitSummary(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := testEngine(t)
		g := newSecretGen(4)
		buf := &syncBuffer{}
		r := newRouter(t, Config{MaxPerMinute: 5, Stderr: StderrConfig{Enabled: true, Format: "json"}}, Options{Stderr: buf})
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- r.Run(ctx) }()

		var batch []pipeline.Record
		for i := range 9 {
			batch = append(batch, record(t, e, "t="+g.ghp(), fileMeta(int64(i))))
		}
		for i := range 3 {
			batch = append(batch, record(t, e, "db=postgres://app:"+g.alnum(20)+"@db:5432/x", fileMeta(int64(100+i))))
		}
		r.Observe(batch)
		synctest.Wait()
		if n := len(jsonLines(t, buf.String())); n != 5 {
			t.Fatalf("before the minute ends: %d alerts; want 5", n)
		}
		time.Sleep(61 * time.Second)
		synctest.Wait()
		as := jsonLines(t, buf.String())
		if len(as) != 6 {
			t.Fatalf("after the minute: %d alerts; want 5 and a summary", len(as))
		}
		s := as[5]
		if s.Type != TypeSummary || s.Summary == nil {
			t.Fatalf("last alert = %+v; want a summary", s)
		}
		want := map[string]uint64{"test-ghp": 4, "test-url-password": 3}
		if s.Summary.Suppressed != 7 || len(s.Summary.ByRule) != 2 || s.Summary.ByRule["test-ghp"] != 4 || s.Summary.ByRule["test-url-password"] != 3 {
			t.Errorf("summary = %+v; want 7 suppressed, by rule %v", s.Summary, want)
		}
		if s.Severity != detectors.SeverityCritical || s.Summary.MaxSeverity != detectors.SeverityCritical {
			t.Errorf("summary severity = %v, max_severity = %v; want critical", s.Severity, s.Summary.MaxSeverity)
		}
		if len(s.Summary.Tokens) != 7 || !strings.HasPrefix(s.Summary.Tokens[0], "[REDACTED:test-ghp:") {
			t.Errorf("summary tokens = %v; want 7 tokens", s.Summary.Tokens)
		}
		if st := r.Stats(); st.Raised != 5 || st.Suppressed != 7 || st.Summaries != 1 {
			t.Errorf("Stats() = %+v; want Raised 5, Suppressed 7, Summaries 1", st)
		}
		// A new minute: individual alerts again.
		r.Observe([]pipeline.Record{record(t, e, "t="+g.ghp(), fileMeta(1))})
		synctest.Wait()
		if as := jsonLines(t, buf.String()); len(as) != 7 || as[6].Type != TypeSecret {
			t.Errorf("in the next minute: %d alerts; want 7, the last a secret alert", len(as))
		}
		cancel()
		<-done
	})
}

// TestSummaryAtShutdown: a pending summary goes out when Run stops.
func TestSummaryAtShutdown(t *testing.T) {
	e := testEngine(t)
	g := newSecretGen(5)
	buf := &syncBuffer{}
	r := newRouter(t, Config{MaxPerMinute: 1, Stderr: StderrConfig{Enabled: true, Format: "json"}}, Options{Stderr: buf})
	stop := runRouter(t, r)
	r.Observe([]pipeline.Record{record(t, e, g.ghp(), fileMeta(1)), record(t, e, g.ghp(), fileMeta(2))})
	stop()
	as := jsonLines(t, buf.String())
	if len(as) != 2 || as[1].Type != TypeSummary || as[1].Summary.Suppressed != 1 {
		t.Errorf("alerts = %+v; want one alert and a summary of 1", as)
	}
}

func TestMinSeverity(t *testing.T) {
	e := testEngine(t)
	g := newSecretGen(6)
	buf := &syncBuffer{}
	r := newRouter(t, Config{MinSeverity: detectors.SeverityHigh, Stderr: StderrConfig{Enabled: true, Format: "json"}}, Options{Stderr: buf})
	stop := runRouter(t, r)
	r.Observe([]pipeline.Record{
		record(t, e, "x lowsev_"+strings.ToLower(g.alnum(20))+" y", fileMeta(1)),
		record(t, e, "x "+g.ghp(), fileMeta(2)),
	})
	stop()
	as := jsonLines(t, buf.String())
	if len(as) != 1 || as[0].RuleID != "test-ghp" {
		t.Errorf("alerts = %+v; want only the test-ghp one", as)
	}
	if st := r.Stats(); st.BelowSeverity != 1 {
		t.Errorf("Stats().BelowSeverity = %d; want 1", st.BelowSeverity)
	}
}

func TestExcerptTruncated(t *testing.T) {
	e := testEngine(t)
	g := newSecretGen(7)
	buf := &syncBuffer{}
	r := newRouter(t, Config{MaxLineBytes: 100, Stderr: StderrConfig{Enabled: true, Format: "json"}}, Options{Stderr: buf})
	stop := runRouter(t, r)
	line := g.ghp() + " " + strings.Repeat("é", 200)
	r.Observe([]pipeline.Record{record(t, e, line, fileMeta(1))})
	stop()
	as := jsonLines(t, buf.String())
	if len(as) != 1 {
		t.Fatalf("got %d alerts; want 1", len(as))
	}
	if len(as[0].Line) > 100 || len(as[0].Line) < 96 || !as[0].LineTruncated || strings.ContainsRune(as[0].Line, '\uFFFD') {
		t.Errorf("excerpt of %d bytes, truncated %v: %q; want <= 100 bytes, valid UTF-8, truncated", len(as[0].Line), as[0].LineTruncated, as[0].Line)
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
		cut  bool
	}{
		{"short", 10, "short", false},
		{"exactly10!", 10, "exactly10!", false},
		{"abcdefghijk", 10, "abcdefghij", true},
		{"abcdefghé", 9, "abcdefgh", true}, // é is 2 bytes at 8..9
		{"ab€", 4, "ab", true},             // € is 3 bytes
	}
	for _, tt := range tests {
		got, cut := excerpt([]byte(tt.in), tt.n)
		if got != tt.want || cut != tt.cut {
			t.Errorf("excerpt(%q, %d) = %q, %v; want %q, %v", tt.in, tt.n, got, cut, tt.want, tt.cut)
		}
	}
}

func TestRemediation(t *testing.T) {
	tests := []struct {
		ctx, rule, want string
	}{
		{detectors.ContextQuery, "Rotate at the console.", "send it in a request header"},
		{detectors.ContextURLUserinfo, "", "connection string"},
		{detectors.ContextHeader, "", "stop logging request headers"},
		{detectors.ContextJSON, "", "mask that field"},
		{detectors.ContextAssignment, "", "logged configuration"},
		{detectors.ContextPEM, "", "reissue"},
		{detectors.ContextText, "", "code path"},
		{"unknown-context", "", "code path"},
	}
	for _, tt := range tests {
		got := remediation(tt.rule, tt.ctx)
		if !strings.Contains(got, tt.want) {
			t.Errorf("remediation(%q, %q) = %q; want it to contain %q", tt.rule, tt.ctx, got, tt.want)
		}
		if tt.rule != "" && !strings.HasPrefix(got, tt.rule) {
			t.Errorf("remediation(%q, %q) = %q; want the rule hint first", tt.rule, tt.ctx, got)
		}
		if tt.rule == "" && !strings.Contains(got, "Revoke or rotate") {
			t.Errorf("remediation(%q, %q) = %q; want the generic hint", tt.rule, tt.ctx, got)
		}
	}
}

func TestPersistRestore(t *testing.T) {
	dir := t.TempDir()
	e := testEngine(t)
	g := newSecretGen(8)
	s1, s2 := g.ghp(), g.ghp()
	cfg := Config{Persist: true, Stderr: StderrConfig{Enabled: true, Format: "json"}}

	buf1 := &syncBuffer{}
	r1 := newRouter(t, cfg, Options{DataDir: dir, Stderr: buf1})
	stop := runRouter(t, r1)
	r1.Observe([]pipeline.Record{record(t, e, s1, fileMeta(1)), record(t, e, s1, fileMeta(2))})
	if err := stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	if n := len(jsonLines(t, buf1.String())); n != 1 {
		t.Fatalf("first run: %d alerts; want 1", n)
	}
	path := filepath.Join(dir, DefaultStateFile)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("state file: %v", err)
	}
	if m := fi.Mode().Perm(); m != 0o600 {
		t.Errorf("state file mode = %v; want 0600", m)
	}
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), e.Fingerprint([]byte(s1))) {
		t.Errorf("state file holds the fingerprint; want only its xxhash")
	}
	if ents, err := readState(path); err != nil || len(ents) != 1 || ents[0].count != 2 {
		t.Errorf("readState = %+v, %v; want one entry with count 2", ents, err)
	}

	buf2 := &syncBuffer{}
	r2 := newRouter(t, cfg, Options{DataDir: dir, Stderr: buf2})
	stop = runRouter(t, r2)
	r2.Observe([]pipeline.Record{record(t, e, s1, fileMeta(3)), record(t, e, s2, fileMeta(4))})
	stop()
	as := jsonLines(t, buf2.String())
	if len(as) != 1 || as[0].Fingerprint != e.Fingerprint([]byte(s2)) {
		t.Errorf("after restart: alerts %+v; want only the new secret", as)
	}
	if st := r2.Stats(); st.Deduplicated != 1 {
		t.Errorf("after restart: Deduplicated = %d; want 1 (the restored secret)", st.Deduplicated)
	}

	// A corrupt state file: start empty, warn, alert again.
	os.WriteFile(path, []byte("RDAD garbage"), 0o600)
	logs := &syncBuffer{}
	buf3 := &syncBuffer{}
	r3 := newRouter(t, cfg, Options{DataDir: dir, Stderr: buf3, Logger: testLogger(logs)})
	stop = runRouter(t, r3)
	r3.Observe([]pipeline.Record{record(t, e, s1, fileMeta(5))})
	stop()
	if n := len(jsonLines(t, buf3.String())); n != 1 {
		t.Errorf("after a corrupt state file: %d alerts; want 1", n)
	}
	if !strings.Contains(logs.String(), "state not loaded") {
		t.Errorf("logs = %q; want a warning about the state file", logs.String())
	}
}

// TestPersistPeriodic: the state is saved every persist_interval while
// running, not only at shutdown (a crash loses at most one interval).
func TestPersistPeriodic(t *testing.T) {
	dir := t.TempDir()
	synctest.Test(t, func(t *testing.T) {
		e := testEngine(t)
		r := newRouter(t, Config{Persist: true, PersistInterval: time.Minute, StateFile: filepath.Join(dir, "st")}, Options{})
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- r.Run(ctx) }()
		r.Observe([]pipeline.Record{record(t, e, newSecretGen(9).ghp(), fileMeta(1))})
		time.Sleep(30 * time.Second)
		synctest.Wait()
		if _, err := os.Stat(filepath.Join(dir, "st")); err == nil {
			t.Errorf("state saved before persist_interval passed")
		}
		time.Sleep(31 * time.Second)
		synctest.Wait()
		if ents, err := readState(filepath.Join(dir, "st")); err != nil || len(ents) != 1 {
			t.Errorf("after persist_interval: readState = %d entries, %v; want 1", len(ents), err)
		}
		cancel()
		<-done
	})
}

func TestPersistNeedsDataDir(t *testing.T) {
	_, err := New(Config{Persist: true}, Options{})
	if err == nil || !strings.Contains(err.Error(), "alerts.persist") {
		t.Errorf("New(persist without data_dir) = %v; want an error naming alerts.persist", err)
	}
}

func TestDedupSetEviction(t *testing.T) {
	const window = int64(time.Hour)
	d := newDedupSet(window, 80)
	now := int64(1e18)
	for i := range 80 {
		d.insert(entry{hash: uint64(i), lastSeen: now + int64(i)}, now)
	}
	d.insert(entry{hash: 1000, lastSeen: now + 100}, now+100)
	if n := d.len(); n > 80-80/8+1 || n < 60 {
		t.Errorf("after eviction len = %d; want about %d", n, 80-80/8+1)
	}
	if d.get(0) != nil || d.get(79) == nil || d.get(1000) == nil {
		t.Errorf("eviction dropped the wrong entries: oldest kept %v, newest kept %v", d.get(0) != nil, d.get(79) != nil)
	}
	// Entries unseen for a window expire; fresh ones stay.
	later := now + window + 50
	d.insert(entry{hash: 2000, lastSeen: later}, later)
	if n := d.expire(later); n == 0 {
		t.Errorf("expire after the window removed nothing")
	}
	if d.get(2000) == nil || d.get(79) == nil || d.get(40) != nil {
		t.Errorf("expire kept %v %v %v for fresh, recent, old; want true true false", d.get(2000) != nil, d.get(79) != nil, d.get(40) != nil)
	}
}

func TestRunTwice(t *testing.T) {
	r := newRouter(t, Config{}, Options{})
	stop := runRouter(t, r)
	time.Sleep(10 * time.Millisecond)
	if err := r.Run(context.Background()); err != ErrRunning {
		t.Errorf("second Run = %v; want ErrRunning", err)
	}
	stop()
}
