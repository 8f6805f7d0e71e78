package scanners

// Byte classes used by the one-pass scanners.
const (
	cLower    = 1 << iota // a-z
	cUpper                // A-Z
	cDigit                // 0-9
	cKey                  // may appear in a key name: alnum _ - .
	cB64                  // base64 / base64url alphabet incl. padding
	cHex                  // 0-9 a-f A-F
	cStop                 // ends an unquoted value
	cSpace                // ' ' or '\t'
	cNotPlain             // '=', ':' or ' ': a value holding one may hold more
)

// lowerTab maps ASCII upper case to lower case and every other byte to itself.
var lowerTab [256]byte

var class [256]uint16

// trigger marks the bytes the main loop stops at; everything else is skipped
// by a tight loop.
var trigger [256]bool

func init() {
	for c := 'a'; c <= 'z'; c++ {
		class[c] |= cLower | cKey | cB64
	}
	for c := 'A'; c <= 'Z'; c++ {
		class[c] |= cUpper | cKey | cB64
	}
	for c := '0'; c <= '9'; c++ {
		class[c] |= cDigit | cKey | cB64 | cHex
	}
	for _, c := range "abcdefABCDEF" {
		class[c] |= cHex
	}
	for _, c := range "_-." {
		class[c] |= cKey
	}
	for _, c := range "+/=_-" {
		class[c] |= cB64
	}
	for _, c := range " \t\r\n\"'\\,;&)]}<>|`" {
		class[c] |= cStop
	}
	for c := 0; c < 0x20; c++ { // control bytes (NUL, ESC, ...) end a value too
		class[c] |= cStop
	}
	class[0x7f] |= cStop
	class[' '] |= cSpace | cNotPlain
	class['\t'] |= cSpace
	class['='] |= cNotPlain
	class[':'] |= cNotPlain
	for c := range lowerTab {
		lowerTab[c] = lower(byte(c))
	}
	trigger['='] = true
	trigger[':'] = true
}

func isLetter(c byte) bool { return class[c]&(cLower|cUpper) != 0 }
func isDigit(c byte) bool  { return class[c]&cDigit != 0 }
func isSpace(c byte) bool  { return class[c]&cSpace != 0 }
func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// keyClass says what a key name announces about its value.
type keyClass uint8

const (
	kNone       keyClass = iota
	kNeutral             // a key that says nothing; its value may be scored for entropy
	kExcluded            // an id, digest, name, count...: never a secret, not even by entropy
	kPassword            // password, passwd, pwd, passphrase
	kSecret              // secret, client_secret, credentials
	kToken               // access_token, auth_token, x-auth-token
	kAPIKey              // api_key, x-api-key, apikey
	kKey                 // <qualifier>_key: master_key, encryption_key
	kWeak                // bare token/key/auth/signature: value must look like a token
	kSession             // session, sessionid, PHPSESSID, connect.sid
	kAuthHeader          // Authorization, Proxy-Authorization
	kPrivateKey          // private_key: the value is usually PEM (PEMInline)
)

// hintFirst and hintSecond mark, for each lowercase byte pair that starts
// or sits inside a word which can make a key secret-named ("sw" of
// password, "ok" of token), bit k in hintFirst of its first byte and in
// hintSecond of its second byte (both cases). A pair (a, b) is a hint pair
// exactly when hintFirst[a]&hintSecond[b] != 0. A key without any is
// neutral, decided with two table lookups per byte instead of splitting it
// into words.
var hintFirst, hintSecond [256]uint16

func init() {
	// Pairs from inside the words, chosen to be rare in other key names:
	// pa(ss)w(ord) "sw", pwd "pw", se(cr)et and (cr)edential "cr",
	// t(ok)en "ok", k(ey) and apik(ey) "ey", (au)th "au", authori(za)tion
	// "za", se(ss)ion and pa(ss)phrase "ss", si(gn)ature "gn", s(ig) "ig",
	// pr(iv)ate "iv", (jw)t "jw". "sid" (connect.sid) is too short for a
	// rare pair and is checked at the end of the key.
	for k, p := range []string{"sw", "pw", "cr", "ok", "ey", "au", "za", "ss", "gn", "ig", "iv", "jw"} {
		for _, c := range []byte{p[0], p[0] - 'a' + 'A'} {
			hintFirst[c] |= 1 << k
		}
		for _, c := range []byte{p[1], p[1] - 'a' + 'A'} {
			hintSecond[c] |= 1 << k
		}
	}
}

// maxWords bounds the words of a key name that are looked at.
const maxWords = 8

// keyWords splits a key name into lowercase words at '_', '-', '.', ' ' and
// camelCase boundaries ("clientSecret", "APIKey", "X-API-Key"). The words are
// written into buf; it returns their bounds. It does not allocate.
type keyWords struct {
	buf [64]byte
	s   [maxWords]uint8
	e   [maxWords]uint8
	n   int
}

func (w *keyWords) split(key []byte) {
	w.n = 0
	if len(key) > len(w.buf) {
		key = key[len(key)-len(w.buf):]
	}
	start := -1
	for i := 0; i < len(key); i++ {
		c := key[i]
		cl := class[c]
		if cl&(cLower|cUpper|cDigit) == 0 {
			if start >= 0 {
				w.add(start, i)
				start = -1
			}
			continue
		}
		if start >= 0 && cl&cUpper != 0 && i > 0 {
			p := class[key[i-1]]
			if p&(cLower|cDigit) != 0 || (p&cUpper != 0 && i+1 < len(key) && class[key[i+1]]&cLower != 0) {
				w.add(start, i)
				start = i
			}
		}
		if start < 0 {
			start = i
		}
		w.buf[i] = lower(c)
	}
	if start >= 0 {
		w.add(start, len(key))
	}
}

func (w *keyWords) add(s, e int) {
	if w.n == maxWords {
		// keep the last words: the class of a key is in its tail
		copy(w.s[:], w.s[1:])
		copy(w.e[:], w.e[1:])
		w.n--
	}
	w.s[w.n], w.e[w.n] = uint8(s), uint8(e)
	w.n++
}

func (w *keyWords) word(i int) string {
	// the conversion in a switch or comparison does not allocate
	return string(w.buf[w.s[i]:w.e[i]])
}

// wordKind is what one word of a key contributes.
type wordKind uint8

const (
	wNone wordKind = iota
	wPassword
	wSecret
	wToken
	wAPIKey
	wAPI
	wKey
	wAuth
	wAuthorization
	wSession
	wSig
	wPrivate
	wNegAny  // makes the whole key non-secret wherever it appears (max_tokens, public_key)
	wNegLast // makes the key non-secret when it is the last word (secret_name, token_count)
	wNegKey  // makes a bare *_key non-secret (cache_key, object_key) but not redis_password
	wID
)

func wordKindOf(w string) wordKind {
	switch w {
	case "password", "passwd", "pwd", "passphrase", "pass", "pw", "pword", "passwort", "contrasena", "motdepasse":
		return wPassword
	case "secret", "secrets", "credential", "credentials", "creds", "cred":
		return wSecret
	case "token", "pat":
		return wToken
	case "apikey", "apitoken":
		return wAPIKey
	case "api":
		return wAPI
	case "key":
		return wKey
	case "auth":
		return wAuth
	case "authorization":
		return wAuthorization
	case "session", "sessionid", "sessid", "sess", "phpsessid", "jsessionid", "sid", "sessionkey", "sessiontoken":
		return wSession
	case "signature", "sig":
		return wSig
	case "private":
		return wPrivate
	case "id", "ids":
		return wID
	case "max", "min", "num", "public", "publishable", "pub", "gpg", "pgp", "fingerprint",
		"idempotency", "partition", "sort", "primary", "foreign", "routing",
		"page", "next", "pagination", "continuation", "csrf", "xsrf", "csrftoken", "cancellation",
		"sync", "request", "correlation", "trace", "span", "lock", "i18n", "translation",
		"has", "is", "no", "without", "tokenizer", "tokens", "keys", "keyboard", "monkey",
		"hash", "hashed", "digest", "checksum", "sha", "sha1", "sha256", "sha512", "md5", "etag",
		"integrity", "commit", "revision", "uuid", "guid", "nonce", "thumbprint", "kid",
		"cursor", "sitekey", "cert", "certs", "certificate", "certificates", "crt", "x509", "x5c",
		"pubkey", "publickey", "jwks", "traceparent", "tracestate", "b3", "salt", "iv", "hmacsha256",
		"serial", "serialnumber", "instrumentation", "instrumentationkey",
		"md5sum", "sha1sum", "sha256sum", "sha512sum", "accessor", "antiforgery", "jti", "handle",
		"imphash", "aio", "uti", "ordering", "cid", "gclid", "fbclid", "msclkid":
		return wNegAny
	case "cache", "object", "s3", "redis", "lookup", "map", "message", "record", "feature",
		"dedup", "unique", "composite", "group", "index", "row", "column", "table",
		"registry", "metric", "label", "tag", "shard", "bucket", "item", "event",
		"task", "queue", "state", "host", "ca", "known", "authorized", "websocket":
		return wNegKey
	case "name", "names", "type", "count", "len", "length", "size", "url", "uri", "urls",
		"path", "file", "filename", "dir", "directory", "endpoint", "enabled", "enable",
		"disabled", "required", "expires", "expiry", "expiration", "ttl", "at", "header",
		"headers", "field", "param", "prefix", "suffix", "version", "policy", "rotation",
		"provider", "store", "manager", "arn", "ref", "kind", "mode", "format", "status",
		"valid", "validity", "placeholder", "hint", "strength", "algorithm", "alg", "method",
		"scheme", "source", "location", "env", "var", "usage", "used", "updated", "created",
		"timeout", "lifetime", "scope", "scopes", "audience", "issuer", "rate", "interval",
		"template", "regex", "pattern", "mask", "masked", "redacted", "set", "exists",
		"present", "error", "errors", "attempts", "retries", "limit", "age", "duration",
		"delay", "period", "window", "level", "flag", "option", "options", "config",
		"settings", "mount", "volume", "generated", "issued", "last", "rotated", "refreshed",
		"length2", "bytes", "bits", "encoding", "encrypted", "id2", "ok", "check", "checked",
		"policies", "namespace", "service", "account", "user", "username", "login", "email",
		"owner", "list", "lifespan", "expire", "expiresin", "remaining", "storage", "backend",
		"class", "handler", "helper", "module", "plugin", "cmd", "command", "script", "role",
		"roles", "permissions", "permission", "rules", "rule", "text", "hidden", "visible",
		"shown", "input", "prompt", "reader", "writer", "parser", "validator", "generator",
		"hostname", "port", "data", "body", "payload", "content", "msg", "avatar", "image",
		"icon", "thumbnail", "blob", "marker", "offset", "layer", "container", "pod", "node",
		"instance", "build", "release", "tree", "parent", "head", "base", "digests", "region",
		"zone", "cluster", "database", "db", "schema", "query", "sql", "statement", "response",
		"result", "output", "log", "logs", "line", "events", "description", "comment",
		"note", "notes", "title", "subject", "summary", "detail", "details", "reason", "stdin", "stdout", "change", "changed", "reset", "sent", "requested",
		"verified", "match", "matches", "mismatch", "failed", "failure", "success", "expired",
		"invalid", "missing", "supplied", "provided", "accepted", "rejected", "denied":
		return wNegLast
	}
	return wNone
}

// classify returns the class of a key name. The name may carry leading
// dashes (CLI flags) or a "u0026" left over from a JSON-escaped '&'.
func classifyKey(key []byte) keyClass {
	if len(key) == 0 {
		return kNone
	}
	letters := false
	for _, c := range key {
		if isLetter(c) {
			letters = true
			break
		}
	}
	if !letters {
		return kNone
	}
	var w keyWords
	w.split(key)
	if w.n == 0 {
		return kNone
	}
	var has [16]bool
	for i := 0; i < w.n; i++ {
		has[wordKindOf(w.word(i))] = true
	}
	// "x-amz-id-2", "secret_v2": trailing numbers do not name anything
	for w.n > 1 && isDigit(w.buf[w.s[w.n-1]]) && isDigit(w.buf[w.e[w.n-1]-1]) && allDigits(w.buf[w.s[w.n-1]:w.e[w.n-1]]) {
		w.n--
	}
	last := wordKindOf(w.word(w.n - 1))
	if last == wNone {
		// compounds without separators: PGPASSWORD, dbpassword, authtoken, secretkey
		lw := w.word(w.n - 1)
		switch {
		case hasSuffix(lw, "password"), hasSuffix(lw, "passwd"):
			last, has[wPassword] = wPassword, true
		case hasSuffix(lw, "secret"):
			last, has[wSecret] = wSecret, true
		case hasSuffix(lw, "token") && len(lw) > 5 && lw != "csrftoken" && lw != "xsrftoken":
			last, has[wToken] = wToken, true
		case lw == "accesskey" || lw == "secretkey" || lw == "privatekey" || lw == "masterkey" ||
			lw == "signingkey" || lw == "encryptionkey" || lw == "appkey" || lw == "authkey" ||
			lw == "licensekey" || lw == "clientkey":
			last, has[wKey] = wKey, true
			if lw == "privatekey" {
				has[wPrivate] = true
			}
		}
	}
	if has[wNegAny] {
		return kExcluded
	}
	if w.n == 2 && w.word(0) == "key" && w.word(1) == "error" {
		// Python's KeyError: 'k' names the dict key that was missing, and
		// a dict of API keys is the usual way to check one: a value that
		// looks like a token is the key itself.
		return kWeak
	}
	if w.n == 2 && w.word(0) == "secure" && w.word(1) == "value" {
		return kSecret // Azure's secureValue (container instance environment)
	}
	if w.n >= 3 && w.word(w.n-1) == "base" && wordKindOf(w.word(w.n-2)) == wKey && wordKindOf(w.word(w.n-3)) == wSecret {
		return kSecret // Rails' secret_key_base signs every session cookie
	}
	if last == wNegLast {
		return kExcluded
	}
	if last == wPassword && w.n >= 2 && w.word(w.n-2) == "encrypted" {
		return kExcluded // Devise's encrypted_password column holds a bcrypt hash
	}
	if last == wID {
		// session_id and secret_id are credentials; every other *_id is not
		if w.n >= 2 {
			switch wordKindOf(w.word(w.n - 2)) {
			case wSession:
				if w.n >= 3 && (w.word(w.n-3) == "external" || w.word(w.n-3) == "root") {
					// Okta's System Log: the id of the IdP's session,
					// shown to admins, is no cookie
					return kExcluded
				}
				return kSession
			case wSecret:
				return kSecret
			}
		}
		return kExcluded
	}
	switch {
	case has[wAuthorization] && w.n <= 3:
		return kAuthHeader
	case has[wPassword]:
		return kPassword
	case has[wPrivate] && (has[wKey] || last == wKey):
		return kPrivateKey
	case has[wAPIKey], has[wAPI] && has[wKey]:
		return kAPIKey
	case has[wSecret]:
		return kSecret
	case has[wSession]:
		return kSession
	case has[wToken]:
		if w.n == 1 {
			return kWeak
		}
		return kToken
	case has[wNegKey]:
		return kExcluded
	case has[wKey]:
		if w.n == 1 {
			return kWeak
		}
		return kKey
	case has[wAuth], has[wSig]:
		return kWeak
	}
	return kNeutral
}

func hasSuffix(s, suf string) bool { return len(s) >= len(suf) && s[len(s)-len(suf):] == suf }

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}
