package qrcode

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestSameAsUpstream: bulletin's patches (table-driven Reed-Solomon,
// penalty scores over rows) leave every module as upstream's encoder
// (v0.0.0-20200617195104-da1b6568686e) made it: the hash of 3,000 level-M
// symbols, payloads shaped like the certificates', was recorded with the
// unpatched module.
func TestSameAsUpstream(t *testing.T) {
	h := sha256.New()
	for i := range 3000 {
		p := fmt.Sprintf("n=UP/IGRS/2024-11/THN/%04d;c=%010X", i, i*7919+12345)
		if i%3 == 1 {
			p = fmt.Sprintf("https://up-police.example.gov.in/pro/verify?n=UP%%2FIGRS%%2F2024-11%%2F%d&c=%010X", i, i*104729)
		}
		if i%3 == 2 {
			p = fmt.Sprintf("%d;x", i*i)
		}
		q, err := New(p, Medium)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range q.Bitmap() {
			for _, b := range row {
				if b {
					h.Write([]byte{1})
				} else {
					h.Write([]byte{0})
				}
			}
			h.Write([]byte{2})
		}
	}
	const want = "56ac6aa068412a036acb3e14d920066de47ee5b8f1686738899060f9877863ba"
	if got := fmt.Sprintf("%x", h.Sum(nil)); got != want {
		t.Errorf("modules hash %s, upstream's %s", got, want)
	}
}

// upstreamPenalty is the sum of upstream's four penalty rules
// (v0.0.0-20200617195104-da1b6568686e's symbol.go, penalty1 to penalty4,
// copied with get(x, y) as m[y][x]), the reference for penaltyPacked.
func upstreamPenalty(m [][]bool) int {
	n := len(m)
	get := func(x, y int) bool { return m[y][x] }
	p1 := 0
	for x := 0; x < n; x++ {
		lastValue, count := get(x, 0), 1
		for y := 1; y < n; y++ {
			if v := get(x, y); v != lastValue {
				count, lastValue = 1, v
			} else if count++; count == 6 {
				p1 += penaltyWeight1 + 1
			} else if count > 6 {
				p1++
			}
		}
	}
	for y := 0; y < n; y++ {
		lastValue, count := get(0, y), 1
		for x := 1; x < n; x++ {
			if v := get(x, y); v != lastValue {
				count, lastValue = 1, v
			} else if count++; count == 6 {
				p1 += penaltyWeight1 + 1
			} else if count > 6 {
				p1++
			}
		}
	}
	p2 := 0
	for y := 1; y < n; y++ {
		for x := 1; x < n; x++ {
			c := get(x, y)
			if c == get(x-1, y) && c == get(x, y-1) && c == get(x-1, y-1) {
				p2++
			}
		}
	}
	p3 := 0
	for _, byRow := range []bool{true, false} {
		for i := 0; i < n; i++ {
			var bitBuffer int16
			for j := 0; j < n; j++ {
				bitBuffer <<= 1
				v := get(j, i)
				if !byRow {
					v = get(i, j)
				}
				if v {
					bitBuffer |= 1
				}
				switch bitBuffer & 0x7ff {
				case 0x05d, 0x5d0:
					p3 += penaltyWeight3
					bitBuffer = 0xFF
				default:
					if j == n-1 && (bitBuffer&0x7f) == 0x5d {
						p3 += penaltyWeight3
						bitBuffer = 0xFF
					}
				}
			}
		}
	}
	numModules, dark := n*n, 0
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if get(x, y) {
				dark++
			}
		}
	}
	dev := numModules/2 - dark
	if dev < 0 {
		dev *= -1
	}
	return p1 + p2*penaltyWeight2 + p3 + penaltyWeight4*(dev/(numModules/20))
}

// TestPenaltyPackedIsUpstreams: the one-pass score equals upstream's four
// rules on random matrices of every width it takes (dense, sparse and
// even; with the rule-3 pattern and its neighbours planted in rows and
// columns, so that the pattern's quirks — a finding resets the buffer to
// 0xFF, a pattern ending the line counts without light after it — are met),
// and on every mask of real symbols, which maskWords makes word for word
// as remask makes them.
func TestPenaltyPackedIsUpstreams(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2026))
	plant := []string{"1011101", "00001011101", "10111010000", "1011101000010111010000",
		"10111010000101110100001011101", "000010111010000", "10111010000011101", "1011101011101"}
	checked := 0
	for n := 7; n <= 64; n++ {
		for trial := 0; trial < 300; trial++ {
			m := newSymbol(n, 2)
			density := []float64{0.5, 0.2, 0.8, 0.05, 0.95}[trial%5]
			for y := 0; y < n; y++ {
				for x := 0; x < n; x++ {
					m.set(x, y, rng.Float64() < density)
				}
			}
			for k := rng.IntN(6); k > 0; k-- {
				s := plant[rng.IntN(len(plant))]
				if len(s) > n {
					continue
				}
				at, line, byRow := rng.IntN(n-len(s)+1), rng.IntN(n), rng.IntN(2) == 0
				if rng.IntN(3) == 0 {
					at = n - len(s) // ending the line
				}
				for i, c := range s {
					if byRow {
						m.set(at+i, line, c == '1')
					} else {
						m.set(line, at+i, c == '1')
					}
				}
			}
			got, want := m.penaltyPacked(), upstreamPenalty(inner(m))
			if got != want {
				t.Fatalf("n=%d trial %d: penaltyPacked %d, upstream %d", n, trial, got, want)
			}
			checked++
		}
	}
	for v := 1; v <= 11; v++ {
		q, err := NewWithForcedVersion(fmt.Sprintf("bulletin %d", v*v), v, Medium)
		if err != nil {
			t.Fatal(err)
		}
		q.encode()
		base, err := buildRegular(q.version, 0, q.encodeBlocks(), true)
		if err != nil {
			t.Fatal(err)
		}
		for mask := 0; mask < 8; mask++ {
			s := base.symbol
			if mask > 0 {
				s = base.remask(mask)
			}
			if got, want := s.penaltyPacked(), upstreamPenalty(inner(s)); got != want {
				t.Fatalf("version %d mask %d: penaltyPacked %d, upstream %d", v, mask, got, want)
			}
			// The symbol bestMask scores is this one, word for word.
			var want rowsCols
			want.pack(s)
			var got rowsCols
			if base.maskWords().symbol(mask, &got); got != want {
				t.Fatalf("version %d mask %d: maskWords differ from the masked symbol", v, mask)
			}
			checked++
		}
	}
	t.Logf("%d matrices scored alike", checked)
}

// inner is m's modules without the quiet zone.
func inner(m *symbol) [][]bool {
	q, n := m.quietZoneSize, m.symbolSize
	out := make([][]bool, n)
	for y := range out {
		out[y] = m.module[y+q][q : q+n]
	}
	return out
}

// A certificate's code, from its payload to its modules.
func BenchmarkCertificateCode(b *testing.B) {
	for i := 0; i < b.N; i++ {
		p := fmt.Sprintf("n=UP/IGRS/2024-11/THN/%04d;c=%010X", i%10000, i*7919+12345)
		q, err := New(p, Medium)
		if err != nil {
			b.Fatal(err)
		}
		q.Bitmap()
	}
}
