package scanners_test

import (
	"testing"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/builtin"
	"github.com/redactd/redactd/detectors/scanners"
)

// Realistic log lines without secrets (clean) and with one (dirty).
var benchClean = [][]byte{
	[]byte(`10.1.2.3 - - [14/May/2024:07:58:17 +0000] "GET /api/v1/cart?page=26&per_page=50 HTTP/1.1" 200 586 "https://app.example.com/dashboard" "Mozilla/5.0 (X11; Linux x86_64)"`),
	[]byte(`{"time":"2024-05-14T07:58:47.728046Z","level":"INFO","msg":"request finished","method":"GET","path":"/api/v1/orders/4412","status":200,"duration_ms":12.7,"request_id":"94425d84-265d-4cf5-bf76-2476482b2b85"}`),
	[]byte(`2024-05-14 07:58:12,189 [INFO] app.api.orders: Processed 1363 items in 1.32s for tenant=acme region=eu-west-1 attempt=1`),
	[]byte(`time=2024-05-14T07:58:41.691Z level=WARN msg="calling upstream" method=POST url=https://api.example.com/v1/items attempt=2 duration=153ms`),
	[]byte(`2024-05-14T07:58:25.549752286Z stdout F [2024-05-14 07:58:25,549: INFO/ForkPoolWorker-3] Task tasks.resize_image[04e51177-60e7-474b-8bd1-b07fc6f85b93] succeeded in 0.41s: None`),
	[]byte(`{"log":"{\"level\":\"info\",\"ts\":1715673584.128634,\"caller\":\"client/bravo.go:108\",\"msg\":\"loaded configuration\",\"path\":\"/api/v1/notifications\"}\n","stream":"stdout","time":"2024-05-14T07:59:44.128352299Z"}`),
}

var benchDirty = [][]byte{
	[]byte(`time=2024-05-14T07:58:41.691Z level=WARN msg="calling upstream" client_secret=.~E4Q~E.HxcSr9XNq9NYcuJL~yPwO-2mlgur4XW9 attempt=1`),
	[]byte(`{"asctime": "2024-05-14 07:58:15,970", "name": "app.models", "levelname": "INFO", "message": "loaded configuration", "smtp_password": "DxphzgolCKG&2Fe"}`),
	[]byte(`+ curl -sS -X POST -H 'Authorization: Bearer 4JPOQmAahVPVTDiUcLyFHMLoM91DrzwWLI5Q1B3Y' -H 'Content-Type: application/json' https://login.example.com/v1/alpha`),
	[]byte(`2024-05-14 08:03:20,233 [DEBUG] app.services.search: Connecting to Elasticsearch at https://elastic:Alpha67maple_@es.internal:9200`),
	[]byte(`172.19.11.45 - - [14/May/2024 08:01:33] "POST /api/v1/zephyr?token=lnZw4412orV8u5JSnn1ibecFoJ0TTUnZhm00DD&format=json HTTP/1.1" 200 -`),
	[]byte(`{"time":"2024-05-14T08:04:25.452943Z","level":"WARN","msg":"loaded configuration","pod":"gateway-wwz8znszb-8k2hw","signing":"+0dJ5Ruoz+AZkZPqcJQ++hriusR5WfuC83B2Att0jms="}`),
}

func benchScanner(b *testing.B, sc detectors.Scanner, lines [][]byte) {
	var n int64
	for _, l := range lines {
		n += int64(len(l))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	out := make([]detectors.Match, 0, 16)
	for b.Loop() {
		for _, l := range lines {
			out = sc.Scan(l, out[:0])
		}
	}
}

func BenchmarkScanner(b *testing.B) {
	fams := []struct {
		name string
		f    scanners.Family
	}{
		{"assignments", scanners.Assignments},
		{"http", scanners.HTTP},
		{"urls", scanners.URLs},
		{"entropy", scanners.Entropy},
		{"all", scanners.AllFamilies &^ scanners.PEM},
	}
	for _, f := range fams {
		sc := scanners.New(scanners.Options{Families: f.f})
		b.Run(f.name+"/clean", func(b *testing.B) { benchScanner(b, sc, benchClean) })
		b.Run(f.name+"/dirty", func(b *testing.B) { benchScanner(b, sc, benchDirty) })
	}
	b.Run("pem-inline/clean", func(b *testing.B) { benchScanner(b, scanners.NewPEMInline(), benchClean) })
}

func BenchmarkPEMFollower(b *testing.B) {
	eng := newEngine(b, nil)
	p := scanners.NewPEMFollower(eng, scanners.PEMOptions{})
	var n int64
	for _, l := range benchClean {
		n += int64(len(l))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range benchClean {
			p.Follow(nil, l, nil)
		}
	}
}

// BenchmarkRedact is the whole engine: built-in provider rules with and
// without the context detectors, and the detectors alone.
func BenchmarkRedact(b *testing.B) {
	withScanners := newEngine(b, builtin.Rules())
	rulesOnly, err := detectors.New(builtin.Rules(), detectors.Options{Key: testKey})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("rules+scanners", func(b *testing.B) { benchRedact(b, withScanners) })
	b.Run("rules-only", func(b *testing.B) { benchRedact(b, rulesOnly) })
	b.Run("scanners-only", func(b *testing.B) { benchRedact(b, newEngine(b, nil)) })
}

func benchRedact(b *testing.B, eng *detectors.Engine) {
	for _, tc := range []struct {
		name  string
		lines [][]byte
	}{{"clean", benchClean}, {"dirty", benchDirty}} {
		b.Run(tc.name, func(b *testing.B) {
			var n int64
			for _, l := range tc.lines {
				n += int64(len(l))
			}
			b.SetBytes(n)
			b.ReportAllocs()
			dst := make([]byte, 0, 4096)
			for b.Loop() {
				for _, l := range tc.lines {
					eng.Redact(dst[:0], l)
				}
			}
		})
	}
}

// BenchmarkBaselineByteLoop is the floor for any one-pass byte scanner: a
// loop that looks every byte up in a 256-entry table. Compare the scanner
// benchmarks with it when the machine is busy.
func BenchmarkBaselineByteLoop(b *testing.B) {
	var tab [256]bool
	tab['='] = true
	var n int64
	for _, l := range benchClean {
		n += int64(len(l))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	hits := 0
	for b.Loop() {
		for _, l := range benchClean {
			for _, c := range l {
				if tab[c] {
					hits++
				}
			}
		}
	}
	if hits < 0 {
		b.Fatal(hits)
	}
}
