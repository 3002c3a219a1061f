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
	// hint, when set, is a suggestion still to be worked out (see
	// resolveHints).
	hint *hint
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
