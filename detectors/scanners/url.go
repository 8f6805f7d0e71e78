package scanners

import (
	"bytes"

	"github.com/redactd/redactd/detectors"
)

// scanURL handles "://" at i: it reports the password of scheme://user:pass@
// (any scheme), or a token-shaped user of scheme://token@. The user and host
// stay readable. It returns out and the index after the authority, from where
// the main loop goes on to the path and the query.
func scanURL(line []byte, i int, out []detectors.Match) ([]detectors.Match, int) {
	n := len(line)
	as := i + 3
	if i == 0 || !isLetter(line[i-1]) && !isDigit(line[i-1]) {
		return out, as
	}
	ae := as
	at, semi := -1, -1
	for ae < n {
		c := line[ae]
		if c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '\\' || c == '<' ||
			c == '>' || c == '`' || c == '|' || class[c]&cSpace != 0 {
			break
		}
		if c == '@' {
			at = ae
		}
		if c == ';' && semi < 0 {
			semi = ae
		}
		ae++
	}
	if at < 0 && ae < n && (line[ae] == '?' || line[ae] == '#') {
		// an unencoded '?' or '#' in the password:
		// amqps://user:iV?mf#oV^s@host:5671/ (not a port: host:8080?x=a@b)
		if c := bytes.IndexByte(line[as:ae], ':'); c >= 0 && !allDigits(line[as+c+1:ae]) && bytes.IndexByte(line[as:as+c], '.') < 0 {
			k := ae
			for k < n && line[k] != '/' && line[k] != '"' && line[k] != '\'' && line[k] != '\\' && line[k] != '&' && line[k] != '=' && class[line[k]]&cSpace == 0 {
				if line[k] == '@' {
					at = k
				}
				k++
			}
			if at >= 0 {
				ae = k
			}
		}
	}
	if at < 0 {
		if semi >= 0 {
			// jdbc:sqlserver://host:1433;user=app;password=...: the
			// main loop reads ;key=value parameters as assignments
			return out, semi
		}
		return out, ae
	}
	colon := -1
	for k := as; k < at; k++ {
		if line[k] == ':' {
			colon = k
			break
		}
	}
	var s, e int
	if colon < 0 {
		// https://<token>@github.com/...: a token as the user
		if !tokenShaped(line[as:at], 20) || hasByte(line[as:at], '.') {
			return out, ae
		}
		s, e = as, at
	} else {
		s, e = colon+1, at
		pw := line[s:e]
		if len(pw) == 0 || isPlaceholder(pw) && !urlPasswordLike(pw) {
			return out, ae
		}
	}
	return append(out, detectors.Match{RuleID: RuleURLPassword, Start: s, End: e,
		Context: detectors.ContextURLUserinfo, Severity: severityOf(RuleURLPassword)}), ae
}

// urlPasswordLike rescues passwords that isPlaceholder rejects only for
// having no letters ("s3cr3t" passes anyway; "20190401!" does not), except
// masks.
func urlPasswordLike(pw []byte) bool {
	st := statsOf(pw)
	return !st.same && st.digit >= 4 && len(pw) >= 6 && !hasByte(pw, '*') && pw[0] != '$' && pw[0] != '{' && pw[0] != '<' && pw[0] != '%'
}
