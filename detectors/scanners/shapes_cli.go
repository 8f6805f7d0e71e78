package scanners

import (
	"bytes"

	"github.com/redactd/redactd/detectors"
)

// toolArgs finds passwords that administration tools take as positional
// arguments or as short flags whose meaning only the tool gives them:
//
//	rabbitmqctl add_user u 'pw', rabbitmqctl change_password u pw
//	rabbitmqadmin -u admin -p pw
//	sqlcmd -S host -U sa -P pw
//	net user u pw /add (Windows; 4688 process-creation events print it)
//	poetry config http-basic.<repo> u pw
//	ConvertTo-SecureString 'pw' -AsPlainText (PowerShell script blocks)
//	{amqp_params_network,<<"u">>,<<"pw">>,...} (Erlang crash reports)
//
// Each runs only on lines holding its tool's name.
type toolArgs struct{}

var toolArgWords = [...]string{"rabbitmqctl", "rabbitmqadmin", "sqlcmd", "net user ", "net.exe\" user ",
	"http-basic.", "convertto-securestring", "amqp_params_network,"}

func (toolArgs) Keywords() []string { return toolArgWords[:] }

func (toolArgs) Scan(line []byte, out []detectors.Match) []detectors.Match {
	for k, w := range toolArgWords {
		p := indexFoldFrom(line, w, 0)
		if p < 0 || p > 0 && (isLetter(line[p-1]) || line[p-1] == '_') {
			continue
		}
		i := p + len(w)
		switch k {
		case 0: // rabbitmqctl [flags] add_user|change_password user pw
			for _, c := range [...]string{" add_user ", " change_password "} {
				if q := bytes.Index(line[i-1:], []byte(c)); q >= 0 {
					out = positional(line, i-1+q+len(c), 1, out)
				}
			}
		case 1: // rabbitmqadmin -p pw
			out = shortFlag(line, i, "-p", out)
		case 2: // sqlcmd -P pw (-p prints statistics)
			out = shortFlag(line, i, "-P", out)
		case 3, 4: // net user name pw [/add]
			out = positional(line, i, 1, out)
		case 5: // poetry config http-basic.<repo> user pw
			_, e := nextArg(line, i)
			out = positional(line, e, 1, out)
		case 6: // ConvertTo-SecureString 'pw' -AsPlainText
			if indexFoldFrom(line, "-asplaintext", i) < 0 {
				continue
			}
			j := i
			for j < len(line) && line[j] == ' ' {
				j++
			}
			if hasPrefixFold(line[j:], "-string ") {
				j += len("-string ")
			}
			if j < len(line) && (line[j] == '\'' || line[j] == '"') {
				out = passwordAt(line, j, true, out)
			}
		case 7: // the record's second field is the password
			if b := bytes.Index(line[i:], []byte(`>>,<<"`)); b >= 0 && i+b < len(line) && line[i] == '<' {
				out = passwordAt(line, i+b+5, true, out)
			}
		}
	}
	return out
}

// skipFlags skips spaces and "-x"/"--x" flags (without values) from i.
func skipFlags(line []byte, i int) int {
	for {
		for i < len(line) && line[i] == ' ' {
			i++
		}
		if i >= len(line) || line[i] != '-' {
			return i
		}
		for i < len(line) && !isSpace(line[i]) {
			i++
		}
	}
}

// nextArg returns the argument at or after i (after spaces) and its end.
func nextArg(line []byte, i int) ([]byte, int) {
	for i < len(line) && line[i] == ' ' {
		i++
	}
	s := i
	for i < len(line) && !isSpace(line[i]) && line[i] != ';' && line[i] != '|' && line[i] != '&' {
		i++
	}
	return line[s:i], i
}

// positional reports the k-th (0-based) positional argument after i as a
// password; flags ("-n", "/add") are not counted.
func positional(line []byte, i, k int, out []detectors.Match) []detectors.Match {
	for n := 0; n <= k; n++ {
		i = skipFlags(line, i)
		if i >= len(line) || line[i] == '/' && n < k {
			return out
		}
		if n == k {
			return passwordAt(line, i, false, out)
		}
		if line[i] == '\'' || line[i] == '"' {
			val, ok := parseValue(line, i, false)
			if !ok {
				return out
			}
			i = val.e + 1
			continue
		}
		_, i = nextArg(line, i)
	}
	return out
}

// shortFlag reports the value of the first flag exactly f ("-p") after i.
func shortFlag(line []byte, i int, f string, out []detectors.Match) []detectors.Match {
	for from := i; ; {
		p := bytes.Index(line[from:], []byte(" "+f+" "))
		if p < 0 {
			return out
		}
		p += from
		from = p + len(f) + 1
		v := from
		for v < len(line) && line[v] == ' ' {
			v++
		}
		if v < len(line) && line[v] != '-' {
			return passwordAt(line, v, false, out)
		}
	}
}

// passwordAt reports the argument at v (quoted or to the next space) when it
// is accepted as a password; quoted says it must be quoted.
func passwordAt(line []byte, v int, quoted bool, out []detectors.Match) []detectors.Match {
	if v >= len(line) || line[v] == '*' || line[v] == '$' || line[v] == '%' {
		return out // a prompt ("net user u *"), a variable
	}
	s, e := v, v
	if line[v] == '\'' || line[v] == '"' {
		val, ok := parseValue(line, v, false)
		if !ok || !val.quoted {
			return out
		}
		s, e = val.s, val.e
	} else {
		if quoted {
			return out
		}
		for e < len(line) && !isSpace(line[e]) && line[e] != '\r' {
			e++
		}
	}
	if e > s && acceptValue(kPassword, line[s:e], false) && !codeLike(line[s:e]) {
		out = append(out, match(RulePassword, s, e, detectors.ContextAssignment))
	}
	return out
}

// xmlElements finds the text of secret-named XML elements on one line:
// Maven's settings.xml <password>v</password> and <passphrase>, NuGet's
// and Tomcat's configs, SOAP bodies (<wsse:Password>v</wsse:Password>,
// <ns:apiToken>v</ns:apiToken>). The element name is classified like a key;
// the text runs to "</".
type xmlElements struct{}

func (xmlElements) Keywords() []string {
	return []string{"password>", "passphrase>", "secret>", "token>", "apikey>", "api_key>"}
}

func (xmlElements) Scan(line []byte, out []detectors.Match) []detectors.Match {
	n := len(line)
	for i := 0; i < n; i++ {
		k := bytes.IndexByte(line[i:], '>')
		if k < 0 {
			return out
		}
		gt := i + k
		i = gt
		// the element name before '>': <name> or <ns:name>, no attributes
		ns := gt
		for ns > 0 && (class[line[ns-1]]&cKey != 0 || line[ns-1] == ':') && gt-ns < maxKeyLen {
			ns--
		}
		if ns == gt || ns == 0 || line[ns-1] != '<' {
			continue
		}
		name := line[ns:gt]
		if c := bytes.LastIndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		kc := classifyKey(name)
		if !strongKey(kc) {
			continue
		}
		e := gt + 1
		for e < n && line[e] != '<' && e-gt < maxValueLen {
			e++
		}
		if e+1 >= n || line[e+1] != '/' {
			continue
		}
		v := trimSpace(line[gt+1 : e])
		if len(v) == 0 || len(v) > 1 && v[0] == '$' && v[1] == '{' {
			continue // ${env.PASSWORD}
		}
		s := gt + 1
		for s < e && isSpace(line[s]) {
			s++
		}
		if acceptValue(kc, v, false) {
			out = append(out, match(ruleOf(kc), s, s+len(v), detectors.ContextAssignment))
		}
		i = e
	}
	return out
}

// oauthCode finds the authorization code of an OAuth 2.0 redirect
// (RFC 6749 4.1.2: ?code=...&state=...), which an access log or a debug
// line prints with the callback URL: Keycloak's "<uuid>.<uuid>.<uuid>",
// Google's "4/0A..." (URL-encoded "4%2F0A..."). The main loop scores such a
// value only when it is plain base64; a code is a one-time credential
// whatever its alphabet. Only a query parameter is taken, and only a value
// shaped like a token (16+ bytes, letters and digits, no UUID alone).
type oauthCode struct{}

func (oauthCode) Keywords() []string { return []string{"?code=", "&code=", "u0026code="} }

// codeEq is a variable, not a conversion in the call: with the binary's
// PGO profile the compiler inlines bytes.Index here and the converted
// literal escapes, one allocation per call (TestRedactGeneratedCleanNoAlloc).
var codeEq = []byte("code=")

func (oauthCode) Scan(line []byte, out []detectors.Match) []detectors.Match {
	for from := 0; ; {
		p := bytes.Index(line[from:], codeEq)
		if p < 0 {
			return out
		}
		p += from
		from = p + len("code=")
		if p == 0 || line[p-1] != '?' && line[p-1] != '&' && !(p >= 6 && string(line[p-6:p]) == `\u0026`) {
			continue
		}
		val, ok := parseValue(line, from, true)
		if !ok || val.quoted {
			continue
		}
		v := line[val.s:val.e]
		if !tokenShaped(v, 16) || isUUID(v) || isPlaceholder(v) || allDigits(v) {
			continue
		}
		out = append(out, match(RuleQuerySecret, val.s, val.e, detectors.ContextQuery))
		from = val.e
	}
}

// secureValues finds Azure's secureValue (container instance environment
// variables, ARM parameters), which a request body in the Activity Log
// prints in the clear: "secureValue":"v", with quotes escaped to any depth.
// The key has none of the letter pairs that send a key to classification in
// Scanner's fast path, so it has its own keyword.
type secureValues struct{}

func (secureValues) Keywords() []string { return []string{"securevalue"} }

func (secureValues) Scan(line []byte, out []detectors.Match) []detectors.Match {
	for from := 0; ; {
		p := indexFoldFrom(line, "securevalue", from)
		if p < 0 {
			return out
		}
		from = p + len("securevalue")
		if p > 0 && isLetter(line[p-1]) {
			continue
		}
		v, ok := fieldValueStart(line, p, from)
		if !ok {
			continue
		}
		val, ok := parseValue(line, v, false)
		if !ok || !val.quoted || !acceptValue(kSecret, line[val.s:val.e], false) {
			continue
		}
		out = append(out, match(RuleSecret, val.s, val.e, detectors.ContextJSON))
		from = val.e
	}
}
