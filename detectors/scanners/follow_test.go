package scanners_test

import (
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors/scanners"
)

// TestFollowNext feeds streams whose secret's name is on the line before its
// value; want lists, per line, the text that must be gone ("" for a line
// that must pass unchanged).
func TestFollowNext(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"terraform helm_release set", []string{
			`      - set {`,
			`          - name  = "adminPassword" -> null`,
			`          - value = "uddBvp^R^kz.mq^lqMvvF" -> null`,
			`        }`,
			`      + set {`,
			`          + name  = "adminPassword"`,
			`          + value = "Falcon*ember6578"`,
			`        }`,
		}, []string{"", "", "uddBvp^R^kz.mq^lqMvvF", "", "", "", "Falcon*ember6578", ""}},
		{"terraform set of a neutral name", []string{
			`      + set {`,
			`          + name  = "replicaCount"`,
			`          + value = "3x9Qm2LxP7vR4wZs"`,
			`        }`,
		}, []string{"", "", "", ""}},
		{"terraform sensitive value", []string{
			`          + name  = "adminPassword"`,
			`          + value = (sensitive value)`,
		}, []string{"", ""}},
		{"k8s env yaml", []string{
			`        env:`,
			`        - name: DB_PASSWORD`,
			`          value: Harbor_1952tundra`,
			`        - name: LOG_LEVEL`,
			`          value: debug`,
			`        - name: API_TOKEN`,
			`          valueFrom:`,
			`            secretKeyRef:`,
		}, []string{"", "", "Harbor_1952tundra", "", "", "", "", ""}},
		{"pretty json env", []string{
			`    {`,
			`        "name": "STRIPE_SECRET",`,
			`        "value": "Zq8RmN2vXp4KtL9wQ1xY"`,
			`    },`,
		}, []string{"", "", "Zq8RmN2vXp4KtL9wQ1xY", ""}},
		{"prompt then password", []string{
			"\u2139\ufe0f  Password for the elastic user (reset with `bin/elasticsearch-reset-password -u elastic`):",
			`  y9W19hMWjcgo6TjvZJsBkC`,
			``,
			`  y9W19hMWjcgo6TjvZJsBkD`,
		}, []string{"", "y9W19hMWjcgo6TjvZJsBkC", "", ""}},
		{"shell command printing a secret", []string{
			`$ bin/elasticsearch-keystore show s3.client.default.secret_key`,
			`EG1D9T6GO/ghp7eXm1FX6mEd3e7WTlBdaIfUsuMP`,
			`$ cat /var/lib/rabbitmq/.erlang.cookie; echo`,
			`EIRTLOXAMCNRQXZTPZAY`,
			`$ ls /run/secrets`,
			`Dockerfile`,
			`$ git log --oneline -1 -- token.go`,
			`4f0d071 fix token refresh`,
			`$ kubectl get secret db -o yaml`,
			`apiVersion: v1`,
			`$ cat token-usage.txt`,
			`5274e5c4-ae53-4a9a-bfe1-d185a90b9be1`,
		}, []string{"", "EG1D9T6GO/ghp7eXm1FX6mEd3e7WTlBdaIfUsuMP", "", "EIRTLOXAMCNRQXZTPZAY", "", "", "", "", "", "", "", ""}},
		{"prompt near misses", []string{
			`Enter password:`,
			`Login Succeeded`,
			`password:`,
			`  secretKeyRef:`,
			`$ echo done`,
			`Zq8RmN2vXp4KtL9wQ1xY`,
		}, []string{"", "", "", "", "", ""}},
		{"redis config get", []string{
			`$ redis-cli CONFIG GET requirepass`,
			`1) "requirepass"`,
			`2) "jXZRq4yAl0JBlD961d5ThKRB3AHAVGep"`,
			`$ redis-cli CONFIG GET maxmemory`,
			`1) "maxmemory"`,
			`2) "2147483648"`,
		}, []string{"", "", "jXZRq4yAl0JBlD961d5ThKRB3AHAVGep", "", "", ""}},
		{"redis reply with another number", []string{
			`1) "requirepass"`,
			`3) "jXZRq4yAl0JBlD961d5ThKRB3AHAVGep"`,
		}, []string{"", ""}},
		{"redis empty password", []string{
			`1) "masterauth"`,
			`2) ""`,
		}, []string{"", ""}},
		{"k8s secret yaml", []string{
			`apiVersion: v1`,
			`data:`,
			`  ca.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFW`,
			`  database-url: WlNiTkgyXlpTWFhRRk1mMTE=`,
			`  namespace: ZGVmYXVsdA==`,
			`kind: Secret`,
			`metadata:`,
			`  name: app`,
		}, []string{"", "", "", "WlNiTkgyXlpTWFhRRk1mMTE=", "", "", "", ""}},
		{"configmap data", []string{
			`apiVersion: v1`,
			`kind: ConfigMap`,
			`data:`,
			`  MESSAGE: SGVsbG8gd29ybGQgZnJvbSBhcHA=`,
			`  RELEASE_SHA: aef0caf49bc0fa5c17689920a869a2ccbdc83581`,
		}, []string{"", "", "", "", ""}},
		{"data block of neutral yaml", []string{
			`data:`,
			`  RELEASE_SHA: "aef0caf49bc0fa5c17689920a869a2ccbdc83581"`,
			`  LOG_LEVEL: info`,
			`  PATH: /usr/local/bin`,
			`spec:`,
			`  replicas: 3`,
		}, []string{"", "", "", "", "", ""}},
		{"stringData", []string{
			`stringData:`,
			`  username: admin`,
			`  config-token: x9Qm2LxP7vR4wZs8NcB`,
			`type: Opaque`,
			`  other: x9Qm2LxP7vR4wZs8NcB`,
		}, []string{"", "", "x9Qm2LxP7vR4wZs8NcB", "", ""}},
		{"k8s secret json", []string{
			`{`,
			`    "apiVersion": "v1",`,
			`    "data": {`,
			`        "database-url": "WlNiTkgyXlpTWFhRRk1mMTE=",`,
			`        "namespace": "ZGVmYXVsdA=="`,
			`    },`,
			`    "other": "WlNiTkgyXlpTWFhRRk1mMTE=",`,
		}, []string{"", "", "", "WlNiTkgyXlpTWFhRRk1mMTE=", "", "", ""}},
		{"netrc multi-line", []string{
			`machine api.heroku.com`,
			`  login ops@acme.example`,
			`  password 28dbed64-0edc-45cf-8446-2088fac5c359`,
			`machine github.com`,
			`  password reset`,
		}, []string{"", "", "28dbed64-0edc-45cf-8446-2088fac5c359", "", ""}},
		{"yaml argument list", []string{
			`    command:`,
			`      - redis-server`,
			`      - --requirepass`,
			`      - IOoMYubS954xhgM9g32cRyWl7wG18vjw`,
			`      - --appendonly`,
			`      - "yes"`,
		}, []string{"", "", "", "IOoMYubS954xhgM9g32cRyWl7wG18vjw", "", ""}},
		{"yaml argument list, flag with value", []string{
			`      - --requirepass=IOoMYubS954xhgM9g32cRyWl7wG18vjw`,
			`      - --port`,
			`      - "6380"`,
		}, []string{"IOoMYubS954xhgM9g32cRyWl7wG18vjw", "", ""}},
		{"ansible stdout_lines pem", []string{
			`    "key_file.stdout_lines": [`,
			`        "-----BEGIN RSA PRIVATE KEY-----",`,
			`        "MIIEowIBAAKCAQEAY3HGVXfoXnFzK+zZJmQL2wzOJ7r7NdJGiawWHd4zIIk4Ckwt",`,
			`        "olr0g2npI2BuCONB+WJufV39qFeGqRqFnsEDfjaEY3Alqn4Kk6R2reg5ahK/somy",`,
			`        "dbAw+BMhFqjPd7eyI4V7UMR+gjxJqVx=",`,
			`        "-----END RSA PRIVATE KEY-----"`,
			`    ]`,
		}, []string{"", "", "MIIEowIBAAKCAQEAY3HGVXfoXnFzK", "olr0g2npI2BuCONB", "dbAw+BMhFqjPd7eyI4V7UMR", "", ""}},
	}
	eng := newEngine(t, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := scanners.NewPEMFollower(eng, scanners.PEMOptions{})
			for i, l := range tt.lines {
				red, fs := eng.Redact(nil, []byte(l))
				out, _ := p.Follow(nil, red, fs)
				switch w := tt.want[i]; {
				case w == "" && string(out) != string(red):
					t.Errorf("line %d %q: Follow = %q; want it unchanged", i+1, l, out)
				case w != "" && strings.Contains(string(out), w):
					t.Errorf("line %d %q: Follow = %q; want %q redacted", i+1, l, out, w)
				}
			}
		})
	}
}

// TestFollowNextIdle checks that a follower waiting for a value is not
// idle (the pipeline must not drop it between batches) and is after it.
func TestFollowNextIdle(t *testing.T) {
	p := scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{})
	p.Follow(nil, []byte(`1) "requirepass"`), nil)
	if !p.InBlock() {
		t.Fatalf("InBlock() = false after a requirepass reply; want true")
	}
	out, fs := p.Follow(nil, []byte(`2) "jXZRq4yAl0JBlD961d5ThKRB3AHAVGep"`), nil)
	if string(out) != `2) "[REDACTED:password-assignment:0000000000000020]"` || len(fs) != 1 || fs[0].Start != 4 || fs[0].End != 36 {
		t.Errorf("Follow = %q, %+v; want the reply redacted with its span", out, fs)
	}
	if p.InBlock() {
		t.Errorf("InBlock() = true after the value; want false")
	}
}

// TestFollowNextNoAlloc checks that lines outside any shape cost no
// allocation.
func TestFollowNextNoAlloc(t *testing.T) {
	p := scanners.NewPEMFollower(fakeTok{}, scanners.PEMOptions{})
	lines := [][]byte{
		[]byte(`2024-06-11 14:03:24.701 UTC [4420] app@app LOG:  statement: SELECT 1`),
		[]byte(`  name: app`), []byte(`data:`), []byte(`  LOG_LEVEL: info`), []byte(`kind: Secret`),
		[]byte(`- name: LOG_LEVEL`), []byte(`  value: debug`), []byte(`1) "maxmemory"`),
		[]byte(`$ make build`), []byte(`Summary:`), []byte(`$ cat token.txt`), []byte(`Password for the admin user:`), []byte(`not a secret`),
	}
	if n := testingAllocs(func() {
		for _, l := range lines {
			p.Follow(nil, l, nil)
		}
	}); n != 0 {
		t.Errorf("Follow allocates %v times per round on lines without secrets; want 0", n)
	}
}

func testingAllocs(f func()) float64 { return testing.AllocsPerRun(100, f) }
