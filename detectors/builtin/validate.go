package builtin

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"hash/crc32"
	"strings"
)

// base62Digits is the digit order GitHub and npm use for the CRC32 suffix of
// their tokens: 0-9, then A-Z, then a-z.
const base62Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// crc32Base62 writes the CRC32 (IEEE) of body as six base62 digits, most
// significant first and zero-padded, into dst.
func crc32Base62(dst *[6]byte, body []byte) {
	n := crc32.ChecksumIEEE(body)
	for i := 5; i >= 0; i-- {
		dst[i] = base62Digits[n%62]
		n /= 62
	}
}

// validCRC32Base62 reports whether secret is prefixLen bytes of public prefix,
// then 30 characters of entropy, then the six-digit base62 CRC32 of that
// entropy: the layout of GitHub's ghp_/gho_/ghu_/ghs_/ghr_ tokens and of npm's
// npm_ tokens. It does not allocate and does not retain secret.
func validCRC32Base62(prefixLen int) func(secret []byte) bool {
	return func(secret []byte) bool {
		if len(secret) != prefixLen+36 {
			return false
		}
		body := secret[prefixLen:]
		var sum [6]byte
		crc32Base62(&sum, body[:30])
		return string(sum[:]) == string(body[30:])
	}
}

// validAzureDevOpsPAT reports whether secret has the layout of an
// identifiable Azure DevOps personal access token: 84 characters carrying
// the signature "AZDO" at offsets 76 to 79.
func validAzureDevOpsPAT(secret []byte) bool {
	return len(secret) == 84 && string(secret[76:80]) == "AZDO"
}

// validSentryOrgToken reports whether secret, a candidate sntrys_ token, has
// the structure of a Sentry organization auth token: after the prefix, the
// base64 of a JSON object starting with "iat", then '_' and the secret part.
// It does not retain secret.
func validSentryOrgToken(secret []byte) bool {
	const prefix = "sntrys_"
	if !bytes.HasPrefix(secret, []byte(prefix)) {
		return false
	}
	body := secret[len(prefix):]
	i := bytes.IndexByte(body, '_') // the payload is standard base64, without '_'
	if i <= 0 {
		return false
	}
	payload := bytes.TrimRight(body[:i], "=")
	dec := make([]byte, base64.RawStdEncoding.DecodedLen(len(payload)))
	n, err := base64.RawStdEncoding.Decode(dec, payload)
	if err != nil {
		return false
	}
	dec = dec[:n]
	return bytes.HasPrefix(dec, []byte(`{"iat":`)) && json.Valid(dec)
}

// validElasticEnrollment reports whether secret is base64 of a JSON object
// that starts with "ver" and holds an API key ("key":"<id>:<key>"), the
// layout of an Elasticsearch enrollment token.
func validElasticEnrollment(secret []byte) bool {
	body := bytes.TrimRight(secret, "=")
	dec := make([]byte, base64.RawStdEncoding.DecodedLen(len(body)))
	n, err := base64.RawStdEncoding.Decode(dec, body)
	if err != nil {
		return false
	}
	dec = dec[:n]
	var tok struct {
		Ver string `json:"ver"`
		Key string `json:"key"`
	}
	if !bytes.HasPrefix(dec, []byte(`{"ver":`)) || json.Unmarshal(dec, &tok) != nil {
		return false
	}
	i := strings.IndexByte(tok.Key, ':')
	return tok.Ver != "" && i > 0 && len(tok.Key)-i > 16
}

// validBasicCredentials reports whether secret is base64 (standard
// alphabet, padding optional) of printable "user:password" text.
func validBasicCredentials(secret []byte) bool {
	var buf [258]byte
	s := bytes.TrimRight(secret, "=")
	n, err := base64.RawStdEncoding.Decode(buf[:], s)
	if err != nil || n < 3 {
		return false
	}
	d := buf[:n]
	colon := bytes.IndexByte(d, ':')
	if colon < 1 || colon == n-1 {
		return false
	}
	for _, c := range d {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}
