package scanners

import "github.com/redactd/redactd/detectors"

// Entropy bounds, in bits per byte. Random base64 of length n has an
// entropy close to min(log2(n), 6); random hex close to 4.
const (
	minB64Len      = 20
	minHexLen      = 32
	maxEntropyLen  = 512
	minB64Entropy  = 3.9 // for 20..31 bytes
	minB64Entropy2 = 4.3 // for 32 bytes and more
	minHexEntropy  = 3.3
)

// highEntropy reports whether v is a base64, base64url or hex token long and
// random enough to be key material. UUIDs, base64 that decodes to text, and
// mixed or unknown alphabets are not.
func highEntropy(v []byte) bool {
	n := len(v)
	if n < minB64Len || n > maxEntropyLen {
		return false
	}
	std, url, hex := true, true, true
	var lower, upper, digit int
	pad := 0
	for k, c := range v {
		cl := class[c]
		if cl&cB64 == 0 {
			return false
		}
		if pad > 0 && c != '=' {
			return false // '=' only at the end
		}
		switch {
		case cl&cLower != 0:
			lower++
		case cl&cUpper != 0:
			upper++
		case cl&cDigit != 0:
			digit++
		case c == '+' || c == '/':
			url = false
		case c == '-' || c == '_':
			std = false
		case c == '=':
			if k < n-2 {
				return false
			}
			pad++
		}
		if cl&cHex == 0 {
			hex = false
		}
	}
	if !std && !url {
		return false
	}
	if hex {
		// 40 and 64 hex digits are git SHAs, SHA-256 digests and container
		// ids far more often than keys
		if n < minHexLen || n == 40 || n == 64 || digit == 0 || lower+upper == 0 || lower > 0 && upper > 0 {
			return false
		}
		return detectors.ShannonEntropy(v) >= minHexEntropy
	}
	if lower == 0 || upper == 0 || digit == 0 {
		return false
	}
	if isUUID(v) {
		return false
	}
	min := minB64Entropy
	if n >= 32 {
		min = minB64Entropy2
	}
	if detectors.ShannonEntropy(v) < min {
		return false
	}
	return !printableBase64(v)
}
