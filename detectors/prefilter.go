package detectors

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// prefilter finds every occurrence of a fixed set of keywords in a line,
// ASCII case-insensitively, in one pass, without copying the line or
// allocating. It is immutable after newPrefilter and safe for concurrent use.
//
// Why hand-written and not an Aho-Corasick library: of the libraries in
// go.mod only petar-dambovaliev/aho-corasick folds ASCII case without a
// lowercase copy of the line (and it allocates per match), and every
// automaton walks one state per byte, a chain of dependent table loads. Here
// each position of the line is tested on its own (no dependency between
// positions, so the CPU overlaps them): the four bytes at the position,
// case-folded approximately by OR-ing 0x20 into each byte, are hashed into a
// 2^20-bit set (128 KiB, stage one) holding the first four bytes of every
// keyword of four or more bytes, and every keyword of three bytes followed
// by each possible (folded) byte. Four positions are tested per 8-byte load
// with one branch. Only a position whose gram is in the set (about 1.4% of
// positions on generated logs with the 570 keywords of the catalogue and
// the scanners, most of them real prefixes: "post" of "postmark", "requ"
// of "requirepass") is verified exactly: the gram is looked up in a small
// open-addressing table of the keywords that start with it, and each is
// compared byte by byte with exact ASCII case folding.
//
// Stage one used to hash only three bytes when some keyword had three; with
// the catalogue's 39 three-byte keywords ("pat", "sk_", "AC1") the 3-byte
// prefixes of longer keywords ("con" of "confluence", "req", "ser") then
// flagged 17% of all words, and the prefilter ran at 530 MB per CPU-second;
// 4-byte grams flag 5.4% and run at 580 (zz benchmarks of the commit that
// made the change). The 16-bit table it had before held too many colliding
// grams once each 3-byte keyword took 128.
// The OR-0x20 fold maps more than letters ('@' and '`', '_' and DEL, ...), but
// it maps both cases of a letter to one value, so it only adds candidates and
// never loses a hit. prefilter_bench_test.go compares this scan with the
// libraries and with a case-folding DFA; the numbers are in
// testdata/prefilter-bench.txt.
//
// Keywords of two bytes (Entra ID's "Q~") add a third test per position, on
// the two folded bytes directly (a 65,536-bit set, no hash). Keywords of one
// byte are supported but switch every line to a slower loop; catalogue
// keywords should be longer.
type prefilter struct {
	s1       [1 << (pfBits - 6)]uint64 // stage one: pfHash1 of every folded 4-gram a keyword of 3+ bytes may start
	set3     [1 << 10]uint64           // hashed folded keywords of exactly 3 bytes
	set2     [1 << 10]uint64           // folded 2-grams, indexed directly (16 bits)
	set1     [4]uint64                 // folded single bytes
	has4     bool                      // some keyword has 4 or more bytes
	has3     bool                      // some keyword has exactly 3 bytes
	has2     bool                      // some keyword has exactly 2 bytes
	last2    []uint64                  // the distinct folded last bytes of 2-byte keywords, repeated in all 8 bytes
	has1     bool                      // some keyword has 1 byte: use scanShort
	slots    []pfSlot                  // open addressing on the folded gram; len is a power of 2
	kws      [][]byte                  // lowercase keywords, grouped by gram (slots index this)
	offs     []int32                   // offs[i]: where in kws[i] its stage-one gram starts (see window)
	sorted   bool                      // every offs is 0: hits come out in start order
	head     []uint64                  // head[i]: the first 8 bytes of kws[i] OR 0x20 each, little-endian
	headMask []uint64                  // headMask[i]: 0xff for each of those bytes kws[i] has
	ids      []int32                   // ids[i] is the caller's id of kws[i]
}

// pfSlot lists the keywords kws[lo:hi] whose first min(4, len) bytes fold to
// gram. The fold never yields a 0 byte, so grams of different lengths never
// collide. hi == 0 marks an empty slot.
type pfSlot struct {
	gram   uint32
	lo, hi int32
}

// pfHit is one keyword occurrence: keyword id and its byte span in the line.
type pfHit struct {
	id         int32
	start, end int32
}

const (
	pfMul  = 0x9E3779B1 // Fibonacci hashing: the top bits of gram*pfMul
	pfBits = 20         // stage one is a 2^20-bit (128 KiB) set
)

func pfHash(g uint32) uint32 { return (g * pfMul) >> 16 }

// pfHash1 is the stage-one hash of a folded 4-gram: the low pfBits bits of
// g ^ g>>9 ^ g>>10. Its bits come from the gram's own 32 bits only (19+10 <
// 32), so pfWordHash computes it for four positions at once with three
// operations on the whole 8-byte word, where a multiplicative hash takes a
// multiply and a shift per position; and it spreads the grams of log text
// at least as well (4.3-5.5% of words flagged on three sets of logs against
// 5.1-5.8% for Fibonacci hashing; of 66 shift pairs, 9/10 did best).
func pfHash1(g uint32) uint32 { return (g ^ g>>9 ^ g>>10) & (1<<pfBits - 1) }

// pfWordHash returns a word whose bits 8k..8k+pfBits-1 are pfHash1 of the
// 4-byte gram at byte k of w, for k = 0..3.
func pfWordHash(w uint64) uint64 { return w ^ w>>9 ^ w>>10 }

// foldGram returns the approximate fold of the first n bytes of b (fewer if b
// is shorter) as a little-endian word.
func foldGram(b []byte, n int) uint32 {
	var g uint32
	for i := 0; i < n && i < len(b); i++ {
		g |= uint32(b[i]|0x20) << (8 * i)
	}
	return g
}

func setBit(s []uint64, h uint32) { s[h>>6] |= 1 << (h & 63) }

// newPrefilter builds a prefilter over keywords; ids[i] names keywords[i] in
// hits. Keywords must be non-empty; they are lowercased (ASCII) here, and
// duplicates are kept (each reports its own id).
func newPrefilter(keywords []string, ids []int32) (*prefilter, error) {
	p := &prefilter{}
	type kw struct {
		b   []byte
		id  int32
		g   uint32 // the folded gram stage one and the slots know the keyword by
		off int32  // where g starts in b
	}
	ks := make([]kw, 0, len(keywords))
	for i, k := range keywords {
		if k == "" {
			return nil, fmt.Errorf("empty keyword")
		}
		b := []byte(asciiLower(k))
		off := window(b)
		g := foldGram(b[off:], 4)
		switch n := len(b); {
		case n >= 4:
			p.has4 = true
			setBit(p.s1[:], pfHash1(g))
		case n == 3:
			p.has3 = true
			setBit(p.set3[:], pfHash(g))
			// Stage one tests 4-byte grams: the keyword followed by each
			// folded byte (128 grams), so that a 3-byte keyword ("pat",
			// "sk_", "AC1") does not cut stage one down to 3-byte grams,
			// where the prefixes of longer keywords ("con" of
			// "confluence") flag a third of all words.
			for c := 0; c < 256; c++ {
				setBit(p.s1[:], pfHash1(g|uint32(byte(c)|0x20)<<24))
			}
		case n == 2:
			p.has2 = true
			setBit(p.set2[:], g)
			if rep := uint64(g>>8) * 0x0101010101010101; !slices.Contains(p.last2, rep) {
				p.last2 = append(p.last2, rep)
			}
		default:
			p.has1 = true
			setBit(p.set1[:], g)
		}
		ks = append(ks, kw{b: b, id: ids[i], g: g, off: int32(off)})
	}
	slices.SortStableFunc(ks, func(a, b kw) int {
		switch {
		case a.g < b.g:
			return -1
		case a.g > b.g:
			return 1
		}
		return 0
	})
	nslots := 1
	for nslots < 4*len(ks) {
		nslots *= 2
	}
	p.slots = make([]pfSlot, nslots)
	for i := 0; i < len(ks); {
		j := i
		for j < len(ks) && ks[j].g == ks[i].g {
			p.kws = append(p.kws, ks[j].b)
			p.offs = append(p.offs, ks[j].off)
			var h, hm uint64
			for c, b := range ks[j].b[:min(8, len(ks[j].b))] {
				h |= uint64(b|0x20) << (8 * c)
				hm |= 0xff << (8 * c)
			}
			p.head = append(p.head, h)
			p.headMask = append(p.headMask, hm)
			p.ids = append(p.ids, ks[j].id)
			j++
		}
		s := pfHash(ks[i].g) & uint32(nslots-1)
		for p.slots[s].hi != 0 {
			s = (s + 1) & uint32(nslots-1)
		}
		p.slots[s] = pfSlot{gram: ks[i].g, lo: int32(i), hi: int32(j)}
		i = j
	}
	p.sorted = !slices.ContainsFunc(p.offs, func(o int32) bool { return o != 0 })
	return p, nil
}

// commonPairs are the 50 most frequent letter pairs of English text (Peter
// Norvig's counts over Google Books), most of which are as frequent in the
// words of log lines.
const commonPairs = "th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng " +
	"se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur"

var isCommonPair = func() (t [1 << 16]bool) {
	for i := 0; i+1 < len(commonPairs); i += 3 {
		t[uint16(commonPairs[i])|uint16(commonPairs[i+1])<<8] = true
	}
	return t
}()

// window returns where in the lowercase keyword kw the 4 bytes that stage
// one knows it by start: for a keyword of 5 or more bytes the window of 4
// that looks least like ordinary text, so that keywords whose first bytes
// start common words ("post" of posthog, "page" of pagerduty, "cons" of
// consul, "requ" of requirepass) do not stop the scan at every such word.
// A window costs one for each of its letters among the 12 most frequent in
// English, one for each common letter pair and four for a space; the
// cheapest wins, the last one on a tie (the first bytes of a compound name
// are the likeliest to start other words). Shorter keywords start at 0.
func window(kw []byte) int {
	best, bestCost := 0, 1<<30
	for o := 0; o+4 <= len(kw); o++ {
		cost := 0
		for k := o; k < o+4; k++ {
			switch c := kw[k]; {
			case c == ' ':
				cost += 4 // "set " of "set password": spaces are everywhere
			case strings.IndexByte(commonLetters, c) >= 0:
				cost++
			}
			if k < o+3 && isCommonPair[uint16(kw[k])|uint16(kw[k+1])<<8] {
				cost++
			}
		}
		if cost <= bestCost {
			best, bestCost = o, cost
		}
	}
	return best
}

// commonLetters are the 12 most frequent letters of English text.
const commonLetters = "etaoinshrdlu"

func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// scan appends every keyword occurrence in line to hits, in order of start
// position, and returns the extended slice. It does not retain line and
// allocates only when hits must grow.
func (p *prefilter) scan(line []byte, hits []pfHit) []pfHit {
	from := len(hits)
	hits = p.scanUntil(line, hits, false)
	if !p.sorted {
		sortHits(hits, from)
	}
	return hits
}

// scanUntil is scan; with firstOnly it returns as soon as hits is not
// empty, after the 4-byte word holding the first occurrence.
func (p *prefilter) scanUntil(line []byte, hits []pfHit, firstOnly bool) []pfHit {
	if len(p.kws) == 0 {
		return hits
	}
	if p.has1 {
		return p.scanShort(line, 0, hits)
	}
	n := len(line)
	i := 0
	// Four positions per 8-byte load: position i+k uses bytes i+k..i+k+3,
	// inside the word for k <= 3. Stage one tests the 4-byte gram at each
	// position; verifyWord then finds the positions and verifies whole
	// keywords.
	if !p.has2 || len(p.last2) == 1 {
		for {
			var w uint64
			var m uint8
			if i, w, m = p.nextWord(line, i); i < 0 {
				return hits
			}
			hits = p.verifyWord(line, i, w, m, hits)
			if i += 4; i >= n || firstOnly && len(hits) > 0 {
				return hits
			}
		}
	}
	s1 := &p.s1
	for ; i+8 <= n; i += 4 {
		w := binary.LittleEndian.Uint64(line[i:i+8]) | 0x2020202020202020
		x := pfWordHash(w)
		h0, h1, h2, h3 := uint32(x)&(1<<pfBits-1), uint32(x>>8)&(1<<pfBits-1), uint32(x>>16)&(1<<pfBits-1), uint32(x>>24)&(1<<pfBits-1)
		if (s1[h0>>6]>>(h0&63)|s1[h1>>6]>>(h1&63)|s1[h2>>6]>>(h2&63)|s1[h3>>6]>>(h3&63))&1 != 0 || p.mask2(w) != 0 {
			hits = p.verifyWord(line, i, w, 0xf, hits)
		}
	}
	// The last positions: the same test on the line's last 8 bytes shifted
	// down, so that zero bytes (folded to spaces) pad the end; verify
	// checks the real line, so padding can only add candidates. Lines
	// shorter than 8 bytes use a padded copy.
	for ; i < n; i += 4 {
		w := tailWord(line, i)
		hits = p.verifyWord(line, i, w, 1<<min(4, n-i)-1, hits)
	}
	return hits
}

// tailWord returns the folded 8 bytes from line[i:], padded with zero bytes
// (folded to spaces) past the end of line.
func tailWord(line []byte, i int) uint64 {
	n := len(line)
	var w uint64
	if n >= 8 {
		w = binary.LittleEndian.Uint64(line[n-8:]) >> (8 * uint(i-(n-8)))
	} else {
		var buf [8]byte
		copy(buf[:], line[i:])
		w = binary.LittleEndian.Uint64(buf[:])
	}
	return w | 0x2020202020202020
}

// nextWord is the hot loop of scan, kept free of calls so that its state
// stays in registers. From position i on, in steps of 4, it returns the
// first position whose folded word w has a stage-one candidate at one of
// its four positions, with bit k of m set for a candidate at position +k,
// or -1 when there is none. Two-byte keywords are handled only when they
// share one last byte (p.last2[0]): a SWAR test for that byte in bytes 1..4
// flags all four positions. The last 1..7 positions are padded with spaces
// (verify checks the real line, so padding only adds candidates).
func (p *prefilter) nextWord(line []byte, i int) (int, uint64, uint8) {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	var rep uint64 // 0 never matches a folded byte, which is >= 0x20
	if len(p.last2) == 1 {
		rep = p.last2[0]
	}
	s1 := &p.s1
	b := line[i:]
	for ; len(b) >= 8; b = b[4:] {
		w := binary.LittleEndian.Uint64(b) | 0x2020202020202020
		x := pfWordHash(w)
		h0, h1, h2, h3 := uint32(x)&(1<<pfBits-1), uint32(x>>8)&(1<<pfBits-1), uint32(x>>16)&(1<<pfBits-1), uint32(x>>24)&(1<<pfBits-1)
		x0, x1, x2, x3 := s1[h0>>6]>>(h0&63), s1[h1>>6]>>(h1&63), s1[h2>>6]>>(h2&63), s1[h3>>6]>>(h3&63)
		if (x0|x1|x2|x3)&1 != 0 {
			return len(line) - len(b), w, uint8(x0&1 | x1&1<<1 | x2&1<<2 | x3&1<<3)
		}
		if v := w ^ rep; rep != 0 && (v-lo)&^v&hi&0x000000ffffffff00 != 0 {
			return len(line) - len(b), w, 0xf
		}
	}
	for len(b) > 0 {
		w := tailWord(line, len(line)-len(b))
		var m uint8
		for k := range min(4, len(b)) {
			h := pfHash1(uint32(w >> (8 * k)))
			m |= uint8(s1[h>>6]>>(h&63)&1) << k
		}
		if v := w ^ rep; (v-lo)&^v&hi&0x000000ffffffff00 != 0 {
			m = 1<<min(4, len(b)) - 1
		}
		if m != 0 {
			return len(line) - len(b), w, m
		}
		b = b[min(4, len(b)):]
	}
	return -1, 0, 0
}

// mask2 returns bit k set when a 2-byte keyword may start at position k
// (0..3) of the folded word w: when byte k+1 is one of the keywords' last
// bytes (a SWAR test, for up to 4 distinct last bytes such as the '~' of
// "Q~"). With more distinct last bytes every position is flagged, and
// verifyWord tests the 2-gram set.
func (p *prefilter) mask2(w uint64) uint8 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	if len(p.last2) > 4 {
		return 0xf
	}
	var z uint64
	for _, rep := range p.last2 {
		v := w ^ rep
		z |= (v - lo) &^ v & hi // the high bit of each zero byte of v, and maybe of bytes above one
	}
	return uint8(z>>15&1 | z>>22&2 | z>>29&4 | z>>36&8)
}

// verifyWord verifies the positions i+k (k = 0..3, bit k of m set, and
// i+k inside line) whose folded bytes start at byte k of w: the stage-one
// set, the 3-byte and 2-byte sets, then the keywords themselves.
func (p *prefilter) verifyWord(line []byte, i int, w uint64, m uint8, hits []pfHit) []pfHit {
	if rest := len(line) - i; rest < 4 {
		m &= 1<<rest - 1
	}
	for ; m != 0; m &= m - 1 {
		k := bits.TrailingZeros8(m)
		g := uint32(w >> (8 * k))
		if h := pfHash1(g); p.s1[h>>6]>>(h&63)&1 != 0 {
			if p.has4 {
				hits = p.verify(line, i+k, g, hits)
			}
			if h := pfHash(g & 0xffffff); p.has3 && p.set3[h>>6&1023]>>(h&63)&1 != 0 {
				hits = p.verify(line, i+k, g&0xffffff, hits)
			}
		}
		if h := g & 0xffff; p.has2 && p.set2[h>>6]>>(h&63)&1 != 0 {
			hits = p.verify(line, i+k, h, hits)
		}
	}
	return hits
}

// scanShort tests every gram length at every position from i on: the loop
// for keyword sets with 1-byte keywords.
func (p *prefilter) scanShort(line []byte, i int, hits []pfHit) []pfHit {
	for ; i < len(line); i++ {
		g := foldGram(line[i:], 4)
		rest := len(line) - i
		if h := pfHash1(g); rest >= 4 && p.s1[h>>6]>>(h&63)&1 != 0 {
			hits = p.verify(line, i, g, hits)
		}
		if h := pfHash(g & 0xffffff); p.has3 && rest >= 3 && p.set3[h>>6&1023]>>(h&63)&1 != 0 {
			hits = p.verify(line, i, g&0xffffff, hits)
		}
		if h := g & 0xffff; rest >= 2 && p.set2[h>>6&1023]>>(h&63)&1 != 0 {
			hits = p.verify(line, i, h, hits)
		}
		if h := g & 0xff; p.set1[h>>6&3]>>(h&63)&1 != 0 {
			hits = p.verify(line, i, h, hits)
		}
	}
	return hits
}

// verify appends the keywords whose stage-one gram folds to g and that
// occur in line with that gram at line[i:].
func (p *prefilter) verify(line []byte, i int, g uint32, hits []pfHit) []pfHit {
	mask := uint32(len(p.slots) - 1)
	for s := pfHash(g) & mask; p.slots[s].hi != 0; s = (s + 1) & mask {
		sl := p.slots[s]
		if sl.gram != g {
			continue
		}
		for j := sl.lo; j < sl.hi; j++ {
			st := i - int(p.offs[j])
			if st < 0 {
				continue
			}
			// Most candidates are real 4-byte windows of keywords in
			// ordinary words: the approximate fold of up to 8 bytes
			// rejects them at once.
			if len(line)-st >= 8 && ((binary.LittleEndian.Uint64(line[st:])|0x2020202020202020)^p.head[j])&p.headMask[j] != 0 {
				continue
			}
			if k := p.kws[j]; hasPrefixFold(line[st:], k) {
				hits = append(hits, pfHit{id: p.ids[j], start: int32(st), end: int32(st + len(k))})
			}
		}
		break
	}
	return hits
}

// sortHits puts hits[from:] in order of start position (and hits of one
// start in the order they were found): keywords known by a window after
// their first bytes are found late. An insertion sort, as hits are few and
// almost in order.
func sortHits(hits []pfHit, from int) {
	for i := from + 1; i < len(hits); i++ {
		for j := i; j > from && hits[j].start < hits[j-1].start; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
}

// hasPrefixFold reports whether s starts with the lowercase ASCII prefix
// lower, ignoring ASCII case in s.
func hasPrefixFold(s, lower []byte) bool {
	if len(s) < len(lower) {
		return false
	}
	for j, c := range lower {
		b := s[j]
		if b-'A' < 26 {
			b += 'a' - 'A'
		}
		if b != c {
			return false
		}
	}
	return true
}

// contains reports whether any keyword occurs in line. It does not allocate
// unless line holds more than 8 occurrences.
func (p *prefilter) contains(line []byte) bool {
	var buf [8]pfHit
	return len(p.scanUntil(line, buf[:0], true)) > 0
}
