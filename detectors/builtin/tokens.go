package builtin

import (
	"bytes"
	"encoding/base64"
	"encoding/json"

	"github.com/redactd/redactd/detectors"
)

// tokenRules covers structured token formats that are not tied to one
// provider.
var tokenRules = []detectors.Rule{
	{
		// header.payload.signature, each base64url; header and payload are
		// JSON objects, so both start with "eyJ" ('{"'). A JWT in a log line
		// is almost always a bearer credential (access, ID or session
		// token) that works until it expires.
		ID:          "jwt",
		Description: "JSON Web Token (signed JWS: header.payload.signature)",
		Severity:    detectors.SeverityHigh,
		// ".eyJ" starts every payload (a JSON object): rarer on ordinary
		// lines than "eyJ", which base64 cursors and blobs also start with.
		Keywords:    []string{".eyJ"},
		Regex:       `\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})` + bEndDash,
		SecretGroup: 1,
		MaxLen:      11500,
		Validate:    validJWT,
		Remediation: "Revoke the session or refresh token that minted it at the issuer; if the signing key leaked with it, rotate the key. The token stays valid until it expires.",
	},
	{
		// PASETO: version.purpose.payload[.footer]. Both local (encrypted)
		// and public (signed) tokens are bearer credentials.
		ID:          "paseto-token",
		Description: "PASETO token (v1-v4 local or public)",
		Severity:    detectors.SeverityHigh,
		Keywords: []string{"v1.local.", "v2.local.", "v3.local.", "v4.local.",
			"v1.public.", "v2.public.", "v3.public.", "v4.public."},
		Regex:       `\b(v[1-4]\.(?:local|public)\.[A-Za-z0-9_-]{40,1000}(?:\.[A-Za-z0-9_-]{1,200})?)` + bEndDash,
		SecretGroup: 1,
		MaxLen:      1215,
		Entropy:     4.0,
		Remediation: "Revoke the session that issued the token at the issuer (PASETO tokens are valid until they expire); rotate the key if it leaked too.",
	},
}

// validJWT reports whether tok's header decodes to a JSON object with a
// string "alg" member and its payload is valid base64url.
func validJWT(tok []byte) bool {
	dot := bytes.IndexByte(tok, '.')
	if dot < 0 {
		return false
	}
	hdr, err := base64.RawURLEncoding.DecodeString(string(bTrimPad(tok[:dot])))
	if err != nil {
		return false
	}
	var h struct {
		Alg *string `json:"alg"`
	}
	if json.Unmarshal(hdr, &h) != nil || h.Alg == nil || *h.Alg == "" {
		return false
	}
	rest := tok[dot+1:]
	dot = bytes.IndexByte(rest, '.')
	if dot < 0 {
		return false
	}
	n := base64.RawURLEncoding.DecodedLen(len(bTrimPad(rest[:dot])))
	buf := make([]byte, n)
	_, err = base64.RawURLEncoding.Decode(buf, bTrimPad(rest[:dot]))
	return err == nil && json.Valid(buf)
}

// validMapboxToken reports whether the middle part of an sk. token decodes
// to a JSON object naming a user ("u").
func validMapboxToken(tok []byte) bool {
	body := tok[len("sk."):]
	dot := bytes.IndexByte(body, '.')
	if dot < 0 {
		return false
	}
	js, err := base64.RawURLEncoding.DecodeString(string(bTrimPad(body[:dot])))
	if err != nil {
		return false
	}
	var m struct {
		U *string `json:"u"`
	}
	return json.Unmarshal(js, &m) == nil && m.U != nil && *m.U != ""
}

// validTwitterBearer reports whether the part of an app-only bearer token
// after its run of 'A's looks like URL-encoded base64: a %XX escape and
// upper case, lower case and digits, which base64 padding of zero bytes in
// data URIs and binary dumps does not have.
func validTwitterBearer(tok []byte) bool {
	i := 0
	for i < len(tok) && tok[i] == 'A' {
		i++
	}
	rest := tok[i:]
	if len(rest) < 30 {
		return false
	}
	var upper, lower, digit, esc bool
	for j, c := range rest {
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= '0' && c <= '9':
			digit = true
		case c == '%' && j+2 < len(rest) && bIsHex(rest[j+1]) && bIsHex(rest[j+2]):
			esc = true
		}
	}
	return upper && lower && digit && esc
}

// validIntercomToken reports whether tok is standard base64 of "tok:" and a
// printable token body.
func validIntercomToken(tok []byte) bool {
	raw, err := base64.StdEncoding.DecodeString(string(tok))
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(string(bTrimPad(tok)))
	}
	if err != nil || !bytes.HasPrefix(raw, []byte("tok:")) {
		return false
	}
	for _, c := range raw {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

func bIsHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
