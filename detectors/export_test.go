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

// DisableLead makes e start every regex window MaxLen bytes before a keyword
// hit, as if no rule's lead width were known; for differential tests.
func DisableLead(e *Engine) {
	for _, r := range e.rules {
		r.lead, r.trail = -1, -1
	}
}

// LeadWidths returns how many of e's rules have a known lead width.
func LeadWidths(e *Engine) (known, total int) {
	for _, r := range e.rules {
		if r.lead >= 0 {
			known++
		}
	}
	return known, len(e.rules)
}
