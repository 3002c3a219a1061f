package dataset

// Suggestions ("did you mean ...?") are worked out only for the problems
// that are printed (MaxProblems), each with an index of the ids by their
// two-letter pieces, so that a file of a million unknown ids, or ids
// checked against 200,000 units, is reported in well under a second.

// hint is a problem's suggestion still to be worked out: the id as
// written, the ids it may be a typo of, and the message with one.
type hint struct {
	query string
	ids   *suggester
	msg   func(suggestion string) string
}

// addHinted adds a problem whose message plain is kept when no id is close
// to query; otherwise, if the problem is printed, msg(the closest id).
func (ps *Problems) addHinted(pos Pos, plain string, query string, ids *suggester, msg func(string) string) {
	*ps = append(*ps, Problem{Pos: pos, Msg: plain, hint: &hint{query: query, ids: ids, msg: msg}})
}

// resolveHints works out the suggestions of the first MaxProblems problems
// (the ones printed) and drops the rest. ps must be sorted.
func (ps Problems) resolveHints() Problems {
	for i := range ps {
		h := ps[i].hint
		ps[i].hint = nil
		if h == nil || i >= MaxProblems {
			continue
		}
		if s, ok := h.ids.nearest(h.query); ok {
			ps[i].Msg = h.msg(s)
		}
	}
	return ps
}

// suggester finds the id closest to a mistyped one. Ids are indexed by the
// distinct pairs of neighbouring letters (bigrams) each holds: an id within
// edit distance d of a query with n distinct bigrams shares at least n-2d
// of them (each edit breaks at most two), so ids are compared letter by
// letter, in a band, from those sharing the most bigrams down to those
// that could still be as close as the best found so far.
type suggester struct {
	ids   []string
	runes [][]rune
	index map[[2]rune][]int32
	memo  map[string]string // query -> suggestion ("" for none)
	count []int32           // scratch: shared bigrams per id
	rows  [2][]int          // scratch: the distance's rows
}

func newSuggester(ids []string) *suggester {
	s := &suggester{ids: ids, runes: make([][]rune, len(ids)), index: map[[2]rune][]int32{}, memo: map[string]string{}, count: make([]int32, len(ids))}
	for i, id := range ids {
		r := []rune(id)
		s.runes[i] = r
		for _, g := range bigrams(r) {
			s.index[g] = append(s.index[g], int32(i))
		}
	}
	return s
}

// bigrams returns the distinct bigrams of r.
func bigrams(r []rune) [][2]rune {
	seen := map[[2]rune]bool{}
	var out [][2]rune
	for i := 0; i+1 < len(r); i++ {
		g := [2]rune{r[i], r[i+1]}
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// nearest returns the id closest to q by edit distance, if it is close
// enough to be a likely typo (at most a third of q's letters, or 2); of
// ids equally close, the first in sort order.
func (s *suggester) nearest(q string) (string, bool) {
	if best, ok := s.memo[q]; ok {
		return best, best != ""
	}
	qr := []rune(q)
	k := max(2, len(qr)/3)
	best, bestD := "", k+1
	try := func(i int) {
		d := s.distance(qr, s.runes[i], bestD+1)
		if d < bestD || (d == bestD && d <= k && s.ids[i] < best) {
			best, bestD = s.ids[i], d
		}
	}
	grams := bigrams(qr)
	// Count the bigrams each id shares with q, and bucket the ids by it.
	buckets := make([][]int32, len(grams)+1)
	for _, g := range grams {
		for _, i := range s.index[g] {
			s.count[i]++
		}
	}
	for _, g := range grams {
		for _, i := range s.index[g] {
			if c := s.count[i]; c > 0 {
				buckets[c] = append(buckets[c], i)
				s.count[i] = -c // bucketed; -c keeps it marked as sharing some
			}
		}
	}
	for c := len(grams); c >= 1 && c >= len(grams)-2*bestD; c-- {
		for _, i := range buckets[c] {
			try(int(i))
		}
	}
	if len(grams)-2*bestD <= 0 { // ids sharing no bigram may still be close
		for i := range s.ids {
			if s.count[i] == 0 {
				try(i)
			}
		}
	}
	for _, b := range buckets {
		for _, i := range b {
			s.count[i] = 0
		}
	}
	if bestD > k {
		best = ""
	}
	s.memo[q] = best
	return best, best != ""
}

// distance is the edit distance of a and b when it is below bound, and
// bound otherwise. Only the cells within bound of the diagonal are worked
// out, and it gives up as soon as a row holds nothing below bound.
func (s *suggester) distance(a, b []rune, bound int) int {
	if d := len(a) - len(b); d >= bound || -d >= bound {
		return bound
	}
	n := len(b)
	for r := range s.rows {
		if cap(s.rows[r]) < n+1 {
			s.rows[r] = make([]int, n+1)
		}
	}
	prev, cur := s.rows[0][:n+1], s.rows[1][:n+1]
	for j := range prev {
		prev[j] = min(j, bound)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-bound), min(n, i+bound)
		cur[lo-1] = bound
		if lo == 1 {
			cur[0] = min(i, bound)
		}
		low := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost, bound)
			cur[j] = v
			low = min(low, v)
		}
		if hi < n {
			cur[hi+1] = bound
		}
		if low >= bound {
			return bound
		}
		prev, cur = cur, prev
	}
	return min(prev[n], bound)
}
