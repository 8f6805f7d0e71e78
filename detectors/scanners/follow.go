package scanners

import (
	"bytes"
	"encoding/base64"

	"github.com/redactd/redactd/detectors"
)

// Besides PEM blocks, a PEMFollower follows three shapes where a line says
// that the next lines hold a secret whose name is on the line before:
//
//   - a name field, then a value field on the next line: Terraform plans of
//     helm_release "set { name = \"adminPassword\" / value = \"v\" }",
//     Kubernetes env lists in YAML ("- name: DB_PASSWORD" / "value: v") and
//     pretty-printed JSON ("\"name\": \"API_TOKEN\"," / "\"value\": \"v\"");
//   - redis-cli replies: `1) "requirepass"` then `2) "v"` (CONFIG GET);
//   - the data: block of a Kubernetes Secret in YAML or JSON, whose values
//     are base64 whatever their keys are named ("kubectl get secret -o
//     yaml" prints data: before kind:, so the block is recognised by its
//     values: padded base64 that decodes, and no certificate), and the
//     stringData: block, whose values are plain.
//
//   - a secret printed alone on the line after what announced it: a prompt
//     line ending in ':' that names a password (Elasticsearch's first start:
//     "Password for the elastic user (...):" then the password), or a shell
//     command ("$ ...") naming a secret, cookie or token, whose output is the
//     value ("$ elasticsearch-keystore show s3.client.default.secret_key",
//     "$ cat .erlang.cookie", "$ az acr credential show --query
//     passwords[0].value").
//
// Each line that is not inside such a shape costs a look at its first
// non-blank bytes and at its last byte.

// nextKind is the state kept between lines.
type nextKind uint8

const (
	nextNone       nextKind = iota
	nextValue               // the line before named a secret; this one may hold its value
	nextReply               // the line before was redis-cli's `N) "requirepass"`
	nextData                // inside a YAML data: block
	nextStringData          // inside a YAML stringData: block
	nextJSONData            // inside a JSON "data": { block
	nextNetrc               // after a "machine h" line of a .netrc file
	nextListArg             // after "- --requirepass" in a YAML list of arguments
	nextBare                // after a prompt or shell command that prints a secret alone on the next line
)

type nextState struct {
	kind   nextKind
	indent int      // of the data: line
	kc     keyClass // of the name (nextValue)
	reply  int      // the number of the reply that holds the value (nextReply)
	// cfgmap is set after "kind: ConfigMap" until the next document's
	// apiVersion: a ConfigMap's data is not base64.
	cfgmap bool
}

// followNext handles a line outside a PEM block.
func (p *PEMFollower) followNext(dst, line []byte, findings []detectors.Finding) ([]byte, []detectors.Finding) {
	if p.nx.kind != nextNone {
		s, e, rule, keep := p.nx.value(line)
		if !keep {
			p.nx.kind = nextNone
		}
		if e > s {
			if bytes.Contains(line[s:e], tokenPrefix) {
				return line, findings // already redacted
			}
			os, oe := s, e
			if len(findings) > 0 {
				os, oe = p.origSpan(findings, s, e)
			}
			return p.replace(dst, line, findings, s, e, os, oe, rule, detectors.ContextAssignment)
		}
		if keep {
			return line, findings
		}
	}
	p.nx.arm(line)
	return line, findings
}

// arm looks at a line for the start of a shape.
func (nx *nextState) arm(line []byte) {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) {
		return
	}
	e := len(line)
	if line[e-1] == '\r' {
		e--
	}
	if l := line[i:e]; len(l) > 1 && l[len(l)-1] == ':' && containsFold(l, []byte("password")) && !hasByte(l, '=') {
		nx.kind, nx.kc = nextBare, kPassword // "Password for the elastic user (...):"
		return
	}
	switch c := line[i]; {
	case c == '$':
		if i == 0 && len(line) > 2 && line[1] == ' ' && shellPrintsSecret(line[2:]) {
			nx.kind, nx.kc = nextBare, kSecret
		}
	case c == 'a' || c == 'k':
		if i == 0 && bytes.HasPrefix(line, []byte("apiVersion:")) {
			nx.cfgmap = false
		} else if i == 0 && bytes.HasPrefix(line, []byte("kind: ")) {
			nx.cfgmap = string(trimSpace(line[len("kind: "):])) == "ConfigMap"
		}
	case c == 'd' || c == 's':
		switch r := trimSpace(line[i:]); {
		case string(r) == "data:" && !nx.cfgmap:
			nx.kind, nx.indent = nextData, i
		case string(r) == "stringData:":
			nx.kind, nx.indent = nextStringData, i
		}
	case c == '"':
		if string(trimSpace(line[i:])) == `"data": {` {
			nx.kind = nextJSONData
			return
		}
		nx.armName(line, i)
	case c == 'n':
		nx.armName(line, i)
	case c == 'm':
		if bytes.HasPrefix(line[i:], []byte("machine ")) && !bytes.Contains(line[i:], []byte(" password ")) {
			nx.kind = nextNetrc
		}
	case c == '-' || c == '+' || c == '~':
		// YAML list items, Terraform's plan markers
		j := i + 1
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if j > i+1 {
			nx.armName(line, j)
			if nx.kind == nextNone && c == '-' {
				nx.armListFlag(line, j)
			}
		}
	case isDigit(c):
		nx.armReply(line, i)
	}
}

// fieldAt checks for the field name at i, optionally quoted, followed by
// ':' or '=' and spaces, and returns where its value starts.
func fieldAt(line []byte, i int, name string) (int, bool) {
	q := false
	if i < len(line) && line[i] == '"' {
		q = true
		i++
	}
	if i+len(name) > len(line) || string(line[i:i+len(name)]) != name {
		return 0, false
	}
	i += len(name)
	if q {
		if i >= len(line) || line[i] != '"' {
			return 0, false
		}
		i++
	}
	return valueAfterSep(line, i)
}

// armName arms nextValue when line holds, at i, a name field whose value
// names a secret: name = "adminPassword", name: DB_PASSWORD.
func (nx *nextState) armName(line []byte, i int) {
	v, ok := fieldAt(line, i, "name")
	if !ok {
		return
	}
	q := line[v] == '"' || line[v] == '\''
	if q {
		v++
	}
	e := v
	for e < len(line) && class[line[e]]&cKey != 0 && e-v < maxKeyLen {
		e++
	}
	if e == v || q && (e >= len(line) || line[e] != line[v-1]) {
		return
	}
	if kc := classifyKey(line[v:e]); strongKey(kc) {
		nx.kind, nx.kc = nextValue, kc
	}
}

// armListFlag arms nextListArg on a YAML list item that is a flag naming a
// secret and nothing else ("- --requirepass", "- --db-password"): the next
// item is its value (docker compose and Kubernetes command/args lists).
func (nx *nextState) armListFlag(line []byte, i int) {
	if i+2 >= len(line) || line[i] != '-' {
		return
	}
	k := i + 1
	if line[k] == '-' {
		k++
	}
	e := k
	for e < len(line) && class[line[e]]&cKey != 0 {
		e++
	}
	if e == k || len(trimSpace(line[e:])) > 0 {
		return
	}
	kc := classifyKey(line[k:e])
	if !strongKey(kc) {
		switch {
		case equalFold(line[k:e], "requirepass"), equalFold(line[k:e], "masterauth"):
			kc = kPassword
		default:
			return
		}
	}
	nx.kind, nx.kc = nextListArg, kc
}

// armReply arms nextReply on `N) "requirepass"` (or masterauth).
func (nx *nextState) armReply(line []byte, i int) {
	n := 0
	for i < len(line) && isDigit(line[i]) && n < 1e6 {
		n = n*10 + int(line[i]-'0')
		i++
	}
	if i+3 >= len(line) || line[i] != ')' || line[i+1] != ' ' || line[i+2] != '"' {
		return
	}
	w := trimSpace(line[i+2:])
	if equalFold(w, `"requirepass"`) || equalFold(w, `"masterauth"`) {
		nx.kind, nx.reply = nextReply, n+1
	}
}

// value returns the span of the secret on line for the current state, its
// rule, and whether the state goes on after this line.
func (nx *nextState) value(line []byte) (s, e int, rule string, keep bool) {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	switch nx.kind {
	case nextValue:
		if i < len(line) && (line[i] == '+' || line[i] == '-' || line[i] == '~') {
			i++
			for i < len(line) && line[i] == ' ' {
				i++
			}
		}
		v, ok := fieldAt(line, i, "value")
		if !ok {
			return 0, 0, "", false
		}
		val, ok := parseValue(line, v, false)
		if !ok || !acceptValue(nx.kc, line[val.s:val.e], !val.quoted) {
			return 0, 0, "", false
		}
		return val.s, val.e, ruleOf(nx.kc), false
	case nextReply:
		n := 0
		for i < len(line) && isDigit(line[i]) && n < 1e6 {
			n = n*10 + int(line[i]-'0')
			i++
		}
		if n != nx.reply || i+2 >= len(line) || line[i] != ')' || line[i+1] != ' ' {
			return 0, 0, "", false
		}
		val, ok := parseValue(line, i+2, false)
		if !ok || !val.quoted || !acceptValue(kPassword, line[val.s:val.e], false) {
			return 0, 0, "", false
		}
		return val.s, val.e, RulePassword, false
	case nextData, nextStringData:
		if i <= nx.indent || i >= len(line) {
			return 0, 0, "", false // the block ended
		}
		ks := i
		for i < len(line) && class[line[i]]&cKey != 0 {
			i++
		}
		if i == ks || i+1 >= len(line) || line[i] != ':' || line[i+1] != ' ' {
			return 0, 0, "", true
		}
		key := line[ks:i]
		val, ok := parseValue(line, i+2, false)
		if !ok {
			return 0, 0, "", true
		}
		v := line[val.s:val.e]
		if nx.kind == nextData {
			if val.quoted || !secretData(v) {
				return 0, 0, "", true
			}
			return val.s, val.e, RuleSecret, true
		}
		kc := classifyKey(key)
		if kc == kExcluded || kc == kNone || !acceptValue(kSecret, v, !val.quoted) {
			return 0, 0, "", true
		}
		return val.s, val.e, RuleSecret, true
	case nextListArg:
		if i+2 >= len(line) || line[i] != '-' || line[i+1] != ' ' {
			return 0, 0, "", false
		}
		val, ok := parseValue(line, i+2, false)
		if !ok || line[val.s] == '-' || !acceptValue(nx.kc, line[val.s:val.e], false) {
			return 0, 0, "", false
		}
		if !val.quoted {
			val.e = i + 2 + len(trimSpace(line[i+2:]))
		}
		return val.s, val.e, ruleOf(nx.kc), false
	case nextBare:
		v := trimSpace(line)
		if len(v) < 8 || !bareSecret(v) {
			return 0, 0, "", false
		}
		s := 0
		for isSpace(line[s]) || line[s] == '\r' {
			s++
		}
		return s, s + len(v), ruleOf(nx.kc), false
	case nextNetrc:
		r := line[i:]
		switch {
		case bytes.HasPrefix(r, []byte("login ")), bytes.HasPrefix(r, []byte("account ")):
			return 0, 0, "", true
		case bytes.HasPrefix(r, []byte("password ")):
			var ms [1]detectors.Match
			if m := netrcPassword(line, i, true, ms[:0]); len(m) == 1 {
				return m[0].Start, m[0].End, RulePassword, false
			}
		}
		return 0, 0, "", false
	case nextJSONData:
		if i >= len(line) || line[i] == '}' {
			return 0, 0, "", false
		}
		v, ok := jsonMemberValue(line, i)
		if !ok {
			return 0, 0, "", true
		}
		val, ok := parseValue(line, v, false)
		if !ok || !val.quoted || !secretData(line[val.s:val.e]) {
			return 0, 0, "", true
		}
		return val.s, val.e, RuleSecret, true
	}
	return 0, 0, "", false
}

// jsonMemberValue returns where the value of a `"key": ` member at i starts.
func jsonMemberValue(line []byte, i int) (int, bool) {
	if line[i] != '"' {
		return 0, false
	}
	j := i + 1
	for j < len(line) && line[j] != '"' {
		j++
	}
	if j+3 >= len(line) || line[j+1] != ':' || line[j+2] != ' ' {
		return 0, false
	}
	return j + 3, true
}

// secretData reports whether v, a value of a Secret's data, is base64 of a
// secret: padded standard base64 of at least 16 bytes that decodes, and not
// a certificate or a public key.
func secretData(v []byte) bool {
	if len(v) < 16 || len(v)%4 != 0 || len(v) > 64<<10 {
		return false
	}
	st := statsOf(v)
	if st.lower+st.upper == 0 || st.lower == 0 && st.digit == 0 {
		return false
	}
	hex := true
	for _, c := range v {
		if class[c]&cB64 == 0 || c == '-' || c == '_' {
			return false
		}
		hex = hex && class[c]&cHex != 0
	}
	if hex {
		return false // a digest or a commit, in a ConfigMap
	}
	// the first 24 bytes tell what it is
	if !validB64(v) {
		return false
	}
	var head [24]byte
	n, err := base64.StdEncoding.Decode(head[:], v[:min(32, len(v))])
	if err != nil {
		return false
	}
	h := head[:n]
	return !bytes.HasPrefix(h, []byte("-----BEGIN CERTIFICATE")) && !bytes.HasPrefix(h, []byte("-----BEGIN PUBLIC")) &&
		!bytes.HasPrefix(h, []byte("-----BEGIN X509")) && !bytes.HasPrefix(h, []byte("-----BEGIN TRUSTED"))
}

// validB64 reports whether v is well-formed padded standard base64: '='
// only at the end, at most two of them.
func validB64(v []byte) bool {
	pad := 0
	for i, c := range v {
		if c == '=' {
			pad++
			if pad > 2 || i < len(v)-2 {
				return false
			}
		} else if pad > 0 {
			return false
		}
	}
	return true
}

// secretWords name what a shell command prints when its output is a secret.
var secretWords = [...]string{"secret", "password", "passwd", "token", "cookie", "private_key", "api_key", "apikey"}

// shellPrintsSecret reports whether a shell command names a secret.
func shellPrintsSecret(cmd []byte) bool {
	for _, w := range secretWords {
		if containsFold(cmd, []byte(w)) {
			return true
		}
	}
	return false
}

// bareSecret reports whether v, a whole line without its blanks, is one
// generated secret: no spaces, no key: value, not a word, a file name or a
// path; digits in it, or 16 bytes or more.
func bareSecret(v []byte) bool {
	switch v[0] {
	case '{', '[', '<', '#', '-', '$', '/', '*', '(':
		return false
	}
	st := statsOf(v)
	if st.space > 0 || hasByte(v, ':') || isPlaceholder(v) {
		return false
	}
	if len(v) >= 16 && st.upper == len(v) {
		return true // an Erlang cookie: 20 upper case letters
	}
	if wordLike(v) || proseWord(v) || camelWords(v) || isUUID(v) {
		return false
	}
	if st.digit == 0 && len(v) < 16 {
		return false // "Dockerfile", "README.md"
	}
	return tokenShaped(v, 8)
}
