package scanners_test

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors/builtin"
)

// shape is one log format: clean lines that must pass byte-identical and
// templates with a planted secret ("%S").
type shape struct {
	name  string
	clean []string
	dirty []string
}

var shapes = []shape{
	{"java logback", []string{
		`2024-05-14 07:58:03.120  INFO 1 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port(s): 8080 (http) with context path ''`,
		`	at com.acme.billing.InvoiceService.render(InvoiceService.java:142) ~[billing-1.4.2.jar:1.4.2]`,
		`Caused by: java.sql.SQLException: Access denied for user 'app'@'10.0.3.7' (using password: YES)`,
		`2024-05-14 07:58:03,120 DEBUG [http-nio-8080-exec-3] c.a.b.Config - spring.datasource.url=jdbc:postgresql://db:5432/app`,
		`2024-05-14 07:58:03.120 DEBUG 1 --- [main] o.s.s.w.FilterChainProxy : Securing GET /api/orders?page=2&size=20`,
	}, []string{
		`2024-05-14 07:58:03.120 DEBUG 1 --- [main] c.a.Config : spring.datasource.password=%S`,
		`2024-05-14 07:58:03.120  INFO 1 --- [main] com.zaxxer.hikari.HikariDataSource : HikariPool-1 - Starting with jdbc:mysql://app:%S@db:3306/app`,
		`2024-05-14 07:58:03.120 DEBUG 1 --- [nio-8080-exec-1] c.a.web.LoggingFilter : headers={authorization=Bearer %S, accept=*/*}`,
	}},
	{"log4j", []string{
		`[2024-05-14T07:58:03,120][INFO ][o.e.n.Node               ] [es-1] started {es-1}{aB3cD4eF5gH6iJ7kL8mN9o}{10.0.0.7}`,
		`2024-05-14 07:58:03,120 WARN  [org.apache.kafka.clients.NetworkClient] - [Consumer clientId=consumer-1, groupId=billing] Connection to node -1 could not be established.`,
	}, []string{
		`2024-05-14 07:58:03,120 DEBUG [main] KafkaConfig - sasl.jaas.config = org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="%S";`,
		`2024-05-14 07:58:03,120 INFO  [main] Bootstrap - apiKey=%S region=eu-west-1`,
	}},
	{"node morgan/pino/winston", []string{
		`::ffff:10.0.0.7 - - [14/May/2024:07:58:03 +0000] "GET /api/items?page=2 HTTP/1.1" 200 512 "-" "node-fetch/1.0"`,
		`{"level":30,"time":1715673483120,"pid":7,"hostname":"api-1","req":{"id":1,"method":"GET","url":"/health","headers":{"host":"api","accept":"*/*"}},"msg":"request completed","responseTime":3}`,
		`{"level":"info","message":"db connected","service":"api","timestamp":"2024-05-14T07:58:03.120Z"}`,
	}, []string{
		`::ffff:10.0.0.7 - - [14/May/2024:07:58:03 +0000] "GET /api/items?api_key=%S&page=2 HTTP/1.1" 200 512 "-" "node-fetch/1.0"`,
		`{"level":30,"time":1715673483120,"pid":7,"hostname":"api-1","req":{"id":1,"method":"GET","url":"/me","headers":{"host":"api","authorization":"Bearer %S"}},"msg":"request completed"}`,
		`{"level":"debug","message":"config loaded","dbPassword":"%S","service":"api"}`,
		`{"level":"debug","message":"session","cookie":"connect.sid=s%3A%S; Path=/; HttpOnly"}`,
	}},
	{"go zap/logrus", []string{
		"2024-05-14T07:58:03.120Z\tINFO\tserver/main.go:42\tlistening\t{\"addr\": \":8080\", \"tls\": false}",
		`time="2024-05-14T07:58:03Z" level=info msg="connected" db_host=db port=5432 max_open_conns=20`,
		`{"level":"info","ts":1715673483.12,"caller":"cache/lru.go:88","msg":"evicted","key":"user:42:profile","size":1024}`,
	}, []string{
		"2024-05-14T07:58:03.120Z\tDEBUG\tconfig/load.go:17\tloaded\t{\"apiKey\": \"%S\", \"region\": \"eu-west-1\"}",
		`time="2024-05-14T07:58:03Z" level=debug msg="auth" client_secret=%S tenant=acme`,
	}},
	{"rails", []string{
		`Started POST "/users/sign_in" for 10.0.0.7 at 2024-05-14 07:58:03 +0000`,
		`Processing by Devise::SessionsController#create as HTML`,
		`  Parameters: {"authenticity_token"=>"[FILTERED]", "user"=>{"email"=>"a@b.c", "password"=>"[FILTERED]"}, "commit"=>"Log in"}`,
		`Completed 302 Found in 112ms (ActiveRecord: 3.1ms | Allocations: 5120)`,
	}, []string{
		`  Parameters: {"user"=>{"email"=>"a@b.c", "password"=>"%S"}, "commit"=>"Log in"}`,
		`  Parameters: {"api_token"=>"%S", "format"=>"json"}`,
	}},
	{"php", []string{
		`[14-May-2024 07:58:03 UTC] PHP Warning:  Undefined array key "id" in /var/www/html/index.php on line 12`,
		`[14-May-2024 07:58:03] WARNING: [pool www] child 42 said into stderr: "NOTICE: PHP message: cache miss for key user_42"`,
	}, []string{
		`[14-May-2024 07:58:03 UTC] PHP Notice:  env DB_PASSWORD=%S in /var/www/html/config.php on line 4`,
		`[14-May-2024 07:58:03 UTC] PHP Fatal error:  Uncaught Exception: login failed for https://api:%S@partner.example.com/v2 in /var/www/app.php:30`,
	}},
	{".net", []string{
		`info: Microsoft.Hosting.Lifetime[14]`,
		`      Now listening on: http://[::]:8080`,
		`fail: Microsoft.EntityFrameworkCore.Database.Connection[20004] An error occurred using the connection to database 'app' on server 'db'.`,
	}, []string{
		`      ConnectionStrings:Default = Server=db;Database=app;User Id=sa;Password=%S;TrustServerCertificate=true`,
		`dbug: Acme.Api.Startup[0] Loaded option ClientSecret=%S`,
	}},
	{"nginx/haproxy", []string{
		`10.0.0.7 - - [14/May/2024:07:58:03 +0000] "GET /static/app.3f9a1c0b.js HTTP/2.0" 200 51234 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"`,
		`2024/05/14 07:58:03 [error] 31#31: *7 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: _, request: "GET /api HTTP/1.1", upstream: "http://10.0.0.9:8080/api", host: "example.com"`,
		`May 14 07:58:03 lb haproxy[7]: 10.0.0.7:51234 [14/May/2024:07:58:03.120] fe_https~ be_api/api1 0/0/1/12/13 200 512 - - ---- 3/3/1/1/0 0/0 "GET /api/items HTTP/1.1"`,
	}, []string{
		`10.0.0.7 - - [14/May/2024:07:58:03 +0000] "GET /oauth/callback?code=4/0AbCd&access_token=%S&state=xyz HTTP/1.1" 302 0 "-" "curl/8.5.0"`,
		`May 14 07:58:03 lb haproxy[7]: 10.0.0.7:51234 [14/May/2024:07:58:03.120] fe_https~ be_api/api1 0/0/1/12/13 200 512 - - ---- 3/3/1/1/0 0/0 "GET /v1/export?apikey=%S HTTP/1.1"`,
	}},
	{"syslog/journald", []string{
		`May 14 07:58:03 web-1 sshd[812]: Accepted publickey for deploy from 10.0.0.7 port 51234 ssh2: RSA SHA256:Vn1xJ8s0GvH2pYwq3T6k3fX9Lm2aQ7rB5cD8eF1gH4i`,
		`May 14 07:58:03 web-1 systemd[1]: Started Session 42 of User deploy.`,
		`May 14 07:58:03 web-1 kernel: [12345.678901] EXT4-fs (sda1): mounted filesystem with ordered data mode. Opts: (null)`,
	}, []string{
		`May 14 07:58:03 web-1 sudo[900]:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/mysql -u root -p%S`,
		`May 14 07:58:03 web-1 app[77]: starting with --api-token %S --port 8080`,
	}},
	{"cloudtrail", []string{
		`{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROA3XFRBF535PLBIFPI4:deploy","arn":"arn:aws:sts::123456789012:assumed-role/dev/deploy","accountId":"123456789012"},"eventTime":"2024-05-14T07:58:03Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"eu-west-1","sourceIPAddress":"10.0.0.7","requestID":"8D2A3F1B9C7E4D21","eventID":"0b1f7e2c-2b1d-4f4e-9a55-2f1e0c6d8b7a"}`,
	}, []string{
		`{"eventVersion":"1.08","eventSource":"secretsmanager.amazonaws.com","eventName":"PutSecretValue","requestParameters":{"secretId":"prod/db","secretString":"%S"},"eventID":"0b1f7e2c-2b1d-4f4e-9a55-2f1e0c6d8b7a"}`,
	}},
	{"ci job logs", []string{
		`2024-05-14T07:58:03.1234567Z ##[group]Run actions/checkout@v4`,
		`2024-05-14T07:58:03.1234567Z   token: ***`,
		`2024-05-14T07:58:03.1234567Z [command]/usr/bin/git config --local http.https://github.com/.extraheader AUTHORIZATION: basic ***`,
		`Step 3/9 : RUN npm ci --omit=dev`,
	}, []string{
		`2024-05-14T07:58:03.1234567Z + echo "registry password: %S"`,
		`2024-05-14T07:58:03.1234567Z + curl -u deploy:%S https://artifacts.example.com/upload`,
		`$ export NPM_TOKEN=%S`,
	}},
	{"terraform/ansible", []string{
		`aws_db_instance.main: Creating...`,
		`  + password = (sensitive value)`,
		`TASK [db : create user] *********************************************************`,
		`ok: [web-1] => {"changed": false, "msg": "All items completed"}`,
	}, []string{
		`  + master_password = "%S"`,
		`ok: [web-1] => (item={'name': 'app', 'password': '%S'})`,
		`fatal: [db-1]: FAILED! => {"changed": false, "cmd": "mysql -u root -p%S -e 'select 1'", "rc": 1}`,
	}},
	{"kubectl/helm", []string{
		`deployment.apps/api configured`,
		`NAME                   READY   STATUS    RESTARTS   AGE`,
		`api-7d9f8b6c5d-x2kq9   1/1     Running   0          3d2h`,
		`  secretName: api-tls`,
	}, []string{
		`  api-key: %B`,
		`+ helm upgrade --install app ./chart --set db.password=%S --namespace prod`,
	}},
	{"sql/redis servers", []string{
		`2024-05-14 07:58:03.120 UTC [77] LOG:  checkpoint complete: wrote 112 buffers (0.7%); 0 WAL file(s) added`,
		`2024-05-14T07:58:03.120000Z 12 Connect	app@10.0.0.7 on app using TCP/IP`,
		`1:M 14 May 2024 07:58:03.120 * Ready to accept connections tcp`,
	}, []string{
		`2024-05-14 07:58:03.120 UTC [77] LOG:  statement: CREATE ROLE app LOGIN PASSWORD '%S'`,
		`2024-05-14T07:58:03.120000Z 12 Query	CREATE USER 'app'@'%' IDENTIFIED BY '%S'`,
		`1715673483.120 [0 10.0.0.7:51234] "CONFIG" "SET" "requirepass" "%S"`,
	}},
	{"werkzeug/gunicorn", []string{
		`127.0.0.1 - - [14/May/2024 07:58:03] "GET /static/app.js HTTP/1.1" 200 -`,
		`[2024-05-14 07:58:03 +0000] [7] [INFO] Booting worker with pid: 7`,
		`10.0.0.7 - - [14/May/2024:07:58:03 +0000] "POST /login?next=/ HTTP/1.1" 302 0 "-" "curl/8.5.0"`,
	}, []string{
		`127.0.0.1 - - [14/May/2024 07:58:03] "GET /reset?token=%S HTTP/1.1" 200 -`,
		`[2024-05-14 07:58:03 +0000] [7] [DEBUG] GET /api/v1/export?apikey=%S`,
		`  File "/app/settings.py", line 12, in <module>`,
	}},
}

// plant fills %S with a generated secret and %B with a base64 secret.
func plant(tpl string, r *rand.Rand) (string, string) {
	const alnum = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	n := 20 + r.IntN(16)
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[r.IntN(len(alnum))]
	}
	b[0], b[1], b[2] = 'x', 'Q', '7' // lower, upper and digit in every secret
	s := string(b)
	if strings.Contains(tpl, "%B") {
		s = strings.TrimRight(strings.ReplaceAll(strings.ReplaceAll(s, "x", "+"), "J", "/"), "") + "=="
		return strings.Replace(tpl, "%B", s, 1), s
	}
	if !strings.Contains(tpl, "%S") {
		return tpl, ""
	}
	return strings.Replace(tpl, "%S", s, 1), s
}

// TestGeneratedShapes measures recall and false positives on log formats
// the sample corpus does not have.
func TestGeneratedShapes(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, withRules := range []bool{false, true} {
		eng := newEngine(t, nil)
		label := "scanners only"
		if withRules {
			eng = newEngine(t, builtin.Rules())
			label = "with built-in rules"
		}
		planted, found, cleanLines, fp := 0, 0, 0, 0
		var misses []string
		for _, sh := range shapes {
			for _, l := range sh.clean {
				cleanLines++
				out, _ := eng.Redact(nil, []byte(l))
				if string(out) != l {
					fp++
					t.Errorf("%s (%s): clean line changed:\n  in:  %s\n  out: %s", sh.name, label, l, out)
				}
			}
			for _, tpl := range sh.dirty {
				line, secret := plant(tpl, r)
				out, _ := eng.Redact(nil, []byte(line))
				if secret == "" {
					cleanLines++
					if string(out) != line {
						fp++
						t.Errorf("%s (%s): clean line changed:\n  in:  %s\n  out: %s", sh.name, label, line, out)
					}
					continue
				}
				planted++
				if strings.Contains(string(out), secret[len(secret)-12:]) || strings.Contains(string(out), secret[:12]) {
					misses = append(misses, sh.name+": "+line)
				} else {
					found++
				}
				if json.Valid([]byte(line)) && !json.Valid(out) {
					t.Errorf("%s: JSON line no longer valid: %s", sh.name, out)
				}
			}
		}
		t.Logf("generated shapes (%s): recall %d/%d (%.1f%%), false-positive lines %d/%d", label, found, planted, pct(found, planted), fp, cleanLines)
		for _, m := range misses {
			t.Logf("  missed: %s", m)
		}
		// known misses are listed above; the bar keeps them few
		if pct(found, planted) < 90 {
			t.Errorf("recall %.1f%% on generated shapes (%s); want >= 90%%", pct(found, planted), label)
		}
	}
}
