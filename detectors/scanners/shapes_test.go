package scanners_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/scanners"
)

// scanAll runs every scanner of All over line. Matches of the same span by
// two scanners (the engine merges them) are reported once.
func scanAll(line string) []detectors.Match {
	var ms []detectors.Match
	for _, sc := range scanners.All(scanners.Options{}) {
		for _, m := range sc.Scan([]byte(line), nil) {
			dup := false
			for _, o := range ms {
				dup = dup || o.Start == m.Start && o.End == m.End
			}
			if !dup {
				ms = append(ms, m)
			}
		}
	}
	return ms
}

func spans(line string, ms []detectors.Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, line[m.Start:m.End])
	}
	return out
}

// Each positive shape: the line, the one secret it holds, the rule id and
// the context of the match.
var positives = []shapeCase{
	// JSON values that end in an escaped backslash, plain and inside a JSON
	// string (FuzzScan: the closing quote after "\\" was read as escaped)
	{"json-trailing-backslash", `{"password":"s3cr\\","user":"bob"}`, `s3cr\\`, scanners.RulePassword, "json"},
	{"json-in-json-trailing-backslash", `{"log":"{\"password\":\"s3cr\\\\\",\"user\":\"bob\"}"}`, `s3cr\\\\`, scanners.RulePassword, "json"},
	{"json-in-json-escaped-quote", `{"log":"{\"password\":\"s3\\\"cr\",\"user\":\"bob\"}"}`, `s3\\\"cr`, scanners.RulePassword, "json"},
	// k=v, logfmt, env
	{"kv", `DEBUG settings: CLIENT_SECRET=MCS6Q~T~vmLTUaxnRvXg~ERA510z, TIMEZONE='UTC'`, `MCS6Q~T~vmLTUaxnRvXg~ERA510z`, scanners.RuleSecret, "assignment"},
	{"logfmt", `time=2024-05-14T08:05:04Z level=WARN msg="calling upstream" client_secret=.~E4Q~E.HxcSr9XNq9NYcuJL attempt=5`, `.~E4Q~E.HxcSr9XNq9NYcuJL`, scanners.RuleSecret, "assignment"},
	{"logfmt quoted", `level=info db_password="zephyr-granite-cobalt-meadow" host=db`, `zephyr-granite-cobalt-meadow`, scanners.RulePassword, "assignment"},
	{"export", `export DB_PASSWORD="zephyr-granite-cobalt-meadow"`, `zephyr-granite-cobalt-meadow`, scanners.RulePassword, "assignment"},
	{"env single quotes", `API_TOKEN='u2Vb9tQx3LmZp8Rk4Wj7'`, `u2Vb9tQx3LmZp8Rk4Wj7`, scanners.RuleToken, "assignment"},
	{"declare -x", `declare -x MASTER_KEY="6c2e634c3c7ef250b1e4fc661a6f85fd14609d25"`, `6c2e634c3c7ef250b1e4fc661a6f85fd14609d25`, scanners.RuleAPIKey, "assignment"},
	{"pgpassword", `PGPASSWORD=Tr0ub4dor3 psql -h db -U app`, `Tr0ub4dor3`, scanners.RulePassword, "assignment"},
	{"dotted key", `spring.datasource.password=H4rb0r!2024`, `H4rb0r!2024`, scanners.RulePassword, "assignment"},
	{"camelCase", `clientSecret=Zq8RmN2vXp4KtL9w`, `Zq8RmN2vXp4KtL9w`, scanners.RuleSecret, "assignment"},
	{"k8s env list", `{"env":[{"name":"DB_PASSWORD","value":"zephyr-Granite-77"},{"name":"LOG_LEVEL","value":"info"}]}`, `zephyr-Granite-77`, scanners.RulePassword, "json"},
	{"syslog sd key value", `<167>1 2024-06-11T14:03:19.902Z web1 billing 3120 CONFIG [cfg@32473 key="db.password" value="iZUMgqMAml034wAeWo"] setting applied`, `iZUMgqMAml034wAeWo`, scanners.RulePassword, "assignment"},
	{"rails secret_key_base", `+ export SECRET_KEY_BASE=ce0fd5bdaff5ed15c4b1215e3c3a2fddf48707aa44b5cd90e8c746ca5d8e7180729e7c68985c82cf7aad81b1e8c374ad120c928eac9623c80f0ffd90b0ba9a8`, `ce0fd5bdaff5ed15c4b1215e3c3a2fddf48707aa44b5cd90e8c746ca5d8e7180729e7c68985c82cf7aad81b1e8c374ad120c928eac9623c80f0ffd90b0ba9a8`, scanners.RuleSecret, "assignment"},
	{"php var_dump", `production.DEBUG: var_dump: array(2) { ["user"]=> string(5) "forge" ["password"]=> string(18) "jJvXqbVheVo~3a1H^sx" }`, `jJvXqbVheVo~3a1H^sx`, scanners.RulePassword, "json"},
	{"php print_r", `    [password] => vg5SjNqvEzakiXPytqbDwl`, `vg5SjNqvEzakiXPytqbDwl`, scanners.RulePassword, "assignment"},
	{"jdbc params", `db.url = jdbc:sqlserver://sql01.corp.internal:1433;databaseName=ledger;user=ledger_svc;password=vW752aFoXCIcjH5yhNG;encrypt=true`, `vW752aFoXCIcjH5yhNG`, scanners.RulePassword, "assignment"},
	{"python KeyError", `KeyError: 'x0z9mzBhiakT2vpeUfBnf0TKfmH0Nmrw7UJQD8tjfQs'`, `x0z9mzBhiakT2vpeUfBnf0TKfmH0Nmrw7UJQD8tjfQs`, scanners.RuleToken, "assignment"},
	{"spaced traceback", `    SECRET_KEY = 'django-insecure-x6ducq5n+g#jjmb*)li6672w'`, `django-insecure-x6ducq5n+g#jjmb*)li6672w`, scanners.RuleSecret, "assignment"},
	{"call kwarg", `    client = Session(api_key="key-24450012bf12ee08be2b2550c674f3bf")`, `key-24450012bf12ee08be2b2550c674f3bf`, scanners.RuleAPIKey, "assignment"},
	{"ruby hash", `Parameters: {"user"=>{"email"=>"a@b.c", "password"=>"s3cr3t-Passw0rd"}}`, `s3cr3t-Passw0rd`, scanners.RulePassword, "json"},
	{"go %+v struct", `config loaded: &{Host:db.internal Port:5432 User:app Password:Tr0ub4dor&3x Timeout:5s}`, `Tr0ub4dor&3x`, scanners.RulePassword, "assignment"},
	{"go %+v token", `client: {BaseURL:https://api.example.com APIToken:u2Vb9tQx3LmZp8Rk4Wj7 Retries:3}`, `u2Vb9tQx3LmZp8Rk4Wj7`, scanners.RuleToken, "assignment"},
	// YAML and headers
	{"yaml", `  db_password: 'Alpha@1471zephyr'`, `Alpha@1471zephyr`, scanners.RulePassword, "assignment"},
	{"yaml unquoted", `      passwd: Harbor_1952tundra`, `Harbor_1952tundra`, scanners.RulePassword, "assignment"},
	{"yaml token", `  auth_token: 3AA9UMlrhsdAeWCz6FWen6jycgZxsa0E`, `3AA9UMlrhsdAeWCz6FWen6jycgZxsa0E`, scanners.RuleToken, "assignment"},
	{"k8s secret base64", `  password: dmVsdmV0LWdyYW5pdGUtemVwaHlyLWNvYmFsdA==`, `dmVsdmV0LWdyYW5pdGUtemVwaHlyLWNvYmFsdA==`, scanners.RulePassword, "assignment"},
	{"x-api-key header", `> X-API-Key: rYakcfZ1tAqNAnDbhF7ZMX7HufD0tjOBH4yQ1epu`, `rYakcfZ1tAqNAnDbhF7ZMX7HufD0tjOBH4yQ1epu`, scanners.RuleAPIKey, "header"},
	{"x-auth-token header", `X-Auth-Token: U2bW4traP5PoWrafJPHvMUzx3ZywtU1RJblKo9cb`, `U2bW4traP5PoWrafJPHvMUzx3ZywtU1RJblKo9cb`, scanners.RuleToken, "header"},
	{"dd-api-key", `> DD-API-KEY: d2f34cd7cfae326b33b36320d729f1d9`, `d2f34cd7cfae326b33b36320d729f1d9`, scanners.RuleAPIKey, "header"},
	{"raw request repr", `send: b'GET /v1 HTTP/1.1\r\nHost: api.example.com\r\nX-Api-Key: eUY0HhZ10PCDkUHV5JMov3sypYQ9M4j1\r\n\r\n'`, `eUY0HhZ10PCDkUHV5JMov3sypYQ9M4j1`, scanners.RuleAPIKey, "header"},
	// JSON, JSON in JSON, Python reprs
	{"json", `{"level":"info","smtp_password": "DxphzgolCKG&2Fe","msg":"loaded"}`, `DxphzgolCKG&2Fe`, scanners.RulePassword, "json"},
	{"json nested", `{"config":{"aws_secret_access_key":"OyIAeDUXgii85Zw2eTCrKGMEgwFIX4aaPLU6/UkR","timeout":5}}`, `OyIAeDUXgii85Zw2eTCrKGMEgwFIX4aaPLU6/UkR`, scanners.RuleSecret, "json"},
	{"json in json", `{"log":"{\"password\":\"Zephyr_8199willow\",\"user\":\"app\"}\n","stream":"stdout"}`, `Zephyr_8199willow`, scanners.RulePassword, "json"},
	{"json in json in json", `{"log":"{\"msg\":\"{\\\"api_key\\\":\\\"Ak9fQ2mZx7LpW3rT8vN1\\\"}\"}\n"}`, `Ak9fQ2mZx7LpW3rT8vN1`, scanners.RuleAPIKey, "json"},
	{"json escaped quote inside", `{"password":"ab\"cd1234","u":"x"}`, `ab\"cd1234`, scanners.RulePassword, "json"},
	{"kv in json string", `{"log":"AZURE_CLIENT_SECRET=lCq1Q~F583aPHDcfvD2g.9iMyD2zBw190DFjf4g1\n","stream":"stdout"}`, `lCq1Q~F583aPHDcfvD2g.9iMyD2zBw190DFjf4g1`, scanners.RuleSecret, "assignment"},
	{"python dict", `Creating client with kwargs {'region_name': 'us-east-1', 'secret_access_key': 'qD4Lw811IS04UtD/lgKRVARLcBAQG9vXkVIMUs9l', 'timeout': 16}`, `qD4Lw811IS04UtD/lgKRVARLcBAQG9vXkVIMUs9l`, scanners.RuleSecret, "assignment"},
	{"os.environ", `os.environ = environ({'LANG': 'C.UTF-8', 'ENCRYPTION_KEY': '6e093be811a5433d76c36c48036cf78157d8dc8f', 'HOME': '/root'})`, `6e093be811a5433d76c36c48036cf78157d8dc8f`, scanners.RuleAPIKey, "assignment"},
	{"header dict", `Request headers: {'User-Agent': 'python-requests/2.31.0', 'api-key': 'lNJu3hD5nb50NgwDFIsG5LV6Zt45xm1Y'}`, `lNJu3hD5nb50NgwDFIsG5LV6Zt45xm1Y`, scanners.RuleAPIKey, "assignment"},
	{"header dict X-API-Key", `headers={'X-API-Key': 'f3Kq9ZtR2wLm8VbN4xYp'}`, `f3Kq9ZtR2wLm8VbN4xYp`, scanners.RuleAPIKey, "assignment"},
	// CLI flags and SQL
	{"--password v", `+ mysqladmin --user root --password 'Qw3rty!98' status`, `Qw3rty!98`, scanners.RulePassword, "assignment"},
	{"--token=v", `+ vault login --token=hvs-6f1Tq0Xz9LmWc3Rb8Ky2 -method=token`, `hvs-6f1Tq0Xz9LmWc3Rb8Ky2`, scanners.RuleToken, "assignment"},
	{"--db-password v", `./migrate --db-password s3cretPass42 --db-host db`, `s3cretPass42`, scanners.RulePassword, "assignment"},
	{"sshpass -p", `+ sshpass -p 'willow-meadow-orchid-quartz' ssh postgres@bastion.internal`, `willow-meadow-orchid-quartz`, scanners.RulePassword, "assignment"},
	{"mysql -p", `+ mysql -u root -pR00tPassw0rd appdb`, `R00tPassw0rd`, scanners.RulePassword, "assignment"},
	{"curl -u", `+ curl -sS -u deploy:Zt8qLm2Xw9Rk4Vb7 https://artifacts.example.com/upload`, `Zt8qLm2Xw9Rk4Vb7`, scanners.RulePassword, "assignment"},
	{"curl --user", `curl --user 'ci:Pq7Ws2Ex9Rd4' https://x`, `Pq7Ws2Ex9Rd4`, scanners.RulePassword, "assignment"},
	{"docker login -p", `+ docker login -u ci -p Rg5Tk8Lm2Qw9Zx4 registry.example.com`, `Rg5Tk8Lm2Qw9Zx4`, scanners.RulePassword, "assignment"},
	{"redis monitor", `1715673483.120 [0 10.0.0.7:51234] "CONFIG" "SET" "requirepass" "Rd9Lq2Xm7Tw4"`, `Rd9Lq2Xm7Tw4`, scanners.RulePassword, "assignment"},
	{"redis monitor auth", `1715673483.120 [0 10.0.0.7:51234] "AUTH" "app" "Rd9Lq2Xm7Tw4"`, `Rd9Lq2Xm7Tw4`, scanners.RulePassword, "assignment"},
	{"redis-cli -a", `+ redis-cli -a Xk29LpQm7Zt4 -h cache ping`, `Xk29LpQm7Zt4`, scanners.RulePassword, "assignment"},
	{"sql password", `LOG:  statement: ALTER USER mlopez WITH PASSWORD 'PeI~&IiFbq0SI#eXoN1'`, `PeI~&IiFbq0SI#eXoN1`, scanners.RulePassword, "assignment"},
	{"sql identified by", `CREATE USER 'app'@'%' IDENTIFIED BY 'Pl4ntBased!Dog'`, `Pl4ntBased!Dog`, scanners.RulePassword, "assignment"},
	// forms and queries
	{"form body", `POST /login body=username=dave&password=falcon-granite-meadow-tundra&csrfmiddlewaretoken=&next=%2Fdashboard`, `falcon-granite-meadow-tundra`, scanners.RuleQuerySecret, "query"},
	{"query token", `"POST /api/v1/zephyr?token=lnZw4412orV8u5JSnn1ibecFoJ0TTUnZhm00DD&format=json HTTP/1.1" 200 -`, `lnZw4412orV8u5JSnn1ibecFoJ0TTUnZhm00DD`, scanners.RuleQuerySecret, "query"},
	{"query percent-encoded", `+ curl -sS "https://maps.example.com/v1/bravo?auth=lZ4aTUZln%2BhTHheWox0n81wSGT%2FvjJud"`, `lZ4aTUZln%2BhTHheWox0n81wSGT%2FvjJud`, scanners.RuleQuerySecret, "query"},
	{"query sig", `GET /api/v1/meadow?sig=rUIewgYSHMQl6wpqBZLUvQtBBePujnTI&format=json`, `rUIewgYSHMQl6wpqBZLUvQtBBePujnTI`, scanners.RuleQuerySecret, "query"},
	{"query key", `https://api.example.com/v1/falcon?key=yvoPpjk6ew6UC9zzT4lBDRcqsC7aMH674w_sLUgEExc`, `yvoPpjk6ew6UC9zzT4lBDRcqsC7aMH674w_sLUgEExc`, scanners.RuleQuerySecret, "query"},
	{"query json-escaped amp", `{"log":"GET /v1/zephyr?limit=50\u0026access_token=Sm9kTq3Lx8Wz2Rb7Vn4P HTTP/1.1"}`, `Sm9kTq3Lx8Wz2Rb7Vn4P`, scanners.RuleQuerySecret, "query"},
	{"query aws presigned", `https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=4f2a9c1e7b3d5f6a8c0e2b4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a`, `4f2a9c1e7b3d5f6a8c0e2b4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a`, scanners.RuleQuerySecret, "query"},
	// HTTP credentials
	{"bearer", `Authorization: Bearer GMOHaT09z8zGEC4pbYdCYRjtFa8ZTPjC5ex49og3`, `GMOHaT09z8zGEC4pbYdCYRjtFa8ZTPjC5ex49og3`, scanners.RuleBearer, "header"},
	{"basic", `> Authorization: Basic cmVwb3J0aW5nOiVCSkd0S3BPQ1JPenAxQjFyJSo=`, `cmVwb3J0aW5nOiVCSkd0S3BPQ1JPenAxQjFyJSo=`, scanners.RuleBasic, "header"},
	{"token scheme curl", `+ curl -sS -H 'Authorization: token ghs_tENHOjOmjSdugYaSniYy8ugD5vh7ay1npx8T' https://x`, `ghs_tENHOjOmjSdugYaSniYy8ugD5vh7ay1npx8T`, scanners.RuleAuthz, "header"},
	{"token with scheme", `{"access_token": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIz"}`, `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIz`, scanners.RuleBearer, "json"},
	{"logfmt token with scheme", `level=debug auth="Bearer 7Fq2LmZ9TkR4WpN7bYc3Hf6J"`, `7Fq2LmZ9TkR4WpN7bYc3Hf6J`, scanners.RuleBearer, "assignment"},
	{"bearer in prose", `2024-05-14 07:58:03 WARN calling upstream with Bearer 7Fq2LmZ9TkR4WpN7bYc3Hf6J failed`, `7Fq2LmZ9TkR4WpN7bYc3Hf6J`, scanners.RuleBearer, "text"},
	{"cookie gh sess", `Cookie: _gh_sess=Qm9vbGVhbkZhbHNlVGhp2cz1234; logged_in=yes`, `Qm9vbGVhbkZhbHNlVGhp2cz1234`, scanners.RuleSession, "header"},
	{"proxy-authorization", `Proxy-Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1lMTIz`, `YWxhZGRpbjpvcGVuc2VzYW1lMTIz`, scanners.RuleBasic, "header"},
	{"authorization json", `{"headers": {"authorization": "Basic YWRtaW46YWxwaGEtY29iYWx0LWNvcHBlci1oYXJib3I=", "user-agent": "Go"}}`, `YWRtaW46YWxwaGEtY29iYWx0LWNvcHBlci1oYXJib3I=`, scanners.RuleBasic, "json"},
	{"authorization dict", `headers = {"Authorization": "Bearer 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"}`, `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`, scanners.RuleBearer, "json"},
	{"authorization repr", `send: b'GET / HTTP/1.1\r\nAuthorization: Bearer ya29.a0Dthh9rO_zvyLYcoXWd15wwjTuQ\r\n\r\n'`, `ya29.a0Dthh9rO_zvyLYcoXWd15wwjTuQ`, scanners.RuleBearer, "header"},
	{"cookie flask", `> Cookie: theme=dark; session=.eJwljktqQzEMAO_idRayLMlyLvOw.ZkMZ8w.eRETSICE0h2btHmONGhLwuH9R7s; lang=en`, `.eJwljktqQzEMAO_idRayLMlyLvOw.ZkMZ8w.eRETSICE0h2btHmONGhLwuH9R7s`, scanners.RuleSession, "header"},
	{"set-cookie django", `header: Set-Cookie: sessionid=ed58816l0zph42c944fkfn94f8hql8br; Expires=Tue, 14 May 2024 08:08:55 GMT; HttpOnly`, `ed58816l0zph42c944fkfn94f8hql8br`, scanners.RuleSession, "header"},
	{"cookie jsessionid", `Cookie: JSESSIONID=8F2A9C1E7B3D5F6A8C0E2B4D6F8A0C1E; Path=/`, `8F2A9C1E7B3D5F6A8C0E2B4D6F8A0C1E`, scanners.RuleSession, "header"},
	{"cookie phpsessid", `Cookie: PHPSESSID=9k2lq7m3n8p4r6t1v5x0z2b4d6; lang=en`, `9k2lq7m3n8p4r6t1v5x0z2b4d6`, scanners.RuleSession, "header"},
	{"cookie connect.sid", `Cookie: connect.sid=s%3AQx8v2LmZ9TkR4WpN7bYc3.Hf6Jd1Sg5Ka8; other=1`, `s%3AQx8v2LmZ9TkR4WpN7bYc3.Hf6Jd1Sg5Ka8`, scanners.RuleSession, "header"},
	{"cookie rails", `Cookie: _myapp_session=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA%3D%3D--3f2a9c1e7b; path=/`, `Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA%3D%3D--3f2a9c1e7b`, scanners.RuleSession, "header"},
	{"cookies json", `{"cookies": {"sessionid": "a4k5smqq3ctue424dx35xbwmjeet00uq", "theme": "dark"}}`, `a4k5smqq3ctue424dx35xbwmjeet00uq`, scanners.RuleSession, "json"},
	// URLs
	{"postgres dsn", `DATABASE_URL=postgresql://django:Harbor%3A34802iocvb@db.internal:5432/app`, `Harbor%3A34802iocvb`, scanners.RuleURLPassword, "url-userinfo"},
	{"mongodb+srv", `"uri": "mongodb+srv://app:KU-OK1I1_Bx6w-PP@cluster0.r8f26.mongodb.net/?retryWrites=true"`, `KU-OK1I1_Bx6w-PP`, scanners.RuleURLPassword, "url-userinfo"},
	{"https userinfo", `+ pip install --index-url https://mlopez:MUWFPI2Ben4ci7jR4tL4aks@ci.example.com/simple`, `MUWFPI2Ben4ci7jR4tL4aks`, scanners.RuleURLPassword, "url-userinfo"},
	{"redis empty user", `REDIS_URL=redis://:p4ssW0rdRedis@cache:6379/0`, `p4ssW0rdRedis`, scanners.RuleURLPassword, "url-userinfo"},
	{"amqp", `Connecting to amqp://svc:Tundra2808w7@rabbit:5672//`, `Tundra2808w7`, scanners.RuleURLPassword, "url-userinfo"},
	{"token as user", `git clone https://x9Fq2LmZ7tR4wKp8VbN3cY6d@github.com/acme/app.git`, `x9Fq2LmZ7tR4wKp8VbN3cY6d`, scanners.RuleURLPassword, "url-userinfo"},
	{"json-escaped url", `{"log":"{\"url\":\"https://svc-deploy:VVXnajRjmtJ5MVi9HzjOzdziXCUB4xt@artifactory.acme.io/webhook\"}\n"}`, `VVXnajRjmtJ5MVi9HzjOzdziXCUB4xt`, scanners.RuleURLPassword, "url-userinfo"},
	{"dsn kv in quotes", `psycopg2.connect(dsn='host=db.internal port=5432 dbname=app user=admin password=GQS.T07CMUxY~uIGBPw76 sslmode=require')`, `GQS.T07CMUxY~uIGBPw76`, scanners.RulePassword, "assignment"},
	// entropy under neutral keys
	{"entropy json", `{"level":"WARN","signing":"+0dJ5Ruoz+AZkZPqcJQ++hriusR5WfuC83B2Att0jms="}`, `+0dJ5Ruoz+AZkZPqcJQ++hriusR5WfuC83B2Att0jms=`, scanners.RuleHighEntropy, "json"},
	{"entropy kv", `webhook_signing=whk9Qz2LmX7tR4wKp8VbN3cY6dF1gH5j`, `whk9Qz2LmX7tR4wKp8VbN3cY6dF1gH5j`, scanners.RuleHighEntropy, "assignment"},
	{"entropy hex", `encryption=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15`, `9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15`, scanners.RuleHighEntropy, "assignment"},
}

// Near misses: text that looks like a secret assignment but is not.
var negatives = []string{
	// placeholders and masks
	`API_KEY=${API_KEY}`, `api_key: "{{ token }}"`, `token=<token>`, `password=%s`, `password: %(password)s`,
	`api_key=xxxxxxxxxxxx`, `password=********`, `password=changeme`, `password: REDACTED`,
	`"password": "[REDACTED:password-assignment:3f9a1c0b7e2d4a11]"`, `secret=[FILTERED]`,
	`SLACK_TOKEN='xoxb-your-token'`, `password: <your-password>`, `api_key=YOUR_API_KEY_HERE`,
	`amqp://guest:**@localhost:5672//`, `postgresql+psycopg2://app:***@db.internal:5432/app`,
	`DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app`, `"password"=>"[FILTERED]"`,
	// not values
	`password=null`, `token: true`, `secret: false`, `password=`, `password: ""`, `api_key=12345678`,
	`"token": null`, `password: None`, `token=0`,
	// keys that are not secret
	`password_reset_url=/reset`, `KeyError: 'customer_id'`, `{"name":"password_reset_url","value":"https://x/reset"}`, `{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}`, `{"name":"API_TOKEN","value":"${API_TOKEN}"}`, `{"__CURSOR":"s=a13a78baab1f41439779de6c78613d59;i=1a2f3;b=e46d5836de7543e5d7a034ce35e0cbf6;m=cdd3c10a1;t=61a9b2c3d4e5f;x=63aa9536e"}`, `total=42.00 payment_intent=pi_3PQ6JJJ84NLC32BR49X5B3K status=ok`, `"serial":"f4d71b7269edd3232700b75be34ba50d"`, `ConnectionString = InstrumentationKey=7f14c020-439a-4825-b970-f5f308d90e9c;IngestionEndpoint=https://x`, `key="stripe.publishable_key" value="pk_live_N6UQ6HH6Z70O9FTS50R7D1HCQQJPJMOE4YQ9BTEG"`, `GET /api/v1/orders?api_key=%24%7BAPI_KEY%7D HTTP/1.1`, `GET /export?access_token=%3Ctoken%3E HTTP/1.1`, `GET /x?token=%7B%7Btoken%7D%7D`, `        checksum/secret: 0d4e33aad1a359bb86dbca2535e1c4f6424b37801225bc3ff84091c0031e0312`, `KeyError: 'HTTP_X_FORWARDED_FOR'`, `token_count=5`, `max_tokens: 256`, `secret_name: db-creds`,
	`auth: enabled`, `passwordless=true`, `token_type: bearer`, `"token_expires_at": "2024-05-14T08:00:00Z"`,
	`"publishable_key":"pk_live_u0vxrTeF8K9DVtAvIMEfnigu"`, `STRIPE_PUBLISHABLE_KEY=pk_live_BvED4xnXEjC69VDFN5kV69c9`,
	`GPG_KEY=EE688E68F2457A84244D0440A6AEAF277E297C19`, `"public_key": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"`,
	`cache_key=user:42:profile:v3`, `idempotency_key=0b1f7e2c-2b1d-4f4e-9a55-2f1e0c6d8b7a`, `secretRef: app-secrets`,
	`existingSecret: db-credentials`, `password_file=/run/secrets/db`, `"next_page_token": "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA2"`,
	`csrf_token=Zq8RmN2vXp4KtL9wZq8RmN2v`, `key_id=AKIAIOSFODNN7EXAMPLE`, `api_key_id: 8c1f2e3d`,
	`PWD=/home/app`, `"auth_method": "oauth2"`, `session=frontend-2845`, `(session=auth-3548)`,
	`Invalid password: too short`, `Password: incorrect`, `password authentication failed for user "app"`,
	`ssh_key: ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDMaCIcSQrwq4hmk1pDyqXsZUBvmQGnrwPrFHnoTkpU ci@host`,
	`token refreshed: ok`, `secret rotated: 2024-05-14`, `--password-file /run/secrets/pw`, `ssh -p 2222 host`,
	`mkdir -p /var/lib/app`, `-p 8080:80`, `docker login --password-stdin registry.example.com`,
	`curl -u deploy https://x`, `"CONFIG" "SET" "maxmemory" "2gb"`, `curl -sS -u ${USER}:${PASS} https://x`,
	// ids, digests and hashes introduced as such
	`"request_id":"94425d84-265d-4cf5-bf76-2476482b2b85"`, `"x_request_id": "CcPX6KRwogqopmvbOIiC"`,
	`trace_id=9b32a066b0c98f41cff0638e45f734a6 span_id=9ddd5e70c0654e69`, `traceparent: 00-517aa3df418b6af4990bf077195f9263-50a44165747779d7-01`,
	`x-amz-id-2: u4tKVdEzu+L83IZWLn2aasI01YCnDG867VuHtNRABfiCWZIaOw68332t3EmY5g17iq5ltmDaxqY=`,
	`x-amz-request-id: A843B751854650E1`, `checksum: sha256:d89abdebbacf0b4959445e445287ba58f92d4be34a25f116bbbba35c186179ac`,
	`Digest: sha256:47ca639e6e48156f61cbfd76204f6f8c323b56d9d87cd116bcad8ec54dbbbd1b`,
	`"integrity": "sha512-GcXDNXBmo8AZB/bPZXr3pAHgS7F4eF4uNXr634zb7zOEvMmIpDkjbrLlvzK3XX06DD7UHfdcEbIKNm5UvGhzcQ=="`,
	`ETag: "b63cc3cd6512d1bc524444cefeb81fcc"`, `GIT_COMMIT=7bdaa9188ecc181781c6ae8c9365e80d1a5a16df`,
	`"commit": "e1784313f5797baa40cf4c63fe70db4718504c13"`, `PYTHON_SHA256=c3d0908186ccd7b7203a665eb9dbd0d13cfe021a4a5f1a6347b52ecba99e468a`,
	`"Data":"15ca7f7bea6543da13f5c8bc0dffb76f935f823ca02a162d63aef3da26c5b51e"`, `uid: 96d0ead7-351c-40ff-9d0d-c7016a14e5e4`,
	`"container_id": "1b2239a781b024cb73a80a3b48c2fdc979413576d80888f4c3b2b09e44246fab"`,
	`"Body":"eyJ0eXBlIjoicGluZyIsInNvdXJjZSI6InNjaGVkdWxlciJ9"`, `data=SGVsbG8gd29ybGQsIHRoaXMgaXMgYSB0ZXN0IG1lc3NhZ2U=`,
	`"avatar":"data:image/png;base64,iVBORw0KGgr4ZH3N18U7ggdgzQ9pmRU/rArmdBVLnApYxAoREtMLlU5aTh"`,
	`GET /_next/static/chunks/pages/_app-9becc97b78028c58.js HTTP/1.1`, `github.com/tundra/maple v1.5.1 h1:ynsABO/Bn1ku11geTjOrQ6Jo7AKC6BAFiRf2/U2BNi8=`,
	`Added authorized key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK9Smp6jsrCS7eNyF5x/h1eW360LMCsOnR3OCh6Oh07A ci@host`,
	`version=v1.12.1-rc.3+build.1641.d76aacf`, `created=2024-05-14T07:58:24.145840034Z lsn=D/DBB45771`,
	`"path": "/api/v1/orders/4412?page=2&per_page=50"`, `https://www.example.com/a/b?utm_source=newsletter&utm_medium=email&page=2`,
	`Authorization: Digest username="app", realm="x", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", response="6629fae49393a05397450978507c4ef1"`,
	`WWW-Authenticate: Bearer realm="example"`, `token_type=Bearer expires_in=3600`, `uses Bearer authentication for all endpoints`, `Authorization: Bearer`, `Authorization: Basic <credentials>`,
	`"authorization": "Bearer ${TOKEN}"`, `headers: {Authorization: "[REDACTED]"}`,
	`2024-05-14 07:58:12,189 INFO worker: Processed 1363 items in 1.32s`, `time="2024-05-14T07:58:24Z" level=debug msg=checkpoint`,
	`12:00:01 host:8080 ns::name a::b [::1]:443`, `{Host:db User:app Password: Timeout:5s}`, `arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf`,
	`INFO:password:reset requested`, `{Password:*** User:app}`, `token:refresh:queue`, `{APIToken:%s}`, `ratio=3:2 eta=00:01:22`,
	`rotated the PRIVATE KEY of the signer`, `    token = request.args.get("token")`, `    password = form.cleaned_data["password"]`,
	`    secret = rt.lastSecret`, `last_password_change=2024-05-14T07:58:03Z`, `password_changed: 2024-05-14T07:58:03Z`,
	`missing credentials: AWS_ACCESS_KEY_ID not set`, `password_reset=requested`, `token_verified=true`, `Password: ExpectedPassword,`, `    k.ApiKey = keyMax[0]`, `    authorization = resp.Request.Header.Get("Authorization")`, `Cache miss for key=product:3235:v2, fetching`,
	`[INFO] botocore.credentials: Refreshing access token for integration 716 (token_type=Bearer, expires_in=3600)`,
	`[ERROR] app.auth.password: Incorrect password for user 42`, `{"key": "user_42_profile_v3_cache"}`, `X-Hub-Signature-256: sha256=6b2f0c4d9e8a7b1c3d5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c`,
	`{"cert": "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UEChMJQmFsdGltb3Jl"}`,
	`{"salt": "Qm9vbGVhbkZhbHNlVGhpc0lzU2FsdDEyMzQ1Njc4OTA=", "iv": "c2l4dGVlbiBieXRlcyBpdg=="}`,
	`host_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK9Smp6jsrCS7eNyF5x/h1eW360LMCsOnR3OCh6Oh07A"`, `-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----`,
}

func TestShapes(t *testing.T) { checkShapes(t, positives) }

func TestNearMisses(t *testing.T) { checkNearMisses(t, negatives) }

// shapeCase is a line, the one secret the scanners must find in it, and the
// rule id and context of the match.
type shapeCase struct{ name, line, secret, rule, ctx string }

// checkShapes runs every scanner over each case's line and wants exactly its
// secret, with its rule and context.
func checkShapes(t *testing.T, cases []shapeCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			ms := scanAll(tt.line)
			got := spans(tt.line, ms)
			if len(got) != 1 || got[0] != tt.secret {
				t.Fatalf("Scan(%q) = %q; want [%q]", tt.line, got, tt.secret)
			}
			if ms[0].RuleID != tt.rule || ms[0].Context != tt.ctx {
				t.Errorf("Scan(%q) rule, context = %s, %s; want %s, %s", tt.line, ms[0].RuleID, ms[0].Context, tt.rule, tt.ctx)
			}
		})
	}
}

// checkNearMisses wants no match from any scanner on each line.
func checkNearMisses(t *testing.T, lines []string) {
	t.Helper()
	for _, line := range lines {
		if ms := scanAll(line); len(ms) > 0 {
			t.Errorf("Scan(%q) = %q (%s); want nothing", line, spans(line, ms), ms[0].RuleID)
		}
	}
}

// TestShapesRedactJSON checks that redacting JSON lines keeps them valid
// JSON and idempotent, through the whole engine.
func TestShapesRedactJSON(t *testing.T) {
	eng := newEngine(t, nil)
	for _, tt := range positives {
		line := []byte(tt.line)
		out, fs := eng.Redact(nil, line)
		if len(fs) == 0 || strings.Contains(string(out), tt.secret) {
			t.Errorf("Redact(%q) = %q; want %q redacted", tt.line, out, tt.secret)
			continue
		}
		if json.Valid(line) && !json.Valid(out) {
			t.Errorf("Redact(%q) = %q; no longer valid JSON", tt.line, out)
		}
		if again, fs2 := eng.Redact(nil, out); string(again) != string(out) || len(fs2) != 0 {
			t.Errorf("Redact(Redact(%q)) = %q, %d findings; want unchanged", tt.line, again, len(fs2))
		}
	}
}
