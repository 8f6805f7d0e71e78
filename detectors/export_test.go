package detectors

// PrefilterFor exposes the keyword prefilter to the external tests: it returns
// a function that counts the keyword occurrences in a line, without
// allocating.
func PrefilterFor(keywords []string) (func(line []byte) int, error) {
	p, err := newPrefilter(keywords, seqInt32(len(keywords)))
	if err != nil {
		return nil, err
	}
	return func(line []byte) int {
		var buf [32]pfHit
		return len(p.scan(line, buf[:0]))
	}, nil
}
