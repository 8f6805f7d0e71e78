package scanners_test

import (
	"testing"

	"github.com/redactd/redactd/detectors/scanners"
)

// Shapes found on unseen log formats (internal/formats/FINDINGS.md): the
// line, the one secret it holds, the rule id and the context.
var formatPositives = []shapeCase{
	// Go %+v fields whose value starts with a digit or a symbol, PrivateKey
	{"go %+v digit first", `{"cfg": "{Host:inventory-db.prod.svc Port:5432 User:inventory Password:59Kx64Eo8JBqRJyc8YI!DX SSLMode:verify-full}"}`, `59Kx64Eo8JBqRJyc8YI!DX`, scanners.RulePassword, "assignment"},
	{"go %+v PrivateKey", `cfg="{Endpoint:https://api.example.com MerchantID:OKG1JA78 PublicKey:1e5d006f0568a339 PrivateKey:4f47db7a7e53f541bf525aa76135a530 Timeout:30s}"`, `4f47db7a7e53f541bf525aa76135a530`, scanners.RuleSecret, "assignment"},
	{"go %+v PrivateKey letter first", `{MerchantID:X PrivateKey:f47db7a7e53f541bf525aa76135a530 Timeout:30s}`, `f47db7a7e53f541bf525aa76135a530`, scanners.RuleSecret, "assignment"},
	// values of secret-named keys with unusual first bytes and prefixes
	{"django key starting with @$", `shop.settings: SECRET_KEY=@$b=t^8gtr#rhq5c-ewf@1@x#^q6_x7s3q%fhqr-!gz=%l*urx`, `@$b=t^8gtr#rhq5c-ewf@1@x#^q6_x7s3q%fhqr-!gz=%l*urx`, scanners.RuleSecret, "assignment"},
	{"password starting with $", `db_password=$x7Qm!pL2vR9`, `$x7Qm!pL2vR9`, scanners.RulePassword, "assignment"},
	{"laravel app key", `{"app.key":"base64:rPSmnzcI7ofkLUdPdSGNDXZ9nCBJDP89uy589RFQu34=","app.env":"production"}`, `rPSmnzcI7ofkLUdPdSGNDXZ9nCBJDP89uy589RFQu34=`, scanners.RuleAPIKey, "json"},
	{"laravel APP_KEY env", `APP_KEY=base64:Zq8RmN2vXp4KtL9wZq8RmN2vXp4KtL9wAbCdEfGh12c=`, `Zq8RmN2vXp4KtL9wZq8RmN2vXp4KtL9wAbCdEfGh12c=`, scanners.RuleAPIKey, "assignment"},
	// Rails ActiveRecord binds
	{"rails binds", `UPDATE "settings" SET "smtp_password" = $1 WHERE "settings"."id" = $2  [["smtp_password", "Pc*GLO^eW1xqaesFfVGj8KZ"], ["id", 1]]`, `Pc*GLO^eW1xqaesFfVGj8KZ`, scanners.RulePassword, "assignment"},
	{"rails binds later pair", `INSERT INTO "api_clients" ("name", "api_token") VALUES ($1, $2)  [["name", "billing"], ["api_token", "tk9Qm2LxP7vR4wZs8NcB"]]`, `tk9Qm2LxP7vR4wZs8NcB`, scanners.RuleToken, "assignment"},
	// netrc and htpasswd
	{"netrc one line", `[2024-06-11T14:04:01.003Z] machine api.heroku.com login ops@acme.example password 28dbed64-0edc-45cf-8446-2088fac5c359`, `28dbed64-0edc-45cf-8446-2088fac5c359`, scanners.RulePassword, "assignment"},
	{"htpasswd -b", `sudo:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/htpasswd -b /etc/nginx/.htpasswd admin Orchid-maple6234`, `Orchid-maple6234`, scanners.RulePassword, "assignment"},
	{"htpasswd -nbB", `+ htpasswd -nbB -C 10 admin 'Tq8!wLm2Zx'`, `Tq8!wLm2Zx`, scanners.RulePassword, "assignment"},
	// PHP stack frames
	{"php PDO frame", `#1 /var/www/vendor/laravel/framework/src/Illuminate/Database/Connectors/Connector.php(65): PDO->__construct('mysql:host=mysq...', 'forge', 'maple*saffron81...', Array)`, `maple*saffron81...`, scanners.RulePassword, "assignment"},
	{"php Redis auth frame", `#0 /var/www/vendor/laravel/framework/src/Illuminate/Redis/Connectors/PhpRedisConnector.php(204): Redis->auth('tundra^maple277...')`, `tundra^maple277...`, scanners.RulePassword, "assignment"},
	// SQL literals
	{"sql aes_decrypt", "12 Query\tSELECT AES_DECRYPT(secret_blob, 'fbc3c044480fed5883e5112eddcfd2b3') FROM vault WHERE id = 1", `fbc3c044480fed5883e5112eddcfd2b3`, scanners.RuleSecret, "assignment"},
	{"sql pgp_sym_encrypt", `LOG:  statement: INSERT INTO notes (body) VALUES (pgp_sym_encrypt('hello', 'Kq9!mZ2xLp7vRw4'))`, `Kq9!mZ2xLp7vRw4`, scanners.RuleSecret, "assignment"},
	{"sql set_config", `LOG:  statement: SELECT set_config('app.jwt_secret', 'mjpgXl7f1lCXGqrgy1eD++LzA3DrGZykTIUUcjGBKQk=', false)`, `mjpgXl7f1lCXGqrgy1eD++LzA3DrGZykTIUUcjGBKQk=`, scanners.RuleSecret, "assignment"},
	{"sql insert columns", `LOG:  statement: INSERT INTO webhooks (url, secret) VALUES ('https://hooks.partner.example/in', '3be1c94c8fb064aaa26b70553eb00c8fc87f4c270020dbf8c879f08218719314')`, `3be1c94c8fb064aaa26b70553eb00c8fc87f4c270020dbf8c879f08218719314`, scanners.RuleSecret, "assignment"},
	{"sql insert quoted columns", "Query\tINSERT INTO `integrations` (`id`, `name`, `api_key`) VALUES (7, 'shipping', 'Zq8RmN2vXp4KtL9wQ1')", `Zq8RmN2vXp4KtL9wQ1`, scanners.RuleAPIKey, "assignment"},
	{"sql salted hash", "12 Query\tSELECT SHA2(CONCAT(salt, 'ag~4MR!XjuACniIVBz'), 256) = password_hash FROM legacy_users", `ag~4MR!XjuACniIVBz`, scanners.RulePassword, "assignment"},
	{"sql pgcrypto crypt", `statement: SELECT id FROM users WHERE pw = crypt('Harbor!tundra55', pw)`, `Harbor!tundra55`, scanners.RulePassword, "assignment"},
	// a word then a quoted value, the ApiKey scheme alone
	{"bad token quoted", `/etc/nginx/lua/auth.lua:41: bad token "83e81d48519b14e47afdf5f10ea6c44657e01b7587e18d7eb766a6b6e142fdf1" for key "api-gw"`, `83e81d48519b14e47afdf5f10ea6c44657e01b7587e18d7eb766a6b6e142fdf1`, scanners.RuleToken, "text"},
	{"haproxy ApiKey capture", `0/0 {api.acme.example|PostmanRuntime/7.39.0|ApiKey UWIicmPKteyA9lIAZq5qoZxDea0kQqFj} "GET /v1/legacy/stats HTTP/1.1"`, `UWIicmPKteyA9lIAZq5qoZxDea0kQqFj`, scanners.RuleAuthz, "header"},
	// tokens in URL paths
	{"rails password reset path", `Started GET "/password_resets/Tp9gztInauvDMbWa0JwPY5bLvdd7eWIC/edit?email=jane%40example.com" for 203.0.113.7`, `Tp9gztInauvDMbWa0JwPY5bLvdd7eWIC`, scanners.RulePathToken, "text"},
	{"laravel reset-password path", `{"url":"https://app.acme.example/reset-password/4f0d071374558c22f5b3d5ccbdfbe9cf024f59c014f1f340a6c76daace523c28?email=jane%40example.com"}`, `4f0d071374558c22f5b3d5ccbdfbe9cf024f59c014f1f340a6c76daace523c28`, scanners.RulePathToken, "text"},
	{"reset confirm path", `172.17.0.1 - - [11/Jun/2024 14:03:28] "GET /reset/confirm/dJRw2FitRyyoaqMSrFR3GwitfKHRWih3 HTTP/1.1" 200 -`, `dJRw2FitRyyoaqMSrFR3GwitfKHRWih3`, scanners.RulePathToken, "text"},
	{"hooks path", `request: "POST /hooks/0564c6cffb5765e5e41b25b731857065235fd558 HTTP/1.1", host: "hooks.acme.example"`, `0564c6cffb5765e5e41b25b731857065235fd558`, scanners.RulePathToken, "text"},
	// CI scripts, env lists, SSM parameters (the second batch of formats)
	{"github add-mask", `2024-06-11T14:04:00.0034079Z ::add-mask::xsjl7kvBTWnLQd0jgBi8ywbZg2xBZprUfN8iGCQ6`, `xsjl7kvBTWnLQd0jgBi8ywbZg2xBZprUfN8iGCQ6`, scanners.RuleSecret, "text"},
	{"echo base64 -d", `+ echo SHVRV2pYX1RPQVZydFZFNTk= | base64 -d > key.json`, `SHVRV2pYX1RPQVZydFZFNTk=`, scanners.RuleSecret, "text"},
	{"printf base64 --decode", `+ printf '%s' "eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0K" | base64 --decode > sa.json`, `eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0K`, scanners.RuleSecret, "text"},
	{"ssm parameter path name", `{"message":"ssm parameter","Name":"/prod/orders/db_password","Type":"SecureString","Value":"oDp.B4JMKY7Rm2s!oWs","Version":4}`, `oDp.B4JMKY7Rm2s!oWs`, scanners.RulePassword, "json"},
	{"docker inspect env string", `["PATH=/usr/bin","DJANGO_SECRET_KEY=7nd$i%-7db)!!@6k=#b&j_q1j1*(c6hdg$61q+gimq*unb5(ek","LANG=C.UTF-8"]`, `7nd$i%-7db)!!@6k=#b&j_q1j1*(c6hdg$61q+gimq*unb5(ek`, scanners.RuleSecret, "assignment"},
	{"yaml value with & and (", `      DJANGO_SECRET_KEY: l&sj8bmpc!nsyw=gxopf_h)k9lwg$ucmh3ab8(#-yir9&jj*1l`, `l&sj8bmpc!nsyw=gxopf_h)k9lwg$ucmh3ab8(#-yir9&jj*1l`, scanners.RuleSecret, "assignment"},
	{"django reset uid token", `"GET /accounts/reset/MQ/c4v1ab-8f0c3e2b9d7a1f6e5c4b/ HTTP/1.1" 200 2711`, `c4v1ab-8f0c3e2b9d7a1f6e5c4b`, scanners.RulePathToken, "text"},
}

var formatNegatives = []string{
	// Go fields
	`{Host:db Port:5432 Password:2024-06-11T14:03:24Z}`, `token:1234567`, `{Key:42 Value:7}`, `cache key:3f9a1c0b`,
	// placeholders and references
	`SECRET_KEY=$DJANGO_SECRET_KEY`, `password=@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db/)`,
	`"password":"System.Security.SecureString"`, `vault_token=VALUE_SPECIFIED_IN_NO_LOG_PARAMETER`,
	`APP_KEY=base64:`, `"app.key":"base64:${APP_KEY}"`,
	// ids and names printed under secret-looking keys
	`{"parameterKey":"DatadogApiKey","parameterValue":"<none>"}`, `"clientToken":"5274e5c4-ae53-4a9a-bfe1-d185a90b9be1"`,
	`"sid":"SM982cc440191b7e52e65d767501742317"`, `"client_key":"live_EOWZ7BQVUDLQWFIYL7UMZURH0DZ4MAB1QDUFI509"`,
	`"md5sum": "f758cc3e26635a451208ca061c3b21d6"`, `token: created token: accessor=GWGAIOIMQVNKG4T92OPF policies=["default"]`,
	`"OpenAI-Organization":"org-2OCF837KQ0XD2C3QRWSZ"`, `Cookie: .AspNetCore.Antiforgery.8LGXV9TJHGEF7NFRMG1N=CfDJ85DboSjhKsDew1EYMRTApKA==`,
	`INSERT INTO users (email, encrypted_password) VALUES ('jane@example.com', '$2a$12$yUHpVYCUxgti24+AZKH2UQ==GCE0L3AFS83HR6NFOHKV12')`,
	// Rails binds without a secret-named column, or masked
	`[["email", "jane@example.com"], ["id", 1]]`, `[["password", "[FILTERED]"], ["id", 1]]`,
	// netrc and htpasswd near misses
	`machine api.heroku.com login ops@acme.example`, `password reset requested for user 42`, `the machine password is set`,
	`htpasswd -c /etc/nginx/.htpasswd admin`, `htpasswd -B /etc/nginx/.htpasswd admin`,
	// PHP frames without a password
	`#0 Connector.php(65): PDO->__construct('sqlite::memory:')`, `Redis->auth(Array)`, `#3 Foo->auth()`,
	// SQL near misses
	`SELECT AES_DECRYPT(secret_blob, @key) FROM vault`, `SELECT set_config('search_path', 'public,app', false)`,
	`INSERT INTO webhooks (url, secret) VALUES ($1, $2)`, `INSERT INTO events (name, payload) VALUES ('signup', 'Zq8RmN2vXp4KtL9wQ1')`,
	`SELECT CONCAT(first_name, ' ', last_name) FROM users`, `SELECT SHA2(CONCAT(salt, password), 256) FROM users`,
	`INSERT INTO tokens (token) VALUES ('')`,
	// prose
	`unexpected token "}" in JSON at position 42`, `invalid csrf token "Zq8RmN2vXp4KtL9wQ1xY"`, `missing token "Authorization"`,
	`ApiKey authentication is enabled`, `ApiKey ${API_KEY}`,
	// paths
	`"GET /webhooks/stripe?ref=homepage HTTP/1.1" 200`, `GET /password_resets/new HTTP/1.1`, `GET /reset/confirm/done HTTP/1.1`,
	`POST /repos/acme/app/hooks/123456789/pings HTTP/1.1`, `GET /hooks/github HTTP/1.1`, `GET /reset/MQ/set-password/ HTTP/1.1`,
	`GET /email/confirm/order-confirmation-2024 HTTP/1.1`, `DELETE /hooks/5274e5c4-ae53-4a9a-bfe1-d185a90b9be1 HTTP/1.1`,
	`/var/lib/app/cache/reset/`, `GET /api/reset HTTP/1.1`,
	// CI
	`echo "::add-mask::$DB_PASSWORD"`, `::add-mask::123456789012`, `::add-mask::***`, `cat key.b64 | base64 -d > key.json`,
	`echo $GCP_KEY | base64 -d > key.json`, `echo hello | base64 -d`,
	// digests that sit under secret names: Vault audit HMACs, PostgreSQL verifiers, signature headers
	`{"auth":{"client_token":"hmac-sha256:45fea1bec174720c4753c1d010e3378c5f9230aae94b858e0d027be0a2fd1b4e","accessor":"hmac-sha256:53960341af6f88"}}`,
	`"data":{"role_id":"hmac-sha256:949306f75f1b5579e5ef89cb5cac5bad2c9621d3ad379a84991f94bd8337e6a9","secret_id":"hmac-sha256:949306f75f1b5579e5ef89cb5cac5bad2c9621d3ad379a84991f94bd8337e6a9"}`,
	`statement: ALTER USER app_ro WITH PASSWORD 'md53679837dde316ebb4a1eb8ad5fafbee7';`,
	`statement: ALTER ROLE migrator PASSWORD 'SCRAM-SHA-256$4096:OLblb/NFIo7+eN6NQf8J/w==$vEYJZa6p9tocRAx63d/SPwq2mIN8ty9hp628DXTUzPI=:JiDMpE5Vvb6bMFzRFG3LQF9th7Y2O9HXtr6xRIqLvo4=';`,
	`"stripe-signature": "t=1718114599,v1=026150292c4dad54366534cbd76b8a04cf53aa9c9c22321398fbeea78e72da6e"`,
	// ids and names under neutral keys
	`"receiptHandle": "AQEBsOWjSgeF7q6CfD4WARspR9f813r72qqqo7+65z2aET53K/jJEr9qfbdfKZMEZ9kH8MbO1LJAK3V72RAkMb2taa"`,
	`token issued user=42 jti=e282cbd89581ae413487718da7a726fc exp=1718118210`, `"ctx":"IndexBuildsCoordinatorMongod-0","msg":"Index build: done building"`,
	`"signature":{"hash":{"$binary":{"base64":"kYaXWa7EG8MiI5L+BDBV1g==","subType":"0"}},"keyId":7311940231987118081}`,
	// values that end a line but are no secret
	`"requestParameters":{"name":"/prod/app/db_password","type":"SecureString","value":"HIDDEN_DUE_TO_SECURITY_REASONS","overwrite":true}`,
	`Password: ExpectedPassword,`, `  secret: (sensitive value)`, `msg="reload" password: x&y`,
}

func TestFormatShapes(t *testing.T) { checkShapes(t, formatPositives) }

func TestFormatNearMisses(t *testing.T) { checkNearMisses(t, formatNegatives) }
