package scanners

import (
	"bytes"

	"github.com/redactd/redactd/detectors"
)

// RulePathToken is the rule id of a secret in a URL path: a password reset,
// confirmation or webhook token that the app put in a path segment.
const RulePathToken = "url-path-token"

// shapeScanners returns the keyword-gated scanners for shapes that one
// keyword announces: Go %+v fields whose value starts with a digit or a
// symbol, Rails bind arrays, netrc and htpasswd command lines, PHP stack
// frame arguments, SQL literals (INSERT column lists, AES_ENCRYPT keys,
// set_config), "token \"v\"" in prose, the ApiKey scheme without a header
// name, tokens in URL paths, tools' password arguments (toolArgs) and
// secret-named XML elements (xmlElements). Each runs only on lines holding one of its
// keywords, and none allocates when it finds nothing.
func shapeScanners() []detectors.Scanner {
	return []detectors.Scanner{goFields{}, railsBinds{}, netrc{}, htpasswd{}, phpFrames{}, sqlLiterals{}, wordThenValue{}, pathTokens{}, ciSecrets{}, toolArgs{}, xmlElements{}, oauthCode{}, secureValues{}}
}

func match(rule string, s, e int, ctx string) detectors.Match {
	return detectors.Match{RuleID: rule, Start: s, End: e, Context: ctx, Severity: severityOf(rule)}
}

// strongKey reports whether kc names a secret on its own (not a bare "key"
// or "auth", not a session).
func strongKey(kc keyClass) bool {
	switch kc {
	case kPassword, kSecret, kToken, kAPIKey, kPrivateKey, kKey:
		return true
	}
	return false
}

// goFields finds Go %+v struct fields ("{Host:db Password:59Kx!DX
// Timeout:5s}") whose value starts with a digit or a symbol: Scanner's main
// loop reads such a colon as "host:8080" and never looks at it.
type goFields struct{}

func (goFields) Keywords() []string { return []string{"password:", "secret:", "token:", "key:"} }

func (goFields) Scan(line []byte, out []detectors.Match) []detectors.Match {
	for _, w := range [...]string{"password:", "secret:", "token:", "key:"} {
		for from := 0; ; {
			p := indexFoldFrom(line, w, from)
			if p < 0 {
				break
			}
			c := p + len(w) - 1
			from = c + 1
			if c+1 >= len(line) {
				break
			}
			nx := line[c+1]
			if isSpace(nx) || isLetter(nx) || nx == '/' || nx == ':' || class[nx]&cStop != 0 {
				continue // a letter is Scanner's; "key: v", "http://" are no fields
			}
			ks := c
			for ks > 0 && class[line[ks-1]]&cKey != 0 && c-ks < maxKeyLen {
				ks--
			}
			if ks == c {
				continue
			}
			var e int
			out, e = tightField(line, ks, c, classifyKey(line[ks:c]), out)
			from = max(from, e)
		}
	}
	return out
}

// tightField reports the value of a Go %+v field "Key:value" whose key
// line[ks:i] has class kc and whose ':' is at i, when the key is strongly
// secret-named and sits at a field boundary. The value ends at the space
// before the next field or at '}'. It returns out and the end of the value
// (i+1 when there is none).
func tightField(line []byte, ks, i int, kc keyClass, out []detectors.Match) ([]detectors.Match, int) {
	switch kc {
	case kPassword, kSecret, kToken, kAPIKey, kPrivateKey:
	default:
		return out, i + 1
	}
	if ks > 0 && line[ks-1] != '{' && line[ks-1] != ' ' && line[ks-1] != ',' && line[ks-1] != '(' {
		return out, i + 1
	}
	n := len(line)
	e := i + 1
	for e < n && !isSpace(line[e]) && line[e] != '}' && line[e] != '"' && line[e] != '\'' && line[e] != '\\' && e-i < maxValueLen {
		e++
	}
	if e == i+1 || !acceptValue(kc, line[i+1:e], true) {
		return out, i + 1
	}
	rule := ruleOf(kc)
	return append(out, match(rule, i+1, e, detectors.ContextAssignment)), e
}

// railsBinds finds the values of secret-named columns in the bind arrays
// ActiveRecord prints after SQL: [["smtp_password", "v"], ["id", 1]].
type railsBinds struct{}

func (railsBinds) Keywords() []string { return []string{`[["`} }

func (railsBinds) Scan(line []byte, out []detectors.Match) []detectors.Match {
	from := indexFoldFrom(line, `[["`, 0)
	if from < 0 {
		return out
	}
	n := len(line)
	for i := from + 1; i+1 < n; i++ {
		if line[i] != '[' || line[i+1] != '"' || !(line[i-1] == '[' || i >= 2 && line[i-1] == ' ' && line[i-2] == ',') {
			continue
		}
		ns := i + 2
		ne := ns
		for ne < n && class[line[ne]]&cKey != 0 && ne-ns < maxKeyLen {
			ne++
		}
		if ne == ns || ne+3 >= n || line[ne] != '"' || line[ne+1] != ',' || line[ne+2] != ' ' {
			continue
		}
		kc := classifyKey(line[ns:ne])
		if !strongKey(kc) {
			i = ne
			continue
		}
		val, ok := parseValue(line, ne+3, false)
		if !ok || !val.quoted || !acceptValue(kc, line[val.s:val.e], false) {
			i = ne
			continue
		}
		rule := ruleOf(kc)
		out = append(out, match(rule, val.s, val.e, detectors.ContextAssignment))
		i = val.e
	}
	return out
}

// netrc finds the password of a .netrc entry on one line: "machine h login
// u password v" (a PEMFollower finds it in a multi-line entry).
type netrc struct{}

func (netrc) Keywords() []string { return []string{"machine "} }

func (netrc) Scan(line []byte, out []detectors.Match) []detectors.Match {
	// netrc's tokens are lower case: exact searches are enough
	m := bytes.Index(line, []byte("machine "))
	if m < 0 {
		return out
	}
	for from := m; ; {
		p := bytes.Index(line[from:], []byte(" password "))
		if p < 0 {
			return out
		}
		p += from + 1
		from = p
		// "machine h login u password v"
		if w := prevWord(line, prevWordStart(line, p)); equalFold(w, "login") {
			out = netrcPassword(line, p, false, out)
		}
	}
}

// netrcPassword reports the value after "password " at p when it ends the
// line or the next netrc token follows.
func netrcPassword(line []byte, p int, lead bool, out []detectors.Match) []detectors.Match {
	v := p + len("password ")
	for v < len(line) && line[v] == ' ' {
		v++
	}
	e := v
	for e < len(line) && !isSpace(line[e]) {
		e++
	}
	if r := trimSpace(line[e:]); len(r) > 0 && !(bytes.HasPrefix(r, []byte("machine ")) || bytes.HasPrefix(r, []byte("account ")) ||
		bytes.HasPrefix(r, []byte("macdef ")) || string(r) == "default") {
		return out
	}
	if e > v && acceptValue(kPassword, line[v:e], lead) {
		out = append(out, match(RulePassword, v, e, detectors.ContextAssignment))
	}
	return out
}

// prevWordStart returns the index where the word before index i starts.
func prevWordStart(line []byte, i int) int {
	e := i
	for e > 0 && line[e-1] == ' ' {
		e--
	}
	s := e
	for s > 0 && line[s-1] != ' ' {
		s--
	}
	return s
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (isSpace(b[0]) || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (isSpace(b[len(b)-1]) || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// htpasswd finds the password of "htpasswd -b[c] file user password" and
// "htpasswd -nb user password" (batch mode takes it from the command line).
type htpasswd struct{}

func (htpasswd) Keywords() []string { return []string{"htpasswd "} }

func (htpasswd) Scan(line []byte, out []detectors.Match) []detectors.Match {
	p := indexFoldFrom(line, "htpasswd ", 0)
	if p < 0 || p > 0 && isLetter(line[p-1]) {
		return out
	}
	i := p + len("htpasswd ")
	batch, nofile := false, false
	var pos [3][2]int
	np := 0
	for np < 3 {
		for i < len(line) && line[i] == ' ' {
			i++
		}
		if i >= len(line) {
			break
		}
		s := i
		for i < len(line) && !isSpace(line[i]) && line[i] != ';' && line[i] != '|' && line[i] != '&' {
			i++
		}
		if i == s {
			break
		}
		tok := line[s:i]
		if tok[0] == '-' && np == 0 {
			for _, c := range tok[1:] {
				switch c {
				case 'b':
					batch = true
				case 'n':
					nofile = true
				}
			}
			if string(tok) == "-C" || string(tok) == "-r" {
				// bcrypt cost / rounds: skip the number
				for i < len(line) && line[i] == ' ' {
					i++
				}
				for i < len(line) && isDigit(line[i]) {
					i++
				}
			}
			continue
		}
		pos[np] = [2]int{s, i}
		np++
		if nofile && np == 2 {
			break
		}
	}
	want := 3
	if nofile {
		want = 2
	}
	if !batch || np != want {
		return out
	}
	s, e := pos[want-1][0], pos[want-1][1]
	val, ok := parseValue(line, s, false)
	if ok && val.quoted {
		s, e = val.s, val.e
	}
	if acceptValue(kPassword, line[s:e], false) {
		out = append(out, match(RulePassword, s, e, detectors.ContextAssignment))
	}
	return out
}

// phpFrames finds passwords among the arguments of PHP stack frames, which
// PHP prints truncated to 15 characters and "...":
// PDO->__construct('mysql:host=...', 'forge', 'pw...', Array),
// Redis->auth('pw...'), mysqli->real_connect('h', 'u', 'pw...').
type phpFrames struct{}

var phpCalls = [...]struct {
	name string
	arg  int
}{
	{"pdo->__construct(", 2},
	{"->auth(", 0},
	{"->real_connect(", 2},
	{"mysqli_connect(", 2},
	{"mysqli->__construct(", 2},
	{"ldap_bind(", 2},
}

func (phpFrames) Keywords() []string {
	ks := make([]string, len(phpCalls))
	for i, c := range phpCalls {
		ks[i] = c.name
	}
	return ks
}

func (phpFrames) Scan(line []byte, out []detectors.Match) []detectors.Match {
	for _, c := range phpCalls {
		for from := 0; ; {
			p := indexFoldFrom(line, c.name, from)
			if p < 0 {
				break
			}
			from = p + len(c.name)
			s, e, ok := callArg(line, from, c.arg)
			if !ok || s >= e || line[s] != '\'' && line[s] != '"' {
				continue
			}
			val, ok := parseValue(line, s, false)
			if !ok || !val.quoted || !acceptValue(kPassword, line[val.s:val.e], false) {
				continue
			}
			out = append(out, match(RulePassword, val.s, val.e, detectors.ContextAssignment))
		}
	}
	return out
}

// callArg returns the span of the k-th (0-based) argument of a call whose
// arguments start at i (after the '('): arguments are separated by commas
// outside quotes and nested parentheses, and trimmed of spaces.
func callArg(line []byte, i, k int) (s, e int, ok bool) {
	n := len(line)
	arg, depth := 0, 0
	s = i
	for j := i; j < n && j-i < maxValueLen; j++ {
		switch c := line[j]; c {
		case '\'', '"':
			q := c
			for j++; j < n && line[j] != q; j++ {
				if line[j] == '\\' {
					j++
				}
			}
			if j >= n {
				return 0, 0, false
			}
		case '(', '[', '{':
			depth++
		case ')', ']', '}', ',':
			if c != ',' && depth > 0 {
				depth--
				continue
			}
			if depth > 0 {
				continue
			}
			if arg == k {
				a, b := s, j
				for a < b && isSpace(line[a]) {
					a++
				}
				for b > a && isSpace(line[b-1]) {
					b--
				}
				return a, b, true
			}
			if c != ',' {
				return 0, 0, false
			}
			arg++
			s = j + 1
		}
	}
	return 0, 0, false
}

// sqlLiterals finds secrets that SQL statements carry as bare literals:
// the key of AES_ENCRYPT/AES_DECRYPT and pgcrypto's pgp_sym_encrypt/decrypt,
// the value of set_config('<secret-named>', 'v', ...), and the values of
// secret-named columns in INSERT INTO t (cols) VALUES (...).
type sqlLiterals struct{}

var sqlKeyCalls = [...]string{"aes_encrypt(", "aes_decrypt(", "pgp_sym_encrypt(", "pgp_sym_decrypt(", "pgp_sym_encrypt_bytea(", "pgp_sym_decrypt_bytea("}

func (sqlLiterals) Keywords() []string {
	return append(sqlKeyCalls[:], "set_config(", "values", "concat(", "crypt(")
}

func (sqlLiterals) Scan(line []byte, out []detectors.Match) []detectors.Match {
	for _, name := range sqlKeyCalls {
		for from := 0; ; {
			p := indexFoldFrom(line, name, from)
			if p < 0 {
				break
			}
			from = p + len(name)
			if p > 0 && (isLetter(line[p-1]) || line[p-1] == '_') {
				continue
			}
			out = sqlLiteralArg(line, from, 1, kSecret, out)
		}
	}
	for from := 0; ; {
		p := indexFoldFrom(line, "set_config(", from)
		if p < 0 {
			break
		}
		from = p + len("set_config(")
		s, e, ok := callArg(line, from, 0)
		if !ok || e-s < 3 || line[s] != '\'' || line[e-1] != '\'' {
			continue
		}
		if kc := classifyKey(line[s+1 : e-1]); strongKey(kc) {
			out = sqlLiteralArg(line, from, 1, kc, out)
		}
	}
	for from := 0; ; {
		// a salted hash computed in SQL: SHA2(CONCAT(salt, 'pw'), 256)
		p := indexFoldFrom(line, "concat(", from)
		if p < 0 {
			break
		}
		from = p + len("concat(")
		salted := false
		for k := 0; k < 8; k++ {
			s, e, ok := callArg(line, from, k)
			if !ok {
				break
			}
			if identifier(line[s:e]) && containsFold(line[s:e], []byte("salt")) {
				salted = true
			}
		}
		if !salted {
			continue
		}
		for k := 0; k < 8; k++ {
			if _, _, ok := callArg(line, from, k); !ok {
				break
			}
			out = sqlLiteralArg(line, from, k, kPassword, out)
		}
	}
	for from := 0; ; {
		// pgcrypto: crypt('pw', gen_salt('bf')), crypt('pw', pswhash)
		p := indexFoldFrom(line, "crypt(", from)
		if p < 0 {
			break
		}
		from = p + len("crypt(")
		if p > 0 && (isLetter(line[p-1]) || line[p-1] == '_') {
			continue
		}
		out = sqlLiteralArg(line, from, 0, kPassword, out)
	}
	for from := 0; ; {
		p := indexFoldFrom(line, "values", from)
		if p < 0 {
			break
		}
		from = p + len("values")
		out = sqlInsert(line, p, out)
	}
	return out
}

// sqlLiteralArg reports the k-th argument of the call whose arguments start
// at i when it is a quoted literal accepted for a key of class kc.
func sqlLiteralArg(line []byte, i, k int, kc keyClass, out []detectors.Match) []detectors.Match {
	s, e, ok := callArg(line, i, k)
	if !ok || e-s < 2 || line[s] != '\'' || line[e-1] != '\'' {
		return out
	}
	if v := line[s+1 : e-1]; acceptValue(kc, v, false) {
		rule := ruleOf(kc)
		out = append(out, match(rule, s+1, e-1, detectors.ContextAssignment))
	}
	return out
}

// maxColumns bounds the column list of an INSERT that is mapped to values.
const maxColumns = 64

// sqlInsert maps "(cols) VALUES (v, ...), (v, ...)" at p (the index of
// VALUES) and reports the quoted values of secret-named columns.
func sqlInsert(line []byte, p int, out []detectors.Match) []detectors.Match {
	if p > 0 && (isLetter(line[p-1]) || line[p-1] == '_') || p+6 < len(line) && (isLetter(line[p+6]) || line[p+6] == '_') {
		return out
	}
	// the column list right before VALUES
	ce := p
	for ce > 0 && isSpace(line[ce-1]) {
		ce--
	}
	if ce == 0 || line[ce-1] != ')' {
		return out
	}
	cs := ce - 1
	for cs > 0 && line[cs-1] != '(' && line[cs-1] != ')' && line[cs-1] != '\'' && ce-cs < 4096 {
		cs--
	}
	if cs == 0 || line[cs-1] != '(' {
		return out
	}
	var kinds [maxColumns]keyClass
	ncol, any := 0, false
	for s := cs; s < ce-1 && ncol < maxColumns; {
		e := s
		for e < ce-1 && line[e] != ',' {
			e++
		}
		name := line[s:e]
		for len(name) > 0 && (isSpace(name[0]) || name[0] == '"' || name[0] == '`' || name[0] == '[') {
			name = name[1:]
		}
		for len(name) > 0 && (isSpace(name[len(name)-1]) || name[len(name)-1] == '"' || name[len(name)-1] == '`' || name[len(name)-1] == ']') {
			name = name[:len(name)-1]
		}
		kinds[ncol] = classifyKey(name)
		any = any || strongKey(kinds[ncol])
		ncol++
		s = e + 1
	}
	if !any {
		return out
	}
	// the tuples
	i := p + len("values")
	for {
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		if i >= len(line) || line[i] != '(' {
			return out
		}
		i++
		for k := 0; k < ncol; k++ {
			s, e, ok := callArg(line, i, k)
			if !ok {
				return out
			}
			if strongKey(kinds[k]) && e-s >= 2 && line[s] == '\'' && line[e-1] == '\'' {
				if v := line[s+1 : e-1]; acceptValue(kinds[k], v, false) {
					rule := ruleOf(kinds[k])
					out = append(out, match(rule, s+1, e-1, detectors.ContextAssignment))
				}
			}
		}
		// past this tuple's ')'
		_, e, ok := callArg(line, i, ncol-1)
		if !ok {
			return out
		}
		i = e
		for i < len(line) && line[i] != ')' {
			i++
		}
		i++
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		if i >= len(line) || line[i] != ',' {
			return out
		}
		i++
	}
}

// wordThenValue finds a credential that prose introduces with a word:
// `bad token "v"`, `client secret 'v'` (a quoted value after a token- or
// secret-named phrase), and the ApiKey scheme without a header name
// (HAProxy's captured "ApiKey v").
type wordThenValue struct{}

func (wordThenValue) Keywords() []string {
	return []string{`token "`, `token '`, `secret "`, `secret '`, "apikey "}
}

func (wordThenValue) Scan(line []byte, out []detectors.Match) []detectors.Match {
	for _, w := range [...]string{"token ", "secret "} {
		for from := 0; ; {
			p := indexFoldFrom(line, w, from)
			if p < 0 {
				break
			}
			from = p + len(w)
			if from >= len(line) || line[from] != '"' && line[from] != '\'' {
				continue
			}
			if p > 0 && !isSpace(line[p-1]) && class[line[p-1]]&(cLower|cUpper) == 0 && line[p-1] != '_' && line[p-1] != '-' {
				continue
			}
			// the phrase: the word before and this one ("bad token",
			// "csrf token", "client_secret")
			ks := prevWordStart(line, p)
			for ks < p && !isLetter(line[ks]) {
				ks++
			}
			kc := classifyKey(line[ks : from-1])
			if kc != kToken && kc != kWeak && kc != kSecret {
				continue
			}
			val, ok := parseValue(line, from, false)
			if !ok || !val.quoted {
				continue
			}
			v := line[val.s:val.e]
			if !acceptValue(kWeak, v, false) || codeLike(v) {
				continue
			}
			rule := RuleToken
			if kc == kSecret {
				rule = RuleSecret
			}
			out = append(out, match(rule, val.s, val.e, detectors.ContextText))
			from = val.e
		}
	}
	for from := 0; ; {
		p := indexFoldFrom(line, "apikey ", from)
		if p < 0 {
			return out
		}
		from = p + len("apikey ")
		if p > 0 && (isLetter(line[p-1]) || isDigit(line[p-1]) || line[p-1] == '-' || line[p-1] == '_') {
			continue
		}
		e := from
		for e < len(line) && class[line[e]]&cStop == 0 && e-from < maxValueLen {
			e++
		}
		v := line[from:e]
		if !tokenShaped(v, 16) || codeLike(v) || isPlaceholder(v) || isUUID(v) || hasByte(v, ':') {
			continue
		}
		out = append(out, match(RuleAuthz, from, e, detectors.ContextHeader))
		from = e
	}
}

// pathTokens finds the token of a password reset, confirmation or webhook
// link in a URL path: /password_resets/<token>/edit, /reset-password/<hex>,
// /reset/confirm/<token>, /hooks/<hex40>. The token is the first of the two
// segments after such a segment that is long (16+ bytes) and random-looking.
type pathTokens struct{}

func (pathTokens) Keywords() []string {
	// not "webhooks/": /webhooks/<provider> routes are everywhere in access
	// logs, and their tokens rare
	return []string{"reset/", "resets/", "confirm/", "/hooks/", "webhook/", "reset-password/", "reset_password/"}
}

func (pathTokens) Scan(line []byte, out []detectors.Match) []detectors.Match {
	n := len(line)
	for se := 0; ; se++ {
		k := bytes.IndexByte(line[se:], '/')
		if k < 0 {
			return out
		}
		se += k
		// only a segment ending like a keyword is looked at
		if se < 5 {
			continue
		}
		switch line[se-1] | 0x20 {
		case 't', 's', 'm', 'k', 'd':
		default:
			continue
		}
		ss := se
		for ss > 0 && class[line[ss-1]]&cKey != 0 && se-ss < 40 {
			ss--
		}
		if ss == 0 || line[ss-1] != '/' {
			continue
		}
		hook, ok := tokenSegment(line[ss:se])
		if !ok {
			continue
		}
		// the next two segments
		j := se
		for k := 0; k < 2 && j < n && line[j] == '/'; k++ {
			ts := j + 1
			te := ts
			for te < n && (class[line[te]]&cKey != 0 || line[te] == '~') && te-ts < 512 {
				te++
			}
			if te < n && !(line[te] == '/' || line[te] == '?' || line[te] == '#' || class[line[te]]&cStop != 0) {
				break
			}
			if pathSecret(line[ts:te], hook) {
				out = append(out, match(RulePathToken, ts, te, detectors.ContextText))
				break
			}
			j = te
		}
		se = max(se, j-1)
	}
}

// tokenSegment reports whether a path segment introduces a token, and
// whether it is a webhook's (whose ids may be UUIDs that are no secret).
func tokenSegment(seg []byte) (hook, ok bool) {
	switch {
	case hasSuffixFold(seg, "reset"), hasSuffixFold(seg, "resets"),
		hasSuffixFold(seg, "password") && containsFold(seg, []byte("reset")):
		return false, true
	case equalFold(seg, "confirm"), equalFold(seg, "confirmation"), hasSuffixFold(seg, "_confirm"), hasSuffixFold(seg, "-confirm"):
		return false, true
	case equalFold(seg, "hooks"), equalFold(seg, "webhook"), equalFold(seg, "webhooks"):
		return true, true
	}
	return false, false
}

// pathSecret reports whether a path segment is a generated token.
func pathSecret(v []byte, hook bool) bool {
	if len(v) < 16 || !tokenShaped(v, 16) || isPlaceholder(v) {
		return false
	}
	if hook && isUUID(v) {
		return false
	}
	st := statsOf(v)
	if st.digit == 0 || st.lower+st.upper == 0 {
		return false // "set-password", "CamelCaseWords"
	}
	// words with a number ("order-confirmation-2024") are no token
	words := 0
	for s := 0; s < len(v); {
		e := s
		for e < len(v) && v[e] != '-' && v[e] != '_' && v[e] != '.' {
			e++
		}
		if e-s >= 3 && wordLike(v[s:e]) {
			words++
		}
		s = e + 1
	}
	return words < 2 && highEntropyLoose(v)
}

// highEntropyLoose reports whether v has the entropy of a random token of
// its alphabet: about 3 bits per byte for hex, more for base64.
func highEntropyLoose(v []byte) bool {
	if len(v) > maxEntropyLen {
		return true
	}
	return entropy(v) >= 3.2
}

// ciSecrets finds what CI scripts declare or handle as secrets: the value of
// GitHub Actions' "::add-mask::v" workflow command (printed when a script's
// output is logged before the runner reads it, or by step debugging), and a
// base64 blob a script decodes ("echo <b64> | base64 -d > key.json": a
// keystore or service-account key).
type ciSecrets struct{}

func (ciSecrets) Keywords() []string {
	return []string{"::add-mask::", "base64 -d", "base64 --decode", "base64 -D"}
}

func (ciSecrets) Scan(line []byte, out []detectors.Match) []detectors.Match {
	if p := bytes.Index(line, []byte("::add-mask::")); p >= 0 {
		v := p + len("::add-mask::")
		e := v
		for e < len(line) && !isSpace(line[e]) && line[e] != '"' && line[e] != '\'' && line[e] != '\r' {
			e++
		}
		if val := line[v:e]; acceptValue(kSecret, val, false) {
			out = append(out, match(RuleSecret, v, e, detectors.ContextText))
		}
	}
	for from := 0; ; {
		p := indexFoldFrom(line, "base64 -", from)
		if p < 0 {
			return out
		}
		from = p + len("base64 -")
		if r := line[from:]; !(hasPrefixFold(r, "d") || hasPrefixFold(r, "-decode")) {
			continue
		}
		// "echo <b64> | base64 -d": the word before the pipe
		k := p
		for k > 0 && isSpace(line[k-1]) {
			k--
		}
		if k == 0 || line[k-1] != '|' {
			continue
		}
		k--
		for k > 0 && isSpace(line[k-1]) {
			k--
		}
		e := k
		if e > 0 && (line[e-1] == '"' || line[e-1] == '\'') {
			e--
		}
		s := e
		for s > 0 && class[line[s-1]]&cB64 != 0 {
			s--
		}
		w := prevWord(line, s)
		if s > 0 && (line[s-1] == '"' || line[s-1] == '\'') {
			w = prevWord(line, s-1)
		}
		if !(equalFold(w, "echo") || equalFold(w, "-n") || equalFold(w, "printf") || equalFold(w, "'%s'") || equalFold(w, `"%s"`)) {
			continue
		}
		if v := line[s:e]; len(v) >= 16 && isBase64(v) && !isPlaceholder(v) && !wordLike(v) {
			out = append(out, match(RuleSecret, s, e, detectors.ContextText))
		}
	}
}
