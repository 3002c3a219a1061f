// go-qrcode
// Copyright 2014 Tom Harwood

package qrcode

import "math/bits"

// symbol is a 2D array of bits representing a QR Code symbol.
//
// A symbol consists of size*size modules, with each module normally drawn as a
// black or white square. The symbol also has a border of quietZoneSize modules.
//
// A (fictional) size=2, quietZoneSize=1 QR Code looks like:
//
// +----+
// |    |
// | ab |
// | cd |
// |    |
// +----+
//
// For ease of implementation, the functions to set/get bits ignore the border,
// so (0,0)=a, (0,1)=b, (1,0)=c, and (1,1)=d. The entire symbol (including the
// border) is returned by bitmap().
type symbol struct {
	// Value of module at [y][x]. True is set.
	module [][]bool

	// True if the module at [y][x] is used (to either true or false).
	// Used to identify unused modules.
	isUsed [][]bool

	// Combined width/height of the symbol and quiet zones.
	//
	// size = symbolSize + 2*quietZoneSize.
	size int

	// Width/height of the symbol only.
	symbolSize int

	// Width/height of a single quiet zone.
	quietZoneSize int
}

// newSymbol constructs a symbol of size size*size, with a border of
// quietZoneSize.
func newSymbol(size int, quietZoneSize int) *symbol {
	var m symbol

	n := size + 2*quietZoneSize
	m.module = make([][]bool, n)
	m.isUsed = make([][]bool, n)

	// bulletin: each matrix's rows in one allocation.
	modules, used := make([]bool, n*n), make([]bool, n*n)
	for i := range m.module {
		m.module[i] = modules[i*n : (i+1)*n : (i+1)*n]
		m.isUsed[i] = used[i*n : (i+1)*n : (i+1)*n]
	}

	m.size = size + 2*quietZoneSize
	m.symbolSize = size
	m.quietZoneSize = quietZoneSize

	return &m
}

// newModules returns a symbol of m's size whose modules are its own (all
// false) and whose isUsed is m's.
func newModules(m *symbol) *symbol {
	n := m.size
	c := *m
	c.module = make([][]bool, n)
	modules := make([]bool, n*n)
	for i := range c.module {
		c.module[i] = modules[i*n : (i+1)*n : (i+1)*n]
	}
	return &c
}

// get returns the module value at (x, y).
func (m *symbol) get(x int, y int) (v bool) {
	v = m.module[y+m.quietZoneSize][x+m.quietZoneSize]
	return
}

// empty returns true if the module at (x, y) has not been set (to either true
// or false).
func (m *symbol) empty(x int, y int) bool {
	return !m.isUsed[y+m.quietZoneSize][x+m.quietZoneSize]
}

// numEmptyModules returns the number of empty modules.
//
// Initially numEmptyModules is symbolSize * symbolSize. After every module has
// been set (to either true or false), the number of empty modules is zero.
func (m *symbol) numEmptyModules() int {
	var count int
	for y := 0; y < m.symbolSize; y++ {
		for x := 0; x < m.symbolSize; x++ {
			if !m.isUsed[y+m.quietZoneSize][x+m.quietZoneSize] {
				count++
			}
		}
	}

	return count
}

// set sets the module at (x, y) to v.
func (m *symbol) set(x int, y int, v bool) {
	m.module[y+m.quietZoneSize][x+m.quietZoneSize] = v
	m.isUsed[y+m.quietZoneSize][x+m.quietZoneSize] = true
}

// set2dPattern sets a 2D array of modules, starting at (x, y).
func (m *symbol) set2dPattern(x int, y int, v [][]bool) {
	for j, row := range v {
		for i, value := range row {
			m.set(x+i, y+j, value)
		}
	}
}

// bitmap returns the entire symbol, including the quiet zone.
func (m *symbol) bitmap() [][]bool {
	module := make([][]bool, len(m.module))

	for i := range m.module {
		module[i] = m.module[i][:]
	}

	return module
}

// string returns a pictorial representation of the symbol, suitable for
// printing in a TTY.
func (m *symbol) string() string {
	var result string

	for _, row := range m.module {
		for _, value := range row {
			switch value {
			case true:
				result += "  "
			case false:
				// Unicode 'FULL BLOCK' (U+2588).
				result += "██"
			}
		}
		result += "\n"
	}

	return result
}

// Constants used to weight penalty calculations. Specified by ISO/IEC
// 18004:2006.
const (
	penaltyWeight1 = 3
	penaltyWeight2 = 3
	penaltyWeight3 = 40
	penaltyWeight4 = 10
)

// penaltyScore returns the penalty score of the symbol. The penalty score
// consists of the sum of the four individual penalty types.
func (m *symbol) penaltyScore() int {
	// bulletin: symbols up to 64 modules wide (versions 1-11) are scored
	// in one pass that packs rows and columns into words (penaltyPacked);
	// larger ones by the four rules in turn. Both give upstream's score.
	if m.symbolSize <= 64 {
		return m.penaltyPacked()
	}
	return m.penalty1() + m.penalty2() + m.penalty3() + m.penalty4()
}

// penaltyPacked is penalty1() + penalty2() + penalty3() + penalty4() for
// a symbol at most 64 modules wide: one pass over the modules packs each
// row and each column into a word (bit i = module i along the line), and
// the rules are counted with word operations on those.
func (m *symbol) penaltyPacked() int {
	var rows, cols [64]uint64
	q, n := m.quietZoneSize, m.symbolSize
	for y := 0; y < n; y++ {
		row := m.module[y+q][q : q+n]
		var w uint64
		for x, v := range row {
			b := bit(v)
			w |= b << uint(x)
			cols[x&63] |= b << uint(y)
		}
		rows[y] = w
	}

	return penaltyWords(rows[:n], cols[:n])
}

// penaltyWords is the penalty score of the symbol whose rows and columns
// (n of each, n <= 64) are the words given (bit i = module i along it).
func penaltyWords(rows, cols []uint64) int {
	n := len(rows)
	penalty, dark := 0, 0
	for i := 0; i < n; i++ {
		penalty += linePenalty1(rows[i], n) + linePenalty1(cols[i], n)
		penalty += linePenalty3(rows[i], n) + linePenalty3(cols[i], n)
		dark += bits.OnesCount64(rows[i])
	}

	// Rule 2: 2x2 blocks of one colour, rows y and y+1, columns x and x+1.
	pairs := uint64(1)<<uint(n-1) - 1 // x = 0 .. n-2
	blocks := 0
	for y := 0; y+1 < n; y++ {
		a, b := rows[y], rows[y+1]
		same := ^(a ^ b) // a[x] == b[x]
		blocks += bits.OnesCount64(same & (same >> 1) & ^(a ^ (a >> 1)) & pairs)
	}
	penalty += blocks * penaltyWeight2

	// Rule 4, as penalty4.
	numModules := n * n
	deviation := numModules/2 - dark
	if deviation < 0 {
		deviation = -deviation
	}
	return penalty + penaltyWeight4*(deviation/(numModules/20))
}

// bit is 1 for true, without a branch (the modules of a masked symbol are
// as good as random).
func bit(v bool) uint64 {
	var b uint64
	if v {
		b = 1
	}
	return b
}

// linePenalty1 is penalty1's score of one line of n modules (w's bits):
// a run of L >= 6 modules of one colour scores L-2, that is one for each
// window of six equal modules in it and three more for the run.
func linePenalty1(w uint64, n int) int {
	eq := ^(w ^ (w >> 1)) & (uint64(1)<<uint(n-1) - 1)        // module x == module x+1
	six := eq & (eq >> 1) & (eq >> 2) & (eq >> 3) & (eq >> 4) // modules x .. x+5 equal
	starts := six &^ (eq << 1)                                // ... and x-1 differs
	return bits.OnesCount64(six) + penaltyWeight1*bits.OnesCount64(starts)
}

// linePenalty3 is penalty3's score of one line of n modules (w's bits).
// penalty3 shifts the modules into an 11-bit buffer and scores a finding
// where it reads light*4 then 1011101, or 1011101 then light*4 (modules
// before the line count as light); after a finding it sets the buffer to
// 0xFF, and at the line's last module it also scores a 1011101 that ends
// there. bulletin: the findings are found with word operations and the
// buffer's quirks followed only from one to the next. After a finding at
// x, the buffer at x+k holds 0xFF<<k: for k <= 9 no finding can be read,
// at k = 10 only the second kind, with its first module whatever it is
// (c); from k = 11 the buffer is the modules again. At the last module,
// 0xFF<<k leaves the last seven modules as they are for k >= 7, sets the
// first of them for k = 6 and rules a 1011101 out for k <= 5.
func linePenalty3(w uint64, n int) int {
	if n < 7 {
		return 0
	}
	core := w << 6 &^ (w << 5) & (w << 4) & (w << 3) & (w << 2) &^ (w << 1) & w // x-6 .. x: 1011101
	a := core &^ (w<<7 | w<<8 | w<<9 | w<<10)                                   // light*4, 1011101
	c := w << 8 & (w << 7) & (w << 6) & (w << 4) &^ (w<<9 | w<<5 | w<<3 | w<<2 | w<<1 | w)
	b := c & (w << 10) // 1011101, light*4
	lim := uint64(1)<<uint(n) - 1
	penalty, last := 0, -11
	for cand := (a | b | c) & lim; cand != 0; cand &= cand - 1 {
		x := bits.TrailingZeros64(cand)
		if k := x - last; k >= 11 && (a|b)>>uint(x)&1 != 0 || k == 10 && c>>uint(x)&1 != 0 {
			penalty += penaltyWeight3
			last = x
		}
	}
	if x := n - 1; last != x {
		k := x - last
		if k >= 7 && core>>uint(x)&1 != 0 || k == 6 && (w>>uint(x-5))&0x3f == 0b101110 {
			penalty += penaltyWeight3
		}
	}
	return penalty
}

// penalty1 returns the penalty score for "adjacent modules in row/column with
// same colour".
//
// The numbers of adjacent matching modules and scores are:
// 0-5: score = 0
// 6+ : score = penaltyWeight1 + (numAdjacentModules - 5)
func (m *symbol) penalty1() int {
	// bulletin: the same score as upstream's, reading the rows directly
	// (upstream's per-module get() was a fifth of the encoding time).
	q, n := m.quietZoneSize, m.symbolSize
	rows := m.module[q : q+n]
	penalty := 0
	run := func(count int) {
		if count == 6 {
			penalty += penaltyWeight1 + 1
		} else if count > 6 {
			penalty++
		}
	}

	for x := q; x < q+n; x++ {
		lastValue := rows[0][x]
		count := 1
		for _, row := range rows[1:] {
			if v := row[x]; v != lastValue {
				count = 1
				lastValue = v
			} else {
				count++
				run(count)
			}
		}
	}

	for _, row := range rows {
		row = row[q : q+n]
		lastValue := row[0]
		count := 1
		for _, v := range row[1:] {
			if v != lastValue {
				count = 1
				lastValue = v
			} else {
				count++
				run(count)
			}
		}
	}

	return penalty
}

func (m *symbol) penalty2() int {
	q, n := m.quietZoneSize, m.symbolSize
	penalty := 0

	for y := q + 1; y < q+n; y++ {
		prev, cur := m.module[y-1], m.module[y]
		for x := q + 1; x < q+n; x++ {
			c := cur[x]
			if c == cur[x-1] && c == prev[x] && c == prev[x-1] {
				penalty++
			}
		}
	}

	return penalty * penaltyWeight2
}

// penalty3 returns the penalty score for "1:1:3:1:1 ratio
// (dark:light:dark:light:dark) pattern in row/column, preceded or followed by
// light area 4 modules wide".
//
// Existence of the pattern scores penaltyWeight3.
func (m *symbol) penalty3() int {
	// bulletin: rows read directly, as in penalty1.
	q := m.quietZoneSize
	rows := m.module[q : q+m.symbolSize]
	penalty := 0

	for y := 0; y < m.symbolSize; y++ {
		var bitBuffer int16 = 0x00

		for x := 0; x < m.symbolSize; x++ {
			bitBuffer <<= 1
			if v := rows[y][q+x]; v {
				bitBuffer |= 1
			}

			switch bitBuffer & 0x7ff {
			// 0b000 0101 1101 or 0b10111010000
			// 0x05d           or 0x5d0
			case 0x05d, 0x5d0:
				penalty += penaltyWeight3
				bitBuffer = 0xFF
			default:
				if x == m.symbolSize-1 && (bitBuffer&0x7f) == 0x5d {
					penalty += penaltyWeight3
					bitBuffer = 0xFF
				}
			}
		}
	}

	for x := 0; x < m.symbolSize; x++ {
		var bitBuffer int16 = 0x00

		for y := 0; y < m.symbolSize; y++ {
			bitBuffer <<= 1
			if v := rows[y][q+x]; v {
				bitBuffer |= 1
			}

			switch bitBuffer & 0x7ff {
			// 0b000 0101 1101 or 0b10111010000
			// 0x05d           or 0x5d0
			case 0x05d, 0x5d0:
				penalty += penaltyWeight3
				bitBuffer = 0xFF
			default:
				if y == m.symbolSize-1 && (bitBuffer&0x7f) == 0x5d {
					penalty += penaltyWeight3
					bitBuffer = 0xFF
				}
			}
		}
	}

	return penalty
}

// penalty4 returns the penalty score...
func (m *symbol) penalty4() int {
	numModules := m.symbolSize * m.symbolSize
	numDarkModules := 0

	for x := 0; x < m.symbolSize; x++ {
		for y := 0; y < m.symbolSize; y++ {
			if v := m.get(x, y); v {
				numDarkModules++
			}
		}
	}

	numDarkModuleDeviation := numModules/2 - numDarkModules
	if numDarkModuleDeviation < 0 {
		numDarkModuleDeviation *= -1
	}

	return penaltyWeight4 * (numDarkModuleDeviation / (numModules / 20))
}
