package dataset

import (
	"fmt"
	"sort"
	"strings"
)

// MaxProblems is how many problems are reported before the rest are only counted.
const MaxProblems = 50

// Problem is one thing wrong with the input, with where it is and how to fix it.
type Problem struct {
	Pos Pos
	Msg string // "what is wrong; how to fix it"
}

func (p Problem) String() string { return p.Pos.String() + ": " + p.Msg }

// Problems is every problem found in the input. It is an error.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i == MaxProblems {
			if n := len(ps) - MaxProblems; n == 1 {
				b.WriteString("... and 1 more problem")
			} else {
				fmt.Fprintf(&b, "... and %d more problems", n)
			}
			break
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Err returns ps as an error, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

func (ps *Problems) add(pos Pos, format string, args ...any) {
	*ps = append(*ps, Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// sortProblems orders problems by file and line, keeping the order of
// problems found on the same line.
func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Pos.File != ps[j].Pos.File {
			return ps[i].Pos.File < ps[j].Pos.File
		}
		return ps[i].Pos.Line < ps[j].Pos.Line
	})
	return ps
}

// nearest returns the candidate closest to s by edit distance, if it is
// close enough to be a likely typo.
func nearest(s string, candidates []string) (string, bool) {
	best, bestD := "", -1
	for _, c := range candidates {
		d := editDistance(s, c)
		if bestD < 0 || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	limit := len([]rune(s)) / 3
	if limit < 2 {
		limit = 2
	}
	return best, bestD >= 0 && bestD <= limit
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
