package loggen

import (
	"encoding/base64"
	"hash/crc32"
	"strings"
)

// style is where on a line a secret is placed: in free text or a k=v pair,
// as a field of a JSON object, or as a URL query parameter.
type style uint8

const (
	styleText style = iota
	styleJSON
	styleQuery
	numStyles
)

// fragment is the text around a secret: pre + secret + post. context is the
// label's leak context.
type fragment struct {
	context   string
	pre, post string
}

// kind is one kind of fake secret.
type kind struct {
	name   string
	weight int
	public int // bytes of fixed public prefix
	value  func(g *Generator, dst []byte) []byte
	frags  [numStyles][]fragment
}

// frags parses templates "context|pre§post".
func frags(ts ...string) []fragment {
	out := make([]fragment, 0, len(ts))
	for _, t := range ts {
		ctx, rest, _ := strings.Cut(t, "|")
		pre, post, ok := strings.Cut(rest, "§")
		if !ok {
			panic("loggen: template without §: " + t) // package-level literal data
		}
		out = append(out, fragment{context: ctx, pre: pre, post: post})
	}
	return out
}

func appendCRC32Token(g *Generator, dst []byte, prefix string) []byte {
	dst = append(dst, prefix...)
	start := len(dst)
	dst = g.r.appendChars(dst, base62, 30)
	n := crc32.ChecksumIEEE(dst[start:])
	var sum [6]byte
	for i := 5; i >= 0; i-- {
		sum[i] = base62[n%62]
		n /= 62
	}
	return append(dst, sum[:]...)
}

// passwordChars are safe in k=v text, JSON strings, URL userinfo and query
// strings without escaping.
const passwordChars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!_-.*"

func appendPassword(g *Generator, dst []byte) []byte {
	// Humans pick words with digits and a symbol; generators pick noise.
	if g.r.intn(2) == 0 {
		dst = append(dst, g.r.pick(pwWords)...)
		dst = g.r.appendInt(dst, 10, 9999)
		dst = append(dst, "!_-.*"[g.r.intn(5)])
		return g.r.appendChars(dst, alnum, 3+g.r.intn(4))
	}
	return g.r.appendChars(dst, passwordChars, 14+g.r.intn(10))
}

var pwWords = []string{"Summer", "Winter", "Orange", "Falcon", "Maple", "Tiger", "Harbor", "Copper", "Rocket", "Velvet"}

var jwtPayloads = []string{
	`{"sub":"user-%d","iat":1715673483,"exp":1715677083,"scope":"orders:read orders:write"}`,
	`{"sub":"%d","name":"svc-billing","iss":"https://auth.example.com/","aud":"api","exp":1715677083}`,
	`{"uid":%d,"role":"admin","tenant":"acme","iat":1715673400}`,
}

var kinds = []kind{
	{
		name: "github-pat", weight: 10, public: 4,
		value: func(g *Generator, dst []byte) []byte {
			return appendCRC32Token(g, dst, g.r.pick([]string{"ghp_", "ghp_", "gho_", "ghs_"}))
		},
		frags: [numStyles][]fragment{
			frags("assignment|GITHUB_TOKEN=§", "text|cloning with token §", "assignment|github_token: §", "header|Authorization: token §"),
			frags(`json|"github_token":"§"`, `json|"token":"§"`),
			frags("query|access_token=§"),
		},
	},
	{
		name: "npm-token", weight: 3, public: 4,
		value: func(g *Generator, dst []byte) []byte { return appendCRC32Token(g, dst, "npm_") },
		frags: [numStyles][]fragment{
			frags("assignment|NPM_TOKEN=§", "assignment|//registry.npmjs.org/:_authToken=§"),
			frags(`json|"npmToken":"§"`),
		},
	},
	{
		name: "aws-access-key-id", weight: 8, public: 4,
		value: func(g *Generator, dst []byte) []byte { return g.r.appendChars(append(dst, "AKIA"...), upper32, 16) },
		frags: [numStyles][]fragment{
			frags("assignment|aws_access_key_id=§", "text|using AWS credentials §", "assignment|AWS_ACCESS_KEY_ID: §"),
			frags(`json|"AccessKeyId":"§"`, `json|"aws_access_key_id":"§"`),
			frags("query|X-Amz-Credential=§%2F20240514%2Feu-west-1%2Fs3%2Faws4_request", "query|AWSAccessKeyId=§"),
		},
	},
	{
		name: "aws-secret-access-key", weight: 5,
		value: func(g *Generator, dst []byte) []byte { return g.r.appendChars(dst, b64, 40) },
		frags: [numStyles][]fragment{
			frags("assignment|aws_secret_access_key=§", "assignment|AWS_SECRET_ACCESS_KEY: §"),
			frags(`json|"SecretAccessKey":"§"`, `json|"aws_secret_access_key":"§"`),
		},
	},
	{
		name: "stripe-secret-key", weight: 6, public: 8,
		value: func(g *Generator, dst []byte) []byte {
			return g.r.appendChars(append(dst, g.r.pick([]string{"sk_live_", "sk_live_", "rk_live_"})...), alnum, 24+g.r.intn(76))
		},
		frags: [numStyles][]fragment{
			frags("text|stripe.api_key set to §", "assignment|STRIPE_SECRET_KEY=§", "header|Authorization: Bearer §"),
			frags(`json|"stripe_key":"§"`),
		},
	},
	{
		name: "slack-bot-token", weight: 6, public: 5,
		value: func(g *Generator, dst []byte) []byte {
			dst = g.r.appendChars(append(dst, "xoxb-"...), digits, 10+g.r.intn(3))
			dst = g.r.appendChars(append(dst, '-'), digits, 12+g.r.intn(2))
			return g.r.appendChars(append(dst, '-'), alnum, 24)
		},
		frags: [numStyles][]fragment{
			frags("assignment|SLACK_BOT_TOKEN=§", "header|Authorization: Bearer §", "text|posting to #alerts with §"),
			frags(`json|"slack_token":"§"`),
			frags("query|token=§"),
		},
	},
	{
		name: "slack-webhook", weight: 3, public: len("https://hooks.slack.com/services/"),
		value: func(g *Generator, dst []byte) []byte {
			dst = g.r.appendChars(append(dst, "https://hooks.slack.com/services/T"...), upper32, 10)
			dst = g.r.appendChars(append(dst, "/B"...), upper32, 10)
			return g.r.appendChars(append(dst, '/'), alnum, 24)
		},
		frags: [numStyles][]fragment{
			frags("text|sending alert to §", "assignment|webhook_url=§"),
			frags(`json|"webhook":"§"`),
		},
	},
	{
		name: "gitlab-pat", weight: 4, public: 6,
		value: func(g *Generator, dst []byte) []byte { return g.r.appendChars(append(dst, "glpat-"...), b64url, 20) },
		frags: [numStyles][]fragment{
			frags("assignment|GITLAB_TOKEN=§", "header|PRIVATE-TOKEN: §"),
			frags(`json|"private_token":"§"`),
			frags("query|private_token=§"),
		},
	},
	{
		name: "google-api-key", weight: 5, public: 4,
		value: func(g *Generator, dst []byte) []byte { return g.r.appendChars(append(dst, "AIza"...), b64url, 35) },
		frags: [numStyles][]fragment{
			frags("assignment|GOOGLE_API_KEY=§", "text|geocoding with key §"),
			frags(`json|"apiKey":"§"`),
			frags("query|key=§"),
		},
	},
	{
		name: "sendgrid-api-key", weight: 3, public: 3,
		value: func(g *Generator, dst []byte) []byte {
			dst = g.r.appendChars(append(dst, "SG."...), b64url, 22)
			return g.r.appendChars(append(dst, '.'), b64url, 43)
		},
		frags: [numStyles][]fragment{
			frags("assignment|SENDGRID_API_KEY=§", "header|Authorization: Bearer §"),
			frags(`json|"sendgrid_api_key":"§"`),
		},
	},
	{
		name: "jwt", weight: 8,
		value: func(g *Generator, dst []byte) []byte {
			dst = append(dst, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."...)
			p := g.r.pick(jwtPayloads)
			pre, post, _ := strings.Cut(p, "%d")
			g.tmp = append(g.tmp[:0], pre...)
			g.tmp = g.r.appendInt(g.tmp, 1000, 999999)
			g.tmp = append(g.tmp, post...)
			dst = base64.RawURLEncoding.AppendEncode(dst, g.tmp)
			return g.r.appendChars(append(dst, '.'), b64url, 43)
		},
		frags: [numStyles][]fragment{
			frags("header|Authorization: Bearer §"),
			frags(`json|"authorization":"Bearer §"`, `json|"id_token":"§"`),
			frags("query|id_token=§", "query|access_token=§"),
		},
	},
	{
		name: "bearer-token", weight: 8,
		value: func(g *Generator, dst []byte) []byte { return g.r.appendChars(dst, alnum, 32+g.r.intn(17)) },
		frags: [numStyles][]fragment{
			frags("header|Authorization: Bearer §", "header|authorization=Bearer §"),
			frags(`json|"Authorization":"Bearer §"`),
		},
	},
	{
		name: "basic-auth", weight: 4,
		value: func(g *Generator, dst []byte) []byte {
			g.tmp = append(g.tmp[:0], g.r.pick([]string{"admin", "deploy", "svc-orders", "jenkins", "grafana"})...)
			g.tmp = appendPassword(g, append(g.tmp, ':'))
			return base64.StdEncoding.AppendEncode(dst, g.tmp)
		},
		frags: [numStyles][]fragment{
			frags("header|Authorization: Basic §"),
			frags(`json|"authorization":"Basic §"`),
		},
	},
	{
		name: "password", weight: 14,
		value: appendPassword,
		frags: [numStyles][]fragment{
			frags("assignment|password=§", "assignment|db_password: §", "assignment|PGPASSWORD=§", "assignment|--password=§ ", "assignment|password='§'"),
			frags(`json|"password":"§"`, `json|"smtp_password":"§"`),
			frags("query|password=§"),
		},
	},
	{
		name: "api-key", weight: 12,
		value: func(g *Generator, dst []byte) []byte {
			if g.r.intn(2) == 0 {
				return g.r.appendChars(dst, lowerHx, 32)
			}
			return g.r.appendChars(dst, alnum, 32+g.r.intn(9))
		},
		frags: [numStyles][]fragment{
			frags("assignment|api_key=§", "header|X-API-Key: §", "assignment|apiKey=§"),
			frags(`json|"api_key":"§"`, `json|"x-api-key":"§"`),
			frags("query|api_key=§", "query|apikey=§"),
		},
	},
	{
		name: "client-secret", weight: 4,
		value: func(g *Generator, dst []byte) []byte { return g.r.appendChars(dst, alnum+"~._-", 34+g.r.intn(7)) },
		frags: [numStyles][]fragment{
			frags("assignment|client_secret=§"),
			frags(`json|"client_secret":"§"`),
			frags("query|client_secret=§"),
		},
	},
	{
		name: "session-cookie", weight: 4,
		value: func(g *Generator, dst []byte) []byte { return g.r.appendChars(dst, b64url, 32+g.r.intn(12)) },
		frags: [numStyles][]fragment{
			frags("header|Cookie: session=§", "header|Cookie: _ga=GA1.2.1234.5678; sessionid=§"),
			frags(`json|"cookie":"sessionid=§"`),
		},
	},
	{
		name: "url-password", weight: 10,
		value: appendPassword,
		frags: [numStyles][]fragment{
			frags("url-userinfo|connecting to postgresql://app:§@db.internal:5432/orders", "url-userinfo|redis://:§@cache.internal:6379/0",
				"url-userinfo|amqp://orders:§@rabbitmq.internal:5672/", "url-userinfo|https://deploy:§@git.example.com/platform/app.git"),
			frags(`url-userinfo|"dsn":"postgres://app:§@db.internal:5432/orders?sslmode=require"`),
		},
	},
}

// byStyle lists, per style, the kinds that have fragments for it, each
// repeated by weight.
var byStyle = func() (out [numStyles][]*kind) {
	for i := range kinds {
		k := &kinds[i]
		for s := range numStyles {
			if len(k.frags[s]) == 0 {
				continue
			}
			for range k.weight {
				out[s] = append(out[s], k)
			}
		}
	}
	return out
}()

// appendSecret appends a fragment with a fresh fake secret for style s to
// the line being built and plants its label.
func (g *Generator) appendSecret(s style) {
	ks := byStyle[s]
	k := ks[g.r.intn(len(ks))]
	f := k.frags[s][g.r.intn(len(k.frags[s]))]
	g.line = append(g.line, f.pre...)
	start := len(g.line)
	g.line = k.value(g, g.line)
	g.plant(k.name, f.context, g.line[start:], k.public, 0)
	g.line = append(g.line, f.post...)
}

// pemKinds are the private key layouts written across lines.
var pemKinds = []struct {
	label string
	head  string // fixed start of the first body line
	lines int    // full 64-character body lines
	last  int    // length of the last body line
}{
	{"RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA", 24, 48},
	{"PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", 25, 12},
	{"EC PRIVATE KEY", "MHcCAQEEI", 2, 36},
	{"OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAA", 5, 20},
}

// pemEvent writes a log line announcing a key, then a private key one line
// at a time, as an application that logs its config would.
func (g *Generator) pemEvent(dst []byte) []byte {
	p := pemKinds[g.r.intn(len(pemKinds))]
	g.groups++
	g.begin()
	g.line = g.clk.appendSpaced(g.line, ',')
	g.line = append(g.line, " [DEBUG] app.config: loaded signing key from "...)
	g.line = append(g.line, g.r.pick([]string{"SIGNING_KEY", "JWT_PRIVATE_KEY", "TLS_KEY", "DEPLOY_KEY"})...)
	g.line = append(g.line, ':')
	dst = g.end(dst)

	g.begin()
	g.line = append(append(append(g.line, "-----BEGIN "...), p.label...), "-----"...)
	dst = g.end(dst)
	for i := 0; i <= p.lines; i++ {
		g.begin()
		n := 64
		if i == p.lines {
			n = p.last
		}
		if i == 0 {
			g.line = append(g.line, p.head...)
			n -= len(p.head)
		}
		g.line = g.r.appendChars(g.line, b64, n)
		if i == p.lines && g.r.intn(2) == 0 {
			g.line = append(g.line, "=="...)
		}
		g.plant("private-key", "pem", g.line, 0, g.groups)
		dst = g.end(dst)
	}
	g.begin()
	g.line = append(append(append(g.line, "-----END "...), p.label...), "-----"...)
	return g.end(dst)
}
