package builtin

var _ = register(
	ruleCase{
		id: "sql-password",
		tps: []tp{
			{`2024-06-11 14:03:22.501 UTC [4417] postgres@app LOG:  statement: ALTER USER app WITH PASSWORD 'Zq8RmN2vXp4KtL9w';`, "Zq8RmN2vXp4KtL9w"},
			{"2024-06-11T14:03:22.601201Z\t    8 Query\tCREATE USER 'report'@'10.0.%' IDENTIFIED WITH caching_sha2_password BY 'VKQjWLcb9HzJRp3PYa4P64k'", "VKQjWLcb9HzJRp3PYa4P64k"},
			{"2024-06-11T14:03:22.801401Z\t    8 Query\tSET PASSWORD FOR 'legacy'@'%' = 'cMnTFNOaDf~7wB'", "cMnTFNOaDf~7wB"},
			{`LOG:  statement: CREATE ROLE etl LOGIN ENCRYPTED PASSWORD 'h4rb0r-T1de-9x'`, "h4rb0r-T1de-9x"},
		},
		fps: []string{
			`LOG:  statement: ALTER USER app WITH PASSWORD 'md5c2c5e7f1d1a6c9f3b0e4d2a1c3b5e7f9'`,
			`ERROR:  password authentication failed for user "app"`,
			`LOG:  statement: ALTER USER app WITH PASSWORD $1`,
		},
	},
	ruleCase{
		id: "redis-password",
		tps: []tp{
			{`1718114601.201605 [0 127.0.0.1:40112] "AUTH" "Qm9Xk2vLp8RtZ4wN"`, "Qm9Xk2vLp8RtZ4wN"},
			{`1718114601.301605 [0 127.0.0.1:40112] "auth" "default" "Qm9Xk2vLp8RtZ4wN"`, "Qm9Xk2vLp8RtZ4wN"},
			{`1718114602.101605 [0 127.0.0.1:40112] "CONFIG" "SET" "requirepass" "s3nt1nel-Gr4nite"`, "s3nt1nel-Gr4nite"},
			{`$ redis-cli -h redis-master.prod.svc -a EKHV8bClttgBOjLy7WxZTdIaCb9yWRtN --no-auth-warning INFO replication`, "EKHV8bClttgBOjLy7WxZTdIaCb9yWRtN"},
		},
		fps: []string{
			`1718114601.201605 [0 127.0.0.1:40112] "GET" "auth:session:42"`,
			`redis-cli -h redis-master.prod.svc INFO replication`,
			`# requirepass foobared`,
		},
	},
	ruleCase{
		id: "redis-acl-password",
		tps: []tp{
			{`1718114602.801605 [0 127.0.0.1:40112] "ACL" "SETUSER" "app" "on" ">0LllSt_UsPxb2pN85" "~app:*" "+@all"`, "0LllSt_UsPxb2pN85"},
			{`redis> ACL SETUSER worker on >Wk9pLx2Qv7Rt ~jobs:* +@list`, "Wk9pLx2Qv7Rt"},
		},
		fps: []string{`1718114602.801605 [0 127.0.0.1:40112] "ACL" "SETUSER" "app" "on" "nopass" "~app:*"`},
	},
	ruleCase{
		id: "smtp-auth-plain",
		tps: []tp{
			{`send: 'AUTH PLAIN AGFwaWtleQBTRy5zZGVDc0RwZHRJUmstUjdGaTAtdzBNLk5vdFBndGUtZ0FMdHJXZHQzVDJyajFMUENrS09seWRYZmJ2UmNpZjEycF8=\r\n'`, "AGFwaWtleQBTRy5zZGVDc0RwZHRJUmstUjdGaTAtdzBNLk5vdFBndGUtZ0FMdHJXZHQzVDJyajFMUENrS09seWRYZmJ2UmNpZjEycF8="},
			{`[DEBUG] SMTP >> AUTH PLAIN AG5vcmVwbHlAc2hvcC5leGFtcGxlAFQwcFNlY3JldCE=`, "AG5vcmVwbHlAc2hvcC5leGFtcGxlAFQwcFNlY3JldCE="},
		},
		fps: []string{`reply: b'250-AUTH PLAIN LOGIN XOAUTH2'`},
	},
	ruleCase{
		id: "werkzeug-debugger-pin",
		tps: []tp{
			{` * Debugger PIN: 686-617-491`, "686-617-491"},
			{`2024-06-11T14:03:20.1Z stderr F  * Debugger PIN: 914-760-290`, "914-760-290"},
		},
		fps: []string{` * Debugger is active!`},
	},
)

var _ = register(ruleCase{
	id: "basic-auth-credentials",
	tps: []tp{
		{`14:03:23.016 [http-nio-8443-exec-1] DEBUG org.apache.hc.client5.http.wire - http-outgoing-0 >> "Authorization: Basic bGVkZ2VyOjgtM3B6NjchdnhmaXFDWXRU[\r][\n]"`, "bGVkZ2VyOjgtM3B6NjchdnhmaXFDWXRU"},
		{`{"level":"debug","msg":"request headers","headers":{"Authorization":["Basic YWRtaW46bE9eVEtLWX5GKnE4WmVzQg=="],"User-Agent":["curl/8.5.0"]}}`, "YWRtaW46bE9eVEtLWX5GKnE4WmVzQg=="},
		{`haproxy[1203]: 203.0.113.9:40113 [11/Jun/2024:14:03:23.120] https-in~ be_api/api2 0/0/0/15/15 200 812 - - ---- {api.acme.example|Go-http-client/1.1|Basic bW9uaXRvcjpPcmNoaWRfZ2xhY2llcjQwNTA=} "GET /v1/health/deep HTTP/1.1"`, "bW9uaXRvcjpPcmNoaWRfZ2xhY2llcjQwNTA="},
	},
	fps: []string{
		`WWW-Authenticate: Basic realm="Restricted"`,
		`INFO plan: basic tier selected for account 42`,
		`auth scheme Basic dXNlcm5hbWVvbmx5 rejected`, // decodes to "usernameonly": no colon
	},
})

var _ = register(
	ruleCase{
		id: "elastic-api-key-credentials",
		tps: []tp{
			{`      Elastic request: GET https://search.internal:9200/products/_search (ApiKey VnVRMnhaOEJiWDFrcTlGTXQ3Uno6MDVjZTliZThkYzUyMDBiNGM0ZTg1YzAzNDdkMmZlZmQ=)`, "VnVRMnhaOEJiWDFrcTlGTXQ3Uno6MDVjZTliZThkYzUyMDBiNGM0ZTg1YzAzNDdkMmZlZmQ="},
			{`{"headers":{"authorization":"ApiKey Q2hhbmdlZEtleUlkOnVpMmxwMmF4VE5tc3lha3c5dHZOblc="}}`, "Q2hhbmdlZEtleUlkOnVpMmxwMmF4VE5tc3lha3c5dHZOblc="},
		},
		fps: []string{`WHERE [c].[ApiKey] = @__apiKey_0`, `auth scheme ApiKey dXNlcm5hbWVvbmx5aGVyZQ== rejected`},
	},
	ruleCase{
		id: "oracle-jdbc-password",
		tps: []tp{
			{`14:03:19.847 [main] DEBUG com.acme.ledger.config.ConfigLoader - legacy.url = jdbc:oracle:thin:ledger_ro/lE_~v^6LS~!fe3gBE!v@//ora-prod.corp.internal:1521/LEDGERP`, "lE_~v^6LS~!fe3gBE!v"},
			{`spring.datasource.url=jdbc:oracle:thin:app/Tr0ub4dor3x@db.prod:1521:ORCL`, "Tr0ub4dor3x"},
		},
		fps: []string{`spring.datasource.url=jdbc:oracle:thin:@//db.prod:1521/ORCL`},
	},
)
