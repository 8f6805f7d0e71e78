package builtin

import "github.com/redactd/redactd/detectors"

// serverRules catch credentials that database, cache and mail servers and
// development servers print in their own logs: SQL statements that set
// passwords (PostgreSQL's log_statement, MySQL's general log), Redis
// commands (MONITOR output, redis-cli command lines), SMTP AUTH in debug
// transcripts, and the Werkzeug debugger PIN. None of them has a provider
// prefix; each is anchored on the command that carries it.
var serverRules = []detectors.Rule{
	{
		ID:          "sql-password",
		Description: "Password in a SQL statement (CREATE/ALTER USER or ROLE ... PASSWORD, IDENTIFIED BY, SET PASSWORD)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"password '", "identified ", "set password"},
		// PostgreSQL: [ENCRYPTED] PASSWORD '...'; MySQL: IDENTIFIED [WITH
		// plugin] BY '...', SET PASSWORD [FOR user] = [PASSWORD(]'...'.
		Regex:       `(?i)(?:\bPASSWORD\s+|\bIDENTIFIED\s+(?:WITH\s+[a-z0-9_]+\s+)?BY\s+|\bSET\s+PASSWORD\s+(?:FOR\s+\S+\s+)?=\s*(?:PASSWORD\s*\(\s*)?)'([^'\s]{4,128})'`,
		SecretGroup: 1,
		MaxLen:      220,
		Context:     detectors.ContextAssignment,
		Allowlist: detectors.Allowlist{StopWords: []string{"xxxx", "****", "changeme", "redacted", "<password>"},
			Regexes: []string{`^(?i:md5|scram-sha-256\$)`, `^\$\d`, `^%s$`, `^\?$`}},
		Remediation: "Change the database user's password, and stop logging statements that carry it (PostgreSQL log_statement, MySQL general log).",
	},
	{
		ID:          "redis-password",
		Description: "Redis password in an AUTH or CONFIG SET requirepass command, or a redis-cli -a flag",
		Severity:    detectors.SeverityHigh,
		// `"auth" "` is MONITOR's quoting; a bare `"auth"` is on every JSON
		// line of an auth service.
		Keywords: []string{`"auth" "`, "requirepass", "redis-cli"},
		// MONITOR prints every argument quoted: "AUTH" "pw" or "auth" "user"
		// "pw"; redis-cli takes -a PASSWORD.
		Regex:       `(?i)(?:"auth"(?:\s+"[^"\s]{1,64}")?\s+"|"requirepass"\s+"|\bconfig\s+set\s+requirepass\s+"?|\bredis-cli\b[^"\n]{0,200}?\s-a\s+"?)([^"\s]{4,128})`,
		SecretGroup: 1,
		MaxLen:      400,
		Context:     detectors.ContextAssignment,
		Allowlist:   detectors.Allowlist{StopWords: []string{"xxxx", "****", "changeme", "redacted", "$redis", "${"}},
		Remediation: "Change the Redis password (CONFIG SET requirepass or ACL SETUSER), restart clients with the new one, and keep MONITOR output and shell history out of logs.",
	},
	{
		ID:          "redis-acl-password",
		Description: "Redis ACL user password (>password) in an ACL SETUSER command",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"setuser"},
		Regex:       `(?i)\bsetuser"?(?:\s+"?[^">\s]+"?){0,16}?\s+"?>([^"\s]{4,128})`,
		SecretGroup: 1,
		MaxLen:      600,
		Context:     detectors.ContextAssignment,
		Remediation: "Reset the ACL user's password (ACL SETUSER user resetpass >new) and keep MONITOR output out of logs.",
	},
	{
		ID:          "smtp-auth-plain",
		Description: "SMTP AUTH PLAIN credentials (base64 of user and password) in a mail debug transcript",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"auth plain"},
		Regex:       `(?i)\bAUTH\s+PLAIN\s+([A-Za-z0-9+/]{12,512}={0,2})`,
		SecretGroup: 1,
		MaxLen:      540,
		Context:     detectors.ContextText,
		Remediation: "Change the SMTP account's password or API key, and turn off SMTP debug output (smtplib set_debuglevel, nodemailer debug) in production.",
	},
	{
		ID:          "werkzeug-debugger-pin",
		Description: "Werkzeug debugger PIN, which unlocks a Python console on the server",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"debugger pin"},
		Regex:       `(?i)\bDebugger PIN:\s*(\d{3}-\d{3}-\d{3})\b`,
		SecretGroup: 1,
		MaxLen:      40,
		Context:     detectors.ContextText,
		Remediation: "Never run the Werkzeug debugger where others can reach it; restart the server (a new PIN) and turn debug mode off.",
	},
}

// basicAuthRules find HTTP Basic credentials wherever a client, proxy or
// server prints them, not only after an Authorization header name: wire
// logs ("Authorization: Basic ...[\r][\n]" is caught either way), header
// maps in JSON (["Basic ..."]), HAProxy's captured request headers
// ({...|Basic ...}). The base64 must decode to printable "user:password".
var basicAuthRules = []detectors.Rule{
	{
		ID:          "basic-auth-credentials",
		Description: "HTTP Basic credentials (base64 of user:password)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"basic "},
		Regex:       `(?i)\bBasic\s+([A-Za-z0-9+/]{8,344}={0,2})(?:[^A-Za-z0-9+/=]|$)`,
		SecretGroup: 1,
		MaxLen:      360,
		Validate:    validBasicCredentials,
		Context:     detectors.ContextHeader,
		Remediation: "Change the password of the account in the credentials, and stop logging request headers (wire logs, header captures) in production.",
	},
	{
		ID:          "elastic-api-key-credentials",
		Description: "Elasticsearch API key credentials (ApiKey base64 of id:api_key)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"apikey "},
		Regex:       `(?i)\bApiKey\s+([A-Za-z0-9+/]{16,344}={0,2})(?:[^A-Za-z0-9+/=]|$)`,
		SecretGroup: 1,
		MaxLen:      360,
		Validate:    validBasicCredentials, // the same id:key shape
		Context:     detectors.ContextHeader,
		Remediation: "Invalidate the API key (DELETE /_security/api_key) and create a new one; stop logging request headers.",
	},
	{
		ID:          "oracle-jdbc-password",
		Description: "Password in an Oracle JDBC URL (jdbc:oracle:thin:user/password@host)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"jdbc:oracle:"},
		Regex:       `(?i)jdbc:oracle:[a-z0-9]+:[^/\s:@"']{1,64}/([^@\s"']{3,128})@`,
		SecretGroup: 1,
		MaxLen:      240,
		Context:     detectors.ContextURLUserinfo,
		Remediation: "Change the database user's password and take it out of the JDBC URL (use a wallet or the connection properties).",
	},
}
