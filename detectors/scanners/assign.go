package scanners

import (
	"github.com/redactd/redactd/detectors"
)

// Rule ids of the context detectors.
const (
	RulePassword     = "password-assignment"
	RuleSecret       = "secret-assignment"
	RuleToken        = "token-assignment"
	RuleAPIKey       = "api-key-assignment"
	RuleSession      = "session-cookie"
	RuleBearer       = "http-bearer"
	RuleBasic        = "http-basic-auth"
	RuleAuthz        = "http-authorization"
	RuleURLPassword  = "url-password"
	RuleQuerySecret  = "url-query-secret"
	RuleHighEntropy  = "high-entropy-string"
	RulePrivateKey   = "private-key"
	maxKeyLen        = 80
	maxValueLen      = 16 << 10
	maxSpacesAroundD = 4
	maxAlignSpaces   = 40
)

// value is a parsed value: its span and how it was written.
type value struct {
	s, e   int
	quoted bool
	plain  bool // holds no '=', ':' or ' ': nothing for the main loop to find inside
	b64    bool // every byte is in the base64 or base64url alphabet
}

// parseValue reads the value starting at v (after the delimiter and any
// allowed spaces). Quoted values may be JSON-escaped to any depth (\" or
// \\\"); the span never includes the quotes or splits an escape sequence, so
// a JSON line stays valid JSON when the span is replaced. Unquoted values end
// at whitespace, a quote, a backslash or one of ,;&)]}<>|.
func parseValue(line []byte, v int, query bool) (value, bool) {
	n := len(line)
	if v >= n {
		return value{}, false
	}
	k := v
	// Python b'...' / u'...' / r'...' literals
	if c := line[k]; (c == 'b' || c == 'u' || c == 'r') && k+1 < n && (line[k+1] == '\'' || line[k+1] == '"') {
		k++
	}
	nbs := 0
	for k < n && line[k] == '\\' && nbs < 16 {
		k++
		nbs++
	}
	if k < n && (line[k] == '"' || line[k] == '\'') {
		q := line[k]
		s := k + 1
		e, plain, b64 := quotedEnd(line, s, q, nbs)
		if e < 0 {
			// unterminated (a truncated line): up to the next quote,
			// backslash or space, so that an enclosing JSON string is
			// never cut
			e = s
			for e < n && class[line[e]]&cStop == 0 && e-s < maxValueLen {
				e++
			}
		}
		if e <= s {
			return value{}, false
		}
		return value{s: s, e: e, quoted: true, plain: plain, b64: b64}, true
	}
	if nbs > 0 || k > v {
		return value{}, false
	}
	e := v
	var acc uint16
	all := uint16(0xffff)
	for e < n && e-v < maxValueLen {
		cl := class[line[e]]
		if cl&cStop != 0 || query && line[e] == '#' {
			break
		}
		acc |= cl
		all &= cl
		e++
	}
	if e == v {
		return value{}, false
	}
	return value{s: v, e: e, plain: acc&cNotPlain == 0, b64: all&cB64 != 0}, true
}

// quotedEnd returns the index of the closing quote sequence (exactly nbs
// backslashes then q) of a value starting at s, or -1, and whether the value
// is plain (holds no '=', ':' or ' ') and all base64.
func quotedEnd(line []byte, s int, q byte, nbs int) (end int, plain, b64 bool) {
	n := len(line)
	var acc uint16
	all := uint16(0xffff)
	for k := s; k < n && k-s < maxValueLen; k++ {
		c := line[k]
		if c == '\\' {
			r := 1
			for k+r < n && line[k+r] == '\\' {
				r++
			}
			if k+r < n && line[k+r] == q {
				// At the value's depth the closing quote is nbs
				// backslashes and q, an escaped quote 2*nbs+1 of them
				// and q, and a backslash of the value 2*(nbs+1); so a
				// run of r, modulo 2*(nbs+1), says which one ends it:
				// "A\\" ends with a backslash, "A\"" goes on.
				switch m := r % (2 * (nbs + 1)); {
				case m == nbs:
					if r > nbs {
						all = 0 // an escape sequence is no base64
					}
					return k + r - nbs, acc&cNotPlain == 0, all&cB64 != 0
				case m != 2*nbs+1:
					return -1, false, false // the enclosing string ends here
				}
				k += r // an escaped quote inside the value
				acc |= cNotPlain
				all = 0
				continue
			}
			all = 0 // an escape sequence is no base64
			k += r - 1
			continue
		}
		if c == q {
			if nbs == 0 {
				return k, acc&cNotPlain == 0, all&cB64 != 0
			}
			return -1, false, false
		}
		acc |= class[c]
		all &= class[c]
	}
	return -1, false, false
}

// valueAt returns where the value after the delimiter d at i starts:
// vStart is the byte after it (after "=>" for Ruby and PHP), ks the start
// of the key, q its quote, spaced whether spaces precede the delimiter. It
// is false for a colon that starts no value ("http:", "ns:name",
// "user:pass").
func valueAt(line []byte, i, vStart, ks int, d, q byte, spaced bool) (int, bool) {
	n := len(line)
	v := vStart
	if d == ':' && q == 0 && (v >= n || !isSpace(line[v])) {
		return 0, false
	}
	if d == ':' || spaced || vStart > i+1 {
		lim := maxSpacesAroundD
		if d == ':' && ks == 0 {
			lim = maxAlignSpaces // "RAILS_MASTER_KEY:        v": heroku config, aligned tables
		}
		for k := 0; k < lim && v < n && isSpace(line[v]); k++ {
			v++
		}
	}
	return v, true
}

// atDelim handles '=' or ':' at i: it finds the key before it and the value
// after it. It returns the extended out and the index the main loop may
// skip to (i+1 when nothing was consumed).
func (s *Scanner) atDelim(line []byte, i int, out []detectors.Match) ([]detectors.Match, int) {
	n := len(line)
	d := line[i]
	next := i + 1
	vStart := i + 1
	tight := false
	if d == '=' {
		if i+1 < n && line[i+1] == '=' {
			return out, i + 2 // ==
		}
		if i > 0 {
			if p := line[i-1]; p == '=' || p == '!' || p == '<' || p == '>' {
				return out, next
			}
		}
		if i+1 < n && line[i+1] == '>' {
			vStart = i + 2 // Ruby/PHP =>
		}
	} else {
		// `k: v` (YAML, headers) has a space after the colon, `"k":"v"` and
		// `'k':'v'` a quote before it; "07:58:17", "host:8080", "ns:name"
		// and "::" have neither.
		if i == 0 || i+1 >= n {
			return out, next
		}
		p := line[i-1]
		if !isSpace(line[i+1]) && p != '"' && p != '\'' && !isLetter(p) || isDigit(p) {
			return out, next
		}
		// "Password:s3cret" as Go's %+v prints struct fields; "http:",
		// "ns:name", "user:pass" are checked below by the key's class
		tight = !isSpace(line[i+1]) && isLetter(p)
		if tight && (line[i+1] == '/' || line[i+1] == ':') {
			return out, next
		}
	}
	// the key
	j := i
	spaced := false
	for k := 0; k < maxSpacesAroundD && j > 0 && isSpace(line[j-1]); k++ {
		j--
		spaced = true
	}
	var q byte
	bracket := false
	if d == '=' && vStart == i+2 && j > 0 && line[j-1] == ']' {
		// PHP print_r: [password] => value
		bracket = true
		j--
	}
	if j > 0 && (line[j-1] == '"' || line[j-1] == '\'') {
		q = line[j-1]
		j--
		for j > 0 && line[j-1] == '\\' {
			j--
		}
	}
	ke := j
	// Walk back over the key, collecting hint pairs without a branch:
	// line[ke] is the quote, space, bracket or delimiter after the key,
	// which is in no pair.
	var hp uint16
	for after := line[ke]; j > 0 && ke-j < maxKeyLen; j-- {
		c := line[j-1]
		if class[c]&cKey == 0 {
			break
		}
		hp |= hintFirst[c] & hintSecond[after]
		after = c
	}
	hint := hp != 0
	ks := j
	if ks == ke || isDigit(line[ks]) && ke-ks < 3 {
		return out, next
	}
	if bracket && (q != 0 && (ks < 2 || line[ks-2] != '[') || q == 0 && (ks < 1 || line[ks-1] != '[')) {
		return out, next
	}
	if q != 0 {
		// the opening quote, possibly escaped the same way
		o := ks - 1
		if o < 0 || line[o] != q {
			return out, next
		}
	}
	key := line[ks:ke]
	if !hint && !bracket && !(ke-ks >= 3 && lowerTab[line[ke-3]] == 's' && lowerTab[line[ke-2]] == 'i' && lowerTab[line[ke-1]] == 'd') {
		// The common case, nine delimiters in ten on ordinary logs: a
		// neutral key ("level=info", "status": 200). Its value matters
		// only when it is long base64 (entropy), so test that before the
		// rest of the key's checks.
		if tight {
			return out, next // tightField takes strongly secret-named keys only
		}
		if v, ok := valueAt(line, i, vStart, ks, d, q, spaced); !ok || !longB64At(line, v) {
			return out, next
		}
	}
	query := false
	if q == 0 && ks > 0 {
		switch line[ks-1] {
		case '?', '&', ';':
			query = line[ks-1] != ';'
		case '\\':
			// "a=1\u0026token=..." in a JSON-escaped URL
			if len(key) > 5 && key[0] == 'u' && string(key[1:5]) == "0026" {
				key = key[5:]
				query = true
			}
		case '%':
			if len(key) > 2 && key[0] == '2' && key[1] == '6' {
				key = key[2:]
				query = true
			}
		}
	}
	for len(key) > 0 && key[0] == '-' {
		key = key[1:]
	}
	kc := kNeutral
	if !hint && ke-ks >= 3 && lowerTab[line[ke-3]] == 's' && lowerTab[line[ke-2]] == 'i' && lowerTab[line[ke-1]] == 'd' {
		hint = true // sid, connect.sid
	}
	if hint {
		kc = classifyKey(key)
		if kc == kWeak && !query && equalFold(key, "key") {
			kc = kExcluded // key=product:42:v2, "key": "user_42": cache keys, map keys
		}
	}
	if kc == kWeak && !query && (hasSuffixFold(key, "signature") || hasSuffixFold(key, "sig")) {
		// a signature outside a URL is a MAC or a digital signature of
		// something public (Pub/Sub attributes, webhook payloads); in a
		// presigned URL's query it is the credential
		kc = kExcluded
	}
	if kc == kNeutral && q == '"' && ks > 0 && equalFold(key, "base64") && hasSuffixFold(line[:ks-1], `"$binary":{`) {
		// MongoDB extended JSON binary: hashes, UUIDs, encrypted fields
		kc = kExcluded
	}
	if kc == kNeutral && len(key) < 2 {
		// one-letter keys name nothing: journald's __CURSOR packs
		// s=<hex>;i=..;b=<hex> ids, URL shorteners use ?s=, ?q=
		kc = kExcluded
	}
	if kc != kNone && kc != kExcluded && q == 0 && ks > 1 && line[ks-1] == '/' {
		// "checksum/secret: <sha256>" (Helm annotations), "sha256/token":
		// a path-like key whose leading part says it is no secret
		p := ks - 1
		for p > 0 && class[line[p-1]]&cKey != 0 && ks-1-p < maxKeyLen {
			p--
		}
		if p < ks-1 && classifyKey(line[p:ks-1]) == kExcluded {
			kc = kExcluded
		}
	}
	if kc == kNone || kc == kExcluded || kc == kNeutral && s.fam&Entropy == 0 {
		return out, next
	}
	if tight {
		// only a strongly secret-named field, at a field boundary
		if s.fam&Assignments == 0 {
			return out, next
		}
		out, e := tightField(line, ks, i, kc, out)
		return out, max(e, next)
	}
	// the value
	v, ok := valueAt(line, i, vStart, ks, d, q, spaced)
	if !ok {
		return out, next // "http:", "ns:name", "user:pass"
	}
	if v+1 < n && line[v] == '[' && (line[v+1] == '"' || line[v+1] == '\\') {
		// a one-value list: Caddy's and Go's http.Header ("X-Api-Key":["v"]),
		// Keycloak's component config ("bindCredential":["v"])
		v++
	} else if v < n && line[v] == '{' && strongKey(kc) {
		// ARM template parameters: "adminPassword":{"value":"v"}
		v = wrappedValue(line, v)
	}
	if bracket && hasPrefixFold(line[v:], "string(") {
		// PHP var_dump: ["password"]=> string(18) "value"
		k := v + len("string(")
		for k < n && isDigit(line[k]) {
			k++
		}
		if k+1 < n && line[k] == ')' && line[k+1] == ' ' {
			v = k + 2
		}
	}
	if kc == kAuthHeader || kc != kNeutral && schemeAt(line, v) {
		// Authorization: Bearer v, but also token="Bearer v"
		if s.fam&HTTP == 0 {
			return out, next
		}
		return authValue(line, v, contextOf(d, q, query, kc, key), out)
	}
	if kc == kNeutral && !longB64At(line, v) {
		// only a long base64 value could be scored; the main loop skips
		// the rest of a short one faster than parsing it would
		return out, next
	}
	val, ok := parseValue(line, v, query)
	if !ok {
		return out, next
	}
	// "key: value" and "key = value" with a bare value: YAML, headers and
	// INI files, but also prose ("Password: incorrect") and source lines
	// that tracebacks print ("token = request.args.get('t')")
	bare := !val.quoted && (d == ':' || d == '=' && spaced)
	if kc != kNeutral && !val.quoted && strongKey(kc) {
		val.e = extendBare(line, ks, val.e, d)
	}
	if kc != kNeutral && val.e-val.s > 7+minB64Len && hasPrefixFold(line[val.s:], "base64:") {
		val.s += len("base64:") // Laravel's APP_KEY=base64:<key>
	}
	secret := line[val.s:val.e]
	rule := ""
	fam := Assignments
	switch kc {
	case kNeutral:
		if !val.b64 || len(secret) < minB64Len || classifyKey(key) != kNeutral || !highEntropy(secret) {
			// unless the value is plain, go on right after the delimiter:
			// the value may hold k=v pairs (a DSN, a cookie, a form body)
			// or a URL
			if val.plain {
				return out, max(val.e, next)
			}
			return out, next
		}
		rule, fam = RuleHighEntropy, Entropy
	default:
		if !acceptValue(kc, secret, bare) {
			return out, next
		}
		if kc == kToken && string(key) == "clientToken" && isUUID(secret) {
			return out, next // AWS APIs' idempotency token (EC2 RunInstances, CloudTrail)
		}
		rule = ruleOf(kc)
		if kc == kSession {
			fam = HTTP
		}
	}
	if query {
		rule, fam = RuleQuerySecret, URLs
	}
	if s.fam&fam == 0 {
		return out, next
	}
	ctx := contextOf(d, q, query, kc, key)
	if rule == RuleSession && ctx == detectors.ContextAssignment && containsFold(line[:ks], []byte("cookie")) {
		ctx = detectors.ContextHeader
	}
	out = append(out, detectors.Match{RuleID: rule, Start: val.s, End: val.e, Context: ctx, Severity: severityOf(rule)})
	return out, max(val.e, next)
}

// extendBare extends an unquoted value that a stop byte (&, ), ;, ...) cut
// when the pair is a whole field: "NAME=v" as a JSON string (docker inspect's
// Env, ECS), where the value runs to the closing quote, or "key: v" as the
// first thing on its line (YAML), where it runs to the end of the line, or
// a Dockerfile ENV or shell export that ends its line.
// Django keys hold &, ), ( and =. It never crosses whitespace.
func extendBare(line []byte, ks, e int, d byte) int {
	n := len(line)
	if e+1 >= n || isSpace(line[e]) || line[e] == '"' || line[e] == '\'' || class[line[e+1]]&(cLower|cUpper|cDigit) == 0 && class[line[e+1]]&cStop != 0 {
		return e // "v," "v)" at the end, or a quote
	}
	switch {
	case d == '=' && ks > 0 && line[ks-1] == '"':
		k := e
		for k < n && line[k] != '"' && line[k] != '\\' && !isSpace(line[k]) && k-e < maxValueLen {
			k++
		}
		if k < n && line[k] == '"' {
			return k
		}
	case d == '=' && ks >= 4 && string(line[ks-4:ks]) == "ENV " || d == '=' && ks >= 7 && string(line[ks-7:ks]) == "export ":
		// a Dockerfile ENV or a shell export: the value runs to the next
		// space (Docker reads no shell operators in it)
		k := e
		for k < n && !isSpace(line[k]) && line[k] != '\r' && k-e < maxValueLen {
			k++
		}
		if len(trimSpace(line[k:])) == 0 {
			return k
		}
	case d == ':':
		for p := 0; p < ks; p++ {
			if !isSpace(line[p]) && !(line[p] == '-' && p+1 < n && line[p+1] == ' ') {
				return e
			}
		}
		k := e
		for k < n && !isSpace(line[k]) && line[k] != '\r' && k-e < maxValueLen {
			k++
		}
		if len(trimSpace(line[k:])) == 0 {
			return k
		}
	}
	return e
}

// contextOf names where a key-value pair sat: a query or form parameter, a
// JSON (or JSON-like) member, an HTTP header, or another assignment.
func contextOf(d, q byte, query bool, kc keyClass, key []byte) string {
	switch {
	case query:
		return detectors.ContextQuery
	case q == '"':
		return detectors.ContextJSON
	case d == ':' && q == 0 && (kc == kAuthHeader || kc == kSession || hasByte(key, '-')):
		return detectors.ContextHeader
	}
	return detectors.ContextAssignment
}

// schemeAt reports whether the value at v (after an optional quote) starts
// with an HTTP auth scheme and a space.
func schemeAt(line []byte, v int) bool {
	for v < len(line) && (line[v] == '\\' || line[v] == '"' || line[v] == '\'') {
		v++
	}
	r := line[v:]
	return hasPrefixFold(r, "bearer ") || hasPrefixFold(r, "basic ") || hasPrefixFold(r, "token ")
}

// longB64At reports whether the value at v (after an optional escaped
// quote) starts with at least minB64Len base64 bytes.
func longB64At(line []byte, v int) bool {
	n := len(line)
	for v < n && line[v] == '\\' {
		v++
	}
	if v < n && (line[v] == '"' || line[v] == '\'') {
		v++
	}
	if v+minB64Len > n {
		return false
	}
	for _, c := range line[v : v+minB64Len] {
		if class[c]&cB64 == 0 {
			return false
		}
	}
	return true
}

// ruleOf names the rule of a secret key class ("" for the others).
func ruleOf(kc keyClass) string {
	switch kc {
	case kPassword:
		return RulePassword
	case kSecret, kPrivateKey:
		return RuleSecret
	case kToken, kWeak:
		return RuleToken
	case kAPIKey, kKey:
		return RuleAPIKey
	case kSession:
		return RuleSession
	}
	return ""
}

func hasByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// authValue parses an Authorization header value at v: "Scheme credentials"
// or bare credentials, quoted or not.
func authValue(line []byte, v int, ctx string, out []detectors.Match) ([]detectors.Match, int) {
	n := len(line)
	next := v
	val, ok := parseValue(line, v, false)
	if !ok {
		return out, max(next, v)
	}
	// parseValue stops an unquoted value at the space after the scheme;
	// extend it to the credentials.
	s, e := val.s, val.e
	if !val.quoted {
		for e < n && (class[line[e]]&cStop == 0 || line[e] == ' ') && e-s < maxValueLen {
			e++
		}
	}
	region := line[s:e]
	sp := -1
	for k, c := range region {
		if c == ' ' {
			sp = k
			break
		}
		if !isLetter(c) && c != '-' && !isDigit(c) {
			break
		}
	}
	rule := RuleAuthz
	cs := s
	if sp > 0 {
		scheme := region[:sp]
		switch {
		case equalFold(scheme, "bearer"):
			rule = RuleBearer
		case equalFold(scheme, "basic"):
			rule = RuleBasic
		case equalFold(scheme, "digest"):
			return out, e
		}
		cs = s + sp
		for cs < e && line[cs] == ' ' {
			cs++
		}
	}
	ce := cs
	for ce < e && line[ce] != ' ' && line[ce] != ',' {
		ce++
	}
	cred := line[cs:ce]
	if isPlaceholder(cred) || len(cred) < 8 || !val.quoted && sp < 0 && codeLike(cred) {
		return out, e
	}
	switch rule {
	case RuleBasic:
		if !isBase64(cred) {
			return out, e
		}
	default:
		if !tokenShaped(cred, 8) && !(len(cred) >= 12 && !wordLike(cred) && statsOf(cred).space == 0) {
			return out, e
		}
	}
	out = append(out, detectors.Match{RuleID: rule, Start: cs, End: ce, Context: ctx, Severity: severityOf(rule)})
	return out, e
}

func isBase64(v []byte) bool {
	for _, c := range v {
		if class[c]&cB64 == 0 {
			return false
		}
	}
	return true
}

// atFlag handles a CLI flag at i ("--password v", "--token=v" is left to
// atDelim, "sshpass -p v", "mysql -pSECRET").
func atFlag(line []byte, i int, out []detectors.Match) []detectors.Match {
	n := len(line)
	j := i + 1
	if j >= n {
		return out
	}
	if line[j] != '-' {
		// single-letter flags: only where the command is known
		if j+1 >= n || (line[j] != 'p' && line[j] != 'a' && line[j] != 'u') {
			return out
		}
		prev := prevWord(line, i)
		switch {
		case line[j] == 'u' && line[j+1] == ' ' && containsFold(line[:i], []byte("curl")):
			return userPassword(line, j+2, out)
		case line[j] == 'p' && line[j+1] == ' ' && (containsFold(line[:i], []byte("docker login")) ||
			containsFold(line[:i], []byte("podman login")) || containsFold(line[:i], []byte("registry login"))):
		case line[j] == 'p' && line[j+1] == ' ' && hasSuffixFold(prev, "sshpass"):
		case line[j] == 'a' && line[j+1] == ' ' && hasSuffixFold(prev, "redis-cli"):
		case line[j] == 'p' && line[j+1] != ' ' && containsFold(line[:i], []byte("mysql")):
			val, ok := parseValue(line, j+1, false)
			if ok && acceptValue(kPassword, line[val.s:val.e], false) {
				out = append(out, detectors.Match{RuleID: RulePassword, Start: val.s, End: val.e, Context: detectors.ContextAssignment, Severity: severityOf(RulePassword)})
			}
			return out
		default:
			return out
		}
		v := j + 1
		for v < n && line[v] == ' ' {
			v++
		}
		val, ok := parseValue(line, v, false)
		if ok && line[val.s] != '-' && acceptValue(kPassword, line[val.s:val.e], false) {
			out = append(out, detectors.Match{RuleID: RulePassword, Start: val.s, End: val.e, Context: detectors.ContextAssignment, Severity: severityOf(RulePassword)})
		}
		return out
	}
	ks := j + 1
	ke := ks
	for ke < n && class[line[ke]]&cKey != 0 && ke-ks < maxKeyLen {
		ke++
	}
	if ke == ks || ke >= n || line[ke] != ' ' {
		return out // "--token=v" is handled at '='
	}
	if equalFold(line[ks:ke], "user") && containsFold(line[:i], []byte("curl")) {
		return userPassword(line, ke+1, out)
	}
	kc := classifyKey(line[ks:ke])
	rule := ruleOf(kc)
	if rule == "" || kc == kSession {
		return out
	}
	v := ke
	for v < n && line[v] == ' ' {
		v++
	}
	val, ok := parseValue(line, v, false)
	if !ok || line[val.s] == '-' && !val.quoted {
		return out
	}
	if !acceptValue(kc, line[val.s:val.e], !val.quoted) {
		return out
	}
	return append(out, detectors.Match{RuleID: rule, Start: val.s, End: val.e, Context: detectors.ContextAssignment, Severity: severityOf(rule)})
}

// userPassword reports the password of a "user:password" argument at v
// (curl -u, --user).
func userPassword(line []byte, v int, out []detectors.Match) []detectors.Match {
	for v < len(line) && line[v] == ' ' {
		v++
	}
	val, ok := parseValue(line, v, false)
	if !ok {
		return out
	}
	for k := val.s; k < val.e; k++ {
		if line[k] == ':' {
			if acceptValue(kPassword, line[k+1:val.e], false) {
				out = append(out, detectors.Match{RuleID: RulePassword, Start: k + 1, End: val.e, Context: detectors.ContextAssignment, Severity: severityOf(RulePassword)})
			}
			break
		}
	}
	return out
}

// prevWord returns the whitespace-separated word before index i.
func prevWord(line []byte, i int) []byte {
	e := i
	for e > 0 && line[e-1] == ' ' {
		e--
	}
	return line[prevWordStart(line, e):e]
}

// atSpacedQuote handles a quote after a space: SQL's PASSWORD 'v' and
// IDENTIFIED BY 'v'.
func atSpacedQuote(line []byte, i int, out []detectors.Match) []detectors.Match {
	w := prevWord(line, i)
	if len(w) > 2 && w[0] == '"' && w[len(w)-1] == '"' {
		// Redis MONITOR: "CONFIG" "SET" "requirepass" "v", "AUTH" ["user"] "v"
		w = w[1 : len(w)-1]
		switch {
		case equalFold(w, "requirepass"), equalFold(w, "masterauth"):
		case equalFold(w, "auth"):
			if val, ok := parseValue(line, i, false); ok && val.e+2 < len(line) && line[val.e+1] == ' ' && line[val.e+2] == '"' {
				return atSpacedQuoteValue(line, val.e+2, out) // AUTH user password
			}
		default:
			return out
		}
		return atSpacedQuoteValue(line, i, out)
	}
	if !(equalFold(w, "password") || equalFold(w, "by") && hasSuffixFold(line[:i-3], "identified")) {
		return out
	}
	return atSpacedQuoteValue(line, i, out)
}

func atSpacedQuoteValue(line []byte, i int, out []detectors.Match) []detectors.Match {
	val, ok := parseValue(line, i, false)
	if !ok || !acceptValue(kPassword, line[val.s:val.e], false) {
		return out
	}
	return append(out, detectors.Match{RuleID: RulePassword, Start: val.s, End: val.e, Context: detectors.ContextAssignment, Severity: severityOf(RulePassword)})
}

func hasSuffixFold(b []byte, s string) bool {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return len(b) >= len(s) && equalFold(b[len(b)-len(s):], s)
}

// wrappedValue returns where the value of `{"value":` (quotes escaped to any
// depth) at v starts, or v when the object does not start that way.
func wrappedValue(line []byte, v int) int {
	j := v + 1
	for j < len(line) && line[j] == '\\' {
		j++
	}
	if j >= len(line) || line[j] != '"' || !hasPrefixFold(line[j+1:], "value") {
		return v
	}
	j += 1 + len("value")
	for j < len(line) && line[j] == '\\' {
		j++
	}
	if j+1 >= len(line) || line[j] != '"' || line[j+1] != ':' {
		return v
	}
	j += 2
	for j < len(line) && line[j] == ' ' {
		j++
	}
	return j
}
