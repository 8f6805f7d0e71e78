package scanners

import "math"

// clog2[c] is c*log2(c), for the entropy of strings up to maxEntropyLen.
var clog2 [maxEntropyLen + 1]float64

func init() {
	for c := 1; c <= maxEntropyLen; c++ {
		clog2[c] = float64(c) * math.Log2(float64(c))
	}
}

// entropy returns the Shannon entropy of v in bits per byte, for
// len(v) <= maxEntropyLen: log2(n) - sum(c*log2(c))/n over the byte counts c.
// It equals detectors.ShannonEntropy without its per-symbol logarithms.
func entropy(v []byte) float64 {
	var counts [256]uint16
	for _, c := range v {
		counts[c]++
	}
	s := 0.0
	for _, c := range counts {
		s += clog2[c]
	}
	n := float64(len(v))
	return math.Log2(n) - s/n
}

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
	if n < minB64Len || n > maxEntropyLen || isUUID(v) || publicID(v) {
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
		return entropy(v) >= minHexEntropy
	}
	if lower == 0 || upper == 0 || digit == 0 || capitalWords(v) {
		return false
	}
	min := minB64Entropy
	if n >= 32 {
		min = minB64Entropy2
	}
	if entropy(v) < min {
		return false
	}
	return !printableBase64(v)
}

// capitalWords reports whether most of v is capitalized words of four
// letters or more ("IndexBuildsCoordinatorMongod-0", "ReplNetworkPool2"): a
// name, not key material, which rarely has four-letter Xxxx runs.
func capitalWords(v []byte) bool {
	inWords := 0
	for i := 0; i < len(v); {
		if class[v[i]]&cUpper == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(v) && class[v[j]]&cLower != 0 {
			j++
		}
		if j-i >= 4 {
			inWords += j - i
		}
		i = j
	}
	return inWords*10 >= len(v)*7
}

// publicIDPrefixes start ids and keys that providers document as public:
// Stripe object ids and publishable keys, PostHog project keys, Google
// reCAPTCHA site keys, Mapbox public tokens. Under a neutral name their
// randomness does not make them secrets.
var publicIDPrefixes = []string{
	"pi_", "ch_", "cus_", "pm_", "sub_", "in_", "prod_", "price_", "evt_", "txn_", "acct_", "req_",
	"seti_", "src_", "tok_", "card_", "ba_", "re_", "po_", "tr_", "si_", "il_", "ii_", "cs_live_", "cs_test_",
	"pk_live_", "pk_test_", "phc_", "pk.ey", "org-",
}

func publicID(v []byte) bool {
	for _, p := range publicIDPrefixes {
		if len(v) > len(p) && string(v[:len(p)]) == p {
			return true
		}
	}
	return false
}
