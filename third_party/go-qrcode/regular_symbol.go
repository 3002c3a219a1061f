// go-qrcode
// Copyright 2014 Tom Harwood

package qrcode

import (
	bitset "github.com/skip2/go-qrcode/bitset"
)

type regularSymbol struct {
	version qrCodeVersion
	mask    int

	data *bitset.Bitset

	symbol *symbol
	size   int

	// bulletin: where addData put each data bit (x, y), so that the other
	// masks are applied to a copy (remask) instead of building it anew.
	positions [][2]uint8 // x, y: a symbol is at most 177 modules wide
	values    []bool     // the data bit at each of positions
}

// Abbreviated true/false.
const (
	b0 = false
	b1 = true
)

var (
	alignmentPatternCenter = [][]int{
		{}, // Version 0 doesn't exist.
		{}, // Version 1 doesn't use alignment patterns.
		{6, 18},
		{6, 22},
		{6, 26},
		{6, 30},
		{6, 34},
		{6, 22, 38},
		{6, 24, 42},
		{6, 26, 46},
		{6, 28, 50},
		{6, 30, 54},
		{6, 32, 58},
		{6, 34, 62},
		{6, 26, 46, 66},
		{6, 26, 48, 70},
		{6, 26, 50, 74},
		{6, 30, 54, 78},
		{6, 30, 56, 82},
		{6, 30, 58, 86},
		{6, 34, 62, 90},
		{6, 28, 50, 72, 94},
		{6, 26, 50, 74, 98},
		{6, 30, 54, 78, 102},
		{6, 28, 54, 80, 106},
		{6, 32, 58, 84, 110},
		{6, 30, 58, 86, 114},
		{6, 34, 62, 90, 118},
		{6, 26, 50, 74, 98, 122},
		{6, 30, 54, 78, 102, 126},
		{6, 26, 52, 78, 104, 130},
		{6, 30, 56, 82, 108, 134},
		{6, 34, 60, 86, 112, 138},
		{6, 30, 58, 86, 114, 142},
		{6, 34, 62, 90, 118, 146},
		{6, 30, 54, 78, 102, 126, 150},
		{6, 24, 50, 76, 102, 128, 154},
		{6, 28, 54, 80, 106, 132, 158},
		{6, 32, 58, 84, 110, 136, 162},
		{6, 26, 54, 82, 110, 138, 166},
		{6, 30, 58, 86, 114, 142, 170},
	}

	finderPattern = [][]bool{
		{b1, b1, b1, b1, b1, b1, b1},
		{b1, b0, b0, b0, b0, b0, b1},
		{b1, b0, b1, b1, b1, b0, b1},
		{b1, b0, b1, b1, b1, b0, b1},
		{b1, b0, b1, b1, b1, b0, b1},
		{b1, b0, b0, b0, b0, b0, b1},
		{b1, b1, b1, b1, b1, b1, b1},
	}

	finderPatternSize = 7

	finderPatternHorizontalBorder = [][]bool{
		{b0, b0, b0, b0, b0, b0, b0, b0},
	}

	finderPatternVerticalBorder = [][]bool{
		{b0},
		{b0},
		{b0},
		{b0},
		{b0},
		{b0},
		{b0},
		{b0},
	}

	alignmentPattern = [][]bool{
		{b1, b1, b1, b1, b1},
		{b1, b0, b0, b0, b1},
		{b1, b0, b1, b0, b1},
		{b1, b0, b0, b0, b1},
		{b1, b1, b1, b1, b1},
	}
)

func buildRegularSymbol(version qrCodeVersion, mask int,
	data *bitset.Bitset, includeQuietZone bool) (*symbol, error) {

	quietZoneSize := 0
	if includeQuietZone {
		quietZoneSize = version.quietZoneSize()
	}

	m := &regularSymbol{
		version: version,
		mask:    mask,
		data:    data,

		symbol: newSymbol(version.symbolSize(), quietZoneSize),
		size:   version.symbolSize(),
	}

	m.addFinderPatterns()
	m.addAlignmentPatterns()
	m.addTimingPatterns()
	m.addFormatInfo()
	m.addVersionInfo()

	ok, err := m.addData()
	if !ok {
		return nil, err
	}

	return m.symbol, nil
}

// buildRegular is buildRegularSymbol returning the regularSymbol.
func buildRegular(version qrCodeVersion, mask int, data *bitset.Bitset, includeQuietZone bool) (*regularSymbol, error) {
	quietZoneSize := 0
	if includeQuietZone {
		quietZoneSize = version.quietZoneSize()
	}
	m := &regularSymbol{version: version, mask: mask, data: data,
		symbol: newSymbol(version.symbolSize(), quietZoneSize), size: version.symbolSize()}
	m.addFinderPatterns()
	m.addAlignmentPatterns()
	m.addTimingPatterns()
	m.addFormatInfo()
	m.addVersionInfo()
	if ok, err := m.addData(); !ok {
		return nil, err
	}
	return m, nil
}

// remask returns a copy of m's symbol with mask applied instead: the same
// modules as buildRegularSymbol(m.version, mask, m.data, ...).
func (m *regularSymbol) remask(mask int) *symbol {
	src := m.symbol
	c := newSymbol(src.symbolSize, src.quietZoneSize)
	for y := range src.isUsed {
		copy(c.isUsed[y], src.isUsed[y])
	}
	m.remaskInto(c, mask)
	return c
}

// remaskInto sets c's modules to those of m's symbol with mask applied
// instead (c's isUsed is left as it is: a scratch symbol to score).
func (m *regularSymbol) remaskInto(c *symbol, mask int) {
	for y := range m.symbol.module {
		copy(c.module[y], m.symbol.module[y])
	}
	r := regularSymbol{version: m.version, mask: mask, data: m.data, symbol: c, size: m.size}
	r.addFormatInfo()
	q := c.quietZoneSize
	for i, p := range m.positions {
		x, y := int(p[0]), int(p[1])
		c.module[y+q][x+q] = maskBit(mask, x, y) != m.values[i]
	}
}

// maskBit is addData's mask at module (x, y), x counted as addData's
// x+xOffset.
func maskBit(mask, x, y int) bool {
	switch mask {
	case 0:
		return (y+x)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (y+x)%3 == 0
	case 4:
		return (y/2+x/3)%2 == 0
	case 5:
		return (y*x)%2+(y*x)%3 == 0
	case 6:
		return ((y*x)%2+((y*x)%3))%2 == 0
	case 7:
		return ((y+x)%2+((y*x)%3))%2 == 0
	}
	return false
}

func (m *regularSymbol) addFinderPatterns() {
	fpSize := finderPatternSize
	fp := finderPattern
	fpHBorder := finderPatternHorizontalBorder
	fpVBorder := finderPatternVerticalBorder

	// Top left Finder Pattern.
	m.symbol.set2dPattern(0, 0, fp)
	m.symbol.set2dPattern(0, fpSize, fpHBorder)
	m.symbol.set2dPattern(fpSize, 0, fpVBorder)

	// Top right Finder Pattern.
	m.symbol.set2dPattern(m.size-fpSize, 0, fp)
	m.symbol.set2dPattern(m.size-fpSize-1, fpSize, fpHBorder)
	m.symbol.set2dPattern(m.size-fpSize-1, 0, fpVBorder)

	// Bottom left Finder Pattern.
	m.symbol.set2dPattern(0, m.size-fpSize, fp)
	m.symbol.set2dPattern(0, m.size-fpSize-1, fpHBorder)
	m.symbol.set2dPattern(fpSize, m.size-fpSize-1, fpVBorder)
}

func (m *regularSymbol) addAlignmentPatterns() {
	for _, x := range alignmentPatternCenter[m.version.version] {
		for _, y := range alignmentPatternCenter[m.version.version] {
			if !m.symbol.empty(x, y) {
				continue
			}

			m.symbol.set2dPattern(x-2, y-2, alignmentPattern)
		}
	}
}

func (m *regularSymbol) addTimingPatterns() {
	value := true

	for i := finderPatternSize + 1; i < m.size-finderPatternSize; i++ {
		m.symbol.set(i, finderPatternSize-1, value)
		m.symbol.set(finderPatternSize-1, i, value)

		value = !value
	}
}

func (m *regularSymbol) addFormatInfo() {
	l := formatInfoLengthBits - 1

	f := m.version.formatInfo(m.mask)

	// bulletin: the modules in formatModules (the same, in the same order).
	for _, p := range formatModules(m.size) {
		m.symbol.set(p.x, p.y, p.bit < 0 || f.At(l-p.bit))
	}
}

// formatModule is a module of the format information: at (x, y), format
// bit bit (0-14; f.At(l-bit) in addFormatInfo), or -1 for the module that
// is always dark.
type formatModule struct{ x, y, bit int }

// formatModules returns the modules addFormatInfo sets in a symbol of
// size modules, in the order it sets them (bulletin: upstream's loops,
// with the modules listed rather than set, for maskWords).
func formatModules(size int) []formatModule {
	fpSize := finderPatternSize
	out := make([]formatModule, 0, 2*formatInfoLengthBits+1)

	// Bits 0-7, under the top right finder pattern.
	for i := 0; i <= 7; i++ {
		out = append(out, formatModule{size - i - 1, fpSize + 1, i})
	}

	// Bits 0-5, right of the top left finder pattern.
	for i := 0; i <= 5; i++ {
		out = append(out, formatModule{fpSize + 1, i, i})
	}

	// Bits 6-8 on the corner of the top left finder pattern.
	out = append(out, formatModule{fpSize + 1, fpSize, 6}, formatModule{fpSize + 1, fpSize + 1, 7}, formatModule{fpSize, fpSize + 1, 8})

	// Bits 9-14 on the underside of the top left finder pattern.
	for i := 9; i <= 14; i++ {
		out = append(out, formatModule{14 - i, fpSize + 1, i})
	}

	// Bits 8-14 on the right side of the bottom left finder pattern.
	for i := 8; i <= 14; i++ {
		out = append(out, formatModule{fpSize + 1, size - fpSize + i - 8, i})
	}

	// Always dark symbol.
	return append(out, formatModule{fpSize + 1, size - fpSize - 1, -1})
}

func (m *regularSymbol) addVersionInfo() {
	fpSize := finderPatternSize

	v := m.version.versionInfo()
	l := versionInfoLengthBits - 1

	if v == nil {
		return
	}

	for i := 0; i < v.Len(); i++ {
		// Above the bottom left finder pattern.
		m.symbol.set(i/3, m.size-fpSize-4+i%3, v.At(l-i))

		// Left of the top right finder pattern.
		m.symbol.set(m.size-fpSize-4+i%3, i/3, v.At(l-i))
	}
}

type direction uint8

const (
	up direction = iota
	down
)

func (m *regularSymbol) addData() (bool, error) {
	m.positions = make([][2]uint8, 0, m.data.Len())
	m.values = make([]bool, 0, m.data.Len())
	xOffset := 1
	dir := up

	x := m.size - 2
	y := m.size - 1

	for i := 0; i < m.data.Len(); i++ {
		var mask bool
		switch m.mask {
		case 0:
			mask = (y+x+xOffset)%2 == 0
		case 1:
			mask = y%2 == 0
		case 2:
			mask = (x+xOffset)%3 == 0
		case 3:
			mask = (y+x+xOffset)%3 == 0
		case 4:
			mask = (y/2+(x+xOffset)/3)%2 == 0
		case 5:
			mask = (y*(x+xOffset))%2+(y*(x+xOffset))%3 == 0
		case 6:
			mask = ((y*(x+xOffset))%2+((y*(x+xOffset))%3))%2 == 0
		case 7:
			mask = ((y+x+xOffset)%2+((y*(x+xOffset))%3))%2 == 0
		}

		// != is equivalent to XOR.
		bit := m.data.At(i)
		m.symbol.set(x+xOffset, y, mask != bit)
		m.positions = append(m.positions, [2]uint8{uint8(x + xOffset), uint8(y)})
		m.values = append(m.values, bit)

		if i == m.data.Len()-1 {
			break
		}

		// Find next free bit in the symbol.
		for {
			if xOffset == 1 {
				xOffset = 0
			} else {
				xOffset = 1

				if dir == up {
					if y > 0 {
						y--
					} else {
						dir = down
						x -= 2
					}
				} else {
					if y < m.size-1 {
						y++
					} else {
						dir = up
						x -= 2
					}
				}
			}

			// Skip over the vertical timing pattern entirely.
			if x == 5 {
				x--
			}

			if m.symbol.empty(x+xOffset, y) {
				break
			}
		}
	}

	return true, nil
}

// bestMask returns the mask upstream's search picks for m's data (the
// lowest penalty, the first of equal ones), m being the mask-0 symbol of
// a version at most 64 modules wide: each mask's symbol is made as words
// (maskWords) and scored by penaltyWords; only the chosen symbol is then
// made as modules.
func (m *regularSymbol) bestMask() int {
	w := m.maskWords()
	n := m.symbol.symbolSize
	best, penalty := 0, 0
	var sym rowsCols
	for mask := 0; mask < 8; mask++ {
		w.symbol(mask, &sym)
		if p := penaltyWords(sym.rows[:n], sym.cols[:n]); mask == 0 || p < penalty {
			best, penalty = mask, p
		}
	}
	return best
}

// maskWords makes the symbols of m's data with each mask as words, a word
// per row and per column: from the mask-0 symbol's function modules, the
// data bits at the data positions and the mask's pattern (periodic, every
// 12 modules both ways), with the format bits of that mask.
type maskWords struct {
	base, data, value, format rowsCols // mask-0 symbol, data positions, data bits, format positions
	at                        []formatModule
	version                   qrCodeVersion
	n                         int
}

func (m *regularSymbol) maskWords() *maskWords {
	s := m.symbol
	n := s.symbolSize
	w := &maskWords{n: n}
	w.base.pack(s)
	for i, p := range m.positions {
		w.data.set(int(p[0]), int(p[1]))
		if m.values[i] {
			w.value.set(int(p[0]), int(p[1]))
		}
	}
	// The format bits, where addFormatInfo writes them.
	w.version = m.version
	w.at = formatModules(m.size)
	for _, p := range w.at {
		w.format.set(p.x, p.y)
	}
	return w
}

// symbol sets sym to the symbol with mask as words.
func (w *maskWords) symbol(mask int, sym *rowsCols) {
	f := w.version.formatInfo(mask)
	var fv rowsCols
	for _, p := range w.at {
		if p.bit < 0 || f.At(formatInfoLengthBits-1-p.bit) {
			fv.set(p.x, p.y)
		}
	}
	tile := &maskTiles[mask]
	for i := 0; i < w.n; i++ {
		pr, pc := repeat12(tile.rows[i%12]), repeat12(tile.cols[i%12])
		sym.rows[i] = w.base.rows[i]&^w.data.rows[i]&^w.format.rows[i] | (w.value.rows[i]^pr)&w.data.rows[i] | fv.rows[i]
		sym.cols[i] = w.base.cols[i]&^w.data.cols[i]&^w.format.cols[i] | (w.value.cols[i]^pc)&w.data.cols[i] | fv.cols[i]
	}
}

// rowsCols is a symbol (at most 64 modules wide) as words: bit x of
// rows[y] and bit y of cols[x] are module (x, y).
type rowsCols struct{ rows, cols [64]uint64 }

func (w *rowsCols) set(x, y int) {
	w.rows[y] |= 1 << uint(x)
	w.cols[x] |= 1 << uint(y)
}

// pack sets w to s's modules (without the quiet zone).
func (w *rowsCols) pack(s *symbol) {
	q, n := s.quietZoneSize, s.symbolSize
	for y := 0; y < n; y++ {
		for x, v := range s.module[y+q][q : q+n] {
			if v {
				w.set(x, y)
			}
		}
	}
}

// maskTiles are the masks' patterns over 12x12 modules (maskBit is
// periodic with a period dividing 12 in x and in y): bit x of rows[y] and
// bit y of cols[x] are maskBit(mask, x, y). Made once, never changed.
var maskTiles = func() (t [8]struct{ rows, cols [12]uint64 }) {
	for mask := range t {
		for y := 0; y < 12; y++ {
			for x := 0; x < 12; x++ {
				if maskBit(mask, x, y) {
					t[mask].rows[y] |= 1 << uint(x)
					t[mask].cols[x] |= 1 << uint(y)
				}
			}
		}
	}
	return t
}()

// repeat12 repeats the 12 bits of t over 64 bits.
func repeat12(t uint64) uint64 {
	return t | t<<12 | t<<24 | t<<36 | t<<48 | t<<60
}
