package scanners

import (
	"math"
	"testing"

	"github.com/redactd/redactd/detectors"
)

func TestEntropyMatchesDetectors(t *testing.T) {
	for _, s := range []string{"a", "ab", "aaaa", "0123456789abcdef", "+0dJ5Ruoz+AZkZPqcJQ++hriusR5WfuC83B2Att0jms=", "9b32a066b0c98f41cff0638e45f734a6"} {
		if got, want := entropy([]byte(s)), detectors.ShannonEntropy([]byte(s)); math.Abs(got-want) > 1e-9 {
			t.Errorf("entropy(%q) = %g; want %g", s, got, want)
		}
	}
}
