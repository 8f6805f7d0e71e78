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
