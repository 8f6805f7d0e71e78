package scanners

import "github.com/redactd/redactd/detectors"

// NameValue finds the value of a name/value pair whose name says it is a
// secret, where the secret's name is itself a value:
//
//	{"name":"DB_PASSWORD","value":"..."}        Kubernetes env lists, ECS task definitions
//	key="db.password" value="..."               syslog structured data, config dumps
//	{"ParameterKey":"ApiToken","ParameterValue":"..."}  CloudFormation
//	{"type":"password","value":"...","temporary":true}  Keycloak credentials
//
// It is gated on the keyword "value", is safe for concurrent use and does
// not allocate when it finds nothing.
type NameValue struct{}

var _ detectors.KeywordScanner = NameValue{}

// NewNameValue returns the name/value pair scanner.
func NewNameValue() NameValue { return NameValue{} }

// Keywords returns the literal every matching line holds.
func (NameValue) Keywords() []string { return []string{"value"} }

// nameWindow bounds how far before a value field its name field may be.
const nameWindow = 160

// Scan appends the secrets found in line to out.
func (NameValue) Scan(line []byte, out []detectors.Match) []detectors.Match {
	n := len(line)
	for from := 0; from < n; {
		p := indexFoldFrom(line, "value", from)
		if p < 0 {
			return out
		}
		from = p + 5
		v, ok := fieldValueStart(line, p, p+5)
		if !ok {
			continue
		}
		name, ok := lastNameBefore(line, max(0, p-nameWindow), p)
		if !ok {
			continue
		}
		kc := classifyKey(name)
		switch kc {
		case kPassword, kSecret, kToken, kAPIKey, kPrivateKey, kSession, kKey:
		default:
			continue
		}
		val, ok := parseValue(line, v, false)
		if !ok || val.e <= val.s {
			continue
		}
		secret := line[val.s:val.e]
		if isPlaceholder(secret) || !acceptValue(kc, secret, !val.quoted) {
			continue
		}
		rule := ruleOf(kc)
		ctx := detectors.ContextAssignment
		if val.quoted && line[v] == '"' && line[v-1] == ':' || val.quoted && line[v] == '"' && v >= 2 && line[v-1] == ' ' && line[v-2] == ':' {
			ctx = detectors.ContextJSON // "value": "..."; value="..." is an assignment
		}
		out = append(out, detectors.Match{RuleID: rule, Start: val.s, End: val.e, Context: ctx, Severity: severityOf(rule)})
		from = val.e
	}
	return out
}

// fieldValueStart checks that line[ks:ke] is a field name (not inside a
// longer word, except after "Parameter" or "Secret") followed by an optional
// quote, ':' or '=', and spaces, and returns where its value starts.
func fieldValueStart(line []byte, ks, ke int) (int, bool) {
	if ks > 0 && isLetter(line[ks-1]) && !hasSuffixFold(line[:ks], "parameter") {
		return 0, false
	}
	if ke < len(line) && (isLetter(line[ke]) || isDigit(line[ke]) || line[ke] == '_') {
		return 0, false
	}
	i := ke
	for i < len(line) && line[i] == '\\' && i-ke < 8 {
		i++ // JSON inside JSON: \"type\":\"password\"
	}
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		i++
	}
	return valueAfterSep(line, i)
}

// lastNameBefore finds, in line[lo:hi], the last "name", "key", "type" or
// "ParameterKey" field and returns its value when it looks like an
// identifier (letters, digits, '_', '-', '.').
func lastNameBefore(line []byte, lo, hi int) ([]byte, bool) {
	for j := hi - 3; j >= lo; j-- {
		var flen int
		switch {
		case j+4 <= hi && equalFold(line[j:j+4], "name"):
			flen = 4
		case j+3 <= hi && equalFold(line[j:j+3], "key"):
			flen = 3
		case j+4 <= hi && equalFold(line[j:j+4], "type"):
			flen = 4 // Keycloak's credentials: {"type":"password","value":"..."}
		default:
			continue
		}
		v, ok := fieldValueStart(line, j, j+flen)
		if !ok {
			continue
		}
		for v < len(line) && line[v] == '\\' && v-j < 16 {
			v++
		}
		if v < len(line) && (line[v] == '"' || line[v] == '\'') {
			v++
		}
		e := v
		for e < hi && (isLetter(line[e]) || isDigit(line[e]) || line[e] == '_' || line[e] == '-' || line[e] == '.' || line[e] == '/') && e-v <= 4*maxKeyLen {
			if line[e] == '/' {
				v = e + 1 // an SSM parameter path: /prod/orders/db_password
			}
			e++
		}
		if flen == 4 && lowerTab[line[j]] == 't' && (e == v || !strongKey(classifyKey(line[v:e]))) {
			continue // "Type":"SecureString": look further back for the name
		}
		if e > v && e-v <= maxKeyLen {
			return line[v:e], true
		}
		return nil, false
	}
	return nil, false
}

// indexFoldFrom returns the index of the lowercase ASCII word in line at or
// after from, ignoring ASCII case, or -1.
func indexFoldFrom(line []byte, word string, from int) int {
	for i := from; i+len(word) <= len(line); i++ {
		if lowerTab[line[i]] == word[0] && equalFold(line[i:i+len(word)], word) {
			return i
		}
	}
	return -1
}

// valueAfterSep skips spaces, one ':' or '=' and spaces again from i in
// line, and returns where the value after them starts; false when there is
// no separator or nothing after it.
func valueAfterSep(line []byte, i int) (int, bool) {
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) || line[i] != ':' && line[i] != '=' {
		return 0, false
	}
	i++
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i, i < len(line)
}
