package scanners

import (
	"bytes"
	"encoding/base64"
)

// valueStats summarises the characters of a candidate value.
type valueStats struct {
	lower, upper, digit, other, space int
	same                              bool // every byte is the same
}

func statsOf(v []byte) valueStats {
	var s valueStats
	s.same = len(v) > 0
	for i, c := range v {
		cl := class[c]
		switch {
		case cl&cLower != 0:
			s.lower++
		case cl&cUpper != 0:
			s.upper++
		case cl&cDigit != 0:
			s.digit++
		case cl&cSpace != 0:
			s.space++
		default:
			s.other++
		}
		if i > 0 && c != v[0] {
			s.same = false
		}
	}
	return s
}

// isPlaceholderWord reports whether lv, a lowercase value, is a word that
// stands for a secret without being one.
func isPlaceholderWord(lv string) bool {
	switch lv {
	case "null", "nil", "none", "true", "false", "yes", "no", "on", "off", "undefined", "n/a", "na", "empty", "changeme", "change_me", "change-me", "changeit", "redacted", "filtered", "[filtered]", "hidden", "masked", "secret", "password", "passwd", "token", "placeholder", "example", "dummy", "sample", "notset", "not_set", "not-set", "unset", "required", "optional", "enabled", "disabled", "default", "string", "str", "bytes", "value", "your_token", "your-token", "your_api_key", "your-api-key", "yourpassword", "your_password", "mypassword", "<redacted>", "(redacted)", "[redacted]", "********", "sensitive", "removed", "omitted", "stripped", "xxx", "tbd", "todo", "fixme", "test", "bearer", "basic", "apikey", "api_key", "unknown", "invalid", "missing":
		return true
	}
	return false
}

// placeholderParts are substrings (ASCII case-insensitive) that mark a
// value as a placeholder or an already redacted value.
var placeholderParts = [][]byte{
	[]byte("redacted"), []byte("your-"), []byte("your_"), []byte("<your"), []byte("changeme"),
	[]byte("placeholder"), []byte("example"), []byte("xxxxxx"), []byte("******"), []byte("filtered"),
	[]byte("insert_"), []byte("insert-"), []byte("replace_me"), []byte("replace-me"), []byte("dummy"),
}

// isPlaceholder reports whether v is clearly not a secret: empty, a
// keyword, a number, a template or variable reference, a mask or a
// redaction token.
func isPlaceholder(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	var lb [64]byte
	lv := lb[:0]
	if len(v) <= len(lb) {
		for _, c := range v {
			lv = append(lv, lowerTab[c])
		}
		// placeholder words are short; string(lv) of up to 32 bytes stays
		// on the stack
		if len(lv) <= 32 && isPlaceholderWord(string(lv)) {
			return true
		}
	}
	switch v[0] {
	case '%':
		// %s, %(password)s, %v, %DB_PASSWORD%
		if len(v) <= 3 || v[1] == '(' || v[len(v)-1] == '%' {
			return true
		}
		// percent-encoded templates in URLs: %24%7BAPI_KEY%7D (${API_KEY}),
		// %7B%7Btoken%7D%7D ({{token}}), %3Ctoken%3E (<token>)
		switch lowerTab[v[1]] {
		case '2':
			if v[2] == '4' && len(v) > 6 && v[3] == '%' && v[4] == '7' && lowerTab[v[5]] == 'b' {
				return true
			}
		case '3':
			if lowerTab[v[2]] == 'c' {
				return true
			}
		case '7':
			if lowerTab[v[2]] == 'b' {
				return true
			}
		}
	case '$', '<', '{', '[', '(', '@':
		// ${API_KEY}, $API_KEY, %s, %(password)s, <token>, {{ token }}, [REDACTED:...], @secret/ref
		if v[0] == '$' && len(v) > 1 && v[1] != '{' && v[1] != '(' && !identifier(v[1:]) {
			break // "$2b$12$...", "$x!9...", "$b=t^8..." (a Django key) may be real
		}
		if v[0] == '@' && (len(v) < 2 || !isLetter(v[1]) || hasAnyByte(v[1:], "!#$%^&*+@")) {
			break // "@$b=t^8gtr#..." is a Django SECRET_KEY, "@Microsoft.KeyVault(...)" a reference
		}
		return true
	}
	if hasPrefixFold(v, "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER") || equalFold(v, "System.Security.SecureString") || string(v) == "HIDDEN_DUE_TO_SECURITY_REASONS" {
		return true // Ansible's and CloudTrail's masks; .NET prints a SecureString's type name
	}
	if hasPrefixFold(v, "env:") || hasPrefixFold(v, "env.") || hasPrefixFold(v, "vault:") ||
		hasPrefixFold(v, "secret:") || hasPrefixFold(v, "ref+") || hasPrefixFold(v, "file:") ||
		hasPrefixFold(v, "sm://") || hasPrefixFold(v, "arn:") || hasPrefixFold(v, "-----BEGIN") ||
		hasPrefixFold(v, "os.environ") || hasPrefixFold(v, "process.env") {
		return true
	}
	st := statsOf(v)
	if st.same {
		return true // xxxx, ****, ....
	}
	if st.lower+st.upper == 0 {
		return true // numbers, dates, punctuation
	}
	if st.lower+st.upper <= 2 && st.digit >= 6 && st.other >= 2 {
		return true // 2024-05-14T07:58:03Z, 10.0.0.7:8080
	}
	if len(lv) > 0 {
		for _, p := range placeholderParts {
			if bytes.Contains(lv, p) {
				return true
			}
		}
	}
	if bytes.Contains(v, []byte("{{")) || bytes.Contains(v, []byte("${")) || bytes.Contains(v, []byte("%s")) {
		return true
	}
	return false
}

// identifier reports whether v is a variable name: letters, digits and '_'
// ("API_KEY", "password").
func identifier(v []byte) bool {
	for _, c := range v {
		if class[c]&(cLower|cUpper|cDigit) == 0 && c != '_' {
			return false
		}
	}
	return len(v) > 0 && !isDigit(v[0])
}

func hasAnyByte(v []byte, set string) bool {
	for _, c := range v {
		for i := 0; i < len(set); i++ {
			if c == set[i] {
				return true
			}
		}
	}
	return false
}

// camelWords reports whether v is an identifier made of capitalized words
// without digits ("DatadogApiKey", "stripeSecretKey"): the name of a key
// printed as a value (CloudFormation's parameterKey), not a key.
func camelWords(v []byte) bool {
	if len(v) < 6 {
		return false
	}
	words, run := 0, 0
	for i, c := range v {
		cl := class[c]
		switch {
		case cl&cUpper != 0:
			if i > 0 && class[v[i-1]]&cUpper != 0 {
				return false // "AB": random or an acronym
			}
			if i > 0 && run < 2 {
				return false
			}
			words++
			run = 0
		case cl&cLower != 0:
			run++
		default:
			return false
		}
	}
	return words >= 2 && run >= 2
}

// twilioSID reports whether v is a Twilio resource SID (two upper case
// letters and 32 hex digits: SM..., AC..., MG...), an id and no session.
func twilioSID(v []byte) bool {
	if len(v) != 34 || class[v[0]]&cUpper == 0 || class[v[1]]&cUpper == 0 {
		return false
	}
	for _, c := range v[2:] {
		if class[c]&cHex == 0 || class[c]&cUpper != 0 {
			return false
		}
	}
	return true
}

// adyenClientKey reports whether v is an Adyen client key (live_ or test_
// and upper case letters and digits), which Adyen documents as public: it is
// sent to browsers.
func adyenClientKey(v []byte) bool {
	if len(v) < 5+24 || len(v) > 5+48 || !(string(v[:5]) == "live_" || string(v[:5]) == "test_") {
		return false
	}
	for _, c := range v[5:] {
		if class[c]&(cUpper|cDigit) == 0 {
			return false
		}
	}
	return true
}

// nestedAssignment reports whether a bare value is itself "name=value"
// ("token: accessor=GWGA..."): the pair is the main loop's, not a value.
func nestedAssignment(v []byte) bool {
	for i, c := range v {
		if c == '=' {
			return i >= 2 && i+1 < len(v) && v[i+1] != '=' && isLetter(v[0])
		}
		if class[c]&cKey == 0 {
			return false
		}
	}
	return false
}

// wordLike reports whether v is made of lowercase letters and separators
// only ("db-creds", "enabled", "my.service"): a name, not a secret.
func wordLike(v []byte) bool {
	for _, c := range v {
		if class[c]&cLower == 0 && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// proseWord reports whether v is one word of text: letters only, in lower
// case, upper case or capitalized ("enabled", "Incorrect", "NONE").
func proseWord(v []byte) bool {
	upper := 0
	for i, c := range v {
		cl := class[c]
		if cl&(cLower|cUpper) == 0 {
			return false
		}
		if cl&cUpper != 0 {
			if i > 0 && upper < i {
				return false // an upper case letter after a lower case one: camelCase or random
			}
			upper++
		}
	}
	return true
}

// codeLike reports whether v reads as a source expression rather than a
// literal: a call or index ("get(", "argv[1]") or an identifier path
// without digits ("ExpectedPassword", "cfg.ClientSecret").
func codeLike(v []byte) bool {
	ident := true
	for _, c := range v {
		switch {
		case c == '(' || c == '[' || c == '{':
			// a call or an index after an identifier path ("get(",
			// "argv[1"); not inside random text ("l&sj8b=g_h)k9(#-y")
			return ident
		case class[c]&(cLower|cUpper) != 0 || c == '_' || c == '.':
		default:
			ident = false
		}
	}
	return ident
}

// fieldLike reports whether v starts with "Name:", the next field of a Go
// %+v struct after an empty one ("Password: Timeout:5s").
func fieldLike(v []byte) bool {
	for i, c := range v {
		if c == ':' {
			return i > 0
		}
		if class[c]&(cLower|cUpper) == 0 && c != '_' {
			return false
		}
	}
	return false
}

// tokenShaped reports whether v looks like a generated credential: at least
// minLen bytes, no spaces, letters mixed with digits or mixed case, and not
// a path, a URL or a dotted name.
func tokenShaped(v []byte, minLen int) bool {
	if len(v) < minLen || len(v) > 8192 {
		return false
	}
	st := statsOf(v)
	if st.space > 0 {
		return false
	}
	if !(st.digit > 0 && st.lower+st.upper > 0 || st.lower > 0 && st.upper > 0) {
		return false
	}
	if v[0] == '/' || bytes.Contains(v, []byte("://")) {
		return false
	}
	// a mostly-punctuation value (a date, an IP:port, a path) is not a token
	if st.other*3 > len(v) {
		return false
	}
	return true
}

// acceptValue decides whether value v of a key of class kc is a secret.
// bare is set for an unquoted value after ": " or " = ", where prose
// ("Password: incorrect") and code (tracebacks print source lines:
// "password = form.get('pw')") are common.
func acceptValue(kc keyClass, v []byte, bare bool) bool {
	if isPlaceholder(v) || isAssetOrDigest(v) {
		return false // a Vault audit HMAC, a PostgreSQL verifier, a signature header
	}
	if bare && (proseWord(v) || codeLike(v) || fieldLike(v) || nestedAssignment(v) || cmdletLike(v)) {
		return false // "botocore.credentials: Refreshing", "Password: Incorrect", "secret = rt.lastSecret"
	}
	if adyenClientKey(v) {
		return false
	}
	switch kc {
	case kPassword:
		if len(v) < 3 {
			return false
		}
		if v[0] == '/' || v[0] == '~' || bytes.Contains(v, []byte("://")) {
			return false // PWD=/app; a URL is left to the URL scanner
		}
		st := statsOf(v)
		if st.space > 0 && st.space*4 > len(v) {
			return false
		}
		if bare && wordLike(v) {
			return false
		}
		return true
	case kSecret, kToken, kAPIKey, kPrivateKey:
		if len(v) < 8 || wordLike(v) || proseWord(v) || bytes.Contains(v, []byte("://")) {
			return false
		}
		st := statsOf(v)
		if st.space > 0 {
			return false
		}
		if v[0] == '/' && st.other > 1 {
			return false // a file path
		}
		return st.digit+st.upper+st.other > 0
	case kKey:
		return tokenShaped(v, 12) && !isAssetOrDigest(v) && !hasByte(v, ':') && !camelWords(v) && !hostLike(v)
	case kWeak, kSession:
		return tokenShaped(v, 16) && !isAssetOrDigest(v) && !isUUID(v) && !hasByte(v, ':') && !camelWords(v) && !(kc == kSession && twilioSID(v))
	}
	return false
}

// isUUID reports whether v is a UUID in 8-4-4-4-12 hex form.
func isUUID(v []byte) bool {
	if len(v) != 36 {
		return false
	}
	for i, c := range v {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
		} else if class[c]&cHex == 0 {
			return false
		}
	}
	return true
}

// digestPrefixes introduce digests and ids that are not secrets.
var digestPrefixes = []string{"hmac-sha256:", "hmac-sha512:", "SCRAM-SHA-256$", "sha1:", "sha256:", "sha384:", "sha512:", "md5:", "sha1=", "sha256=", "sha1-", "sha256-",
	"sha384-", "sha512-", "h1:", "blake2b:", "git:", "docker://", "containerd://", "cri-o://"}

func isAssetOrDigest(v []byte) bool {
	for _, p := range digestPrefixes {
		if hasPrefixFold(v, p) {
			return true
		}
	}
	// PostgreSQL's md5 verifier: "md5" and 32 hex digits
	if len(v) == 35 && string(v[:3]) == "md5" && allHex(v[3:]) {
		return true
	}
	// a webhook signature header: Stripe's "t=1718114599,v1=<hmac>"
	if len(v) > 16 && v[0] == 't' && v[1] == '=' && isDigit(v[2]) && bytes.Contains(v, []byte(",v1=")) {
		return true
	}
	return false
}

func allHex(v []byte) bool {
	for _, c := range v {
		if class[c]&cHex == 0 {
			return false
		}
	}
	return true
}

// printableBase64 reports whether v decodes as base64 to mostly printable
// text (a message body, not key material).
func printableBase64(v []byte) bool {
	if len(v) < 16 || len(v) > 4096 {
		return false
	}
	var buf [3072]byte
	enc := base64.StdEncoding
	if bytes.ContainsAny(v, "-_") {
		enc = base64.URLEncoding
	}
	if len(v)%4 != 0 {
		enc = enc.WithPadding(base64.NoPadding)
		v = bytes.TrimRight(v, "=")
	}
	n, err := enc.Decode(buf[:], v)
	if err != nil || n == 0 {
		return false
	}
	printable := 0
	for _, c := range buf[:n] {
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' || c == '\r' {
			printable++
		}
	}
	return printable*100 >= n*95
}

func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		if lower(b[i]) != lower(s[i]) {
			return false
		}
	}
	return true
}

func hasPrefixFold(b []byte, s string) bool {
	return len(b) >= len(s) && equalFold(b[:len(s)], s)
}

// containsFold reports whether s contains the lowercase needle, ignoring
// ASCII case in s. It does not allocate.
func containsFold(s, lowerNeedle []byte) bool {
	n := len(lowerNeedle)
	if n == 0 {
		return true
	}
	first := lowerNeedle[0]
	for i := 0; i+n <= len(s); i++ {
		if lower(s[i]) != first {
			continue
		}
		j := 1
		for ; j < n && lower(s[i+j]) == lowerNeedle[j]; j++ {
		}
		if j == n {
			return true
		}
	}
	return false
}

// hostLike reports whether v reads as a DNS name or a name derived from one
// ("acme-v02.api.letsencrypt.org-directory", Caddy's issuer_key): lower
// case letters, digits, '-' and '.', with a dot and a label of four letters
// or more.
func hostLike(v []byte) bool {
	dot, run, word := false, 0, false
	for _, c := range v {
		switch {
		case class[c]&cLower != 0:
			run++
			word = word || run >= 4
			continue
		case c == '.':
			dot = true
		case isDigit(c) || c == '-':
		default:
			return false
		}
		run = 0
	}
	return dot && word
}

// cmdletLike reports whether v is a PowerShell cmdlet name, Verb-Noun in
// Pascal case ("New-Object", "Read-Host", "ConvertTo-SecureString"): the
// right side of "$cred = New-Object ..." is code.
func cmdletLike(v []byte) bool {
	d := bytes.IndexByte(v, '-')
	if d < 2 || d > len(v)-3 || class[v[0]]&cUpper == 0 || class[v[d+1]]&cUpper == 0 {
		return false
	}
	for i, c := range v {
		if i != d && class[c]&(cLower|cUpper) == 0 {
			return false
		}
	}
	return class[v[1]]&cLower != 0
}
